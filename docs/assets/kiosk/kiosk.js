// Kiosk edition (make kiosk) in the browser. Settings come from <script id="__kiosk">
// (mkdocs-kiosk.yml extra.kiosk, checked at build time). Works from file:// and offline.
// - The attract screen turns its slides; a touch starts the visit in the language shown.
// - After `idle` seconds without input, 还在浏览吗？/ Still there? counts down `countdown`
//   seconds; then the kiosk resets: attract screen, Chinese, history and choices cleared.
// - The kiosk never leaves the exhibition: no link out, no new window, no context menu.
// - Toolbar: home, back (within this visit), search, language by name, large text, high contrast.
// - Search by touch: an on-screen A–Z keyboard on exhibits/kiosk/search.html (pinyin for Chinese).
(function () {
  "use strict";
  var element = document.getElementById("__kiosk");
  if (!element) return;
  var K = JSON.parse(element.textContent);
  var html = document.documentElement;
  var root = new URL(String(K.root || ".").replace(/\/?$/, "/"), location.href);
  var attractUrl = new URL(K.attract, location.href).href;
  var VISIT = "kx-visit", STACK = "kx-pages";

  function store(kind) { try { return window[kind]; } catch (e) { return null; } }
  var session = store("sessionStorage"), local = store("localStorage");
  function get(key) { return session ? session.getItem(key) : null; }
  function set(key, value) { if (session) session.setItem(key, value); }
  function here() { return location.href.split("#")[0]; }

  // --- never leave the exhibition ---------------------------------------------
  function inside(url) {
    var u;
    try { u = new URL(url, location.href); } catch (e) { return false; }
    if (u.protocol !== location.protocol) return false;
    if (u.protocol !== "file:" && u.host !== location.host) return false;
    return u.pathname.indexOf(root.pathname) === 0;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href]") : null;
    if (!link) return;
    link.removeAttribute("target");
    if (!inside(link.href) || link.hasAttribute("download")) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.getAttribute("target") || (form.getAttribute("action") && !inside(form.action))) event.preventDefault();
  }, true);
  window.open = function () { return null; };
  document.addEventListener("contextmenu", function (event) { event.preventDefault(); });
  document.addEventListener("dragstart", function (event) { event.preventDefault(); });
  // No zoom by ctrl+wheel or pinch on a trackpad (the browser flags stop touch pinch).
  document.addEventListener("wheel", function (event) { if (event.ctrlKey) event.preventDefault(); }, { passive: false });

  // --- the attract screen ----------------------------------------------------
  function startAttract(screen) {
    // A new visitor: nothing of the last visit stays (pages, choices, Material's stored state).
    if (session) session.clear();
    if (local) { try { local.clear(); } catch (e) { /* storage may be off */ } }
    html.classList.remove("kx-large", "kx-contrast");
    if (session) session.setItem("kx-begun", "1");  // the home may open now (kiosk-head.js)
    if ("scrollRestoration" in history) history.scrollRestoration = "manual";
    window.scrollTo(0, 0);
    // Back stays here (Chromium may skip this entry, hence the visit check on other pages).
    history.pushState({ kx: "attract" }, "", location.href);
    window.addEventListener("popstate", function () { history.pushState({ kx: "attract" }, "", location.href); });

    var slides = Array.prototype.slice.call(screen.querySelectorAll(".kx-slide"));
    var current = 0;
    var seconds = parseFloat(screen.getAttribute("data-kx-slide-seconds")) || K.slide || 8;
    if (slides.length > 1) {
      setInterval(function () {
        slides[current].hidden = true;
        current = (current + 1) % slides.length;
        slides[current].hidden = false;
      }, seconds * 1000);
    }
    // A touch anywhere starts the visit in the language on screen (中文 / English choose one).
    screen.addEventListener("click", function (event) {
      if (event.target.closest("a")) return;
      var link = slides[current] && slides[current].querySelector("a");
      if (link) location.href = link.href;
    });
  }

  // --- a visit: its pages, the back button, stale history --------------------
  function visitPages() {
    try { return JSON.parse(get(STACK) || "[]"); } catch (e) { return []; }
  }
  function trackVisit() {
    var visit = get(VISIT);
    var state = history.state || {};
    if (state.kxVisit && state.kxVisit !== visit) {
      // A page from an earlier visitor's history (browser back after a reset): start again.
      location.replace(attractUrl);
      return false;
    }
    if (!visit) {
      visit = String(Date.now()) + Math.random().toString(36).slice(2, 6);
      set(VISIT, visit);
    }
    if (state.kxVisit !== visit) {
      try { history.replaceState(Object.assign({}, history.state || {}, { kxVisit: visit }), ""); } catch (e) { /* ignore */ }
    }
    var pages = visitPages(), url = here();
    var nav = (performance.getEntriesByType && performance.getEntriesByType("navigation")[0]) || {};
    if (nav.type === "back_forward" && pages[pages.length - 2] === url) pages.pop();
    else if (nav.type === "back_forward" && pages.indexOf(url) >= 0) pages = pages.slice(0, pages.indexOf(url) + 1);
    else if (pages[pages.length - 1] !== url) pages.push(url);
    set(STACK, JSON.stringify(pages.slice(-50)));
    return true;
  }

  // --- idle: countdown, then reset -------------------------------------------
  function reset() {
    // Everything of this visitor goes before the attract screen loads: the search and its
    // letters, an open picture, the scroll position (also if the page is kept in the back cache).
    if (search) search.clear();
    try { if (typeof lightbox !== "undefined" && lightbox.lightboxOpen) lightbox.close(); } catch (e) { /* no gallery */ }
    // 朗读 / Listen (listen.js) stops with the visit; and nothing else may go on speaking.
    document.dispatchEvent(new CustomEvent("ex:stop-reading"));
    try { if (window.speechSynthesis) window.speechSynthesis.cancel(); } catch (e) { /* no speech */ }
    window.scrollTo(0, 0);
    if (session) session.clear();
    if (local) { try { local.clear(); } catch (e) { /* ignore */ } }
    location.replace(attractUrl);
  }
  var stillHere = function () {};
  function watchIdle() {
    var dialog = document.querySelector("[data-kx-idle]");
    var count = dialog && dialog.querySelector("[data-kx-count]");
    var last = Date.now(), showing = false, done = false;
    // Any input restarts the wait. The countdown itself closes on a click (or a key), not on
    // the finger coming down: else the lifting finger would click whatever lies beneath it.
    function activity(event) {
      last = Date.now();
      if (showing && (!event || /^(click|keydown|wheel|input)$/.test(event.type))) {
        showing = false;
        if (dialog.open) dialog.close();
      }
    }
    ["pointerdown", "pointermove", "touchstart", "keydown", "wheel", "input", "click"].forEach(function (name) {
      window.addEventListener(name, activity, { capture: true, passive: true });
    });
    window.addEventListener("scroll", activity, { capture: true, passive: true });
    stillHere = activity;
    if (dialog) {
      dialog.addEventListener("cancel", function (event) { event.preventDefault(); activity(); });
    }
    setInterval(function () {
      if (done) return;
      var idle = (Date.now() - last) / 1000;
      if (idle < K.idle) return;
      var left = Math.ceil(K.idle + K.countdown - idle);
      if (left <= 0) {
        done = true;
        reset();
        return;
      }
      if (count) count.textContent = String(K.countdownText).replace("{n}", left);
      if (!showing && dialog) {
        showing = true;
        if (!dialog.open) dialog.showModal();
        dialog.querySelector("[data-kx-stay]").focus();
      }
    }, 200);
  }

  // --- toolbar ---------------------------------------------------------------
  function toolbar() {
    var bar = document.querySelector("[data-kx-bar]");
    if (bar) {
      // The page ends above the toolbar, however many rows its buttons take.
      var measure = function () { html.style.setProperty("--kx-bar-height", bar.offsetHeight + "px"); };
      measure();
      window.addEventListener("resize", measure);
      if (window.ResizeObserver) new ResizeObserver(measure).observe(bar);
    }
    var back = document.querySelector("[data-kx-back]");
    if (back) {
      back.addEventListener("click", function () {
        if (visitPages().length > 1) history.back();
        else location.href = new URL(K.home, location.href).href;
      });
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-kx-toggle]"), function (button) {
      var name = "kx-" + button.getAttribute("data-kx-toggle");
      button.setAttribute("aria-pressed", String(html.classList.contains(name)));
      button.addEventListener("click", function () {
        var on = html.classList.toggle(name);
        set(name, on ? "1" : "0");
        button.setAttribute("aria-pressed", String(on));
      });
    });
  }

  // A link standing alone (not inside a sentence) is a control: make it a large target.
  function markSoloLinks() {
    var words = /[A-Za-z0-9\u00C0-\u024F\u3040-\u30FF\u3400-\u9FFF\uF900-\uFAFF]/;
    Array.prototype.forEach.call(document.querySelectorAll(".md-content a[href]"), function (link) {
      var block = link.parentElement;
      while (block && block !== document.body && getComputedStyle(block).display.indexOf("inline") === 0) block = block.parentElement;
      if (!block) return;
      var rest = block.cloneNode(true);
      Array.prototype.forEach.call(rest.querySelectorAll("a"), function (a) { a.remove(); });
      if (!words.test(rest.textContent)) link.classList.add("kx-solo");
    });
  }

  // --- search by touch (exhibits/kiosk/search.html) ---------------------------
  // The letters typed live in a status line, never in an <input>: no operating-system keyboard
  // opens. Chinese matches pinyin, full or initials ("lcj", "liaocheng" -> 聊城舰); English matches
  // words. Data: window.KX_SEARCH, from kiosk/search.py. The query outlives a visit to a result
  // (sessionStorage), not the visit: a reset clears it with everything else.
  var QUERY = "kx-query";
  var search = null;
  function matches(key, q) {
    return key[0].indexOf(q) === 0 ? 3 : key[1].indexOf(q) === 0 ? 3 : key[0].indexOf(q) >= 0 ? 2 : 0;
  }
  function score(item, q) {
    var best = 0;
    item.keys.forEach(function (key, index) {
      var s = matches(key, q);
      if (!s) return;
      if (index === 0) s += 3;  // the title before names, places and tags
      if (index === 0 && (key[0] === q || key[1] === q)) s += 3;
      if (s > best) best = s;
    });
    return best;
  }
  function searchPage(root) {
    var data = window.KX_SEARCH;
    if (!data) return;
    var shown = root.querySelector("[data-kx-query]"), list = root.querySelector("[data-kx-results]");
    var heading = root.querySelector("[data-kx-heading]"), status = root.querySelector("[data-kx-status]");
    var query = (get(QUERY) || "").replace(/[^a-z]/g, ""), tag = null;

    function card(item) {
      var li = document.createElement("li"), a = document.createElement("a");
      li.className = "ex-card";
      a.className = "ex-card__link";
      a.href = item.href;
      if (item.img) {
        var img = document.createElement("img");
        img.className = "ex-card__img";
        img.src = item.img; img.width = item.w; img.height = item.h; img.alt = ""; img.decoding = "async";
        if (item.pos) img.style.objectPosition = item.pos; // the curator's focus: the card cuts the picture
        a.appendChild(img);
      } else {
        var ph = document.createElement("span");
        ph.className = "ex-card__img ex-card__ph ex-card__ph--" + item.kind;
        ph.innerHTML = data.icons[item.kind] || "";  // Material's bundled SVG, from the build
        a.appendChild(ph);
      }
      [["ex-card__kind", item.label], ["ex-card__title", item.title], ["ex-card__summary", item.summary]].forEach(function (part) {
        var span = document.createElement("span");
        span.className = part[0];
        span.textContent = part[1];
        a.appendChild(span);
        a.appendChild(document.createTextNode(" "));
      });
      li.appendChild(a);
      return li;
    }
    function draw() {
      shown.textContent = query;
      var items, title;
      if (query) {
        items = data.items.map(function (item) { return [score(item, query), item]; })
          .filter(function (pair) { return pair[0] > 0; })
          .sort(function (a, b) { return b[0] - a[0] || a[1].title.length - b[1].title.length; })
          .map(function (pair) { return pair[1]; });
        title = query.toUpperCase();
      } else if (tag) {
        items = data.items.filter(function (item) { return item.tags.indexOf(tag.id) >= 0; });
        title = data.text.search_tag.replace("{tag}", tag.name);
      } else {
        items = data.items.filter(function (item) { return item.featured; });
        title = data.text.search_featured;
      }
      heading.textContent = title;
      status.textContent = (query || tag) ? (items.length ? data.text.search_found.replace("{n}", items.length) : data.text.search_none) : "";
      list.textContent = "";
      items.slice(0, 24).forEach(function (item) { list.appendChild(card(item)); });
      Array.prototype.forEach.call(root.querySelectorAll("[data-kx-tag]"), function (button) {
        button.setAttribute("aria-pressed", String(!!tag && button.getAttribute("data-kx-tag") === tag.id));
      });
      set(QUERY, query);
    }
    root.addEventListener("click", function (event) {
      var key = event.target.closest("[data-kx-key]"), chip = event.target.closest("[data-kx-tag]");
      if (key) {
        var letter = key.getAttribute("data-kx-key");
        if (letter === "backspace") query = query.slice(0, -1);
        else if (letter === "clear") query = "";
        else if (query.length < 30) query += letter;
        tag = null;
        draw();
      } else if (chip) {
        query = "";
        tag = { id: chip.getAttribute("data-kx-tag"), name: chip.textContent };
        draw();
      }
    });
    search = {
      clear: function () { query = ""; tag = null; draw(); }
    };
    draw();
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("a[target], form[target]"), function (el) { el.removeAttribute("target"); });
    var screen = document.querySelector("[data-kx-attract]");
    if (screen) {
      startAttract(screen);
      return;
    }
    if (!trackVisit()) return;
    toolbar();
    var finder = document.querySelector("[data-kx-search]");
    if (finder) searchPage(finder);
    markSoloLinks();
    watchIdle();
  }
  window.addEventListener("pageshow", function (event) {
    // Restored from the back-forward cache: the same checks as a fresh load.
    if (event.persisted && !document.querySelector("[data-kx-attract]") && trackVisit()) stillHere();
  });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
