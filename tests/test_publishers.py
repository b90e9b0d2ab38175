"""Publishers' English names (follow-up of #31 item 3): English pages name a source's publisher in English
first, the original after it in brackets and marked as Chinese, from the `publishers` table of
settings/glossary.yml; Chinese pages are unchanged; `make check` refuses an entry listed twice or that no
source cites; `make report` lists the publishers still shown in Chinese only. Read from the shared build."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import VALID_EVENT, run_cli, write

KONG = "exhibits/people/kong-fansen/index.html"


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def _source(page: BeautifulSoup, source_id: str):
    """The source list's item of a source, without its 引文 disclosure."""
    item = page.select_one(f"ol.ex-sources > li:has(> #source-{source_id})")
    for hidden in item.select("details"):
        hidden.decompose()
    return item


def test_an_english_page_names_the_publisher_in_english_then_in_chinese(built_site):
    item = _source(_soup(built_site / "en" / KONG), "lcrb-2014")
    assert item.get_text(" ", strip=True).startswith("Liaocheng Daily ( 聊城日报 ) · 穿越岁月的回响")
    original = item.select_one('span[lang="zh"]')
    assert original.get_text() == "聊城日报" and original.previous_sibling == "Liaocheng Daily ("
    # A publisher the glossary has no English for stays as it was: Chinese, marked as such.
    book = _source(_soup(built_site / "en" / KONG), "librarydata-kong")
    assert book.select_one('span[lang="zh"]').get_text() == "《聊城人物大辞典》"
    assert book.get_text(" ", strip=True).startswith("《聊城人物大辞典》 ·")


def test_the_chinese_page_names_the_publisher_as_before(built_site):
    item = _source(_soup(built_site / KONG), "lcrb-2014")
    assert item.get_text(" ", strip=True).startswith("聊城日报 · 穿越岁月的回响")
    assert "Liaocheng" not in _soup(built_site / KONG).select_one("ol.ex-sources").get_text()


def test_the_sources_differ_note_names_publishers_the_same_way(built_site):
    note = _soup(built_site / "en/exhibits/people/fan-zhuxian/index.html").select_one(".ex-differ__note")
    assert "Xinhua News Agency (新华社): 1882" in note.get_text()
    assert note.select_one('span[lang="zh"]:-soup-contains("新华社")').get_text() == "新华社"
    zh = _soup(built_site / "exhibits/people/fan-zhuxian/index.html").select_one(".ex-differ__note").get_text()
    assert "新华社记为1882" in zh and "Xinhua" not in zh


def test_the_tour_walls_the_roll_and_the_timeline_name_publishers_the_same_way(built_site):
    wall = _source(_soup(built_site / "en/exhibits/tour/martyrs/index.html"), "wikipedia-zh")
    assert wall.get_text(" ", strip=True).startswith("Wikipedia ( 维基百科 ) ·")
    roll = _soup(built_site / "en/exhibits/roll/luxibei-tower/index.html").select_one("ol.ex-roll-sources > li#src-wikipedia-zh")
    # In brackets already, the Chinese name's brackets are square (format.aside): no "(Wikipedia (维基百科))".
    assert "(Wikipedia [维基百科])" in roll.get_text() and roll.select_one('span[lang="zh"]:-soup-contains("维基百科")')
    timeline = _soup(built_site / "en/exhibits/timeline/index.html").select(".ex-entry-source")
    assert "(source: Xinhua News Agency [新华社])" in [s.get_text(strip=True) for s in timeline]
    assert (
        "Wikipedia" not in _soup(built_site / "exhibits/roll/luxibei-tower/index.html").select_one(".ex-roll-sources").get_text()
    )


def _citations(path: Path) -> dict[str, str | None]:
    block = _soup(path).select_one('script[type="application/ld+json"]').string
    return {c["name"]: c.get("publisher") for c in json.loads(block)["citation"]}


def test_the_json_ld_names_the_cleaned_publisher(built_site):
    cited = _citations(built_site / "en" / KONG)
    assert cited["穿越岁月的回响——纪念孔繁森殉职二十周年"] == "Liaocheng Daily (聊城日报)"  # not "…（转载于 liaochengren.org）"
    assert cited["孔繁森（《聊城人物大辞典》第888页）"] == "《聊城人物大辞典》"  # not the host meta.librarydata.cn
    assert cited["聊城•孔繁森纪念馆"] is None  # a source known only by its host (aihuau.com) names no publisher
    chinese = _citations(built_site / KONG)  # the Chinese page's block: cleaned the same way, in Chinese
    assert chinese["孔繁森（《聊城人物大辞典》第888页）"] == "《聊城人物大辞典》"
    assert chinese["穿越岁月的回响——纪念孔繁森殉职二十周年"] == "聊城日报"


GLOSSARY = """\
terms:
  - zh: 双拥
    en: double support
publishers:
  - zh: 聊城市退役军人事务局
    en: Liaocheng Veterans Affairs Bureau
  - zh: 齐鲁晚报
    en: Qilu Evening News
  - zh: 聊城市退役军人事务局
    en: Liaocheng Veterans Bureau
"""


def test_check_refuses_a_publisher_listed_twice_or_that_no_source_cites(project):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    write(project, "settings/glossary.yml", GLOSSARY)
    # Without STRICT an entry no source cites is a note (a deleted record must not stop the build); twice is an error.
    plain = run_cli(project, "check")
    assert plain.returncode == 1 and "already listed" in plain.stderr and "no source names" not in plain.stderr
    write(project, "settings/glossary.yml", GLOSSARY.rsplit("  - zh: 聊城市退役军人事务局", 1)[0])
    noted = run_cli(project, "check")
    assert noted.returncode == 0 and "settings/glossary.yml:7: publishers[2].zh" in noted.stdout, noted
    write(project, "settings/glossary.yml", GLOSSARY)
    result = run_cli(project, "check", "--strict")
    assert result.returncode == 1
    lines = re.findall(r"(?m)^settings/glossary\.yml:.*$", result.stdout + result.stderr)
    assert lines == [
        'settings/glossary.yml:7: publishers[2].zh (第2个发布者 / publisher 2): no source names the publisher "齐鲁晚报". Write it as '
        "the source lists show it (without hosts or notes: 新华社, not 新华社（转载于 …）), or remove the entry",
        "settings/glossary.yml:9: publishers[3].zh (第3个发布者 / publisher 3): the publisher 聊城市退役军人事务局 is already listed "
        "on line 5. Keep one entry",
    ]


def test_report_lists_the_publishers_without_an_english_name(project):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT.replace("聊城市退役军人事务局", "聊城日报（第A5版）"))
    second = VALID_EVENT.replace("test-event", "other-event").replace("聊城市退役军人事务局", "聊城日报（转载于 a.com）")
    write(project, "exhibits/events/other-event.yml", second)
    result = run_cli(project, "report")
    assert result.returncode == 0, result.stderr
    section = result.stdout.split("## Publishers without an English name")[1].split("\n## ")[0]
    assert "\n- 聊城日报 (2 sources)\n" in section, section
    write(
        project,
        "settings/glossary.yml",
        "terms:\n  - zh: 双拥\n    en: double support\npublishers:\n  - zh: 聊城日报\n    en: Liaocheng Daily\n",
    )
    section = run_cli(project, "report").stdout.split("## Publishers without an English name")[1].split("\n## ")[0]
    assert "聊城日报" not in section and "\n- 聊城市退役军人事务局 (5 sources)\n" in section  # 4 on the tour's walls


def test_a_publisher_named_only_by_a_draft_or_a_record_with_a_mistake_counts_as_cited(project):
    """Every record file counts: a draft, and a file refused for another mistake (one typo, one message)."""
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    draft = VALID_EVENT.replace("test-event", "draft-event").replace("status: verified", "status: draft")
    write(project, "exhibits/events/draft-event.yml", draft.replace("聊城市退役军人事务局", "齐鲁晚报（epaper.qlwb.com.cn）"))
    broken = VALID_EVENT.replace("test-event", "broken-event").replace('date: "2019-03-15"', 'date: "2019-13-45"')
    write(project, "exhibits/events/broken-event.yml", broken.replace("聊城市退役军人事务局", "文汇报（wenweipo.com）"))
    glossary = "terms:\n  - zh: 双拥\n    en: double support\npublishers:\n"
    write(
        project,
        "settings/glossary.yml",
        glossary + "  - zh: 齐鲁晚报\n    en: Qilu Evening News\n  - zh: 文汇报\n    en: Wen Wei Po\n",
    )
    result = run_cli(project, "check")
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "exhibits/events/broken-event.yml:9: date" in output, output
    assert "settings/glossary.yml" not in output


# Round brackets inside round brackets, in what a visitor reads (not in scripts or addresses).
NESTED = re.compile(r"\([^()]*\([^()]*\)[^()]*\)")


# A Markdown link MkDocs did not turn into one, shown as its raw text: "[title](page.md)" or "[title][page.md]".
RAW_LINK = re.compile(r"\]\s*[(\[][^)\]]*\.md\b")


def test_no_page_nests_round_brackets_or_shows_a_raw_link(built_site):
    """A gloss in brackets ("Junior secondary (初中)", a publisher, a burial's role) put in brackets by the page
    shows square inside round, as English nests them; and no bracketing breaks a link into its Markdown (the
    teachers' page once showed "([…][events/flag-guardians-programme.md])"). Every page's visible text."""
    nested, raw = {}, {}
    for path in sorted(built_site.rglob("*.html")):
        page = _soup(path)
        for hidden in page.select("script, style, template"):
            hidden.decompose()
        text, where = page.get_text(" "), str(path.relative_to(built_site))
        if path.is_relative_to(built_site / "en") and (found := NESTED.findall(text)):
            nested[where] = found[:3]
        if found := RAW_LINK.findall(text):
            raw[where] = found[:3]
    assert not nested, nested
    assert not raw, raw
