// Material reads every <link rel="alternate"> as the root of a language and fetches
// sitemap.xml beside it. static-i18n's alternates point to this page in each language,
// so that fetch would 404 on every page. The HTML keeps the per-page hreflang links
// (search engines read them there); the browser's copy points at each language's root,
// where a sitemap.xml exists. Runs before Material's bundle.
(function () {
  var element = document.getElementById("__config");
  if (!element) return;
  var root = new URL(JSON.parse(element.textContent).base.replace(/\/?$/, "/"), location.href);
  var links = document.querySelectorAll('link[rel="alternate"][hreflang]');
  for (var i = 0; i < links.length; i++) {
    var lang = links[i].getAttribute("hreflang");
    links[i].href = lang.indexOf("zh") === 0 ? root.href : new URL(lang + "/", root).href;
  }
})();
