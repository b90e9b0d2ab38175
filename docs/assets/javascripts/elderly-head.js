// 长者模式 / Large text and high contrast (issue #26), web edition: the visitor's choice, remembered
// for the visit (sessionStorage), applied in <head> before the page is drawn. The switches: elderly.js.
(function () {
  try {
    var root = document.documentElement;
    if (sessionStorage.getItem("ex-elderly") === "1") root.classList.add("ex-elderly");
    if (sessionStorage.getItem("ex-contrast") === "1") root.classList.add("ex-contrast");
  } catch (e) { /* storage off: the default page */ }
})();
