"""After the build: one search index per language.

static-i18n stacks both languages into site/search/search_index.json; visitors
reading English should only get English pages (and Chinese readers Chinese), so
the index is split: zh entries stay at the root, other languages go to
site/<lang>/search/ with their locations made relative to that folder.

Beside each index, the web edition gets search/pictures.json: the results show a
record's picture (exhibition.js), while the index itself stays text.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import urls


def split_by_language(site_dir: Path, default: str, others: list[str], script: bool = False) -> dict[str, int]:
    """script: also write each index as search_index.js (`var __index = …`), which
    Material loads instead of the JSON when the site is opened from file:// (the
    kiosk edition, with Material's offline plugin)."""
    path = site_dir / "search" / "search_index.json"
    if not path.exists():
        return {}
    index = json.loads(path.read_text(encoding="utf-8"))
    buckets: dict[str, list] = {lang: [] for lang in [default, *others]}
    for doc in index["docs"]:
        lang = urls.language_of(doc["location"], others) or default
        if lang != default:
            doc = {**doc, "location": doc["location"][len(urls.language_root(lang)) :]}
        buckets[lang].append(doc)
    for lang, docs in buckets.items():
        target = site_dir / urls.language_root(lang) / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({**index, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
        target.write_text(text, encoding="utf-8")
        if script:
            target.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")
    return {lang: len(docs) for lang, docs in buckets.items()}


PICTURES = "pictures.json"


def write_pictures(site_dir: Path, site, languages: list[str], directory_urls: bool = True) -> None:
    """search/pictures.json in each language's folder: {record page: [its smallest picture, width,
    height, focal point as CSS object-position or ""]} for every record with a picture, both addresses
    from the language's root as the index's locations are."""
    entries = {}
    for record in site.records:
        if lead := site.lead_image(record):
            page = urls.page(site.page_path(record), urls.DEFAULT_LANG, directory_urls)
            entries[page] = (lead.small.url, lead.small.width, lead.small.height, record.images[0].position)
    for lang in languages:
        root = urls.language_root(lang)
        up = urls.up_to_root(root)
        data = {page: [up + src, width, height, position] for page, (src, width, height, position) in entries.items()}
        target = site_dir / root / "search" / PICTURES
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
