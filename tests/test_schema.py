"""The JSON Schemas editors use are current and wired to every folder."""

from __future__ import annotations

import json

import jsonschema

from conftest import ROOT
from exhibition.records.load import load
from exhibition.records.model import KINDS
from exhibition.schema import render, schemas


def test_committed_schemas_match_the_models():
    for name, schema in schemas().items():
        path = ROOT / "schema" / name
        assert path.exists(), f"{name} missing: run make schema"
        assert path.read_text(encoding="utf-8") == render(schema), f"{name} is stale: run make schema"


def test_editor_settings_map_every_folder_to_its_schema():
    mapping = json.loads((ROOT / ".vscode/settings.json").read_text())["yaml.schemas"]
    for kind, cls in KINDS.items():
        assert mapping[f"./schema/{kind}.schema.json"] == [f"exhibits/{cls.FOLDER}/*.yml"]
    for name in ("hall", "eras", "tags", "glossary"):
        assert mapping[f"./schema/{name}.schema.json"] == [f"settings/{name}.yml"]


def test_every_real_record_is_valid_against_its_json_schema():
    # What an editor checks as the curator types must agree with the build's validation.
    for path in (ROOT / "exhibits").rglob("*.yml"):
        doc, problems = load(path, path.name)  # our loader: dates stay text, as editors see them
        assert doc is not None, problems
        schema = json.loads((ROOT / "schema" / f"{doc.data['kind']}.schema.json").read_text())
        errors = [f"{list(e.path)}: {e.message}" for e in jsonschema.Draft202012Validator(schema).iter_errors(doc.data)]
        assert not errors, f"{path}: {errors}"
