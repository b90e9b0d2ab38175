/* Deep zoom of a large scan (issue 25): the "Zoom in" button beside a record's first picture opens a
   full-screen dialog with OpenSeadragon on the picture's static DZI tiles (scripts/exhibition/images/zoom.py).
   Only pages with such a picture load this file; OpenSeadragon itself (assets/vendor/openseadragon/)
   is loaded on the first press. The tile source is read from the page (a JSON block beside the button),
   never fetched: from file:// (the kiosk) a fetch of the descriptor is blocked. Pinch, wheel and drag
   are OpenSeadragon's own; the dialog's buttons zoom, go back to the whole picture, and close (so does Escape). */
(function () {
  "use strict";
  var HERE = document.currentScript ? document.currentScript.src : location.href;
  if (window.exhibitionZoom) return; // one copy per page, however many buttons
  window.exhibitionZoom = { viewer: null };

  var loading = null;
  function load() {
    if (!loading) loading = new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL("../vendor/openseadragon/openseadragon.min.js", HERE).href;
      script.onload = function () { resolve(window.OpenSeadragon); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loading;
  }

  function button(label, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "ex-zoom-dialog__button";
    b.textContent = label;
    b.setAttribute("data-zoom-action", action);
    return b;
  }

  function dialogFor(opener) {
    var d = opener.dataset;
    var dialog = document.createElement("dialog");
    dialog.className = "ex-zoom-dialog";
    dialog.setAttribute("aria-label", d.zoomTitle || d.zoomOpen || "");
    var bar = document.createElement("div");
    bar.className = "ex-zoom-dialog__bar";
    var hint = document.createElement("p");
    hint.className = "ex-zoom-dialog__hint";
    hint.textContent = d.zoomHint || "";
    bar.appendChild(hint);
    bar.appendChild(button(d.zoomIn, "in"));
    bar.appendChild(button(d.zoomOut, "out"));
    bar.appendChild(button(d.zoomHome, "home"));
    bar.appendChild(button(d.zoomClose, "close"));
    var view = document.createElement("div");
    view.className = "ex-zoom-dialog__view";
    dialog.appendChild(bar);
    dialog.appendChild(view);
    document.body.appendChild(dialog);
    return dialog;
  }

  function open(opener) {
    var source = document.getElementById(opener.getAttribute("data-zoom-source"));
    var dialog = opener.zoomDialog || (opener.zoomDialog = dialogFor(opener));
    dialog.showModal();
    load().then(function (OpenSeadragon) {
      if (dialog.viewer) { dialog.viewer.viewport.goHome(true); return; }
      var viewer = OpenSeadragon({
        element: dialog.querySelector(".ex-zoom-dialog__view"),
        tileSources: JSON.parse(source.textContent),
        // The canvas drawer: WebGL refuses tiles from file:// (another origin to it), the kiosk's case.
        drawer: "canvas",
        showNavigationControl: false, // its buttons need image files; the dialog has labelled buttons
        visibilityRatio: 0.5,
        constrainDuringPan: true,
        maxZoomPixelRatio: 2,
        gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: true },
        gestureSettingsTouch: { pinchToZoom: true, dblClickToZoom: true }
      });
      dialog.viewer = window.exhibitionZoom.viewer = viewer;
      dialog.addEventListener("click", function (event) {
        var act = event.target.getAttribute && event.target.getAttribute("data-zoom-action");
        if (act === "in") viewer.viewport.zoomBy(1.6).applyConstraints();
        else if (act === "out") viewer.viewport.zoomBy(1 / 1.6).applyConstraints();
        else if (act === "home") viewer.viewport.goHome();
        else if (act === "close") dialog.close();
      });
    }, function () {
      dialog.close(); // the viewer could not load: the lead figure's lightbox still shows the picture
    });
  }

  document.addEventListener("click", function (event) {
    var opener = event.target.closest && event.target.closest("button[data-zoom-source]");
    if (opener) open(opener);
  });
})();
