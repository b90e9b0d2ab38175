"""Together: what only the whole collection can tell (ids twice, unknown zones and tags, links)."""

from __future__ import annotations

import difflib

from .. import model
from ..load import Document
from ..problems import Problem, dotted


def check_together(docs: list[tuple[Document, model.Record]], zones: set[str] | None, tags: set[str] | None) -> list[Problem]:
    problems = _ids_twice(docs)
    for doc, record in docs:
        problems += _unknown_sources(doc, record) + _disputes(doc, record)
        if zones is not None:
            problems += _zone(doc, record, zones)
        if tags is not None:
            problems += _tags(doc, record, tags)
    return problems


def _ids_twice(docs: list[tuple[Document, model.Record]]) -> list[Problem]:
    problems = []
    first: dict[str, str] = {}
    for doc, record in docs:
        if record.id in first:
            problems.append(
                Problem(
                    doc.path,
                    doc.line(("id",)),
                    "id",
                    f'"{record.id}" is already used by {first[record.id]}. Ids are the page address: choose another',
                )
            )
        else:
            first[record.id] = f"{doc.path}:{doc.line(('id',))}"
    return problems


def _unknown_sources(doc: Document, record: model.Record) -> list[Problem]:
    """Every `source:` field of the record (a figure's, a disputed value's) names one of its `sources`."""
    source_ids = {s.id for s in record.sources}
    return [
        Problem(
            doc.path,
            doc.line(loc),
            dotted(loc),
            f"no entry in `sources` has the id \"{source}\". Use one of: {', '.join(sorted(source_ids)) or '(none yet)'}",
        )
        for loc, source in record.source_ids_used()
        if source not in source_ids
    ]


def _disputes(doc: Document, record: model.Record) -> list[Problem]:
    """A disputed value names a field of its record, or says with a `label` what is disputed."""
    problems = []
    for index, dispute in enumerate(record.disputed):
        if dispute.field not in type(record).model_fields and dispute.label is None:
            loc = ("disputed", index, "field")
            problems.append(
                Problem(
                    doc.path,
                    doc.line(loc),
                    dotted(loc),
                    f"`{dispute.field}` is not a field of a {record.kind} record. Name the field, or add a `label` saying what is disputed",
                )
            )
    return problems


def _zone(doc: Document, record: model.Record, zones: set[str]) -> list[Problem]:
    if not record.hall or record.hall.zone in zones:
        return []
    loc = ("hall", "zone")
    return [
        Problem(
            doc.path,
            doc.line(loc),
            dotted(loc),
            f"no zone \"{record.hall.zone}\" in the hall map. Use one of: {', '.join(sorted(zones))}",
        )
    ]


def _tags(doc: Document, record: model.Record, tags: set[str]) -> list[Problem]:
    problems = []
    for index, tag in enumerate(record.tags):
        if tag not in tags:
            loc = ("tags", index)
            close = difflib.get_close_matches(tag, tags, n=1)
            hint = (
                f"Did you mean `{close[0]}`?"
                if close
                else "Add it with its Chinese and English name to settings/tags.yml, or use an existing tag."
            )
            problems.append(Problem(doc.path, doc.line(loc), dotted(loc), f'unknown tag "{tag}". {hint}'))
    return problems
