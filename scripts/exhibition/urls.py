"""Where a page lives, seen from the site's root: one rule for every page the build writes.

MkDocs names a page after its docs/ path: `exhibits/people/x.md` is served at
`exhibits/people/x/` (directory URLs, the web site) or `exhibits/people/x.html`
(the kiosk edition, opened from file://). mkdocs-static-i18n serves the default
language at the root and every other language under `<lang>/`.
"""

from __future__ import annotations

DEFAULT_LANG = "zh"


def page(docs_path: str, lang: str = DEFAULT_LANG, directory_urls: bool = True) -> str:
    """Site-root-relative URL of the page made from docs_path (a .md path under docs/)."""
    url = docs_path[: -len(".md")] if docs_path.endswith(".md") else docs_path
    if url == "index" or url.endswith("/index"):
        url = url[: -len("index")] + ("" if directory_urls else "index.html")
    else:
        url += "/" if directory_urls else ".html"
    return url if lang == DEFAULT_LANG else f"{lang}/{url}"


def record_docs_path(record, out_dir: str = "exhibits") -> str:
    """docs/-relative Markdown path of a record's page."""
    return f"{out_dir}/{record.FOLDER}/{record.id}.md"


def up_to_root(page_url: str) -> str:
    """The relative path from a page at page_url (as `page` returns it) back to the site's root."""
    depth = page_url.count("/")
    return "../" * depth
