"""Checks of the content itself (issue #13): the number or date a record gives is in the quote of
the source it names, and English text uses the approved terms of settings/glossary.yml.

Both are advisories while the collection catches up (`make report` lists them) and errors in
strict mode; validate.py decides which.
"""

from __future__ import annotations

import calendar
import functools
import re
import warnings
from collections.abc import Iterator
from decimal import Decimal

from . import model
from .dates import PartialDate
from .load import Document
from .problems import Problem, dotted

# --- reading numbers and dates out of a quote ------------------------------------------------

_THOUSANDS = re.compile(r"(?<=\d)[,，\u00a0\u2009\u202f ](?=\d{3}(?!\d))")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_MYRIAD = re.compile(r"(\d+(?:\.\d+)?)\s*(万|亿)")
_ZH_DATE = re.compile(r"(\d{4})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?(?!\d)")
_MONTH_DAY = re.compile(r"(?<!\d年)(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
# "约1300（056型满载）": a number (thousands already joined), then a note in brackets.
_LEADING_NUMBER = re.compile(r"^\D{0,2}?(\d+(?:\.\d+)?)\s*(?=[（(])")
# Punctuation that differs only in width between a record and its source.
_WIDTH = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "（": "(", "）": ")", "“": '"', "”": '"', "、": ","})
_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_EN_DAY_FIRST = re.compile(rf"(?:(\d{{1,2}})\s+)?\b({_MONTH})\.?,?\s+(\d{{4}})\b", re.I)
_EN_MONTH_FIRST = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.I)


def _digits(quote: str) -> str:
    """Chinese numerals as digits: 一九三八 -> 1938, 二万一千 -> 21000, 两千 -> 2000."""
    try:
        import cn2an

        # "1944.7一1994.11": a 一 between digits is a dash typed as the numeral one, not a 1.
        quote = re.sub(r"(?<=\d)一(?=\d)", "—", quote)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # cn2an warns about fragments it leaves as they are
            return cn2an.transform(quote, "cn2an")
    except Exception:  # an odd fragment: keep the text as written rather than fail the check
        return quote


# One quote backs many figures and dates: read it once. Cached by wrapping rather than with the decorator,
# so that mutation testing changes _digits (mutmut leaves decorated functions alone).
digits = functools.lru_cache(maxsize=4096)(_digits)


def normalise(quote: str) -> str:
    """Digits, with thousands separators dropped: 1,300 and 1 300 -> 1300."""
    quote = digits(quote)
    while True:
        joined = _THOUSANDS.sub("", quote)
        if joined == quote:
            return quote
        quote = joined


def numbers_in(quote: str) -> set[float]:
    found: set[float] = set()
    # With and without joining: "1 300" is 1300, but "in 2019 925 names" is 2019 and 925.
    for text in {normalise(quote), digits(quote)}:
        found |= {float(n) for n in _NUMBER.findall(text)}
        found |= {_myriad(number, unit) for number, unit in _MYRIAD.findall(text)}  # 2.1万 = 21000
    return found


def _myriad(number: str, unit: str) -> float:
    """2.1万 -> 21000, exactly (2.1 * 10000 in floats is 21000.000000000004)."""
    return float(Decimal(number) * (10_000 if unit == "万" else 100_000_000))


def dates_in(quote: str, context_years: tuple[int, ...] = ()) -> set[tuple[int, int, int]]:
    """Every date the quote gives, and each one's shorter forms: 2019年9月30日 also gives 2019年9月 and 2019.
    context_years: the year a source is about, from its title (the 2019 yearbook), for a quote
    that gives "9月30日" without one."""
    text = digits(quote)
    found: set[tuple[int, int, int]] = set()
    for year, month, day in _dates_with_year(text):
        found.update({(year, 0, 0), (year, month, 0), (year, month, day)})
    years = {int(year) for year in re.findall(r"(?<!\d)(\d{4})(?!\d)", text)}
    found |= {(year, 0, 0) for year in years}  # a year on its own: "in 2019"
    # "9月30日" with the year given elsewhere in the passage ("1940年5月……5月16日").
    found |= {(year, int(m), int(d)) for m, d in _MONTH_DAY.findall(text) for year in years | set(context_years)}
    return found


def _dates_with_year(text: str) -> Iterator[tuple[int, int, int]]:
    """(year, month, day) of each date written with its year, 0 where not given: 2019年9月30日,
    2019-09-30, 2019.9, 30 September 2019, September 30, 2019."""
    for pattern in (_ZH_DATE, _NUMERIC_DATE):
        for y, m, d in pattern.findall(text):
            yield int(y), int(m or 0), int(d or 0)
    for d, month, y in _EN_DAY_FIRST.findall(text):
        yield int(y), _MONTHS[month.lower()], int(d or 0)
    for month, d, y in _EN_MONTH_FIRST.findall(text):
        yield int(y), _MONTHS[month.lower()], int(d)


def number_of(value) -> float | None:
    """A figure's value as a number: 1300, "1,300", "2.1万", "九百二十五"; None when it is words."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = normalise(str(value)).strip()
    myriad = _MYRIAD.search(text)
    if myriad:
        return _myriad(*myriad.groups())
    numbers = _NUMBER.findall(text)
    if len(numbers) == 1:
        return float(numbers[0])
    leading = _LEADING_NUMBER.match(text)  # "约1300（056型满载）": the number first, a note after it
    return float(leading.group(1)) if leading else None


def shown_number(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- the checks ----------------------------------------------------------------------------


def _sourced(record: model.Record) -> Iterator[tuple[tuple, str, object, str]]:
    """(loc of the value, "number"|"date", value, source id) for each sourced figure, date and disputed value."""
    yield from _sourced_figures(record)
    yield from _sourced_dates(record)
    for index, dispute in enumerate(record.disputed):
        for j, value in enumerate(dispute.values):
            yield ("disputed", index, "values", j, "value"), "number", value.value, value.source


def _sourced_figures(record: model.Record) -> Iterator[tuple[tuple, str, object, str]]:
    """The record's figures, then an event's participants."""
    figures = [(("figures", index), item) for index, item in enumerate(record.figures)]
    figures.append((("participants",), getattr(record, "participants", None)))
    for loc, item in figures:
        if item is not None and item.source:
            yield loc + ("value",), "number", item.value, item.source


def _sourced_dates(record: model.Record) -> Iterator[tuple[tuple, str, object, str]]:
    """Dated facts, protections and ceremonies, then a person's birth and death."""
    for name in ("dates", "protection", "ceremonies"):
        for index, item in enumerate(getattr(record, name, [])):
            if item.source:
                yield (name, index, "date"), "date", item.date, item.source
    for name in ("born", "died"):
        item = getattr(record, name, None)
        if item is not None and item.source and item.date:
            yield (name, "date"), "date", item.date, item.source


def unquoted(record: model.Record) -> Iterator[tuple[tuple, str]]:
    """Figures and dates no quote supports (no source, or a source without a quote), for `make report`."""
    quoted = {s.id for s in record.sources if s.quote}
    for loc, _, _, source in _sourced(record):  # _sourced yields only what names a source
        if source not in quoted:
            yield loc, "no quote"
    for index, item in enumerate(record.figures):
        if not item.source:
            yield ("figures", index, "value"), "no source"
    for name in ("dates", "protection", "ceremonies"):
        for index, item in enumerate(getattr(record, name, [])):
            if not item.source:
                yield (name, index, "date"), "no source"


def quote_problems(doc: Document, record: model.Record) -> list[Problem]:
    sources = {s.id: (index, s) for index, s in enumerate(record.sources)}
    problems: list[Problem] = []
    without_quote: dict[str, list[str]] = {}
    for loc, what, value, source_id in _sourced(record):
        if source_id not in sources:
            continue  # validate.py already says the source is unknown
        _, source = sources[source_id]
        if not source.quote:
            without_quote.setdefault(source_id, []).append(dotted(loc))
            continue
        message = _not_in_quote(what, value, source)
        if message:
            problems.append(Problem(doc.path, doc.line(loc), dotted(loc), message))
    for source_id, users in without_quote.items():
        index, _ = sources[source_id]
        loc = ("sources", index)
        problems.append(
            Problem(
                doc.path,
                doc.line(loc),
                dotted(loc),
                f"source {source_id} (named by {_some(users)}) has no quote. Add the exact passage as quote:",
            )
        )
    return problems


def _not_in_quote(what: str, value, source: model.Source) -> str | None:
    """What to tell the curator when the source's quote does not give the value; None when it does."""
    preview = source.quote if len(source.quote) <= 60 else source.quote[:60] + "…"
    date = _as_date(what, value)
    if date is not None:
        if (date.year, date.month, date.day) in dates_in(source.quote, _years(source)):
            return None
        return f'{date.iso} is not in the quote of source {source.id} ("{preview}"). Correct the date or the quote'
    if _number_in(value, source.quote):
        return None
    return f'{shown_number(value)} is not in the quote of source {source.id} ("{preview}"). Correct the number or the quote'


def _as_date(what: str, value) -> PartialDate | None:
    """A date field, or a disputed value written as an ISO date: checked as a date."""
    if what == "date":
        return value
    if isinstance(value, str) and _ISO.match(value.strip()):
        return PartialDate.parse(value.strip())
    return None


def _number_in(value, quote: str) -> bool:
    """A number among the quote's numbers; words (a disputed value such as 舰长) in its words."""
    number = number_of(value)
    if number is not None:
        return number in numbers_in(quote)
    return _words(str(value)) in _words(normalise(quote))


def _words(text: str) -> str:
    return " ".join(text.translate(_WIDTH).split()).lower()


def _years(source: model.Source) -> tuple[int, ...]:
    """The year a source is about, when its title or publisher says (聊城市退役军人事务局（2019年年鉴条目）)."""
    return tuple(int(y) for y in re.findall(r"(?<!\d)(\d{4})年", f"{source.title} {source.publisher}"))


def _some(names: list[str], shown: int = 3) -> str:
    more = len(names) - shown
    return ", ".join(names[:shown]) + (f" and {more} more" if more > 0 else "")


def english_texts(data, loc=()) -> Iterator[tuple[tuple, str]]:
    """Every `en:` string of a record file, with its place."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "en" and isinstance(value, str):
                yield loc + (key,), value
            else:
                yield from english_texts(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from english_texts(value, loc + (index,))


def variant_pattern(variant: str) -> re.Pattern:
    # Whole words only, any case: "dual support" but not "individual supporters".
    return re.compile(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", re.I)


def glossary_problems(doc: Document, record: model.Record, glossary) -> list[Problem]:
    """glossary: settings.Glossary. One message per wrong phrase: inside a longer wrong phrase,
    the shorter is not named again."""
    pattern, terms = _matcher(tuple((v, t.zh, t.en) for t in glossary.terms for v in t.wrong))
    if pattern is None:
        return []
    problems = []
    for loc, text in english_texts(doc.data):
        for match in pattern.finditer(text):
            zh, en = terms[match.group(0).lower()]
            nth = text[: match.start()].count(match.group(0))  # the same phrase earlier in the text
            problems.append(
                Problem(
                    doc.path,
                    doc.line_of(loc, match.group(0), nth),  # the line of the phrase, not of `en: |`
                    dotted(loc),
                    f'"{match.group(0)}" is not the approved English for {zh}. Write "{en}" (settings/glossary.yml)',
                )
            )
    return problems


def _match_variants(variants: tuple[tuple[str, str, str], ...]):
    """One pattern for every wrong variant (one search per text, not one per variant). Longest
    first, so at any place the longest wrong phrase is the one named."""
    if not variants:
        return None, {}
    ordered = sorted({v for v, _, _ in variants}, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w-])", re.I)
    return pattern, {v.lower(): (zh, en) for v, zh, en in variants}


_matcher = functools.lru_cache(maxsize=8)(_match_variants)  # one glossary for every record
