"""The kiosk never leaves the exhibition: rewrite each rendered page.

- A link to another host (http:, https:, mailto:, tel:, //host…) becomes text,
  with the address written out after it, so a visitor can note it down.
- Nothing opens a new window: `target` attributes are dropped, and a link that
  would download a file becomes text too.
"""

from __future__ import annotations

import html
import re
from urllib.parse import unquote

# <a …>…</a>: links never nest, so the first </a> closes it.
LINK = re.compile(r"<a\b([^>]*)>(.*?)</a\s*>", re.IGNORECASE | re.DOTALL)
HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
TARGET = re.compile(r"""\s+target\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
DOWNLOAD = re.compile(r"\sdownload(\s|=|$)", re.IGNORECASE)
OUTSIDE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)  # a scheme, or another host
TAGS = re.compile(r"<[^>]+>")
# <link rel="alternate" hreflang=…>: Material fetches each language's sitemap.xml from them, which
# file:// refuses; the toolbar's language buttons do the switching in the kiosk.
ALTERNATE = re.compile(r"""<link\b[^>]*\brel\s*=\s*["']?alternate["']?[^>]*>\s*""", re.IGNORECASE)
# Whole elements whose text must not change: scripts, styles, the search index.
KEEP = re.compile(r"(<(script|style|textarea)\b.*?</\2\s*>)", re.IGNORECASE | re.DOTALL)


def is_outside(href: str) -> bool:
    href = html.unescape(href).strip()
    return bool(OUTSIDE.match(href)) and not href.lower().startswith(("javascript:", "data:", "blob:"))


def keep_inside(page: str, lang: str = "zh") -> tuple[str, int]:
    """The page with every way out turned into text; and how many links were changed."""
    changed = 0

    def link(match: re.Match) -> str:
        nonlocal changed
        attrs, inner = match.group(1), match.group(2)
        found = HREF.search(attrs)
        href = next((g for g in found.groups() if g is not None), "") if found else ""
        if not (is_outside(href) or DOWNLOAD.search(attrs)):
            return f"<a{TARGET.sub('', attrs)}>{inner}</a>"
        changed += 1
        address = html.unescape(href).strip()
        address = re.sub(r"^(mailto|tel):", "", address, flags=re.IGNORECASE)
        address = unquote(address)  # a visitor copies 鲁西北… from the screen, not %E9%B2%81…
        shown = html.escape(address, quote=False)
        classes = re.search(r"""\bclass\s*=\s*["']([^"']*)["']""", attrs)
        css = f"kx-offsite {classes.group(1)}" if classes else "kx-offsite"
        text = html.unescape(TAGS.sub("", inner)).strip()
        if not is_outside(href) or text.rstrip("/") == address.rstrip("/"):
            return f'<span class="{css}">{inner}</span>'  # a download, or the address is the text already
        around = ("（", "）") if lang == "zh" else (" (", ")")
        return f'<span class="{css}">{inner}<span class="kx-address">{around[0]}{shown}{around[1]}</span></span>'

    page = ALTERNATE.sub("", page)
    parts = KEEP.split(page)
    out = []
    # KEEP.split gives text, whole element, tag name, text, …
    for index, part in enumerate(parts):
        kind = index % 3
        if kind == 0:
            out.append(LINK.sub(link, part))
        elif kind == 1:
            out.append(part)
    return "".join(out), changed
