"""Step 2b of the flow: printed aids from the records, before the pages are written.

- every lesson: its public address and a QR code for the printed page, a PDF
  handout (the lesson plan), a PDF pupil worksheet and its large-print version,
  the classroom slides (slides.py) and the lesson pack (pack.py), in zh and en
  (the kiosk edition: none of them, it offers no downloads);
- every exhibit: a label (zh + en title, zone, short address, QR code) on an A4
  sheet, as HTML to print from a browser and as PDF, made by `make labels` into
  build/labels/, not by every site build: the hall prints labels rarely, and one
  label costs ~10 ms of QR code (segno scores all eight masks) plus ~60 ms of PDF
  layout, a minute per build at 1,000 exhibits. They are not web pages either.

Lesson files go under docs/<pages_dir>/ (git-ignored) and are written only when
their bytes change; rendered PDFs are cached in build/print/ by content.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Optional

import markdown as markdown_lib
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .. import urls
from ..pages.format import PUNCTUATION
from ..pages.site import LessonAid, Schools  # declared by the pages, which show them
from ..paths import Paths
from ..records import model
from ..words import UI  # the interface words of the pages, shared
from . import cite, outline, pack, pdf, slides
from .qr import Codes, base_url, record_url, short

log = logging.getLogger("mkdocs.plugins.exhibition")
HERE = Path(__file__).parent
LABELS_PER_PAGE = 8
LABELS = "hall-labels"  # build/labels/hall-labels.html, .css and .pdf
WRITING_LINES = {"小学低年级": 3, "小学中高年级": 4, "初中": 5, "高中": 5}


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        undefined=StrictUndefined,
        autoescape=select_autoescape(["html", "j2"]),
        keep_trailing_newline=True,
    )
    return env


def _md(text: str) -> Markup:
    # Record text is Markdown without raw HTML (validate.py refuses HTML), so its HTML is safe.
    return Markup(markdown_lib.markdown(text))


def _md_inline(text: str) -> Markup:
    html = markdown_lib.markdown(text)
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def prepare(
    site,
    *,
    root: Path,
    docs_dir: Path,
    site_url: str = "",
    booking_contact: str = "",
    placeholder: Optional[str] = None,
    pdfs: bool = True,
    downloads: bool = True,
) -> Schools:
    """downloads=False (the kiosk): no PDFs, slides or packs at all, and the pages offer none."""
    base, is_placeholder = base_url(site_url, *([placeholder] if placeholder else []))
    ok, why = _can_print(pdfs, downloads)
    schools = Schools(
        base=base,
        placeholder=is_placeholder,
        booking_contact=(booking_contact or "").strip(),
        pdf_missing=None if ok else why,
        downloads=downloads,
    )
    files = _LessonFiles(site, schools, docs_dir, Paths(root).print_cache)
    lessons = [r for r in site.records if isinstance(r, model.Lesson)]
    for lesson in lessons:
        files.plan(lesson)
    files.make()
    if ok:
        files.pack(lessons)
    files.codes.save()
    written = _write(files.wanted, docs_dir / site.out_dir)
    if not ok:
        log.info(f"exhibition: no PDF handouts: {why}")
    log.info(
        f"exhibition: print aids {written['written']} written, {written['unchanged']} unchanged, {written['removed']} removed"
    )
    return schools


def _can_print(pdfs: bool, downloads: bool) -> tuple[bool, str]:
    """(True, WeasyPrint's version) when this build makes the PDFs and packs, else (False, why not)."""
    if not downloads:
        return False, "the kiosk edition offers no downloads"
    return pdf.available() if pdfs else (False, "PDFs switched off")


# A lesson's PDFs: (LessonAid field, template, large print).
DOCUMENTS = (
    ("handout", "handout.html.j2", False),
    ("worksheet", "worksheet.html.j2", False),
    ("worksheet_large", "worksheet.html.j2", True),
)


class _LessonFiles:
    """Every lesson's aids (Schools.lessons) and the bytes of the files they name, in three steps:
    plan (addresses, QR codes, the decks described, the PDFs' HTML), make (the PDFs rendered in worker
    processes while the decks are drawn here), pack (one ZIP per lesson and language)."""

    def __init__(self, site, schools: Schools, docs_dir: Path, cache: Path):
        self.site, self.schools, self.docs_dir, self.cache = site, schools, docs_dir, cache
        self.pdfs = schools.pdf_missing is None
        self.codes = Codes(cache / "qr-codes.json")
        self.env = _environment()
        self.wanted: dict[Path, bytes] = {}
        self.documents: dict[Path, str] = {}  # PDFs to make: target -> HTML
        self.decks: dict[Path, outline.Deck] = {}

    def plan(self, lesson: model.Lesson) -> None:
        site, schools = self.site, self.schools
        schools.lessons[lesson.id] = {}
        for lang in model.LANGS:
            url = record_url(schools.base, site.out_dir, lesson, lang, site.directory_urls)
            aid = LessonAid(url=url, qr=self.codes.svg(url, _qr_label("qr_online", lang, url), "ex-qr"))
            schools.lessons[lesson.id][lang] = aid
            if schools.downloads:
                self._plan_downloads(lesson, lang, aid)

    def _plan_downloads(self, lesson: model.Lesson, lang: str, aid: LessonAid) -> None:
        site, docs_dir = self.site, self.docs_dir
        folder = site.catalogue.folder("record", lesson)
        # The slides need no system library: made even where WeasyPrint cannot run.
        aid.slides = f"{folder}/{lesson.id}-slides-{lang}.pptx"
        self.decks[docs_dir / aid.slides] = outline.describe(site, lesson, lang, self.schools.base, docs_dir)
        if not self.pdfs:
            return
        ctx = _context(site, lesson, lang, self.schools.base, self.schools.placeholder, aid, UI, self.codes)
        for name, template, large in DOCUMENTS:
            relative = f"{folder}/{lesson.id}-{name.replace('_', '-')}-{lang}.pdf"
            self.documents[docs_dir / relative] = self.env.get_template(template).render({**ctx, "large": large})
            setattr(aid, name, relative)

    def make(self) -> None:
        if self.documents:
            # The decks are drawn in this process while the PDF workers render.
            rendered = pdf.render_many(list(self.documents.values()), self.cache, meanwhile=self._draw)
            self.wanted.update(zip(self.documents, rendered))
        else:
            self._draw()

    def _draw(self) -> None:
        for target, deck in self.decks.items():
            self.wanted[target] = slides.make(deck, self.cache, self.docs_dir)

    def pack(self, lessons: list[model.Lesson]) -> None:
        site, docs_dir = self.site, self.docs_dir
        for lesson in lessons:
            for lang in model.LANGS:
                aid = self.schools.lessons[lesson.id][lang]
                aid.pack = f"{site.catalogue.folder('record', lesson)}/{lesson.id}-pack-{lang}.zip"
                data = _pack(lesson, lang, aid, self.wanted, docs_dir, self.cache, site.settings.publishers)
                self.wanted[docs_dir / aid.pack] = data
                aid.pack_bytes = len(data)


# What a lesson pack holds, in this order: (LessonAid field, words.yml key describing the file).
PACK = (
    ("slides", "pack_file_slides"),
    ("handout", "pack_file_handout"),
    ("worksheet", "pack_file_worksheet"),
    ("worksheet_large", "pack_file_worksheet_large"),
)


def _pack(
    lesson: model.Lesson,
    lang: str,
    aid: LessonAid,
    made: dict[Path, bytes],
    docs_dir: Path,
    cache: Path,
    publishers: dict[str, str],
) -> bytes:
    members = [(Path(getattr(aid, name)).name, made[docs_dir / getattr(aid, name)]) for name, _ in PACK]
    files = [(Path(getattr(aid, name)).name, key) for name, key in PACK] + [(pack.README, "pack_file_readme")]
    members.append((pack.README, pack.readme(lesson, lang, files, aid.url, publishers)))
    return pack.make(members, cache)


def _qr_label(key: str, lang: str, url: str) -> str:
    """A QR code's text alternative: "扫码查看在线页面：https://…" / "Scan to open the online page: https://…"."""
    return f"{UI[key][lang]}{PUNCTUATION[lang]['colon']}{url}"


def _context(site, lesson: model.Lesson, lang: str, base: str, placeholder: bool, aid: LessonAid, UI, codes: Codes) -> dict:
    def ui(key: str) -> str:
        return UI[key][lang]

    def t(text) -> str:
        return text.get(lang) if text else ""

    linked = [site.by_id[i] for i in lesson.linked_records]
    first = linked[0]
    first_url = record_url(base, site.out_dir, first, lang, site.directory_urls)
    return dict(  # PUNCTUATION: English prints use English marks, "Name: ", never "Name："
        **PUNCTUATION[lang],
        source_line=lambda source: cite.line(source, lang, site.settings.publishers),
        lesson=lesson,
        lang=lang,
        ui=ui,
        t=t,
        md=lambda text: _md(t(text)),
        md_inline=lambda text: _md_inline(t(text)),
        short=short,
        aid=aid,
        placeholder=placeholder,
        font_stack=Markup(pdf.FONT_STACK),
        site_name=UI["hall_name"][lang],
        duration=duration(lesson, ui),
        minutes=lambda n: ui("minutes_value").format(n=n),
        linked=[(r, record_url(base, site.out_dir, r, lang, site.directory_urls)) for r in linked],
        qr=Markup(codes.img(aid.url, _qr_label("qr_online", lang, aid.url))),
        pupil_link=dict(record=first, url=first_url, qr=Markup(codes.img(first_url, _qr_label("qr_read_more", lang, first_url)))),
        lines=WRITING_LINES[lesson.grade_band],
    )


def write_labels(site, *, root: Path, out_dir: Path, site_url: str = "") -> list[Path]:
    """The hall's label sheet (`exhibition labels`): HTML with its CSS beside it, to print from a
    browser, and the same sheet as PDF where WeasyPrint can run. Returns the files written."""
    base, is_placeholder = base_url(site_url)
    env = _environment()
    codes = Codes(Paths(root).print_cache / "qr-labels.json")  # apart from the site build's lesson codes
    out_dir.mkdir(parents=True, exist_ok=True)
    files = {
        out_dir / f"{LABELS}.html": _labels(site, env, base, is_placeholder, codes).encode("utf-8"),
        # The CSS is a file beside the sheet, as the PDF's is inline: one stylesheet for both.
        out_dir / f"{LABELS}.css": env.get_template("labels.css.j2").render(font_stack=Markup(pdf.FONT_STACK)).encode("utf-8"),
    }
    if pdf.available()[0]:
        files[out_dir / f"{LABELS}.pdf"] = pdf.render(
            _labels(site, env, base, is_placeholder, codes, for_pdf=True), Paths(root).print_cache
        )
    else:
        (out_dir / f"{LABELS}.pdf").unlink(missing_ok=True)
    codes.save()
    for path, data in files.items():
        path.write_bytes(data)
    return list(files)


def duration(lesson: model.Lesson, ui) -> str:
    return ui("duration_value").format(periods=lesson.periods, minutes=lesson.period_minutes, total=lesson.total_minutes)


def _labels(site, env: Environment, base: str, placeholder: bool, codes: Codes, for_pdf: bool = False) -> str:
    items = _LabelItems(site, base, codes, for_pdf).items()
    pages = [items[i : i + LABELS_PER_PAGE] for i in range(0, len(items), LABELS_PER_PAGE)]
    return env.get_template("labels.html.j2").render(
        pages=pages,
        base=base,
        placeholder=placeholder,
        short=short,
        font_stack=Markup(pdf.FONT_STACK),
        inline_css=for_pdf,
        css_href=f"{LABELS}.css",
        site_name=UI["hall_name"]["zh"],
    )


class _LabelItems:
    """What each label of the sheet shows, in print order: one per stop of the guided tour first (placed
    at each zone's entrance, it opens that stop on a visitor's phone), then the exhibits by zone and title.
    The PDF's QR codes are PNG (faster to lay out), the HTML's SVG."""

    def __init__(self, site, base: str, codes: Codes, for_pdf: bool):
        self.site, self.base = site, base
        self.code = codes.img if for_pdf else codes.svg
        hall = site.settings.hall
        self.zones = {z.id: (z, i) for i, z in enumerate(hall.zones)} if hall else {}

    def items(self) -> list[dict]:
        # Lessons are for schools, not on the hall floor.
        exhibits = [self.exhibit(record) for record in self.site.records if not isinstance(record, model.Lesson)]
        exhibits.sort(key=lambda item: item["order"])
        return self.stops() + exhibits

    def qr(self, url: str) -> Markup:
        return Markup(self.code(url, f"二维码 / QR code：{url}"))

    def zone(self, record: model.Record) -> tuple:
        """(the record's zone, its place in the hall's order); (None, after the last) for a record in no zone."""
        found = self.zones.get(record.hall.zone) if record.hall else None
        return found or (None, len(self.zones))

    def exhibit(self, record: model.Record) -> dict:
        site = self.site
        zone, order = self.zone(record)
        url = record_url(self.base, site.out_dir, record, "zh", site.directory_urls)
        return dict(
            record=record,
            url=url,
            qr=self.qr(url),
            zone_zh=zone.name.zh if zone else "—",
            zone_en=(zone.name.en if zone and zone.name.en else ""),
            audio=bool(record.audio),
            order=(order, record.title.zh),
            title_zh=record.title.zh,
            title_en=record.title.en or "",
            id=record.id,
        )

    def stops(self) -> list[dict]:
        site, out = self.site, []
        for number, zone in enumerate(site.route, 1):
            url = self.base + urls.page(site.tour_path(zone), "zh", site.directory_urls)
            out.append(
                dict(
                    record=None,
                    title_zh=f"展线导览 第{number}站：{zone.name.zh}",
                    title_en=f"Guided tour, stop {number}: {zone.name.en or ''}",
                    url=url,
                    qr=self.qr(url),
                    zone_zh=zone.name.zh,
                    zone_en=zone.name.en or "",
                    audio=bool(zone.audio),
                    id=f"tour-{zone.id}",
                )
            )
        return out


def _write(wanted: dict[Path, bytes], out: Path) -> dict[str, int]:
    stats = {"written": 0, "unchanged": 0, "removed": 0}
    for path, data in wanted.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.read_bytes() == data:
            stats["unchanged"] += 1
            continue
        path.write_bytes(data)
        stats["written"] += 1
    for path in _stale(wanted, out):
        path.unlink()
        stats["removed"] += 1
        if path.parent != out and not any(path.parent.iterdir()):
            path.parent.rmdir()
    return stats


def _stale(wanted: dict[Path, bytes], out: Path) -> list[Path]:
    """Handouts of removed lessons, and label sheets left by builds before `make labels` made them."""
    folder = out / model.Lesson.FOLDER
    candidates = [p for suffix in ("pdf", "pptx", "zip") for p in folder.glob(f"*/*.{suffix}")] if folder.exists() else []
    candidates += [out / f"{LABELS}.{suffix}" for suffix in ("html", "css", "pdf")]
    return [path for path in candidates if path.exists() and path not in wanted]
