"""The build has one way in (pipeline.prepare): build.Build takes it and hands the result to the plugin;
under plain `mkdocs build` the plugin takes the same way itself. Fast: it stops at the curator's mistakes."""

from __future__ import annotations

import shutil

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from conftest import ROOT, write


def test_plain_mkdocs_build_takes_the_same_way_in_and_reads_the_kiosk_settings_once(project, monkeypatch, settings_reads):
    shutil.copy(ROOT / "mkdocs-kiosk.yml", project / "mkdocs-kiosk.yml")
    reads = settings_reads
    monkeypatch.setenv("KIOSK_IDLE_SECONDS", "abc")
    write(project, "exhibits/events/broken.yml", "id: broken\nkind: event\n")  # a record's mistakes, told with it
    monkeypatch.chdir(project)
    config = load_config(str(project / "mkdocs-kiosk.yml"))
    plugin = config.plugins["exhibition"]
    assert plugin.checked is None  # no build.Build: the plugin is the entrance
    with pytest.raises(PluginError) as caught:
        plugin.on_config(config)
    # Every problem at once, each a curator's (file, line, field), not a traceback: the record's and the
    # KIOSK_* variable's (before, this entrance told the kiosk's mistakes alone).
    problems = caught.value.problems
    assert ("settings/kiosk.yml", "idle_seconds") in [(p.path, p.field) for p in problems]
    assert any(p.path.endswith("broken.yml") for p in problems), [str(p) for p in problems]
    assert any("KIOSK_IDLE_SECONDS" in p.message for p in problems)
    assert reads.count("settings/kiosk.yml") == 1
    assert not (project / "docs" / "exhibits").exists()  # nothing was written


def test_a_build_hands_its_records_to_the_plugin_for_that_build_only(project, monkeypatch, tmp_path):
    """MkDocs keeps a plugin that has on_startup for the whole process (config_options.Plugins.plugin_cache):
    the records build.Build hands over must not outlive its build, or a later plain `mkdocs build` in the same
    process takes them (the test above failed so in CI, after another test's in-process build)."""
    from exhibition import build as build_module
    from exhibition.build import Build

    seen = []
    monkeypatch.setattr(build_module, "mkdocs_build", lambda config, **_: seen.append(config.plugins["exhibition"].checked))
    monkeypatch.chdir(project)
    build = Build(project)
    checked, problems = build.check()
    assert not problems
    config = build.load_config(tmp_path / "site")
    assert build.render(config, checked) == []
    assert seen == [checked]  # the build had them
    assert config.plugins["exhibition"].checked is None
    assert load_config(str(project / "mkdocs.yml")).plugins["exhibition"].checked is None  # the kept instance too
