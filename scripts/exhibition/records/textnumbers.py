"""The numbers and dates a paragraph of prose states (issue #24), for the paragraph check in
citations.py: Arabic and Chinese numerals, numbers with units (600平方米, 2.1万, 925位, 100余),
ratios (1∶5), English number words, and dates in both languages.

Chinese numerals are only read where they are numbers: a lone 一 is the article or part of a
word (一说, 一同, 统一) and is never read; another single numeral needs a measure word or unit
after it (两次, 七座) or 第 before it (第七); two or more numerals are a number (一千三百, 七十多年)
unless the run starts one of the words in _NOT_NUMBERS (万一, 十分…: 一千万 and 三十分 are numbers).
A rough count before 万/亿 is read with it (20余万, 二十多万: 200000). tests/test_citations.py holds the
table of real sentences these rules were tuned on, tests/test_textnumbers.py the tables of each rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .content import _EN_DAY_FIRST, _EN_MONTH_FIRST, _MONTHS

_ZH_DIGIT = "〇零一二两三四五六七八九"
_ZH_NUMERAL = _ZH_DIGIT + "十百千万亿"
# Measure words and units after a single Chinese numeral: then it counts something.
_MEASURE = "位名人个次年月日号天岁座家笔元米亩吨艘门层面块处项条件份届期批支场所间栋本张幅枚周倍级里组户排列句段节课分秒小时"
# Words made of numerals that are not numbers in running text (八一, 七一, 五四: names of days).
_NOT_NUMBERS = ("万一", "十分", "千万", "一一", "三三两两", "万万", "一二", "八一", "七一", "五四")
_ZH_RUN = re.compile(rf"第?[{_ZH_NUMERAL}]+(?:[余多][万亿])?")
_YEAR = r"(\d{4}|[〇零一二三四五六七八九]{4})"
_MONTH_PART = r"(\d{1,2}|十[一二]?|[一二三四五六七八九])"
_DAY_PART = r"(\d{1,2}|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_ZH_DATE = re.compile(rf"(?<!\d){_YEAR}\s*年(?:\s*{_MONTH_PART}\s*月(?:\s*{_DAY_PART}\s*[日号])?)?")
# Not inside a longer number: 每年十二月 is December (a 十 before 二月 is part of the month).
_ZH_MONTH_DAY = re.compile(rf"(?<![\d{_ZH_DIGIT}十]){_MONTH_PART}\s*月(?:\s*{_DAY_PART}\s*[日号])?")
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?![\d])")
_ARABIC = re.compile(
    r"(?<![A-Za-z0-9.])(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(\.\d+)?(?:\s*[余多]?\s*(万|亿|million\b|billion\b))?", re.I
)
_EN_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_NUMBER = re.compile(
    r"\b(?:(" + "|".join(_EN_WORDS) + r")(?:-(two|three|four|five|six|seven|eight|nine))?|an?|one)"
    r"(?:\s+(hundred|thousand|million))?\b",
    re.I,
)
# What is not a statement of the paragraph: citation markers, link addresses, list numbers.
_MARKER = re.compile(r"\[@[^\]]*\]")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_LIST_NUMBER = re.compile(r"^[ \t]*\d+(?:[.)][ \t]|、)", re.M)  # 3、 needs no space after it


@dataclass(frozen=True)
class Found:
    """One number or date a paragraph states. A date is (year, month, day), 0 where not given."""

    shown: str  # as written, for the message
    number: float | None = None
    date: tuple[int, int, int] | None = None


def _zh_value(run: str) -> float:
    """一千三百 -> 1300, 一九三八 -> 1938, 七十 -> 70, 两 -> 2, 百 -> 100, 二十多万 -> 200000.
    The run holds only numerals (and 余/多 before 万/亿): _ZH_RUN and the date patterns see to it."""
    run = run.replace("两", "二").replace("〇", "零").replace("余", "").replace("多", "")
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")}
    if all(c in digits for c in run):  # read digit by digit: 一九三八
        return float("".join(str(digits[c]) for c in run))
    return float(_counted(run, digits))


def _counted(run: str, digits: dict[str, int]) -> int:
    """A number written with 十百千 (each counts the digit before it) and 万亿 (each counts what came before it)."""
    total, section, current = 0, 0, 0
    for char in run:
        if char in digits:
            current = digits[char]
        elif char in "十百千":
            section += (current or 1) * {"十": 10, "百": 100, "千": 1000}[char]
            current = 0
        else:  # 万 or 亿: what came before counts them (万 alone is one)
            total += (section + current or 1) * (10_000 if char == "万" else 100_000_000)
            section, current = 0, 0
    return total + section + current


def _mask(text: str, pattern: re.Pattern) -> str:
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def stated(paragraph: str) -> list[Found]:
    """Every number and date the paragraph states, in order."""
    text = _mask(_mask(_mask(paragraph, _MARKER), _LINK_TARGET), _LIST_NUMBER)
    found: dict[int, Found] = {}  # by where it starts (a match never starts in a masked span)
    for pattern, read in _READERS:
        for match in list(pattern.finditer(text)):
            item = read(match)
            if item is not None:
                found[match.start()] = item
                # Blanked, so that a later reader does not read the same words again.
                text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    return [found[start] for start in sorted(found)]


# --- one reader per pattern: a match -> what it states (None: not a number) ---


def _part(value: str | None) -> int:
    """A year, month or day of a date, in digits or in Chinese numerals; 0 when not given."""
    if not value:
        return 0
    return int(value) if value.isdigit() else int(_zh_value(value))


def _zh_date(match: re.Match) -> Found:
    return Found(match.group(0).strip(), date=(_part(match[1]), _part(match[2]), _part(match[3])))


def _numeric_date(match: re.Match) -> Found:
    return Found(match.group(0), date=(int(match[1]), int(match[2]), int(match[3] or 0)))


def _en_month_first(match: re.Match) -> Found:
    return Found(match.group(0), date=(int(match[3]), _MONTHS[match[1].lower()], int(match[2])))


def _en_day_first(match: re.Match) -> Found:
    return Found(match.group(0), date=(int(match[3]), _MONTHS[match[2].lower()], int(match[1] or 0)))


def _zh_month_day(match: re.Match) -> Found:
    return Found(match.group(0).strip(), date=(0, _part(match[1]), _part(match[2])))


def _arabic(match: re.Match) -> Found:
    value = float(match[1].replace(",", "") + (match[2] or ""))
    unit = (match[3] or "").lower()
    value *= {"万": 10_000, "亿": 100_000_000, "million": 1_000_000, "billion": 1_000_000_000}.get(unit, 1)
    return Found(match.group(0).strip(), number=round(value, 6))


def _zh_number(match: re.Match) -> Found | None:
    run = match.group(0)
    ordinal = run.startswith("第")
    digits = run[1:] if ordinal else run
    # The character after the run, in the text as it was when this pattern's matches were found
    # (only earlier matches of it are blanked since, and they end before this one starts).
    after = match.string[match.end() : match.end() + 1]
    if _word_not_number(run, digits, after) or (not ordinal and _lone_numeral(digits, after)) or _a_few(digits):
        return None
    return Found(run, number=_zh_value(digits))


def _word_not_number(run: str, digits: str, after: str) -> bool:
    """第 alone, a word made of numerals (万一, 十分, 八一), or 第一 ("first", not a count)."""
    return not digits or (digits + after).startswith(_NOT_NUMBERS) or run == "第一"


def _lone_numeral(digits: str, after: str) -> bool:
    """One numeral without 第 counts something only before a measure word or unit (两次, 七座); 一 never."""
    return len(digits) == 1 and (digits == "一" or not (after and after in _MEASURE + "余多"))


def _a_few(digits: str) -> bool:
    """两三句, 三四个, 三五成群: two numerals in a row, one more than the other, say "a few", not 23."""
    if len(digits) == 2 and all(c in _ZH_DIGIT for c in digits):
        first, second = (_zh_value(c) for c in digits)
        return second == first + 1 or digits == "三五"
    return False


def _en_number(match: re.Match) -> Found | None:
    word, unit_word, scale = match[1], match[2], (match[3] or "").lower()
    if word is None and not scale:
        return None  # "a", "an", "one" alone: not a number
    value = _EN_WORDS[word.lower()] + (_EN_WORDS[unit_word.lower()] if unit_word else 0) if word else 1
    value *= {"hundred": 100, "thousand": 1000, "million": 1_000_000}.get(scale, 1)
    return Found(match.group(0), number=float(value))


# In the order they read: dates first (2019年 is a year, not the number 2019), then numbers in
# digits, then Chinese numerals and English number words in what is left.
_READERS = (
    (_ZH_DATE, _zh_date),
    (_NUMERIC_DATE, _numeric_date),
    (_EN_MONTH_FIRST, _en_month_first),
    (_EN_DAY_FIRST, _en_day_first),
    (_ZH_MONTH_DAY, _zh_month_day),
    (_ARABIC, _arabic),
    (_ZH_RUN, _zh_number),
    (_EN_NUMBER, _en_number),
)
