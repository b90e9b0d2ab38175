// 长者模式 / Large text and 高对比 / High contrast switches (issue #26), web edition
// (overrides/partials/elderly-switch.html): each turns a class on <html> (docs/assets/elderly.css)
// and is remembered for the visit in sessionStorage; elderly-head.js applies it on the next page.
(function () {
  "use strict";
  var root = document.documentElement;
  var classes = { elderly: "ex-elderly", contrast: "ex-contrast" };
  function remember(mode, on) {
    try { if (on) sessionStorage.setItem(classes[mode], "1"); else sessionStorage.removeItem(classes[mode]); } catch (e) { /* storage off */ }
  }
  var switches = document.querySelectorAll("[data-ex-mode]");
  Array.prototype.forEach.call(switches, function (button) {
    var mode = button.getAttribute("data-ex-mode");
    button.setAttribute("aria-checked", String(root.classList.contains(classes[mode])));
    button.addEventListener("click", function () {
      var on = !root.classList.contains(classes[mode]);
      root.classList.toggle(classes[mode], on);
      button.setAttribute("aria-checked", String(on));
      remember(mode, on);
    });
  });
})();
