"""The kiosk edition (`make kiosk` -> site-kiosk/) opened from file:// in Chromium, no network at all.

One kiosk build of the real collection (KIOSK_IDLE_SECONDS=4, KIOSK_COUNTDOWN_SECONDS=3) is shared by
the read-only tests; the bad-input tests build their own broken copies.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from conftest import (
    CANCELLED_CLICKS,
    KIOSK_FILES,
    RECORD_CLICKS,
    ROOT,
    axe_violations,
    copy_project,
    lightbox_shown,
    run_cli,
    serving,
    settled,
    write,
)
from conftest import KIOSK_COUNTDOWN as COUNTDOWN
from conftest import KIOSK_IDLE as IDLE
from exhibition.cli import PROBLEMS

VIEWPORT = {"width": 1920, "height": 1080}  # the hall's screens: 1080p, landscape


def _copy_project(work: Path) -> Path:
    return copy_project(work, *KIOSK_FILES)


@pytest.fixture
def kiosk(browser, kiosk_site):
    """A touch screen showing the kiosk from file://; every request that is not a file is refused and recorded."""
    context = browser.new_context(viewport=VIEWPORT, has_touch=True, service_workers="block")
    outside: list[str] = []

    def refuse(route):
        outside.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^(?!file:|data:|blob:|about:)"), refuse)
    page = context.new_page()
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("file:", "data:", "blob:", "about:")) else None)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.site = kiosk_site
    page.url_of = lambda path: (kiosk_site / path).as_uri()
    yield page
    context.close()
    assert not outside, f"requests outside the kiosk: {outside}"
    assert not errors, f"script errors: {errors}"


ATTRACT = "exhibits/kiosk/attract.html"
# Slow checks (axe) can take longer than the tests' 4 s idle time: stop the page's clock meanwhile.
STOP_CLOCK = "() => { const now = Date.now(); Date.now = () => now; }"


def stop_the_clock(page) -> None:
    """Playwright's fake clock, stopped before the page loads: the kiosk's idle timers (setInterval and
    Date.now) move only when the test says, by page.clock.run_for(ms), never with the machine's load."""
    start = datetime.datetime(2026, 5, 1, 9, 0)
    page.clock.install(time=start)
    page.clock.pause_at(start + datetime.timedelta(seconds=1))  # install lets time run; no page yet


def scrolled(page, y: int) -> None:
    """Scroll to y and wait for the scroll event (it comes with the next frame): under a stopped clock
    it then counts as activity at the stopped time, not at some moment of a later run_for."""
    page.evaluate(
        """y => { addEventListener('scroll', () => document.documentElement.dataset.scrolled = scrollY,
                                             {capture: true, once: true}); scrollTo(0, y); }""",
        y,
    )
    expect(page.locator("html")).to_have_attribute("data-scrolled", str(y))


def touch_to_start(page, home: str = "**/site-kiosk/index.html") -> None:
    """A visitor taps 中文 on the attract screen: the visit starts on the Chinese home page (a tap on
    the slide itself opens the exhibit shown: test_attract_screen_alternates_languages…)."""
    page.locator(".kx-attract__lang[lang=zh]").tap()
    page.wait_for_url(home)


def _visible_slide(page):
    return page.locator(".kx-slide:not([hidden])")


# --- the build -------------------------------------------------------------------


def test_kiosk_build_is_offline_and_both_languages_have_an_inlined_search_index(kiosk_site):
    for lang, prefix in (("zh", ""), ("en", "en/")):
        script = kiosk_site / prefix / "search" / "search_index.js"
        assert script.exists(), script
        text = script.read_text(encoding="utf-8")
        assert text.startswith("var __index = {")
        if lang == "zh":
            assert "聊城舰" in text and "The corvette Liaocheng" not in text
        else:
            assert "The corvette Liaocheng" in text and '"title":"聊城舰"' not in text
    assert (kiosk_site / "assets/vendor/iframe-worker/shim.js").exists()
    for path in kiosk_site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        assert "unpkg.com" not in page and "fonts.googleapis" not in page, path
        soup = BeautifulSoup(page, "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for element in soup.find_all(tag):
                value = element.get(attr) or ""
                assert not re.match(r"^(https?:)?//", value), f"{path}: {tag} {value}"
        # One edition per screen: no language alternates, so nothing to keep from Material's version menu.
        assert not soup.find("link", rel="alternate", hreflang=True), path
        assert not soup.find("script", src=re.compile("language-switch")), path
    # file:// has no index lookup: every page is a file.html
    assert (kiosk_site / "exhibits/vessels/liaocheng-ship.html").exists()
    assert (kiosk_site / "en/exhibits/vessels/liaocheng-ship.html").exists()
    assert (kiosk_site / ATTRACT).exists() and (kiosk_site / "en" / ATTRACT).exists()


def test_every_link_and_picture_leads_to_a_file(kiosk_site):
    """From file:// a link to a folder shows a file listing: every address must name a file that exists."""
    from urllib.parse import unquote, urlsplit

    checked = 0
    for path in kiosk_site.rglob("*.html"):
        if path.name == "404.html":
            continue  # for web servers (root-absolute addresses); a kiosk never shows it
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        targets = [(a.name, a.get("href")) for a in soup.find_all(["a", "link"])] + [
            (i.name, i.get("src")) for i in soup.find_all(["img", "script"])
        ]
        targets += [
            ("srcset", part.split()[0]) for i in soup.find_all("img") if i.get("srcset") for part in i["srcset"].split(",")
        ]
        for tag, value in targets:
            if not value or value.startswith(("#", "data:", "javascript:")):
                continue
            url = urlsplit(value)
            assert not url.scheme and not url.netloc, f"{path}: {tag} {value}"
            target = (path.parent / unquote(url.path)).resolve() if url.path else path
            assert target.is_file(), f"{path.relative_to(kiosk_site)}: {tag} {value} -> {target}"
            checked += 1
    assert checked > 5000


def test_idle_times_from_the_environment_reach_the_pages(kiosk_site):
    page = (kiosk_site / "exhibits/vessels/liaocheng-ship.html").read_text(encoding="utf-8")
    settings = BeautifulSoup(page, "html.parser").find("script", id="__kiosk").string
    assert f'"idle": {IDLE}' in settings and f'"countdown": {COUNTDOWN}' in settings


def test_links_to_other_hosts_are_text_with_the_address_written_out(kiosk_site):
    shown = 0
    for path in kiosk_site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for a in soup.find_all("a"):
            href = a.get("href") or ""
            assert not re.match(r"^\s*([a-z][a-z0-9+.-]*:|//)", href, re.I) or href.startswith("javascript:"), f"{path}: {a}"
            assert not a.has_attr("target"), f"{path}: {a}"
        for span in soup.select(".kx-offsite .kx-address"):
            assert re.search(r"https?://", span.get_text()), span
            shown += 1
    assert shown >= 2  # the real collection cites Wikipedia and chinamil.com.cn
    memorial = (kiosk_site / "exhibits/memorials/luxibei-revolutionary-martyrs-cemetery.html").read_text(encoding="utf-8")
    assert "（https://zh.wikipedia.org/" in memorial
    # Written as a visitor would copy it: characters, not %-escapes.
    assert "zh-mo/鲁西北革命烈士陵园）" in memorial and "%E9%B2%81" not in BeautifulSoup(memorial, "html.parser").get_text()


def test_the_attract_screen_shows_only_featured_records(kiosk_site):
    soup = BeautifulSoup((kiosk_site / ATTRACT).read_text(encoding="utf-8"), "html.parser")
    slides = soup.select(".kx-slide")
    titles = [s.select_one(".kx-slide__title").get_text() for s in slides]
    assert len(slides) >= 8 and len(slides) % 2 == 0
    assert [s["lang"] for s in slides[:4]] == ["zh", "en", "zh", "en"]
    assert "聊城舰" in titles and "The corvette Liaocheng" in titles
    assert all(s.img and s.img["alt"] for s in slides), "every featured record shows its picture"
    assert {a.get_text() for a in soup.select(".kx-attract__langs a")} == {"中文", "English"}
    # Each slide opens its own exhibit, in the slide's language (not the home page).
    starts = [(s["lang"], s.a["href"]) for s in slides]
    assert ("zh", "../../exhibits/vessels/liaocheng-ship.html") in starts and (
        "en",
        "../../en/exhibits/vessels/liaocheng-ship.html",
    ) in starts
    assert all((kiosk_site / ATTRACT).parent.joinpath(href).resolve().is_file() for _, href in starts)


def test_the_main_site_has_no_kiosk_parts(built_site):
    assert not (built_site / "exhibits" / "kiosk").exists()
    page = (built_site / "exhibits/vessels/liaocheng-ship/index.html").read_text(encoding="utf-8")
    assert "kx-bar" not in page and "__kiosk" not in page and "iframe-worker" not in page


# --- in the browser, from file:// ----------------------------------------------------


def test_attract_screen_alternates_languages_and_a_touch_starts_the_visit(kiosk):
    stop_the_clock(kiosk)
    kiosk.goto(kiosk.url_of(ATTRACT))
    screen = kiosk.locator(".kx-attract")
    box = screen.bounding_box()
    assert box["width"] == VIEWPORT["width"] and box["height"] == VIEWPORT["height"], "full screen"
    slide = _visible_slide(kiosk)
    assert slide.count() == 1 and slide.get_attribute("lang") == "zh"
    assert "触摸开始" in slide.inner_text()
    assert slide.locator("img").evaluate("img => img.complete && img.naturalWidth > 0")
    every = float(screen.get_attribute("data-kx-slide-seconds")) * 1000  # slide_seconds, mkdocs-kiosk.yml
    kiosk.clock.run_for(every - 100)
    expect(_visible_slide(kiosk)).to_have_attribute("lang", "zh")
    kiosk.clock.run_for(200)
    expect(_visible_slide(kiosk)).to_have_attribute("lang", "en")
    assert "Touch to start" in _visible_slide(kiosk).inner_text()
    kiosk.clock.run_for(every)
    expect(_visible_slide(kiosk)).to_have_attribute("lang", "zh")
    # A touch on the slide opens the exhibit it shows, in the slide's language.
    title = _visible_slide(kiosk).locator(".kx-slide__title").inner_text()
    kiosk.touchscreen.tap(VIEWPORT["width"] / 2, VIEWPORT["height"] / 2)
    kiosk.wait_for_url(re.compile(r"/site-kiosk/exhibits/[a-z]+/[a-z0-9-]+\.html$"))
    expect(kiosk.locator("h1")).to_have_text(title)  # the exhibit's page, once drawn (not the slide's)
    assert kiosk.evaluate("document.documentElement.lang") == "zh"
    assert kiosk.locator(".kx-bar").is_visible()


def test_the_kiosks_one_address_index_html_opens_the_attract_screen(kiosk):
    """site-kiosk/index.html is the address set in the kiosk's browser (README, kiosk/README.md): opened
    fresh it shows the attract screen; from there, 中文 opens the home itself."""
    kiosk.goto(kiosk.url_of("index.html"))
    kiosk.wait_for_url("**/site-kiosk/" + ATTRACT)
    expect(_visible_slide(kiosk)).to_have_attribute("lang", "zh")
    touch_to_start(kiosk)
    assert kiosk.locator(".kx-first__tiles").is_visible()
    kiosk.reload()  # within the visit the home stays the home
    assert kiosk.url.endswith("/site-kiosk/index.html")


def test_languages_are_chosen_by_their_names(kiosk):
    kiosk.goto(kiosk.url_of(ATTRACT))
    kiosk.get_by_role("link", name="English", exact=True).tap()
    kiosk.wait_for_url("**/site-kiosk/en/index.html")
    assert kiosk.evaluate("document.documentElement.lang") == "en"
    kiosk.goto(kiosk.url_of("en/exhibits/vessels/liaocheng-ship.html"))
    kiosk.locator(".kx-bar [data-kx-lang=zh]").tap()
    kiosk.wait_for_url("**/site-kiosk/exhibits/vessels/liaocheng-ship.html")
    assert kiosk.locator("h1").inner_text() == "聊城舰"


def test_a_visitor_reaches_a_record_and_opens_its_gallery(kiosk):
    kiosk.goto(kiosk.url_of(ATTRACT))
    touch_to_start(kiosk)
    kiosk.locator(".ex-tiles a", has_text="舰艇").tap()
    kiosk.wait_for_url("**/exhibits/vessels/index.html")
    kiosk.locator(".ex-cards a", has_text="聊城舰").tap()
    kiosk.wait_for_url("**/exhibits/vessels/liaocheng-ship.html")
    kiosk.locator("a.glightbox").first.tap()
    image = kiosk.locator(".glightbox-container .gslide.current img")
    image.wait_for()
    kiosk.wait_for_function(
        "() => { const i = document.querySelector('.glightbox-container .gslide.current img'); return i && i.complete && i.naturalWidth >= 960; }"
    )
    close = kiosk.locator(".glightbox-container .gclose")
    size = close.bounding_box()
    assert size["width"] >= 44 and size["height"] >= 44
    close.tap()
    kiosk.wait_for_selector(".glightbox-container", state="detached")
    # The toolbar's back button returns within the visit.
    kiosk.locator("[data-kx-back]").tap()
    kiosk.wait_for_url("**/exhibits/vessels/index.html")


SEARCH = "exhibits/kiosk/search.html"
# What a visitor may type, and the record it must find (the first card), in each language.
TYPED = [
    ("zh", "lcj", "vessels/liaocheng-ship", "聊城舰"),
    ("zh", "liaocheng", "vessels/liaocheng-ship", "聊城舰"),
    ("zh", "fzx", "people/fan-zhuxian", "范筑先"),
    ("en", "corvette", "vessels/liaocheng-ship", "The corvette Liaocheng"),
    ("en", "fan", "people/fan-zhuxian", "Fan Zhuxian"),
]
# Elements that would open the operating system's keyboard if they took focus (a <select> opens a list).
EDITABLE = """() => [...document.querySelectorAll('input, textarea, [contenteditable]:not([contenteditable=false])')]
  .filter(e => !['hidden', 'checkbox', 'radio'].includes(e.type) && !e.readOnly && e.getClientRects().length)
  .map(e => e.outerHTML.slice(0, 80))"""


def tap_keys(page, letters: str) -> None:
    """A visitor taps letters on the search page's on-screen keyboard."""
    for letter in letters:
        page.locator(f"[data-kx-key={letter}]").tap()


def cards(page) -> list[str]:
    return page.locator("[data-kx-results] .ex-card__title").all_inner_texts()


def open_search(page, lang: str = "zh") -> None:
    """From the attract screen, by touch: start the visit in a language, then the toolbar's search button."""
    page.goto(page.url_of(ATTRACT))
    if lang == "zh":
        touch_to_start(page)
    else:
        page.locator(".kx-attract__lang[lang=en]").tap()
        page.wait_for_url("**/site-kiosk/en/index.html")
    page.locator(".kx-bar [data-kx-search-link]").tap()
    page.wait_for_url(f"**/site-kiosk/{'' if lang == 'zh' else 'en/'}{SEARCH}")


def test_the_search_data_has_pinyin_for_chinese_and_words_for_english(kiosk_site, built_site):
    import json

    data = {}
    for lang in ("zh", "en"):
        text = (kiosk_site / "exhibits/kiosk" / f"search-{lang}.js").read_text(encoding="utf-8")
        assert text.startswith("window.KX_SEARCH = ") and text.rstrip().endswith(";")
        data[lang] = {item["id"]: item for item in json.loads(text[len("window.KX_SEARCH = ") :].rstrip().rstrip(";"))["items"]}
    ship, fan = data["zh"]["liaocheng-ship"], data["zh"]["fan-zhuxian"]
    assert ship["keys"][0] == ["liaochengjian", "lcj"] and ship["title"] == "聊城舰"
    assert ["fanzhuxian", "fzx"] in fan["keys"]
    assert ["corvette", "c"] not in data["en"]["liaocheng-ship"]["keys"]  # English keys are whole texts …
    assert data["en"]["liaocheng-ship"]["keys"][0] == ["thecorvetteliaocheng", "tcl"]  # … of the English title
    assert ship["img"].endswith(".webp") and (kiosk_site / "exhibits/kiosk" / ship["img"]).resolve().is_file()
    assert not any(item["kind"] == "lesson" for item in data["zh"].values())
    for lang, prefix in (("zh", ""), ("en", "en/")):
        page = (kiosk_site / prefix / SEARCH).read_text(encoding="utf-8")
        assert f"search-{lang}.js" in page and len(BeautifulSoup(page, "html.parser").select("[data-kx-key]")) == 28
    # Only the search page loads the data; no kiosk page has Material's search field …
    assert "search-zh.js" not in (kiosk_site / "index.html").read_text(encoding="utf-8")
    assert "md-search__input" not in (kiosk_site / "exhibits/vessels/liaocheng-ship.html").read_text(encoding="utf-8")
    # … while the web site keeps it, and has no kiosk search.
    assert "md-search__input" in (built_site / "exhibits/vessels/liaocheng-ship/index.html").read_text(encoding="utf-8")
    assert not list(built_site.rglob("search-zh.js"))


@pytest.mark.parametrize("lang, letters, record, title", TYPED, ids=[t[1] for t in TYPED])
def test_search_by_touch_finds_the_record(kiosk, lang, letters, record, title):
    open_search(kiosk, lang)
    kiosk.evaluate(STOP_CLOCK)
    assert kiosk.evaluate(EDITABLE) == [], "no field that could open the operating system's keyboard"
    assert cards(kiosk), "before typing, the featured exhibits show"
    tap_keys(kiosk, letters)
    assert kiosk.locator("[data-kx-query]").inner_text().lower() == letters
    assert cards(kiosk)[0] == title, cards(kiosk)
    assert kiosk.evaluate("document.activeElement === document.body || document.activeElement.matches('button')")
    kiosk.locator("[data-kx-results] .ex-card__link").first.tap()
    prefix = "" if lang == "zh" else "en/"
    kiosk.wait_for_url(f"**/site-kiosk/{prefix}exhibits/{record}.html")
    assert kiosk.locator("h1").inner_text() == title
    # Back returns to the search with the letters still there.
    kiosk.locator("[data-kx-back]").tap()
    kiosk.wait_for_url(f"**/site-kiosk/{prefix}{SEARCH}")
    assert kiosk.locator("[data-kx-query]").inner_text().lower() == letters
    assert cards(kiosk)[0] == title


def test_search_keys_delete_and_clear_and_suggestions_are_one_tap(kiosk):
    open_search(kiosk)
    kiosk.evaluate(STOP_CLOCK)
    tap_keys(kiosk, "fzxq")
    assert cards(kiosk) == [] and "没有找到" in kiosk.locator("[data-kx-status]").inner_text()
    kiosk.locator("[data-kx-key=backspace]").tap()
    assert kiosk.locator("[data-kx-query]").inner_text().lower() == "fzx" and cards(kiosk)[0] == "范筑先"
    kiosk.locator("[data-kx-key=clear]").tap()
    assert kiosk.locator("[data-kx-query]").inner_text() == ""
    assert kiosk.locator("[data-kx-heading]").inner_text() == "推荐展品"
    # A subject: one tap shows its exhibits.
    tag = kiosk.locator("[data-kx-tag]").first
    tag.tap()
    assert tag.get_attribute("aria-pressed") == "true"
    assert cards(kiosk) and tag.inner_text() in kiosk.locator("[data-kx-heading]").inner_text()
    assert "找到" in kiosk.locator("[data-kx-status]").inner_text()
    # A featured exhibit: one tap opens it.
    kiosk.locator(".kx-chip", has_text="范筑先").first.tap()
    kiosk.wait_for_url("**/exhibits/people/fan-zhuxian.html")
    # Every key is large: ~64 px and more.
    kiosk.go_back()
    kiosk.wait_for_url("**/" + SEARCH)
    sizes = kiosk.locator("[data-kx-key], .kx-chip").evaluate_all("els => els.map(e => [e.offsetWidth, e.offsetHeight])")
    assert len(sizes) >= 28 and [s for s in sizes if min(s) < 64] == [], sizes


# Each tile of the kiosk home's first screen: [top, bottom, left, right, width, height, has a picture (or is a
# person's or an event's typographic card), title].
FIRST_TILES = """els => els.map(e => { const r = e.getBoundingClientRect();
  return [r.top, r.bottom, r.left, r.right, r.width, r.height, !!e.querySelector('img, .ex-card__ph') || e.parentElement.classList.contains('ex-card--type'),
          e.querySelector('.ex-card__title').textContent]; })"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_kiosk_first_screen_is_whole_picture_tiles(kiosk, kiosk_site, lang):
    """Right after the attract screen, at 1920x1080 with no scrolling: at least 6 large picture tiles,
    each whole above the toolbar: the ways in (tour, stories, roll, timeline, hall map), then the
    kiosk's featured exhibits (settings/kiosk.yml), which the search page's quick list shows too."""
    kiosk.goto(kiosk.url_of(("" if lang == "zh" else "en/") + ATTRACT))
    kiosk.locator(f".kx-attract__lang[lang={lang}]").tap()
    kiosk.wait_for_url(f"**/site-kiosk/{'' if lang == 'zh' else 'en/'}index.html")
    assert kiosk.evaluate("window.scrollY") == 0
    bar = kiosk.locator(".kx-bar").bounding_box()
    tiles = kiosk.locator(".kx-first__tiles .ex-card__link").evaluate_all(FIRST_TILES)
    whole = [t for t in tiles if t[0] >= 0 and t[1] <= bar["y"] and t[2] >= 0 and t[3] <= VIEWPORT["width"]]
    assert len(whole) >= 6, tiles
    assert all(t[4] >= 300 and t[5] >= 250 and t[6] for t in whole), whole
    titles = [t[7] for t in tiles]
    ways = (
        ["展线导览", "专题", "英名录", "时间线", "展厅地图"]
        if lang == "zh"
        else ["Guided tour", "Stories", "Roll of names", "Timeline", "Hall map"]
    )
    assert titles[:5] == ways, titles
    # The featured exhibits (settings/kiosk.yml), in one order: on the home, in the search's quick list,
    # and, those with a picture, on the attract screen.
    search = BeautifulSoup((kiosk_site / ("" if lang == "zh" else "en/") / SEARCH).read_text(encoding="utf-8"), "html.parser")
    featured = [a.get_text() for a in search.select(".kx-chip[href]")]
    assert len(featured) >= 5 and titles[5:] == featured[:5], (titles, featured)
    attract = BeautifulSoup((kiosk_site / ATTRACT).read_text(encoding="utf-8"), "html.parser")
    slides = [s.select_one(".kx-slide__title").get_text() for s in attract.select(f".kx-slide[lang={lang}]")]
    assert slides == [title for title in featured if title in slides] and len(slides) >= 4, (slides, featured)


def test_the_kiosk_home_leads_to_search(kiosk):
    kiosk.goto(kiosk.url_of(ATTRACT))
    touch_to_start(kiosk)
    # The home's tiles are large targets on the 1080p screen, pictures first.
    for selector in (".kx-first__tiles .ex-card__link", ".ex-tiles .ex-card__link"):
        sizes = kiosk.locator(selector).evaluate_all("els => els.map(e => [e.offsetWidth, e.offsetHeight])")
        assert len(sizes) >= 6 and [s for s in sizes if s[0] < 300 or s[1] < 250] == [], (selector, sizes)
    button = kiosk.locator(".kx-home-search")
    box = button.bounding_box()
    assert box["height"] >= 56 and box["y"] + box["height"] < VIEWPORT["height"] - 80, "above the toolbar, on the first screen"
    button.tap()
    kiosk.wait_for_url("**/site-kiosk/" + SEARCH)


def test_a_visitor_reaches_ship_hero_timeline_tour_and_story_by_touch_alone(kiosk):
    """From the attract screen, every step a tap: no keyboard, no address bar."""

    def fresh():
        kiosk.evaluate(STOP_CLOCK)

    kiosk.goto(kiosk.url_of(ATTRACT))
    touch_to_start(kiosk)
    fresh()
    kiosk.locator(".kx-first__tiles a", has_text="展线导览").tap()  # the guided tour, then its first stop
    kiosk.wait_for_url("**/exhibits/tour/index.html")
    fresh()
    kiosk.locator(".ex-tour-start a").tap()
    kiosk.wait_for_url("**/exhibits/tour/prelude.html")
    fresh()
    kiosk.locator(".ex-tour-nav__next").tap()
    kiosk.wait_for_url("**/exhibits/tour/martyrs.html")
    fresh()
    kiosk.locator(".md-tabs__link", has_text="时间线").tap()
    kiosk.wait_for_url("**/exhibits/timeline.html")
    fresh()
    kiosk.locator(".md-typeset a", has_text="范筑先出生").first.tap()  # a timeline entry leads to its record
    kiosk.wait_for_url(re.compile(r"/exhibits/people/fan-zhuxian\.html(#.*)?$"))
    assert kiosk.locator("h1").inner_text() == "范筑先"
    fresh()
    kiosk.locator(".md-tabs__link", has_text="专题").tap()
    kiosk.wait_for_url("**/exhibits/stories/index.html")
    fresh()
    kiosk.locator(".ex-cards a").first.tap()
    kiosk.wait_for_url(re.compile(r"/exhibits/stories/(?!index\.)[a-z0-9-]+\.html$"))
    assert kiosk.locator(".ex-figure img").first.evaluate(
        "img => img.complete && img.naturalWidth > 0"
    )  # a story opens on a picture
    fresh()
    kiosk.locator(".kx-bar [data-kx-home]").tap()
    kiosk.wait_for_url("**/site-kiosk/index.html")
    fresh()
    kiosk.locator(".ex-tiles a", has_text="舰艇").tap()
    kiosk.wait_for_url("**/exhibits/vessels/index.html")
    kiosk.locator(".ex-cards a", has_text="聊城舰").tap()
    kiosk.wait_for_url("**/exhibits/vessels/liaocheng-ship.html")
    assert kiosk.locator("h1").inner_text() == "聊城舰"


def test_the_hall_map_names_its_zones_in_large_letters(kiosk):
    for path in ("exhibits/hall-map.html", "en/exhibits/hall-map.html"):
        kiosk.goto(kiosk.url_of(path))
        heights = kiosk.evaluate("""() => [...document.querySelectorAll('svg.ex-hall a text')]
            .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)""")
        assert len(heights) >= 6 and min(heights) >= 24, heights
        zones = kiosk.locator("svg.ex-hall a").evaluate_all(
            "els => els.map(a => a.getBoundingClientRect()).map(r => [r.width, r.height])"
        )
        assert all(w >= 88 and h >= 88 for w, h in zones), zones


def drag(page, start: tuple[float, float], end: tuple[float, float], steps: int = 12) -> None:
    """A finger on the screen, moved from start to end, then lifted (Chromium's touch input)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": start[0], "y": start[1]}]})
    for step in range(1, steps + 1):
        x = start[0] + (end[0] - start[0]) * step / steps
        y = start[1] + (end[1] - start[1]) * step / steps
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def test_the_timeline_scrolls_by_a_finger_drag(kiosk):
    kiosk.goto(kiosk.url_of("exhibits/timeline.html"))
    kiosk.evaluate(STOP_CLOCK)
    # No box of its own to scroll (which a drag might not move): the page itself scrolls.
    inner = kiosk.evaluate("""() => [...document.querySelectorAll('.md-content *')].filter(e => {
        const s = getComputedStyle(e);
        return /(auto|scroll)/.test(s.overflowX + s.overflowY) && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1);
    }).map(e => e.className)""")
    assert inner == [], inner
    drag(kiosk, (VIEWPORT["width"] / 2, 800), (VIEWPORT["width"] / 2, 200))
    kiosk.wait_for_function("window.scrollY > 300", timeout=3000)
    assert "timeline.html" in kiosk.url  # a drag is not a tap: nothing opened


def test_the_lightbox_swipes_to_the_next_picture(kiosk):
    kiosk.goto(kiosk.url_of("exhibits/gallery.html"))
    kiosk.evaluate(STOP_CLOCK)
    kiosk.locator("a.glightbox").first.tap()
    lightbox_shown(kiosk)
    first = kiosk.locator(".gslide.current img").get_attribute("src")
    y = VIEWPORT["height"] / 2
    drag(kiosk, (1500, y), (300, y))
    kiosk.wait_for_function(
        f"() => {{ const i = document.querySelector('.gslide.current img'); return i && i.getAttribute('src') !== {first!r}; }}",
        timeout=5000,
    )


def test_idle_countdown_then_reset_to_the_chinese_attract_screen(kiosk):
    stop_the_clock(kiosk)
    kiosk.goto(kiosk.url_of("en/exhibits/vessels/liaocheng-ship.html"))
    kiosk.locator("[data-kx-toggle=large]").tap()  # a choice of this visitor, cleared by the reset
    scrolled(kiosk, 600)
    dialog = kiosk.locator("dialog[data-kx-idle]")
    kiosk.clock.run_for(IDLE * 1000 - 300)
    expect(dialog).to_be_hidden()  # not a moment too early
    kiosk.clock.run_for(600)
    expect(dialog).to_be_visible()
    assert "Still there?" in dialog.inner_text()
    assert f"in {COUNTDOWN} s" in dialog.inner_text()
    kiosk.clock.run_for(1000)
    expect(dialog).to_contain_text(f"in {COUNTDOWN - 1} s")  # counting down, second by second
    stay = dialog.locator("[data-kx-stay]")
    size = stay.bounding_box()
    assert size["width"] >= 88 and size["height"] >= 88, size
    stay.tap()  # still there: the countdown goes away and the page stays
    expect(dialog).to_be_hidden()
    kiosk.clock.run_for(IDLE * 1000 - 300)  # the wait began again at the tap
    expect(dialog).to_be_hidden()
    assert "/en/exhibits/vessels/liaocheng-ship.html" in kiosk.url
    kiosk.clock.run_for(600)
    expect(dialog).to_be_visible()
    kiosk.clock.run_for(COUNTDOWN * 1000)
    kiosk.wait_for_url("**/site-kiosk/" + ATTRACT)
    assert kiosk.evaluate("document.documentElement.lang") == "zh"
    assert _visible_slide(kiosk).get_attribute("lang") == "zh"
    assert kiosk.evaluate("window.scrollY") == 0
    assert kiosk.evaluate("Object.keys(sessionStorage)") == ["kx-begun"]  # the attract screen's own mark, no more
    assert not kiosk.evaluate("document.documentElement.classList.contains('kx-large')")
    # The last visitor's pages are out of reach: back stays on (or returns to) the attract screen.
    kiosk.go_back()
    kiosk.wait_for_load_state()
    kiosk.wait_for_url("**/site-kiosk/" + ATTRACT)
    expect(_visible_slide(kiosk)).to_have_attribute("lang", "zh")
    # The next visitor starts fresh, in Chinese, with normal text.
    touch_to_start(kiosk)
    assert not kiosk.evaluate("document.documentElement.classList.contains('kx-large')")


# The reset, caught as it leaves: a beforeunload handler makes the browser ask, the test's (default)
# dialog handling says "stay", and the page shows what the reset had cleared before leaving.
HOLD_THE_RESET = """() => window.addEventListener('beforeunload', event => { event.preventDefault(); event.returnValue = ''; })"""


def _caught_reset(page) -> None:
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.evaluate(HOLD_THE_RESET)
    page.clock.run_for((IDLE + COUNTDOWN) * 1000 + 400)
    page.wait_for_function("() => true")  # a round trip: the dialog event has reached the test
    assert asked == ["beforeunload"], "the reset did not try to leave the page"


def test_the_reset_clears_the_keyboard_the_query_the_lightbox_and_the_scroll(kiosk):
    stop_the_clock(kiosk)
    # A visitor typed on the search page, scrolled, and walked away.
    kiosk.goto(kiosk.url_of("en/" + SEARCH))
    tap_keys(kiosk, "lcj")
    assert kiosk.locator("[data-kx-query]").inner_text().lower() == "lcj"
    scrolled(kiosk, 300)
    _caught_reset(kiosk)
    assert kiosk.locator("[data-kx-query]").inner_text() == ""
    assert kiosk.evaluate("[window.scrollY, sessionStorage.getItem('kx-query'), sessionStorage.length]") == [0, None, 0]
    # Another walked away with a picture open, half way down the gallery.
    kiosk.goto(kiosk.url_of("exhibits/gallery.html"))
    scrolled(kiosk, 900)
    kiosk.locator("a.glightbox:visible").first.tap()
    kiosk.locator(".glightbox-container .gslide.current img").wait_for()
    assert kiosk.evaluate("lightbox.lightboxOpen") and kiosk.evaluate("window.scrollY") > 0
    _caught_reset(kiosk)
    kiosk.locator(".glightbox-container").wait_for(state="detached", timeout=3000)
    assert kiosk.evaluate("[lightbox.lightboxOpen, window.scrollY]") == [False, 0]
    # Let go, the reset reaches the attract screen, in Chinese; the next visitor finds an empty search.
    kiosk.goto(kiosk.url_of("en/" + SEARCH))
    tap_keys(kiosk, "fzx")
    kiosk.clock.run_for((IDLE + COUNTDOWN) * 1000 + 400)
    kiosk.wait_for_url("**/site-kiosk/" + ATTRACT)
    assert kiosk.evaluate("document.documentElement.lang") == "zh" and kiosk.evaluate("window.scrollY") == 0
    assert _visible_slide(kiosk).get_attribute("lang") == "zh"
    touch_to_start(kiosk)
    kiosk.locator(".kx-bar [data-kx-search-link]").tap()
    kiosk.wait_for_url("**/site-kiosk/" + SEARCH)
    assert kiosk.locator("[data-kx-query]").inner_text() == ""
    assert kiosk.locator("[data-kx-heading]").inner_text() == "推荐展品"


def test_listen_stops_on_the_idle_reset(kiosk):
    """朗读 / Listen (docs/assets/javascripts/listen.js) in the kiosk: a 60 px control on a record page that
    reads it in its language; a visitor who walks away leaves no voice reading on: the reset stops it."""
    from test_elderly import stub_speech

    stub_speech(kiosk, ["zh-CN", "en-US"])
    stop_the_clock(kiosk)
    kiosk.goto(kiosk.url_of("exhibits/people/fan-zhuxian.html"))
    listen = kiosk.locator("[data-ex-listen=play]")
    assert listen.bounding_box()["height"] >= 60
    listen.tap()
    kiosk.locator(".ex-reading").wait_for()
    assert kiosk.evaluate("window.__said") == [{"text": "范筑先", "lang": "zh-CN"}]
    cancelled = kiosk.evaluate("window.__cancelled")
    _caught_reset(kiosk)
    assert kiosk.evaluate("window.__cancelled") > cancelled, "the reset did not stop the voice"
    assert kiosk.locator(".ex-reading").count() == 0 and kiosk.locator("[data-ex-listen=stop]").is_hidden()


def test_a_kiosk_without_a_voice_offers_no_listen_control(kiosk):
    """A kiosk computer with no voice for the language (a plain Linux one): a visitor can do nothing about
    it, so neither the button nor a sentence saying so stands on the page."""
    from test_elderly import stub_speech

    stub_speech(kiosk, ["en-US"])
    stop_the_clock(kiosk)
    kiosk.goto(kiosk.url_of("exhibits/people/fan-zhuxian.html"))
    assert kiosk.locator(".ex-listen").count() == 1 and kiosk.locator(".ex-listen").is_hidden()
    assert kiosk.locator("[data-ex-listen=play]").is_hidden() and kiosk.locator("[data-ex-listen=none]").is_hidden()
    kiosk.goto(kiosk.url_of("en/exhibits/people/fan-zhuxian.html"))
    assert kiosk.locator("[data-ex-listen=play]").is_visible()


# Resolves after the tasks already queued (a message round trip; no timer, so a stopped clock does not matter).
NEXT_TASK = "() => new Promise(r => { const c = new MessageChannel(); c.port1.onmessage = () => r(); c.port2.postMessage(0); })"


def test_back_never_leaves_the_kiosk(kiosk):
    kiosk.goto(kiosk.url_of(ATTRACT))
    touch_to_start(kiosk)
    kiosk.locator(".ex-tiles a", has_text="人物").tap()
    kiosk.wait_for_url("**/exhibits/people/index.html")
    for _ in range(5):
        kiosk.go_back()
        kiosk.wait_for_load_state()
        # A step back within the attract page is answered by its popstate handler (it pushes the entry
        # again): let that task run before the next step, as a finger could not press faster anyway.
        kiosk.evaluate(NEXT_TASK)
        assert kiosk.url.startswith(kiosk.site.as_uri() + "/"), kiosk.url
    assert kiosk.url.endswith(ATTRACT)


def test_no_link_to_another_host_can_be_clicked(kiosk):
    kiosk.goto(kiosk.url_of("exhibits/memorials/luxibei-revolutionary-martyrs-cemetery.html"))
    offsite = kiosk.locator(".kx-offsite").first
    assert "zh.wikipedia.org" in offsite.inner_text()
    assert offsite.locator("xpath=ancestor-or-self::a").count() == 0
    # Even a link added at run time, or one asking for a new window, goes nowhere.
    kiosk.evaluate("""() => {
        for (const [href, target] of [["https://example.org/", ""], ["//example.org/x", ""], ["../../index.html", "_blank"]]) {
            const a = document.createElement('a'); a.href = href; a.textContent = 'test ' + href;
            if (target) a.target = target;
            a.className = 'kx-test';
            a.style.cssText = `display:block;position:fixed;top:${150 + 80 * document.querySelectorAll('.kx-test').length}px;left:600px;z-index:99;padding:20px;background:#fff`;
            document.body.append(a);
        }
    }""")
    before = kiosk.url
    kiosk.evaluate(RECORD_CLICKS)
    for index in range(2):
        kiosk.locator("a.kx-test").nth(index).click()
        assert kiosk.evaluate(CANCELLED_CLICKS) == [True] * (index + 1), "the kiosk let a link to another host go"
        assert kiosk.url == before
    assert len(kiosk.context.pages) == 1
    with kiosk.expect_navigation():
        kiosk.locator("a.kx-test").nth(2).click()  # inside the kiosk: allowed, in the same window
    assert len(kiosk.context.pages) == 1
    assert kiosk.evaluate("window.open('https://example.org/')") is None
    assert kiosk.evaluate("document.dispatchEvent(new MouseEvent('contextmenu', {cancelable: true}))") is False


# Every visible control outside running text: at least 44 x 44 CSS px. A link is in running text
# (WCAG 2.5.8's inline exception) only inside a paragraph of prose: a p, blockquote or figcaption
# with at least 20 characters of its own besides its links. A link in a list, a table, a date line
# or a short label line (timeline entries, sources, tags, "zone: …") is a control and is measured. A
# citation number (sup.ex-cites) is always inline: it follows the words it cites.
CONTROL_SIZES = r"""(least) => {
  least = least || 44;  // evaluate(CONTROL_SIZES) passes null, not undefined: a default parameter never applied
  const words = /[A-Za-z0-9\u00C0-\u024F\u3400-\u9FFF]/;
  const controls = document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [role=button], [tabindex]:not([tabindex="-1"])');
  const small = [];
  const shown = el => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || parseFloat(s.opacity) === 0) return false;
    }
    return true;
  };
  for (const el of controls) {
    if (el.matches('input[type=checkbox].md-toggle, input.md-toggle, .md-overlay, .md-search__overlay')) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 2 || r.height <= 2 || !shown(el)) continue;  // not drawn (or screen-reader-only)
    if (getComputedStyle(el).pointerEvents === 'none') continue;  // no target: a tap goes through (Material's search icon)
    if (el.matches('a') && getComputedStyle(el).display === 'inline') {
      let block = el.parentElement;
      while (block && getComputedStyle(block).display.startsWith('inline')) block = block.parentElement;
      const rest = block.cloneNode(true);
      rest.querySelectorAll('a').forEach(a => a.remove());
      const prose = block.matches('p, blockquote, figcaption') && !block.closest('li, td, th, dd, nav');
      if (prose && words.test(rest.textContent) && rest.textContent.trim().length >= 20) continue;  // in running text
      // A citation number ([1], #24) follows the words it cites, however short the paragraph.
      if (el.closest('sup.ex-cites') && block.matches('p, li, figcaption, td, dd') && words.test(rest.textContent)) continue;
    }
    if (r.width < least || r.height < least) small.push(`${el.tagName.toLowerCase()}.${el.className} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  return small;
}"""

# 长者模式 (the toolbar's large text) as drawn: text under 20 px, line height under 1.5, anything moving.
LARGE_TEXT = r"""() => {
  const texts = [...document.querySelectorAll('.md-content .md-typeset :is(p, li, td, dd, figcaption)')]
    .filter(e => e.getClientRects().length && e.textContent.trim().length > 3);
  const px = (e, p) => parseFloat(getComputedStyle(e)[p]);
  return {
    small: texts.filter(e => px(e, 'fontSize') < 20).map(e => e.textContent.trim().slice(0, 20)).slice(0, 5),
    tight: texts.filter(e => px(e, 'lineHeight') < 1.5 * px(e, 'fontSize')).map(e => e.textContent.trim().slice(0, 20)).slice(0, 5),
    moving: [...document.querySelectorAll('body *')].filter(e => {
      const s = getComputedStyle(e);
      return s.transitionDuration.split(',').some(d => parseFloat(d) > 0) || (s.animationName !== 'none' && parseFloat(s.animationDuration) > 0);
    }).map(e => e.className.toString()).slice(0, 5),
  };
}"""

# Pages the touch-layout walk checks in large text too (a page of each layout), and visits if they are not
# among its one page of each kind (a tag, a tour stop, a story, a memorial); its English pages axed.
PAGES = [
    ATTRACT,
    "index.html",
    "exhibits/vessels/index.html",
    "exhibits/vessels/liaocheng-ship.html",
    "exhibits/memorials/luxibei-revolutionary-martyrs-cemetery.html",
    "exhibits/timeline.html",
    "exhibits/hall-map.html",
    "exhibits/gallery.html",
    "exhibits/tags/index.html",
    "exhibits/tags/navy.html",
    "visit.html",
    "exhibits/tour/index.html",
    "exhibits/tour/navy.html",
    "exhibits/stories/one-city-one-ship.html",
    "exhibits/people/fan-zhuxian.html",
    "exhibits/events/index.html",
    SEARCH,
    "en/index.html",
    "en/exhibits/people/fan-zhuxian.html",
    "en/exhibits/timeline.html",
    "en/" + SEARCH,
    "en/" + ATTRACT,
]


def test_controls_on_a_portrait_screen_are_at_least_44_px(kiosk):
    kiosk.set_viewport_size({"width": 1080, "height": 1920})
    kiosk.goto(kiosk.url_of("exhibits/vessels/liaocheng-ship.html"))
    kiosk.evaluate(STOP_CLOCK)
    assert kiosk.evaluate(CONTROL_SIZES) == []
    kiosk.locator("label.md-header__button[for=__drawer]").tap()  # the navigation drawer
    kiosk.locator(".md-sidebar--primary .md-nav__link").first.wait_for(state="visible")
    settled(kiosk)  # the drawer has slid all the way in
    assert kiosk.evaluate(CONTROL_SIZES) == []


def test_controls_in_search_and_lightbox_are_at_least_44_px(kiosk):
    kiosk.goto(kiosk.url_of(SEARCH))
    kiosk.evaluate(STOP_CLOCK)
    tap_keys(kiosk, "lc")
    assert len(cards(kiosk)) >= 2
    assert kiosk.evaluate(CONTROL_SIZES) == []
    kiosk.locator("[data-kx-toggle=large]").tap()
    assert kiosk.evaluate(CONTROL_SIZES) == []
    kiosk.goto(kiosk.url_of("exhibits/gallery.html"))
    kiosk.locator("a.glightbox").first.tap()
    lightbox_shown(kiosk)
    assert kiosk.evaluate(CONTROL_SIZES) == []


def test_touch_chrome_has_no_selection_no_hover_menu_and_larger_type(kiosk):
    kiosk.goto(kiosk.url_of("exhibits/vessels/liaocheng-ship.html"))
    for selector in (".md-header", ".kx-bar", ".md-sidebar--primary", ".md-footer"):
        assert kiosk.locator(selector).first.evaluate("e => getComputedStyle(e).userSelect") == "none", selector
    assert kiosk.locator(".md-typeset").first.evaluate("e => getComputedStyle(e).userSelect") != "none"
    assert not kiosk.locator(".md-select").first.is_visible(), "the hover language menu is replaced by the toolbar"
    body = kiosk.locator(".md-typeset p:not([class])").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert body >= 22
    kiosk.locator("[data-kx-toggle=large]").tap()
    assert kiosk.locator("[data-kx-toggle=large]").get_attribute("aria-pressed") == "true"
    larger = kiosk.locator(".md-typeset p:not([class])").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert larger >= body * 1.2
    kiosk.locator("[data-kx-toggle=contrast]").tap()
    assert kiosk.locator(".md-typeset p:not([class])").first.evaluate("e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
    # Both choices last for the visit.
    kiosk.locator(".kx-bar [data-kx-home]").tap()
    kiosk.wait_for_url("**/site-kiosk/index.html")
    assert kiosk.evaluate("['kx-large', 'kx-contrast'].every(c => document.documentElement.classList.contains(c))")


def kiosk_page_types(site: Path) -> list[str]:
    """One page of each kind in the kiosk edition (its addresses end in .html): the attract
    screen, home, every top-level page, every page of exhibits/ that is not a record, and
    the index and first record of each folder; then the same in English."""
    exhibits = site / "exhibits"
    paths = [ATTRACT, "index.html", *sorted(p.name for p in site.glob("*.html") if p.name not in ("index.html", "404.html"))]
    paths += sorted(f"exhibits/{p.name}" for p in exhibits.glob("*.html"))
    for folder in sorted(d for d in exhibits.iterdir() if d.is_dir() and d.name != "kiosk"):
        pages = sorted(p.name for p in folder.glob("*.html"))
        paths += [f"exhibits/{folder.name}/{name}" for name in pages if name == "index.html"]
        paths += [f"exhibits/{folder.name}/{name}" for name in pages if name != "index.html"][:1]
    return paths + [f"en/{path}" for path in paths if (site / "en" / path).is_file()]


def test_every_kind_of_page_has_no_axe_violation_and_44_px_controls_in_the_touch_layout(kiosk, kiosk_site):
    """One walk over every page of the kiosk, both languages: every visible link and control on every
    page is at least 44 px (CONTROL_SIZES measures every element; only prose links are exempt). On a
    page of each kind (and the pages named in PAGES), also: in 长者模式 on PAGES, 60 px, text 20 px and
    more, line height 1.5 and more, nothing moving; no sidebar,
    the page in the middle of the screen, no field that takes typing; axe finds no violation on every
    Chinese page and on the English pages PAGES names. (The kiosk's English pages differ from its
    Chinese ones in words only, and every English page of each kind is axed in the web walk,
    test_quality_gates.py: 27 checks, 20 s of the run, saw nothing more.) Every page's problems are reported together."""
    paths = kiosk_page_types(kiosk_site)
    assert {
        "exhibits/timeline.html",
        "exhibits/hall-map.html",
        "exhibits/gallery.html",
        "visit.html",
        "exhibits/vessels/liaocheng-ship.html",
        "exhibits/tour/index.html",
        "exhibits/stories/index.html",
        "exhibits/tags/index.html",
        "en/" + ATTRACT,
    } <= set(paths), paths
    paths += [p for p in PAGES if p not in paths]
    # Every other page of the kiosk, in both languages, is measured too (44 px only: ~0.1 s a page).
    typed = set(paths)
    paths += sorted(
        p
        for p in (f.relative_to(kiosk_site).as_posix() for f in kiosk_site.rglob("*.html"))
        if p not in typed and not p.endswith("404.html")
    )
    large = kiosk.locator("[data-kx-toggle=large]")
    failures = []
    for path in paths:
        kiosk.goto(kiosk.url_of(path))
        if path not in typed:
            if small := kiosk.evaluate(CONTROL_SIZES):
                failures.append(f"{path}:\ncontrols under 44 px: {small}")
            continue
        kiosk.evaluate(STOP_CLOCK)  # axe takes longer than the tests' idle time
        found = []
        if (not path.startswith("en/") or path in PAGES) and (report := axe_violations(kiosk)):
            found.append(report)
        if small := kiosk.evaluate(CONTROL_SIZES):
            found.append(f"controls under 44 px: {small}")
        if not path.endswith(ATTRACT):  # the attract screen is one picture to touch, in either language
            # The touch layout: no sidebar, the page in the middle of the screen, above the toolbar.
            if kiosk.locator(".md-sidebar--primary, .md-sidebar--secondary").evaluate_all(
                "els => els.filter(e => e.getClientRects().length && getComputedStyle(e).display !== 'none')"
            ):
                found.append("a sidebar is shown")
            box = kiosk.locator(".md-content").bounding_box()
            if abs(box["x"] + box["width"] / 2 - VIEWPORT["width"] / 2) >= 40:
                found.append(f"the page is not in the middle of the screen: {box}")
            if editable := kiosk.evaluate(EDITABLE):
                found.append(f"fields that take typing: {editable}")
            if path in PAGES:  # 长者模式 on a page of each layout (test_touch_chrome… checks the type grows)
                large.tap()
                if small := kiosk.evaluate(CONTROL_SIZES, 60):
                    found.append(f"controls under 60 px in 长者模式: {small}")
                if (numbers := kiosk.evaluate(LARGE_TEXT)) != {"small": [], "tight": [], "moving": []}:
                    found.append(f"长者模式: {numbers}")
                large.tap()  # the choice lasts for the visit: back to normal text for the next page
                assert large.get_attribute("aria-pressed") == "false"
        if found:
            failures.append(f"{path}:\n" + "\n".join(found))
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_axe_finds_no_violation_on_the_search_page(kiosk, lang):
    kiosk.goto(kiosk.url_of(("" if lang == "zh" else "en/") + SEARCH))
    kiosk.evaluate(STOP_CLOCK)  # the featured exhibits, as loaded: in the touch-layout walk (PAGES)
    tap_keys(kiosk, "lc")
    assert cards(kiosk)
    assert not axe_violations(kiosk)  # results
    tap_keys(kiosk, "qqq")
    assert not axe_violations(kiosk)  # nothing found
    kiosk.locator("[data-kx-tag]").first.tap()
    kiosk.locator("[data-kx-toggle=large]").tap()
    kiosk.locator("[data-kx-toggle=contrast]").tap()
    assert not axe_violations(kiosk)  # a subject, in large text and high contrast


def test_axe_finds_no_violation_in_large_text_high_contrast_and_the_countdown(kiosk):
    kiosk.goto(kiosk.url_of("exhibits/memorials/luxibei-revolutionary-martyrs-cemetery.html"))
    kiosk.locator("[data-kx-toggle=large]").tap()
    kiosk.locator("[data-kx-toggle=contrast]").tap()
    # axe takes longer than these short idle times: stop the page's clock while it looks.
    kiosk.evaluate(STOP_CLOCK)
    assert not axe_violations(kiosk)
    kiosk.evaluate(f"() => {{ const now = Date.now() + {IDLE * 1000 + 500}; Date.now = () => now; }}")
    kiosk.locator("dialog[data-kx-idle]").wait_for(state="visible", timeout=2000)
    assert not axe_violations(kiosk)
    assert "kiosk/attract" not in kiosk.url


# --- settings/kiosk.yml: checked like every curator setting, refused with path:line and a fix ---


@pytest.fixture
def kiosk_project(tmp_path) -> Path:
    return _copy_project(tmp_path)


def _set_kiosk(root: Path, **settings) -> None:
    path = root / "settings" / "kiosk.yml"
    text = path.read_text(encoding="utf-8")
    for key, value in settings.items():
        text, count = re.subn(rf"(?m)^({key}:).*$", rf"\1 {value}", text)
        assert count == 1, key
    path.write_text(text, encoding="utf-8")


def _refused(root: Path, env: dict | None = None) -> str:
    (root / "site-kiosk").mkdir()
    (root / "site-kiosk" / "last-good.txt").write_text("the last good kiosk", encoding="utf-8")
    result = run_cli(root, "build", "--kiosk", env=env)
    out = result.stdout + result.stderr
    assert result.returncode == PROBLEMS, out  # a curator's mistake, not a fault of ours (INTERNAL)
    assert "Traceback" not in out and "internal error" not in out, out
    assert (root / "site-kiosk" / "last-good.txt").exists(), "a failed build must leave the kiosk as it was"
    return out


def _line_of(root: Path, key: str) -> int:
    lines = (root / "settings" / "kiosk.yml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(f"{key}:"))


def test_a_featured_record_that_does_not_exist_is_refused(kiosk_project):
    _set_kiosk(kiosk_project, featured="[liaocheng-ship, liaocheng-shp]")
    out = _refused(kiosk_project)
    line = _line_of(kiosk_project, "featured")
    assert (
        f'settings/kiosk.yml:{line}: featured[2] (第2个展品 / exhibit 2): no published record has the id "liaocheng-shp". '
        "Did you mean `liaocheng-ship`?"
    ) in out, out


def test_a_bad_idle_time_from_the_environment_is_refused(kiosk_project):
    out = _refused(kiosk_project, env={"KIOSK_IDLE_SECONDS": "-5", "KIOSK_COUNTDOWN_SECONDS": "soon"})
    idle, countdown = _line_of(kiosk_project, "idle_seconds"), _line_of(kiosk_project, "countdown_seconds")
    assert (
        f'settings/kiosk.yml:{idle}: idle_seconds: KIOSK_IDLE_SECONDS="-5" is not a positive number of seconds '
        "without a touch before the countdown appears. Set KIOSK_IDLE_SECONDS to 1 or more "
        "(e.g. KIOSK_IDLE_SECONDS=90), or unset it to use the value in settings/kiosk.yml."
    ) in out, out
    assert (
        f'settings/kiosk.yml:{countdown}: countdown_seconds: KIOSK_COUNTDOWN_SECONDS="soon" is not a number of '
        "seconds the countdown lasts before the kiosk resets. Set KIOSK_COUNTDOWN_SECONDS to 1 or more "
        "(e.g. KIOSK_COUNTDOWN_SECONDS=15), or unset it to use the value in settings/kiosk.yml."
    ) in out, out


def _kiosk_file(root: Path, text: str) -> Path:
    (root / "settings").mkdir(exist_ok=True)
    (root / "settings" / "kiosk.yml").write_text(text, encoding="utf-8")
    return root


IDLE_WHAT = "seconds without a touch before the countdown appears"
BAD_SETTINGS = {  # settings/kiosk.yml as written -> the one message the curator reads
    "idle_seconds: 0": f"settings/kiosk.yml:1: idle_seconds: 0 is not a positive number of {IDLE_WHAT}. "
    "Write 1 or more, e.g. `idle_seconds: 90`.",
    "# times\ncountdown_seconds: -30": "settings/kiosk.yml:2: countdown_seconds: -30 is not a positive number of seconds "
    "the countdown lasts before the kiosk resets. Write 1 or more, e.g. `countdown_seconds: 15`.",
    "slide_seconds: 0.5": "settings/kiosk.yml:1: slide_seconds: 0.5 is too short: seconds each picture of the attract "
    "screen stays must be at least 1. Write 1 or more, e.g. `slide_seconds: 8`.",
    "idle_seconds: soon": f'settings/kiosk.yml:1: idle_seconds: must be a number of {IDLE_WHAT}, found "soon". '
    "Write 1 or more, e.g. `idle_seconds: 90`.",
    "idle_seconds: true": f"settings/kiosk.yml:1: idle_seconds: must be a number of {IDLE_WHAT}, found true. "
    "Write 1 or more, e.g. `idle_seconds: 90`.",
    'idle_seconds: "90"': f'settings/kiosk.yml:1: idle_seconds: must be a number of {IDLE_WHAT}, found "90". '
    "Write 1 or more, e.g. `idle_seconds: 90`.",
    "idle_second: 120": "settings/kiosk.yml:1: idle_second: unknown field. Did you mean `idle_seconds`?",
    "slide_seconds: 8\nfeatured: fan-zhuxian": "settings/kiosk.yml:2: featured: must be a list (lines starting with `- `), "
    'found "fan-zhuxian"',
    "featured:\n  - Fan Zhuxian": 'settings/kiosk.yml:2: featured[1] (第1个展品 / exhibit 1): "Fan Zhuxian" is not an id. Use lower-case ASCII '
    "letters, digits and hyphens, e.g. fan-zhuxian",
    "- idle_seconds": "settings/kiosk.yml:1: holds a list at the top, but a record is a mapping of fields (`id: …`, "
    "`kind: …`). Start each line at the left margin with a field name",
}


@pytest.mark.parametrize("text", BAD_SETTINGS)
def test_each_bad_setting_is_refused_with_its_line_and_how_to_fix_it(tmp_path, text):
    from exhibition.kiosk.settings import read_settings
    from exhibition.records.problems import ValidationFailed

    with pytest.raises(ValidationFailed) as failed:
        read_settings(_kiosk_file(tmp_path, text + "\n"), environ={})
    assert [str(p) for p in failed.value.problems] == [BAD_SETTINGS[text]]


def test_featured_ids_must_name_published_records_once(tmp_path):
    from exhibition.kiosk.settings import read_settings

    ids = ["liaocheng-ship", "liaocheng-shp", "fan-zhuxian", "liaocheng-ship", "zzz"]
    kiosk = read_settings(_kiosk_file(tmp_path, "featured:\n" + "".join(f"  - {i}\n" for i in ids)), environ={})
    problems = kiosk.featured_problems(
        {"liaocheng-ship", "luxibei-revolutionary-martyrs-cemetery"}, drafts={"fan-zhuxian": "people/fan-zhuxian.yml"}
    )
    assert [str(p) for p in problems] == [
        'settings/kiosk.yml:3: featured[2] (第2个展品 / exhibit 2): no published record has the id "liaocheng-shp". Did you mean `liaocheng-ship`?',
        'settings/kiosk.yml:4: featured[3] (第3个展品 / exhibit 3): no published record has the id "fan-zhuxian": people/fan-zhuxian.yml is a '
        "draft. Publish it (review.status: verified) or take it off this list",
        'settings/kiosk.yml:5: featured[4] (第4个展品 / exhibit 4): "liaocheng-ship" is listed twice. Keep it once',
        'settings/kiosk.yml:6: featured[5] (第5个展品 / exhibit 5): no published record has the id "zzz". Write the `id:` of a record in '
        "exhibits/, or leave the list empty to show every record with `featured: true`.",
    ]


def test_a_featured_record_without_a_picture_gets_a_warning_with_its_line(tmp_path):
    from types import SimpleNamespace

    from exhibition.kiosk.settings import read_settings
    from exhibition.records.load import Document

    bare = SimpleNamespace(id="fan-zhuxian", images=[], featured=True)
    pictured = SimpleNamespace(id="liaocheng-ship", images=["ship.jpg"], featured=True)
    record_file = Document("exhibits/people/fan-zhuxian.yml", {}, {("featured",): 12})
    listed = read_settings(_kiosk_file(tmp_path, "featured:\n  - liaocheng-ship\n  - fan-zhuxian\n"), environ={})
    assert [str(p) for p in listed.featured_warnings([bare, pictured], {"fan-zhuxian": record_file})] == [
        'settings/kiosk.yml:3: featured[2] (第2个展品 / exhibit 2): "fan-zhuxian" has no picture: its attract slide and home tile show only '
        "words. Add a picture under `images:` in exhibits/people/fan-zhuxian.yml, or take it off this list"
    ]
    flagged = read_settings(_kiosk_file(tmp_path, "featured: []\n"), environ={})
    assert [str(p) for p in flagged.featured_warnings([bare, pictured], {"fan-zhuxian": record_file})] == [
        "exhibits/people/fan-zhuxian.yml:12: featured: has no picture, so the kiosk's attract screen leaves it out. "
        "Add a picture under `images:`, or remove `featured: true`"
    ]


def test_settings_from_the_environment_win_over_the_file(tmp_path):
    from exhibition.kiosk.settings import read_settings

    root = _kiosk_file(tmp_path, "idle_seconds: 120\ncountdown_seconds: 20.5\n")
    kiosk = read_settings(root, environ={"KIOSK_IDLE_SECONDS": "4", "KIOSK_COUNTDOWN_SECONDS": " "})
    assert (kiosk.idle_seconds, kiosk.countdown_seconds, kiosk.slide_seconds) == (4, 20.5, 8)
    assert isinstance(kiosk.idle_seconds, int), "90, not 90.0, in the pages"
    assert read_settings(root, environ={"KIOSK_COUNTDOWN_SECONDS": "3s"}).countdown_seconds == 3


def test_without_a_settings_file_the_kiosk_has_its_defaults_and_a_bad_variable_is_still_refused(tmp_path):
    from exhibition.kiosk.settings import read_settings
    from exhibition.records.problems import ValidationFailed

    kiosk = read_settings(tmp_path, environ={})
    assert (kiosk.idle_seconds, kiosk.countdown_seconds, kiosk.slide_seconds, kiosk.featured) == (90, 15, 8, [])
    with pytest.raises(ValidationFailed) as failed:
        read_settings(tmp_path, environ={"KIOSK_IDLE_SECONDS": "0.5"})
    assert [str(p) for p in failed.value.problems] == [
        f'settings/kiosk.yml: idle_seconds: KIOSK_IDLE_SECONDS="0.5" is too short: {IDLE_WHAT} must be at least 1. '
        "Set KIOSK_IDLE_SECONDS to 1 or more (e.g. KIOSK_IDLE_SECONDS=90), or unset it to use the value in settings/kiosk.yml."
    ]


def test_the_real_kiosk_settings_are_valid_and_their_json_schema_agrees_with_the_build(tmp_path):
    import json

    import jsonschema

    from exhibition.kiosk.settings import read_settings
    from exhibition.records.load import load

    read_settings(ROOT, environ={})
    assert (
        (ROOT / "settings/kiosk.yml")
        .read_text(encoding="utf-8")
        .startswith("# yaml-language-server: $schema=../schema/kiosk.schema.json")
    )
    mapping = json.loads((ROOT / ".vscode/settings.json").read_text())["yaml.schemas"]
    assert mapping["./schema/kiosk.schema.json"] == ["settings/kiosk.yml"]
    validator = jsonschema.Draft202012Validator(json.loads((ROOT / "schema/kiosk.schema.json").read_text()))
    doc, _ = load(ROOT / "settings/kiosk.yml", "kiosk.yml")
    assert not list(validator.iter_errors(doc.data))
    # What the editor underlines as the curator types, the build refuses too.
    for bad in ("idle_seconds: 0.5", "idle_seconds: soon", "idle_second: 120", "featured: [Fan Zhuxian]"):
        assert list(validator.iter_errors(yaml.safe_load(bad))), bad


def test_mkdocs_kiosk_yml_holds_no_settings_only_what_mkdocs_needs():
    from mkdocs.utils.yaml import yaml_load

    with (
        open(ROOT / "mkdocs-kiosk.yml", encoding="utf-8") as kiosk_file,
        open(ROOT / "mkdocs.yml", encoding="utf-8") as site_file,
    ):
        kiosk, site = yaml_load(kiosk_file), yaml_load(site_file)  # the kiosk's with what it INHERITs
    assert "kiosk" not in kiosk["extra"]
    # INHERIT replaces lists: the site's own styles and scripts must be listed again, then the kiosk's.
    assert kiosk["extra_css"] == site["extra_css"] + ["assets/kiosk/kiosk.css"]
    assert kiosk["extra_javascript"] == site["extra_javascript"] + ["assets/kiosk/kiosk.js"]


def test_settings_left_in_the_mkdocs_config_are_refused(tmp_path):
    from exhibition.kiosk.settings import config_problems

    config = tmp_path / "mkdocs-kiosk.yml"
    config.write_text(
        "INHERIT: mkdocs.yml\nsite_url: !ENV [SITE_URL, '']\nextra:\n  polyfills: []\n"
        "  kiosk:\n    idle_seconds: 120\n  exhibition_kiosk: mine\n",
        encoding="utf-8",
    )
    assert [str(p) for p in config_problems(config, tmp_path)] == [
        "mkdocs-kiosk.yml:5: extra.kiosk: the kiosk's settings are now in settings/kiosk.yml. Copy the times and "
        "featured ids there, then delete `kiosk:` and what is under it from this file",
        "mkdocs-kiosk.yml:7: extra.exhibition_kiosk: is the name the build gives the kiosk's own settings for its "
        "pages. Name yours differently",
    ]
    assert config_problems(ROOT / "mkdocs-kiosk.yml", ROOT) == []


def test_configure_hands_the_settings_to_the_partials_under_the_builds_own_key():
    import copy

    from mkdocs.config import load_config

    from exhibition import kiosk as kiosk_edition

    config = load_config(str(ROOT / "mkdocs-kiosk.yml"))
    config.extra["booking_contact"] = "a curator's own value"
    before = copy.deepcopy(dict(config.extra))
    kiosk = kiosk_edition.configure(config, "exhibits", kiosk_edition.read_settings(ROOT, environ={"KIOSK_IDLE_SECONDS": "4"}))
    after = dict(config.extra)
    data = after.pop("exhibition_kiosk")
    assert after == before, "what a curator wrote in extra stays as written"
    assert {k: data[k] for k in ("idle_seconds", "countdown_seconds", "slide_seconds", "attract", "search")} == {
        "idle_seconds": 4,
        "countdown_seconds": kiosk.countdown_seconds,
        "slide_seconds": kiosk.slide_seconds,
        "attract": "exhibits/kiosk/attract.html",
        "search": {"zh": "exhibits/kiosk/search.html", "en": "en/exhibits/kiosk/search.html"},  # per language
    }
    assert data["text"]["still_there"]["zh"] == "还在浏览吗？"
    # The next build's check (pipeline.prepare) reads the same config: the key is ours, no complaint.
    from exhibition.kiosk.settings import config_problems

    assert config_problems(ROOT / "mkdocs-kiosk.yml", ROOT, config.extra) == []
    kiosk_edition.configure(config, "exhibits", kiosk_edition.read_settings(ROOT, environ={}))
    assert config.extra["exhibition_kiosk"]["idle_seconds"] == kiosk_edition.read_settings(ROOT, environ={}).idle_seconds


# --- the launcher -------------------------------------------------------------------


def test_launcher_serves_the_kiosk_on_localhost_and_starts_the_browser_in_kiosk_mode(kiosk_site, tmp_path):
    """kiosk/launch.sh with a stand-in browser that records its flags and loads the start page."""
    import os
    import socket
    import subprocess
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    record = tmp_path / "browser.txt"
    browser = write(
        tmp_path,
        "browser.sh",
        f"""#!/bin/sh
for last; do :; done
echo "$@" > {record}
python3 - "$last" >> {record} <<'PY'
import sys, urllib.request
base = sys.argv[1].rsplit("/", 1)[0]
for url in (sys.argv[1], base + "/search/search_index.json", base + "/en/search/search_index.json"):
    print(urllib.request.urlopen(url, timeout=5).status, url)
PY
""",
    )
    browser.chmod(0o755)
    result = subprocess.run(
        ["sh", str(ROOT / "kiosk" / "launch.sh"), str(kiosk_site)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "KIOSK_PORT": str(port), "KIOSK_BROWSER": str(browser)},
    )
    assert result.returncode == 0, result.stderr
    flags, *fetched = record.read_text().splitlines()
    for flag in ("--kiosk", "--incognito", "--noerrdialogs", "--disable-pinch", "--overscroll-history-navigation=0"):
        assert flag in flags.split(), flags
    assert flags.endswith(f"http://127.0.0.1:{port}/index.html")  # the one address
    assert len(fetched) == 3 and all(line.startswith("200 ") for line in fetched), fetched
    # The server stops with the browser; its process may take a moment to release the port.
    for _ in range(50):
        with socket.socket() as s:
            closed = s.connect_ex(("127.0.0.1", port)) != 0
        if closed:
            break
        time.sleep(0.1)
    assert closed
    missing = subprocess.run(
        ["sh", str(ROOT / "kiosk" / "launch.sh"), str(tmp_path / "nothing")], capture_output=True, text=True, timeout=30
    )
    assert missing.returncode == 1 and "make kiosk" in missing.stderr


def test_served_from_localhost_the_kiosk_works_too(browser, kiosk_site):
    with serving(kiosk_site) as root:
        _visit_over_http(browser, root + "/")


def _visit_over_http(browser, base: str) -> None:
    context = browser.new_context(viewport=VIEWPORT, has_touch=True)
    page = context.new_page()
    outside = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith((base, "data:", "blob:")) else None)
    try:
        page.goto(base + ATTRACT)
        touch_to_start(page, base + "index.html")
        page.locator(".kx-bar [data-kx-search-link]").tap()
        page.wait_for_url(base + SEARCH)
        tap_keys(page, "lcj")
        assert page.locator("[data-kx-results] .ex-card__title").first.inner_text() == "聊城舰"
        page.goto(base + "exhibits/memorials/luxibei-revolutionary-martyrs-cemetery.html")
        page.evaluate(
            "() => { const a = document.createElement('a'); a.href = 'https://example.org/'; a.id = 'out'; a.textContent = 'out'; document.body.prepend(a); }"
        )
        page.evaluate(RECORD_CLICKS)
        page.locator("#out").click()
        assert page.evaluate(CANCELLED_CLICKS) == [True], "the kiosk let a link to another host go"
        assert page.url.endswith("luxibei-revolutionary-martyrs-cemetery.html")
    finally:
        context.close()
    assert not outside, outside
