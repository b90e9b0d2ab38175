// Kiosk edition: the visitor's large-text and high-contrast choices, applied before the page is
// drawn (loaded in <head>, not deferred). The buttons are in kiosk.js.
// The kiosk's one address is site-kiosk/index.html: opened fresh (no visit begun on the attract
// screen or on any page in this tab: kiosk.js keeps kx-visit), the home goes to the attract screen
// before anything is drawn.
(function () {
  var root = document.documentElement;
  root.classList.add("kx");
  try {
    var K = JSON.parse(document.getElementById("__kiosk").textContent);
    var home = new URL(K.home, location.href).href.split("#")[0];
    if (location.href.split("#")[0] === home && !sessionStorage.getItem("kx-begun") && !sessionStorage.getItem("kx-visit")) {
      location.replace(new URL(K.attract, location.href).href);
      return;
    }
  } catch (e) { /* storage off: the home, as it is */ }
  try {
    if (sessionStorage.getItem("kx-large") === "1") root.classList.add("kx-large");
    if (sessionStorage.getItem("kx-contrast") === "1") root.classList.add("kx-contrast");
  } catch (e) { /* storage off: defaults */ }
})();
