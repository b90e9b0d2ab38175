// The exhibition's service worker, written by the build (scripts/exhibition/offline): the guided
// tour keeps working without signal. Pages are fetched from the network first, so a visitor who is
// online never sees an old page; the copies kept here are used only when the network fails.
// Pictures and Material's hashed files never change under the same name: those come from the cache.
"use strict";

var VERSION = "__VERSION__";
var PRECACHE = __PRECACHE__; // site-root-relative URLs, in the order they matter
var SMALLER = __SMALLER__; // a picture's larger variant -> the variant kept here
var OFFLINE = __OFFLINE__; // language folder ("" or "en/") -> its offline page
var CACHE = "exhibition-" + VERSION;
var ROOT = self.registration.scope; // the site's root, a sub-path too

function absolute(url) {
  return new URL(url, ROOT).href;
}

function relative(url) {
  return url.indexOf(ROOT) === 0 ? url.slice(ROOT.length) : null;
}

self.addEventListener("install", function (event) {
  event.waitUntil(
    caches.open(CACHE).then(function (cache) {
      // "reload": past the browser's HTTP cache, so the kept copy is this build's.
      return cache.addAll(PRECACHE.map(function (url) { return new Request(absolute(url), { cache: "reload" }); }));
    }).then(function () { return self.skipWaiting(); })
  );
});

self.addEventListener("activate", function (event) {
  // A new build is a new worker: the old build's copies go.
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) {
        return name.indexOf("exhibition-") === 0 && name !== CACHE;
      }).map(function (name) { return caches.delete(name); }));
    }).then(function () { return self.clients.claim(); })
  );
});

function immutable(path) {
  return path.indexOf("media/") === 0 || /\.[0-9a-f]{8,}\.min\.(js|css)$/.test(path);
}

function offlinePage(path) {
  var folders = Object.keys(OFFLINE).filter(function (folder) { return folder && path.indexOf(folder) === 0; });
  return absolute(OFFLINE[folders[0] || ""]);
}

// The offline page, at the address the visitor asked for (so that a reload later finds the page):
// a <base> makes its links, styles and scripts resolve from where the page really lives.
function offlineResponse(path) {
  var url = offlinePage(path);
  return caches.match(url).then(function (hit) {
    if (!hit) return Response.error();
    return hit.text().then(function (html) {
      return new Response(html.replace(/<head([^>]*)>/i, '<head$1><base href="' + url + '">'), {
        status: 200,
        headers: { "Content-Type": "text/html; charset=utf-8" }
      });
    });
  });
}

function fromCache(request, path) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreSearch: true }).then(function (hit) {
      if (hit) return hit;
      if (SMALLER[path]) return cache.match(absolute(SMALLER[path]));
      return undefined;
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var path = relative(request.url.split("#")[0]);
  if (path === null) return; // another host, or outside the site's folder
  path = path.split("?")[0];
  var isPage = request.mode === "navigate";

  if (!isPage && immutable(path)) {
    event.respondWith(fromCache(request, path).then(function (hit) {
      return hit || fetch(request);
    }));
    return;
  }
  // A page is checked with the host every time (cache: "no-cache"), whatever its HTTP headers say:
  // online, a visitor never sees an old page.
  event.respondWith(
    fetch(isPage ? new Request(request, { cache: "no-cache" }) : request).then(function (response) {
      // A page or file the walk keeps is refreshed whenever it is fetched online.
      if (response.ok && PRECACHE.indexOf(path) >= 0) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    }).catch(function () {
      return fromCache(request, path).then(function (hit) {
        if (hit) return hit;
        if (isPage) return offlineResponse(path);
        return Response.error();
      });
    })
  );
});
