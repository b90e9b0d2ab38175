// Progressive enhancement only: every page works without this file.
// - Timeline: filter entries by kind and tag (without scripts, exhibition.css hides the <form>).
// - Gallery: kind links show one collection instead of jumping to it.
(function () {
  "use strict";

  function timelineFilter(form) {
    var entries = Array.prototype.slice.call(document.querySelectorAll(".ex-entry"));
    var eras = Array.prototype.slice.call(document.querySelectorAll(".ex-era"));
    var count = form.querySelector(".ex-filter-count");
    function apply() {
      var kind = form.elements.kind.value;
      var tag = form.elements.tag.value;
      var shown = 0;
      entries.forEach(function (entry) {
        var ok = (!kind || entry.dataset.kind === kind) &&
          (!tag || (" " + entry.dataset.tags + " ").indexOf(" " + tag + " ") >= 0);
        entry.hidden = !ok;
        if (ok) shown += 1;
      });
      eras.forEach(function (era) {
        era.hidden = !era.querySelector(".ex-entry:not([hidden])");
      });
      if (count) count.textContent = shown + " / " + entries.length;
    }
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  function galleryFilter(nav) {
    var groups = Array.prototype.slice.call(document.querySelectorAll(".ex-gallery-group"));
    nav.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-ex-show]");
      if (!link) return;
      event.preventDefault();
      var kind = link.getAttribute("data-ex-show");
      groups.forEach(function (group) { group.hidden = kind !== "" && group.dataset.kind !== kind; });
      nav.querySelectorAll("a[data-ex-show]").forEach(function (a) {
        if (a === link) a.setAttribute("aria-current", "true"); else a.removeAttribute("aria-current");
      });
    });
  }

  function start() {
    var form = document.querySelector("form[data-ex-filter=timeline]");
    if (form) timelineFilter(form);
    var nav = document.querySelector(".ex-filter-links");
    if (nav) galleryFilter(nav);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
