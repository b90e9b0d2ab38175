"""Galleries, the timeline, the hall map and tags: driven by records and settings only."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import VALID_EVENT, run_cli, seed_caches, write


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def entries(site, lang=""):
    page = soup(site / lang / "exhibits/timeline/index.html")
    return page, page.select("ol.ex-timeline > li")


def test_timeline_is_in_order_with_precise_dates(built_site):
    page, items = entries(built_site)
    stamps = [li.find("time")["datetime"] for li in items]
    assert len(stamps) >= 15
    # ISO strings of different precision sort like the dates they stand for.
    assert stamps == sorted(stamps, key=lambda s: tuple(int(x) for x in s.split("-")))
    texts = {li.find("time")["datetime"]: li.find("time").get_text() for li in items}
    assert texts["2019-03-15"] == "2019年3月15日"
    assert texts["2019-12"] == "2019年12月"
    assert texts["2022-01-14"] == "2022年1月14日"
    assert "2019-01-01" not in stamps
    _, english = entries(built_site, "en")
    english_texts = {li.find("time")["datetime"]: li.find("time").get_text() for li in english}
    assert english_texts["2019-03-15"] == "15 March 2019"
    assert english_texts["2019-12"] == "December 2019"


def test_timeline_groups_by_era_and_shows_disputed_dates(built_site):
    page, _ = entries(built_site)
    eras = [h.get_text(" ", strip=True) for h in page.select("section.ex-era > h2")]
    assert eras[0].startswith("九一八事变以前") and any(e.startswith("抗日战争") for e in eras)
    assert [e.split()[0] for e in eras] == [e.split()[0] for e in eras]  # ordered as in settings
    first = page.select("section.ex-era")[0]
    birth = first.find("li")
    # Both years, each with its source (which sources: exhibits/people/fan-zhuxian.yml, disputed born).
    assert "说法不一" in birth.get_text() and birth.get_text().count("来源") == 2
    assert [t["datetime"] for t in birth.find_all("time")] == ["1881", "1882"]
    # Each entry links to its record.
    link = birth.find("a", class_="ex-entry-label")
    assert link["href"].endswith("exhibits/people/fan-zhuxian/")
    # Years to jump to exist as anchors.
    for a in page.select("nav.ex-years a"):
        assert page.find(id=a["href"][1:]), a["href"]


@pytest.mark.build
def test_a_new_dated_record_joins_the_timeline_in_both_languages(real_project, caches):
    seed_caches(caches, real_project)
    record = (
        VALID_EVENT.replace("id: test-event", "id: fixture-ceremony")
        .replace("测试活动", "测试纪念仪式")
        .replace("Test event", "Fixture ceremony")
        .replace('"2019-03-15"', '"1950-05"')
        .replace("review:", "tags: [ceremonies]\nreview:")
    )
    write(real_project, "exhibits/events/fixture-ceremony.yml", record)
    assert run_cli(real_project, "build").returncode == 0
    for lang, label, shown in (("", "测试纪念仪式", "1950年5月"), ("en", "Fixture ceremony", "May 1950")):
        page, items = entries(real_project / "site", lang)
        labels = [li.find("a", class_="ex-entry-label").get_text() for li in items]
        index = labels.index(label)
        stamps = [li.find("time")["datetime"] for li in items]
        assert stamps[index] == "1950-05"
        assert stamps[index - 1] <= "1950-05" <= stamps[index + 1]
        assert items[index].find("time").get_text() == shown
        era = items[index].find_parent("section").h2.get_text()
        assert ("中华人民共和国成立后" in era) if not lang else ("People's Republic" in era)
        assert items[index]["data-tags"] == "ceremonies"


def test_map_zones_link_to_their_records_and_record_pages_highlight_theirs(built_site):
    page = soup(built_site / "exhibits/hall-map/index.html")
    zones = page.select("svg.ex-hall a")
    assert len(zones) == 6
    for zone in zones:
        target = zone["href"].split("#")[1]
        section = page.find(id=target)
        assert section is not None
    navy = page.find(id="zone-navy")
    links = navy.find_next("ul").find_all("a")
    assert any(a["href"].endswith("vessels/liaocheng-ship/") for a in links), links
    ship = soup(built_site / "exhibits/vessels/liaocheng-ship/index.html")
    current = ship.select("svg.ex-hall rect.ex-zone--current")
    assert len(current) == 1
    # The link says where the visitor is in words it shows (its name is its text: label in name).
    here = current[0].find_parent("a")
    assert not here.has_attr("aria-label") and " ".join(here.get_text(" ").split()) == "聊城舰 ★ 本展品所在展区"
    assert current[0].find_parent("a")["href"].endswith("hall-map/#zone-navy")
    assert "示意" in page.get_text() or "example" in page.get_text()


def test_related_works_both_ways_and_see_also_leads_to_timeline_and_map(built_site):
    # liaocheng-ship names shuangyong-gongjian; the shuangyong page lists the ship even if it did not name it back.
    page = soup(built_site / "exhibits/people/fan-zhuxian/index.html")
    hall = soup(built_site / "exhibits/places/fan-zhuxian-memorial-hall/index.html")
    assert any("fan-zhuxian/" in a["href"] for a in hall.select("a"))
    see_also = page.find("p", class_="ex-see-also")
    hrefs = [a["href"] for a in see_also.find_all("a")]
    assert any("timeline/#tl-fan-zhuxian" in h for h in hrefs)
    assert any("hall-map/#zone-martyrs" in h for h in hrefs)


def test_tag_pages_exist_in_both_languages(built_site):
    for lang in ("", "en"):
        index = soup(built_site / lang / "exhibits/tags/index.html")
        links = index.select("article a[href]")
        assert len(links) >= 5
        martyrs = soup(built_site / lang / "exhibits/tags/martyrs/index.html")
        titles = [a.get_text(strip=True) for a in martyrs.select(".ex-cards .ex-card__title")]
        assert ("范筑先" if not lang else "Fan Zhuxian") in titles


def test_gallery_groups_every_image_by_collection(built_site):
    page = soup(built_site / "exhibits/gallery/index.html")
    groups = page.select("section.ex-gallery-group")
    assert {g["data-kind"] for g in groups} >= {"vessel", "memorial", "place", "event", "theme"}
    thumbs = page.select("a.glightbox img")
    assert len(thumbs) >= 10
    for img in thumbs:
        assert img["src"].endswith("/480.webp") and img.find_parent("a")["href"].endswith(".webp")
        assert img.find_parent("a")["href"] != img["src"]


# --- bad input ------------------------------------------------------------


def test_unknown_zone_and_tag_are_validation_errors(project):
    write(project, "settings/tags.yml", "tags:\n  - id: martyrs\n    name: {zh: 英烈, en: Martyrs}\n")
    write(project, "exhibits/events/test-event.yml", VALID_EVENT + "hall: {zone: attic}\ntags: [martyr]\n")
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert re.search(r"test-event\.yml:17: hall\.zone: no zone \"attic\" in the hall map", result.stderr)
    assert 'tags[1] (第1个标签 / tag 1): unknown tag "martyr". Did you mean `martyrs`?' in result.stderr


@pytest.mark.parametrize(
    "eras, message",
    [
        (
            "eras:\n  - {id: a, name: {zh: 甲, en: A}, end: '1950'}\n  - {id: b, name: {zh: 乙, en: B}, start: '1940', end: '1960'}\n",
            r"eras\.yml:3: eras\[2\]\.start \(第2个时期 / era 2\): 1940 is before the previous era ends \(1950\): eras overlap",
        ),
        (
            "eras:\n  - {id: a, name: {zh: 甲, en: A}, start: '1950', end: '1960'}\n  - {id: b, name: {zh: 乙, en: B}, start: '1930', end: '1940'}\n",
            r"eras\[2\]\.start \(第2个时期 / era 2\): 1930 is not after the previous era's start \(1950\). List eras from oldest to newest",
        ),
        (
            "eras:\n  - {id: a, name: {zh: 甲, en: A}, start: '1960', end: '1950'}\n",
            r"eras\[1\]\.end \(第1个时期 / era 1\): 1950 is not after the era's start 1960",
        ),
        (
            "eras:\n  - {id: a, name: {zh: 甲, en: A}, start: 'spring 1950'}\n",
            r"eras\[1\]\.start \(第1个时期 / era 1\): \"spring 1950\" is not a date",
        ),
    ],
)
def test_bad_eras_are_refused(project, eras, message):
    write(project, "settings/eras.yml", eras)
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert re.search(message, result.stderr), result.stderr


def test_unparseable_timeline_date_names_file_and_field(project):
    write(
        project,
        "exhibits/events/test-event.yml",
        VALID_EVENT + "dates:\n  - date: 19th century\n    label: {zh: 某事, en: Something}\n",
    )
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert 'test-event.yml:18: dates[1].date (第1个日期 / date 1): "19th century" is not a date' in result.stderr


# --- in the browser -------------------------------------------------------


def test_gallery_opens_the_large_image_and_arrows_move_on(page):
    """GLightbox comes with the first tap of a picture, not with the page (17.5 KB gzip a reader never
    needs), and then opens that picture, whose gallery the arrows walk through."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url) if "glightbox" in r.url else None)
    page.goto(page.base + "/exhibits/gallery/")
    page.wait_for_load_state("networkidle")
    assert fetched == []
    first = page.locator("a.glightbox").first
    large = first.get_attribute("href")
    first.click()
    slide = page.locator(".gslide.current img")
    slide.wait_for()
    assert slide.get_attribute("src").endswith(large.split("/media/")[1])
    assert slide.get_attribute("src").endswith("/1600.webp")
    assert sorted(url.rsplit("/", 1)[1] for url in fetched) == ["glightbox.min.css", "glightbox.min.js"]
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "(first) => { const img = document.querySelector('.gslide.current img'); return img && !img.src.endsWith(first); }",
        arg=large.split("/media/")[1],
    )
    page.keyboard.press("Escape")
    page.locator(".glightbox-container").wait_for(state="detached")


LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
      .observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 300);
})"""


@pytest.mark.parametrize("path", ["/exhibits/timeline/", "/en/exhibits/timeline/"])
def test_the_timeline_does_not_jump_while_it_loads(page, path):
    """Lighthouse saw the timeline shift (CLS): its filters appeared after the first paint and pushed
    every entry down. They are in place from the first paint now, and without scripts not at all."""
    page.goto(page.base + path)
    page.wait_for_load_state("load")
    assert page.evaluate(LAYOUT_SHIFT) < 0.01
    assert page.locator("form[data-ex-filter=timeline]").is_visible()


def test_without_scripts_the_timeline_has_no_filters_that_cannot_work(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server + "/exhibits/timeline/")
    assert page.locator("li.ex-entry").first.is_visible()
    assert not page.locator("form[data-ex-filter=timeline]").is_visible()
    context.close()


def test_timeline_filter_by_kind_with_javascript(page):
    page.goto(page.base + "/en/exhibits/timeline/")
    form = page.locator("form[data-ex-filter=timeline]")
    assert form.is_visible()
    total = page.locator("li.ex-entry").count()
    form.locator("select[name=kind]").select_option("memorial")
    visible = page.locator("li.ex-entry:visible")
    assert 0 < visible.count() < total
    assert all(k == "memorial" for k in visible.evaluate_all("els => els.map(e => e.dataset.kind)"))


def test_timeline_filters_by_keyboard_alone(page):
    """A visitor without a mouse: Tab reaches the kind filter, the arrow keys choose a kind, the entries
    follow and the live count says how many remain; Tab goes on to the tag filter."""
    page.goto(page.base + "/exhibits/timeline/")
    total = page.locator("li.ex-entry").count()
    kind = page.locator("form[data-ex-filter=timeline] select[name=kind]")
    for _ in range(60):  # the skip link, the header, the tabs and the switches come first
        page.keyboard.press("Tab")
        if kind.evaluate("e => e === document.activeElement"):
            break
    else:
        raise AssertionError("Tab never reached the timeline's kind filter")
    page.keyboard.press("ArrowDown")  # a closed <select> changes its choice with the arrow keys
    chosen = kind.input_value()
    assert chosen, "the arrow key chose no kind"
    visible = page.locator("li.ex-entry:visible")
    assert 0 < visible.count() < total
    assert set(visible.evaluate_all("els => els.map(e => e.dataset.kind)")) == {chosen}
    count = page.locator("form[data-ex-filter=timeline] output.ex-filter-count").inner_text()
    assert str(visible.count()) in count, count
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "tag"


# axe over the timeline, hall map, gallery and tag pages, both languages: test_quality_gates.py's
# sweep over one page of each kind.
