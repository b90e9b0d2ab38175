"""Classroom slides (课件): one editable PPTX per lesson and language, made with python-pptx.

A deck is first described as plain data (`Deck`: every slide's texts, picture and notes), then drawn.
The description is what the cache is keyed by (build/print/<key>.pptx, like the PDFs): a warm build
describes each deck (milliseconds), finds it in the cache and draws nothing.

The slides, in order (tests/test_slides.py counts them from the lesson):
  title · objectives (knowledge, ability, values: one slide each) · one slide per procedure step ·
  one slide per question · sources · closing (QR code of the lesson page, the hall's visit information).
A slide whose text does not fit at the classroom sizes below goes on over a second slide
marked "(续)" / "(cont.)": the type is never made smaller to fit.

Readable from the back of a classroom: titles 40 pt, body 28 pt; only picture credits and the list of
sources (read up close, not projected for the class) are smaller. Pictures are the linked records'
1600 px derivatives, re-encoded as JPEG (PowerPoint and WPS do not read WebP), fitted whole into
their box; a lesson whose records have no picture shows the record's kind's icon (icons/<kind>.png,
drawn by scripts/tools/kind_icons.py). Fonts: "Microsoft YaHei" in the theme and in every run's East
Asian font (a:ea), with the GB2312 character set and a sans-serif family, so PowerPoint and WPS fall
back to SimHei and LibreOffice to Noto Sans CJK SC where YaHei is missing.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Optional

from PIL import Image

from ..pages.format import Formatter, after_badge
from ..pages.language_parts import HAN
from ..records import model
from ..words import UI
from .qr import _code, _png, record_url, short

HERE = Path(__file__).parent
RECIPE = "slides-v1"  # bump when the drawing changes, so cached decks are made again
WIDTH_IN, HEIGHT_IN = 13.333, 7.5  # 16:9
MARGIN_IN = 0.6
TITLE_PT, BODY_PT, QUESTION_PT, SMALL_PT = 40, 28, 36, 16
LINE = 1.25  # line height, in font sizes
FONT = "Microsoft YaHei"
# What a school PC without YaHei should use instead: named in the theme's font scheme, and told to
# PowerPoint / WPS by the character set (GB2312) and family (sans-serif) of every run's East Asian font.
FALLBACKS = ("SimHei", "Noto Sans CJK SC")
PICTURE_PX = 1600  # the longest side of a picture sent to the projector
ACCENT = (0x8C, 0x1C, 0x13)
_HAN = re.compile(f"[{HAN}]")
_HAN_RUN = re.compile(rf"[{HAN}\u3000-\u303f\uff00-\uffef“”‘’·]*[{HAN}][{HAN}\u3000-\u303f\uff00-\uffef“”‘’·]*")
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

    def key(self) -> str:
        import pptx

        spec = json.dumps([RECIPE, pptx.__version__, asdict(self)], ensure_ascii=False, sort_keys=True)
        return hashlib.sha256(spec.encode()).hexdigest()[:24]


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


def _body_box(slide: Slide) -> tuple[float, float, float, float]:
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
        left, top, width, height = _body_box(slide)
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


# --- drawing -------------------------------------------------------------------------------


def render(deck: Deck, docs_dir: Path) -> bytes:
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(WIDTH_IN), Inches(HEIGHT_IN)
    _theme_fonts(prs)
    blank = prs.slide_layouts[6]
    cont = UI["slides_continued"][deck.lang]
    for spec in deck.slides:
        slide = prs.slides.add_slide(blank)
        title = spec.title + (f" {cont}" if spec.continued else "")
        if spec.role == "title":
            _title_slide(slide, spec, deck.lang)
        else:
            _text(slide, "Title", title, (MARGIN_IN, 0.45, WIDTH_IN - 2 * MARGIN_IN, 1.15), TITLE_PT, deck.lang, bold=True)
            _rule(slide, 1.55)
            left, top, width, height = _body_box(spec)
            if spec.body:
                _text(
                    slide,
                    "Body" if spec.role != "sources" else "Sources",
                    spec.body,
                    (left, top, width, height),
                    spec.size,
                    deck.lang,
                )
            if spec.picture:
                _picture(slide, spec.picture, (MARGIN_IN, top, 6.3, HEIGHT_IN - top - 0.5), deck.lang, docs_dir)
            if spec.qr:
                _qr(slide, spec.qr, (MARGIN_IN + 0.2, top + 0.1, 4.4, 4.4))
        if spec.notes:
            _run_texts(slide.notes_slide.notes_text_frame, spec.notes.split("\n"), 14, deck.lang)
    prs.core_properties.title = deck.slides[0].title
    prs.core_properties.author = UI["hall_name"][deck.lang]
    prs.core_properties.language = "zh-CN" if deck.lang == "zh" else "en-GB"
    # Fixed dates, so the same deck gives the same bytes (python-pptx would write the time of the build).
    import datetime

    prs.core_properties.created = prs.core_properties.modified = datetime.datetime(2026, 1, 1)
    prs.core_properties.revision = 1
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _title_slide(slide, spec: Slide, lang: str) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches

    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(WIDTH_IN), Inches(0.35))
    band.fill.solid()
    band.fill.fore_color.rgb = RGBColor(*ACCENT)
    band.line.fill.background()
    band.name = "Band"
    width = WIDTH_IN - 2 * MARGIN_IN
    sub_h = text_height([spec.subtitle], BODY_PT, width) + 0.1
    _text(slide, "Subtitle", spec.subtitle, (MARGIN_IN, 0.7, width, sub_h), BODY_PT, lang, colour=ACCENT)
    top = 0.7 + sub_h + 0.2
    size = TITLE_PT + 4
    height = text_height([spec.title], size, width) + 0.1
    _text(slide, "Title", spec.title, (MARGIN_IN, top, width, height), size, lang, bold=True)
    _rule(slide, top + height + 0.15)
    _text(
        slide,
        "Body",
        spec.body,
        (MARGIN_IN, top + height + 0.45, width, text_height(spec.body, BODY_PT, width) + 0.1),
        BODY_PT,
        lang,
    )


def _rule(slide, top_in: float) -> None:
    from pptx.dml.color import RGBColor
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.util import Inches

    line = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, Inches(MARGIN_IN), Inches(top_in), Inches(WIDTH_IN - 2 * MARGIN_IN), Inches(0.05)
    )
    line.fill.solid()
    line.fill.fore_color.rgb = RGBColor(*ACCENT)
    line.line.fill.background()
    line.name = "Rule"


def _text(slide, name: str, text, box, size: int, lang: str, bold: bool = False, colour=None):
    from pptx.enum.text import MSO_AUTO_SIZE
    from pptx.util import Inches

    left, top, width, height = box
    shape = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    shape.name = name
    frame = shape.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = Inches(0.05)
    _run_texts(frame, [text] if isinstance(text, str) else text, size, lang, bold=bold, colour=colour)
    return shape


def _run_texts(frame, paragraphs: list[str], size: int, lang: str, bold: bool = False, colour=None) -> None:
    from pptx.util import Pt

    for index, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.line_spacing = LINE * 0.85  # PowerPoint's "single" is already about 1.2 font sizes
        paragraph.space_after = Pt(size * 0.4)
        for line_number, line in enumerate(text.split("\n")):
            if line_number:
                paragraph.add_line_break()
            for part, is_han in _parts(line, lang):
                run = paragraph.add_run()
                run.text = part
                _font(run, size, "zh-CN" if is_han else "en-GB", bold, colour)


def _parts(text: str, lang: str) -> list[tuple[str, bool]]:
    """The Chinese stretches of an English text apart from the rest, each to carry its own language
    (names and terms marked, as the pages mark them with lang="zh"); a Chinese text is one part."""
    if lang == "zh":
        return [(text, True)]
    out, position = [], 0
    for match in _HAN_RUN.finditer(text):
        if match.start() > position:
            out.append((text[position : match.start()], False))
        out.append((match.group(0), True))
        position = match.end()
    if position < len(text) or not out:
        out.append((text[position:], False))
    return out


def _font(run, size: int, language: str, bold: bool, colour) -> None:
    from pptx.dml.color import RGBColor
    from pptx.oxml.ns import qn
    from pptx.util import Pt

    font = run.font
    font.size = Pt(size)
    font.bold = bold
    font.name = FONT  # a:latin
    font.color.rgb = RGBColor(*(colour or (0x11, 0x11, 0x11)))
    rpr = run._r.get_or_add_rPr()
    rpr.set("lang", language)
    rpr.set("altLang", "en-US")
    for tag in ("a:ea", "a:cs"):
        element = rpr.find(qn(tag))
        if element is None:
            element = rpr.makeelement(qn(tag), {})
            latin = rpr.find(qn("a:latin"))
            latin.addnext(element) if tag == "a:ea" else rpr.find(qn("a:ea")).addnext(element)
        element.set("typeface", FONT)
        element.set("pitchFamily", "34")  # sans-serif, variable pitch
        element.set("charset", "-122")  # GB2312: a fallback with Chinese glyphs


def _theme_fonts(prs) -> None:
    """The theme's fonts (what a new text box in PowerPoint or WPS uses): YaHei for Latin and East
    Asian text in titles and body, Simplified Chinese script mapped to it, fallbacks named."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    ns = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    scheme = root.find(".//a:fontScheme", ns)
    scheme.set("name", " / ".join((FONT, *FALLBACKS)))
    for kind in ("majorFont", "minorFont"):
        group = scheme.find(f"a:{kind}", ns)
        group.find("a:latin", ns).set("typeface", FONT)
        group.find("a:ea", ns).set("typeface", FONT)
        for font in group.findall("a:font", ns):
            if font.get("script") in ("Hans", "Hant"):
                group.remove(font)
        for script in ("Hans", "Hant"):
            etree.SubElement(group, f"{{{ns['a']}}}font", script=script, typeface=FONT)
    theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _picture(slide, picture: Picture, box, lang: str, docs_dir: Path) -> None:
    """The picture whole in its box (never stretched or cropped), centred, caption and credit below."""
    from pptx.util import Inches

    left, top, width, height = box
    caption_h = 0.95
    data, (w, h) = _jpeg((HERE if picture.icon else docs_dir) / picture.file, picture.icon, picture.digest)
    room_w, room_h = width, height - caption_h
    scale = min(room_w / w, room_h / h)
    pic_w, pic_h = w * scale, h * scale
    x = left + (room_w - pic_w) / 2
    y = top + (room_h - pic_h) / 2
    shape = slide.shapes.add_picture(io.BytesIO(data), Inches(x), Inches(y), Inches(pic_w), Inches(pic_h))
    shape.name = "Picture"
    shape._element.nvPicPr.cNvPr.set("descr", picture.caption)  # alt text
    lines = [picture.caption] + ([picture.credit] if picture.credit else [])
    _text(slide, "Caption", lines, (left, top + room_h + 0.05, width, caption_h), SMALL_PT, lang, colour=(0x44, 0x44, 0x44))


@functools.lru_cache(maxsize=64)
def _jpeg(path: Path, icon: bool, digest: str) -> tuple[bytes, tuple[int, int]]:
    """The picture as PowerPoint and WPS read it: JPEG (the derivatives are WebP), at most 1600 px; icons
    stay PNG. Kept per process by content (digest): the steps of both languages' decks share pictures."""
    if icon:
        data = path.read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            return data, image.size
    with Image.open(path) as image:
        image = image.convert("RGB")
        image.thumbnail((PICTURE_PX, PICTURE_PX))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=85, optimize=True)
        return out.getvalue(), image.size


def _qr(slide, url: str, box) -> None:
    from pptx.util import Inches

    left, top, width, height = box
    shape = slide.shapes.add_picture(io.BytesIO(_png(_code(url))), Inches(left), Inches(top), Inches(width), Inches(height))
    shape.name = "QR"
    shape._element.nvPicPr.cNvPr.set("descr", url)


# --- cached -------------------------------------------------------------------------------


def make(deck: Deck, cache_dir: Path, docs_dir: Path) -> bytes:
    """The deck's PPTX: from the cache when the same deck was drawn before, else drawn and kept."""
    path = cache_dir / f"{deck.key()}.pptx"
    if path.exists():
        return path.read_bytes()
    data = render(deck, docs_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(path)
    return data
