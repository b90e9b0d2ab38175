"""`make new KIND=person ID=…`: a new record with every field, each explained.

Required fields are filled with TODO placeholders (validation refuses them until
replaced); optional fields are written as comments to uncomment when a source
gives them. Built from the record models, so it never falls behind them.
"""

from __future__ import annotations

import datetime
import re
import typing
from pathlib import Path

from pydantic import BaseModel

from ..paths import Paths
from ..words import UI
from . import model
from .dates import PartialDate

TODO = "TODO"


def _is(annotation, cls) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, cls)


def _unwrap(annotation):
    """Optional[X] -> X; Annotated[X, …] -> X."""
    if typing.get_origin(annotation) is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, getattr(__import__("types"), "UnionType", None)) and len(args) == 1:
        return _unwrap(args[0])
    return annotation


def _comment(info, name: str) -> str:
    label = f"{UI[name]['zh']} / {UI[name]['en']}" if name in UI else name.replace("_", " ")
    return f"  # {label}" + (f": {info.description}" if info.description else "")


def _lines(cls: type[BaseModel], indent: str, values: dict, skip=()) -> list[str]:
    out = []
    # Required fields first, so a list item never starts with a commented-out line.
    fields = sorted(cls.model_fields.items(), key=lambda kv: not (kv[1].is_required() or kv[0] in values))
    for name, info in fields:
        if name in skip:
            continue
        required = info.is_required() or name in values or name == "sources"
        block = _field(name, info, indent, values.get(name))
        if not required:
            block = [f"{indent}# {line[len(indent):]}" for line in block]
        out += block
    return out


def _field(name: str, info, indent: str, value) -> list[str]:
    annotation = _unwrap(info.annotation)
    note = _comment(info, name)
    if value is not None:
        return [f"{indent}{name}: {value}{note}"]
    if typing.get_origin(annotation) is typing.Literal:
        choices = typing.get_args(annotation)
        return [f"{indent}{name}: {choices[0]}  # one of: {', '.join(map(str, choices))}"]
    if _is(annotation, model.Text):
        return [f"{indent}{name}:{note}", f"{indent}  zh: {TODO}", f"{indent}  en: {TODO}"]
    if annotation is PartialDate or "PartialDate" in str(info.annotation):
        return [f'{indent}{name}: "{TODO}: YYYY, YYYY-MM or YYYY-MM-DD"{note}']
    if _is(annotation, BaseModel):
        return [f"{indent}{name}:{note}"] + _lines(annotation, indent + "  ", {})
    if typing.get_origin(annotation) is list:
        return _list_field(name, annotation, indent, note)
    return [f"{indent}{name}: {_placeholder(annotation, info)}{note}"]


def _list_field(name: str, annotation, indent: str, note: str) -> list[str]:
    """A list of groups: its first item written out, its fields indented under `- `; any other list: []."""
    item = _unwrap(typing.get_args(annotation)[0])
    if not _is(item, BaseModel):
        return [f"{indent}{name}: []{note}"]
    inner = _lines(item, indent + "    ", {})
    if inner:
        inner[0] = indent + "  - " + inner[0][len(indent) + 4 :]
    return [f"{indent}{name}:{note}"] + inner


def _placeholder(annotation, info) -> str:
    """The value written for a single field: its default for a yes/no, 0 for a number, TODO for the rest."""
    if annotation is bool:
        return str(info.default).lower() if isinstance(info.default, bool) else "false"
    if annotation in (int, float) or "int" in str(annotation) or "float" in str(annotation):
        return "0"
    return TODO


def scaffold(kind: str, record_id: str) -> str:
    cls = model.KINDS[kind]
    today = datetime.date.today().isoformat()
    head = [
        f"# yaml-language-server: $schema=../../schema/{kind}.schema.json",
        f"# A new {kind} record. Replace every TODO; uncomment an optional field (remove the #)",
        "# only when a source gives it. Check with: make check",
        "# Links to other records are their ids (the `id:` line of their file): each link field below",
        "# says which kinds of record it takes. A misspelt id, a wrong kind or a draft is reported by make check.",
    ]
    body = [f"kind: {kind}", f"id: {record_id}"]
    body += _lines(cls, "", values={}, skip=("kind", "id", "review"))
    body += ["review:  # draft until checked against the sources; then status: verified", "  status: draft", f'  date: "{today}"']
    return "\n".join(head + body) + "\n"


def new_record(root: Path, kind: str, record_id: str) -> tuple[Path | None, str]:
    """Write exhibits/<folder>/<id>.yml; refuse an unknown kind or an id already used."""
    if kind not in model.KINDS:
        return None, f"KIND: unknown kind \"{kind}\". Use one of: {', '.join(model.KINDS)}"
    if not re.fullmatch(model.SLUG, record_id or ""):
        return None, f'ID: "{record_id}" is not an id. Use lower-case ASCII letters, digits and hyphens, e.g. zhang-san'
    for path in Paths(root).exhibits.rglob("*.y*ml"):
        text = path.read_text(encoding="utf-8", errors="replace")
        if re.search(rf"^id:\s*['\"]?{re.escape(record_id)}['\"]?\s*$", text, re.M) or path.stem == record_id:
            return None, f'ID: "{record_id}" is already used by {path.relative_to(root).as_posix()}. Choose another id'
    target = Paths(root).exhibits / model.KINDS[kind].FOLDER / f"{record_id}.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(scaffold(kind, record_id), encoding="utf-8")
    return target, f"Wrote {target.relative_to(root).as_posix()}: replace every TODO, then run make check"
