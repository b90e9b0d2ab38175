"""Issue #24: paragraph citations `[@id]`, the numbers and dates of every paragraph against the
quotes of the sources it cites, and quotes against the copies of the sources we hold."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, run_cli, write
from exhibition.records.textnumbers import stated

RECORD = """\
kind: event
id: test-event
title:
  zh: 测试活动
  en: Test event
summary:
  zh: 展览馆面积600平方米。[@yearbook]
  en: The hall covers 600 m². [@yearbook]
body:
  zh: |
    **馆舍。**展览馆面积600平方米。[@yearbook]

    **就业。**定向招聘60名辅警，100余名退役军人参加。[@yearbook]
  en: |
    The hall covers 600 m². [@yearbook]

    It recruited 60 auxiliary police officers. [@yearbook]
date: "2019-03-15"
sources:
  - id: yearbook
    title: 山东首家双拥主题展馆落成,聊城退役军人事务局承建
    publisher: 聊城市退役军人事务局（2019年年鉴条目）
    copy: sources/yearbook-2019.txt
    quote: 展览馆位于聊城市经济技术开发区黄山路60号,面积600平方米 … 共有43名退役军人被录取
review:
  status: {status}
  date: 2026-11-28
"""


@pytest.fixture
def yearbook_project(project):
    (project / "sources").mkdir()
    shutil.copy(ROOT / "sources" / "yearbook-2019.txt", project / "sources" / "yearbook-2019.txt")
    return project


def check(root, *args):
    result = run_cli(root, "check", *args)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    return result.returncode, output


def test_verified_record_with_a_number_no_quote_gives_is_refused_at_its_paragraph(yearbook_project):
    write(yearbook_project, "exhibits/events/test-event.yml", RECORD.replace("{status}", "verified"))
    code, output = check(yearbook_project)
    assert code == 1, output
    # Line 13: the second paragraph of the `|` block, not the block's line (9).
    assert (
        'exhibits/events/test-event.yml:13: body.zh: "100" is not in the quotes of the sources this paragraph cites '
        "(yearbook). Add the passage to a quote or correct the number" in output
    )
    assert 'exhibits/events/test-event.yml:17: body.en: "60" is not in the quotes' not in output  # 60 is quoted (黄山路60号)
    assert 'body.zh: "600"' not in output and "summary" not in output


def test_the_same_record_as_a_draft_builds_with_a_note(yearbook_project):
    write(yearbook_project, "exhibits/events/test-event.yml", RECORD.replace("{status}", "draft"))
    code, output = check(yearbook_project)
    assert code == 0, output
    assert "note" in output
    report = run_cli(yearbook_project, "report")
    assert 'exhibits/events/test-event.yml:13: body.zh: "100" is not in the quotes' in report.stdout


def test_a_marker_naming_no_source_is_refused(yearbook_project):
    text = RECORD.replace("{status}", "verified").replace("**馆舍。**展览馆面积600平方米。[@yearbook]", "**馆舍。**[@yearbok]")
    write(yearbook_project, "exhibits/events/test-event.yml", text)
    code, output = check(yearbook_project)
    assert code == 1
    assert "exhibits/events/test-event.yml:11: body.zh: the marker [@yearbok] names no source of this record." in output


def test_a_quote_altered_by_one_character_is_refused(yearbook_project):
    text = RECORD.replace("{status}", "verified").replace("100余名", "43名").replace("60名辅警", "辅警")
    write(yearbook_project, "exhibits/events/test-event.yml", text)
    assert check(yearbook_project)[0] == 0
    write(yearbook_project, "exhibits/events/test-event.yml", text.replace("共有43名退役军人被录取", "共有43名退伍军人被录取"))
    code, output = check(yearbook_project)
    assert code == 1
    assert (
        'exhibits/events/test-event.yml:24: sources[1].quote (第1个来源 / source 1): the passage "共有43名退伍军人被录取" is not in the copy '
        "sources/yearbook-2019.txt." in output
    )


def test_the_real_yearbook_quotes_are_in_the_copy():
    """All passages the records quote from the yearbook are verbatim in sources/yearbook-2019.txt (the audit's finding)."""
    from pathlib import Path

    from exhibition.records import citations, model
    from exhibition.records.load import load

    checked = 0
    for path in sorted((ROOT / "exhibits").rglob("*.yml")):
        doc, _ = load(path, str(path))
        if doc is None:
            continue  # not readable: `make check` names it
        for source in doc.data.get("sources", []):
            if source.get("id") == "yearbook-2019":
                source["copy"] = "sources/yearbook-2019.txt"
                checked += 1
        record = model.KINDS[doc.data["kind"]].model_validate(doc.data)
        assert citations.copy_problems(doc, record, Path(ROOT)) == []
    assert checked >= 10


# Real sentences from exhibits/ and what the check reads in them: the rules for Chinese numerals.
SENTENCES = [
    ("一说他是湖北人，一同前往，统一安排，唯一的一座纪念馆。", []),
    ("园内有烈士墓23座，刻有925位烈士的英名录。", [23, 925]),
    ("一千三百名，2.1万人次，600平方米，100余名，1∶5", [1300, 21000, 600, 100, 1, 5]),
    ("七十多年间，陵园从县级文物保护单位一步步成为省级。", [70]),
    ("每年组织1至2次招聘会，两次走访。", [1, 2, 2]),
    ("冀南军区第七军分区，八路军，新四军，十分重要，万一。", [7]),
    ("八一建军节前夕走访慰问。", []),
    ("用两三句话说一说，三四个人一组。", []),
    ("In 2019 it offered 16,252 posts and 3.95 million yuan in seven loans.", [2019, 16252, 3950000, 7]),
    ("Named one of the 100 heroes; one of the first.", [100]),
    ("见[@yearbook-2019; @xinhua-2018]，[链接](https://example.org/2019/60.html)。", []),
]


@pytest.mark.parametrize("sentence, numbers", SENTENCES)
def test_numbers_read_in_real_sentences(sentence, numbers):
    assert [f.number for f in stated(sentence) if f.number is not None] == numbers


@pytest.mark.parametrize(
    "sentence, date",
    [
        ("1938年11月15日，范筑先殉国。", (1938, 11, 15)),
        ("一九三八年十一月十五日", (1938, 11, 15)),
        ("9月30日是烈士纪念日。", (0, 9, 30)),
        ("He died on 16 May 1940.", (1940, 5, 16)),
        ("September 1966 Joins the Party.", (1966, 9, 0)),
        ("opened on 2019-12-01", (2019, 12, 1)),
    ],
)
def test_dates_read_in_real_sentences(sentence, date):
    assert [f.date for f in stated(sentence) if f.date] == [date]


def test_markers_are_linked_numbers_on_the_page_and_gone_elsewhere():
    from exhibition.pages.format import Formatter
    from exhibition.records import model

    sources = [model.Source(id="a", title="甲", publisher="x"), model.Source(id="b", title="乙", publisher="y")]
    text = model.Text(zh="第一句。[@b]\n\n第二句。[@a; @b]", en="One. [@b]")
    assert text.get("zh") == "第一句。\n\n第二句。" and text.get("en") == "One."
    zh = Formatter("zh").cite(text, sources)
    assert zh.startswith(
        '第一句。<sup class="ex-cites"><a href="#source-b" class="ex-cite" title="乙" aria-label="来源 2">[2]</a></sup>'
    )
    assert zh.endswith(
        'aria-label="来源 1">[1]</a><a href="#source-b" class="ex-cite" title="乙" aria-label="来源 2">[2]</a></sup>'
    )
    assert Formatter("en").cite(text, sources).startswith('One.<sup class="ex-cites"><a href="#source-b"')
    assert "&lt;" in Formatter("zh").cite(model.Text(zh="a<b [@a]"), sources, escape=True)


def test_report_lists_every_paragraph_without_a_marker(yearbook_project):
    text = RECORD.replace("{status}", "verified").replace("100余名", "43名").replace("60名辅警", "辅警")
    text = text.replace("It recruited 60 auxiliary police officers. [@yearbook]", "It recruited auxiliary police officers.")
    write(yearbook_project, "exhibits/events/test-event.yml", text)
    report = run_cli(yearbook_project, "report").stdout
    assert "## Paragraphs without a citation [@id] · 未注明来源的段落 (1)" in report
    assert "- exhibits/events/test-event.yml:17: body.en" in report


VISIT = """\
kind: event
id: test-event
title:
  zh: 春节走访
  en: Spring Festival visits
summary:
  zh: 春节前走访慰问一等功军人。[@visits]
  en: Before the Spring Festival, decorated servicemen were visited. [@visits]
date: "2019-01"
sources:
  - id: visits
    title: 春节走访慰问
    publisher: 聊城市退役军人事务局
    quote: 陪同省军区领导走访慰问一等功军人吕玉生
review:
  status: verified
  date: 2026-11-28
"""


def test_a_quote_naming_an_unknown_person_is_refused_and_the_elided_name_passes(project):
    write(project, "exhibits/events/test-event.yml", VISIT)
    code, output = check(project)
    assert code == 1
    assert (
        'exhibits/events/test-event.yml:14: sources[1].quote (第1个来源 / source 1): "吕玉生" looks like the name of a person who has no record '
        "here and is not a historical figure of settings/historical-figures.yml. A living person is named only with "
        'consent: write 〔姓名略〕 in its place ("访慰问一等功军人〔姓名略〕")' in output
    )
    write(project, "exhibits/events/test-event.yml", VISIT.replace("吕玉生", "〔姓名略〕"))
    assert check(project) == (0, check(project)[1])
    # Consent that names him lets the name through.
    consented = VISIT.replace(
        "review:", 'consent: {reference: 档案2019-01, scope: 展览网站, date: "2019-01-10", names: [吕玉生]}\nreview:'
    )
    write(project, "exhibits/events/test-event.yml", consented)
    assert check(project)[0] == 0


def test_a_historical_figure_with_a_source_may_be_named(project):
    write(
        project,
        "exhibits/events/test-event.yml",
        VISIT.replace("吕玉生", "").replace("春节前走访", "邓小平题写的碑前，春节前走访"),
    )
    assert check(project)[0] == 0


def test_a_phone_number_in_a_quote_is_refused(project):
    write(project, "exhibits/events/test-event.yml", VISIT.replace("吕玉生", "〔姓名略〕，电话13912345678"))
    code, output = check(project)
    assert code == 1
    assert (
        'exhibits/events/test-event.yml:14: sources[1].quote (第1个来源 / source 1): contains a phone number ("13912345678")'
        in output
    )


PERSON = """\
kind: person
id: {id}
title:
  zh: {name}
  en: {pinyin}
summary:
  zh: 一位烈士。[@s]
  en: A martyr. [@s]
category: martyr
living: false
name:
  zh: {name}
  pinyin: {pinyin}
dates:
  - date: "2014-09"
    label:
      zh: 名列第一批300名著名抗日英烈和英雄群体名录
      en: included in the first list of 300 famous martyrs
    source: s
  - date: "{joined}"
    label:
      zh: 加入中国共产党
      en: joins the Communist Party of China
    source: s
sources:
  - id: s
    title: 名录
    publisher: 民政部
    quote: 2014年9月公布第一批300名著名抗日英烈和英雄群体名录。{joined_zh}加入中国共产党
review:
  status: verified
  date: 2026-11-28
"""


def test_timeline_entries_of_a_person_name_their_subject_and_identical_ones_are_shown_once(project):
    from exhibition.pages.site import Site
    from exhibition.pages.write import Renderer
    from exhibition.pipeline import check as check_project

    write(
        project,
        "exhibits/people/wang-yi.yml",
        PERSON.format(id="wang-yi", name="王一", pinyin="Wang Yi", joined="1932", joined_zh="1932年"),
    )
    write(
        project,
        "exhibits/people/li-er.yml",
        PERSON.format(id="li-er", name="李二", pinyin="Li Er", joined="1935", joined_zh="1935年"),
    )
    settings, collection, problems = check_project(project)
    assert problems == []
    site = Site(collection.records, {}, settings)
    zh, en = Renderer(site, "zh").timeline(), Renderer(site, "en").timeline()
    assert ">王一：加入中国共产党</a>" in zh and ">李二：加入中国共产党</a>" in zh
    assert ">Wang Yi: joins the Communist Party of China</a>" in en
    # The same fact of two people: one line, both named, a link to each.
    assert zh.count("名列第一批300名") == 1
    line = next(x for x in zh.splitlines() if "名列第一批300名" in x)
    assert "李二、王一：名列第一批300名" in line
    assert 'href="../../exhibits/people/li-er/"' in line and 'href="../../exhibits/people/wang-yi/"' in line
    assert 'id="tl-li-er"' in zh and 'id="tl-wang-yi"' in zh  # each record's "on the timeline" link still lands


def test_a_disputed_value_beside_the_facts_is_a_row_of_their_table(built_site):
    """The defenders' number of the 1938 defence (600多 / 700多 / 将近700, audit P7) was printed as a loose
    "| 守城将士人数 | …" paragraph under the table: the facts' include ended in blank lines. (The facts are a
    definition list since issue #31.)"""
    html = (built_site / "exhibits/events/defence-of-liaocheng-1938/index.html").read_text(encoding="utf-8")
    facts = BeautifulSoup(html, "html.parser").select_one("dl.ex-facts")
    assert "守城将士人数" in [dt.get_text() for dt in facts.select("dt")] and "| 守城将士人数 |" not in html


def test_open_data_csv_leaves_markers_out_and_the_json_keeps_them_beside_its_sources(tmp_path):
    from exhibition import opendata
    from exhibition.records import model

    record = model.Event.model_validate(
        {
            "kind": "event",
            "id": "e",
            "title": {"zh": "活动", "en": "Event"},
            "summary": {"zh": "2019年成立。[@s]", "en": "Founded in 2019. [@s]"},
            "sources": [{"id": "s", "title": "年鉴", "publisher": "局"}],
            "review": {"status": "verified", "date": "2026-11-28"},
        }
    )
    opendata.export([record], tmp_path)
    csv_text = (tmp_path / "records-en.csv").read_text(encoding="utf-8-sig")
    assert "Founded in 2019." in csv_text and "[@" not in csv_text
    assert "[@s]" in (tmp_path / "records-zh.json").read_text(encoding="utf-8")


def test_the_ids_of_several_markers_are_collected_in_order_once_each():
    from exhibition.records.markers import marker_ids

    assert marker_ids("甲。[@x] 乙。[@y; @x] 丙。[@z]") == ["x", "y", "z"]
