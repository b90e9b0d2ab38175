"""Where the site is published: its address, and files for search engines and hosts."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

# The head's <link rel="alternate" hreflang> tags, as Material writes them (one tag, href before
# hreflang or after): only these are touched, so a pattern is enough and no page is parsed whole.
ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">')


def site_url_problem(value: str) -> str | None:
    """Why site_url (mkdocs.yml, or SITE_URL) cannot be used, in the curator's format, or None."""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f'SITE_URL: "{value}" is not an absolute web address. Write it in full, e.g. https://example.org/expo/'
    if not value.endswith("/"):
        return f'SITE_URL: "{value}" must end with /. Use {value}/'
    if parts.query or parts.fragment:
        return f'SITE_URL: "{value}" has a ? or # part. Give only the address of the site\'s folder'
    return None


def absolute_alternates(html: str, page_address: str) -> str:
    """Each language version of a page named by its full address (https://host/…), as search engines
    require of hreflang links; static-i18n writes them relative to the page. page_address: the
    page's own full address (MkDocs' canonical URL, known when site_url is set)."""
    return ALTERNATE.sub(
        lambda m: f'<link rel="alternate" href="{urljoin(page_address, m.group(1))}" hreflang="{m.group(2)}">', html
    )


def write_robots(site_dir, site_url: str) -> None:
    """robots.txt: everything may be indexed; the sitemap needs the site's absolute address."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url}sitemap.xml")
    (site_dir / "robots.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_headers_file(site_dir) -> None:
    """_headers, for hosts that read one (Netlify, Cloudflare Pages): the rules of deploy/README.md."""
    from .csp import policy

    csp = policy(site_dir)
    immutable = "  Cache-Control: public, max-age=31536000, immutable"
    lines = [
        "/*",
        f"  Content-Security-Policy: {csp}",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
        "  Cache-Control: no-cache",
        "",
        "/assets/stylesheets/main.*",
        immutable,
        "",
        "/assets/stylesheets/palette.*",
        immutable,
        "",
        "/assets/javascripts/bundle.*",
        immutable,
        "",
        "/assets/javascripts/workers/*",
        immutable,
        "",
        "/media/*",
        immutable,
        "",
    ]
    (site_dir / "_headers").write_text("\n".join(lines), encoding="utf-8")
