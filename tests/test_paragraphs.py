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
    later = text.replace("Two sources say so.", "Two sources say so, 75.")
    assert [m.split(" is not")[0] for m in findings(tmp_path, later)[1]] == ['exhibits/events/hall.yml:17: body.en: "75"']
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
    doc, record = record_of(tmp_path, RECORD.replace("另有75人", "分3组，10人，11人"))
    assert [p.message.split(" is not")[0] for p in citations.paragraph_problems(doc, record)[1]] == ['"3"', '"10"', '"11"']
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


STORY = """\
kind: story
id: tale
title:
  zh: 故事
  en: A story
summary:
  zh: 一个故事。[@s]
images:
  - file: places/hall-facade.png
    alt:
      zh: 插图
      en: A drawing
    caption:
      zh: 示意图：展馆，1988年。
      en: "Illustration: the hall."
    illustration: true
    creator: 本站绘制
    credit:
      zh: 示意图，本站绘制
      en: Illustration made for this site
sections:
  - heading:
      zh: 1938年
      en: "1938"
    text:
      zh: |
        第一段，
        仍是第一段。[@s]

        后来，1939年。[@s]
      en: "One.\\n\\nLater, in 1940. [@s]"
sources:
  - id: s
    title: 书
    publisher: 出版社
    quote: 1938年
review:
  status: draft
  date: 2026-11-28
"""


def test_what_a_story_cites_captions_sections_and_lines(tmp_path):
    doc, record = record_of(tmp_path, STORY)
    assert list(citations.cited_texts(record)) == [
        ("summary",),
        ("images", 0, "caption"),
        ("sections", 0, "text"),
    ]  # not a title, an alt text, a credit or a heading
    assert list(citations.cited_texts(record, captions=False)) == [("summary",), ("sections", 0, "text")]
    assert [(p.field, p.line) for p in citations.paragraphs(doc, record)] == [
        ("summary.zh", 7),  # no English yet
        ("images[1].caption.zh", 14),
        ("images[1].caption.en", 15),
        ("sections[1].text.zh", 27),  # a paragraph of two lines is one
        ("sections[1].text.zh", 30),
        ("sections[1].text.en", 31),  # "\n\n" inside quotes: both paragraphs on the field's line
        ("sections[1].text.en", 31),
    ]
    # A caption may go without a marker (its numbers are still checked); a section's paragraph may not.
    assert [(p.field, p.text) for p in citations.unsourced(doc, record)] == [("sections[1].text.en", "One.")]
    assert [p.message.split(" is not")[0] for p in citations.paragraph_problems(doc, record)[1]] == [
        '"1988年"',
        '"1939年"',
        '"1940"',
    ]


def test_published_dates_back_only_what_they_give(tmp_path):
    def missing(date: str, sentence: str) -> list[str]:
        text = RECORD.replace('date: "2021-02"', f'date: "{date}"')
        text = text.replace("另有75人。[@yearbook; @paper]", f"{sentence}[@paper]")
        return [p.split(": ", 2)[2].split(" is not")[0] for p in findings(tmp_path, text)[1] if ":13:" in p]

    assert missing("2021", "2021年，2021年1月。") == ['"43"', '"2021年1月"']  # a year alone gives no month
    assert missing("2021-02-03", "2021年2月3日。") == ['"43"']
    assert missing("2021-02-03", "2021年2月4日。") == ['"43"', '"2021年2月4日"']


def test_a_record_without_sources_names_none(tmp_path):
    text = RECORD.split("sources:")[0] + "review:" + RECORD.split("review:")[1]
    wrong, missing = findings(tmp_path, text)
    assert wrong[0] == (
        "exhibits/events/hall.yml:7: summary.zh: the marker [@yearbook] names no source of this record. "
        "Use an id under `sources:` (none yet)"
    )
    unmarked = text.replace("[@yearbook]", "").replace("[@yearbook; @paper]", "")
    assert findings(tmp_path, unmarked)[1][0] == (
        'exhibits/events/hall.yml:7: summary.zh: "600" is not in the quotes of the sources this paragraph cites (none). '
        "Add the passage to a quote or correct the number"
    )


def test_a_public_value_is_no_figure(tmp_path):
    text = RECORD.replace("另有75人。", "电话0635-8888888，2019年。").replace(
        "review:", "public_values:\n  - value: 0635-8888888\n    reason: 展览馆对外公布的电话\nreview:"
    )
    assert [p.split(": ", 2)[2].split(" is not")[0] for p in findings(tmp_path, text)[1]] == ['"2019年"']
    text = text.replace("  - value: 0635-8888888", "  - value: 0635-8888")
    assert [p.split(": ", 2)[2].split(" is not")[0] for p in findings(tmp_path, text)[1]] == ['"888"', '"2019年"']


def test_a_lesson_cites_its_teaching_texts_but_not_a_step_s_title():
    from pathlib import Path

    from conftest import ROOT

    path = ROOT / "exhibits/lessons/flag-guardians-primary.yml"
    doc, _ = load(Path(path), "exhibits/lessons/flag-guardians-primary.yml")
    doc.data["procedure"][0]["title"] = {"zh": "导入", "en": "Opening"}
    record = model.KINDS["lesson"].model_validate(doc.data)
    cited = list(citations.cited_texts(record))
    assert ("title",) not in cited and ("procedure", 0, "title") not in cited
    assert {("summary",), ("objectives", "knowledge", 0), ("procedure", 0, "activity"), ("for_pupils",)} <= set(cited)
    assert {loc[0] for loc in cited} == {"summary", *citations._LESSON_FIELDS} - {"drawing_task"}


def test_every_source_s_copy_is_checked_and_a_changed_copy_is_read_again(tmp_path):
    (tmp_path / "sources").mkdir()
    copy = tmp_path / "sources" / "a.txt"
    copy.write_text("面积600平方米。", encoding="utf-8")
    (tmp_path / "sources" / "empty.txt").write_text("", encoding="utf-8")
    sources = (
        "sources:\n"
        "  - {id: a, title: 甲, publisher: 甲}\n"  # no copy
        "  - {id: b, title: 乙, publisher: 乙, copy: ../a.txt, quote: 面积600平方米}\n"
        "  - {id: c, title: 丙, publisher: 丙, copy: sources/none.txt, quote: 面积600平方米}\n"
        "  - {id: d, title: 丁, publisher: 丁, copy: sources/a.txt}\n"  # nothing quoted
        "  - {id: e, title: 戊, publisher: 戊, copy: sources/a.txt, quote: …〔姓名略〕…面积700平方米}\n"
        "  - {id: f, title: 己, publisher: 己, copy: sources/empty.txt, quote: 〔姓名略〕…面积600平方米}\n"
        "review:"
    )
    text = RECORD.split("sources:")[0] + sources + RECORD.split("review:")[1]
    doc, record = record_of(tmp_path, text)
    found = [p.split(": ", 2)[1:] for p in map(str, citations.copy_problems(doc, record, tmp_path))]
    assert [(field.split(" ")[0], message.split(".")[0]) for field, message in found] == [
        ("sources[2].copy", '"'),  # "../a.txt" is outside the project
        ("sources[3].copy", "sources/none"),
        ("sources[5].quote", 'the passage "面积700平方米" is not in the copy sources/a'),
        ("sources[6].quote", 'the passage "面积600平方米" is not in the copy sources/empty'),
    ]
    copy.write_text("面积700平方米。", encoding="utf-8")  # the copy corrected: read again, not from the cache
    assert [p.field for p in citations.copy_problems(doc, record, tmp_path)] == [
        "sources[2].copy",
        "sources[3].copy",
        "sources[6].quote",
    ]


def test_a_long_passage_is_shown_cut_at_40_characters(tmp_path):
    forty = "展览馆位于黄山路六十一号" * 3 + "面积六百"  # 40 characters, not in the copy
    assert len(forty) == 40
    shown = [p.split("the passage ")[1].split(" is not")[0] for p in copies(tmp_path, f"{forty} … {forty}米")]
    assert shown == [f'"{forty}"', f'"{forty}…"']
