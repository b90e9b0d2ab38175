"""Schools: lesson records and pages, the teachers' page, PDF handouts and worksheets, QR labels."""

from __future__ import annotations

import functools
import re
import shutil
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, VALID_EVENT, axe_violations, open_page, run_cli, serving, write
from exhibition.cli import OK, PROBLEMS
from exhibition.printing.qr import PLACEHOLDER_SITE_URL
from exhibition.records.markers import strip_markers
from exhibition.records.model import KINDS, PERIOD_MINUTES

needs_chromium = pytest.mark.skipif(not shutil.which("chromium"), reason="needs Debian's chromium (.ci/run installs it)")
MAX_PDF_BYTES = 2 * 1024 * 1024
SECTIONS = ["lesson-objectives", "lesson-points", "lesson-procedure", "lesson-questions", "lesson-records"]
HEADINGS = {
    "zh": ["教学目标", "教学重点与难点", "教学过程", "讨论问题", "本课所用展品"],
    "en": ["Objectives", "Key and difficult points", "Lesson plan", "Discussion questions", "Exhibits this lesson uses"],
}


# The collection's records, read once (pure-Python YAML: reading them per label cost 12 s). Tuples:
# no test may change what another reads.
@functools.cache
def lessons() -> tuple[dict, ...]:
    return tuple(yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "exhibits/lessons").glob("*.yml")))


@functools.cache
def exhibits() -> tuple[dict, ...]:
    out = []
    for path in sorted((ROOT / "exhibits").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data["kind"] != "lesson" and data["review"]["status"] == "verified":
            out.append(data)
    return tuple(out)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def squeeze(text: str) -> str:
    """Without spaces, and without the citation markers [@id] a page shows as numbers (issue #24)."""
    return re.sub(r"\s+", "", strip_markers(text))


# --- the records -------------------------------------------------------------


def test_at_least_four_lessons_cover_both_programmes_and_three_grade_bands():
    data = lessons()
    assert len(data) >= 4
    assert {d["programme"] for d in data} == {"英烈故事进课堂", "国旗卫士"}
    assert len({d["grade_band"] for d in data}) >= 3
    for d in data:
        assert d["review"]["status"] == "verified" and d["sources"], d["id"]
        minutes = sum(step["minutes"] for step in d["procedure"])
        assert minutes == d.get("periods", 1) * PERIOD_MINUTES[d["grade_band"]], d["id"]
        for text in (d["title"], d["summary"], d["for_pupils"]):
            assert text["zh"] and text["en"], d["id"]


# --- bad input -------------------------------------------------------------

LESSON = """\
kind: lesson
id: test-lesson
title:
  zh: 测试课例
  en: Test lesson
summary:
  zh: 一节测试课。
  en: A test lesson.
programme: 英烈故事进课堂
grade_band: 小学低年级
periods: 1
objectives:
  knowledge:
    - zh: 知道一件事。
  ability:
    - zh: 能做一件事。
  values:
    - zh: 懂得一个道理。
key_points:
  - zh: 重点。
difficult_points:
  - zh: 难点。
procedure:
  - step: 导入
    minutes: 10
    activity:
      zh: 导入。
  - step: 讲述
    minutes: 30
    activity:
      zh: 讲述。
questions:
  - zh: 问题？
linked_records:
  - test-event
sources:
  - id: yearbook
    title: 2019年聊城年鉴
    publisher: 聊城市退役军人事务局
review:
  status: verified
  date: 2026-11-28
"""


def line_of(text: str, start: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(start))


def check(project, lesson: str) -> tuple[int, str]:
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    write(project, "exhibits/lessons/test-lesson.yml", lesson)
    result = run_cli(project, "check")
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode in (OK, PROBLEMS), output  # never INTERNAL (70): callers assert which one
    return result.returncode, output


def test_a_valid_lesson_passes(project):
    code, output = check(project, LESSON)
    assert code == 0, output
    assert "2 records checked" in output


# (what the curator got wrong, the lesson with that mistake, the line it is on, the message after "file:line: ")
MISTAKES = [
    (
        "minutes that do not add up",
        LESSON.replace("minutes: 30", "minutes: 25"),
        "procedure:",
        r"procedure: the steps add up to 35 minutes, but 1 period of 40 minutes make 40",
    ),
    (
        "unknown grade band",
        LESSON.replace("grade_band: 小学低年级", "grade_band: 五年级"),
        "grade_band:",
        r"grade_band: \"五年级\" is not allowed\. Use .*'小学低年级'.*'高中'",
    ),
    (
        "empty procedure",
        re.sub(r"procedure:\n(  .*\n|    .*\n)+", "procedure: []\n", LESSON),
        "procedure:",
        r"procedure: is empty\. List the steps",
    ),
    (
        "link to a missing record",
        LESSON.replace("  - test-event\n", "  - test-event\n  - nowhere-record\n"),
        "  - nowhere-record",
        r'linked_records\[2\] \(第2个关联展品 / linked record 2\): no published record has the id "nowhere-record"',
    ),
    (
        "unknown step",
        LESSON.replace("step: 导入", "step: 热身"),
        "  - step: 热身",
        r"procedure\[1\]\.step \(第1步 / step 1\): \"热身\" is not allowed\. Use '导入'",
    ),
    (
        "wrong period length",
        LESSON.replace("periods: 1\n", "periods: 1\nminutes_per_period: 45\n"),
        "minutes_per_period:",
        r"minutes_per_period: a 小学低年级 period is 40 minutes, not 45",
    ),
]


@pytest.mark.parametrize("lesson, start, message", [case[1:] for case in MISTAKES], ids=[case[0] for case in MISTAKES])
def test_lesson_mistakes_name_file_line_and_field(project, lesson, start, message):
    assert lesson != LESSON
    code, output = check(project, lesson)
    assert code == 1
    assert re.search(rf"^exhibits/lessons/test-lesson\.yml:{line_of(lesson, start)}: {message}", output, re.M), output


def test_junior_secondary_periods_are_45_minutes(project):
    code, output = check(project, LESSON.replace("grade_band: 小学低年级", "grade_band: 初中"))
    assert code == 1
    assert "procedure: the steps add up to 40 minutes, but 1 period of 45 minutes make 45" in output
    two = (
        LESSON.replace("grade_band: 小学低年级", "grade_band: 初中")
        .replace("periods: 1", "periods: 2")
        .replace("minutes: 30", "minutes: 80")
    )
    assert check(project, two)[0] == 0


# --- pages -------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lesson_pages_have_every_section_in_both_languages(built_site, lang):
    prefix = built_site / ("en" if lang == "en" else "")
    for data in lessons():
        path = prefix / "exhibits/lessons" / data["id"] / "index.html"
        page = soup(path)
        assert page.html["lang"] == lang
        assert page.h1.get_text(strip=True) == data["title"][lang]
        headings = [h.get_text(strip=True) for h in page.find_all("h2")]
        for section, heading in zip(SECTIONS, HEADINGS[lang]):
            assert page.find(id=section), f"{path}: no #{section}"
            assert heading in headings, f"{path}: {heading} not in {headings}"
        text = page.get_text(" ")
        facts = page.select_one("dl.ex-facts").get_text(" ")
        band = data["grade_band"]
        assert band in facts
        total = data.get("periods", 1) * PERIOD_MINUTES[band]
        # The timed plan: one row per step and a total row.
        plan = page.find(id="lesson-procedure").find_next("table")
        rows = plan.find("tbody").find_all("tr")
        assert len(rows) == len(data["procedure"]) + 1
        assert str(total) in rows[-1].get_text()
        for step, row in zip(data["procedure"], rows):
            assert str(step["minutes"]) in row.find_all("td")[1].get_text()
        questions = page.find(id="lesson-questions").find_next("ol").find_all("li")
        assert len(questions) == len(data["questions"])
        # Links to the records the lesson draws on, and to both PDFs in the page's language.
        links = {a["href"] for a in page.find(id="lesson-records").find_next("ul").find_all("a")}
        for target in data["linked_records"]:
            assert any(target in href for href in links), (target, links)
        pdfs = [a["href"] for a in page.find_all("a", href=re.compile(r"\.pdf$"))]
        assert any(h.endswith(f"-handout-{lang}.pdf") for h in pdfs), pdfs
        assert any(h.endswith(f"-worksheet-{lang}.pdf") for h in pdfs), pdfs
        for href in pdfs:
            assert (path.parent / href).resolve().is_file(), href
        # The QR code for the printed page names the page's public address.
        qr = page.select_one(".ex-print-qr svg")
        assert qr is not None and qr["role"] == "img" and data["id"] in qr["aria-label"]
        objectives = page.find(id="lesson-objectives").find_next("ul").get_text(" ")
        first = data["objectives"]["knowledge"][0]
        assert squeeze(first[lang]) in squeeze(objectives), path
        if lang == "en":
            assert squeeze(first["zh"]) not in squeeze(objectives), path
        assert "Traceback" not in text


def test_lessons_index_lists_every_lesson(built_site):
    page = soup(built_site / "exhibits/lessons/index.html")
    assert len(page.select(".ex-cards li")) == len(lessons())
    assert "个课例" in page.get_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_teachers_page_lists_lessons_by_grade_and_programme_with_seasons_and_booking(built_site, lang):
    path = built_site / ("en/" if lang == "en" else "") / "exhibits/teachers/index.html"
    page = soup(path)
    assert page.h1.get_text(strip=True) == ("教师专区" if lang == "zh" else "For teachers")
    for anchor in (
        "by-grade",
        "by-programme",
        "seasons",
        "booking",
        "season-qingming",
        "season-martyrs-day",
        "season-national-day",
    ):
        assert page.find(id=anchor), anchor
    by_grade = page.find(id="by-grade")
    section = []
    for element in by_grade.find_all_next():
        if element.name == "h2":
            break
        section.append(element)
    grade_text = " ".join(e.get_text(" ") for e in section if e.name == "li")
    for data in lessons():
        assert data["title"][lang] in grade_text
    text = page.get_text(" ")
    assert ("烈士纪念日" in text and "第五条" in text) if lang == "zh" else ("Martyrs' Day" in text and "Article 5" in text)
    # No contact set: the page sends teachers to the hall.
    assert ("请直接联系聊城市双拥展览馆" in text) if lang == "zh" else ("contact the hall directly" in text)
    nav = " ".join(a.get_text(strip=True) for a in page.select(".md-nav--primary a"))
    assert ("教师专区" if lang == "zh" else "For teachers") in nav


# --- PDFs ----------------------------------------------------------------------


def test_every_lesson_has_handouts_and_worksheets_that_open_and_extract(built_site):
    from pypdf import PdfReader

    sizes = {}
    for data in lessons():
        for name in ("handout", "worksheet"):
            for lang in ("zh", "en"):
                path = built_site / "exhibits/lessons" / data["id"] / f"{data['id']}-{name}-{lang}.pdf"
                assert path.is_file(), path
                size = path.stat().st_size
                assert 0 < size < MAX_PDF_BYTES, (path, size)
                sizes[path.name] = size
                reader = PdfReader(path)
                assert len(reader.pages) >= 1
                text = squeeze("".join(p.extract_text() or "" for p in reader.pages))
                assert squeeze(data["title"]["zh"]) in text, (path, text[:200])
                if lang == "en":
                    assert squeeze(data["title"]["en"]) in text, path
                if name == "worksheet":
                    for question in data["questions"]:
                        assert squeeze(question[lang])[:12] in text, (path, question[lang])
                # The Chinese font is embedded (as a subset), not just named.
                fonts = [f for page in reader.pages for f in page["/Resources"]["/Font"].values()]
                descendants = [
                    f.get_object()["/DescendantFonts"][0].get_object() for f in fonts if "/DescendantFonts" in f.get_object()
                ]
                assert any("CJK" in str(d["/BaseFont"]) and "/FontFile3" in d["/FontDescriptor"] for d in descendants), path
                assert all(re.match(r"/[A-Z]{6}\+", str(d["/BaseFont"])) for d in descendants), path
    print("PDF sizes (bytes):", sizes)


# --- labels ------------------------------------------------------------------


def _expected_url(base: str, data: dict) -> str:
    return f"{base}exhibits/{KINDS[data['kind']].FOLDER}/{data['id']}/"


@pytest.fixture(scope="module")
def labels(built_site) -> Path:
    """`make labels` in the project the shared site was built from: build/labels/."""
    result = run_cli(built_site.parent, "labels")
    assert result.returncode == 0, result.stderr
    assert "build/labels/hall-labels.html" in result.stdout and "build/labels/hall-labels.pdf" in result.stdout
    assert "SITE_URL is not set" in result.stderr
    # Not part of the site build (QR codes and PDF layout cost ~70 ms a label; see printing/aids.py).
    assert not list(built_site.rglob("hall-labels*"))
    return built_site.parent / "build/labels"


def test_label_sheet_has_one_label_per_exhibit_with_titles_zone_and_address(labels):
    page = soup(labels / "hall-labels.html")
    assert page.find("link", rel="stylesheet")["href"] == "hall-labels.css" and (labels / "hall-labels.css").is_file()
    labels = {label["data-record"]: label for label in page.select("article.label:not(.label--tour)")}
    expected = {d["id"]: d for d in exhibits()}
    assert set(labels) == set(expected)
    hall = yaml.safe_load((ROOT / "settings/hall.yml").read_text(encoding="utf-8"))
    zones = {z["id"]: z["name"] for z in hall["zones"]}
    with_audio = {z["id"] for z in hall["zones"] if z.get("audio")}
    assert with_audio  # the sample collection has a recorded stop
    # The guided tour's stops come first, one label each, leading to the stop's page.
    stops = page.select("article.label--tour")
    assert [s["data-url"] for s in stops] == [f"{PLACEHOLDER_SITE_URL}exhibits/tour/{z}/" for z in hall["tour"]]
    for number, (stop, zone) in enumerate(zip(stops, hall["tour"]), 1):
        assert stop.h2.get_text(strip=True) == f"展线导览 第{number}站：{zones[zone]['zh']}" and stop.find("svg")
        # A headphone mark beside the stops that have an audio guide, and only those.
        assert bool(stop.select_one('.audio[aria-label="有语音导览 / Audio guide"] svg')) == (zone in with_audio)
    assert page.select("article.label")[: len(stops)] == stops
    for record_id, label in labels.items():
        data = expected[record_id]
        assert label["data-url"] == _expected_url(PLACEHOLDER_SITE_URL, data)
        assert label.h2.get_text(strip=True) == data["title"]["zh"]
        assert label.select_one(".en").get_text(strip=True) == data["title"]["en"]
        assert label.select_one(".url").get_text(strip=True) == label["data-url"].split("://")[1]
        if data.get("hall"):
            assert zones[data["hall"]["zone"]]["zh"] in label.select_one(".zone").get_text()
        assert label.find("svg")
    # SITE_URL is not set in this build: the sheet says so.
    assert "SITE_URL" in page.select_one(".placeholder").get_text()


def test_label_sheet_pdf_has_every_exhibit(labels):
    from pypdf import PdfReader

    pdf = labels / "hall-labels.pdf"
    expected = {d["id"]: d for d in exhibits()}
    assert pdf.stat().st_size < MAX_PDF_BYTES
    text = squeeze("".join(p.extract_text() for p in PdfReader(pdf).pages))
    for data in expected.values():
        assert squeeze(data["title"]["zh"]) in text


@pytest.mark.build
def test_site_url_and_booking_contact_settings(project):
    """A build for a known address: codes carry it, no placeholder; the booking contact shows."""
    write(project, "exhibits/events/test-event.yml", VALID_EVENT + "hall:\n  zone: prelude\n")
    write(project, "exhibits/lessons/test-lesson.yml", LESSON)
    result = run_cli(
        project, "build", env={"SITE_URL": "https://expo.example.org/lc/", "BOOKING_CONTACT": "展览馆宣教部（示例）"}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    site = project / "site"
    result = run_cli(project, "labels", env={"SITE_URL": "https://expo.example.org/lc/"})
    assert result.returncode == 0 and "SITE_URL" not in result.stderr, result.stderr
    sheet = soup(project / "build/labels/hall-labels.html")
    assert not sheet.select(".placeholder")
    (label,) = sheet.select("article.label:not(.label--tour)")
    assert sheet.select_one("article.label--tour")["data-url"] == "https://expo.example.org/lc/exhibits/tour/prelude/"
    assert label["data-url"] == "https://expo.example.org/lc/exhibits/events/test-event/"
    assert "序厅" in label.select_one(".zone").get_text()
    lesson = soup(site / "exhibits/lessons/test-lesson/index.html")
    assert lesson.select_one(".ex-print-url").get_text(strip=True) == "https://expo.example.org/lc/exhibits/lessons/test-lesson/"
    assert (
        "展览馆宣教部（示例）"
        in soup(site / "exhibits/teachers/index.html").find(id="booking").find_next("p").find_next("p").get_text()
    )


# --- in the browser ----------------------------------------------------------------


@pytest.fixture
def page(browser, server):
    yield from open_page(browser, server, device_scale_factor=2)  # sharp QR codes for decoding


def decode_qr(png: bytes) -> str:
    return _decode(_grey(png))


def _grey(png: bytes):
    """A PNG as a greyscale picture (a numpy array) for OpenCV."""
    import cv2  # pinned in requirements-test.txt: a failed import is an error, not a skip
    import numpy as np

    return cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)


def _decode(image) -> str:
    import cv2

    text, points, _ = cv2.QRCodeDetector().detectAndDecode(image)
    return text


@pytest.fixture
def label_page(browser, labels):
    """The label sheet as staff open it: from build/labels/ on their own machine."""
    with serving(labels) as base:
        yield from open_page(browser, base, device_scale_factor=2)


@needs_chromium
def test_every_label_qr_code_decodes_to_its_record_url(label_page):
    """Each label's QR code as the browser draws it decodes to its record's address (one picture of
    the whole sheet, cut at each code: a screenshot per code took five times as long)."""
    page = label_page
    page.goto(page.base + "/hall-labels.html")
    labels = page.evaluate(
        """() => Array.from(document.querySelectorAll('article.label'), label => {
            const r = label.querySelector('.code svg').getBoundingClientRect();
            return {url: label.dataset.url, record: label.dataset.record, tour: label.classList.contains('label--tour'),
                    box: [r.left + scrollX, r.top + scrollY, r.width, r.height]};
        })"""
    )
    assert len([label for label in labels if not label["tour"]]) == len(exhibits())
    assert any(label["tour"] for label in labels)
    sheet = _grey(page.screenshot(full_page=True))
    scale = sheet.shape[1] / page.evaluate("document.documentElement.scrollWidth")  # device pixels per CSS pixel
    for label in labels:
        x, y, w, h = (round(v * scale) for v in label["box"])
        margin = round(8 * scale)  # the quiet zone around the code
        code = sheet[max(0, y - margin) : y + h + margin, max(0, x - margin) : x + w + margin]
        assert _decode(code) == label["url"], label
        if not label["tour"]:
            data = next(d for d in exhibits() if d["id"] == label["record"])
            assert label["url"] == _expected_url(PLACEHOLDER_SITE_URL, data)


@needs_chromium
def test_printing_a_lesson_page_hides_the_navigation_and_shows_its_qr_code(page):
    data = lessons()[0]
    page.goto(page.base + f"/exhibits/lessons/{data['id']}/")
    page.wait_for_load_state("networkidle")
    assert page.locator(".md-header").is_visible() and page.locator(".md-tabs").is_visible()
    assert not page.locator(".ex-print-qr").is_visible()
    page.emulate_media(media="print")
    for selector in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".md-tabs",
        ".ex-lesson-print",
    ):
        assert page.locator(selector).count() == 0 or not page.locator(selector).first.is_visible(), selector
    assert page.locator("h1").is_visible()
    qr = page.locator(".ex-print-qr svg")
    assert qr.is_visible()
    assert decode_qr(qr.screenshot()) == f"{PLACEHOLDER_SITE_URL}exhibits/lessons/{data['id']}/"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


@needs_chromium
def test_axe_finds_no_violation_on_the_label_sheet(label_page):
    label_page.goto(label_page.base + "/hall-labels.html")
    assert not (report := axe_violations(label_page)), report


def test_without_pdf_support_the_build_still_writes_pages_and_labels(tmp_path, monkeypatch):
    """No Pango or no Chinese font here: no PDFs, and no page links to one (the build must not break)."""
    from exhibition.pages.site import Site
    from exhibition.pipeline import check as load
    from exhibition.printing import aids, pdf

    settings, collection, problems = load(ROOT)
    assert not problems
    monkeypatch.setattr(pdf, "available", lambda: (False, "test: no Pango"))
    site = Site(collection.records, {}, settings)
    docs = tmp_path / "docs"
    site.schools = aids.prepare(site, root=tmp_path, docs_dir=docs)
    assert site.schools.pdf_missing == "test: no Pango"
    assert not list(docs.rglob("*.pdf"))
    written = aids.write_labels(site, root=tmp_path, out_dir=tmp_path / "labels")
    assert sorted(p.name for p in written) == ["hall-labels.css", "hall-labels.html"]
    lesson = next(r for r in collection.records if r.kind == "lesson")
    aid = site.schools.lessons[lesson.id]["zh"]
    assert aid.handout is None and aid.url.endswith(f"/exhibits/lessons/{lesson.id}/")
    from exhibition.pages.write import Renderer

    page = Renderer(site, "zh").record(lesson)
    assert ".pdf" not in page and "ex-print-qr" in page


def test_the_teachers_page_takes_printings_output_from_the_site(monkeypatch):
    """Site.schools is a declared field: what printing hands the pages (here just the booking contact)."""
    from exhibition.pages import lessons
    from exhibition.pages.site import Schools, Site
    from exhibition.pages.write import Renderer
    from exhibition.pipeline import check as load

    settings, collection, problems = load(ROOT)
    assert not problems
    site = Site(collection.records, {}, settings)
    assert site.schools is None
    without = lessons.render_teachers(Renderer(site, "en"))
    site.schools = Schools(base="https://hall.example/", placeholder=False, booking_contact="Education office, tel. 0635-000")
    page = lessons.render_teachers(Renderer(site, "en"))
    assert "Education office, tel. 0635-000" in page and "Education office" not in without


def test_links_need_no_page_rendered_first():
    """A fresh renderer's context links from its own page: no state left by an earlier page."""
    from exhibition.pages.site import Site
    from exhibition.pages.write import Renderer
    from exhibition.pipeline import check as load

    settings, collection, problems = load(ROOT)
    site = Site(collection.records, {}, settings)
    memorial = next(r for r in collection.records if r.kind == "memorial" and any(b.person for b in r.notable_burials))
    burials = [b for b in memorial.notable_burials if b.person]
    renderer = Renderer(site, "en")
    from_memorial = renderer.context(site.page_path(memorial))
    from_tour = renderer.context("exhibits/tour/index.md")
    # Facts are HTML (a definition list, issue #31): their links are addressed from the page itself.
    person = f"exhibits/people/{burials[0].person}.md"
    assert f'href="{from_memorial["page_url"](person)}"' in from_memorial["burials"](burials)
    assert f'href="{from_tour["page_url"](person)}"' in from_tour["links"]([burials[0].person])
    assert from_memorial["page_url"](person) != from_tour["page_url"](person)
    assert from_memorial["page_url"]("exhibits/hall-map.md") == "../../../../en/exhibits/hall-map/"


def _pdf_codes(path: Path) -> set[str]:
    """What every picture in the PDF decodes to. WeasyPrint gives all pages of a sheet one resource
    dictionary with every picture in it: each dictionary is read once (the label sheet's 7 pages
    decoded its 49 codes 7 times, 10 s of the run)."""
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject

    codes, seen = set(), set()
    for page in PdfReader(path).pages:
        resources = page.raw_get("/Resources")
        key = resources.idnum if isinstance(resources, IndirectObject) else id(resources)
        if key not in seen:
            seen.add(key)
            codes |= {decode_qr(image.data) for image in page.images}
    return codes


def test_qr_codes_in_the_pdfs_decode_to_the_right_urls(built_site, labels):
    expected = {_expected_url(PLACEHOLDER_SITE_URL, d) for d in exhibits()}
    tour = yaml.safe_load((ROOT / "settings/hall.yml").read_text(encoding="utf-8"))["tour"]
    expected |= {f"{PLACEHOLDER_SITE_URL}exhibits/tour/{zone}/" for zone in tour}  # one label per tour stop
    codes = _pdf_codes(labels / "hall-labels.pdf")
    assert codes == expected
    for data in lessons():
        folder = built_site / "exhibits/lessons" / data["id"]
        for lang, prefix in (("zh", ""), ("en", "en/")):
            assert _pdf_codes(folder / f"{data['id']}-handout-{lang}.pdf") == {
                f"{PLACEHOLDER_SITE_URL}{prefix}exhibits/lessons/{data['id']}/"
            }
            first = next(d for d in exhibits() if d["id"] == data["linked_records"][0])
            assert _pdf_codes(folder / f"{data['id']}-worksheet-{lang}.pdf") == {
                PLACEHOLDER_SITE_URL + prefix + _expected_url("", first)
            }
