"""The content checks (records/content.py) through tables of cases: numbers and dates read out of a quote,
which facts are checked against which source, the messages, the glossary. And the real collection passes
`check --strict`. `make mutation` runs these against records/content.py."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import ROOT, run_cli
from exhibition.records import model
from exhibition.records.content import _sourced as sourced
from exhibition.records.content import (
    dates_in,
    english_texts,
    glossary_problems,
    normalise,
    number_of,
    numbers_in,
    quote_problems,
    shown_number,
    unquoted,
    variant_pattern,
)
from exhibition.records.dates import PartialDate
from exhibition.records.load import load
from exhibition.records.problems import dotted


def test_the_real_collection_passes_the_strict_check():
    """`make check STRICT=1` on the records as they are: a guard broken so that real records fail (or a
    record broken so that it fails) shows here at once."""
    result = run_cli(ROOT, "check", "--strict")
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    assert result.stdout.rstrip().endswith(": no problems."), result.stdout


# --- numbers in a quote ------------------------------------------------------------------------

NUMBERS = [
    # quote, numbers it must give, numbers it must not give
    ("约20万人参加", {200000, 20}, {2000000000}),  # 万 is 10,000 (and the bare 20 is read too)
    ("抚恤金约3亿元", {300000000, 3}, {30000}),  # 亿 is 100,000,000
    ("全年约2.1万人次参观", {21000, 2.1}, {2100}),
    ("1.5 万", {15000}, set()),  # a space before the unit
    ("1,300 名志愿者", {1300, 1, 300}, {1.3}),  # joined, and as written
    ("16，252个岗位", {16252}, set()),  # full-width comma
    ("共 1 300 人", {1300, 1, 300}, set()),  # joined, and as written
    ("1 300 000", {1300000}, {1300300}),  # joined again until nothing changes
    ("in 2019 925 names were carved", {2019, 925}, {2019.925}),  # a space between two numbers may be either
    ("1,3000", {1, 3000}, {13000}),  # four digits after a comma: not a thousands separator
    ("合格率99.42%", {99.42}, {99, 42}),  # decimals stay decimals
    ("高188.7米", {188.7}, {1887}),
    ("二万一千人", {21000}, set()),  # Chinese numerals
    ("一九三八年", {1938}, set()),
    ("两千余名", {2000}, set()),
    ("(1944.7一1994.11)", {1944.7, 1994.11}, set()),  # a 一 between digits is a dash
]


@pytest.mark.parametrize("quote, found, absent", NUMBERS, ids=[f"numbers-{n}" for n in range(len(NUMBERS))])
def test_numbers_are_read_from_a_quote(quote, found, absent):
    numbers = numbers_in(quote)
    assert found <= numbers, numbers
    assert not absent & numbers, numbers


def test_normalise_joins_thousands_only():
    assert normalise("1,300 and 1 300 and 1\u00a0300 and 1\u2009300 and 1\u202f300") == "1300 and 1300 and 1300 and 1300 and 1300"
    assert normalise("1,30 and 2019, 2020") == "1,30 and 2019, 2020"
    assert normalise("二万一千") == "21000"


FIGURES = [
    (1300, 1300.0),
    (1500.5, 1500.5),
    (True, None),  # YAML's yes is no number
    ("1,300", 1300.0),
    ("2.1万", 21000.0),
    ("3亿", 300000000.0),
    ("20 万", 200000.0),
    ("九百二十五", 925.0),
    ("约900", 900.0),
    ("约1300（056型满载，《环球时报》）", 1300.0),  # the number first, a note after it
    ("1500 (056A)", 1500.0),
    ("1,500（约）", 1500.0),
    ("约1.5（056型）", 1.5),
    ("1,30（注）", None),  # not a thousands separator: no number read
    ("0.00000000015万", 0.0000015),  # exactly, however many decimals
    ("约2万（注）", 20000.0),  # 万 read before the note
    ("056A型与056型", None),  # two numbers, none of them leading
    ("one in three", None),
]


@pytest.mark.parametrize("value, number", FIGURES, ids=[f"figure-{n}" for n in range(len(FIGURES))])
def test_a_figure_is_read_as_a_number(value, number):
    assert number_of(value) == number
    assert number is None or type(number_of(value)) is float


@pytest.mark.parametrize(
    "value, shown", [(1500.0, "1500"), (1500.5, "1500.5"), (3, "3"), ("1,300", "1,300"), (True, "True")], ids=str
)
def test_a_figure_is_shown_as_written(value, shown):
    assert shown_number(value) == shown


# --- dates in a quote --------------------------------------------------------------------------

DATES = [
    # quote, context years, exactly the dates it gives
    ("2019年9月30日", (), {(2019, 0, 0), (2019, 9, 0), (2019, 9, 30)}),
    ("2019年9月开馆", (), {(2019, 0, 0), (2019, 9, 0)}),  # never 2019-09-01
    ("2019年", (), {(2019, 0, 0)}),  # never January
    ("2019 年 09 月 30 日", (), {(2019, 0, 0), (2019, 9, 0), (2019, 9, 30)}),
    ("一九三八年十一月十五日殉国", (), {(1938, 0, 0), (1938, 11, 0), (1938, 11, 15)}),
    ("2019-09-30", (), {(2019, 0, 0), (2019, 9, 0), (2019, 9, 30)}),
    ("2019/9/30", (), {(2019, 0, 0), (2019, 9, 0), (2019, 9, 30)}),
    ("(1944.7一1994.11)", (), {(1944, 0, 0), (1944, 7, 0), (1994, 0, 0), (1994, 11, 0)}),
    ("编号12019-09-30", (), set()),  # digits glued before: not a date
    ("2019-091", (), {(2019, 0, 0)}),  # or after: only the year stands alone
    ("on 30 September 2019", (), {(2019, 0, 0), (2019, 9, 0), (2019, 9, 30)}),
    ("September 2019", (), {(2019, 0, 0), (2019, 9, 0)}),  # never 1 September
    ("september 2019", (), {(2019, 0, 0), (2019, 9, 0)}),  # any case
    ("Sep. 2019", (), {(2019, 0, 0), (2019, 9, 0)}),
    ("September 30, 2019", (), {(2019, 0, 0), (2019, 9, 0), (2019, 9, 30)}),
    ("opened in 1995", (), {(1995, 0, 0)}),  # a year on its own
    ("1940年5月……5月16日", (), {(1940, 0, 0), (1940, 5, 0), (1940, 5, 16)}),  # the year from the passage
    ("9月30日举行公祭", (2019,), {(2019, 9, 30)}),  # the year from the source's title
    ("9月30日举行公祭", (), set()),
    ("2019年9月30日；2020年", (), {(2019, 0, 0), (2019, 9, 0), (2019, 9, 30), (2020, 0, 0)}),
]


@pytest.mark.parametrize("quote, years, dates", DATES, ids=[f"dates-{n}" for n in range(len(DATES))])
def test_dates_are_read_from_a_quote_no_more_precisely_than_written(quote, years, dates):
    assert dates_in(quote, years) == dates


# --- which facts are checked, and the messages -------------------------------------------------

QUOTE = "2019年9月30日，约20万人参加，其中志愿者1,300名。(1944.7一1994.11)"
SOURCES = f"""sources:
  - id: yb
    title: 年鉴
    publisher: 某局
    quote: "{QUOTE}"
  - id: other
    title: 某报
    publisher: 某报
review: {{status: verified, date: 2026-11-28}}
"""
EVENT = """kind: event
id: test-event
title: {zh: 测试活动, en: Test event}
summary: {zh: 一条测试记录。, en: A test record.}
date: "2019-09-30"
"""
PERSON = """kind: person
id: someone
title: {zh: 某某, en: Someone}
summary: {zh: 一位烈士。, en: A martyr.}
category: martyr
living: false
name: {zh: 某某, pinyin: Moumou}
"""
MEMORIAL = """kind: memorial
id: some-cemetery
title: {zh: 某陵园, en: A cemetery}
summary: {zh: 一处陵园。, en: A cemetery.}
"""


def _record(tmp_path: Path, text: str):
    path = tmp_path / "record.yml"
    path.write_text(text, encoding="utf-8")
    doc, problems = load(path, "record.yml")
    assert not problems
    return doc, model.KINDS[doc.data["kind"]].model_validate(doc.data)


def _label(zh="事件", en="event") -> str:
    return f"{{zh: {zh}, en: {en}}}"


def test_every_sourced_figure_date_and_disputed_value_is_checked(tmp_path):
    _, event = _record(
        tmp_path,
        EVENT
        + f"participants: {{label: {_label()}, value: 200000, source: yb}}\n"
        + f"figures:\n  - {{label: {_label()}, value: 1300, source: yb}}\n  - {{label: {_label()}, value: 5}}\n"
        + f'dates:\n  - {{date: "2019-09", label: {_label()}, source: yb}}\n  - {{date: "2019", label: {_label()}}}\n'
        + "disputed:\n  - field: x\n    values:\n      - {value: 3, source: yb}\n      - {value: 4, source: other}\n"
        + SOURCES,
    )
    assert list(sourced(event)) == [
        (("figures", 0, "value"), "number", 1300, "yb"),
        (("participants", "value"), "number", 200000, "yb"),
        (("dates", 0, "date"), "date", PartialDate(2019, 9), "yb"),
        (("disputed", 0, "values", 0, "value"), "number", 3, "yb"),
        (("disputed", 0, "values", 1, "value"), "number", 4, "other"),
    ]
    assert list(unquoted(event)) == [
        (("disputed", 0, "values", 1, "value"), "no quote"),
        (("figures", 1, "value"), "no source"),
        (("dates", 1, "date"), "no source"),
    ]


def test_a_persons_birth_and_death_are_checked_when_sourced(tmp_path):
    _, person = _record(
        tmp_path,
        PERSON
        + 'born: {date: "1944-07", source: yb}\ndied: {date: "1994-11-29", source: other, place: {zh: 阿里, en: Ngari}}\n'
        + SOURCES,
    )
    assert list(sourced(person)) == [
        (("born", "date"), "date", PartialDate(1944, 7), "yb"),
        (("died", "date"), "date", PartialDate(1994, 11, 29), "other"),
    ]
    _, person = _record(
        tmp_path, PERSON + 'born: {date: "1944-07"}\ndied: {source: yb, place: {zh: 阿里, en: Ngari}}\n' + SOURCES
    )
    assert list(sourced(person)) == []


def test_a_memorials_protection_and_ceremonies_are_checked_when_sourced(tmp_path):
    _, memorial = _record(
        tmp_path,
        MEMORIAL
        + f'protection:\n  - {{level: {_label("省级", "provincial")}, date: "1958", source: yb}}\n'
        + f'  - {{level: {_label("市级", "city")}, date: "1960"}}\n'
        + f'ceremonies:\n  - {{date: "2019-09-30", label: {_label()}, source: other}}\n  - {{date: "2020", label: {_label()}}}\n'
        + SOURCES,
    )
    assert list(sourced(memorial)) == [
        (("protection", 0, "date"), "date", PartialDate(1958), "yb"),
        (("ceremonies", 0, "date"), "date", PartialDate(2019, 9, 30), "other"),
    ]
    assert list(unquoted(memorial)) == [
        (("ceremonies", 0, "date"), "no quote"),
        (("protection", 1, "date"), "no source"),
        (("ceremonies", 1, "date"), "no source"),
    ]


def d(field: str) -> str:
    """A field written here 0-based (figures[0].value), as the problems name it (problems.dotted)."""
    return dotted(tuple(int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"\[\d+\]|[^.\[\]]+", field)))


def _problems(tmp_path: Path, text: str) -> list[str]:
    doc, record = _record(tmp_path, text)
    return [f"{p.line}: {p.field}: {p.message}" for p in quote_problems(doc, record)]


def _not_in(value: str, what: str = "number", quote: str = QUOTE, source: str = "yb") -> str:
    preview = quote if len(quote) <= 60 else quote[:60] + "…"
    return f'{value} is not in the quote of source {source} ("{preview}"). Correct the {what} or the quote'


def test_wrong_facts_are_named_with_their_line_and_right_ones_pass(tmp_path):
    text = (
        PERSON
        + 'born: {date: "1945-07", source: yb}\n'  # the quote says 1944.7
        + 'died: {date: "1994-11", source: yb}\n'
        + f"figures:\n  - {{label: {_label()}, value: 20000000000, source: yb}}\n"  # 20亿, not 20万
        + f"  - {{label: {_label()}, value: 200000, source: yb}}\n"
        + f'  - {{label: {_label()}, value: "20万", source: yb}}\n'
        + f"  - {{label: {_label()}, value: 1500.0, source: yb}}\n"
        + f"  - {{label: {_label()}, value: 7, source: unknown}}\n"  # validate.py names the unknown source
        + f"  - {{label: {_label()}, value: 1301, source: yb}}\n"  # ... and the facts after it are still checked
        + SOURCES
    )
    assert _problems(tmp_path, text) == [
        f"11: {d('figures[0].value')}: {_not_in('20000000000')}",
        f"14: {d('figures[3].value')}: {_not_in('1500')}",
        f"16: {d('figures[5].value')}: {_not_in('1301')}",
        f"8: {d('born.date')}: {_not_in('1945-07', 'date')}",
    ]


def test_an_events_participants_and_a_memorials_dates_are_held_to_the_quote(tmp_path):
    event = EVENT + f"participants: {{label: {_label()}, value: 300000, source: yb}}\n" + SOURCES
    assert _problems(tmp_path, event) == [f"6: {d('participants.value')}: {_not_in('300000')}"]
    assert _problems(tmp_path, event.replace("300000", "200000")) == []
    memorial = (
        MEMORIAL
        + f'protection:\n  - {{level: {_label("省级", "provincial")}, date: "1957", source: yb}}\n'
        + f'ceremonies:\n  - {{date: "2019-09-29", label: {_label()}, source: yb}}\n'
        + SOURCES
    )
    assert _problems(tmp_path, memorial) == [
        f"6: {d('protection[0].date')}: {_not_in('1957', 'date')}",
        f"8: {d('ceremonies[0].date')}: {_not_in('2019-09-29', 'date')}",
    ]
    assert _problems(tmp_path, memorial.replace("1957", "2019").replace("09-29", "09-30")) == []


def test_a_disputed_date_or_phrase_is_read_as_written(tmp_path):
    text = (
        EVENT
        + "disputed:\n  - field: x\n    values:\n"
        + '      - {value: " 2019-09-30 ", source: yb}\n'  # an ISO date, with stray spaces: a date
        + '      - {value: "2019-09-29", source: yb}\n'
        + '      - {value: "约20万人参加，其中志愿者1,300名", source: yb}\n'  # a phrase: full- and half-width commas
        + '      - {value: "约20万人  参加", source: yb}\n'  # spaces do not count
        + "      - {value: 约30万人参加, source: yb}\n"
        + SOURCES
    )
    assert _problems(tmp_path, text) == [
        f"10: {d('disputed[0].values[1].value')}: {_not_in('2019-09-29', 'date')}",
        f"13: {d('disputed[0].values[4].value')}: {_not_in('约30万人参加')}",
    ]


def test_an_english_phrase_is_found_in_any_case_and_spacing(tmp_path):
    text = (
        EVENT
        + "disputed:\n  - field: x\n    values:\n      - {value: Double  SUPPORT work, source: yb}\n      - {value: other, source: yb}\n"
    )
    text += SOURCES.replace(QUOTE, "the double support work of 2019")
    assert _problems(tmp_path, text) == [
        f"10: {d('disputed[0].values[1].value')}: {_not_in('other', quote='the double support work of 2019')}"
    ]


def test_the_year_of_a_day_may_come_from_the_sources_title(tmp_path):
    text = (
        EVENT + f'dates:\n  - {{date: "2019-09-30", label: {_label()}, source: yb}}\n' + SOURCES.replace(QUOTE, "9月30日举行公祭")
    )
    assert _problems(tmp_path, text.replace("title: 年鉴", "title: 2019年年鉴")) == []
    assert _problems(tmp_path, text.replace("publisher: 某局", "publisher: 某局（2019年年鉴条目）")) == []
    assert _problems(tmp_path, text) == [f"7: {d('dates[0].date')}: {_not_in('2019-09-30', 'date', '9月30日举行公祭')}"]
    assert _problems(tmp_path, text.replace("title: 年鉴", "title: 12019年年鉴")) != []  # no year glued to digits


@pytest.mark.parametrize("length", [59, 60, 61])
def test_a_long_quote_is_shown_cut_at_60_characters(tmp_path, length):
    quote = ("约20万人参加" + "的" * 80)[:length]
    text = EVENT + f"figures:\n  - {{label: {_label()}, value: 3, source: yb}}\n" + SOURCES.replace(QUOTE, quote)
    shown = quote if length <= 60 else quote[:60] + "…"
    assert _problems(tmp_path, text) == [
        f'7: {d("figures[0].value")}: 3 is not in the quote of source yb ("{shown}"). Correct the number or the quote'
    ]


@pytest.mark.parametrize("users, more", [(1, ""), (3, ""), (4, " and 1 more"), (5, " and 2 more")])
def test_a_source_without_a_quote_is_named_once_with_its_first_users(tmp_path, users, more):
    named = ", ".join(d(f"figures[{n}].value") for n in range(min(users, 3))) + more
    figures = "".join(f"  - {{label: {_label()}, value: {n}, source: other}}\n" for n in range(users))
    line = 7 + 1 + users + 4  # the figures, then the first source (4 lines) and the second
    assert _problems(tmp_path, EVENT + "figures:\n" + figures + SOURCES) == [
        f"{line}: {d('sources[1]')}: source other (named by {named}) has no quote. Add the exact passage as quote:"
    ]


# --- the glossary ------------------------------------------------------------------------------

GLOSSARY = SimpleNamespace(
    terms=[
        SimpleNamespace(zh="双拥", en="double support", wrong=["dual support", "double-support"]),
        SimpleNamespace(zh="双拥工作", en="double support work", wrong=["Dual Support Work"]),
        SimpleNamespace(
            zh="聊城市双拥展览馆",
            en="Liaocheng Double Support Exhibition Hall",
            wrong=["Liaocheng Double-Support Exhibition Hall"],
        ),
    ]
)


def test_english_texts_are_found_everywhere_in_a_record():
    data = {
        "title": {"zh": "甲", "en": "A"},
        "images": [{"caption": {"zh": "乙", "en": "B"}, "alt": {"en": "C"}}],
        "figures": [[{"en": "D"}]],
        "note": {"en": 5},  # not text: not read
        "en": "E",
    }
    assert list(english_texts(data)) == [
        (("title", "en"), "A"),
        (("images", 0, "caption", "en"), "B"),
        (("images", 0, "alt", "en"), "C"),
        (("figures", 0, 0, "en"), "D"),
        (("en",), "E"),
    ]


def test_off_glossary_english_is_named_in_list_items_too(tmp_path):
    text = (
        EVENT.replace(
            "A test record.",
            "DUAL SUPPORT at the Liaocheng Double-Support Exhibition Hall; individual supporters; dual support work.",
        )
        + f"figures:\n  - {{label: {_label('人数', 'dual support units')}, value: 3}}\n"
        + "images:\n  - {file: a.png, alt: {zh: 图, en: a picture}, caption: {zh: 图, en: the dual-support day}}\n"
        + SOURCES
    )
    doc, record = _record(tmp_path, text)
    messages = [f"{p.line}: {p.field}: {p.message}" for p in glossary_problems(doc, record, GLOSSARY)]
    approved = '. Write "double support" (settings/glossary.yml)'
    assert messages == [
        f'4: {d("summary.en")}: "DUAL SUPPORT" is not the approved English for 双拥{approved}',
        f'4: {d("summary.en")}: "Liaocheng Double-Support Exhibition Hall" is not the approved English for 聊城市双拥展览馆. '
        'Write "Liaocheng Double Support Exhibition Hall" (settings/glossary.yml)',
        f'4: {d("summary.en")}: "dual support work" is not the approved English for 双拥工作. '
        'Write "double support work" (settings/glossary.yml)',  # the longest wrong phrase, in any case
        f'7: {d("figures[0].label.en")}: "dual support" is not the approved English for 双拥{approved}',
    ]
    assert glossary_problems(doc, record, SimpleNamespace(terms=[])) == []


def test_the_same_wrong_phrase_twice_in_a_block_is_named_on_each_line(tmp_path):
    body = "body:\n  zh: 正文。\n  en: |\n    First, dual support.\n\n    Then dual support again; and dual support.\n"
    doc, record = _record(tmp_path, EVENT + body + SOURCES)
    assert [(p.line, p.field) for p in glossary_problems(doc, record, GLOSSARY)] == [
        (9, "body.en"),
        (11, "body.en"),
        (11, "body.en"),
    ]


def test_a_variant_is_matched_as_whole_words_in_any_case():
    pattern = variant_pattern("dual support")
    assert pattern.search("the Dual Support work").group(0) == "Dual Support"
    assert pattern.search("individual supporters") is None
    assert pattern.search("dual supported") is None
    assert pattern.search("non-dual support") is None
    assert variant_pattern("Rm. 3").search("Rm: 3") is None  # the variant is taken literally
