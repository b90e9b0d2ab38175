"""The teacher's kit: classroom slides (课件, PPTX), the lesson pack (ZIP), large-print worksheets,
and where the site offers them (the lesson page, the teachers' page; never the kiosk).

The decks are the shared build's (built_site): python-pptx opens each once per module."""

from __future__ import annotations

import functools
import io
import re
import types
import zipfile
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from conftest import ROOT, VALID_EVENT
from exhibition.printing import outline, slides
from exhibition.printing.qr import PLACEHOLDER_SITE_URL
from exhibition.records import model
from exhibition.records.model import PERIOD_MINUTES
from exhibition.words import UI
from test_lessons import LESSON, decode_qr, lessons

HAN = re.compile(r"[\u3400-\u9fff]")
EMU_PER_IN = 914400
MAX_DECK_BYTES = 15 * 1024 * 1024
LANGS = ("zh", "en")


def folder(site: Path, lesson_id: str) -> Path:
    return site / "exhibits/lessons" / lesson_id


@functools.cache
def _deck(path: Path):
    from pptx import Presentation

    return Presentation(str(path))


@pytest.fixture(scope="module")
def decks(built_site) -> dict[tuple[str, str], object]:
    out = {}
    for data in lessons():
        for lang in LANGS:
            path = folder(built_site, data["id"]) / f"{data['id']}-slides-{lang}.pptx"
            assert path.is_file(), path
            assert path.stat().st_size < MAX_DECK_BYTES, path
            out[data["id"], lang] = _deck(path)
    return out


def shapes(slide, name: str) -> list:
    return [s for s in slide.shapes if s.name == name]


def text_of(slide, name: str) -> str:
    return "\n".join(s.text_frame.text for s in shapes(slide, name))


def plain(text: str) -> str:
    return outline.plain(text)


def runs(slide):
    for shape in slide.shapes:
        if shape.has_text_frame:
            for paragraph in shape.text_frame.paragraphs:
                for run in paragraph.runs:
                    yield shape, paragraph, run


# --- the decks ------------------------------------------------------------------------


def test_slide_count_follows_the_lesson(decks):
    """title + 3 objectives + one per step + one per question + sources + closing; a slide marked
    "(续)" / "(cont.)" carries on the one before (text that would not fit at classroom sizes)."""
    for data in lessons():
        for lang in LANGS:
            deck = decks[data["id"], lang]
            cont = UI["slides_continued"][lang]
            titles = [text_of(s, "Title") for s in deck.slides]
            own = [t for t in titles if not t.endswith(cont)]
            assert len(own) == 1 + 3 + len(data["procedure"]) + len(data["questions"]) + 2, (data["id"], lang, titles)
            assert plain(data["title"][lang]) in titles[0]
            # The questions, one a slide, in order, each whole.
            asked = [text_of(s, "Body") for s, t in zip(deck.slides, titles) if t.startswith(UI["questions"][lang])]
            assert asked == [plain(q[lang]) for q in data["questions"]], (data["id"], lang)
            assert titles[-2].startswith(UI["sources"][lang]) and titles[-1] == UI["slides_closing"][lang]


def test_16_9_with_classroom_type_sizes_and_the_school_pc_fonts(decks):
    """Titles at least 40 pt, body at least 28 pt (questions 36); only picture credits and the sources
    (read up close) are smaller, and at least 16 pt. Every run names Microsoft YaHei as its East
    Asian font (GB2312, sans-serif: SimHei where YaHei is missing), and so does the theme."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.oxml.ns import qn

    least = {"Title": 40, "Body": 28, "Subtitle": 28, "Caption": 16, "Sources": 16}
    for (lesson_id, lang), deck in decks.items():
        assert (deck.slide_width, deck.slide_height) == (int(13.333 * EMU_PER_IN), int(7.5 * EMU_PER_IN))
        theme = deck.slide_master.part.part_related_by(RT.THEME).blob.decode()
        assert theme.count('<a:ea typeface="Microsoft YaHei"/>') == 2, "major and minor fonts"
        assert "SimHei" in theme and "Noto Sans CJK SC" in theme, "the fallbacks are named in the theme"
        for number, slide in enumerate(deck.slides, 1):
            for shape, _, run in runs(slide):
                assert run.font.size.pt >= least[shape.name], (lesson_id, lang, number, shape.name, run.text)
                ea = run._r.rPr.find(qn("a:ea"))
                assert ea.get("typeface") == "Microsoft YaHei" and ea.get("charset") == "-122", (lesson_id, number)


def test_every_slides_text_is_in_its_language(decks):
    """zh: every slide says something in Chinese, every run is marked zh-CN. en: no title has Chinese;
    every Chinese stretch is its own run marked zh-CN (a name or term, as the pages mark lang="zh"), and
    a paragraph mostly in Chinese is either marked as not yet translated or names a Chinese source,
    picture credit or publisher (the sources slide, the picture credits)."""
    pending = f"[{UI['translation_pending_title']['en']}]"
    for (lesson_id, lang), deck in decks.items():
        for number, slide in enumerate(deck.slides, 1):
            where = (lesson_id, lang, number)
            if lang == "zh":
                assert HAN.search(" ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)), where
                assert all(r._r.rPr.get("lang") == "zh-CN" for _, _, r in runs(slide)), where
                continue
            assert not HAN.search(text_of(slide, "Title")), where
            for shape, paragraph, run in runs(slide):
                if HAN.search(run.text):
                    assert run._r.rPr.get("lang") == "zh-CN", (where, run.text)
                    assert not re.search(r"[A-Za-z]{2}", run.text), (where, run.text)  # the Chinese alone
                else:
                    assert run._r.rPr.get("lang") == "en-GB", (where, run.text)
                text = "".join(r.text for r in paragraph.runs)
                han, latin = len(HAN.findall(text)), len(re.findall(r"[A-Za-z]", text))
                if han > latin:
                    assert text.startswith(pending) or shape.name in ("Sources", "Caption"), (where, text)


def test_every_picture_fits_its_box_whole_with_its_aspect_ratio(decks):
    """Not cropped, not stretched (the shape's ratio is the picture's own), inside the slide, beside
    the key facts without covering them; a lesson whose records have no picture shows the kind's icon."""
    pictured = 0
    for (lesson_id, lang), deck in decks.items():
        for number, slide in enumerate(deck.slides, 1):
            for shape in shapes(slide, "Picture") + shapes(slide, "QR"):
                where = (lesson_id, lang, number)
                assert (shape.crop_left, shape.crop_right, shape.crop_top, shape.crop_bottom) == (0, 0, 0, 0), where
                width, height = Image.open(io.BytesIO(shape.image.blob)).size
                assert max(width, height) <= slides.PICTURE_PX, where
                assert abs(shape.width / shape.height - width / height) < 0.01 * width / height, where
                assert shape.left >= 0 and shape.top >= 0, where
                assert shape.left + shape.width <= deck.slide_width and shape.top + shape.height <= deck.slide_height, where
                for other in shapes(slide, "Body") + shapes(slide, "Caption") + shapes(slide, "Title"):
                    apart = (
                        shape.left + shape.width <= other.left
                        or other.left + other.width <= shape.left
                        or shape.top + shape.height <= other.top
                        or other.top + other.height <= shape.top
                    )
                    assert apart, (where, other.name)
                if shape.name == "Picture":
                    pictured += 1
                    assert shape._element.nvPicPr.cNvPr.get("descr"), where  # alt text
    assert pictured >= 2 * sum(len(d["procedure"]) for d in lessons())
    # Kong Fansen's records have no picture: the steps show the kinds' icons, never an empty frame.
    icons = {p.read_bytes() for p in (ROOT / "scripts/exhibition/printing/icons").glob("*.png")}
    kong = decks["kong-fansen-upper-primary", "zh"]
    step_pictures = [s.image.blob for slide in kong.slides for s in shapes(slide, "Picture")]
    assert step_pictures and set(step_pictures) <= icons


def test_speaker_notes_hold_the_teacher_notes_and_each_steps_script(decks):
    for data in lessons():
        for lang in LANGS:
            deck = decks[data["id"], lang]
            first = deck.slides[0].notes_slide.notes_text_frame.text
            for note in data.get("teacher_notes", []):
                assert plain(note[lang]) in first, (data["id"], lang, note[lang][:30])
            steps = [s for s in deck.slides if shapes(s, "Picture")]
            assert len(steps) == len(data["procedure"])
            for slide, step in zip(steps, data["procedure"]):
                assert plain(step["activity"][lang]) in slide.notes_slide.notes_text_frame.text, (data["id"], lang)


def test_the_closing_qr_code_opens_the_lesson_page(decks):
    for data in lessons():
        for lang, prefix in (("zh", ""), ("en", "en/")):
            last = decks[data["id"], lang].slides[-1]
            (code,) = shapes(last, "QR")
            url = f"{PLACEHOLDER_SITE_URL}{prefix}exhibits/lessons/{data['id']}/"
            assert decode_qr(code.image.blob) == url, (data["id"], lang)
            assert url.split("://")[1] in text_of(last, "Body")


# --- without a picture, without a translation (in-process, no build) ---------------------------


def _lesson_site(lesson_yaml: str):
    lesson = model.Lesson.model_validate(yaml.safe_load(lesson_yaml.replace("date: 2026-11-28", 'date: "2026-11-28"')))
    event = model.Event.model_validate(yaml.safe_load(VALID_EVENT.replace("date: 2026-11-28", 'date: "2026-11-28"')))
    site = types.SimpleNamespace(
        by_id={"test-event": event},
        derived={},
        out_dir="exhibits",
        directory_urls=True,
        settings=types.SimpleNamespace(home=None, publishers={}),
    )
    return site, lesson


def test_a_missing_translation_is_marked_and_a_record_without_a_picture_gets_its_kinds_icon(tmp_path):
    site, lesson = _lesson_site(LESSON)  # its objectives and steps have no English yet
    deck = outline.describe(site, lesson, "en", "https://example.org/", tmp_path)
    pending = f"[{UI['translation_pending_title']['en']}] "
    knowledge = next(s for s in deck.slides if s.role == "objectives")
    assert knowledge.body == [pending + "知道一件事。"]
    assert deck.slides[0].title == "Test lesson"  # translated: not marked
    step = next(s for s in deck.slides if s.role == "step")
    assert step.picture.icon and step.picture.file == "icons/event.png"
    assert (outline.HERE / step.picture.file).is_file()
    assert deck.slides[-1].qr == "https://example.org/en/exhibits/lessons/test-lesson/"
    data = slides.render(deck, tmp_path)
    assert data[:2] == b"PK"


def test_a_warm_build_reuses_an_unchanged_deck(tmp_path, monkeypatch):
    site, lesson = _lesson_site(LESSON)
    deck = outline.describe(site, lesson, "zh", "https://example.org/", tmp_path)
    first = slides.make(deck, tmp_path / "cache", tmp_path)
    monkeypatch.setattr(slides, "render", lambda *a: pytest.fail("an unchanged deck was drawn again"))
    assert (
        slides.make(outline.describe(site, lesson, "zh", "https://example.org/", tmp_path), tmp_path / "cache", tmp_path) == first
    )
    changed = outline.describe(site, lesson, "zh", "https://example.org/other/", tmp_path)
    assert slides.key(changed) != slides.key(deck)  # a new address (QR code) is a new deck


def test_the_same_deck_drawn_twice_is_the_same_bytes(tmp_path, monkeypatch):
    """Reproducible builds: python-pptx dates every zip member with the time of drawing; ours carry one
    fixed date, so a deck drawn again (a fresh machine, an emptied cache) is byte for byte the one before."""
    import time

    site, lesson = _lesson_site(LESSON)
    deck = outline.describe(site, lesson, "zh", "https://example.org/", tmp_path)
    first = slides.render(deck, tmp_path)
    real = time.localtime
    monkeypatch.setattr(time, "localtime", lambda *a: real(time.time() + 3 * 86400))  # zipfile's clock
    again = slides.render(deck, tmp_path)
    assert first == again
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {m.date_time for m in archive.infolist()} == {(2026, 1, 1, 0, 0, 0)}


# --- the pack and the large print -----------------------------------------------------------


def test_each_pack_holds_exactly_its_files_and_each_pdf_opens(built_site):
    from pypdf import PdfReader

    sizes = {}
    for data in lessons():
        for lang, prefix in (("zh", ""), ("en", "en/")):
            lesson_id = data["id"]
            path = folder(built_site, lesson_id) / f"{lesson_id}-pack-{lang}.zip"
            sizes[path.name] = path.stat().st_size
            with zipfile.ZipFile(path) as archive:
                assert archive.testzip() is None
                names = archive.namelist()
                expected = [
                    f"{lesson_id}-slides-{lang}.pptx",
                    f"{lesson_id}-handout-{lang}.pdf",
                    f"{lesson_id}-worksheet-{lang}.pdf",
                    f"{lesson_id}-worksheet-large-{lang}.pdf",
                    "README.txt",
                ]
                assert names == expected, path
                for name in expected[:-1]:  # the same files the page offers one by one
                    assert archive.read(name) == (folder(built_site, lesson_id) / name).read_bytes(), name
                    if name.endswith(".pdf"):
                        assert len(PdfReader(io.BytesIO(archive.read(name))).pages) >= 1, name
                readme = archive.read("README.txt").decode("utf-8-sig")
            assert "\r\n" in readme
            for name in expected:
                assert name in readme, (path, name)
            assert f"{PLACEHOLDER_SITE_URL}{prefix}exhibits/lessons/{lesson_id}/" in readme
            for source in data["sources"]:
                assert source["title"] in readme
            assert UI["pack_readme_licence"][lang] in readme and plain(data["title"][lang]) in readme
    print("pack sizes (bytes):", sizes)


def _font_sizes(path: Path) -> set[float]:
    """Every text's size on every page, as drawn (the font size times the text matrix's scale)."""
    from pypdf import PdfReader

    sizes = set()

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes.add(round(size * scale, 1))

    for page in PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_large_print_worksheets_use_18_pt_and_more(built_site):
    for data in lessons():
        for lang in LANGS:
            base = folder(built_site, data["id"]) / f"{data['id']}-worksheet"
            large = _font_sizes(Path(f"{base}-large-{lang}.pdf"))
            assert large and min(large) >= 18, (data["id"], lang, sorted(large))
    # The measure can tell: the ordinary worksheet has small print (the address under its QR code).
    assert min(_font_sizes(Path(f"{base}-{lang}.pdf"))) < 18


# --- where the site offers them ---------------------------------------------------------------


def test_the_lesson_page_offers_the_pack_first_then_each_file(built_site):
    for data in lessons():
        for lang, prefix in (("zh", ""), ("en", "en/")):
            page = built_site / prefix / "exhibits/lessons" / data["id"] / "index.html"
            block = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".ex-lesson-print")
            links = [a["href"] for a in block.select("a")]
            suffixes = ["pack", "slides", "handout", "worksheet", "worksheet-large"]
            names = [f"{data['id']}-{s}-{lang}.{'zip' if s == 'pack' else 'pptx' if s == 'slides' else 'pdf'}" for s in suffixes]
            assert [href.rsplit("/", 1)[-1] for href in links] == names
            assert "md-button" in block.select_one("a")["class"]
            assert re.search(r"\d+\.\d MB", block.select_one("a").get_text())
            for href in links:
                assert (page.parent / href).resolve().is_file(), href


def test_the_teachers_page_lists_every_lesson_with_grade_periods_and_its_pack(built_site):
    for lang, prefix in (("zh", ""), ("en", "en/")):
        page = built_site / prefix / "exhibits/teachers/index.html"
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        table = html.select_one(".ex-packs table")
        assert table, "the pack table follows its heading"
        rows = table.select("tbody tr")
        assert len(rows) == len(lessons())
        for data in lessons():
            row = next(r for r in rows if r.select_one(f"a[href$='lessons/{data['id']}/']"))
            cells = [c.get_text().strip() for c in row.select("td")]
            assert UI[data["grade_band"]][lang] in cells[1]
            minutes = PERIOD_MINUTES[data["grade_band"]]
            assert cells[2] == UI["periods_value"][lang].format(n=data.get("periods", 1), minutes=minutes)
            button = row.select_one("a.md-button")
            assert button["href"].endswith(f"lessons/{data['id']}/{data['id']}-pack-{lang}.zip")
            assert (page.parent / button["href"]).resolve().is_file()


def test_the_kiosk_offers_no_downloads(kiosk_site):
    """Nothing to download in the hall's touch screens: no files, no pack buttons, no print block."""
    files = [p for p in kiosk_site.rglob("*") if p.suffix in (".pdf", ".pptx", ".zip")]
    assert not files
    for prefix in ("", "en/"):
        for data in lessons():
            page = kiosk_site / prefix / "exhibits/lessons" / f"{data['id']}.html"  # file:// addresses
            html = page.read_text(encoding="utf-8")
            assert "ex-lesson-print" not in html and ".pptx" not in html and ".zip" not in html, page
            assert "lesson-objectives" in html  # the lesson page itself is there
        teachers = (kiosk_site / prefix / "exhibits/teachers.html").read_text(encoding="utf-8")
        assert 'id="packs"' not in teachers and "ex-pack" not in teachers


def _printed_sources(built_site: Path, decks, lesson_id: str, lang: str) -> dict[str, str]:
    """What each print of a lesson says of its sources: the sources slides, the pack's README, the lesson plan."""
    from pypdf import PdfReader

    deck = decks[lesson_id, lang]
    slides_text = "\n".join(text_of(s, "Sources") for s in deck.slides if text_of(s, "Title").startswith(UI["sources"][lang]))
    with zipfile.ZipFile(folder(built_site, lesson_id) / f"{lesson_id}-pack-{lang}.zip") as archive:
        readme = archive.read("README.txt").decode("utf-8-sig")
    plan = folder(built_site, lesson_id) / f"{lesson_id}-handout-{lang}.pdf"
    return {"slides": slides_text, "readme": readme, "plan": "".join(p.extract_text() for p in PdfReader(plan).pages)}


def test_the_teachers_print_names_publishers_as_the_pages_do(built_site, decks):
    """Slides, README and lesson plan name a source's publisher as every web page does: no host, no reprint
    note ("meta.librarydata.cn（山东文史资料选辑 析出资源）" is 《山东文史资料选辑》); on English prints, its English
    name first (Xinhua News Agency (新华社)); and English prints use English marks after their labels."""
    from exhibition.records.publishers import plain as publisher

    glossary = yaml.safe_load((ROOT / "settings/glossary.yml").read_text(encoding="utf-8"))
    table = {entry["zh"]: entry["en"] for entry in glossary["publishers"]}
    cleaned = english = 0
    for data in lessons():
        for lang in LANGS:
            printed = _printed_sources(built_site, decks, data["id"], lang)
            for raw in data["sources"]:
                source = model.Source.model_validate(raw)
                shown = publisher(source, lang, table)
                for kind, text in printed.items():
                    flat = re.sub(r"\s+", "", re.sub(r"https?://\S+", "", text))  # the addresses keep their hosts
                    if shown:
                        assert re.sub(r"\s+", "", shown) in flat, (data["id"], lang, kind, shown)
                    if shown != source.publisher:  # the curator's note is not what a pupil reads
                        assert re.sub(r"\s+", "", source.publisher) not in flat, (data["id"], lang, kind, source.publisher)
                cleaned += shown != source.publisher
                english += lang == "en" and shown != publisher(source, "zh", table)  # "Xinhua News Agency (新华社)"
            if lang == "en":
                assert "：" not in printed["plan"].split(UI["sources"]["en"])[0].replace(plain(data["title"]["zh"]), "")
    assert cleaned > 10 and english > 3  # the collection's lessons cite hosts and noted publishers, and known ones
