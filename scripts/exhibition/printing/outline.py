"""Classroom slides (课件), step one: a lesson's deck described as plain data, then fitted to the page.

A deck is first described (`Deck`: every slide's texts, picture and notes); slides.py then draws it as
PPTX. The description is what the cache is keyed by, so a warm build describes each deck (milliseconds),
finds it in the cache and draws nothing.

The slides, in order (tests/test_slides.py counts them from the lesson):
  title · objectives (knowledge, ability, values: one slide each) · one slide per procedure step ·
  one slide per question · sources · closing (QR code of the lesson page, the hall's visit information).
A slide whose text does not fit at the classroom sizes below goes on over a second slide
marked "(续)" / "(cont.)": the type is never made smaller to fit.

Readable from the back of a classroom: titles 40 pt, body 28 pt; only picture credits and the list of
sources (read up close, not projected for the class) are smaller. A lesson whose records have no picture
shows the record's kind's icon (icons/<kind>.png, drawn by scripts/tools/kind_icons.py).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ..pages.format import PUNCTUATION, Formatter, after_badge
from ..pages.language_parts import HAN
from ..records import model
from ..words import UI
from . import cite
from .qr import record_url, short

HERE = Path(__file__).parent
WIDTH_IN, HEIGHT_IN = 13.333, 7.5  # 16:9
MARGIN_IN = 0.6
TITLE_PT, BODY_PT, QUESTION_PT, SMALL_PT = 40, 28, 36, 16
LINE = 1.25  # line height, in font sizes
_HAN = re.compile(f"[{HAN}]")
_MARKERS = re.compile(r"\s*\[@[^\]]*\]")  # citation markers: the sources slide lists the sources
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


@dataclass
class Picture:
    file: str  # a derivative's path under docs/ (WebP), or "icons/<kind>.png" beside this module
    caption: str
    credit: str
    icon: bool = False
    digest: str = ""  # of the file's bytes: a new picture makes a new deck


@dataclass
class Slide:
    role: str  # title, objectives, step, question, sources, closing (tests read it from the shape names)
    title: str
    body: list[str] = field(default_factory=list)  # paragraphs
    size: int = BODY_PT
    subtitle: str = ""
    picture: Optional[Picture] = None
    notes: str = ""
    qr: str = ""  # the address the closing slide's QR code carries
    continued: bool = False


@dataclass
class Deck:
    lang: str
    lesson: str
    slides: list[Slide]


def plain(text: str) -> str:
    """Record Markdown as slide text: no citation markers, links as their words, no emphasis marks."""
    text = _MARKERS.sub("", text)
    text = _LINK.sub(r"\1", text)
    return re.sub(r"(\*\*|__|(?<!\w)\*(?!\s)|(?<!\s)\*(?!\w))", "", text).strip()


# --- what the deck says ----------------------------------------------------------------


def describe(site, lesson: model.Lesson, lang: str, base: str, docs_dir: Path) -> Deck:
    o = _Outline(site, lesson, lang)
    slides = [o.title(), *o.objectives(), *o.steps(docs_dir), *o.questions(), o.sources(), o.closing(base)]
    return Deck(lang, lesson.id, _paginate(slides))


class _Outline:
    """One lesson's slides in one language, slide by slide, in the order describe() puts them."""

    def __init__(self, site, lesson: model.Lesson, lang: str):
        self.site, self.lesson, self.lang = site, lesson, lang
        self.f = Formatter(lang)
        self.ui = self.f.ui
        self.colon = PUNCTUATION[lang]["colon"]
        self.mark = UI["translation_pending_title"][lang]

    def t(self, text: model.Text | None) -> str:
        """A record's text; an English text not yet translated is the Chinese, marked as on the pages."""
        if not text:
            return ""
        if text.missing(self.lang):
            return f"[{self.mark}] {plain(text.zh)}"
        return plain(text.get(self.lang))

    def ts(self, texts: list[model.Text]) -> list[str]:
        return [self.t(x) for x in texts]

    def title(self) -> Slide:
        lesson, ui, colon = self.lesson, self.ui, self.colon
        duration = ui("duration_value").format(periods=lesson.periods, minutes=lesson.period_minutes, total=lesson.total_minutes)
        return Slide(
            "title",
            self.t(lesson.title),
            [f"{ui('grade_band')}{colon}{ui(lesson.grade_band)}", f"{ui('duration')}{colon}{duration}"],
            subtitle=f"{ui('hall_name')} · {ui(lesson.programme)}",
            notes=_notes(
                (ui("teacher_notes"), self.ts(lesson.teacher_notes)),
                (ui("materials"), self.ts(lesson.materials)),
                (ui("summary_word"), [self.t(lesson.summary)]),
            ),
        )

    def objectives(self) -> list[Slide]:
        """One slide each for the knowledge, ability and values objectives."""
        lesson, ui = self.lesson, self.ui
        notes = _notes((ui("key_points"), self.ts(lesson.key_points)), (ui("difficult_points"), self.ts(lesson.difficult_points)))
        return [
            Slide(
                "objectives",
                f"{ui('objectives')} · {ui('objective_' + name)}",
                self.ts(getattr(lesson.objectives, name)),
                notes=notes,
            )
            for name in ("knowledge", "ability", "values")
        ]

    def steps(self, docs_dir: Path) -> list[Slide]:
        """One slide per step of the procedure, each with the next of the linked records' pictures."""
        lesson, ui = self.lesson, self.ui
        pictures = _pictures(self.site, lesson, docs_dir, self.f)
        out = []
        for index, step in enumerate(lesson.procedure):
            record, picture = pictures[index % len(pictures)]
            heading = f"{ui(step.step)}{self.colon}{self.t(step.title)}" if step.title else ui(step.step)
            out.append(
                Slide(
                    "step",
                    f"{heading} · {ui('minutes_value').format(n=step.minutes)}",
                    self.facts(record),
                    picture=picture,
                    notes=_notes(
                        (ui("slides_script"), [self.t(step.activity)]), (ui("teacher_notes"), self.ts(lesson.teacher_notes))
                    ),
                )
            )
        return out

    def facts(self, record: model.Record) -> list[str]:
        """The record's key facts in large type: its title, then its sourced figures (the checked numbers),
        or, for a record without figures, its summary."""
        figures = [f"{self.t(x.label)}{self.colon}{self.f.figure_value(x)}{_year(x, self.lang)}" for x in record.figures[:3]]
        return [self.t(record.title)] + (figures or [self.t(record.summary)])

    def questions(self) -> list[Slide]:
        """One slide per question; the notes give the discussion step's script and the follow-up."""
        lesson, ui = self.lesson, self.ui
        count = len(lesson.questions)
        discuss = next((self.t(s.activity) for s in lesson.procedure if s.step == "讨论"), "")
        notes = _notes((ui("slides_script"), [discuss] if discuss else []), (ui("follow_up"), self.ts(lesson.follow_up)))
        return [
            Slide("question", f"{ui('questions')} {number} / {count}", [self.t(question)], size=QUESTION_PT, notes=notes)
            for number, question in enumerate(lesson.questions, 1)
        ]

    def sources(self) -> Slide:
        publishers = self.site.settings.publishers
        lines = [cite.line(s, self.lang, publishers) + (f"\n{s.url}" if s.url else "") for s in self.lesson.sources]
        return Slide("sources", self.ui("sources"), lines, size=SMALL_PT + 4, notes=self.ui("slides_sources_note"))

    def closing(self, base: str) -> Slide:
        """The lesson page's address and QR code, and the hall's visit information."""
        site, ui = self.site, self.ui
        url = record_url(base, site.out_dir, self.lesson, self.lang, site.directory_urls)
        return Slide(
            "closing",
            ui("slides_closing"),
            [ui("qr_online"), short(url), *_visit(site, self.lang, self.f)],
            qr=url,
            notes=_notes((ui("follow_up"), self.ts(self.lesson.follow_up))),
        )


def _notes(*parts: tuple[str, list[str]]) -> str:
    out = []
    for heading, items in parts:
        items = [x for x in items if x]
        if items:
            out.append(heading + "\n" + "\n".join(f"• {x}" for x in items))
    return "\n\n".join(out)


def _year(figure: model.Figure, lang: str) -> str:
    """A figure's year after its value, in brackets: （2019） or (2019)."""
    if not figure.year:
        return ""
    return f"（{figure.year}）" if lang == "zh" else f" ({figure.year})"


def _pictures(site, lesson: model.Lesson, docs_dir: Path, f: Formatter) -> list[tuple[model.Record, Picture]]:
    """Every picture of the linked records, in their order; the steps take them in turn. Records
    without any picture: their kind's icon, so a slide never shows an empty frame."""
    records = [site.by_id[i] for i in lesson.linked_records]
    out = [(record, picture) for record in records for picture in _photos(site, record, docs_dir, f)]
    return out or [(record, _icon(record, f)) for record in records]


def _photos(site, record: model.Record, docs_dir: Path, f: Formatter) -> list[Picture]:
    """The record's pictures that have derivatives, as slides show them: the largest copy."""
    out = []
    for image in record.images:
        derived = site.derived.get(image.file)
        if derived:
            credit = " · ".join(x for x in (f.t(image.credit), image.creator or "", f.t(image.licence)) if x)
            path = docs_dir / derived.large.url
            out.append(Picture(derived.large.url, plain(_caption(image, f)), credit, digest=_digest(path)))
    return out


def _caption(image: model.Image, f: Formatter) -> str:
    caption = f.t(image.caption) or f.t(image.alt)
    if image.illustration:  # marked as on the pages (示意图 / Illustration), the word said once
        caption = f"{f.ui('illustration')} · {after_badge(caption, f.lang)}"
    return caption


def _icon(record: model.Record, f: Formatter) -> Picture:
    file = f"icons/{record.kind}.png"
    caption = f"{f.ui('one_' + record.kind)} · {plain(f.t(record.title))}"
    return Picture(file, caption, f.ui("slides_no_picture"), icon=True, digest=_digest(HERE / file))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _visit(site, lang: str, f: Formatter) -> list[str]:
    home = site.settings.home
    place = site.by_id.get(home.visit) if home and home.visit else None
    colon = PUNCTUATION[lang]["colon"]
    lines = [f.ui("hall_name")]
    if isinstance(place, model.Place):
        if place.address:
            lines.append(f"{f.ui('address')}{colon}{f.t(place.address)}")
        if place.opened:
            lines.append(f"{f.ui('opened')}{colon}{f.ui('open_since').format(date=place.opened.show(lang))}")
    return lines


# --- fitting text ------------------------------------------------------------------------


def text_lines(text: str, size_pt: float, width_in: float) -> int:
    """About how many lines `text` takes at `size_pt` in a box `width_in` wide: a Chinese character
    is one em, a Latin letter about half; words are not split. A generous estimate, so text fits."""
    per_line = width_in * 72 / size_pt  # ems
    lines = 0
    for paragraph in text.split("\n"):
        used, count = 0.0, 1
        for token in re.findall(rf"[{HAN}\u3000-\u303f\uff00-\uffef]|[^\s{HAN}\u3000-\u303f\uff00-\uffef]+\s*|\s+", paragraph):
            width = sum(1.0 if _HAN.match(c) or "\u3000" <= c <= "\uffef" else 0.6 for c in token)
            if used + width > per_line and used > 0:
                count += 1
                used = width
            else:
                used += width
        lines += count
    return lines


def text_height(paragraphs: list[str], size_pt: float, width_in: float) -> float:
    """Inches the paragraphs take, with the space after each."""
    return sum(text_lines(p, size_pt, width_in) * size_pt * LINE / 72 + size_pt * 0.4 / 72 for p in paragraphs)


def body_box(slide: Slide) -> tuple[float, float, float, float]:
    """(left, top, width, height) of the body text, in inches."""
    top = 1.75
    if slide.role == "step":
        return (7.2, top, WIDTH_IN - 7.2 - MARGIN_IN, HEIGHT_IN - top - 0.5)
    if slide.role == "closing":
        return (5.6, top, WIDTH_IN - 5.6 - MARGIN_IN, HEIGHT_IN - top - 0.5)
    return (MARGIN_IN, top, WIDTH_IN - 2 * MARGIN_IN, HEIGHT_IN - top - 0.5)


def _paginate(slides: list[Slide]) -> list[Slide]:
    """Text that would not fit goes on over another slide of the same kind (never smaller type).
    A step's key facts are a selection: those that do not fit beside the picture are left out
    (the record's title always stays), so a step is always one slide."""
    out = []
    for slide in slides:
        left, top, width, height = body_box(slide)
        if slide.role in ("step", "closing"):
            body = slide.body[:1]
            for paragraph in slide.body[1:]:
                if text_height(body + [paragraph], slide.size, width) <= height:
                    body.append(paragraph)
            out.append(Slide(**{**slide.__dict__, "body": body}))
            continue
        pages: list[list[str]] = [[]]
        for paragraph in slide.body:
            if pages[-1] and text_height(pages[-1] + [paragraph], slide.size, width) > height:
                pages.append([])
            pages[-1].append(paragraph)
        for number, body in enumerate(pages):
            page = Slide(**{**slide.__dict__, "body": body, "continued": number > 0})
            out.append(page)
    return out
