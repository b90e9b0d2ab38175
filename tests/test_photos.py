"""Real-shaped photographs everywhere a visitor meets them (issue 25).

The tests make their own pictures, shaped as the hall's material arrives: a portrait phone photo
(4000×3000 stored, EXIF orientation 6, GPS: 3000×4000 upright) and an 8000×1600 panorama. One small
project holds two records (one led by each picture) and a story whose cover is the portrait; it is
built once per edition (web, kiosk). In Chromium at 1280×800 and 390×844 (web) and 1920×1080 (kiosk)
the tests measure how much of each picture a visitor sees: in the lead figure, a story's sections and
the lightbox the whole picture (at least 95 %), and in the places that fill a frame (a story's cover,
cards, the home's picture, the kiosk's attract slides) the curator's focal point inside the frame.
PHOTO_MEASUREMENTS=file appends every measurement to that file (tab-separated), for a report.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conftest import (
    VALID_EVENT,
    _WithPolicy,
    copy_project,
    deployed_policy,
    lightbox_shown,
    page_errors,
    photo_bytes,
    run_cli,
    serving,
    write,
)

SIZES = {"laptop": (1280, 800), "phone": (390, 844), "kiosk": (1920, 1080)}  # the kiosk: site-kiosk/, by touch
PORTRAIT, PANORAMA = "events/portrait.jpg", "events/panorama.jpg"
# The curator's focal points, off centre on purpose: a frame cut around the centre loses both.
FOCUS = {PORTRAIT: (50, 15), PANORAMA: (90, 50)}
WHOLE = 0.95  # the least fraction of a picture the lead figure, a section and the lightbox may show
COVER_SHOWS = 0.9  # a story's cover shows at least this much of the portrait (it showed 26 %: a band)


def _image(file: str, zh: str, en: str) -> str:
    x, y = FOCUS[file]
    return f"""  - file: {file}
    alt: {{zh: {zh}, en: {en}}}
    caption: {{zh: {zh}的说明, en: Caption of {en}}}
    credit: {{zh: 测试摄影, en: Test photographer}}
    focus: [{x}, {y}]
"""


IMAGES = {
    PORTRAIT: _image(PORTRAIT, "竖幅手机照片", "a portrait phone photo"),
    PANORAMA: _image(PANORAMA, "展厅全景", "a panorama of the hall"),
}


def _event(record_id: str, first: str, second: str) -> str:
    return (
        VALID_EVENT.replace("id: test-event", f"id: {record_id}")
        .replace("测试活动", f"测试活动 {record_id}")
        .replace("review:", "images:\n" + IMAGES[first] + IMAGES[second] + "featured: true\nhall: {zone: prelude}\nreview:")
    )


STORY = (
    """kind: story
id: photo-story
title: {zh: 照片专题, en: A story of photos}
summary: {zh: 用真实形状的照片讲的专题。, en: A story told with real-shaped photos.}
sections:
  - heading: {zh: 竖幅, en: Portrait}
    image: events/portrait.jpg
    text: {zh: 封面也是这一节的图片。, en: The cover is this section's picture too.}
    records: [portrait-event]
  - heading: {zh: 全景, en: Panorama}
    image: events/panorama.jpg
    text: {zh: 一张全景照片。, en: A panorama.}
figures:
  - label: {zh: 照片, en: Photos}
    value: 2
    source: yearbook
images:
"""
    + IMAGES[PORTRAIT]
    + IMAGES[PANORAMA]
    + """sources:
  - id: yearbook
    title: 2019年聊城年鉴
    publisher: 聊城市退役军人事务局
    quote: 专题用了2张照片。
review:
  status: verified
  date: 2026-11-28
"""
)


def make_project(root: Path) -> Path:
    """The test project: two records, a story, the home led by the portrait record."""
    copy_project(root, "mkdocs-kiosk.yml", content=False)
    (root / "images/events").mkdir(parents=True)
    (root / "images" / PORTRAIT).write_bytes(photo_bytes())  # 4000×3000, orientation 6, GPS
    (root / "images" / PANORAMA).write_bytes(photo_bytes(8000, 1600, orientation=1))
    write(root, "exhibits/events/portrait-event.yml", _event("portrait-event", PORTRAIT, PANORAMA))
    write(root, "exhibits/events/panorama-event.yml", _event("panorama-event", PANORAMA, PORTRAIT))
    write(root, "exhibits/stories/photo-story.yml", STORY)
    write(
        root,
        "settings/home.yml",
        "hero: portrait-event\npurpose: {zh: 测试, en: Test}\nfeatured: [portrait-event, panorama-event, photo-story]\n",
    )
    return root


@pytest.fixture(scope="module")
def photo_project(tmp_path_factory) -> Path:
    return make_project(tmp_path_factory.mktemp("photos"))


@pytest.fixture(scope="module")
def photo_site(photo_project) -> Path:
    result = run_cli(photo_project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return photo_project / "site"


@pytest.fixture(scope="module")
def photo_kiosk(photo_project) -> Path:
    result = run_cli(photo_project, "build", "--kiosk")
    assert result.returncode == 0, result.stdout + result.stderr
    return photo_project / "site-kiosk"


@pytest.fixture(params=list(SIZES))
def visitor(request, browser):
    """A visitor at one of the three sizes: the web site served with the host's policy (a laptop with a
    mouse, a phone by touch), or the kiosk from file:// by touch. page.at(path) is a page's address,
    path as in the web site ("exhibits/events/x/"); page.size names the size."""
    size = request.param
    width, height = SIZES[size]
    touch = size != "laptop"
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=size == "phone", has_touch=touch, service_workers="block"
    )
    page = context.new_page()
    page.size, page.touch = size, touch
    errors = page_errors(page)
    try:
        if size == "kiosk":
            site = request.getfixturevalue("photo_kiosk")
            page.at = lambda path: site.as_uri() + "/" + (path.rstrip("/") + ".html" if path else "index.html")
            yield page
        else:
            site = request.getfixturevalue("photo_site")
            with serving(site, type("WithPolicy", (_WithPolicy,), {"policy": deployed_policy()})) as base:
                page.at = lambda path: f"{base}/{path}"
                yield page
                # Close the pages while the server still answers: the search worker may still be fetching
                # lunr's scripts, and a server gone first is a failed importScripts (a CI run's error).
                context.close()
    finally:
        context.close()
    assert not errors, errors


# --- what a visitor sees of a picture ----------------------------------------------------------

# For an <img>: where its picture is drawn (its content box, object-fit and object-position) and what of it
# a visitor sees. visible: the share of a 24×24 grid of points over the whole picture where the browser
# finds this very image on top (document.elementFromPoint): a point outside the element's box, clipped by an
# ancestor, off the screen or under anything laid over it (a sticky header, the kiosk's toolbar, the
# lightbox's caption on a phone) is not seen. in_frame: the share of the picture inside the element's box
# and its clipping ancestors (what the frame keeps, wherever the page is scrolled). focus_inside: whether the
# curator's focal point lies in that frame. The two pictures tell themselves apart by their shape: the
# portrait is taller than wide.
SEEN = r"""([img, focuses]) => {
  const r = img.getBoundingClientRect(), cs = getComputedStyle(img);
  const px = (v) => parseFloat(v) || 0;
  const box = { l: r.left + px(cs.borderLeftWidth) + px(cs.paddingLeft), t: r.top + px(cs.borderTopWidth) + px(cs.paddingTop),
                r: r.right - px(cs.borderRightWidth) - px(cs.paddingRight), b: r.bottom - px(cs.borderBottomWidth) - px(cs.paddingBottom) };
  const bw = box.r - box.l, bh = box.b - box.t, nw = img.naturalWidth, nh = img.naturalHeight;
  let sx = bw / nw, sy = bh / nh;
  const fit = cs.objectFit;
  if (fit !== 'fill') {
    let s = fit === 'cover' ? Math.max(sx, sy) : fit === 'none' ? 1 : Math.min(sx, sy);
    if (fit === 'scale-down') s = Math.min(1, s);
    sx = sy = s;
  }
  const cw = nw * sx, ch = nh * sy;
  const [ox, oy] = cs.objectPosition.split(' ');
  const place = (v, free) => v.endsWith('%') ? free * parseFloat(v) / 100 : parseFloat(v);
  const pic = { l: box.l + place(ox, bw - cw), t: box.t + place(oy, bh - ch) };
  pic.r = pic.l + cw; pic.b = pic.t + ch;
  const cut = (a, b) => ({ l: Math.max(a.l, b.l), t: Math.max(a.t, b.t), r: Math.min(a.r, b.r), b: Math.min(a.b, b.b) });
  const area = (a) => Math.max(0, a.r - a.l) * Math.max(0, a.b - a.t);
  let frame = cut(pic, box);
  for (let e = img.parentElement; e && e !== document.documentElement; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
      const q = e.getBoundingClientRect();
      frame = cut(frame, { l: q.left, t: q.top, r: q.right, b: q.bottom });
    }
  }
  const N = 24, vw = document.documentElement.clientWidth, vh = window.innerHeight;
  let hits = 0;
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) {
    const x = pic.l + cw * (i + 0.5) / N, y = pic.t + ch * (j + 0.5) / N;
    if (x >= 0 && y >= 0 && x < vw && y < vh && document.elementFromPoint(x, y) === img) hits++;
  }
  const focus = focuses && focuses[nh > nw ? 0 : 1];
  const f = focus ? { x: pic.l + cw * focus[0] / 100, y: pic.t + ch * focus[1] / 100 } : null;
  return {
    visible: hits / (N * N),
    in_frame: area(frame) / (cw * ch),
    focus_inside: f ? (f.x >= frame.l && f.x <= frame.r && f.y >= frame.t && f.y <= frame.b) : null,
    box: [Math.round(box.l), Math.round(box.t), Math.round(bw), Math.round(bh)],
    shape: nh > nw ? 'portrait' : 'panorama', fit: fit, position: cs.objectPosition,
  };
}"""

MEASURED: list[tuple[str, dict]] = []


def seen(page, img, label: str, focus: bool = False) -> dict:
    """What a visitor sees of the picture of img (a locator), see SEEN; with focus, whether the curator's
    focal point is inside the frame."""
    page.wait_for_function("(i) => i.complete && i.naturalWidth > 0", arg=img.element_handle())
    focuses = [FOCUS[PORTRAIT], FOCUS[PANORAMA]] if focus else None
    result = page.evaluate(SEEN, [img.element_handle(), focuses])
    MEASURED.append((f"{page.size} {label} {result['shape']}", result))
    return result


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    if os.environ.get("PHOTO_MEASUREMENTS"):
        with open(os.environ["PHOTO_MEASUREMENTS"], "a", encoding="utf-8") as out:
            for label, r in MEASURED:
                out.write(f"{label}\t{r['visible']:.3f}\t{r['in_frame']:.3f}\t{r['focus_inside']}\t{r['box']}\t{r['fit']}\n")


def centre(element) -> None:
    """Scroll the page as a visitor would to look at element: to the middle of the screen."""
    element.evaluate("e => e.scrollIntoView({block: 'center'})")


def swipe(page, start: tuple[float, float], end: tuple[float, float], steps: int = 10) -> None:
    """A finger on the screen, moved from start to end, held there a moment, then lifted (Chromium's
    touch input). Held: a finger lifted while moving flings, and the next tap would only stop the fling."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": start[0], "y": start[1]}]})
    for step in range(1, steps + 1):
        x, y = (start[i] + (end[i] - start[i]) * step / steps for i in (0, 1))
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    for _ in range(3):
        page.wait_for_timeout(40)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": end[0], "y": end[1]}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


# --- record pages and the lightbox -------------------------------------------------------------


def test_the_lead_figure_and_the_lightbox_show_each_picture_whole_with_caption_and_credit(visitor):
    width, height = SIZES[visitor.size]
    visitor.goto(visitor.at("exhibits/events/panorama-event/"))
    centre(visitor.locator(".ex-figure--lead img"))
    result = seen(visitor, visitor.locator(".ex-figure--lead img"), "lead")
    assert result["shape"] == "panorama" and result["visible"] >= WHOLE, result
    # The record's other pictures (its gallery) are whole too.
    centre(visitor.locator(".ex-gallery img"))
    result = seen(visitor, visitor.locator(".ex-gallery img"), "gallery")
    assert result["shape"] == "portrait" and result["visible"] >= WHOLE, result

    visitor.goto(visitor.at("exhibits/events/portrait-event/"))
    img = visitor.locator(".ex-figure--lead img")
    centre(img)
    result = seen(visitor, img, "lead")
    assert result["shape"] == "portrait" and result["visible"] >= WHOLE, result
    # Upright, at most about 60 % of the screen's height, its caption below; beside the facts on a wide screen.
    box = img.bounding_box()
    assert box["width"] < box["height"] <= 0.62 * height, box
    assert visitor.locator(".ex-figure--lead figcaption").bounding_box()["y"] >= box["y"] + box["height"] - 1
    if visitor.size != "phone":
        facts = visitor.locator(".ex-lead__facts dl.ex-facts").bounding_box()
        assert facts["x"] > box["x"] + box["width"] - 1 and facts["y"] < box["y"] + box["height"]

    # The lightbox: the portrait, then (a swipe on touch, the arrow key on a laptop) the record's panorama.
    link = visitor.locator(".ex-figure--lead a")
    link.tap() if visitor.touch else link.click()
    lightbox_shown(visitor)
    for shape in ("portrait", "panorama"):
        current = visitor.locator(".gslide.current img")
        description = visitor.locator(".gslide.current .gslide-description")
        result = seen(visitor, current, "lightbox")  # (on a phone the caption may lie over the picture)
        assert result["shape"] == shape and result["visible"] >= WHOLE, result
        words = description.inner_text()
        assert "的说明" in words and "测试摄影" in words, words  # caption and credit
        text = description.bounding_box()
        assert 0 <= text["y"] and text["y"] + text["height"] <= height + 1, text
        if shape == "portrait":
            first = current.get_attribute("src")
            if visitor.touch:
                swipe(visitor, (width * 0.85, height / 2), (width * 0.15, height / 2))
            else:
                visitor.keyboard.press("ArrowRight")
            visitor.wait_for_function(
                "(first) => { const i = document.querySelector('.gslide.current.loaded img'); return i && i.getAttribute('src') !== first; }",
                arg=first,
            )
            lightbox_shown(visitor)
    # A tap (or click) beside the picture closes it: the panorama leaves room above it on every screen.
    picture = visitor.locator(".gslide.current img").bounding_box()
    assert picture["y"] > 80, picture
    point = (width / 2, picture["y"] / 2)
    visitor.touchscreen.tap(*point) if visitor.touch else visitor.mouse.click(*point)
    visitor.locator(".glightbox-container").wait_for(state="detached")


@pytest.mark.parametrize("visitor", ["phone"], indirect=True)  # (the kiosk's: tests/test_kiosk.py)
def test_the_lightbox_closes_by_its_button(visitor):
    visitor.goto(visitor.at("exhibits/events/portrait-event/"))
    visitor.locator(".ex-figure--lead a").tap()
    lightbox_shown(visitor)
    visitor.locator(".gclose").tap()
    visitor.locator(".glightbox-container").wait_for(state="detached")


@pytest.mark.parametrize("visitor", ["laptop"], indirect=True)  # the phone and the kiosk are used by touch
def test_the_lightbox_by_keyboard_alone(visitor):
    visitor.goto(visitor.at("exhibits/events/portrait-event/"))
    link = visitor.locator(".ex-figure--lead a")
    link.focus()
    visitor.keyboard.press("Enter")
    lightbox_shown(visitor)
    visitor.keyboard.press("Tab")  # GLightbox moves between its own buttons
    assert visitor.locator(".gbtn.focused").count() == 1
    visitor.keyboard.press("ArrowRight")
    visitor.wait_for_function("() => document.querySelectorAll('.gslide')[1].classList.contains('current')")
    visitor.keyboard.press("Escape")
    visitor.locator(".glightbox-container").wait_for(state="detached")
    # Back where the visitor was: on the picture that opened it.
    assert visitor.evaluate("document.activeElement.matches('.ex-figure--lead a')")


# --- stories ----------------------------------------------------------------------------------


def test_a_story_cover_shows_most_of_a_portrait_around_its_focal_point_and_the_sections_show_it_whole(visitor):
    visitor.goto(visitor.at("exhibits/stories/photo-story/"))
    result = seen(visitor, visitor.locator(".ex-figure--cover img"), "story cover", focus=True)
    assert result["focus_inside"] and result["in_frame"] >= COVER_SHOWS, result
    # The title is on the first screen with it.
    assert visitor.locator("h1").bounding_box()["y"] < SIZES[visitor.size][1]
    # Each section shows its picture whole, the cover's picture too.
    pictures = visitor.locator("section.ex-story-section figure img")
    assert pictures.count() == 2
    for i in range(2):
        centre(pictures.nth(i))
        result = seen(visitor, pictures.nth(i), "story section")
        assert result["visible"] >= WHOLE, result
    # The story's figures, as on a record, with their source.
    figure = visitor.locator(".ex-figures li")
    assert figure.count() == 1
    assert figure.locator(".ex-figure-value").inner_text() == "2"
    assert figure.locator("a.ex-cite").get_attribute("href") == "#source-yearbook"


# --- places that fill a frame: the focal point stays in it ------------------------------------


def test_search_results_cut_their_thumbnails_around_the_focal_point_too(photo_site, photo_kiosk):
    pictures = json.loads((photo_site / "search/pictures.json").read_text(encoding="utf-8"))
    assert pictures["exhibits/events/portrait-event/"][3] == "50% 15%"
    assert pictures["exhibits/events/panorama-event/"][3] == "90% 50%"
    scripts = sorted((photo_kiosk / "exhibits/kiosk").glob("search-*.js"))
    assert len(scripts) == 2  # the kiosk's search data, one file per language
    for script in scripts:
        assert '"pos": "50% 15%"' in script.read_text(encoding="utf-8").replace('":"', '": "'), script


@pytest.mark.parametrize("visitor", ["laptop", "phone"], indirect=True)  # the kiosk's frames: its attract slides
def test_cards_and_the_homes_picture_keep_the_focal_point_in_their_frame(visitor):
    # The kind's index shows every record as a card (a tour stop shows cards only for its curator's highlights).
    for path in ("", "exhibits/events/"):
        visitor.goto(visitor.at(path))
        if not path:
            hero = seen(visitor, visitor.locator(".ex-hero__img"), "home picture", focus=True)
            assert hero["focus_inside"], hero
        cards = visitor.locator("img.ex-card__img")
        assert cards.count() >= 2
        for i in range(cards.count()):
            cards.nth(i).scroll_into_view_if_needed()
            result = seen(visitor, cards.nth(i), "card", focus=True)
            assert result["focus_inside"], result


@pytest.mark.parametrize("visitor", ["kiosk"], indirect=True)  # the attract screen is the kiosk's
def test_the_kiosks_attract_slides_keep_the_focal_point_on_the_screen(visitor):
    visitor.goto(visitor.at("exhibits/kiosk/attract/"))
    slides = visitor.locator(".kx-slide")
    assert slides.count() == 4  # two featured records with pictures, a slide in each language
    for i in range(slides.count()):
        visitor.evaluate("(i) => document.querySelectorAll('.kx-slide').forEach((s, n) => s.hidden = n !== i)", i)
        result = seen(visitor, slides.nth(i).locator("img"), "attract slide", focus=True)
        assert result["focus_inside"], result


# --- the curator's side ----------------------------------------------------------------------


def test_a_focal_point_outside_the_picture_is_named_with_its_line(project):
    (project / "images/events").mkdir(parents=True)
    (project / "images" / PANORAMA).write_bytes(photo_bytes(800, 160, orientation=1, gps=False))
    write(
        project,
        "exhibits/events/test-event.yml",
        VALID_EVENT.replace("review:", "images:\n" + IMAGES[PANORAMA].replace("[90, 50]", "[150, 50]") + "review:"),
    )
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert (
        "exhibits/events/test-event.yml:19: images[1].focus (第1张图片 / picture 1): must be two numbers in percent, [x, y], found [150, 50]"
        in result.stdout + result.stderr
    ), result.stdout + result.stderr
