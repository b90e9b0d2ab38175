"""The web edition's service worker: the guided tour keeps working where the hall has no signal.

Visitors open the site from a label's QR code, often inside WeChat and on a weak network. Once one
page has loaded, the worker (sw.js, written at the site's root so that its scope is the whole site,
a sub-path too) fetches in the background what a walk through the hall needs: both home pages, the
offline pages, the tour's stops, the exhibits standing in its zones, and the files those pages load
(styles, scripts, the smallest of each picture, the audio guide), until the budget in settings/site.yml is spent.

The list is read from the built pages themselves (their <link>, <script> and <img>), so it names
exactly what a page loads, whatever the templates become. The cache is named after a hash of every
file in it: a new build with any change is a new worker, which replaces the old cache.

The kiosk edition (file://, Material's offline plugin) registers no worker and gets no sw.js.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from .. import urls
from ..pages.catalogue import Catalogue
from ..pages.site import Site

WORKER = "sw.js"
MANIFEST = "offline.json"  # what the offline page lists: the pages kept, with their titles
OFFLINE_PAGE = Catalogue().path("offline")  # docs/offline.<lang>.md: the page shown for a page not kept
DEFAULT_BUDGET_MB = 15


@dataclass
class Plan:
    """What the worker keeps, in the order it matters to a visitor."""

    files: list[str] = field(default_factory=list)  # site-root-relative URLs
    size: int = 0  # bytes
    pages: dict[str, list[dict]] = field(default_factory=dict)  # language -> [{url, title}]
    smaller: dict[str, str] = field(default_factory=dict)  # a picture's larger variant -> the one kept
    left_out: list[str] = field(default_factory=list)  # pages over the budget

    def version(self, site_dir: Path) -> str:
        digest = hashlib.sha256()
        for url in self.files:
            digest.update(url.encode() + b"\0" + _file(site_dir, url).read_bytes())
        return digest.hexdigest()[:16]


def _file(site_dir: Path, url: str) -> Path:
    """The file a site-root-relative URL is served from (directory URLs end in /)."""
    return site_dir / (url + "index.html" if url == "" or url.endswith("/") else url)


class _Loads(HTMLParser):
    """The same-site files a page loads: styles, scripts, icons, and the smallest of each picture."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.files: list[str] = []
        self.pictures: list[tuple[str, list[str]]] = []  # (kept, every variant)
        self.title = ""
        self._in_title = False
        self._opens: str | None = None  # a picture link's target (the lightbox's large file), until its <img>

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        loaded = _loaded(tag, a)
        if loaded:
            self.files.append(loaded)
        elif tag == "a" and "glightbox" in (a.get("class") or "").split() and a.get("href"):
            self._opens = a["href"]
        elif tag in ("img", "source") and not (a.get("type") or "").startswith("audio/"):
            self._picture(a)
        elif tag == "title":
            self._in_title = True

    def _picture(self, a: dict) -> None:
        candidates = [c.strip().split()[0] for c in (a.get("srcset") or "").split(",") if c.strip()]
        variants = [*([a["src"]] if a.get("src") else []), *candidates]
        if self._opens:  # without signal, the enlarged picture falls back to the one kept
            variants.append(self._opens)
            self._opens = None
        if variants:
            # The browser may ask for any variant; the worker keeps the smallest (listed first).
            self.pictures.append((variants[0] if a.get("src") else candidates[0], variants))

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def _loaded(tag: str, a: dict) -> str | None:
    """The file an element loads by itself: a <link>'s style, icon or manifest, a <script>, an audio guide's
    <audio> or <source>; None for any other element."""
    if tag == "link" and {"stylesheet", "icon", "manifest"} & set((a.get("rel") or "").split()):
        return a.get("href")
    if tag == "script":
        return a.get("src")
    if tag in ("audio", "source") and (a.get("type") or "audio/").startswith("audio/"):
        return a.get("src")  # the audio guide of a tour stop or exhibit
    return None


def _title(title: str) -> str:
    """A page's <title> without the site's name, which Material writes after the last " - "."""
    return " ".join(title.split()).rsplit(" - ", 1)[0]


def _resolve(page_url: str, link: str) -> str | None:
    """A link on the page at page_url as a site-root-relative URL; None for other hosts and data:."""
    if not link or "://" in link or link.startswith(("data:", "#", "//", "mailto:", "tel:")):
        return None
    link = link.split("#")[0].split("?")[0]
    base = page_url if page_url.endswith("/") or page_url == "" else posixpath.dirname(page_url) + "/"
    joined = posixpath.normpath(posixpath.join(base, link))
    if joined.startswith(".."):
        return None
    return "" if joined == "." else joined


def plan(site: Site, site_dir: Path, languages: tuple[str, ...], budget: int) -> Plan:
    """The pages a walk through the hall needs (budget in bytes), each with the files it loads."""
    out = Plan()
    kept: set[str] = set()
    directory_urls = site.directory_urls

    def add_page(url: str, lang: str) -> None:
        path = _file(site_dir, url)
        if out.left_out:  # the budget is spent: the walk stops here, later stops are not kept out of order
            out.left_out.append(url)
            return
        if url in kept or not path.exists():
            return
        loads = _Loads()
        loads.feed(path.read_text(encoding="utf-8"))
        new = [url, *_files_needed(site_dir, url, loads.files, kept | {url})]
        smallest, smaller = _pictures_needed(site_dir, url, loads.pictures, kept | set(new))
        new += smallest
        size = sum(_file(site_dir, u).stat().st_size for u in new)
        if out.size + size > budget:
            out.left_out.append(url)
            return
        out.files += new
        out.size += size
        kept.update(new)
        out.smaller.update({k: v for k, v in smaller.items() if k not in kept})
        if not url.endswith(urls.page(OFFLINE_PAGE, "zh", directory_urls)):  # the offline page lists the others
            out.pages.setdefault(lang, []).append({"url": url, "title": _title(loads.title)})

    def add_files(files: list[str]) -> None:
        files = [f for f in files if f not in kept and _file(site_dir, f).is_file()]
        size = sum(_file(site_dir, f).stat().st_size for f in files)
        if out.size + size <= budget:
            out.files += files
            out.size += size
            kept.update(files)

    def page(docs_path: str, lang: str) -> str:
        return urls.page(docs_path, lang, directory_urls)

    # First what every visitor needs whatever they do next, then the walk itself, stop by stop.
    for lang in languages:
        add_page(urls.home(lang, directory_urls), lang)
        add_page(page(OFFLINE_PAGE, lang), lang)
    # Search, so that a visitor without signal can still find an exhibit the tour keeps.
    workers = site_dir / "assets/javascripts/workers"  # Material's search worker, and ours that loads it
    add_files([f"assets/javascripts/workers/{p.name}" for p in sorted(workers.glob("*.js"))])
    for lang in languages:
        add_files([urls.language_root(lang) + "search/search_index.json", urls.language_root(lang) + "search/pictures.json"])
    for lang in languages:
        add_page(page(site.tour_path(), lang), lang)
    for zone in site.route:
        for lang in languages:
            add_page(page(site.tour_path(zone), lang), lang)
        for record in site.in_zone(zone.id):
            for lang in languages:
                add_page(page(site.page_path(record), lang), lang)
    return out


def _files_needed(site_dir: Path, url: str, links: list[str], kept: set[str]) -> list[str]:
    """The same-site files the page at url loads that exist and are not kept yet, once each."""
    new: list[str] = []
    for link in links:
        target = _resolve(url, link)
        if target is not None and target not in kept and target not in new and _file(site_dir, target).is_file():
            new.append(target)
    return new


def _pictures_needed(
    site_dir: Path, url: str, pictures: list[tuple[str, list[str]]], kept: set[str]
) -> tuple[list[str], dict[str, str]]:
    """The smallest copy of each picture on the page at url that is not kept yet, and {each of its other
    variants: that smallest copy}, which the worker serves in their place without signal."""
    new: list[str] = []
    smaller: dict[str, str] = {}
    for chosen, variants in pictures:
        small = _resolve(url, chosen)
        if small is None or not _file(site_dir, small).is_file():
            continue
        if small not in kept and small not in new:
            new.append(small)
        for variant in variants:
            target = _resolve(url, variant)
            if target and target != small:
                smaller[target] = small
    return new, smaller


def write(site: Site, site_dir: Path, languages: tuple[str, ...], budget_mb: float) -> Plan:
    """sw.js and offline.json at the site's root, from the built pages in site_dir."""
    result = plan(site, site_dir, languages, int(budget_mb * 1024 * 1024))
    offline_pages = {urls.language_root(lang): urls.page(OFFLINE_PAGE, lang, site.directory_urls) for lang in languages}
    manifest = {"pages": result.pages}
    (site_dir / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    files = [*result.files, MANIFEST]
    source = resources.files(__package__).joinpath("sw.js").read_text(encoding="utf-8")
    worker = (
        source.replace("__VERSION__", result.version(site_dir) + _digest(manifest))
        .replace("__PRECACHE__", json.dumps(files, ensure_ascii=False))
        .replace("__SMALLER__", json.dumps(result.smaller, ensure_ascii=False, sort_keys=True))
        .replace("__OFFLINE__", json.dumps(offline_pages, ensure_ascii=False, sort_keys=True))
    )
    (site_dir / WORKER).write_text(worker, encoding="utf-8")
    return result


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:4]
