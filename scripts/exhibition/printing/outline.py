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

from ..pages.format import Formatter, after_badge
from ..pages.language_parts import HAN
from ..records import model
from ..words import UI
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
    f = Formatter(lang)
    ui = f.ui
    mark = UI["translation_pending_title"][lang]

    def t(text: model.Text | None) -> str:
        """A record's text; an English text not yet translated is the Chinese, marked as on the pages."""
        if not text:
            return ""
        if text.missing(lang):
            return f"[{mark}] {plain(text.zh)}"
        return plain(text.get(lang))

    colon = "：" if lang == "zh" else ": "
    duration = ui("duration_value").format(periods=lesson.periods, minutes=lesson.period_minutes, total=lesson.total_minutes)
    slides = [
        Slide(
            "title",
            t(lesson.title),
            [f"{ui('grade_band')}{colon}{ui(lesson.grade_band)}", f"{ui('duration')}{colon}{duration}"],
            subtitle=f"{ui('hall_name')} · {ui(lesson.programme)}",
            notes=_notes(
                (ui("teacher_notes"), [t(x) for x in lesson.teacher_notes]),
                (ui("materials"), [t(x) for x in lesson.materials]),
                (ui("summary_word"), [t(lesson.summary)]),
            ),
        )
    ]
    for name in ("knowledge", "ability", "values"):
        slides.append(
            Slide(
                "objectives",
                f"{ui('objectives')} · {ui('objective_' + name)}",
                [t(x) for x in getattr(lesson.objectives, name)],
                notes=_notes(
                    (ui("key_points"), [t(x) for x in lesson.key_points]),
                    (ui("difficult_points"), [t(x) for x in lesson.difficult_points]),
                ),
            )
        )
    pictures = _pictures(site, lesson, lang, docs_dir, f)
    for index, step in enumerate(lesson.procedure):
        record, picture = pictures[index % len(pictures)]
        heading = f"{ui(step.step)}{colon}{t(step.title)}" if step.title else ui(step.step)
        slides.append(
            Slide(
                "step",
                f"{heading} · {ui('minutes_value').format(n=step.minutes)}",
                _facts(record, f, t),
                picture=picture,
                notes=_notes(
                    (ui("slides_script"), [t(step.activity)]), (ui("teacher_notes"), [t(x) for x in lesson.teacher_notes])
                ),
            )
        )
    count = len(lesson.questions)
    discuss = next((t(s.activity) for s in lesson.procedure if s.step == "讨论"), "")
    for number, question in enumerate(lesson.questions, 1):
        slides.append(
            Slide(
                "question",
                f"{ui('questions')} {number} / {count}",
                [t(question)],
                size=QUESTION_PT,
                notes=_notes(
                    (ui("slides_script"), [discuss] if discuss else []), (ui("follow_up"), [t(x) for x in lesson.follow_up])
                ),
            )
        )
    sources = []
    for s in lesson.sources:
        line = (
            "，".join(x for x in (s.title, s.publisher) if x)
            if lang == "zh"
            else ", ".join(x for x in (s.title, s.publisher) if x)
        )
        if s.date:
            line += f"{'，' if lang == 'zh' else ', '}{s.date.show(lang)}"
        sources.append(f"{line}\n{s.url}" if s.url else line)
    slides.append(Slide("sources", ui("sources"), sources, size=SMALL_PT + 4, notes=ui("slides_sources_note")))
    url = record_url(base, site.out_dir, lesson, lang, site.directory_urls)
    visit = _visit(site, lang, f)
    slides.append(
        Slide(
            "closing",
            ui("slides_closing"),
            [ui("qr_online"), short(url), *visit],
            qr=url,
            notes=_notes((ui("follow_up"), [t(x) for x in lesson.follow_up])),
        )
    )
    return Deck(lang, lesson.id, _paginate(slides))


def _notes(*parts: tuple[str, list[str]]) -> str:
    out = []
    for heading, items in parts:
        items = [x for x in items if x]
        if items:
            out.append(heading + "\n" + "\n".join(f"• {x}" for x in items))
    return "\n\n".join(out)


def _pictures(site, lesson: model.Lesson, lang: str, docs_dir: Path, f: Formatter) -> list[tuple[model.Record, Picture]]:
    """Every picture of the linked records, in their order; the steps take them in turn. Records
    without any picture: their kind's icon, so a slide never shows an empty frame."""
    out = []
    for record in (site.by_id[i] for i in lesson.linked_records):
        for image in record.images:
            derived = site.derived.get(image.file)
            if not derived:
                continue
            path = docs_dir / derived.large.url
            caption = f.t(image.caption) or f.t(image.alt)
            if image.illustration:  # marked as on the pages (示意图 / Illustration), the word said once
                caption = f"{f.ui('illustration')} · {after_badge(caption, lang)}"
            credit = " · ".join(x for x in (f.t(image.credit), image.creator or "", f.t(image.licence)) if x)
            out.append((record, Picture(derived.large.url, plain(caption), credit, digest=_digest(path))))
    if not out:
        for record in (site.by_id[i] for i in lesson.linked_records):
            file = f"icons/{record.kind}.png"
            caption = f"{f.ui('one_' + record.kind)} · {plain(f.t(record.title))}"
            out.append((record, Picture(file, caption, f.ui("slides_no_picture"), icon=True, digest=_digest(HERE / file))))
    return out


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _facts(record: model.Record, f: Formatter, t) -> list[str]:
    """The record's key facts in large type: its title, then its sourced figures (the checked numbers),
    or, for a record without figures, its summary."""
    colon = "：" if f.lang == "zh" else ": "
    facts = [t(record.title)]
    figures = [
        f"{t(x.label)}{colon}{f.figure_value(x)}"
        + (f"{'（' if f.lang == 'zh' else ' ('}{x.year}{'）' if f.lang == 'zh' else ')'}" if x.year else "")
        for x in record.figures[:3]
    ]
    return facts + (figures or [t(record.summary)])


def _visit(site, lang: str, f: Formatter) -> list[str]:
    home = site.settings.home
    place = site.by_id.get(home.visit) if home and home.visit else None
    colon = "：" if lang == "zh" else ": "
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
