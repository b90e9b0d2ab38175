"""The paragraph check and the copies' check (records/citations.py, issue #24) on records held in memory:
each finding with its line, field and message (issue #32: `make mutation` runs these)."""

from __future__ import annotations

from exhibition.records import citations, model
from exhibition.records.load import load

RECORD = """\
kind: event
id: hall
title:
  zh: 展馆落成
  en: The hall opens
summary:
  zh: 展馆面积600平方米。[@yearbook]
  en: The hall covers 600 m². [@yearbook]
body:
  zh: |
    展馆面积600平方米。[@yearbook]

    共有43名退役军人被录取，另有75人。[@yearbook; @paper]
  en: |
    It covers 600 m². [@yearbook]

    Two sources say so. [@yearbook; @paper]
date: "2019-03-15"
sources:
  - id: yearbook
    title: 年鉴
    publisher: 聊城市退役军人事务局
    quote: 展览馆面积600平方米 … 共有43名退役军人被录取
  - id: paper
    title: 报道
    publisher: 聊城日报
    date: "2021-02"
review:
  status: draft
  date: 2026-11-28
"""


def record_of(tmp_path, text: str):
    path = tmp_path / "hall.yml"
    path.write_text(text, encoding="utf-8")
    doc, errors = load(path, "exhibits/events/hall.yml")
    assert errors == []
    return doc, model.KINDS[doc.data["kind"]].model_validate(doc.data)


def findings(tmp_path, text: str = RECORD) -> tuple[list[str], list[str]]:
    wrong, missing = citations.paragraph_problems(*record_of(tmp_path, text))
    return [str(p) for p in wrong], [str(p) for p in missing]


def test_a_number_no_cited_quote_gives_is_found_at_its_paragraph_once(tmp_path):
    assert findings(tmp_path) == (
        [],
        [
            'exhibits/events/hall.yml:13: body.zh: "75" is not in the quotes of the sources this paragraph cites '
            "(yearbook, paper). Add the passage to a quote or correct the number"
        ],
    )
    text = RECORD.replace("另有75人", "另有75人，又有75人，1937年7月7日")
    assert findings(tmp_path, text)[1] == [
        'exhibits/events/hall.yml:13: body.zh: "75" is not in the quotes of the sources this paragraph cites '
        "(yearbook, paper). Add the passage to a quote or correct the number",
        'exhibits/events/hall.yml:13: body.zh: "1937年7月7日" is not in the quotes of the sources this paragraph '
        "cites (yearbook, paper). Add the passage to a quote or correct the date",
    ]


def test_what_backs_a_number_or_a_date(tmp_path):
    def missing(sentence: str, markers: str = "[@yearbook; @paper]") -> list[str]:
        text = RECORD.replace("另有75人。[@yearbook; @paper]", f"{sentence}{markers}")
        return [p.split(": ", 2)[2].split(" is not")[0] for p in findings(tmp_path, text)[1]]

    assert missing("两处来源，2处。") == []  # how many sources the paragraph cites
    assert missing("三处来源。") == ['"三"']
    assert missing("据2021年2月的报道，2021年。") == []  # when a cited source was published
    assert missing("2021年3月。") == ['"2021年3月"']
    assert missing("2021年2月1日。") == ['"2021年2月1日"']  # the source gave no day
    assert missing("2020年。") == ['"2020年"']
    assert missing("600平方米，43名。", "[@yearbook]") == []  # numbers of the cited quote
    assert missing("600平方米。", "[@paper]") == ['"43"', '"600"']  # not of a source the paragraph does not cite
    assert missing("3月15日。") == ['"3月15日"']
    # Numbers the paragraph check once let through unread (issue #32): 千万, 万一 and 十分 inside a number.
    assert missing("投入一千万元，一万一千人，三十分。") == ['"一千万"', '"一万一千"', '"三十"']
    assert missing("20余万人。") == ['"20余万"']  # not 20, which the quote does not give either


def test_dates_without_a_year_or_with_the_year_the_source_is_about(tmp_path):
    text = RECORD.replace("共有43名退役军人被录取\n", "共有43名退役军人被录取，9月30日，2019年12月8日\n")

    def missing(sentence: str) -> list[str]:
        changed = text.replace("另有75人。[@yearbook; @paper]", f"{sentence}[@yearbook]")
        return [p.split(": ", 2)[2].split(" is not")[0] for p in findings(tmp_path, changed)[1]]

    assert missing("9月30日，2019年12月8日，12月。") == []
    assert missing("9月8日。") == []  # a month and a day the quote gives
    assert missing("10月30日。") == ['"10月30日"']
    assert missing("9月31日。") == ['"9月31日"']
    assert missing("2019年9月30日。") == []  # the year of the yearbook's own dates (2019年12月8日)
    assert missing("2018年9月30日。") == ['"2018年9月30日"']
    assert missing("2019年12月7日。") == ['"2019年12月7日"']


def test_markers_naming_no_source_and_wide_brackets_are_errors(tmp_path):
    text = RECORD.replace("另有75人。[@yearbook; @paper]", "另有43人。【@yearbook】[＠paper][@papr]")
    wrong, missing = findings(tmp_path, text)
    assert wrong == [
        'exhibits/events/hall.yml:13: body.zh: "【@yearbook】" is typed with full-width brackets or @. Write the marker in ASCII: [@source-id]',
        'exhibits/events/hall.yml:13: body.zh: "[＠paper]" is typed with full-width brackets or @. Write the marker in ASCII: [@source-id]',
        "exhibits/events/hall.yml:13: body.zh: the marker [@papr] names no source of this record. Use an id under `sources:` (yearbook, paper)",
    ]
    assert missing == []  # the paragraph's markers name nothing known: the marker's message is enough
    text = RECORD.replace("另有75人。[@yearbook; @paper]", "另有75人。[@papr; @paper]")
    wrong, missing = findings(tmp_path, text)
    assert len(wrong) == 1 and [m.split(" is not")[0] for m in missing] == [
        'exhibits/events/hall.yml:13: body.zh: "43"',
        'exhibits/events/hall.yml:13: body.zh: "75"',
    ]
    assert missing[1] == (
        'exhibits/events/hall.yml:13: body.zh: "75" is not in the quotes of the sources this paragraph cites (paper). '
        "Add the passage to a quote or correct the number"
    )


def test_a_paragraph_without_markers_rests_on_every_source(tmp_path):
    text = RECORD.replace("另有75人。[@yearbook; @paper]", "43名，两处。")
    assert findings(tmp_path, text)[1] == [
        'exhibits/events/hall.yml:13: body.zh: "两" is not in the quotes of the sources this paragraph cites '
        "(yearbook, paper). Add the passage to a quote or correct the number"
    ]
    paragraph = [p for p in citations.unsourced(*record_of(tmp_path, text))]
    assert [(p.field, p.line, p.text) for p in paragraph] == [("body.zh", 13, "共有43名退役军人被录取，43名，两处。")]


def test_a_lesson_s_small_counts_are_teaching(tmp_path):
    doc, record = record_of(tmp_path, RECORD.replace("另有75人", "分3组，11人"))
    assert [p.message.split(" is not")[0] for p in citations.paragraph_problems(doc, record)[1]] == ['"3"', '"11"']
    record = record.model_copy(update={"kind": "lesson"})
    assert [p.message.split(" is not")[0] for p in citations.paragraph_problems(doc, record)[1]] == ['"11"']


def test_the_paragraphs_of_every_cited_text_with_their_lines(tmp_path):
    doc, record = record_of(tmp_path, RECORD)
    assert [(p.field, p.line, p.ids) for p in citations.paragraphs(doc, record)] == [
        ("summary.zh", 7, ("yearbook",)),
        ("summary.en", 8, ("yearbook",)),
        ("body.zh", 11, ("yearbook",)),
        ("body.zh", 13, ("yearbook", "paper")),  # the second paragraph of the block
        ("body.en", 15, ("yearbook",)),
        ("body.en", 17, ("yearbook", "paper")),
    ]
    assert list(citations.unsourced(doc, record)) == []


def copies(tmp_path, quote: str, copy: str = "sources/yearbook.txt") -> list[str]:
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "yearbook.txt").write_text(
        "展览馆位于黄山路60号，面积600平方米。\n就业：共有43名\n退役军人被录取。张三同志到场。", encoding="utf-8"
    )
    text = RECORD.replace("    quote: 展览馆面积600平方米 … 共有43名退役军人被录取", f"    copy: {copy}\n    quote: {quote}")
    doc, record = record_of(tmp_path, text)
    return [str(p) for p in citations.copy_problems(doc, record, tmp_path)]


def test_each_passage_of_a_quote_must_be_in_the_copy(tmp_path):
    assert copies(tmp_path, "面积600平方米 … 共有43名退役军人被录取。〔姓名略〕同志到场") == []
    assert copies(tmp_path, "面积６００平方米...共有43名退役军人被录取") == []  # width, line breaks; ... separates
    assert copies(
        tmp_path, "面积700平方米 … 共有43名退役军人被录取 … 展览馆位于黄山路60号，面积600平方米，就业共有43名退役军人被录取"
    ) == [
        'exhibits/events/hall.yml:24: sources[1].quote (第1个来源 / source 1): the passage "面积700平方米" is not in the copy '
        "sources/yearbook.txt. Copy it exactly from the source (only spaces and full- or half-width punctuation may "
        "differ; separate passages with …)",
        'exhibits/events/hall.yml:24: sources[1].quote (第1个来源 / source 1): the passage "展览馆位于黄山路60号，面积600平方米，就业共有43名退役军人被录取" '
        "is not in the copy sources/yearbook.txt. Copy it exactly from the source (only spaces and full- or "
        "half-width punctuation may differ; separate passages with …)",
    ]
    long = "展览馆位于黄山路61号" * 5
    assert copies(tmp_path, long)[0].split("the passage ")[1].split(" is not")[0] == f'"{long[:40]}…"'


def test_a_copy_outside_the_project_or_missing_is_named(tmp_path):
    assert copies(tmp_path, "面积600平方米", "../yearbook.txt") == [
        'exhibits/events/hall.yml:23: sources[1].copy (第1个来源 / source 1): "../yearbook.txt" is outside the project. '
        "Copy the text into the project's sources/ folder and name it, e.g. sources/yearbook.txt"
    ]
    assert copies(tmp_path, "面积600平方米", "/etc/hostname")[0].split(": ", 2)[2].startswith('"/etc/hostname" is outside')
    assert copies(tmp_path, "面积600平方米", "sources/none.txt") == [
        "exhibits/events/hall.yml:23: sources[1].copy (第1个来源 / source 1): sources/none.txt does not exist. "
        "Check the path (from the project's folder)"
    ]
