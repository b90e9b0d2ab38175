"""Shared test tools: a scratch copy of the project, realistic photos, one real build."""

from __future__ import annotations

import contextlib
import fcntl
import functools
import io
import os
import re
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# What a project needs to build, besides its records and images.
SKELETON = ("mkdocs.yml", "docs", "overrides", "settings", "audio")


# Commands that only read records and print: run in this process (a subprocess costs about a second
# of imports each, ~60 calls). build and labels keep their own process, as a curator runs them.
IN_PROCESS = ("check", "new", "report")


def run_cli(root: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    if args and args[0] in IN_PROCESS:
        return _run_in_process(root, args, env or {})
    return subprocess.run(
        [str(BIN / "exhibition"), "--root", str(root), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        timeout=600,
    )


def _run_in_process(root: Path, args: tuple[str, ...], env: dict) -> subprocess.CompletedProcess:
    """cli.main as the `exhibition` command would run it: same arguments, environment and exit code."""
    from exhibition import cli

    out, err = io.StringIO(), io.StringIO()
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(["--root", str(root), *args])
            except SystemExit as exit_:  # argparse
                code = exit_.code if isinstance(exit_.code, int) else cli.USAGE
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return subprocess.CompletedProcess(["exhibition", "--root", str(root), *args], code, out.getvalue(), err.getvalue())


# Folders under docs/ that the build writes: never copied, a copy builds its own.
GENERATED = ("exhibits", "media", "data")


# What a build caches by content: picture derivatives (docs/media, keyed by the photo's hash) and the
# handout PDFs and QR codes (build/print, keyed by their inputs). Stale entries are never reused.
CACHES = ("docs/media", "build/print", "build/templates")


def copy_project(dest: Path, *extra: str, content: bool = True, caches: Path | None = None) -> Path:
    """Copy what a project needs to build into dest: the skeleton, any extra files, and
    (with content) the real records and images. With caches (an earlier build's project folder),
    its picture and PDF caches are hard-linked in, so the copy's build remakes neither."""
    for name in (*SKELETON, *extra, *(("exhibits", "images", "sources") if content else ())):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns(*GENERATED) if name == "docs" else None)
        else:
            shutil.copy(src, dest / name)
    if not content:
        (dest / "settings" / "home.yml").unlink()  # it names records of the real collection
        hall = dest / "settings" / "hall.yml"  # so do the zones' highlights
        hall.write_text(re.sub(r"(?m)^ +highlights: \[.*\]\n", "", hall.read_text(encoding="utf-8")), encoding="utf-8")
        drop_publishers(dest)  # and the glossary's publishers: those the records cite
    if caches is not None:
        seed_caches(caches, dest)
    return dest


def drop_publishers(root: Path) -> None:
    """Take the publishers' English names out of settings/glossary.yml: they name the real records'
    publishers, and `make check` refuses an entry that no source of the project cites."""
    glossary = root / "settings" / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(re.sub(r"(?m)^publishers:\n(?:[ -].*\n|\n)*", "", text), encoding="utf-8")


def seed_caches(source: Path, dest: Path) -> None:
    """Hard-link source's build caches into dest. Safe to share: the build writes every cache file
    to a temporary name and renames it (os.replace), so it never writes into a linked file."""
    for name in CACHES:
        if (source / name).is_dir():
            shutil.copytree(source / name, dest / name, copy_function=_link_or_copy, dirs_exist_ok=True)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system
        shutil.copy2(src, dst)


@pytest.fixture
def settings_reads(monkeypatch) -> list[str]:
    """The settings files read while the test runs (their shown names, in order): how many times a build
    reads settings/kiosk.yml, for one."""
    from exhibition import settings as settings_module
    from exhibition.records.load import load

    reads: list[str] = []

    def counting(path, shown):
        reads.append(shown)
        return load(path, shown)

    monkeypatch.setattr(settings_module, "load", counting)
    return reads


@pytest.fixture(autouse=True, scope="session")
def _empty_caches():
    """`make mutation` forks each mutant's test run from a process that has already run the tests: a value
    the unmutated code cached there would hide the mutant. Each test session starts with empty caches."""
    from exhibition.records import content

    content.digits.cache_clear()
    content._matcher.cache_clear()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project (no records) to add test records to."""
    copy_project(tmp_path, content=False)
    (tmp_path / "exhibits").mkdir()
    (tmp_path / "images").mkdir()
    return tmp_path


@pytest.fixture
def real_project(tmp_path: Path) -> Path:
    """A copy of the real collection, to break in tests (a test that builds it seeds the caches first:
    seed_caches(caches, real_project))."""
    return copy_project(tmp_path)


# Fixtures that make a test a `build` test: each builds its own site (the shared built_site is the one
# build a fast run allows). Every test that needs `browser` is a `browser` test.
BUILD_FIXTURES = {
    "kiosk_site",
    "kiosk_project",
    "subpath_site",
    "roll_site",
    "labels",
    "zoom_web",
    "zoom_kiosk",
    "photo_site",
    "photo_kiosk",
}


# `make test` runs the files on two workers (pytest-xdist, --dist loadfile --no-loadscope-reorder), each
# file on one worker, handed out in this order: the longest first, so that no long file starts last
# while the other worker has nothing left to do. Every other file keeps its place after these.
# (Tried 2026-12-07: the files that need no shared build second, to fill the second worker's wait for it:
# 8:14 against 7:27 on this order; their own builds slowed the shared one.)
LONGEST_FIRST = (  # per-file totals of --durations=0 on two workers, 2026-12-08 (session 11; the walk over every
    # page moved to test_walk.py): longest first, so that --dist loadfile hands the big files out first and
    # the two workers end together
    "test_kiosk.py",
    "test_bad_input.py",
    "test_elderly.py",
    "test_visitor.py",
    "test_audit.py",
    "test_publishing.py",
    "test_roll.py",
    "test_editor.py",
    "test_photos.py",
    "test_lessons.py",
    "test_quality_gates.py",
    "test_zoom.py",
    "test_csp.py",
    "test_site.py",
    "test_validation.py",
    "test_experience.py",
    "test_serve.py",
    "test_label.py",
    "test_browser.py",
    "test_build.py",
    "test_search.py",
    "test_memorial.py",
    "test_properties.py",
    "test_offline.py",
    "test_record_lead.py",
    "test_stops.py",
    "test_curator.py",
    "test_slides.py",
    "test_derivatives.py",
)


def pytest_collection_modifyitems(items):
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if "browser" in names:
            item.add_marker(pytest.mark.browser)
        if names & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: within a file, as written


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


VALID_EVENT = """\
kind: event
id: test-event
title:
  zh: 测试活动
  en: Test event
summary:
  zh: 一条测试记录。
  en: A test record.
date: "2019-03-15"
sources:
  - id: yearbook
    title: 2019年聊城年鉴
    publisher: 聊城市退役军人事务局
review:
  status: verified
  date: 2026-11-28
"""


def photo_bytes(width=4000, height=3000, orientation=6, gps=True, quality=90) -> bytes:
    """A camera-like JPEG: large, with EXIF orientation, camera make and GPS position."""
    image = Image.new("RGB", (width, height))
    # Left half red, right half blue: after rotation the colours tell which way it turned.
    image.paste((200, 30, 30), (0, 0, width // 2, height))
    image.paste((30, 30, 200), (width // 2, 0, width, height))
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "TestCam"  # Make
    if gps:
        exif[0x8825] = {1: "N", 2: (36.0, 27.0, 0.0), 3: "E", 4: (115.0, 59.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, exif=exif)
    return buffer.getvalue()


def once_per_run(tmp_path_factory, name: str, make) -> Path:
    """make(an empty folder) -> the path it made, once per test run. Under pytest-xdist each worker
    is its own process with its own session fixtures: the first worker to ask makes it, under a lock
    in the folder all workers' temporary folders share; the others wait for it and reuse it
    (pytest-xdist's "making session-scoped fixtures execute only once"). A make that fails leaves no
    result behind, so the next worker makes it again and reports its own failure."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is None:
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent
    done = shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not done.exists():
            folder = shared / f"{name}-{worker}"
            folder.mkdir()
            done.write_text(str(make(folder)), encoding="utf-8")
        return Path(done.read_text(encoding="utf-8"))


def _build_real(work: Path) -> Path:
    copy_project(work)
    result = run_cli(work, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """One full build of the real collection, shared by the read-only tests (and by every worker)."""
    return once_per_run(tmp_path_factory, "real", _build_real)


@pytest.fixture(scope="session")
def caches(built_site: Path) -> Path:
    """The project folder of the shared build, whose caches copies of the real collection reuse
    (copy_project(…, caches=caches)): a copy's build then remakes no picture and no PDF."""
    return built_site.parent


KIOSK_FILES = ("mkdocs-kiosk.yml",)
KIOSK_IDLE, KIOSK_COUNTDOWN = 4, 3  # seconds: short, so the kiosk tests see the reset happen


@pytest.fixture(scope="session")
def kiosk_site(tmp_path_factory, caches) -> Path:
    """One kiosk build of the real collection, with short idle times (as an installer would set them);
    shared by tests/test_kiosk.py and the quality gates (and by every worker)."""

    def build(folder: Path) -> Path:
        work = copy_project(folder, *KIOSK_FILES, caches=caches)
        idle = {"KIOSK_IDLE_SECONDS": str(KIOSK_IDLE), "KIOSK_COUNTDOWN_SECONDS": str(KIOSK_COUNTDOWN)}
        result = run_cli(work, "build", "--kiosk", env=idle)
        assert result.returncode == 0, result.stdout + result.stderr
        assert (work / "site-kiosk" / "index.html").exists()
        assert not (work / "site").exists(), "the kiosk build must not touch site/"
        return work / "site-kiosk"

    return once_per_run(tmp_path_factory, "kiosk", build)


# --- the built site in Debian's Chromium, every other host blocked -------------

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that leaves a page before all of it arrived closes the connection: not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serving(folder: Path, handler: type[SimpleHTTPRequestHandler] = _Quiet):
    """folder over HTTP on a free local port, for as long as the block lasts; yields its base URL."""
    httpd = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def serve_under(site: Path, prefix: str, policy: str = ""):
    """site at http://127.0.0.1:PORT<prefix> and a 404 for everything else, like a folder of a shared host;
    with policy, each response carries it as its Content-Security-Policy. Returns (server, base URL):
    the caller shuts the server down."""

    class Handler(_Quiet):
        def translate_path(self, path):
            if not path.startswith(prefix):
                return str(site / "__outside_the_prefix__")
            return super().translate_path("/" + path[len(prefix) :])

        def end_headers(self):
            if policy:
                self.send_header("Content-Security-Policy", policy)
            super().end_headers()

    httpd = _Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}{prefix}"


DEPLOYED_CSP = ROOT / "deploy" / "nginx-csp.conf"


def deployed_policy() -> str:
    """The Content-Security-Policy deploy/nginx-csp.conf sends (tests/test_csp.py: the one the site needs)."""
    match = re.search(r'^add_header Content-Security-Policy "([^"]+)" always;$', DEPLOYED_CSP.read_text(), re.M)
    assert match, f"{DEPLOYED_CSP} has no add_header Content-Security-Policy line"
    return match[1]


class _WithPolicy(_Quiet):
    policy = ""

    def end_headers(self):
        self.send_header("Content-Security-Policy", self.policy)
        super().end_headers()


@pytest.fixture(scope="module")
def server(built_site):
    """The shared build over HTTP, every response with the policy the host sends (deploy/nginx-csp.conf):
    the browser tests see the site as visitors do, and anything the policy blocks is a console error."""
    with serving(built_site, type("WithPolicy", (_WithPolicy,), {"policy": deployed_policy()})) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """One Chromium per worker for the whole run (each test opens and closes its own context):
    starting Playwright's driver and Chromium costs about 1.2 s of CPU, once per file before."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                # Any host but ours fails visibly.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ],
        )
        yield browser
        browser.close()


def open_page(browser, server, **context_options):
    """A tab on our server (page.base) that records every request to another host; the test
    fails if there was one. A generator, for fixtures: `yield from open_page(…)`."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context_options})
    page = context.new_page()
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((server, "data:", "blob:")) else None)
    page.base = server
    yield page
    context.close()
    assert not foreign, f"requests to other hosts: {foreign}"


@pytest.fixture
def page(browser, server):
    yield from open_page(browser, server)


def search(page, query: str) -> list[tuple[str, str]]:
    """Type into Material's search box; (text, href) of each result.

    The search worker builds its index after the page loads (seconds on a busy 2-core
    machine) and a query typed before it is ready is not run again: retype the last
    character, as a person would, until results show (bounded)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__item")
    for _ in range(20):
        try:
            results.first.wait_for(timeout=1500)
            break
        except PlaywrightTimeout:  # only "no results yet": any other error is the test's to see
            box.press("Backspace")
            box.press_sequentially(query[-1])
    return [(r.inner_text(), r.locator("a").first.get_attribute("href")) for r in results.all()]


# Every finite CSS animation and transition has ended (the lightbox's fade and zoom, Material's drawer):
# what the page shows now is what it will keep showing. Infinite ones (a spinner) are left out.
SETTLED = """() => document.getAnimations().every(a =>
    a.playState !== 'running' || a.effect.getComputedTiming().endTime === Infinity)"""


def settled(page) -> None:
    page.wait_for_function(SETTLED, timeout=10_000)


def lightbox_shown(page) -> None:
    """After a tap or click on a.glightbox: its picture is shown and the opening animation has ended."""
    page.locator(".glightbox-container .gslide.current.loaded img").wait_for()
    settled(page)


# Keeps every click (caught first, on the window) so the test can ask afterwards whether the page's
# handlers cancelled it (CANCELLED_CLICKS): a cancelled link goes nowhere, known at once instead of
# by waiting to see no navigation.
RECORD_CLICKS = "() => { window.__clicks = []; window.addEventListener('click', e => window.__clicks.push(e), true); }"
CANCELLED_CLICKS = "window.__clicks.map(e => e.defaultPrevented)"


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# WCAG 2.5.3 (label in name, level A) is an "experimental" rule in axe, off unless asked for; Lighthouse
# found our hall map's zone links named differently from the words they show.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": AXE_TAGS},
    "rules": {"label-content-name-mismatch": {"enabled": True}},
    "resultTypes": ["violations"],  # only the violations' details come back (the passes' would be megabytes)
}


@functools.cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()  # reads axe-core's script once


def page_errors(page) -> list[str]:
    """The console's errors, the scripts' uncaught exceptions and every failed request (status ≥ 400) of
    page, from now on: a live list. (An uncaught exception is no console message: the 404 page's offline
    script threw on "//" unseen, and stopped the page's other scripts.)"""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    return errors


def axe_violations(page) -> str:
    """axe-core's report of WCAG 2.2 A/AA (and best-practice) violations, empty when none."""
    # The page as a visitor first sees it: loaded, its fonts in. (Not "networkidle": that waits
    # half a second of quiet on every call, about a minute over a whole run, and sees nothing more.)
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready.then(() => true)")
    results = _axe().run(page, options=AXE_OPTIONS)
    return results.generate_report() if results.response["violations"] else ""
