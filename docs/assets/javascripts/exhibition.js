// Progressive enhancement only: every page works without this file.
// - Timeline: filter entries by kind and tag (without scripts, exhibition.css hides the <form>).
// - Gallery: kind links show one collection instead of jumping to it.
// - Pictures: a tap on a picture link opens it large in GLightbox, whose files (17.5 KB gzip) are
//   fetched on that first tap, not with every page (a visitor who only reads never downloads them).
//   Without scripts the link opens the large picture itself.
// - Search: a result that is a record with a picture shows it, as the cards of every list do.
// - Offline (web edition only: its pages carry <meta name="ex-offline">): registers the service worker
//   the build writes at the site's root (sw.js), and on the offline page lists the pages it kept.
// - Audio guide: one recording plays at a time; at the end of a tour stop's recording the link to the
//   next stop's is offered (and focused), and that page starts its recording when the browser allows.
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

  // This file's own address: GLightbox's files are beside it (assets/javascripts/, assets/stylesheets/),
  // whatever the page's language folder (search-language.js moves Material's base on English pages).
  var HERE = document.currentScript ? document.currentScript.src : location.href;

  // GLightbox's options. Its files are kept in docs/assets (javascripts/glightbox.min.js, its licence
  // beside it, stylesheets/glightbox.min.css: GLightbox 3.3.1 as mkdocs-glightbox 0.5.3 shipped it).
  // The links carry no data-width/data-height: with them GLightbox sized the picture to its pixels
  // (a portrait ran off the screen, a phone cut the sides of a landscape); without, it fits the screen.
  var opener = null; // the picture link that opened the lightbox: focus goes back to it on closing
  var LIGHTBOX = { touchNavigation: true, loop: false, zoomable: true, draggable: true,
    openEffect: "fade", closeEffect: "fade", slideEffect: "slide",
    onClose: function () { if (opener && document.contains(opener)) opener.focus({ preventScroll: true }); } };

  // GLightbox closes on a mouse click beside the picture, but not on a tap: on a phone (its "mobile" mode,
  // up to 768 px) it does not try, and on a touch screen its swipe handling swallows the tap's click. So a
  // tap (a touch or pen that lifts where it went down) beside the picture closes it here; a tap on the
  // picture (zoom), its caption or a button does not, nor does a swipe.
  var tapStart = null;
  function besidePicture(target) {
    return !!(target.closest && target.closest(".glightbox-container") && !target.closest(".gslide-image img, .gslide-description, .gbtn"));
  }
  function tapBesideCloses() {
    document.addEventListener("pointerdown", function (event) {
      var open = window.lightbox && window.lightbox.lightboxOpen;
      tapStart = open && event.pointerType !== "mouse" && besidePicture(event.target) ? [event.clientX, event.clientY] : null;
    }, true);
    document.addEventListener("pointerup", function (event) {
      var start = tapStart;
      tapStart = null;
      if (!start || Math.abs(event.clientX - start[0]) > 10 || Math.abs(event.clientY - start[1]) > 10) return;
      if (besidePicture(event.target) && window.lightbox.lightboxOpen) window.lightbox.close();
    }, true);
  }

  function lightboxOnFirstTap() {
    if (!document.querySelector("a.glightbox")) return;
    var loading = null;
    function load() {
      if (!loading) loading = new Promise(function (resolve, reject) {
        var style = document.createElement("link");
        style.rel = "stylesheet";
        style.href = new URL("../stylesheets/glightbox.min.css", HERE).href;
        document.head.appendChild(style);
        var script = document.createElement("script");
        script.src = new URL("glightbox.min.js", HERE).href;
        script.onload = function () {
          window.lightbox = GLightbox(LIGHTBOX); // a global, as the kiosk's reset closes it
          resolve(window.lightbox);
        };
        script.onerror = reject;
        document.head.appendChild(script);
      });
      return loading;
    }
    tapBesideCloses();
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a.glightbox");
      if (link) opener = link;
      // Once loaded, GLightbox's own handlers on the links open it (they run before this one).
      if (!link || window.lightbox || event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      load().then(function (lightbox) { lightbox.open(link); }, function () { location.href = link.href; });
    });
  }

  // Material draws the results from its text index; the build writes search/pictures.json beside each
  // language's index ({record page: [picture, width, height, focus as object-position]}, addresses from the language's root,
  // where search-language.js has pointed Material's base). Fetched on the first search, not per page.
  function searchPictures(list) {
    var config = document.getElementById("__config");
    if (!config) return;
    var base = new URL(JSON.parse(config.textContent).base.replace(/\/?$/, "/"), location.href);
    var pictures = null;
    function decorate() {
      if (!pictures) pictures = fetch(new URL("search/pictures.json", base))
        .then(function (response) { return response.ok ? response.json() : {}; })
        .catch(function () { return {}; });
      pictures.then(function (map) {
        list.querySelectorAll(".md-search-result__item > .md-search-result__link:first-child > article").forEach(function (article) {
          if (article.querySelector(".ex-search-pic")) return;
          var path = new URL(article.parentNode.href).pathname;
          var found = path.indexOf(base.pathname) === 0 && map[path.slice(base.pathname.length)];
          if (!found) return;
          var img = document.createElement("img");
          img.className = "ex-search-pic";
          img.alt = ""; // the title beside it names the exhibit
          img.src = new URL(found[0], base).href;
          img.width = found[1];
          img.height = found[2];
          if (found[3]) img.style.objectPosition = found[3]; // the curator's focus: the thumbnail cuts the picture
          img.decoding = "async";
          article.classList.add("ex-search-card");
          article.insertBefore(img, article.firstChild);
        });
      });
    }
    // Material replaces the list's items on every keystroke and adds more as the visitor scrolls.
    new MutationObserver(decorate).observe(list, { childList: true });
  }

  function offline() {
    var meta = document.querySelector('meta[name="ex-offline"]');
    if (!meta || !("serviceWorker" in navigator)) return;
    // baseURI, not location: the offline page is shown at the address the visitor asked for, with a <base>.
    var root = new URL(meta.content, document.baseURI);
    if (navigator.onLine) {
      navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.pathname }).catch(function () {
        // No worker (a private window, an old browser): the site works as before, online.
      });
    }
    var list = document.querySelector("[data-ex-offline-list]");
    if (!list || !window.caches) return;
    var lang = document.documentElement.lang.indexOf("zh") === 0 ? "zh" : document.documentElement.lang;
    fetch(new URL("offline.json", root)).then(function (response) { return response.json(); }).then(function (manifest) {
      var pages = (manifest.pages && manifest.pages[lang]) || [];
      return Promise.all(pages.map(function (entry) {
        var url = new URL(entry.url, root).href;
        return caches.match(url).then(function (hit) { return hit && url !== location.href ? { url: url, title: entry.title } : null; });
      }));
    }).then(function (found) {
      found.filter(Boolean).forEach(function (entry) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = entry.url;
        link.textContent = entry.title;
        item.appendChild(link);
        list.appendChild(item);
      });
      if (list.children.length) list.hidden = false;
    }).catch(function () {});
  }

  function audioGuide(players) {
    players.forEach(function (player) {
      player.addEventListener("play", function () {
        players.forEach(function (other) { if (other !== player) other.pause(); });
      });
      player.addEventListener("ended", function () {
        var next = player.closest(".ex-audio").querySelector(".ex-audio__next");
        if (!next) return;
        next.hidden = false;
        next.querySelector("a").focus();
      });
    });
    if (location.hash === "#listen" && players.length) {
      // Arrived from the previous stop's "listen to the next stop": a browser that allows it plays at once;
      // one that does not leaves the player ready under the visitor's thumb.
      players[0].scrollIntoView({ block: "center" });
      var playing = players[0].play();
      if (playing && playing.catch) playing.catch(function () { players[0].focus(); });
    }
  }

  // The 404 page's search button opens the header's search box (Material's toggle, a checkbox it watches for
  // "change") with the query field focused: a real button, so Tab and Enter reach it as a click does.
  function searchOpeners() {
    Array.prototype.forEach.call(document.querySelectorAll("button[data-ex-opens]"), function (button) {
      button.addEventListener("click", function () {
        var toggle = document.getElementById(button.getAttribute("data-ex-opens"));
        if (!toggle) return;
        toggle.checked = true;
        toggle.dispatchEvent(new Event("change"));
        var query = document.querySelector("input.md-search__input");
        if (query) query.focus();
      });
    });
  }

  function start() {
    searchOpeners();
    offline();
    var players = Array.prototype.slice.call(document.querySelectorAll("audio.ex-audio__player"));
    if (players.length) audioGuide(players);
    var form = document.querySelector("form[data-ex-filter=timeline]");
    if (form) timelineFilter(form);
    var nav = document.querySelector(".ex-filter-links");
    if (nav) galleryFilter(nav);
    lightboxOnFirstTap();
    var results = document.querySelector(".md-search-result__list");
    if (results) searchPictures(results);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
