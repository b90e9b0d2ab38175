"""Together: what only the whole collection can tell (ids twice, unknown zones and tags, links)."""

from __future__ import annotations

import difflib

from .. import model
from ..load import Document
from ..problems import Problem, dotted


def check_together(docs: list[tuple[Document, model.Record]], zones: set[str] | None, tags: set[str] | None) -> list[Problem]:
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
    for doc, record in docs:
        source_ids = {s.id for s in record.sources}
        for loc, source in record.source_ids_used():
            if source not in source_ids:
                problems.append(
                    Problem(
                        doc.path,
                        doc.line(loc),
                        dotted(loc),
                        f"no entry in `sources` has the id \"{source}\". Use one of: {', '.join(sorted(source_ids)) or '(none yet)'}",
                    )
                )
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
        if zones is not None and record.hall and record.hall.zone not in zones:
            loc = ("hall", "zone")
            problems.append(
                Problem(
                    doc.path,
                    doc.line(loc),
                    dotted(loc),
                    f"no zone \"{record.hall.zone}\" in the hall map. Use one of: {', '.join(sorted(zones))}",
                )
            )
        for index, tag in enumerate(record.tags):
            if tags is not None and tag not in tags:
                loc = ("tags", index)
                close = difflib.get_close_matches(tag, tags, n=1)
                hint = (
                    f"Did you mean `{close[0]}`?"
                    if close
                    else "Add it with its Chinese and English name to settings/tags.yml, or use an existing tag."
                )
                problems.append(Problem(doc.path, doc.line(loc), dotted(loc), f'unknown tag "{tag}". {hint}'))
    return problems
