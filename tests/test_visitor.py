"""The exhibition a visitor walks through: the home, the guided tour, stories, picture cards,
record pages that read like labels. Read from the built site and driven in Chromium at a
laptop's width (1280×800) and a phone's (390×844), every other host blocked."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import expect

from conftest import ROOT, open_page, run_cli, write

SIZES = {"laptop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
HALL = yaml.safe_load((ROOT / "settings/hall.yml").read_text(encoding="utf-8"))
ROUTE = HALL.get("tour") or [z["id"] for z in HALL["zones"]]
ZONES = {z["id"]: z for z in HALL["zones"]}


def _records() -> list[dict]:
    return [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "exhibits").rglob("*.yml"))]


RECORDS = [r for r in _records() if r["review"]["status"] == "verified"]
STORIES = [r for r in RECORDS if r["kind"] == "story"]


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(params=list(SIZES), ids=list(SIZES))
def visitor(request, browser, server):
    """A visitor's browser at a laptop's or a phone's size (phones: touch and mobile layout)."""
    phone = request.param == "phone"
    yield from open_page(browser, server, viewport=SIZES[request.param], is_mobile=phone, has_touch=phone)


# --- the home page -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["", "en/"])
def test_home_leads_with_the_halls_picture_and_at_least_four_picture_cards_in_two_screens(visitor, lang):
    visitor.goto(f"{visitor.base}/{lang}")
    height = visitor.viewport_size["height"]
    hero = visitor.locator(".ex-hero__img")
    box = hero.bounding_box()
    assert box and box["y"] < height / 2 and box["height"] >= height / 3, box
    assert visitor.evaluate(
        "() => document.querySelector('.ex-hero__img').complete && document.querySelector('.ex-hero__img').naturalWidth > 0"
    )
    assert (
        visitor.locator("h1")
        .inner_text()
        .startswith("聊城市双拥展览馆" if not lang else "Liaocheng Double Support Exhibition Hall")
    )
    # The whole name shows: inside the hero (which clips), under the header and the picture's caption. The
    # English name on a phone is taller than the picture; it ran off the hero's top, "Liaocheng Double" unseen.
    section, title = visitor.locator(".ex-hero").bounding_box(), visitor.locator(".ex-hero__title").bounding_box()
    header, credit = visitor.locator(".md-header").bounding_box(), visitor.locator(".ex-hero__credit").bounding_box()
    assert section["y"] <= title["y"] and title["y"] + title["height"] <= section["y"] + section["height"], (section, title)
    assert title["y"] >= header["y"] + header["height"] and title["y"] >= credit["y"] + credit["height"], (header, credit, title)
    # Picture cards (a picture, or for a record without one its kind's designed placeholder)
    # whose top is within the first two screens.
    visitor.mouse.wheel(0, height)  # the way a visitor scrolls: lazy pictures load as they come near
    visitor.wait_for_load_state("networkidle")
    cards = visitor.evaluate(
        """(limit) => Array.from(document.querySelectorAll('.ex-card .ex-card__img')).filter(i => {
            const r = i.getBoundingClientRect(); return r.top + window.scrollY < limit && r.width > 80 && r.height > 50; }).length""",
        2 * height,
    )
    assert cards >= 4, cards
    # "Start the tour" leads to the first stop.
    start = visitor.locator("a.ex-hero__start")
    assert start.is_visible()
    start.click()
    visitor.wait_for_url(f"**/{lang}exhibits/tour/{ROUTE[0]}/")


def test_home_is_driven_by_settings_and_records(built_site):
    home = yaml.safe_load((ROOT / "settings/home.yml").read_text(encoding="utf-8"))
    for lang, prefix in (("zh", ""), ("en", "en/")):
        page = soup(built_site / prefix / "index.html")
        assert page.select_one(".ex-hero__purpose").get_text(strip=True) == home["purpose"][lang].strip()
        featured = [r for r in RECORDS if r.get("featured")] if not home["featured"] else home["featured"]
        titles = [a.select_one(".ex-card__title").get_text(strip=True) for a in page.select(".ex-cards--featured .ex-card__link")]
        assert sorted(titles) == sorted(r["title"][lang] for r in featured), titles
        pictured = [bool(a.select_one("img")) for a in page.select(".ex-cards--featured .ex-card__link")]
        assert pictured == sorted(pictured, reverse=True), "featured exhibits with pictures come first"
        tiles = page.select(".ex-tiles .ex-card__link")
        hrefs = [a["href"] for a in tiles]
        for target in ("exhibits/tour/", "exhibits/stories/", "exhibits/timeline/", "exhibits/hall-map/", "exhibits/teachers/"):
            assert any(h.endswith(target) for h in hrefs), (target, hrefs)
        # Every tile and card leads to a page that exists.
        for a in page.select(".ex-card__link"):
            assert (built_site / prefix / a["href"] / "index.html").resolve().exists(), a["href"]
        visit = page.select_one(".ex-visit").get_text(" ", strip=True)
        assert ("黄山路60号" if lang == "zh" else "Huangshan Road") in visit


def test_home_names_an_unknown_record_in_settings_with_its_line(project):
    write(project, "settings/home.yml", "hero: no-such-record\npurpose: {zh: 目的, en: Purpose}\n")
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert 'settings/home.yml:1: hero: no published record has the id "no-such-record"' in result.stdout + result.stderr


# --- the guided tour -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_tour_walks_every_zone_in_order_and_comes_back_to_the_start(visitor, lang):
    visitor.goto(f"{visitor.base}/{lang}exhibits/tour/")
    visitor.locator(".ex-tour-start a").click()
    seen = []
    for number, zone_id in enumerate(ROUTE, 1):
        visitor.wait_for_url(f"**/{lang}exhibits/tour/{zone_id}/")
        zone = ZONES[zone_id]
        # The stop names its zone, says where it is in the tour, and marks it on the map.
        assert visitor.locator("h1").inner_text() == zone["name"]["zh" if not lang else "en"]
        position = visitor.locator(".ex-tour-position").inner_text()
        assert (f"第{number}站，共{len(ROUTE)}站" if not lang else f"Stop {number} of {len(ROUTE)}") == position
        assert visitor.locator(".ex-zone--current").count() == 1
        assert visitor.locator('.ex-tour-steps a[aria-current="step"]').inner_text().split()[0] == str(number)
        # Its exhibits: the curator's highlights as picture cards (a picture or its kind's icon, never a
        # blank box), the rest in the compact list (issue #31 item 5).
        expected = {
            r["title"]["zh" if not lang else "en"]
            for r in RECORDS
            if r.get("hall", {}).get("zone") == zone_id and r["kind"] != "lesson"
        }
        cards = visitor.locator("ul.ex-cards .ex-card")
        shown = {t.strip() for t in cards.locator(".ex-card__title").all_inner_texts()}
        assert cards.count() == len(zone.get("highlights", [])) or not zone.get("highlights"), zone_id
        shown |= {t.strip() for t in visitor.locator(".ex-stop-list li a").all_inner_texts()}
        assert shown == expected, (zone_id, shown ^ expected)
        # A picture, a typographic card (a person or an event without one), or the kind's icon: never a blank box.
        assert (
            cards.locator("img.ex-card__img, .ex-card__ph svg").count() + visitor.locator("ul.ex-cards .ex-card--type").count()
            == cards.count()
        )
        seen.append(zone_id)
        visitor.locator(".ex-tour-nav__next").click()
    # The last stop's "next" leads back to the start of the tour.
    visitor.wait_for_url(f"**/{lang}exhibits/tour/")
    assert seen == ROUTE


def test_the_tour_is_linked_from_the_hall_map_and_each_exhibit_names_its_stop(built_site):
    hall_map = soup(built_site / "exhibits/hall-map/index.html")
    assert hall_map.select_one(f'.ex-tour-start a[href$="tour/{ROUTE[0]}/"]')
    record = soup(built_site / "exhibits/vessels/liaocheng-ship/index.html")
    zone = record.find("h2", string=re.compile("在展厅中")).find_next("p")
    assert urljoin("http://host/exhibits/vessels/liaocheng-ship/", zone.find("a")["href"]) == "http://host/exhibits/tour/navy/"


def test_an_unknown_tour_zone_is_named_with_its_line(project):
    hall = (ROOT / "settings/hall.yml").read_text(encoding="utf-8").replace("tour: [prelude,", "tour: [prelud,")
    path = write(project, "settings/hall.yml", hall)
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text.startswith("tour:"))
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert f'settings/hall.yml:{line}: tour[1] (第1站 / stop 1): no zone "prelud" in `zones`' in result.stdout + result.stderr


# --- stories --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("story", STORIES, ids=[s["id"] for s in STORIES])
def test_a_story_shows_every_sections_picture_with_alt_text_in_the_pages_language(visitor, story, lang):
    prefix = "" if lang == "zh" else "en/"
    visitor.goto(f"{visitor.base}/{prefix}exhibits/stories/{story['id']}/")
    alts = {image["file"]: image["alt"][lang] for image in story["images"]}
    sections = visitor.locator("section.ex-story-section")
    assert sections.count() == len(story["sections"])
    for index, section in enumerate(story["sections"]):
        part = sections.nth(index)
        assert part.locator("h2").inner_text().strip() == section["heading"][lang]
        if not section.get("image"):
            continue
        # Every section shows its picture, the cover's too (tests/test_photos.py: whole, where the cover may cut it).
        image = part.locator("figure img")
        assert part.locator("figure").count() == 1
        image.scroll_into_view_if_needed()
        assert image.get_attribute("alt") == alts[section["image"]]
        visitor.wait_for_function("(i) => i.complete && i.naturalWidth > 0", arg=image.element_handle())
        box = image.bounding_box()
        width = visitor.viewport_size["width"]
        assert box["width"] >= min(width * 0.85, 600), box  # a full-width picture, not a thumbnail
        # Illustrations say so in their caption.
        caption = image.locator("xpath=ancestor::figure").locator("figcaption")
        assert ("示意图" if lang == "zh" else "Illustration") in caption.inner_text()


def test_a_story_picture_must_be_one_of_its_images(project):
    story = (ROOT / "exhibits/stories/one-city-one-ship.yml").read_text(encoding="utf-8")
    story = (
        re.sub(r"related:\n(  - .*\n)+", "", story)
        .replace("    records: [liaocheng-ship]\n", "")
        .replace("    records: [shuangyong-gongjian]\n", "")
        .replace("    records: [liaocheng-shuangyong-hall, hall-opening-2019]\n", "")
    )
    story = story.replace("image: themes/army-and-people.png", "image: themes/not-listed.png")
    for name in ("vessels/corvette-at-sea.png", "themes/army-and-people.png", "places/hall-facade.png"):
        (project / "images" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "images" / name).write_bytes((ROOT / "images" / name).read_bytes())
    write(project, "exhibits/stories/one-city-one-ship.yml", story)
    result = run_cli(project, "check")
    assert result.returncode == 1, result.stdout
    assert 'sections[3].image (第3节 / section 3): "themes/not-listed.png" is not one of this story\'s `images`' in result.stderr


# --- record pages ---------------------------------------------------------------------------


# A portrait lead picture (at most ~60 % of the screen's height, caption below, beside the facts on a wide
# screen): tests/test_photos.py, with the other real-shaped pictures.


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_english_labels_carry_no_full_width_punctuation(built_site, prefix):
    page = soup(built_site / prefix / "exhibits/vessels/liaocheng-ship/index.html")
    labels = [
        page.select_one(".ex-review"),
        page.select_one(".ex-tags"),
        page.select_one(".ex-see-also"),
        *page.select(".ex-credit"),
        page.find("h2", id=re.compile("^(in-the-hall|在展厅中)")).find_next("p"),
    ]
    texts = [label.get_text() for label in labels if label]
    assert len(texts) >= 5
    for text in texts:
        if prefix:
            assert not re.search(r"[：，。；（）]", re.sub(r"[\u3400-\u9fff]+[：，。；（）]*", "", text)), text
            assert re.search(r"(Review|Tags|See also|Credit|Zone): ", text), text
        else:
            assert "：" in text


def test_every_list_of_exhibits_is_picture_cards_with_a_placeholder_for_a_record_without_picture(built_site):
    pages = [
        "exhibits/people/index.html",
        "exhibits/tags/martyrs/index.html",
        "exhibits/teachers/index.html",
        "exhibits/vessels/liaocheng-ship/index.html",
        "exhibits/hall-map/index.html",
    ]
    placeholders = 0
    for path in pages:
        page = soup(built_site / path)
        cards = page.select("ul.ex-cards > li.ex-card > a.ex-card__link")
        assert cards, path
        for card in cards:
            assert card.select_one(".ex-card__title").get_text(strip=True)
            picture = card.select_one("img.ex-card__img")
            if picture:
                assert picture["src"].endswith(".webp") and picture["width"] and picture["height"]
                assert picture["loading"] == "lazy"
            elif "ex-card--type" in card.parent["class"]:  # a person or event without a picture: name, dates, line
                assert card.select_one(".ex-card__summary").get_text(strip=True), (path, card)
            else:
                assert card.select_one(".ex-card__ph svg"), (path, card)
                placeholders += 1
    assert placeholders, "the collection has records without pictures: their cards show their kind's icon"


def test_no_page_loads_glightbox_before_a_picture_is_tapped(built_site):
    """GLightbox comes with the first tap (exhibition.js; test_experience.py opens it): no page names
    its files, pages with pictures have links to open, and the files are in the site."""
    for path in (
        "index.html",
        "en/index.html",
        "exhibits/vessels/liaocheng-ship/index.html",
        "exhibits/stories/one-city-one-ship/index.html",
    ):
        html = (built_site / path).read_text(encoding="utf-8")
        assert "glightbox.min" not in html and "init-glightbox" not in html, path
    for path in ("exhibits/vessels/liaocheng-ship/index.html", "exhibits/stories/one-city-one-ship/index.html"):
        assert 'class="glightbox"' in (built_site / path).read_text(encoding="utf-8"), path
    assert (built_site / "assets/javascripts/glightbox.min.js").is_file()
    assert (built_site / "assets/stylesheets/glightbox.min.css").is_file()


# --- the hall map on a phone ----------------------------------------------------------------


@pytest.mark.parametrize("lang", ["", "en/"])
def test_hall_map_zone_names_are_at_least_12_px_on_a_phone(browser, server, lang):
    for page in open_page(browser, server, viewport=SIZES["phone"], is_mobile=True, has_touch=True):
        page.goto(f"{server}/{lang}exhibits/hall-map/")
        sizes = page.evaluate(
            """() => Array.from(document.querySelectorAll('.ex-hall-wrap--page svg text, .ex-zone-tiles a'))
                .filter(e => e.getBoundingClientRect().width > 0)
                .map(e => [e.textContent.trim(), e.tagName === 'text' || e.tagName === 'tspan'
                    ? e.getBoundingClientRect().height : parseFloat(getComputedStyle(e).fontSize)])"""
        )
        names = {zone["name"]["zh" if not lang else "en"] for zone in HALL["zones"]}
        assert {name for name, _ in sizes} >= names, sizes
        assert all(size >= 12 for _, size in sizes), sizes


# axe and the console on the tour's and the stories' pages: test_walk.py (every page, laptop and phone).


# --- the kiosk edition ------------------------------------------------------------------------


def test_the_tour_works_in_the_kiosk_by_touch_from_file(browser, kiosk_site):
    """The hall's screens: from file://, no network, every step a tap."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, has_touch=True, service_workers="block")
    outside: list[str] = []
    context.route(re.compile(r"^(?!file:|data:|blob:|about:)"), lambda route: (outside.append(route.request.url), route.abort()))
    page = context.new_page()
    try:
        page.goto((kiosk_site / "exhibits/tour/index.html").as_uri())
        page.evaluate("() => { const now = Date.now(); Date.now = () => now; }")  # no idle reset meanwhile
        page.locator(".ex-tour-start a").tap()
        for zone_id in ROUTE:
            page.wait_for_url(f"**/exhibits/tour/{zone_id}.html")
            assert page.locator("h1").inner_text() == ZONES[zone_id]["name"]["zh"]
            page.evaluate("() => { const now = Date.now(); Date.now = () => now; }")
            page.locator(".ex-tour-nav__next").tap()
        page.wait_for_url("**/exhibits/tour/index.html")
    finally:
        context.close()
    assert not outside, outside


# --- anyone can check a figure: the source's exact passage on demand --------------------------


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_every_sources_quote_can_be_opened_on_the_page(built_site, prefix):
    ship = yaml.safe_load((ROOT / "exhibits/vessels/liaocheng-ship.yml").read_text(encoding="utf-8"))
    page = soup(built_site / prefix / "exhibits/vessels/liaocheng-ship/index.html")
    for source in ship["sources"]:
        item = page.find(id=f"source-{source['id']}").parent
        details = item.select_one("details.ex-quote")
        assert details is not None and not details.has_attr("open"), source["id"]  # closed until asked for
        quote = details.find("q")
        assert quote.get_text() == source["quote"].strip()
        assert quote["lang"] == ("zh" if re.search(r"[\u3400-\u9fff]", source["quote"]) else "en")


def test_a_visitor_opens_a_quote(page):
    page.goto(f"{page.base}/en/exhibits/vessels/liaocheng-ship/")
    first = page.locator("details.ex-quote").first
    assert not first.locator("q").is_visible()
    first.locator("summary").click()
    assert first.locator("q").is_visible()


# --- WCAG 3.1.2: Chinese words on English pages carry lang="zh" --------------------------------

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
NOT_TEXT = {"script", "style", "template", "title", "svg", "noscript", "head"}


def unmarked_chinese(folder: Path) -> dict[str, list[str]]:
    from bs4 import Comment

    found: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for text in page.find_all(string=HAN):
            parents = list(text.parents)
            if isinstance(text, Comment) or any(p.name in NOT_TEXT for p in parents):
                continue
            if not any((p.get("lang") or "").startswith("zh") for p in parents if hasattr(p, "get")):
                found.setdefault(str(path.relative_to(folder)), []).append(text.strip()[:40])
    return found


def test_chinese_on_english_pages_is_marked_in_the_web_site(built_site):
    assert (built_site / "en/exhibits/people/fan-zhuxian/index.html").read_text(encoding="utf-8").count('lang="zh"') >= 3
    assert unmarked_chinese(built_site / "en") == {}


def test_chinese_on_english_pages_is_marked_in_the_kiosk(kiosk_site):
    assert unmarked_chinese(kiosk_site / "en") == {}


def test_marking_language_parts():
    from exhibition.pages.language_parts import mark

    html = (
        '<html lang="en"><head><title>范 x</title></head><body><p>The office (冀南行署) and <q lang="zh">引文</q>'
        "<select><option>聊城</option><option>Linqing</option></select><svg><text>序厅</text></svg>"
        '<script>var a="中"</script><br>“聊城舰”，ok <img alt="图" src="x.png"></p></body></html>'
    )
    assert mark(html) == (
        '<html lang="en"><head><title>范 x</title></head><body><p>The office (<span lang="zh">冀南行署</span>) and '
        '<q lang="zh">引文</q><select><option lang="zh">聊城</option><option>Linqing</option></select>'
        '<svg><text>序厅</text></svg><script>var a="中"</script><br><span lang="zh">“聊城舰”，</span>ok '
        '<img alt="图" src="x.png"></p></body></html>'
    )
    assert mark("<p>only English</p>") == "<p>only English</p>"


def _raw_table_rows(site: Path) -> list[str]:
    """Pages where a Markdown table row was left as text: a blank line ended the table before it."""
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if "<p>|" in p.read_text(encoding="utf-8"))


def test_no_page_of_the_web_site_shows_a_raw_table_row(built_site):
    # 张自忠's disputed posthumous recognition is a row of his facts, not a paragraph after them.
    facts = soup(built_site / "exhibits/people/zhang-zizhong/index.html").select(".ex-lead__facts dl.ex-facts")
    assert facts and facts[0].select_one("details.ex-differ"), "the disputed row is not in the facts"
    assert _raw_table_rows(built_site) == []


def test_no_page_of_the_kiosk_shows_a_raw_table_row(kiosk_site):
    assert _raw_table_rows(kiosk_site) == []


def test_the_desktop_tabs_come_back_after_scrolling_down_and_up(browser, server):
    """Material hides its tabs (`.md-tabs[hidden]`, animated) once the page scrolls past them and shows
    them again at the top; a global `[hidden] { display: none }` made them vanish for good."""
    for page in open_page(browser, server, viewport=SIZES["laptop"]):
        page.goto(page.base + "/exhibits/people/zhang-zizhong/")
        tabs = page.locator(".md-tabs")
        assert tabs.is_visible()
        page.mouse.wheel(0, 1500)
        # Locators wait: wait_for_function would evaluate a string, which the site's CSP forbids.
        expect(page.locator(".md-tabs[hidden]")).to_have_count(1)  # scrolled past: Material hid them
        page.mouse.wheel(0, -3000)
        expect(page.locator(".md-tabs[hidden]")).to_have_count(0)
        expect(page.locator("html")).to_have_js_property("scrollTop", 0)
        link = page.locator(".md-tabs__link").first
        expect(link).to_have_css("opacity", re.compile(r"^(0\.7|1)$"))  # faded back in (0.7: Material's inactive tab)
        assert tabs.is_visible() and tabs.bounding_box()["height"] > 20
        assert link.is_visible()
