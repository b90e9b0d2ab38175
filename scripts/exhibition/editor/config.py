"""The browser editor's configuration (Decap CMS), generated from the record models.

`make schema` writes editor/config.zh.yml and editor/config.en.yml from the same pydantic models
the build checks records with (walked through their JSON Schema, as schema.py writes it), so a new
model field is a new form field. tests/test_editor.py fails when a model field has no form field.

Form fields by type: a {zh, en} text is the `bilingual` widget (editor/widgets.js: the two
languages side by side); a field naming other records is the `records` widget (a picker over the
existing records of the kinds REFERENCE_KINDS allows); a picture's `file` is Decap's image widget,
uploading into images/<folder>/. A field's help is the model's description.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from ..records.model import EXHIBIT_KINDS, KINDS, REFERENCE_KINDS, SLUG
from ..records.roll import Header as RollHeader
from ..settings import FILES

LANGS = ("zh", "en")
API = "/api/v1"  # our local backend (editor/server.py), which speaks decap-server's API

# Settings a curator changes (issue #28), with their file; each is one form.
SETTINGS = {name: spec.model for name, spec in FILES.items() if spec.editor}
SETTINGS_FILES = {name: f"settings/{name}.yml" for name in SETTINGS}
# Fields whose value is a Markdown text of several paragraphs: a large box.
LONG = {"summary", "body", "text", "activity", "quote", "covers", "description", "for_pupils", "note"}
# Reference fields of the settings (ids of records): pickers too.
SETTINGS_REFERENCES = {"hero": EXHIBIT_KINDS, "visit": ("place",), "featured": EXHIBIT_KINDS}

_LABELS_FILE = Path(__file__).with_name("labels.yml")


def labels() -> dict[str, dict[str, str]]:
    """Field labels in each language (labels.yml); a field without one shows its name."""
    return yaml.safe_load(_LABELS_FILE.read_text(encoding="utf-8"))


class _Walker:
    def __init__(self, schema: dict, lang: str, record_kind: str | None, references: dict[str, tuple[str, ...]]):
        self.defs = schema.get("$defs", {})
        self.lang = lang
        self.kind = record_kind
        self.references = references
        self.labels = labels()

    def label(self, name: str) -> str:
        return self.labels.get(name, {}).get(self.lang) or name

    def kinds(self, kinds: tuple[str, ...]) -> dict:
        """The kinds a picker offers, and their names in the interface's language."""
        names = [self.labels.get(f"kind:{kind}", {}).get(self.lang, kind) for kind in kinds]
        return {"kinds": list(kinds), "kinds_label": ("、" if self.lang == "zh" else ", ").join(names)}

    def resolve(self, node: dict) -> tuple[dict, bool]:
        """The node without its `null` alternative, and whether it was optional."""
        optional = False
        if "anyOf" in node:
            options = [o for o in node["anyOf"] if o.get("type") != "null"]
            optional = len(options) < len(node["anyOf"])
            node = {
                **{k: v for k, v in node.items() if k != "anyOf"},
                **(options[0] if len(options) == 1 else {"anyOf": options}),
            }
        return node, optional

    def ref_name(self, node: dict) -> str | None:
        ref = node.get("$ref")
        return ref.rsplit("/", 1)[-1] if ref else None

    def is_text(self, node: dict) -> str | None:
        """'text' for a {zh, en} text, 'same' for text-or-plain (licence), None otherwise."""
        if self.ref_name(node) in ("Text", "FullText"):
            return "text"
        options = node.get("anyOf", [])
        if any(self.ref_name(o) == "Text" for o in options) and any(o.get("type") == "string" for o in options):
            return "same"
        return None

    def fields(self, schema: dict, path: tuple[str, ...]) -> list[dict]:
        required = set(schema.get("required", []))
        return [self.field(name, node, path + (name,), name in required) for name, node in schema["properties"].items()]

    def field(self, name: str, node: dict, path: tuple[str, ...], required: bool) -> dict:
        description = node.get("description")
        node, optional = self.resolve(node)
        out = self._common(name, node, required and not optional, description)
        dotted = ".".join(path)
        kinds = self.references.get(dotted)
        if name == "kind" and "const" in node:
            return {**out, "widget": "hidden", "default": node["const"], "required": True}
        text = self.is_text(node)
        if text:
            ref = self.ref_name(node)
            out |= {"widget": "bilingual", "multiline": name in LONG, "en_required": ref == "FullText", "plain": text == "same"}
            return out
        if node.get("type") == "array":
            return self._array(name, node, path, out, kinds)
        ref = self.ref_name(node)
        if ref:
            sub = self.fields(self.defs[ref], path)
            if not out["required"]:  # Decap would demand an optional group's parts even when it is left empty
                _optional(sub)
            return {**out, "widget": "object", "fields": sub, "collapsed": name in ("flags",)}
        if kinds:
            return {**out, "widget": "records", "multiple": False, **self.kinds(kinds)}
        return self._scalar(name, node, path, out)

    def _common(self, name: str, node: dict, required: bool, description: str | None) -> dict:
        """What every form field has: its name, label, whether it is required, and its help (the field's
        own description, else its type's)."""
        out: dict = {"name": name, "label": self.label(name), "required": required}
        hint = description or node.get("description")
        if hint:
            out["hint"] = hint
        return out

    def _array(self, name: str, node: dict, path: tuple[str, ...], out: dict, kinds) -> dict:
        items, _ = self.resolve(node.get("items", {}))
        if kinds:
            return {**out, "widget": "records", "multiple": True, **self.kinds(kinds), "default": []}
        if self.is_text(items):
            # Decap hands a one-field list's item to its widget wrapped: each item is its two languages.
            box = "text" if name in LONG else "string"
            halves = [
                {"name": "zh", "label": self.label("zh"), "widget": box},
                {"name": "en", "label": self.label("en"), "widget": box, "required": False},
            ]
            return {**out, "widget": "list", "fields": halves, "summary": "{{fields.zh}}", "required": False, "default": []}
        ref = self.ref_name(items)
        if ref:
            sub = self.fields(self.defs[ref], path)
            summary = _summary(sub)
            extra = {"summary": summary} if summary else {}
            return {**out, "widget": "list", "fields": sub, "collapsed": True, "default": [], **extra}
        if "enum" in items:
            return {**out, "widget": "select", "multiple": True, "options": items["enum"], "default": []}
        return {**out, "widget": "list", "default": []}

    def _scalar(self, name: str, node: dict, path: tuple[str, ...], out: dict) -> dict:
        if name == "file" and path[:-1] and path[-2] == "images":
            return {**out, "widget": "image", "choose_url": False}
        if "enum" in node or "const" in node:
            return {**out, "widget": "select", "options": node.get("enum") or [node["const"]]}
        typed = _typed(node, out)
        if typed:
            return typed
        return _string(name, node, out)


def _typed(node: dict, out: dict) -> dict | None:
    """The field of a boolean, a number or a date; None for a value of another type."""
    kind = node.get("type")
    if kind == "boolean":
        return {**out, "widget": "boolean", "default": node.get("default", False)}
    if kind in ("integer", "number"):
        return {**out, "widget": "number", "value_type": "int" if kind == "integer" else "float"}
    if isinstance(kind, list) and "examples" in node:  # a date: "2019", "2019-12" or "2019-03-15"
        out["hint"] = out.get("hint") or node.get("description", "")
        return {**out, "widget": "string", "pattern": [node["pattern"], "YYYY, YYYY-MM, YYYY-MM-DD"]}
    return None


def _string(name: str, node: dict, out: dict) -> dict:
    """A text field: with its pattern and an example of it, a large box for a long text."""
    if "pattern" in node:
        example = "zhang-san" if node["pattern"] == SLUG else node["pattern"]
        out["pattern"] = [node["pattern"], example]
    # A figure's value, a disputed value: a number or a word (the server keeps a number a number).
    return {**out, "widget": "text" if name in LONG else "string"}


def _optional(fields: list[dict]) -> None:
    for field in fields:
        field["required"] = False
        _optional(field.get("fields", []))


def _summary(fields: list[dict]) -> str | None:
    names = [f["name"] for f in fields]
    for name in ("id", "file", "step", "field", "name", "title", "label", "date", "zh"):
        if name in names:
            widget = next(f for f in fields if f["name"] == name)["widget"]
            return "{{fields." + name + (".zh" if widget == "bilingual" else "") + "}}"
    return None


def _record_references(kind: str) -> dict[str, tuple[str, ...]]:
    from ..records.model import accepted_kinds

    return {field: accepted_kinds(field, kind) for field in REFERENCE_KINDS}


def config(lang: str) -> dict:
    """The whole Decap CMS configuration in one interface language."""
    names = labels()
    collections = []
    for kind, cls in KINDS.items():
        walker = _Walker(cls.model_json_schema(), lang, kind, _record_references(kind))
        fields = walker.fields(cls.model_json_schema(), ())
        for field in fields:
            if field["name"] == "images":
                for sub in field["fields"]:
                    if sub["name"] == "file":
                        sub["media_folder"] = f"/images/{cls.FOLDER}"
                        sub["public_folder"] = cls.FOLDER
        collections.append(
            {
                "name": kind,
                "label": names.get(f"kind:{kind}", {}).get(lang, kind),
                "folder": f"exhibits/{cls.FOLDER}",
                "extension": "yml",
                # The browser and our backend exchange JSON; the backend writes the YAML (editor/yamlio.py).
                "format": "json",
                "create": True,
                "identifier_field": "id",
                "slug": "{{fields.id}}",
                "summary": "{{fields.title.zh}} · {{fields.id}}",
                "fields": fields,
            }
        )
    roll = _Walker(RollHeader.model_json_schema(), lang, None, {})
    collections.append(
        {
            "name": "roll",
            "label": names["kind:roll"][lang],
            "folder": "exhibits/roll",
            "extension": "yaml",
            "format": "json",
            "create": False,  # a list needs its CSV beside it: README, "Roll of names"
            "identifier_field": "title",
            "summary": "{{fields.title.zh}} · {{filename}}",
            "fields": roll.fields(RollHeader.model_json_schema(), ()),
        }
    )
    files = []
    for name, cls in SETTINGS.items():
        refs = {key: kinds for key, kinds in SETTINGS_REFERENCES.items() if key in cls.model_fields}
        walker = _Walker(cls.model_json_schema(), lang, None, refs)
        files.append(
            {
                "name": name,
                "label": names[f"settings:{name}"][lang],
                "file": SETTINGS_FILES[name],
                "format": "json",
                "fields": walker.fields(cls.model_json_schema(), ()),
            }
        )
    collections.append({"name": "settings", "label": names["kind:settings"][lang], "editor": {"preview": False}, "files": files})
    return {
        # Written by `make schema` (python -m exhibition.editor.config) from the record models: do not edit.
        "backend": {"name": "proxy", "proxy_url": API, "branch": "main"},
        "locale": "zh_Hans" if lang == "zh" else "en",
        "media_folder": "images",
        "public_folder": "",
        "publish_mode": "simple",
        "site_url": "http://127.0.0.1:8000/",
        "display_url": "http://127.0.0.1:8000/",
        "editor": {"preview": True},
        "collections": collections,
    }


def render(lang: str) -> str:
    header = "# Written by `make schema` from the record models (scripts/exhibition/editor/config.py): do not edit.\n"
    return header + yaml.safe_dump(config(lang), allow_unicode=True, sort_keys=False, width=1000)


def write(target: Path) -> list[Path]:
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in LANGS:
        path = target / f"config.{lang}.yml"
        path.write_text(render(lang), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    out = write(Path(sys.argv[1] if len(sys.argv) > 1 else "editor"))
    print(f"wrote {len(out)} editor configurations to {out[0].parent}/")
