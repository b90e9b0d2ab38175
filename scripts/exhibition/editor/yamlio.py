"""Read and write records for the browser editor, keeping the layout of a hand-written file.

The editor (Decap CMS in the browser) exchanges a record as JSON with our local backend; this
module turns a file into that JSON and writes the JSON back into the file. Writing merges the
new values into the file's own YAML tree (ruamel.yaml round trip), so what did not change keeps
its bytes: comments, the `# yaml-language-server: $schema=…` line, key order, quoting, block
scalars. Changing one date changes only that line. A key the file did not have goes where the
model puts it; a new record is written in the model's key order, long text as `|` blocks.
"""

from __future__ import annotations

import datetime
import io
import typing
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, ScalarString, SingleQuotedScalarString

# 0.19.1's round trip of every record in exhibits/ and settings/ is byte for byte with these settings
# (tests/test_editor.py): indentation 2, list dashes indented by 2, no line folding.


def _yaml() -> YAML:
    y = YAML()
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def load(text: str) -> Any:
    return _yaml().load(text)


def dump(document: Any) -> str:
    out = io.StringIO()
    _yaml().dump(document, out)
    return out.getvalue()


def to_plain(node: Any) -> Any:
    """The file's values as JSON for the editor: dates as the text written, numbers as numbers."""
    if isinstance(node, dict):
        return {str(k): to_plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [to_plain(v) for v in node]
    if isinstance(node, datetime.date):
        return node.isoformat()
    if isinstance(node, ScalarString):
        return str(node)
    return node


# --- the model's view: key order, defaults, nested models -------------------------------------


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    found = []
    for arg in typing.get_args(annotation):
        found += _models_in(arg)
    return found


def submodel(cls: type[BaseModel] | None, name: str) -> type[BaseModel] | None:
    """The model of field `name`'s value (or of its list's items), if it is a model."""
    if cls is None or name not in cls.model_fields:
        return None
    models = _models_in(cls.model_fields[name].annotation)
    return models[0] if models else None


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _default_of(cls: type[BaseModel] | None, name: str) -> tuple[bool, Any]:
    """(True, default) when the field may be left out, else (False, None)."""
    if cls is None or name not in cls.model_fields:
        return False, None
    field = cls.model_fields[name]
    if field.is_required():
        return False, None
    default = field.get_default(call_default_factory=True)
    if isinstance(default, BaseModel):
        default = default.model_dump()
    return True, default


def _left_out(cls: type[BaseModel] | None, key: str, value: Any) -> bool:
    """Whether a hand-written record would leave the key out: empty, or the optional field's default."""
    optional, default = _default_of(cls, key)
    required = cls is not None and key in cls.model_fields and not optional
    return (_empty(value) and not required) or (optional and value == default)


def _same_in_both(cls: type[BaseModel] | None, key: str) -> bool:
    """A field that takes plain text for a text that reads the same in both languages (a licence)."""
    if cls is None or key not in cls.model_fields:
        return False
    found = [m for arg in typing.get_args(cls.model_fields[key].annotation) for m in getattr(arg, "__metadata__", ())]
    found += list(cls.model_fields[key].metadata)
    return any(getattr(getattr(m, "func", None), "__name__", "") == "_same_in_both_languages" for m in found)


def clean(value: Any, cls: type[BaseModel] | None) -> Any:
    """What a form sends, as a hand-written record says it: no empty or default-valued optional keys."""
    if isinstance(value, dict):
        return _clean_map(value, cls)
    if isinstance(value, list):  # an item left empty (a picture added, then not filled) is no item
        return [item for item in (clean(item, cls) for item in value) if not _empty(item)]
    if isinstance(value, str):
        return value.strip("\n") + "\n" if "\n" in value.strip() else value.strip()
    return value


def _clean_map(value: dict, cls: type[BaseModel] | None) -> dict:
    """A group of fields without the keys a hand-written record leaves out; a text that reads the same
    in both languages as plain text where the field takes it."""
    out = {}
    for key, item in value.items():
        item = clean(item, submodel(cls, key))
        if _left_out(cls, key, item):
            continue
        if _same_in_both(cls, key) and isinstance(item, dict) and item.get("zh") == item.get("en"):
            item = item["zh"]  # `licence: CC BY 4.0`, as the README writes it
        out[key] = item
    # A group whose every field is empty (a `hall` with no zone) is left out whole.
    return {} if all(_empty(v) for v in out.values()) else out


def _order(cls: type[BaseModel] | None) -> list[str]:
    return list(cls.model_fields) if cls is not None else []


def _rank(order: list[str], key: str) -> int:
    """A key's place in the model's order; a key the model lacks goes last."""
    return order.index(key) if key in order else len(order)


# --- writing ---------------------------------------------------------------------------------

DATE_FIELDS = {
    "date",
    "start",
    "end",
    "named",
    "commissioned",
    "opened",
    "established",
    "construction_started",
    "construction_finished",
}


def _scalar(value: Any, key: str | None, old: Any = None) -> Any:
    """A new scalar, written the way the old one was (or the way a curator writes it)."""
    if not isinstance(value, str):
        return value
    if "\n" in value.strip() or isinstance(old, LiteralScalarString):
        return LiteralScalarString(value.strip("\n") + "\n")
    if isinstance(old, DoubleQuotedScalarString) or (old is None and key in DATE_FIELDS):
        return DoubleQuotedScalarString(value)
    if isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(value)
    return value


def _same(old: Any, new: Any) -> bool:
    """Whether the file's value already says what the form says (2019-03-15 the date = "2019-03-15")."""
    plain = to_plain(old)
    if isinstance(plain, str) and isinstance(new, str):  # pydantic strips text: "a" in a `|` block is "a\n"
        return plain.strip() == new.strip()
    return plain == new or (isinstance(old, (int, float)) and not isinstance(old, bool) and str(old) == str(new))


def build(value: Any, cls: type[BaseModel] | None, key: str | None = None) -> Any:
    """A new YAML node in the model's key order."""
    if isinstance(value, dict):
        node = CommentedMap()
        order = _order(cls)
        for name in sorted(value, key=lambda k: _rank(order, k)):
            node[name] = build(value[name], submodel(cls, name), name)
        return node
    if isinstance(value, list):
        return CommentedSeq([build(item, cls, key) for item in value])
    return _scalar(value, key)


def merge(old: Any, new: Any, cls: type[BaseModel] | None, key: str | None = None) -> Any:
    """`new` written into the old node: what is equal keeps its node (and its bytes)."""
    if _same(old, new):
        return old
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        return _merge_map(old, new, cls)
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        return _merge_list(old, new, cls, key)
    if isinstance(new, (dict, list)):
        return build(new, cls, key)
    return _scalar(new, key, old)


def _merge_map(old: CommentedMap, new: dict, cls: type[BaseModel] | None) -> CommentedMap:
    """The form's fields written into the file's mapping: keys it dropped go, new keys take their place
    in the model's order, the others are merged."""
    for name in [k for k in old if k not in new]:
        # `related: []` or `featured: false` written out stays: the form leaves such values out.
        if not _left_out(cls, name, clean(to_plain(old[name]), submodel(cls, name))):
            del old[name]
    order = _order(cls)
    for name, value in new.items():
        if name in old:
            old[name] = merge(old[name], value, submodel(cls, name), name)
        else:
            old.insert(_position(old, order, name), name, build(value, submodel(cls, name), name))
    return old


def _position(old: CommentedMap, order: list[str], name: str) -> int:
    """Where a key the file lacks goes: after the last key that comes before it in the model."""
    rank = _rank(order, name)
    position = 0
    for index, existing in enumerate(old):
        if _rank(order, existing) < rank:
            position = index + 1
    return position


def _merge_list(old: CommentedSeq, new: list, cls: type[BaseModel] | None, key: str | None) -> CommentedSeq:
    """The form's list written into the file's: item by item, longer or shorter."""
    for index, value in enumerate(new):
        if index < len(old):
            old[index] = merge(old[index], value, cls, key)
        else:
            old.append(build(value, cls, key))
    del old[len(new) :]
    return old


def write(text: str | None, data: dict, cls: type[BaseModel] | None, header: str = "") -> str:
    """The file's new text: `data` (the form's JSON) merged into `text`, or a new file."""
    data = clean(data, cls)
    if text is None:
        return header + dump(build(data, cls))
    document = load(text)
    merged = merge(document, data, cls)
    return dump(merged)
