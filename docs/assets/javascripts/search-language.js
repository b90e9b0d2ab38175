// Search only the pages of the language being read. The build writes one index
// per language (search/ for zh, en/search/ for en); Material looks for the
// index under config.base, so on English pages point it at /en/.
(function () {
  var element = document.getElementById("__config");
  var lang = document.documentElement.lang;
  if (!element || !lang || lang.indexOf("zh") === 0) return;
  var config = JSON.parse(element.textContent);
  config.base = config.base.replace(/\/?$/, "/") + lang + "/";
  element.textContent = JSON.stringify(config);
})();
