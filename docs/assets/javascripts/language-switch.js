// The header's language menu links each page to the same page in the other language
// (mkdocs-static-i18n writes those links, and the <link rel="alternate" hreflang> in the head).
// Material reads those <link>s, when the page is ready, as other "versions" of the site: it
// fetches a sitemap.xml beside each and then steals clicks on links into that language, sending
// the visitor to the language's home page whenever the page is not found in a sitemap with
// absolute addresses (in a site built without site_url, whenever the English sitemap answers
// first). So the <link>s are out of the page while Material looks (no sitemap is fetched, the
// menu's links are plain links) and back once the page has loaded, unchanged, for search
// engines that read the rendered page. Runs before Material's bundle.
(function () {
  var taken = [];
  var links = document.querySelectorAll('link[rel="alternate"][hreflang]');
  for (var i = 0; i < links.length; i++) {
    taken.push([links[i], links[i].parentNode, links[i].nextSibling]);
    links[i].remove();
  }
  window.addEventListener("load", function () {
    taken.forEach(function (t) { t[1].insertBefore(t[0], t[2]); });
  });
})();
