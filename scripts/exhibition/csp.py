"""The Content-Security-Policy the built site satisfies (deploy/csp.md explains it).

Everything the site runs comes from its own host, from files: Material's own inline scripts
are moved to files (overrides/partials/javascripts/), and exhibition.js loads GLightbox (kept
in docs/assets) on the first tap of a picture. Any inline <script> or <style> that appears after
all (a plugin upgrade) is allowed by its SHA-256 hash, computed here from
the built pages. Scripts never need 'unsafe-inline'; only style *attributes* do (GLightbox sets
them while the lightbox is open).

    python -m exhibition.csp [site/]            # the policy, as the nginx line and the <meta> tag
    python -m exhibition.csp site --nginx       # the file deploy/nginx-csp.conf

The tests check that deploy/nginx-csp.conf holds exactly the policy computed from a fresh build.
"""

from __future__ import annotations

import base64
import hashlib
import re
import sys
from pathlib import Path

# Directives that do not depend on the pages. 'self' only: no CDN, no font host, no analytics.
FIXED = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    # GLightbox sizes the open picture with element.setAttribute("style", …) (pixel values that
    # change with the window), which no hash can allow; the pages carry a picture's focal point and a
    # story cover's shape as style attributes (values from the records). Style attributes cannot run
    # code, and img-src keeps them from loading anything from another host.
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],  # Material's icons are SVG data: URLs in its CSS
    "font-src": ["'self'"],
    "media-src": ["'self'"],  # the audio guide's recordings
    "connect-src": ["'self'"],  # the search worker fetches search/search_index.json
    "worker-src": ["'self'"],  # Material's search worker
    "manifest-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
}
# <style> elements vendored scripts add themselves, allowed by their hash (no 'unsafe-inline'):
# OpenSeadragon (the deep-zoom viewer of large scans, assets/vendor/openseadragon/) adds this one rule
# when it starts, unless a <style data-openseadragon-mobile-css> is already in the page.
VENDOR_STYLES = (
    "@media (hover: none) {    .openseadragon-canvas:focus {        outline: none !important;    }}",  # OpenSeadragon 6.1.1
)
# Only in an HTTP header: a <meta> policy cannot carry these (browsers ignore them there).
HEADER_ONLY = {"frame-ancestors": ["'self'"]}

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
_STYLE = re.compile(r"<style(?P<attrs>[^>]*)>(?P<body>.*?)</style>", re.S | re.I)
_DATA_BLOCK = re.compile(r"""\btype\s*=\s*["']?(application/(ld\+)?json|text/template)""", re.I)


def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def inline_hashes(site: Path) -> tuple[set[str], set[str]]:
    """Hashes of every inline script (that a browser runs) and every <style> element in site/."""
    scripts, styles = set(), set()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8", errors="replace")
        for match in _SCRIPT.finditer(html):
            attrs = match["attrs"]
            if re.search(r"\bsrc\s*=", attrs, re.I) or _DATA_BLOCK.search(attrs):
                continue
            scripts.add(digest(match["body"]))
        for match in _STYLE.finditer(html):
            styles.add(digest(match["body"]))
    return scripts, styles


def directives(site: Path, *, header: bool = True) -> dict[str, list[str]]:
    scripts, styles = inline_hashes(site)
    out = {name: list(values) for name, values in FIXED.items()}
    out["script-src"] += sorted(scripts)
    out["style-src"] += sorted(styles | {digest(text) for text in VENDOR_STYLES})
    if header:
        out.update(HEADER_ONLY)
    return out


def policy(site: Path, *, header: bool = True) -> str:
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives(site, header=header).items())


def nginx_line(site: Path) -> str:
    return f'add_header Content-Security-Policy "{policy(site)}" always;'


def meta_tag(site: Path) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy(site, header=False)}">'


NGINX_FILE_HEADER = """\
# The Content-Security-Policy the site satisfies: deploy/csp.md explains each part.
# Include it in every server/location block that has its own add_header (nginx drops inherited
# add_header lines in a block that sets any). Regenerate after a build with:
#   .venv/bin/python -m exhibition.csp site --nginx > deploy/nginx-csp.conf
# tests/test_csp.py fails when the built site needs another policy than this one.
"""


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    paths = [a for a in args if not a.startswith("--")]
    site = Path(paths[0] if paths else "site")
    if not (site / "index.html").is_file():
        print(f"{site}/index.html not found: build the site first (make build).", file=sys.stderr)
        return 1
    if "--nginx" in args:  # the file deploy/nginx-csp.conf
        print(NGINX_FILE_HEADER + nginx_line(site))
    elif "--meta" in args:
        print(meta_tag(site))
    else:
        print("# nginx (server or location block):")
        print(nginx_line(site))
        print("# or, for a host without headers, in every page's <head> before any script:")
        print(meta_tag(site))
    return 0


if __name__ == "__main__":
    sys.exit(main())
