// 朗读 / Listen (issue #26): reads an exhibit, story, tour stop or lesson page aloud in its language with
// the browser's own speech synthesis (speechSynthesis: nothing leaves the machine, no online voice),
// paragraph by paragraph, highlighting the one being read; pause and stop. Where the browser has no
// voice for the page's language, the web page keeps its quiet button and says why only when pressed (a
// sentence above every text would stand first on each page); the kiosk, where a visitor can do nothing
// about it, shows no control at all. Both editions; the kiosk's reset stops it.
(function () {
  "use strict";
  var article = document.querySelector(".md-content article");
  // The page types that have a text to read: records and stories and lessons (.ex-kind), tour stops.
  if (!article || !article.querySelector(".ex-kind, .ex-tour-steps")) return;
  var zh = !/^en/.test(document.documentElement.lang || "zh");
  var words = zh
    ? { listen: "朗读", pause: "暂停", resume: "继续", stop: "停止", group: "朗读本页", none: "本浏览器没有中文语音，无法朗读本页。" }
    : { listen: "Listen", pause: "Pause", resume: "Resume", stop: "Stop", group: "Read this page aloud", none: "This browser has no English voice: it cannot read this page aloud." };
  var lang = zh ? "zh-CN" : "en";
  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") return;  // no speech at all: no control

  var box = document.createElement("div");
  box.className = "ex-listen";
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", words.group);
  function button(name, text) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "ex-listen__button";
    b.setAttribute("data-ex-listen", name);
    b.textContent = text;
    box.appendChild(b);
    return b;
  }
  var play = button("play", words.listen), pause = button("pause", words.pause), stop = button("stop", words.stop);
  var note = document.createElement("p");
  note.className = "ex-listen__none";
  note.setAttribute("data-ex-listen", "none");
  note.setAttribute("role", "status");  // said by a screen reader when it appears after a press
  note.hidden = true;
  box.appendChild(note);
  pause.hidden = stop.hidden = true;
  // Under the title and its label line (a record's life dates or date and place), not between them.
  var heading = article.querySelector("h1 + .ex-label-line") || article.querySelector("h1");
  (heading || article.firstElementChild).insertAdjacentElement(heading ? "afterend" : "beforebegin", box);

  function voice() {
    var voices = synth.getVoices() || [];
    for (var i = 0; i < voices.length; i++) if ((voices[i].lang || "").toLowerCase().indexOf(zh ? "zh" : "en") === 0) return voices[i];
    return null;
  }
  var kiosk = !!document.getElementById("__kiosk");
  function offer() {
    // Voices may arrive after the page (voiceschanged). The note is only shown once asked for.
    var has = !!voice();
    box.hidden = kiosk && !has && !reading;
    if (has) { note.hidden = true; note.textContent = ""; }
  }
  function explain() {
    note.textContent = words.none;  // set as it appears, so that the status region announces it
    note.hidden = false;
  }
  offer();
  if (synth.addEventListener) synth.addEventListener("voiceschanged", offer);

  // The page's main text, in reading order: headings, paragraphs and list items of the article,
  // not the control itself, picture cards, navigation, maps or the source list's quotes.
  function parts() {
    var title = article.querySelector("h1");
    return (title ? [title] : []).concat(Array.prototype.filter.call(article.querySelectorAll("h2, h3, p, li"), function (e) {
      if (e.closest(".ex-listen, .ex-cards, nav, svg, details, figure, .ex-kind, .ex-label-line, .ex-tour-steps, .ex-print-qr, .ex-audio, [hidden]")) return false;
      if (e.tagName === "LI" && e.querySelector("p")) return false;  // its paragraphs are read
      return e.textContent.trim().length > 0 && e.getClientRects().length > 0;
    }));
  }
  var queue = [], index = 0, reading = false, current = null;
  function mark(element) {
    if (current) current.classList.remove("ex-reading");
    current = element;
    if (element) {
      element.classList.add("ex-reading");
      element.scrollIntoView({ block: "nearest" });
    }
  }
  function next() {
    if (!reading || index >= queue.length) return finish();
    var element = queue[index++];
    // Citation numbers ([1][2], links to the sources) are for readers' eyes, not read aloud.
    var copy = element.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll(".ex-cites"), function (cites) { cites.remove(); });
    var utterance = new SpeechSynthesisUtterance(copy.textContent.replace(/\s+/g, " ").trim());
    utterance.lang = lang;
    var v = voice();
    try { if (v) utterance.voice = v; } catch (e) { /* the lang alone chooses the voice */ }
    utterance.onstart = function () { mark(element); };
    utterance.onend = function () { if (reading) next(); };
    utterance.onerror = function () { if (reading) next(); };
    synth.speak(utterance);
  }
  function finish() {
    reading = false;
    synth.cancel();
    mark(null);
    play.hidden = false;
    pause.hidden = stop.hidden = true;
    pause.textContent = words.pause;
    offer();
  }
  play.addEventListener("click", function () {
    if (!voice()) return explain();
    synth.cancel();
    queue = parts();
    index = 0;
    reading = true;
    play.hidden = true;
    pause.hidden = stop.hidden = false;
    next();
    stop.focus();
  });
  pause.addEventListener("click", function () {
    if (synth.paused) { synth.resume(); pause.textContent = words.pause; }
    else { synth.pause(); pause.textContent = words.resume; }
  });
  stop.addEventListener("click", function () { finish(); play.focus(); });
  // Leaving the page (or the kiosk's reset) stops the voice: it must not read on over the next page.
  window.addEventListener("pagehide", function () { if (reading) finish(); });
  document.addEventListener("ex:stop-reading", function () { if (reading) finish(); });
})();
