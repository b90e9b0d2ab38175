"""Classroom slides (课件), step two: one editable PPTX per lesson and language, drawn with python-pptx
from the deck outline.py describes, and cached by that description (build/print/<key>.pptx, like the PDFs).

Pictures are the linked records' 1600 px derivatives, re-encoded as JPEG (PowerPoint and WPS do not read
WebP), fitted whole into their box. Fonts: "Microsoft YaHei" in the theme and in every run's East Asian
font (a:ea), with the GB2312 character set and a sans-serif family, so PowerPoint and WPS fall back to
SimHei and LibreOffice to Noto Sans CJK SC where YaHei is missing.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
import re
import zipfile
from dataclasses import asdict
from pathlib import Path

from PIL import Image

from ..pages.language_parts import HAN
from ..words import UI
from .outline import (
    BODY_PT,
    HEIGHT_IN,
    HERE,
    LINE,
    MARGIN_IN,
    SMALL_PT,
    TITLE_PT,
    WIDTH_IN,
    Deck,
    Picture,
    Slide,
    body_box,
    text_height,
)
from .pack import STAMP
from .qr import _code, _png

RECIPE = "slides-v2"  # bump when the drawing changes, so cached decks are made again
FONT = "Microsoft YaHei"
# What a school PC without YaHei should use instead: named in the theme's font scheme, and told to
# PowerPoint / WPS by the character set (GB2312) and family (sans-serif) of every run's East Asian font.
FALLBACKS = ("SimHei", "Noto Sans CJK SC")
PICTURE_PX = 1600  # the longest side of a picture sent to the projector
ACCENT = (0x8C, 0x1C, 0x13)
_HAN_RUN = re.compile(rf"[{HAN}\u3000-\u303f\uff00-\uffef“”‘’·]*[{HAN}][{HAN}\u3000-\u303f\uff00-\uffef“”‘’·]*")


def key(deck: Deck) -> str:
    """The deck's cache key: the drawing's recipe, python-pptx's version and everything the deck says."""
    import pptx

    spec = json.dumps([RECIPE, pptx.__version__, asdict(deck)], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(spec.encode()).hexdigest()[:24]


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
            left, top, width, height = body_box(spec)
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
    return _dated(out.getvalue())


def _dated(pptx: bytes) -> bytes:
    """The PPTX with every zip member dated pack.STAMP: python-pptx stamps them with the time of drawing,
    so the same deck drawn twice differed in its bytes (and builds were not reproducible)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(pptx)) as drawn, zipfile.ZipFile(out, "w") as dated:
        for member in drawn.infolist():
            info = zipfile.ZipInfo(member.filename, STAMP)
            info.compress_type, info.external_attr = member.compress_type, member.external_attr
            dated.writestr(info, drawn.read(member))
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
    path = cache_dir / f"{key(deck)}.pptx"
    if path.exists():
        return path.read_bytes()
    data = render(deck, docs_dir)
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(path)
    return data
