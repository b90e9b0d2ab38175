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
  // The build leaves out what follows from other fields (data_js in pages/roll.py): the pinyin keys
  // when they are the letters of the pinyin as shown.
  rows.forEach(function (r) { if (!r[2]) r[2] = r[9].toLowerCase().replace(/[^a-z0-9]/g, ""); });
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
        // One letter: names whose pinyin starts with it; more: anywhere in the full pinyin, or the initials.
        if (latin.length === 1 ? r[3].charAt(0) !== latin
            : r[2].indexOf(latin) < 0 && r[3].lastIndexOf(latin, 0) !== 0) continue;
      }
      out.push(i);
    }
    return out;
  }
  window.EX_ROLL_SEARCH = search;

  // Matches are shown as copies of their cards in a list of results (at most LIMIT), and the full
  // list is hidden: one change to the page however long the list is (10,000 names: a few ms).
  var list = root.querySelector(".ex-roll-cards");
  var results = document.createElement("ol");
  results.className = "ex-roll-cards ex-roll-results";
  results.hidden = true;
  list.parentNode.insertBefore(results, list);
  var LIMIT = 50, last = null;
  // A long list keeps its cards on one page per initial (data-shards: the address of page LETTER):
  // a result is then a short card linking to the name on its page.
  var shards = root.getAttribute("data-shards");
  // A name's page is the first letter of its initials (shard_of in pages/roll.py).
  function shardUrl(row) {
    var letter = /^[a-z]/.test(row[3]) ? row[3].charAt(0) : "0";
    return shards.replace("LETTER", letter) + "#p-" + row[0];
  }
  function brief(row) {
    var li = document.createElement("li"), h = document.createElement("h2"), a = document.createElement("a");
    var zh = document.createElement("span"), py = document.createElement("span");
    li.className = "ex-roll-card ex-roll-brief";
    li.setAttribute("data-id", "p-" + row[0]);
    h.className = "ex-roll-name";
    zh.lang = "zh"; zh.textContent = row[1];
    py.className = "ex-roll-pinyin"; py.lang = "zh-Latn-pinyin"; py.textContent = " " + row[9];
    a.href = shardUrl(row); a.appendChild(zh); a.appendChild(py); h.appendChild(a); li.appendChild(h);
    var facts = [row[8], row[4]].filter(Boolean).join(" · ");
    if (facts) { var p = document.createElement("p"); p.textContent = facts; li.appendChild(p); }
    return li;
  }
  // An old shared link (#p-<id>) to a list that has since grown long goes to the name's page.
  if (shards && location.hash.indexOf("#p-") === 0) {
    for (var k = 0; k < rows.length; k++) {
      if ("#p-" + rows[k][0] === location.hash) { location.replace(shardUrl(rows[k])); return; }
    }
  }
  function apply() {
    var q = form.elements.q.value, native = form.elements.native_place.value,
        era = form.elements.era.value, rest = form.elements.resting_place.value;
    // The input's "change" fires again when focus leaves it (a tap on a result): redrawing then
    // would replace the result under the finger and lose the tap.
    var state = [q, native, era, rest].join("\u0001");
    if (state === last) return;
    last = state;
    var text;
    if (!q.trim() && !native && !era && !rest) {
      results.hidden = true;
      results.textContent = "";
      list.hidden = !!shards;
      text = shards ? "" : count.getAttribute("data-template").replace("{shown}", rows.length).replace("{total}", rows.length);
    } else {
      var hits = search(q, native, era, rest);
      var frag = document.createDocumentFragment();
      for (var i = 0; i < hits.length && i < LIMIT; i++) {
        var card = cards[hits[i]];
        if (card) {
          var copy = card.cloneNode(true);
          copy.removeAttribute("id");
          copy.setAttribute("data-id", card.id);
          frag.appendChild(copy);
        } else if (shards) {
          frag.appendChild(brief(rows[hits[i]]));
        }
      }
      results.textContent = "";
      results.appendChild(frag);
      list.hidden = true;
      results.hidden = false;
      text = !hits.length ? count.getAttribute("data-none") :
        count.getAttribute(hits.length > LIMIT ? "data-more" : "data-template")
          .replace("{shown}", hits.length).replace("{total}", rows.length).replace("{limit}", LIMIT);
    }
    count.textContent = text;
  }
  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  // The kiosk's on-screen keys (its screens have no keyboard): each tap types into the field.
  form.addEventListener("click", function (e) {
    var key = e.target.closest ? e.target.closest("[data-roll-key]") : null;
    if (!key) return;
    var input = form.querySelector("#roll-q"), letter = key.getAttribute("data-roll-key");
    input.value = letter === "clear" ? "" : letter === "backspace" ? input.value.slice(0, -1) : input.value + letter;
    apply();
  });
  // A shared link (#p-<id>) always shows its name, whatever was typed before.
  window.addEventListener("hashchange", function () {
    var id = location.hash.slice(1);
    if (id.indexOf("p-") === 0) { form.reset(); last = null; apply(); var el = document.getElementById(id); if (el) el.scrollIntoView(); }
  });
  var q = new URLSearchParams(location.search).get("q");
  if (q) form.elements.q.value = q;
  apply();
})();
