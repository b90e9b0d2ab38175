"""Citations in prose (issue #24): the `[@source-id]` markers of a paragraph, the check that every
number and date a paragraph states is in the quote of a source it cites, and the check that a
source's quotes are verbatim in the local copy of the source (`copy:`).

A paragraph is text between blank lines of summary, body, a story section's text, a lesson's
texts and a picture's caption. A paragraph without a marker rests on any of the record's sources
(and is listed by `make report` as unsourced).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from . import model
from .content import _WIDTH, _years, dates_in, numbers_in
from .load import Document
from .markers import marker_ids
from .problems import Problem, dotted
from .textnumbers import Found, stated

# A marker typed with a Chinese keyboard's brackets: not read as a marker, so said.
_WIDE_MARKER = re.compile(r"[［【]\s*[@＠][^］】\n]*[］】]|\[＠[^\]\n]*\]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# Lesson fields that are prose a teacher reads or hands out.
_LESSON_FIELDS = (
    "objectives",
    "key_points",
    "difficult_points",
    "materials",
    "procedure",
    "questions",
    "for_pupils",
    "drawing_task",
    "follow_up",
    "teacher_notes",
)


@dataclass(frozen=True)
class Paragraph:
    loc: tuple  # the text's field, e.g. ("body", "zh")
    line: int  # the paragraph's own line in the file
    text: str
    ids: tuple[str, ...]  # the sources its markers name, in order

    @property
    def field(self) -> str:
        return dotted(self.loc)


def cited_texts(record: model.Record, *, captions: bool = True) -> Iterator[tuple]:
    """The locs of the prose a marker may source: summary, body, sections' text, lesson texts, captions."""
    for loc, _ in record.texts():
        if _record_prose(loc, captions) or (record.kind == "lesson" and _lesson_prose(loc)):
            yield loc


def _record_prose(loc: tuple, captions: bool) -> bool:
    """Summary, body, a story section's text, and (when captions count) a picture's caption."""
    head = loc[0]
    if head in ("summary", "body"):
        return True
    return (head == "sections" and len(loc) == 3 and loc[2] == "text") or (
        head == "images" and len(loc) == 3 and loc[2] == "caption" and captions
    )


def _lesson_prose(loc: tuple) -> bool:
    """A lesson's texts a teacher reads or hands out; a step's title is a heading, not prose."""
    head = loc[0]
    return head in _LESSON_FIELDS and not (head == "procedure" and loc[-1] == "title")


def paragraphs(doc: Document, record: model.Record, *, captions: bool = True) -> Iterator[Paragraph]:
    for loc in cited_texts(record, captions=captions):
        for lang in model.LANGS:
            raw = doc.value(loc + (lang,))
            if isinstance(raw, str) and raw.strip():  # an English text may wait for its translation
                for line, text in _split(doc, loc + (lang,), raw):
                    yield Paragraph(loc + (lang,), line, text, tuple(marker_ids(text)))


def _split(doc: Document, loc: tuple, raw: str) -> list[tuple[int, str]]:
    """The paragraphs of a text with the line each starts on: the k-th paragraph of the value is
    the k-th run of non-blank lines of its place in the file (a `|` block keeps lines as written)."""
    parts = [p.strip() for p in _PARAGRAPH_BREAK.split(raw.strip()) if p.strip()]
    span = doc.blocks.get(tuple(loc))
    fallback = doc.line(loc)
    source_lines = doc.source_lines
    if span is None or not source_lines:
        return [(fallback, p) for p in parts]
    first, last = span
    starts = _paragraph_starts(source_lines, first, last)
    return [(starts[i] if i < len(starts) else fallback, p) for i, p in enumerate(parts)]


def _paragraph_starts(source_lines: list[str], first: int, last: int) -> list[int]:
    """The numbers of the lines, from first to last, that start a run of non-blank lines."""
    starts, blank = [], True
    for number in range(first, min(last, len(source_lines)) + 1):
        is_blank = not source_lines[number - 1].strip()
        if blank and not is_blank:
            starts.append(number)
        blank = is_blank
    return starts


@functools.lru_cache(maxsize=1024)
def _numbers(quote: str) -> frozenset[float]:
    """The numbers of a quote, read as the figures' check reads them and as a paragraph's are read
    (English number words: "two 30 mm guns"; 不过百人)."""
    return frozenset(numbers_in(quote)) | {f.number for f in stated(quote) if f.number is not None}


def found(item: Found, sources: list[model.Source], marked: bool) -> bool:
    """Whether the quotes of the sources a paragraph cites give the number or date it states. marked:
    the paragraph names its sources with markers. Also for text outside records that cites sources
    the same way (a hall zone's wall text, settings/checks.py)."""
    if item.number is not None:
        return _number_found(item.number, sources, marked)
    return _date_found(item.date, sources)


def _published(sources: list[model.Source]) -> set[tuple[int, int, int]]:
    """When the sources were published: a paragraph may say it ("据2021年2月的报道")."""
    return {(s.date.year, s.date.month or 0, s.date.day or 0) for s in sources if s.date}


def _number_found(number: float, sources: list[model.Source], marked: bool) -> bool:
    # How many sources the paragraph rests on ("两处网页的转述" with two markers), or the year one was published.
    if (marked and number == len(sources)) or number in {float(y) for y, _, _ in _published(sources)}:
        return True
    return any(number in _numbers(s.quote) or number in _years(s) for s in sources if s.quote)


def _date_found(date: tuple[int, int, int], sources: list[model.Source]) -> bool:
    year, month, day = date
    if any(year == y and month in (0, m) and day in (0, d) for y, m, d in _published(sources)):
        return True
    return any(_date_in_quote(date, source) for source in sources if source.quote)


def _date_in_quote(date: tuple[int, int, int], source: model.Source) -> bool:
    year, month, day = date
    if year and (year, month, day) in dates_in(source.quote, _years(source)):
        return True
    # "9月30日" without a year, or with the year the source is about (the 2019 yearbook's
    # "12月"): the month and the day are enough.
    numbers = numbers_in(source.quote)
    return (not year or year in _years(source)) and (not month or month in numbers) and (not day or day in numbers)


def paragraph_problems(doc: Document, record: model.Record) -> tuple[list[Problem], list[Problem]]:
    """(errors whatever the status: markers naming no source; findings: numbers and dates no
    quote of the cited sources gives, errors in a verified record and notes in a draft)."""
    by_id = {s.id: s for s in record.sources}
    wrong: list[Problem] = []
    missing: list[Problem] = []
    for paragraph in paragraphs(doc, record):
        wrong += _marker_problems(doc, paragraph, by_id)
        cited = [by_id[i] for i in paragraph.ids if i in by_id] if paragraph.ids else list(record.sources)
        if cited or all(i in by_id for i in paragraph.ids):  # else the marker's message is enough
            missing += _not_in_quotes(doc, record, paragraph, cited)
    return wrong, missing


def _marker_problems(doc: Document, paragraph: Paragraph, by_id: dict[str, model.Source]) -> list[Problem]:
    """Markers typed with full-width brackets, then markers naming no source of the record."""
    known = ", ".join(by_id) or "none yet"
    messages = [
        f'"{typed.group(0)}" is typed with full-width brackets or @. Write the marker in ASCII: [@source-id]'
        for typed in _WIDE_MARKER.finditer(paragraph.text)
    ]
    messages += [
        f"the marker [@{name}] names no source of this record. Use an id under `sources:` ({known})"
        for name in paragraph.ids
        if name not in by_id
    ]
    return [Problem(doc.path, paragraph.line, paragraph.field, message) for message in messages]


def _not_in_quotes(doc: Document, record: model.Record, paragraph: Paragraph, cited: list[model.Source]) -> list[Problem]:
    """The numbers and dates of a paragraph that the quotes of the sources it cites do not give, each once."""
    named = ", ".join(s.id for s in cited) or "none"
    problems: list[Problem] = []
    said: set[str] = set()
    for item in stated(_without_public_values(paragraph.text, record)):
        if item.shown in said or found(item, cited, bool(paragraph.ids)) or _teaching_count(record, item):
            continue
        said.add(item.shown)
        what = "number" if item.number is not None else "date"
        problems.append(
            Problem(
                doc.path,
                paragraph.line,
                paragraph.field,
                f'"{item.shown}" is not in the quotes of the sources this paragraph cites ({named}). '
                f"Add the passage to a quote or correct the {what}",
            )
        )
    return problems


def _without_public_values(text: str, record: model.Record) -> str:
    for public in record.public_values:  # the hall's own phone is not a figure to source
        text = text.replace(public.value, " ")
    return text


def _teaching_count(record: model.Record, item: Found) -> bool:
    """A lesson's small counts are teaching (2 groups, 3 minutes, 两三句话), not facts."""
    return record.kind == "lesson" and item.number is not None and item.number <= 10


def unsourced(doc: Document, record: model.Record) -> Iterator[Paragraph]:
    """Paragraphs without a marker (captions may go without), for `make report`."""
    for paragraph in paragraphs(doc, record, captions=False):
        if not paragraph.ids:
            yield paragraph


# --- quotes against the copies we hold (`copy:`) --------------------------------------------

_PASSAGE_BREAK = re.compile(r"…+|\.{3,}")
ELIDED = "〔姓名略〕"
_QUOTES = str.maketrans({"‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"', "【": "[", "】": "]"})


def _plain(text: str) -> str:
    """Whitespace dropped, full- and half-width punctuation made one: the copy's line breaks and a
    retyped comma do not count as differences."""
    text = unicodedata.normalize("NFKC", text).translate(_WIDTH).translate(_QUOTES)
    return re.sub(r"\s+", "", text)


@functools.lru_cache(maxsize=64)
def _copy_text(path: Path, stamp: tuple) -> str:
    return _plain(path.read_text(encoding="utf-8", errors="replace"))


def copy_problems(doc: Document, record: model.Record, root: Path) -> list[Problem]:
    """Each passage of the quote of a source with `copy:` must be in that copy (〔姓名略〕 stands for an elided name)."""
    problems = []
    for index, source in enumerate(record.sources):
        if source.copy_path:
            problems += _copy_problems(doc, index, source, root)
    return problems


def _copy_problems(doc: Document, index: int, source: model.Source, root: Path) -> list[Problem]:
    """One source's copy: that it is a file inside the project, then that it holds each passage of the quote."""
    loc = ("sources", index, "copy")
    relative = Path(source.copy_path)
    path = (root / relative).resolve()
    if relative.is_absolute() or not path.is_relative_to(root.resolve()):
        message = f'"{source.copy_path}" is outside the project. Copy the text into the project\'s sources/ folder and name it, e.g. sources/{source.id}.txt'
        return [Problem(doc.path, doc.line(loc), dotted(loc), message)]
    if not path.is_file():
        message = f"{source.copy_path} does not exist. Check the path (from the project's folder)"
        return [Problem(doc.path, doc.line(loc), dotted(loc), message)]
    stat = path.stat()
    text = _copy_text(path, (stat.st_mtime_ns, stat.st_size))
    if not source.quote:
        return []
    quote_loc = ("sources", index, "quote")
    return [
        Problem(
            doc.path,
            doc.line(quote_loc),
            dotted(quote_loc),
            f'the passage "{_shortened(passage)}" is not in the copy {source.copy_path}. Copy it exactly from the source '
            "(only spaces and full- or half-width punctuation may differ; separate passages with …)",
        )
        for passage in _PASSAGE_BREAK.split(source.quote)
        if not _in_copy(passage, text)
    ]


def _in_copy(passage: str, text: str) -> bool:
    """Whether the copy's text (made plain) holds the passage; 〔姓名略〕 stands for up to 12 characters."""
    pieces = [_plain(p) for p in passage.split(ELIDED)]
    if not "".join(pieces):
        return True  # nothing between two …
    pattern = ".{1,12}?".join(re.escape(p) for p in pieces)
    return re.search(pattern, text) is not None


def _shortened(passage: str) -> str:
    shown = passage.strip()
    return shown if len(shown) <= 40 else shown[:40] + "…"
