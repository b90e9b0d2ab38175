"""Every settings file is declared once (exhibition.settings.FILES): its model, its JSON Schema, its check."""

from __future__ import annotations

import json
import shutil

import jsonschema
import pytest

from conftest import ROOT
from exhibition.records.load import load
from exhibition.settings import FILES, Settings


@pytest.mark.parametrize("name", FILES)
def test_each_settings_file_has_its_schema_wired_for_editors_and_the_real_file_passes(name):
    spec = FILES[name]
    mapping = json.loads((ROOT / ".vscode/settings.json").read_text())["yaml.schemas"]
    assert mapping[f"./schema/{spec.schema}.schema.json"] == [f"settings/{name}.yml"]
    path = ROOT / "settings" / f"{name}.yml"
    if path.exists():  # open-data.yml is optional
        doc, problems = load(path, path.name)
        schema = json.loads((ROOT / "schema" / f"{spec.schema}.schema.json").read_text(encoding="utf-8"))
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(doc.data))
        assert not problems and not errors, errors


@pytest.mark.parametrize("name", FILES)
def test_a_mistake_in_any_settings_file_is_told_with_its_file_and_line(name, tmp_path):
    shutil.copytree(ROOT / "settings", tmp_path / "settings")
    path = tmp_path / "settings" / f"{name}.yml"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    path.write_text(text + "\nmistyped_field: 1\n", encoding="utf-8")
    line = len((text + "\n").splitlines()) + 1
    _, problems = Settings.load(tmp_path)
    assert [p.path for p in problems if p.line == line and p.field == "mistyped_field"] == [f"settings/{name}.yml"]


def test_a_roll_setting_that_is_no_number_is_caught_by_the_check_with_its_line(tmp_path):
    shutil.copytree(ROOT / "settings", tmp_path / "settings")
    shutil.copytree(ROOT / "audio", tmp_path / "audio")  # the tour stops' recordings (hall.yml)
    path = tmp_path / "settings" / "roll.yml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("shard_at:"))
    lines[at] = "shard_at: abc"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert [str(p) for p in Settings.load(tmp_path)[1]] == [
        f'settings/roll.yml:{at + 1}: shard_at: must be a number, found "abc". Write digits only, without units or commas'
    ]


def test_the_kiosk_build_reads_settings_kiosk_yml_once(monkeypatch, settings_reads):
    """Build.check takes the build's one way in (pipeline.prepare), which reads every settings file once;
    the plugin's kiosk configuration uses what it read, with the KIOSK_* overrides applied there."""
    from mkdocs.config import load_config

    from exhibition import kiosk as kiosk_edition
    from exhibition.build import Build

    reads = settings_reads
    monkeypatch.setenv("KIOSK_IDLE_SECONDS", "7")
    checked, problems = Build(ROOT, kiosk=True).check()
    assert not problems
    kiosk = kiosk_edition.configure(load_config(str(ROOT / "mkdocs-kiosk.yml")), "exhibits", checked.kiosk)
    assert reads.count("settings/kiosk.yml") == 1
    assert kiosk.featured == checked.settings.kiosk.featured
    assert kiosk.idle_seconds == 7  # KIOSK_IDLE_SECONDS, applied once by the build's way in


@pytest.mark.parametrize("value", [62, 62.5, "62", "1:02", " 0:18 ", "10:05.5", 0, -3, "1:2:3", "abc", ":30", "1:", ""])
def test_an_audio_duration_the_schema_accepts_is_one_the_build_accepts(value):
    """Editors (the JSON Schema) and the build (the model) agree on what a duration may be: hall.yml's "0:18"
    was underlined by editors while the build took it."""
    from pydantic import ValidationError

    from exhibition.records.model import AudioTrack

    schema = json.loads((ROOT / "schema" / "hall.schema.json").read_text(encoding="utf-8"))["$defs"]["AudioTrack"]
    by_schema = jsonschema.Draft202012Validator(schema["properties"]["duration"]).is_valid(value)
    try:
        AudioTrack(file="tour/a.zh.mp3", language="zh", duration=value, transcript="讲解。")
        by_model = True
    except ValidationError:
        by_model = False
    assert by_schema == by_model, (value, by_schema, by_model)
