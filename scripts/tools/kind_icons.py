"""Draw each kind's icon (Material's bundled SVG, as the picture cards show it) as a PNG for the slides.

python-pptx embeds bitmaps only, so a lesson whose linked record has no picture gets its kind's icon
from scripts/exhibition/printing/icons/<kind>.png. Run again when KIND_ICONS changes (Chromium draws them):
    .venv/bin/python scripts/tools/kind_icons.py
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

from exhibition.pages.format import KIND_ICONS, kind_icon
from exhibition.records.model import KINDS

OUT = Path(__file__).resolve().parents[2] / "scripts/exhibition/printing/icons"
SIZE = 600  # px: sharp on a projector in a 5-inch box
COLOUR = "#8c1c13"  # the site's accent red, on a warm light background


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": SIZE, "height": SIZE})
        for kind in KINDS:
            assert kind in KIND_ICONS, kind
            svg = kind_icon(kind).replace("<svg ", f'<svg width="{SIZE * 0.6:.0f}" height="{SIZE * 0.6:.0f}" fill="{COLOUR}" ', 1)
            page.set_content(
                f'<body style="margin:0;width:{SIZE}px;height:{SIZE}px;display:flex;align-items:center;'
                f'justify-content:center;background:#f4ede4">{svg}</body>'
            )
            page.screenshot(path=str(OUT / f"{kind}.png"))
        browser.close()


if __name__ == "__main__":
    main()
