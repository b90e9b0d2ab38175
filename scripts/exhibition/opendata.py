"""Open data: every published record as JSON and CSV, one file per language.

Written beside the pages (docs/data/, git-ignored) so MkDocs publishes them at
/data/. Private fields never leave: consent references, who reviewed, the
public-value exceptions; drafts are not published at all (validation drops them).
A picture is given as the URLs of its published copies: the original in images/ is not on the site.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from .pages.catalogue import Catalogue
from .records import model
from .records.markers import strip_markers

FOLDER = "data"  # inside docs/: published at /data/
PRIVATE = {"consent", "public_values", "by"}
CSV_COLUMNS = ["id", "kind", "title", "summary", "date", "zone", "tags", "sources", "reviewed", "page"]


def localise(value: Any, lang: str) -> Any:
    """Turn {zh, en} texts into the one language; drop private fields at any depth."""
    if isinstance(value, dict):
        if _is_text(value):
            return value.get(lang) or value["zh"]
        return {k: localise(v, lang) for k, v in value.items() if k not in PRIVATE and v not in (None, [], {})}
    if isinstance(value, list):
        return [localise(v, lang) for v in value]
    return value


def _is_text(value: dict) -> bool:
    """A {zh, en} text (the English may be missing), not a group of fields."""
    return set(value) <= {"zh", "en"} and "zh" in value and all(isinstance(v, (str, type(None))) for v in value.values())


def export(
    records: list[model.Record],
    out_dir: Path,
    langs=model.LANGS,
    derived: dict | None = None,
    directory_urls: bool = True,
    pages_dir: str = "exhibits",
) -> dict[str, int]:
    """derived: images/ path -> images.derivatives.Derived, the published copies of each picture."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = 0
    dumps = _dumps(records)
    ordered = sorted(records, key=lambda r: (r.kind, r.id))
    for lang in langs:
        rows = []
        for record in ordered:
            data = localise(dumps[id(record)], lang)
            _published_copies(data, record, derived or {})
            # The record's page in this edition's URL style (the kiosk's pages are file.html).
            data["page"] = Catalogue(pages_dir).url("record", record, lang=lang, directory_urls=directory_urls)
            rows.append(data)
        written += _write(
            out_dir / f"records-{lang}.json",
            json.dumps({"language": lang, "count": len(rows), "records": rows}, ensure_ascii=False, indent=1),
        )
        # UTF-8 with BOM: Excel, which most curators and teachers use, then shows Chinese correctly.
        written += _write(out_dir / f"records-{lang}.csv", "\ufeff" + _csv(ordered, rows))
    return {"written": written}


def _published_copies(data: dict, record: model.Record, derived: dict) -> None:
    """Each picture of a record's data given as its published copies instead of its file in images/."""
    for image, original in zip(data.get("images", []), record.images):
        image.pop("file", None)
        made = derived.get(original.file)
        # Relative to the site root, as docs/ is; smallest first, as in srcset.
        image["files"] = [{"url": v.url, "width": v.width, "height": v.height} for v in made.variants] if made else []
        if made and made.zoom:  # a large scan's deep-zoom tiles: the DZI descriptor (tiles beside it)
            image["zoom"] = {"dzi": made.zoom.url, "width": made.zoom.width, "height": made.zoom.height}


# The field that dates a record, by kind: the first of these it has.
DATE_FIELDS = ("date", "start", "opened", "established", "named")


def _csv(records: list[model.Record], rows: list[dict]) -> str:
    """The CSV table of one language: a line per record, its JSON row beside it."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record, data in zip(records, rows):
        when = next((getattr(record, name) for name in DATE_FIELDS if getattr(record, name, None)), None)
        writer.writerow(
            {
                "id": record.id,
                "kind": record.kind,
                "title": data["title"],
                "summary": strip_markers(data["summary"]),  # the JSON keeps [@id]: its sources are beside it
                "date": when.iso if hasattr(when, "iso") else "",
                "zone": record.hall.zone if record.hall else "",
                "tags": " ".join(record.tags),
                "sources": " | ".join(s.title for s in record.sources),
                "reviewed": record.review.date.iso,
                "page": data["page"],
            }
        )
    return buffer.getvalue()


_DUMPED: dict[int, tuple[model.Record, dict]] = {}


def _dumps(records: list[model.Record]) -> dict[int, dict]:
    """record.model_dump per record, kept while the record object lives on: the preview's checks
    hand back the same object for a file that did not change, so only edited records are dumped again."""
    fresh = {}
    for record in records:
        kept = _DUMPED.get(id(record))
        fresh[id(record)] = kept if kept is not None and kept[0] is record else (record, record.model_dump(mode="json"))
    _DUMPED.clear()
    _DUMPED.update(fresh)
    return {key: dump for key, (_, dump) in fresh.items()}


def _write(path: Path, text: str) -> int:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return 0
    path.write_text(text, encoding="utf-8")
    return 1
