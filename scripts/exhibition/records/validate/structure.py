"""Structure: pydantic's errors about a record (or a settings file) said as the curator's
`path:line: field: message`, with the closest field for a misspelt name."""

from __future__ import annotations

import difflib
import re
import typing

from pydantic import BaseModel, ValidationError

from .. import model
from ..load import Document
from ..problems import Problem, dotted

# Specific advice for fields curators most often leave out.
HINTS = {
    "alt.en": "Add an English description of the picture.",
    "alt.zh": "Add a Chinese description of the picture (图片说明).",
    "title": "Add the exhibit's title in both languages: `title: {zh: …, en: …}`.",
    "summary": "Add one or two sentences in both languages.",
    "review": "Add `review: {status: draft, date: YYYY-MM-DD}` (or status: verified once checked).",
    "id": "Add `id:` with a short ASCII name such as `liaocheng-ship`; it becomes the page address.",
    "kind": f"Add `kind:` with one of: {', '.join(model.KINDS)}.",
}


def explain_all(doc: Document, cls: type[BaseModel], exc: ValidationError) -> list[Problem]:
    errors = exc.errors()
    # `titel:` is both an unknown field and a missing `title`: one mistake, one message (the typo's).
    meant = {tuple(e["loc"][:-1]) + (_closest_field(cls, tuple(e["loc"])),) for e in errors if e["type"] == "extra_forbidden"}
    return [explain(doc, cls, e) for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in meant)]


def _closest_field(cls: type[BaseModel], loc: tuple) -> str | None:
    close = difflib.get_close_matches(str(loc[-1]), _fields_at(cls, loc[:-1]), n=1, cutoff=0.6)
    return close[0] if close else None


def explain(doc: Document, cls: type[BaseModel], error: dict) -> Problem:
    loc = tuple(error["loc"])
    kind, where = error["type"], dotted(loc)
    line = doc.line(loc)
    if kind == "missing":
        tail = ".".join(str(p) for p in loc[-2:] if not isinstance(p, int))
        hint = HINTS.get(tail) or HINTS.get(str(loc[-1])) or f"Add `{loc[-1]}:` here."
        return Problem(doc.path, line, where, f"required. {hint}")
    if kind == "extra_forbidden":
        close = _closest_field(cls, loc)
        hint = f"Did you mean `{close}`?" if close else f"Allowed here: {', '.join(_fields_at(cls, loc[:-1]))}."
        return Problem(doc.path, line, where, f"unknown field. {hint}")
    if kind == "string_pattern_mismatch" and loc[-1] == "url":
        return Problem(doc.path, line, where, "must start with http:// or https://. Copy the full address from the browser")
    if kind == "string_pattern_mismatch" and loc[-1] == "contact":
        return Problem(
            doc.path,
            line,
            where,
            f'"{error["input"]}" is not an e-mail address. Write one such as guan@example.org, or leave it empty',
        )
    if kind == "string_pattern_mismatch" and isinstance(error["input"], str) and "，" in error["input"]:
        return Problem(
            doc.path,
            line,
            where,
            f"\"{error['input']}\" holds a full-width comma (，). Separate ids with an ASCII comma (,) followed by a space",
        )
    if kind == "string_pattern_mismatch":
        return Problem(
            doc.path,
            line,
            where,
            f"\"{error['input']}\" is not an id. Use lower-case ASCII letters, digits and hyphens, e.g. fan-zhuxian",
        )
    if kind in ("literal_error", "enum"):
        return Problem(doc.path, line, where, f"\"{error['input']}\" is not allowed. Use {error['ctx']['expected']}")
    if kind == "value_error":
        message = str(error["ctx"]["error"])
        field, _, rest = message.partition(": ")
        # A validator names the field it is about: `end: …`, or a path into a list, `sections.1.image: …`.
        if rest and re.fullmatch(r"[A-Za-z_]\w*(?:\.(?:\d+|[A-Za-z_]\w*))*", field) and field not in ("must",):
            path = loc + tuple(int(part) if part.isdigit() else part for part in field.split("."))
            return Problem(doc.path, doc.line(path), dotted(path), rest + ".")
        return Problem(doc.path, line, where, message + ".")
    if kind in ("string_type",):
        return Problem(doc.path, line, where, f"must be text, found {_shown(error['input'])}. Put the value in quotes")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        allowed = _fields_at(cls, loc)
        message = f"must be a group of fields ({', '.join(allowed)}), found {_shown(error['input'])}"
        if set(allowed) == {"zh", "en"} and isinstance(error["input"], (str, int, float)):
            # Plain text where both languages are wanted: show the fix with the curator's own text.
            name = next((str(p) for p in reversed(loc) if not isinstance(p, int)), where)
            message += f". Write both languages: `{name}: {{zh: {error['input']}, en: …}}`"
        return Problem(doc.path, line, where, message)
    if kind == "list_type":
        return Problem(doc.path, line, where, f"must be a list (lines starting with `- `), found {_shown(error['input'])}")
    if kind in ("int_type", "int_parsing", "int_from_float", "float_type", "float_parsing"):
        return Problem(
            doc.path, line, where, f"must be a number, found {_shown(error['input'])}. Write digits only, without units or commas"
        )
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = {"greater_than_equal": "at least {ge}", "greater_than": "more than {gt}", "less_than_equal": "at most {le}"}
        what = bound.get(kind, "less than {lt}").format(**error["ctx"])
        return Problem(doc.path, line, where, f"must be {what}, found {_shown(error['input'])}")
    if kind in ("bool_type", "bool_parsing"):
        return Problem(doc.path, line, where, f"must be true or false, found {_shown(error['input'])}")
    if kind == "too_short":
        return Problem(doc.path, line, where, "is empty. Fill it in, or remove the field")
    if kind == "string_too_short":
        return Problem(doc.path, line, where, "is empty. Write the text, or remove the field")
    return Problem(doc.path, line, where, f"{error['msg']}.")


def _shown(value) -> str:
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    return f'"{value}"' if isinstance(value, str) else repr(value)


def _fields_at(cls: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed at a location, for 'did you mean'."""
    current: typing.Any = cls
    for part in loc:
        if isinstance(part, int):
            continue
        models = [m for m in _models_in(current)]
        found = None
        for m in models:
            if part in m.model_fields:
                found = m.model_fields[part].annotation
                break
        if found is None:
            return []
        current = found
    models = _models_in(current)
    return list(models[0].model_fields) if models else []


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out = []
    for arg in typing.get_args(annotation):
        out += _models_in(arg)
    return out
