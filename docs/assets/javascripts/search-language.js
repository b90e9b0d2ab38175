// Before Material's bundle reads its configuration (#__config):
// - Search only the pages of the language being read. The build writes one index per language
//   (search/ for zh, en/search/ for en); Material looks for the index under config.base, so on
//   English pages point it at /en/.
// - Run Material's search worker inside ours (workers/exhibition-search.js, beside it): pinyin,
//   traditional characters, words inside titles, exact titles first. Only where the page has
//   Material's search box (the kiosk has its own search page).
(function () {
  var element = document.getElementById("__config");
  if (!element) return;
  var config = JSON.parse(element.textContent);
  var lang = document.documentElement.lang;
  if (lang && lang.indexOf("zh") !== 0) config.base = config.base.replace(/\/?$/, "/") + lang + "/";
  if (config.search && document.querySelector(".md-search")) {
    config.search = config.search.replace(/[^/]*$/, function (material) {
      return "exhibition-search.js?material=" + encodeURIComponent(material);
    });
  }
  element.textContent = JSON.stringify(config);
})();
