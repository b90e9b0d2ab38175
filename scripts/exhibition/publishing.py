"""Where the site is published: its address, and files for search engines and hosts."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from . import urls
from .pages.catalogue import Catalogue
from .words import word

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


FOOTER_WORDS = (
    "visit_unknown",
    "visit_hours",
    "visit_closed",
    "visit_phone",
    "visit_map",
    "visit_getting_here",
    "visit_booking",
    "footer_visit",
    "address",
)
STATEMENT = Catalogue().path("accessibility")  # docs/accessibility.<lang>.md: what the site does for every visitor


def _both(text, languages) -> dict | None:
    """A Text as {lang: (words, lang attribute)}: the attribute is "zh" where English falls back on the Chinese."""
    if not text:
        return None
    return {lang: (text.get(lang), "zh" if lang != "zh" and text.missing(lang) else "") for lang in languages}


def footer(info, languages, directory_urls: bool, icp: str = "", police: str = "", statement: bool = True, hall=None) -> dict:
    """The footer lines a public body's site in China carries, for partials/copyright.html, from
    settings/site.yml (`info`, a settings.SiteInfo); icp and police: SITE_ICP / SITE_POLICE_FILING,
    set at build time for the host's domain, which win over the settings. statement: link the
    accessibility statement (the web edition; the kiosk's own buttons are its statement).
    hall: the place record the home's visit box shows (settings/home.yml `visit`): its name and
    address lead the footer, with the visit settings (hours, phone, map link) each when set; the
    visit page's cards (overrides/visit.html) read the same."""
    return {
        **_visit_lines(info.visit, hall, languages),
        "words": {lang: {key: word(key, lang) for key in FOOTER_WORDS} for lang in languages},
        "visit_page": {lang: Catalogue().url("visit", lang=lang, directory_urls=directory_urls) for lang in languages},
        **_publisher_lines(info, languages),
        **_filing_lines(info, icp, police),
        "statement": {lang: urls.page(STATEMENT, lang, directory_urls) for lang in languages} if statement else None,
    }


def _visit_lines(visit, hall, languages) -> dict:
    """The hall's name and address (from its place record), then the visit settings: each empty when unset."""
    return {
        "hall": _both(hall.title, languages) if hall else None,
        "address": _both(getattr(hall, "address", None), languages),
        "map_url": visit.map_url or "",
        "hours": _both(visit.hours, languages),
        "closed": _both(visit.closed, languages),
        "booking": _both(visit.booking, languages),
        "directions": _both(visit.directions, languages),
        "phone": visit.phone or "",
    }


def _publisher_lines(info, languages) -> dict:
    """Who publishes the site, in each language, and how to reach them."""
    publisher = info.publisher
    return {
        "publisher": {lang: publisher.get(lang) for lang in languages} if publisher else None,
        "publisher_translated": bool(publisher and publisher.en),
        "contact": info.contact or "",
    }


def _filing_lines(info, icp: str, police: str) -> dict:
    """The ICP and public security filings (the build's values win over the settings), and the site code."""
    police = (police or info.police_filing or "").strip()
    return {
        "icp": (icp or info.icp or "").strip(),
        "police": police,
        # The registry's page for the filing: its record is found by the number's digits.
        "police_link": "https://beian.mps.gov.cn/#/query/webSearch?code=" + "".join(c for c in police if c.isdigit()),
        "police_emblem": info.police_emblem or "",
        "site_code": info.site_code or "",
    }
