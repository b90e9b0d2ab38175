"""Where a page lives, seen from the site's root: one rule for every page and file the build writes.

A base module (it imports nothing of the package): records/, pages/, the edition
adapters (kiosk/, printing/, opendata) and the commands all ask it.

MkDocs names a page after its docs/ path: `exhibits/people/x.md` is served at
`exhibits/people/x/` (directory URLs, the web site) or `exhibits/people/x.html`
(the kiosk edition, opened from file://). mkdocs-static-i18n serves the default
language at the root and every other language under `<lang>/`. Every function
takes the language and the URL style (directory_urls) it answers for.
"""

from __future__ import annotations

import posixpath

DEFAULT_LANG = "zh"
HOME = "index.md"  # the home page's docs path (pages/catalogue.py's `home`)


def language_root(lang: str = DEFAULT_LANG) -> str:
    """The folder a language's pages are served from: '' for the default, 'en/' for English."""
    return "" if lang == DEFAULT_LANG else f"{lang}/"


def language_of(url: str, others) -> str | None:
    """Which of the `others` languages a site-root-relative URL is in; None for the default language."""
    return next((lang for lang in others if url == lang or url.startswith(language_root(lang))), None)


def page(docs_path: str, lang: str = DEFAULT_LANG, directory_urls: bool = True) -> str:
    """Site-root-relative URL of the page made from docs_path (a .md path under docs/)."""
    url = docs_path[: -len(".md")] if docs_path.endswith(".md") else docs_path
    if url == "index" or url.endswith("/index"):
        url = url[: -len("index")] + ("" if directory_urls else "index.html")
    else:
        url += "/" if directory_urls else ".html"
    return language_root(lang) + url


def home(lang: str = DEFAULT_LANG, directory_urls: bool = True) -> str:
    """Site-root-relative URL of the home page in `lang`."""
    return page(HOME, lang, directory_urls)


def up_to_root(page_url: str) -> str:
    """The relative path from a page at page_url (as `page` returns it) back to the site's root."""
    depth = page_url.count("/")
    return "../" * depth


def root_from(docs_path: str, lang: str = DEFAULT_LANG, directory_urls: bool = True) -> str:
    """The relative path from the page made from docs_path back to the site's root (where docs/ is
    served), for raw HTML (<img>, SVG, cards) that MkDocs does not rewrite."""
    return up_to_root(page(docs_path, lang, directory_urls))


def page_from(target: str, docs_path: str, lang: str = DEFAULT_LANG, directory_urls: bool = True) -> str:
    """URL of the page made from `target` (a docs/ .md path), relative to the page made from docs_path."""
    return root_from(docs_path, lang, directory_urls) + page(target, lang, directory_urls)


def markdown_link(target: str, docs_path: str) -> str:
    """A Markdown link from the page at docs_path to the docs/ file `target`: MkDocs rewrites it
    to the right URL for the edition and language itself."""
    return posixpath.relpath(target, posixpath.dirname(docs_path))


def absolute(site_url: str, docs_path: str | None, lang: str = DEFAULT_LANG, directory_urls: bool = True) -> str | None:
    """Public URL of a page (a .md path) or file under docs/, when the site's address is known."""
    if not docs_path or not site_url:
        return None
    if docs_path.endswith(".md"):
        return site_url + page(docs_path, lang, directory_urls)
    return site_url + docs_path
