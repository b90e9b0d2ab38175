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
    """One pydantic error as the curator's `path:line: field: message` (a message per kind of error)."""
    loc = tuple(error["loc"])
    kind = error["type"]
    said = next((say for kinds, say in _SAYINGS if kind in kinds), None)
    if said is None:
        return Problem(doc.path, doc.line(loc), dotted(loc), f"{error['msg']}.")
    found = said(cls, error, loc)
    if isinstance(found, tuple):  # a validator named a field deeper than the error's own
        path, message = found
        return Problem(doc.path, doc.line(path), dotted(path), message)
    return Problem(doc.path, doc.line(loc), dotted(loc), found)


def _missing(cls, error, loc) -> str:
    tail = ".".join(str(p) for p in loc[-2:] if not isinstance(p, int))
    hint = HINTS.get(tail) or HINTS.get(str(loc[-1])) or f"Add `{loc[-1]}:` here."
    return f"required. {hint}"


def _unknown(cls, error, loc) -> str:
    close = _closest_field(cls, loc)
    hint = f"Did you mean `{close}`?" if close else f"Allowed here: {', '.join(_fields_at(cls, loc[:-1]))}."
    return f"unknown field. {hint}"


def _pattern(cls, error, loc) -> str:
    if loc[-1] == "url":
        return "must start with http:// or https://. Copy the full address from the browser"
    if loc[-1] == "contact":
        return f'"{error["input"]}" is not an e-mail address. Write one such as guan@example.org, or leave it empty'
    if isinstance(error["input"], str) and "，" in error["input"]:
        return f"\"{error['input']}\" holds a full-width comma (，). Separate ids with an ASCII comma (,) followed by a space"
    return f"\"{error['input']}\" is not an id. Use lower-case ASCII letters, digits and hyphens, e.g. fan-zhuxian"


def _value(cls, error, loc) -> str | tuple[tuple, str]:
    message = str(error["ctx"]["error"])
    field, _, rest = message.partition(": ")
    # A validator names the field it is about: `end: …`, or a path into a list, `sections.1.image: …`.
    if rest and re.fullmatch(r"[A-Za-z_]\w*(?:\.(?:\d+|[A-Za-z_]\w*))*", field) and field not in ("must",):
        return loc + tuple(int(part) if part.isdigit() else part for part in field.split(".")), rest + "."
    return message + "."


def _group(cls, error, loc) -> str:
    allowed = _fields_at(cls, loc)
    message = f"must be a group of fields ({', '.join(allowed)}), found {_shown(error['input'])}"
    if set(allowed) == {"zh", "en"} and isinstance(error["input"], (str, int, float)):
        # Plain text where both languages are wanted: show the fix with the curator's own text.
        name = next((str(p) for p in reversed(loc) if not isinstance(p, int)), dotted(loc))
        message += f". Write both languages: `{name}: {{zh: {error['input']}, en: …}}`"
    return message


def _bound(cls, error, loc) -> str:
    bound = {"greater_than_equal": "at least {ge}", "greater_than": "more than {gt}", "less_than_equal": "at most {le}"}
    what = bound.get(error["type"], "less than {lt}").format(**error["ctx"])
    return f"must be {what}, found {_shown(error['input'])}"


# (the kinds of pydantic error, what the curator reads), in the order they are tried.
_SAYINGS = (
    (("missing",), _missing),
    (("extra_forbidden",), _unknown),
    (("string_pattern_mismatch",), _pattern),
    (("literal_error", "enum"), lambda cls, e, loc: f"\"{e['input']}\" is not allowed. Use {e['ctx']['expected']}"),
    (("value_error",), _value),
    (("string_type",), lambda cls, e, loc: f"must be text, found {_shown(e['input'])}. Put the value in quotes"),
    (("model_type", "model_attributes_type", "dict_type"), _group),
    (("list_type",), lambda cls, e, loc: f"must be a list (lines starting with `- `), found {_shown(e['input'])}"),
    (
        ("int_type", "int_parsing", "int_from_float", "float_type", "float_parsing"),
        lambda cls, e, loc: f"must be a number, found {_shown(e['input'])}. Write digits only, without units or commas",
    ),
    (("greater_than_equal", "greater_than", "less_than_equal", "less_than"), _bound),
    (("bool_type", "bool_parsing"), lambda cls, e, loc: f"must be true or false, found {_shown(e['input'])}"),
    (("too_short",), lambda cls, e, loc: "is empty. Fill it in, or remove the field"),
    (("string_too_short",), lambda cls, e, loc: "is empty. Write the text, or remove the field"),
)


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
