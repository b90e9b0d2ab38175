"""People as a memorial shows them (issue #31, item 8): typographic cards instead of repeated silhouettes,
people counted with 位, a person's category in the words of their sources, and a 404 page in both languages
with a way on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, axe_violations

LISTS = [  # pages whose exhibits are shown with the shared card macro
    "exhibits/people/index.html",
    "exhibits/events/index.html",
    "exhibits/tags/martyrs/index.html",
    "exhibits/gallery/index.html",
]


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _people_without_pictures() -> dict[str, dict]:
    out = {}
    for path in sorted((ROOT / "exhibits/people").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not data.get("images") and data.get("review", {}).get("status") != "draft":
            out[data["id"]] = data
    return out


@pytest.mark.parametrize("lang", ["", "en/"])
def test_people_and_events_without_pictures_are_typographic_cards_not_repeated_icons(built_site, lang):
    for path in LISTS:
        page = _soup(built_site / lang / path)
        for card in page.select("ul.ex-cards > li.ex-card"):
            kind = next((c.removeprefix("ex-card--") for c in card["class"] if c in ("ex-card--person", "ex-card--event")), None)
            if card.select_one("img.ex-card__img"):
                continue
            if kind:  # the name large, dates, one line; no silhouette, no calendar
                assert not card.select_one(".ex-card__ph, svg"), (path, card)
                assert card.select_one(".ex-card__title").get_text(strip=True) and card.select_one(".ex-card__summary").get_text(
                    strip=True
                )
            else:
                assert "ex-card__ph--person" not in str(card) and "ex-card__ph--event" not in str(card), (path, card)
    people = _soup(built_site / lang / "exhibits/people/index.html")
    typographic = people.select("li.ex-card--type.ex-card--person")
    assert len(typographic) == len(_people_without_pictures()) > 1
    # Life dates: 孔繁森 1944—1994 (en: 1944–1994); a disputed year shows both.
    dates = {
        c.select_one(".ex-card__title").get_text(): c.select_one(".ex-card__dates").get_text()
        for c in typographic
        if c.select_one(".ex-card__dates")
    }
    assert dates["孔繁森" if not lang else "Kong Fansen"] == ("1944—1994" if not lang else "1944–1994")
    assert dates["肖永智" if not lang else "Xiao Yongzhi"] == ("1915或1916—1943" if not lang else "1915 or 1916–1943")


def test_people_are_counted_with_wei_and_events_with_jian(built_site):
    zh = _soup(built_site / "exhibits/people/index.html").select_one(".ex-count").get_text()
    n = len(_soup(built_site / "exhibits/people/index.html").select("ul.ex-cards > li"))
    assert zh == f"{n} 位人物" and "件" not in zh
    assert _soup(built_site / "en/exhibits/people/index.html").select_one(".ex-count").get_text() == f"{n} people"
    assert _soup(built_site / "exhibits/events/index.html").select_one(".ex-count").get_text().endswith("件大事")


def test_the_people_index_is_in_stroke_order(built_site):
    from exhibition import strokes

    names = [t.get_text() for t in _soup(built_site / "exhibits/people/index.html").select(".ex-card__title")]
    assert names == sorted(names, key=strokes.key) and names != sorted(names)


def test_kong_fansens_category_says_what_he_was_from_his_sources(built_site):
    record = yaml.safe_load((ROOT / "exhibits/people/kong-fansen.yml").read_text(encoding="utf-8"))
    quotes = " ".join(s["quote"] for s in record["sources"])
    assert "援藏干部" in quotes and "退伍" in quotes  # the label's words are the sources' words
    zh = (built_site / "exhibits/people/kong-fansen/index.html").read_text(encoding="utf-8")
    en = (built_site / "en/exhibits/people/kong-fansen/index.html").read_text(encoding="utf-8")
    assert re.search(r"<dt>类别</dt>\s*<dd>援藏干部 · 退伍军人</dd>", zh) and "<dd>其他</dd>" not in zh
    assert "Cadre sent to work in Tibet · Army veteran" in en


WAYS = ["", "exhibits/tour/", "exhibits/roll/", "exhibits/stories/"]


def _404_links(html: str) -> list[str]:
    nav = BeautifulSoup(html, "html.parser").select(".ex-404 nav a")
    return [a["href"] for a in nav]


@pytest.mark.parametrize("path", ["404.html", "en/404.html"])
def test_the_404_page_is_bilingual_chinese_first_with_search_and_four_ways_on(built_site, path):
    html = (built_site / path).read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    sections = page.select(".ex-404 > section")
    assert [s["lang"] for s in sections] == ["zh", "en"]
    assert page.select_one("h1").get_text() == "页面未找到" and "Page not found" in sections[1].get_text()
    assert [b["data-ex-opens"] for b in page.select("button.ex-404__search")] == ["__search", "__search"]
    assert page.select_one("input#__search") and page.select_one("input.md-search__input")  # the search it opens
    links = _404_links(html)
    assert links == ["/" + w if w else "/." for w in WAYS] + ["/en/" + w for w in WAYS]
    for href in links:  # root-absolute (the page is served at any address), each to a page that exists
        target = built_site / href.lstrip("/").removesuffix(".")
        assert (target / "index.html").exists(), href


def test_the_404_page_reads_and_works_in_a_browser(page, built_site):
    # The test server has no error page of its own (nginx's error_page is test_deploy's): the page itself.
    response = page.goto(page.base + "/404.html")
    assert response.ok
    assert page.locator("h1").inner_text() == "页面未找到"
    assert axe_violations(page) == ""
    page.locator(".ex-404__search").first.click()  # opens the site's search
    assert page.locator("input.md-search__input").is_visible()
    page.keyboard.press("Escape")
    assert not page.locator("input.md-search__input").evaluate("e => e === document.activeElement")
    # By keyboard alone: Tab reaches the search button, Enter opens the search with the query focused.
    opener = page.locator(".ex-404__search").first
    for _ in range(40):
        page.keyboard.press("Tab")
        if opener.evaluate("e => e === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reaches the 404 page's search button")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.matches('input.md-search__input')")
    page.keyboard.press("Escape")
    page.locator(".ex-404 nav a").nth(2).click()  # the roll
    page.wait_for_url("**/exhibits/roll/")
    assert page.locator("h1").inner_text() == "英名录"


def test_the_kiosk_edition_has_the_same_404_with_its_own_addresses(kiosk_site):
    """The kiosk's pages are files (page.html): its 404 page's ways on name files that exist, from the
    folder's root, as a web server in the hall serving site-kiosk/ would resolve them."""
    page = BeautifulSoup((kiosk_site / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert [s["lang"] for s in page.select(".ex-404 > section")] == ["zh", "en"]
    links = [a["href"] for a in page.select(".ex-404 nav a")]
    assert len(links) == 8 and all(href.startswith("/") and href.endswith("index.html") for href in links), links
    for href in links:
        assert (kiosk_site / href.lstrip("/")).exists(), href


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_card_grid_reads_on_a_phone_with_no_axe_violation(page, lang):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base + f"/{lang}exhibits/people/")
    card = page.locator("li.ex-card--type .ex-card__title").first
    assert float(card.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 24  # the name large
    assert card.evaluate("e => getComputedStyle(e).fontWeight") == "700"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    assert axe_violations(page) == ""


def test_an_events_card_gives_its_days_once(built_site):
    zh = _soup(built_site / "exhibits/events/index.html")
    en = _soup(built_site / "en/exhibits/events/index.html")

    def dates(page, title):
        card = next(c for c in page.select("li.ex-card--event") if c.select_one(".ex-card__title").get_text() == title)
        return card.select_one(".ex-card__dates").get_text()

    assert dates(zh, "1938年聊城保卫战") == "1938年11月14日—15日"
    assert dates(en, "The defence of Liaocheng, November 1938") == "14–15 November 1938"
