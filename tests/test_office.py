"""LibreOffice (Debian's libreoffice-impress, headless) opens a deck and converts it to PDF: the slides
open outside python-pptx. Slow (a LibreOffice start is seconds), so `make test-office` runs it, not
`make test` (marker `office`, left out there). The PNG pages land in build/office/ to look at."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import ROOT

pytestmark = pytest.mark.office
LESSON = "luxibei-925-names"  # pictures, a long English title, two linked records with figures


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_libreoffice_converts_a_deck_to_pdf_with_one_page_a_slide(built_site, tmp_path, lang):
    from pptx import Presentation
    from pypdf import PdfReader

    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    assert soffice, "needs Debian's libreoffice-impress (.ci/run installs it)"
    assert pdftoppm, "needs Debian's poppler-utils (.ci/run installs it)"
    deck = built_site / "exhibits/lessons" / LESSON / f"{LESSON}-slides-{lang}.pptx"
    # A profile of its own: a LibreOffice already running for the user would take the job and exit 0.
    result = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(deck),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    pdf = tmp_path / f"{deck.stem}.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stdout + result.stderr
    assert "error" not in (result.stdout + result.stderr).lower(), result.stdout + result.stderr
    slides = len(Presentation(str(deck)).slides)
    assert len(PdfReader(pdf).pages) == slides
    out = ROOT / "build/office"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob(f"{deck.stem}-*.png"):
        old.unlink()
    rendered = subprocess.run([pdftoppm, "-r", "60", "-png", str(pdf), str(out / deck.stem)], capture_output=True, text=True)
    assert rendered.returncode == 0, rendered.stderr
    pages = sorted(out.glob(f"{deck.stem}-*.png"))
    assert len(pages) == slides
    assert all(p.stat().st_size > 5000 for p in pages), "a blank page"
