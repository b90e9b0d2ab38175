"""长者模式 / Large text and high contrast on the web edition (issue #26): the switches at the top of every
page (overrides/partials/elderly-switch.html, docs/assets/elderly.css, docs/assets/javascripts/elderly*.js).
Served by the shared build with the host's CSP (conftest `page`). The kiosk's own 长者模式 is in test_kiosk.py."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import AXE_OPTIONS, ROOT, _axe
from test_kiosk import CONTROL_SIZES

pytestmark = pytest.mark.browser

# One page of each type a visitor reads, in both languages.
PAGE_TYPES = [
    "",
    "exhibits/vessels/",
    "exhibits/vessels/liaocheng-ship/",
    "exhibits/people/fan-zhuxian/",
    "exhibits/tour/prelude/",
    "exhibits/stories/one-city-one-ship/",
    "exhibits/timeline/",
    "exhibits/lessons/fan-zhuxian-junior-secondary/",
]
PAGES = PAGE_TYPES + [f"en/{p}" for p in PAGE_TYPES]

# The numbers of 长者模式 on the page as drawn: body text, its line height, headings, motion, sidebars.
MEASURE = r"""() => {
  const px = (e, p) => parseFloat(getComputedStyle(e)[p]);
  const visible = e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden';
  const paras = [...document.querySelectorAll('.md-content .md-typeset p, .md-content .md-typeset li')].filter(visible)
    .filter(e => e.textContent.trim().length > 8);
  const h = sel => [...document.querySelectorAll(sel)].filter(visible).map(e => px(e, 'fontSize'));
  const moving = [...document.querySelectorAll('body *')].filter(e => {
    const s = getComputedStyle(e);
    return (s.transitionDuration.split(',').some(d => parseFloat(d) > 0) && s.transitionProperty !== 'none')
      || (s.animationName !== 'none' && s.animationDuration.split(',').some(d => parseFloat(d) > 0));
  }).map(e => e.className.toString()).slice(0, 5);
  return {
    smallest: Math.min(...paras.map(e => px(e, 'fontSize'))),
    tightest: Math.min(...paras.map(e => px(e, 'lineHeight') / px(e, 'fontSize'))),
    body: px(document.querySelector('.md-content .md-typeset'), 'fontSize'),
    h1: h('.md-content h1, .ex-hero__title'), h2: h('.md-content .md-typeset h2'),
    sidebars: [...document.querySelectorAll('.md-sidebar')].filter(e => visible(e) && e.getBoundingClientRect().width > 0
      && e.getBoundingClientRect().left >= 0 && e.getBoundingClientRect().right <= innerWidth && getComputedStyle(e).display !== 'none').length,
    moving,
    cursor: getComputedStyle(document.body).cursor,
  };
}"""
OVERFLOW = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
# The most cards of one list (related exhibits, a kind's index, the tour's stops) standing side by side.
CARDS_IN_A_ROW = """() => Math.max(0, ...[...document.querySelectorAll('.md-typeset :is(ul.ex-cards, ol.ex-stops)')].map(list => {
  const tops = [...list.children].filter(li => li.getClientRects().length).map(li => Math.round(li.getBoundingClientRect().top));
  return Math.max(0, ...tops.map(t => tops.filter(u => u === t).length));
}))"""
AAA = {**AXE_OPTIONS, "rules": {**AXE_OPTIONS["rules"], "color-contrast-enhanced": {"enabled": True}}}


def switch(page, mode: str):
    return page.locator(f"[data-ex-mode={mode}]")


def test_every_web_page_has_the_labelled_switches_and_the_kiosk_has_none(built_site, kiosk_site):
    for path in ("index.html", "exhibits/vessels/liaocheng-ship/index.html", "en/exhibits/timeline/index.html", "404.html"):
        soup = BeautifulSoup((built_site / path).read_text(encoding="utf-8"), "html.parser")
        buttons = soup.select("button[role=switch][data-ex-mode]")
        names = [b.get_text(" ", strip=True) for b in buttons]
        assert names == (["Large text 长者模式", "High contrast"] if path.startswith("en/") else ["长者模式", "高对比"]), (
            path,
            names,
        )
        assert soup.find("script", src=lambda s: s and s.endswith("elderly-head.js")), path
    kiosk_home = (kiosk_site / "index.html").read_text(encoding="utf-8")
    assert "data-ex-mode" not in kiosk_home and "md-banner" not in kiosk_home  # the kiosk's are in its toolbar


def test_large_text_is_remembered_for_the_visit_and_measures_up_on_every_page_type(page):
    """With 长者模式 and 高对比 on, on each page type in both languages at 1280 px: body text 20 px and more
    (Material's is 16), headings larger in proportion, line height 1.5 and more, every control 44 px, no
    sidebar, nothing moving, the large cursor; axe finds nothing, 7:1 contrast (AAA) included. Then at
    640 px (1280 px at 200 % zoom), 390 px and 320 px (WCAG 1.4.10's reflow width) nothing scrolls sideways."""
    page.goto(page.base + "/exhibits/vessels/liaocheng-ship/")
    before = page.evaluate(MEASURE)
    assert before["body"] < 20 and before["moving"], "the normal page: small type, Material's transitions"
    switch(page, "elderly").click()
    switch(page, "contrast").click()
    assert switch(page, "elderly").get_attribute("aria-checked") == "true"
    failures = []
    for path in PAGES:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(f"{page.base}/{path}")
        assert page.evaluate("['ex-elderly', 'ex-contrast'].every(c => document.documentElement.classList.contains(c))"), path
        assert switch(page, "elderly").get_attribute("aria-checked") == "true", path  # remembered, and says so
        m = page.evaluate(MEASURE)
        found = []
        if m["smallest"] < 20 or m["body"] < 20:
            found.append(f"text under 20 px: {m['smallest']}, body {m['body']}")
        if m["tightest"] < 1.5:
            found.append(f"line height {m['tightest']:.2f}")
        if m["h1"] and min(m["h1"]) < 1.5 * m["body"] or m["h2"] and min(m["h2"]) < 1.2 * m["body"]:
            found.append(f"headings out of proportion: h1 {m['h1']} h2 {m['h2'][:3]} body {m['body']}")
        if m["sidebars"]:
            found.append(f"{m['sidebars']} sidebars")
        if m["moving"]:
            found.append(f"motion: {m['moving']}")
        if "cursor.svg" not in m["cursor"]:
            found.append(f"cursor {m['cursor']}")
        if small := page.evaluate(CONTROL_SIZES):
            found.append(f"controls under 44 px: {small}")
        page.evaluate("document.fonts.ready.then(() => true)")
        if (axe := _axe().run(page, options=AAA)).response["violations"]:
            found.append(axe.generate_report())
        for width in (640, 390, 320):
            page.set_viewport_size({"width": width, "height": 800})
            scroll, client = page.evaluate(OVERFLOW)
            if scroll > client:
                found.append(f"scrolls sideways at {width} px: {scroll} > {client}")
            if width <= 390 and (row := page.evaluate(CARDS_IN_A_ROW)) > 1:
                found.append(f"{row} cards to a row at {width} px (one column on a phone)")
        if found:
            failures.append(f"/{path}:\n" + "\n".join(found))
    assert not failures, "\n\n".join(failures)
    # Off again: the page is as before, and stays so on the next page.
    switch(page, "elderly").click()
    page.goto(page.base + "/exhibits/vessels/liaocheng-ship/")
    assert not page.evaluate("document.documentElement.classList.contains('ex-elderly')")
    assert page.evaluate(MEASURE)["body"] < 20


# The browser's speech synthesis, stubbed before the page loads: what the page asks it to say is kept in
# window.__said ({text, lang}); window.__done() ends the utterance being spoken, as a voice would.
SPEECH_STUB = """(voices => {
  window.__said = []; window.__cancelled = 0; let speaking = null;
  const synth = new EventTarget();
  Object.assign(synth, {
    paused: false,
    getVoices: () => voices.map(lang => ({lang, name: lang, localService: true})),
    speak(u) { window.__said.push({text: u.text, lang: u.lang}); speaking = u; queueMicrotask(() => u.onstart && u.onstart()); },
    cancel() { window.__cancelled++; speaking = null; },
    pause() { this.paused = true; }, resume() { this.paused = false; },
  });
  Object.defineProperty(window, 'speechSynthesis', {value: synth});
  window.__done = () => { const u = speaking; speaking = null; if (u && u.onend) u.onend(); };
})(%s)"""


def stub_speech(page, voices: list[str]) -> None:
    import json

    page.add_init_script(SPEECH_STUB % json.dumps(voices))


@pytest.mark.parametrize(
    "path, lang, first",
    [("exhibits/vessels/liaocheng-ship/", "zh-CN", "聊城舰"), ("en/exhibits/stories/one-city-one-ship/", "en", None)],
)
def test_listen_reads_the_pages_text_in_its_language_paragraph_by_paragraph(page, path, lang, first):
    stub_speech(page, ["zh-CN", "en-US"])
    page.goto(f"{page.base}/{path}")
    listen = page.locator("[data-ex-listen=play]")
    assert listen.inner_text() == ("朗读" if lang == "zh-CN" else "Listen") and listen.is_visible()
    assert page.locator("[data-ex-listen=none]").is_hidden()
    listen.click()
    page.wait_for_function("() => window.__said.length === 1")
    said = page.evaluate("window.__said")
    h1 = page.locator(".md-content h1").first.inner_text()
    assert said == [{"text": first or h1, "lang": lang}], said
    reading = page.locator(".ex-reading")
    reading.wait_for()
    assert reading.count() == 1 and reading.inner_text().strip() == h1  # the paragraph being read is highlighted
    page.evaluate("window.__done()")
    page.wait_for_function("() => window.__said.length === 2")
    second = page.evaluate("window.__said[1]")
    # The paragraph highlighted is the one spoken, without its citation numbers ([1][2] are for the eyes).
    shown = page.locator(".ex-reading").inner_text()
    assert second["lang"] == lang and re.sub(r"\[\d+\]|\s+", "", second["text"]) == re.sub(r"\[\d+\]|\s+", "", shown)
    assert not re.search(r"\[\d+\]", second["text"]), second
    assert second["text"] != h1 and len(second["text"]) > 5
    if lang == "zh-CN":
        assert not any(c.isascii() and c.isalpha() for c in second["text"][:4]), second  # Chinese text, not the English
    pause = page.locator("[data-ex-listen=pause]")
    pause.click()
    assert page.evaluate("speechSynthesis.paused") and pause.inner_text() == ("继续" if lang == "zh-CN" else "Resume")
    pause.click()
    assert not page.evaluate("speechSynthesis.paused")
    page.locator("[data-ex-listen=stop]").click()
    assert page.evaluate("window.__cancelled") >= 1 and page.locator(".ex-reading").count() == 0
    assert listen.is_visible()


def test_listen_explains_itself_where_no_voice_speaks_the_language_and_is_absent_elsewhere(page):
    stub_speech(page, ["en-US"])  # an English voice only: the Chinese page cannot be read
    page.goto(page.base + "/exhibits/people/fan-zhuxian/")
    # No sentence stands above the text: the quiet button stays, and says why once pressed.
    assert page.locator("[data-ex-listen=none]").is_hidden()
    page.locator("[data-ex-listen=play]").click()
    note = page.locator("[data-ex-listen=none]")
    assert note.is_visible() and note.inner_text() == "本浏览器没有中文语音，无法朗读本页。"
    assert note.get_attribute("role") == "status" and page.evaluate("window.__said") == []
    page.goto(page.base + "/en/exhibits/people/fan-zhuxian/")
    assert page.locator("[data-ex-listen=play]").is_visible() and page.locator("[data-ex-listen=none]").is_hidden()
    for path in ("", "exhibits/vessels/", "exhibits/timeline/"):  # not a text to read: no control
        page.goto(f"{page.base}/{path}")
        assert page.locator(".ex-listen").count() == 0, path
    for path in ("exhibits/tour/prelude/", "exhibits/lessons/fan-zhuxian-junior-secondary/"):
        page.goto(f"{page.base}/en/{path}")
        assert page.locator("[data-ex-listen=play]").is_visible(), path


# The element that has the keyboard's focus, and whether the visitor can see it: an outline, a ring
# (box-shadow) or a changed background, as drawn.
FOCUSED = r"""() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const s = getComputedStyle(e);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
  return {tag: e.tagName, cls: e.className.toString(), text: (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30),
          href: e.getAttribute('href'), visible: ring && e.getClientRects().length > 0};
}"""


def tab_to(page, matches, limit: int = 200) -> list[dict]:
    """Press Tab until the focused element matches; every element passed on the way is returned."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused:
            seen.append(focused)
            if matches(focused):
                return seen
    raise AssertionError(f"never reached by Tab: {[f['text'] for f in seen][-20:]}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_whole_tour_by_keyboard_alone_with_focus_always_visible(page, built_site, lang):
    """全程键盘: from the home page, Tab to "start the tour", Enter; on each stop Tab to "next", Enter, until
    the last stop. No mouse. Every element the focus lands on shows that it has it."""
    from exhibition.settings import Settings

    stops = [zone.id for zone in Settings.load(ROOT)[0].hall.route]
    prefix = "" if lang == "zh" else "/en"
    page.goto(f"{page.base}{prefix}/")
    unseen = []
    passed = tab_to(page, lambda f: "ex-hero__start" in f["cls"])
    unseen += [f for f in passed if not f["visible"]]
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{prefix}/exhibits/tour/{stops[0]}/")
    for stop in stops[1:]:
        passed = tab_to(page, lambda f: "ex-tour-nav__next" in f["cls"])
        unseen += [f for f in passed if not f["visible"]]
        page.keyboard.press("Enter")
        page.wait_for_url(f"**{prefix}/exhibits/tour/{stop}/")
    assert page.locator(".ex-tour-position, .md-content h1").first.is_visible()  # the last stop, reached by keys
    assert not unseen, f"focus not visible on: {unseen}"
