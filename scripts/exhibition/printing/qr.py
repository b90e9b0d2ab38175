"""QR codes as inline SVG or PNG (segno), and the public address each code carries."""

from __future__ import annotations

import base64
import html
import io
import json
import os
from functools import lru_cache
from pathlib import Path

import segno
from PIL import Image

from ..pages.catalogue import Catalogue
from ..records import model

# Used in QR codes while mkdocs.yml has no site_url (SITE_URL unset). The .invalid
# top-level domain never resolves, so a code printed by mistake leads nowhere.
PLACEHOLDER_SITE_URL = "https://site-url-not-set.invalid/"


def base_url(site_url: str | None, placeholder: str = PLACEHOLDER_SITE_URL) -> tuple[str, bool]:
    """(base URL ending in /, True when it is the placeholder)."""
    if site_url and site_url.strip():
        return site_url.strip().rstrip("/") + "/", False
    return placeholder.rstrip("/") + "/", True


def record_url(base: str, out_dir: str, record: model.Record, lang: str = "zh", directory_urls: bool = True) -> str:
    return base + Catalogue(out_dir).url("record", record, lang=lang, directory_urls=directory_urls)


def short(url: str) -> str:
    """The address as printed under a code: without the scheme."""
    return url.split("://", 1)[-1]


@lru_cache(maxsize=4096)
def _code(url: str) -> segno.QRCode:
    # Choosing the best mask makes encoding cost ~30 ms a code: encode each address once per process.
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str, label: str, css_class: str = "ex-qr") -> str:
    """A scalable SVG (size it with CSS) that decodes to exactly `url`, named for screen readers."""
    code = _code(url)
    buffer = io.BytesIO()
    code.save(
        buffer,
        kind="svg",
        xmldecl=False,
        svgns=True,
        omitsize=True,
        border=4,
        nl=False,
        svgclass=css_class,
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    svg = buffer.getvalue().decode("ascii")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label, quote=True)}" ', 1)


def qr_img(url: str, label: str, css_class: str = "ex-qr") -> str:
    """The same code as a PNG <img> (for the PDFs: WeasyPrint lays out a bitmap far faster than the SVG path)."""
    uri = "data:image/png;base64," + base64.b64encode(_png(_code(url))).decode("ascii")
    return f'<img class="{css_class}" src="{uri}" alt="{html.escape(label, quote=True)}">'


def _png(code: segno.QRCode, scale: int = 10, border: int = 4) -> bytes:
    # Pillow writes the PNG ~20x faster than segno's pure-Python writer.
    size = len(code.matrix) + 2 * border
    pixels = bytearray(b"\xff" * size * size)
    for y, row in enumerate(code.matrix, border):
        for x, dark in enumerate(row, border):
            if dark:
                pixels[y * size + x] = 0
    image = Image.frombytes("L", (size, size), bytes(pixels)).convert("1")
    buffer = io.BytesIO()
    image.resize((size * scale, size * scale), Image.Resampling.NEAREST).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


class Codes:
    """QR markup remembered between builds in one JSON file: segno picks the most readable
    mask by scoring all eight (≈ 10 ms a code), so a collection of 1,000 labels costs
    seconds per build unless the codes made last time are reused."""

    def __init__(self, path: Path):
        self.path = path
        try:
            saved = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = {}
        self.saved: dict[str, str] = saved if isinstance(saved, dict) else {}
        self.used: dict[str, str] = {}

    def _get(self, make, url: str, label: str, css_class: str) -> str:
        key = f"{make.__name__}\0{url}\0{label}\0{css_class}"
        markup = self.used.get(key) or self.saved.get(key)
        if not isinstance(markup, str):
            markup = make(url, label, css_class)
        self.used[key] = markup
        return markup

    def svg(self, url: str, label: str, css_class: str = "ex-qr") -> str:
        return self._get(qr_svg, url, label, css_class)

    def img(self, url: str, label: str, css_class: str = "ex-qr") -> str:
        return self._get(qr_img, url, label, css_class)

    def save(self) -> None:
        """Keep the codes of this build only, so the file does not grow with removed records."""
        if self.used == self.saved:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.part")
        partial.write_text(json.dumps(self.used, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        partial.replace(self.path)
