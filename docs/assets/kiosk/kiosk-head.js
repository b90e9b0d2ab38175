// Kiosk edition: the visitor's large-text and high-contrast choices, applied before the page is
// drawn (loaded in <head>, not deferred). The buttons are in kiosk.js.
(function () {
  var root = document.documentElement;
  root.classList.add("kx");
  try {
    if (sessionStorage.getItem("kx-large") === "1") root.classList.add("kx-large");
    if (sessionStorage.getItem("kx-contrast") === "1") root.classList.add("kx-contrast");
  } catch (e) { /* storage off: defaults */ }
})();
