// The header's language menu links each page to the same page in the other language
// (mkdocs-static-i18n writes those links). Material, seeing <link rel="alternate" hreflang>,
// treats each language as another "version" of the site: it fetches a sitemap.xml beside
// each and then steals clicks on links into that language, sending the visitor to the
// language's home page whenever the page is not found in a sitemap with absolute addresses
// (every time, in a site built without site_url). Search engines read the alternates in the
// HTML as served; the browser's copy drops them, so the menu's links are plain links and
// no sitemap is fetched. Runs before Material's bundle.
(function () {
  var links = document.querySelectorAll('link[rel="alternate"][hreflang]');
  for (var i = 0; i < links.length; i++) links[i].remove();
})();
