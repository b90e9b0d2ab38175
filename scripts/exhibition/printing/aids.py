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
from ..pages.site import LessonAid, Schools  # declared by the pages, which show them
from ..paths import Paths
from ..records import model
from ..words import UI  # the interface words of the pages, shared
from . import pack, pdf, slides
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
    ok, why = pdf.available() if pdfs else (False, "PDFs switched off")
    if not downloads:
        ok, why = False, "the kiosk edition offers no downloads"
    schools = Schools(
        base=base,
        placeholder=is_placeholder,
        booking_contact=(booking_contact or "").strip(),
        pdf_missing=None if ok else why,
        downloads=downloads,
    )
    out = docs_dir / site.out_dir
    wanted: dict[Path, bytes] = {}
    documents: dict[Path, str] = {}  # PDFs to make: target -> HTML
    decks: dict[Path, slides.Deck] = {}
    env = _environment()
    cache = Paths(root).print_cache
    codes = Codes(cache / "qr-codes.json")
    lessons = [r for r in site.records if isinstance(r, model.Lesson)]

    for lesson in lessons:
        schools.lessons[lesson.id] = {}
        for lang in model.LANGS:
            url = record_url(base, site.out_dir, lesson, lang, site.directory_urls)
            aid = LessonAid(url=url, qr=codes.svg(url, f"{UI['qr_online'][lang]}：{url}", "ex-qr"))
            schools.lessons[lesson.id][lang] = aid
            if not downloads:
                continue
            folder = site.catalogue.folder("record", lesson)
            # The slides need no system library: made even where WeasyPrint cannot run.
            aid.slides = f"{folder}/{lesson.id}-slides-{lang}.pptx"
            decks[docs_dir / aid.slides] = slides.describe(site, lesson, lang, base, docs_dir)
            if not ok:
                continue
            ctx = _context(site, lesson, lang, base, is_placeholder, aid, UI, codes)
            for name, template, large in (
                ("handout", "handout.html.j2", False),
                ("worksheet", "worksheet.html.j2", False),
                ("worksheet_large", "worksheet.html.j2", True),
            ):
                relative = f"{folder}/{lesson.id}-{name.replace('_', '-')}-{lang}.pdf"
                documents[docs_dir / relative] = env.get_template(template).render({**ctx, "large": large})
                setattr(aid, name, relative)

    def draw_slides() -> None:
        for target, deck in decks.items():
            wanted[target] = slides.make(deck, cache, docs_dir)

    if documents:
        # The decks are drawn in this process while the PDF workers render.
        wanted.update(zip(documents, pdf.render_many(list(documents.values()), cache, meanwhile=draw_slides)))
    else:
        draw_slides()
    if ok:
        for lesson in lessons:
            for lang in model.LANGS:
                aid = schools.lessons[lesson.id][lang]
                aid.pack = f"{site.catalogue.folder('record', lesson)}/{lesson.id}-pack-{lang}.zip"
                data = _pack(lesson, lang, aid, wanted, docs_dir, cache)
                wanted[docs_dir / aid.pack] = data
                aid.pack_bytes = len(data)

    codes.save()
    written = _write(wanted, out)
    if not ok:
        log.info(f"exhibition: no PDF handouts: {why}")
    log.info(
        f"exhibition: print aids {written['written']} written, {written['unchanged']} unchanged, {written['removed']} removed"
    )
    return schools


# What a lesson pack holds, in this order: (LessonAid field, words.yml key describing the file).
PACK = (
    ("slides", "pack_file_slides"),
    ("handout", "pack_file_handout"),
    ("worksheet", "pack_file_worksheet"),
    ("worksheet_large", "pack_file_worksheet_large"),
)


def _pack(lesson: model.Lesson, lang: str, aid: LessonAid, made: dict[Path, bytes], docs_dir: Path, cache: Path) -> bytes:
    members = [(Path(getattr(aid, name)).name, made[docs_dir / getattr(aid, name)]) for name, _ in PACK]
    files = [(Path(getattr(aid, name)).name, key) for name, key in PACK] + [(pack.README, "pack_file_readme")]
    members.append((pack.README, pack.readme(lesson, lang, files, aid.url)))
    return pack.make(members, cache)


def _context(site, lesson: model.Lesson, lang: str, base: str, placeholder: bool, aid: LessonAid, UI, codes: Codes) -> dict:
    def ui(key: str) -> str:
        return UI[key][lang]

    def t(text) -> str:
        return text.get(lang) if text else ""

    linked = [site.by_id[i] for i in lesson.linked_records]
    first = linked[0]
    first_url = record_url(base, site.out_dir, first, lang, site.directory_urls)
    return dict(
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
        qr=Markup(codes.img(aid.url, f"{ui('qr_online')}：{aid.url}")),
        pupil_link=dict(record=first, url=first_url, qr=Markup(codes.img(first_url, f"{ui('qr_read_more')}：{first_url}"))),
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
    zones = {z.id: (z, i) for i, z in enumerate(site.settings.hall.zones)} if site.settings.hall else {}
    items = []
    for record in site.records:
        if isinstance(record, model.Lesson):
            continue  # lessons are for schools, not on the hall floor
        zone = zones.get(record.hall.zone)[0] if record.hall and record.hall.zone in zones else None
        url = record_url(base, site.out_dir, record, "zh", site.directory_urls)
        items.append(
            dict(
                record=record,
                url=url,
                qr=Markup((codes.img if for_pdf else codes.svg)(url, f"二维码 / QR code：{url}")),
                zone_zh=zone.name.zh if zone else "—",
                zone_en=(zone.name.en if zone and zone.name.en else ""),
                audio=bool(record.audio),
                order=(zones[record.hall.zone][1] if zone else len(zones), record.title.zh),
            )
        )
    items.sort(key=lambda item: item["order"])
    # One label per stop of the guided tour, first: placed at each zone's entrance, it opens
    # that stop on a visitor's phone.
    route = site.route
    stops = []
    for number, zone in enumerate(route, 1):
        url = base + urls.page(site.tour_path(zone), "zh", site.directory_urls)
        stops.append(
            dict(
                record=None,
                title_zh=f"展线导览 第{number}站：{zone.name.zh}",
                title_en=f"Guided tour, stop {number}: {zone.name.en or ''}",
                url=url,
                qr=Markup((codes.img if for_pdf else codes.svg)(url, f"二维码 / QR code：{url}")),
                zone_zh=zone.name.zh,
                zone_en=zone.name.en or "",
                audio=bool(zone.audio),
                id=f"tour-{zone.id}",
            )
        )
    for item in items:
        item.update(title_zh=item["record"].title.zh, title_en=item["record"].title.en or "", id=item["record"].id)
    items = stops + items
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


def _write(wanted: dict[Path, bytes], out: Path) -> dict[str, int]:
    stats = {"written": 0, "unchanged": 0, "removed": 0}
    for path, data in wanted.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.read_bytes() == data:
            stats["unchanged"] += 1
            continue
        path.write_bytes(data)
        stats["written"] += 1
    # Handouts of removed lessons, and label sheets left by builds before `make labels` made them.
    folder = out / model.Lesson.FOLDER
    candidates = [p for suffix in ("pdf", "pptx", "zip") for p in folder.glob(f"*/*.{suffix}")] if folder.exists() else []
    candidates += [out / f"{LABELS}.{suffix}" for suffix in ("html", "css", "pdf")]
    for path in candidates:
        if path.exists() and path not in wanted:
            path.unlink()
            stats["removed"] += 1
            if path.parent != out and not any(path.parent.iterdir()):
                path.parent.rmdir()
    return stats
