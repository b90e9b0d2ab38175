"""QR codes as inline SVG (segno), and the public address each code carries."""

from __future__ import annotations

import html
import io
from functools import lru_cache

import segno

from ..records import model

# Used in QR codes while mkdocs.yml has no site_url (SITE_URL unset). The .invalid
# top-level domain never resolves, so a code printed by mistake leads nowhere.
PLACEHOLDER_SITE_URL = "https://site-url-not-set.invalid/"


def base_url(site_url: str | None, placeholder: str = PLACEHOLDER_SITE_URL) -> tuple[str, bool]:
    """(base URL ending in /, True when it is the placeholder)."""
    if site_url and site_url.strip():
        return site_url.strip().rstrip("/") + "/", False
    return placeholder.rstrip("/") + "/", True


def page_address(path: str, lang: str, directory_urls: bool = True) -> str:
    """docs-relative page path (exhibits/people/fan-zhuxian.md) -> URL path below the site root."""
    url = path[: -len(".md")]
    if url.endswith("/index") or url == "index":
        url = url[: -len("index")]
    elif directory_urls:
        url += "/"
    else:
        url += ".html"
    return ("" if lang == "zh" else f"{lang}/") + url


def record_url(base: str, out_dir: str, record: model.Record, lang: str = "zh", directory_urls: bool = True) -> str:
    return base + page_address(f"{out_dir}/{record.FOLDER}/{record.id}.md", lang, directory_urls)


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
    code.save(buffer, kind="svg", xmldecl=False, svgns=True, omitsize=True, border=4, nl=False,
              svgclass=css_class, lineclass=None, dark="#000", light="#fff")
    svg = buffer.getvalue().decode("ascii")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label, quote=True)}" ', 1)


def qr_img(url: str, label: str, css_class: str = "ex-qr") -> str:
    """The same code as a PNG <img> (for the PDFs: WeasyPrint lays out a bitmap far faster than the SVG path)."""
    code = _code(url)
    uri = code.png_data_uri(scale=10, border=4, dark="#000", light="#fff")
    return f'<img class="{css_class}" src="{uri}" alt="{html.escape(label, quote=True)}">'
