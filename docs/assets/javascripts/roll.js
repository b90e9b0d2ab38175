// 英名录: search names by characters, full pinyin or initials, and filter by native place,
// era and resting place. Loaded only on roll pages, after the list's data file
// (window.EX_ROLL[<list>], a <script src> so it works from file:// in the kiosk).
// Without this file every card is still on the page.
(function () {
  "use strict";
  var root = document.querySelector(".ex-roll[data-roll]");
  if (!root || !window.EX_ROLL) return;
  var data = window.EX_ROLL[root.getAttribute("data-roll")];
  var form = root.querySelector(".ex-roll-search");
  if (!data || !form) return;
  var rows = data.rows;
  var cards = rows.map(function (row) { return document.getElementById("p-" + row[0]); });
  var count = form.querySelector(".ex-roll-shown");
  var CJK = /[\u3400-\u9fff\uf900-\ufaff\ud840-\ud87f]/;

  // Exported for tests and the benchmark: indexes of the rows matching a query and filters.
  function search(query, native, era, rest) {
    var q = (query || "").trim().toLowerCase();
    var han = CJK.test(q);
    var latin = han ? "" : q.replace(/[^a-z0-9]/g, "");
    var out = [];
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      if (native && r[4] !== native) continue;
      if (era && r[5] !== era) continue;
      if (rest && r[6] !== rest) continue;
      if (han) {
        if (r[1].indexOf(q.replace(/\s+/g, "")) < 0) continue;
      } else if (latin) {
        if (r[2].indexOf(latin) < 0 && r[3].lastIndexOf(latin, 0) !== 0) continue;
      }
      out.push(i);
    }
    return out;
  }
  window.EX_ROLL_SEARCH = search;

  var shown = rows.map(function () { return true; });
  function apply() {
    var hits = search(form.elements.q.value, form.elements.native_place.value,
                      form.elements.era.value, form.elements.resting_place.value);
    var want = rows.map(function () { return false; });
    hits.forEach(function (i) { want[i] = true; });
    for (var i = 0; i < cards.length; i++) {
      if (cards[i] && want[i] !== shown[i]) { cards[i].hidden = !want[i]; shown[i] = want[i]; }
    }
    count.textContent = hits.length ? count.getAttribute("data-template")
      .replace("{shown}", hits.length).replace("{total}", rows.length) : count.getAttribute("data-none");
  }
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  // A shared link (#p-<id>) always shows its name, whatever was typed before.
  window.addEventListener("hashchange", function () {
    var id = location.hash.slice(1);
    if (id.indexOf("p-") === 0) { form.reset(); apply(); var el = document.getElementById(id); if (el) el.scrollIntoView(); }
  });
  var q = new URLSearchParams(location.search).get("q");
  if (q) form.elements.q.value = q;
  apply();
})();
