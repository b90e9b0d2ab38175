"""Links: a field naming another record must name a published record of a kind it takes (with the
closest id suggested)."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .. import model
from ..load import Document
from ..problems import Problem, dotted


@dataclass(frozen=True)
class Target:
    """What a reference may point to: any record file with a usable id, even one with mistakes
    (its own file reports them; the records naming it should not each repeat them)."""

    id: str
    kind: str
    path: str
    title: str  # English title if given, for ranking suggestions
    published: bool


def check_references(doc: Document, cls: type[model.Record], targets: dict[str, Target]) -> list[Problem]:
    problems = []
    own_id = doc.data.get("id")
    kind = cls.model_fields["kind"].annotation.__args__[0]
    for loc, target, spec in _references(cls, doc.data):
        wrong = _wrong_reference(target, spec, model.accepted_kinds(spec, kind), own_id, targets)
        if wrong:
            problems.append(Problem(doc.path, doc.line(loc), dotted(loc), wrong))
    return problems


def _wrong_reference(target: str, spec: str, accepted, own_id, targets: dict[str, Target]) -> str | None:
    """What is wrong with naming `target` in the field `spec` (which takes the kinds accepted), or None."""
    found = targets.get(target)
    if target == own_id:
        return "points to this record itself. Name another record"
    if found is None:
        close = suggest(target, [t for t in targets.values() if t.kind in accepted and t.published and t.id != own_id])
        hint = f"Did you mean `{close}`?" if close else "Check the id, or add that record (or mark it draft if it is not ready)."
        return f'no published record has the id "{target}". {hint}'
    if found.kind not in accepted:
        return (
            f"\"{target}\" is a {found.kind} record ({found.path}), but {spec} names "
            f"a record of kind {' or '.join(accepted)}. Name one of those"
        )
    if not found.published:
        return (
            f'no published record has the id "{target}": {found.path} is a draft. '
            "Publish it (review.status: verified) or remove this reference"
        )
    return None


def suggest(wanted: str, candidates: list[Target]) -> str | None:
    """The candidate closest to a mistyped id, by its id and by the words of its English title:
    `luxibei-cemetery` finds the Luxibei Revolutionary Martyrs Cemetery."""
    words = [w for w in re.split(r"[^a-z0-9]+", wanted.lower()) if w]

    def score(target: Target) -> float:
        by_id = difflib.SequenceMatcher(None, wanted, target.id).ratio()
        theirs = set(re.split(r"[^a-z0-9]+", f"{target.id} {target.title}".lower())) - {""}
        by_words = sum(1 for w in words if difflib.get_close_matches(w, theirs, n=1, cutoff=0.8)) / max(len(words), 1)
        return max(by_id, by_words * 0.95)  # an equal id match beats an all-words title match

    ranked = sorted(((score(t), t.id) for t in candidates), key=lambda pair: (-pair[0], pair[1]))
    return ranked[0][1] if ranked and ranked[0][0] >= 0.6 else None


def _references(cls: type[model.Record], data: dict):
    """(loc, id, field spec) for every field of the file that names another record. Read from the
    file itself, so a record with a mistake elsewhere still has its references checked."""
    for spec in (*cls.REFERENCE_FIELDS, "images.depicts"):
        head, _, tail = spec.partition(".")
        value = data.get(head)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            loc = (head,) if index is None else (head, index)
            for where, target in _named(loc, item, tail):
                if isinstance(target, str) and re.fullmatch(model.SLUG, target):
                    yield where, target, spec


def _named(loc: tuple, item, tail: str) -> list[tuple[tuple, object]]:
    """(loc, value) of what the item names: the item itself, or its field `tail` (one value or a list)."""
    if not tail:
        return [(loc, item)]
    inner = item.get(tail) if isinstance(item, dict) else None
    if isinstance(inner, list):
        return [(loc + (tail, j), t) for j, t in enumerate(inner)]
    return [(loc + (tail,), inner)]
