"""The guided tour's stops as exhibition stops (issue #31 item 5): a sourced wall text, the curator's
highlights, the rest grouped by kind, the whole route on the first stop, and the way on within a phone's
first screen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, axe_violations, open_page
from exhibition.settings import Settings

HALL = yaml.safe_load((ROOT / "settings" / "hall.yml").read_text(encoding="utf-8"))
ROUTE = HALL["tour"]


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def _settings_with(tmp_path: Path, edit) -> list[str]:
    shutil.copytree(ROOT / "settings", tmp_path / "settings")
    hall = tmp_path / "settings" / "hall.yml"
    hall.write_text(edit(hall.read_text(encoding="utf-8")), encoding="utf-8")
    settings, problems = Settings.load(tmp_path)
    return settings, [str(p) for p in problems]


def test_the_real_wall_texts_are_sourced_and_of_a_wall_texts_length():
    settings, problems = Settings.load(ROOT)
    assert not problems, problems
    for zone in settings.hall.zones:
        plain = "".join(zone.wall.get("zh").split())
        assert 80 <= len(plain) <= 150, (zone.id, len(plain))
        assert zone.wall.en and zone.sources and 2 <= len(zone.highlights) <= 3, zone.id


def test_a_wall_text_cites_only_its_zones_sources_and_states_only_what_their_quotes_hold(tmp_path):
    # 925 names on the tower -> 926; a marker naming no source of the zone.
    _, problems = _settings_with(
        tmp_path,
        lambda text: text.replace("刻着925位烈士的英名", "刻着926位烈士的英名").replace(
            "[@pla-daily-2018]\n      en", "[@pla-daily-2019]\n      en"
        ),
    )
    assert any(
        "zones[2].wall.zh" in p and '"926" is not in the quotes of the sources the wall text cites' in p for p in problems
    ), problems
    assert any(
        "zones[3].wall.zh" in p and "the marker [@pla-daily-2019] names no source of this zone" in p for p in problems
    ), problems
    assert all(p.startswith("settings/hall.yml:") for p in problems)


def test_a_highlight_must_be_a_record_of_its_zone():
    settings, _ = Settings.load(ROOT)
    zones = {"fan-zhuxian": "navy", "liaocheng-ship": "navy", "one-city-one-ship": "navy"}
    problems = [str(p) for p in settings.record_problems({"fan-zhuxian", "liaocheng-ship", "one-city-one-ship"}, zones)]
    assert any('"fan-zhuxian" stands in zone "navy", not in "martyrs"' in p for p in problems), problems
    assert any('no published record has the id "kong-fansen"' in p for p in problems), problems


@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_stop_shows_its_wall_text_with_numbered_sources_highlights_and_grouped_list(built_site, lang):
    stop = _soup(built_site, f"{lang}exhibits/tour/martyrs")
    wall = stop.select_one(".ex-wall")
    assert ("925" in wall.get_text()) and len(wall.select("sup.ex-cites a")) == 7
    for cite in wall.select("sup.ex-cites a"):
        assert stop.select_one(f'[id="{cite["href"][1:]}"]'), cite["href"]  # every number leads to its source
    assert [a["href"].rstrip("/").split("/")[-1] for a in stop.select(".ex-cards--highlights a")] == HALL["zones"][1][
        "highlights"
    ]
    groups = [h.get_text(strip=True) for h in stop.select(".ex-stop-list h3")]
    assert groups[:2] == (["人物", "烈士陵园"] if not lang else ["People", "Martyrs' cemeteries"])
    dates = [t["datetime"] for t in stop.select(".ex-stop-list time")]
    assert dates == sorted(dates) and len(dates) >= 5  # the events in order of date
    if lang:
        assert any(span.get_text() == "范筑先" for span in wall.select('[lang="zh"]'))  # Chinese words on an English page


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_first_stop_welcomes_and_lays_out_every_zone(built_site, lang):
    first = _soup(built_site, f"{lang}exhibits/tour/{ROUTE[0]}")
    assert ("欢迎" if not lang else "Welcome") in first.select_one(".ex-wall").get_text()
    journey = [a["href"].rstrip("/").split("/")[-1] for a in first.select(".ex-journey a")]
    assert journey == ROUTE
    assert len(first.select(".ex-journey__line")) == len(ROUTE)


@pytest.mark.parametrize("lang", ["", "en/"])
def test_on_a_phone_the_next_stop_is_on_the_first_screen(browser, server, lang):
    for page in open_page(browser, server, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True):
        page.goto(f"{server}/{lang}exhibits/tour/martyrs/")
        bar = page.locator(".ex-tour-bar__next")
        box = bar.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844, box
        assert bar.inner_text() == ("下一站：聊城舰 →" if not lang else "Next: The corvette Liaocheng →")
        middle = page.evaluate(
            f"document.elementFromPoint({box['x'] + box['width'] / 2}, {box['y'] + box['height'] / 2}).closest('a') === document.querySelector('.ex-tour-bar__next')"
        )
        assert middle, "something covers the bar"
        assert page.locator(".ex-tour-bar__pos").inner_text() == ("第2站 / 共6站" if not lang else "Stop 2 of 6")
        assert not axe_violations(page)
        bar.tap()
        page.wait_for_url(f"**/{lang}exhibits/tour/navy/")
    # On a wide screen the bar gives way to the stop's own previous / next.
    for page in open_page(browser, server):
        page.goto(f"{server}/{lang}exhibits/tour/martyrs/")
        assert not page.locator(".ex-tour-bar").is_visible()  # (axe at 1280: test_quality_gates' walk)
