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
        head = loc[0]
        if head in ("summary", "body"):
            yield loc
        elif head == "sections" and len(loc) == 3 and loc[2] == "text":
            yield loc
        elif head == "images" and len(loc) == 3 and loc[2] == "caption" and captions:
            yield loc
        elif record.kind == "lesson" and head in _LESSON_FIELDS and not (head == "procedure" and loc[-1] == "title"):
            yield loc


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
    starts, blank = [], True
    for number in range(first, min(last, len(source_lines)) + 1):
        is_blank = not source_lines[number - 1].strip()
        if blank and not is_blank:
            starts.append(number)
        blank = is_blank
    return [(starts[i] if i < len(starts) else fallback, p) for i, p in enumerate(parts)]


@functools.lru_cache(maxsize=1024)
def _numbers(quote: str) -> frozenset[float]:
    """The numbers of a quote, read as the figures' check reads them and as a paragraph's are read
    (English number words: "two 30 mm guns"; 不过百人)."""
    return frozenset(numbers_in(quote)) | {f.number for f in stated(quote) if f.number is not None}


def _found(item: Found, sources: list[model.Source], marked: bool) -> bool:
    quotes = [s for s in sources if s.quote]
    # A paragraph may say when a source it cites was published ("据2021年2月的报道") and how many
    # sources it rests on ("两处网页的转述" with two markers).
    published = {(s.date.year, s.date.month or 0, s.date.day or 0) for s in sources if s.date}
    if item.number is not None:
        if (marked and item.number == len(sources)) or item.number in {float(y) for y, _, _ in published}:
            return True
        return any(item.number in _numbers(s.quote) or item.number in _years(s) for s in quotes)
    year, month, day = item.date
    if any(year == y and month in (0, m) and day in (0, d) for y, m, d in published):
        return True
    for source in quotes:
        numbers = numbers_in(source.quote)
        if year and (year, month, day) in dates_in(source.quote, _years(source)):
            return True
        # "9月30日" without a year, or with the year the source is about (the 2019 yearbook's
        # "12月"): the month and the day are enough.
        if (not year or year in _years(source)) and (not month or month in numbers) and (not day or day in numbers):
            return True
    return False


# For text outside records that cites sources the same way (a hall zone's wall text, settings.py).
found = _found


def paragraph_problems(doc: Document, record: model.Record) -> tuple[list[Problem], list[Problem]]:
    """(errors whatever the status: markers naming no source; findings: numbers and dates no
    quote of the cited sources gives, errors in a verified record and notes in a draft)."""
    by_id = {s.id: s for s in record.sources}
    known = ", ".join(by_id) or "none yet"
    wrong: list[Problem] = []
    missing: list[Problem] = []
    for paragraph in paragraphs(doc, record):
        for typed in _WIDE_MARKER.finditer(paragraph.text):
            wrong.append(
                Problem(
                    doc.path,
                    paragraph.line,
                    paragraph.field,
                    f'"{typed.group(0)}" is typed with full-width brackets or @. Write the marker in ASCII: [@source-id]',
                )
            )
        unknown = [i for i in paragraph.ids if i not in by_id]
        for name in unknown:
            wrong.append(
                Problem(
                    doc.path,
                    paragraph.line,
                    paragraph.field,
                    f"the marker [@{name}] names no source of this record. Use an id under `sources:` ({known})",
                )
            )
        cited = [by_id[i] for i in paragraph.ids if i in by_id] if paragraph.ids else list(record.sources)
        if unknown and not cited:
            continue  # the marker's message is enough
        named = ", ".join(s.id for s in cited) or "none"
        said: set[str] = set()
        text = paragraph.text
        for public in record.public_values:  # the hall's own phone is not a figure to source
            text = text.replace(public.value, " ")
        for item in stated(text):
            if item.shown in said or _found(item, cited, bool(paragraph.ids)):
                continue
            if record.kind == "lesson" and item.number is not None and item.number <= 10:
                continue  # a lesson's small counts are teaching (2 groups, 3 minutes, 两三句话), not facts
            said.add(item.shown)
            what = "number" if item.number is not None else "date"
            missing.append(
                Problem(
                    doc.path,
                    paragraph.line,
                    paragraph.field,
                    f'"{item.shown}" is not in the quotes of the sources this paragraph cites ({named}). '
                    f"Add the passage to a quote or correct the {what}",
                )
            )
    return wrong, missing


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
        if not source.copy_path:
            continue
        loc = ("sources", index, "copy")
        relative = Path(source.copy_path)
        path = (root / relative).resolve()
        if relative.is_absolute() or not path.is_relative_to(root.resolve()):
            problems.append(
                Problem(
                    doc.path,
                    doc.line(loc),
                    dotted(loc),
                    f'"{source.copy_path}" is outside the project. Copy the text into the project\'s sources/ folder and name it, e.g. sources/{source.id}.txt',
                )
            )
            continue
        if not path.is_file():
            problems.append(
                Problem(
                    doc.path,
                    doc.line(loc),
                    dotted(loc),
                    f"{source.copy_path} does not exist. Check the path (from the project's folder)",
                )
            )
            continue
        stat = path.stat()
        text = _copy_text(path, (stat.st_mtime_ns, stat.st_size))
        if not source.quote:
            continue
        quote_loc = ("sources", index, "quote")
        for passage in _PASSAGE_BREAK.split(source.quote):
            pieces = [_plain(p) for p in passage.split(ELIDED)]
            if not "".join(pieces):
                continue
            pattern = ".{1,12}?".join(re.escape(p) for p in pieces)
            if not re.search(pattern, text):
                shown = passage.strip()
                shown = shown if len(shown) <= 40 else shown[:40] + "…"
                problems.append(
                    Problem(
                        doc.path,
                        doc.line(quote_loc),
                        dotted(quote_loc),
                        f'the passage "{shown}" is not in the copy {source.copy_path}. Copy it exactly from the source '
                        "(only spaces and full- or half-width punctuation may differ; separate passages with …)",
                    )
                )
    return problems
