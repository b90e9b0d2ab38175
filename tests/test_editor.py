"""The curators' browser editor (make edit, issue #28): its generated forms, its YAML writer, and a
curator's session in Chromium against its local backend (every other host blocked)."""

from __future__ import annotations

import difflib
import json
import threading
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pydantic import BaseModel

from conftest import ROOT, copy_project, run_cli, seed_caches
from exhibition.editor import config as editor_config
from exhibition.editor import yamlio
from exhibition.editor.server import serve
from exhibition.records.model import KINDS
from exhibition.records.roll import Header as RollHeader

DECAP = ROOT / "build/tools/decap/package/dist"


def _model_fields(cls: type[BaseModel], prefix: str = "") -> set[str]:
    """Every field of a model and of the models inside it, as dotted paths (images.alt), named as the
    curator writes them (a source's `copy`, not its Python name copy_path)."""
    out = set()
    for name, info in cls.model_fields.items():
        path = f"{prefix}{info.alias or name}"
        out.add(path)
        sub = yamlio.submodel(cls, name)
        if sub is not None and sub.__name__ not in ("Text", "FullText", "Name"):
            out |= _model_fields(sub, path + ".")
    return out


def _config_fields(fields: list[dict], prefix: str = "") -> set[str]:
    out = set()
    for field in fields:
        path = f"{prefix}{field['name']}"
        out.add(path)
        out |= _config_fields(field.get("fields", []), path + ".")
    return out


@pytest.mark.parametrize("lang", editor_config.LANGS)
def test_the_forms_cover_every_model_field(lang):
    collections = {c["name"]: c for c in editor_config.config(lang)["collections"]}
    models = {**KINDS, "roll": RollHeader}
    missing = []
    for name, cls in models.items():
        missing += [f"{name}: {f}" for f in sorted(_model_fields(cls) - _config_fields(collections[name]["fields"]))]
    settings = {f["name"]: f for f in collections["settings"]["files"]}
    for name, cls in editor_config.SETTINGS.items():
        missing += [f"settings/{name}: {f}" for f in sorted(_model_fields(cls) - _config_fields(settings[name]["fields"]))]
    assert not missing, "model fields without a form field in the editor:\n" + "\n".join(missing)


def test_the_committed_configuration_is_current():
    for lang in editor_config.LANGS:
        committed = (ROOT / "editor" / f"config.{lang}.yml").read_text(encoding="utf-8")
        assert committed == editor_config.render(lang), f"editor/config.{lang}.yml is out of date: run `make schema`"


def test_help_is_the_description_and_links_are_pickers():
    person = next(c for c in editor_config.config("zh")["collections"] if c["name"] == "person")
    fields = {f["name"]: f for f in person["fields"]}
    assert fields["title"]["hint"] == KINDS["person"].model_fields["title"].description
    assert fields["title"]["widget"] == "bilingual"
    assert (fields["commemorated_at"]["widget"], fields["commemorated_at"]["kinds"]) == ("records", ["memorial", "place"])
    assert fields["related"]["widget"] == "records" and "lesson" not in fields["related"]["kinds"]
    images = {f["name"]: f for f in fields["images"]["fields"]}
    assert images["file"]["widget"] == "image" and images["file"]["media_folder"] == "/images/people"


def _curator_files() -> list[Path]:
    return sorted([*ROOT.glob("exhibits/*/*.yml"), *ROOT.glob("exhibits/roll/*.yaml"), *ROOT.glob("settings/*.yml")])


def test_saving_an_unchanged_record_changes_no_byte():
    """Every record, roll header and setting, through the editor's JSON and back (no shortcut for equal data)."""
    changed = []
    for path in _curator_files():
        text = path.read_text(encoding="utf-8")
        data = json.loads(json.dumps(yamlio.to_plain(yamlio.load(text))))  # what the browser gets and sends back
        kind = data.get("kind") if isinstance(data, dict) else None
        cls = KINDS.get(kind) or (RollHeader if path.suffix == ".yaml" else editor_config.SETTINGS.get(path.stem))
        if yamlio.write(text, data, cls) != text:
            changed.append(str(path.relative_to(ROOT)))
    assert len(_curator_files()) > 50
    assert not changed, f"a save without edits changed: {changed}"


def test_editing_one_date_changes_only_that_line():
    path = ROOT / "exhibits/events/qingming-2019.yml"
    text = path.read_text(encoding="utf-8")
    data = json.loads(json.dumps(yamlio.to_plain(yamlio.load(text))))
    data["date"] = "2019-04-04"
    new = yamlio.write(text, data, KINDS["event"])
    diff = [line for line in difflib.unified_diff(text.splitlines(), new.splitlines(), lineterm="", n=0) if line[:1] in "+-"]
    assert diff[2:] == ['-date: "2019-04-05"', '+date: "2019-04-04"'], diff


def test_a_new_record_is_written_like_a_hand_written_one():
    data = {
        "kind": "person",
        "id": "wang-test",
        "title": {"zh": "王", "en": ""},
        "summary": {"zh": "一句。", "en": "One."},
        "body": {"zh": "第一段。\n\n第二段。", "en": ""},
        "featured": False,
        "hall": {"zone": "", "note": None},
        "review": {"status": "draft", "date": "2026-12-07"},
        "category": "martyr",
        "living": False,
        "name": {"zh": "王", "pinyin": "Wang"},
    }
    text = yamlio.write(None, data, KINDS["person"], "# yaml-language-server: $schema=../../schema/person.schema.json\n")
    assert text.splitlines()[:4] == [
        "# yaml-language-server: $schema=../../schema/person.schema.json",
        "kind: person",
        "id: wang-test",
        "title:",
    ]
    assert "  zh: |\n    第一段。\n\n    第二段。\n" in text  # long text as a block
    assert "featured" not in text and "hall" not in text and "en: ''" not in text  # defaults and empties left out
    assert "living: false" in text  # required, so written even when false
    assert 'date: "2026-12-07"' in text
    assert yaml.safe_load(text)["review"] == {"status": "draft", "date": "2026-12-07"}


# --- a curator's session in the browser ---------------------------------------------------------


@pytest.fixture
def editor(tmp_path, caches):
    if not (DECAP / "decap-cms.js").is_file():
        pytest.fail("Decap CMS is not installed: run `make build/tools/decap/package/dist/decap-cms.js` (make test does)")
    root = copy_project(tmp_path, "editor", "schema")
    seed_caches(caches, root)
    server = serve(root, 0, DECAP)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield root, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _editor_page(browser, base):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    foreign, errors = [], []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((base, "data:", "blob:", "about:")) else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, foreign, errors


def _choose(page, prefix: str, text: str) -> None:
    page.locator(f"input[id^={prefix}-field]").last.click(force=True)
    page.get_by_text(text, exact=True).last.click()


def _publish(page) -> None:
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now", exact=True).click()
    page.get_by_text("Changes saved").wait_for(timeout=20000)


def test_a_curator_creates_a_person_with_a_photo_and_edits_a_date(editor, browser, tmp_path):
    root, base = editor
    Image.new("RGB", (800, 600), (120, 90, 60)).save(tmp_path / "wang-photo.jpg")
    context, page, foreign, errors = _editor_page(browser, base)

    page.goto(base + "?lang=en#/collections/person/new")
    page.wait_for_selector("input[id^=id-field]", timeout=30000)
    fill = lambda selector, value: page.locator(selector).last.fill(value)  # noqa: E731
    fill("input[id^=id-field]", "wang-test")
    fill("input[id^=title-field]:not([id$=-en])", "王测试")
    fill("input[id^=title-field][id$=-en]", "Wang Test")
    fill("textarea[id^=summary-field]:not([id$=-en])", "王测试是编辑器测试用的人物。")
    page.get_by_text("Add pictures").click()
    page.locator("text=Choose an image").last.click()
    page.set_input_files("input[type=file]", str(tmp_path / "wang-photo.jpg"))
    page.get_by_role("button", name="Choose selected").click()
    for field, zh, en in (
        ("alt", "测试照片", "A test photo"),
        ("caption", "示意图", "Illustration"),
        ("credit", "本站", "This site"),
    ):
        fill(f"input[id^={field}-field]:not([id$=-en])", zh)
        fill(f"input[id^={field}-field][id$=-en]", en)
    fill("input[id^=licence-field]:not([id$=-en])", "CC BY 4.0")
    fill("input[id^=licence-field][id$=-en]", "CC BY 4.0")
    page.locator("select[id^=related-field]").select_option("fan-zhuxian")
    _choose(page, "category", "martyr")
    _choose(page, "status", "verified")
    fill("input[id^=zh-field]", "王测试")
    fill("input[id^=pinyin-field]", "Wang Ceshi")
    page.get_by_text("Add sources").click()
    fill("input[id^=id-field]", "test-source")
    fill("input[id^=title-field]:not([id$=-en])", "测试来源")
    fill("input[id^=publisher-field]", "测试出版者")
    # review.date: the field right after review.status (Decap numbers its fields in form order)
    status = page.locator("input[id^=status-field]").last.get_attribute("id")
    page.fill(f"#date-field-{int(status.rsplit('-', 1)[1]) + 1}", "2026-12-07")
    page.screenshot(path=str(ROOT / "build" / "editor-new-record.png"))
    _publish(page)

    record = root / "exhibits/people/wang-test.yml"
    assert record.is_file()
    text = record.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/person.schema.json\nkind: person\nid: wang-test\n")
    data = yaml.safe_load(text)
    picture = data["images"][0]["file"]
    assert picture.startswith("people/") and (root / "images" / picture).is_file(), picture
    assert data["images"][0]["alt"] == {"zh": "测试照片", "en": "A test photo"}
    assert data["images"][0]["licence"] == "CC BY 4.0"  # the same in both languages: plain text, as curators write it
    assert data["related"] == ["fan-zhuxian"]
    checked = run_cli(root, "check")
    assert checked.returncode == 0, checked.stderr
    built = run_cli(root, "build")
    assert built.returncode == 0, built.stderr
    assert "王测试" in (root / "site/exhibits/people/wang-test/index.html").read_text(encoding="utf-8")

    # Editing an existing record's date through the form changes only that line (in a fresh tab, as after a restart).
    context.close()
    context, page, foreign2, errors2 = _editor_page(browser, base)
    event = root / "exhibits/events/qingming-2019.yml"
    before = event.read_text(encoding="utf-8")
    page.goto(base + "?lang=en#/collections/event/entries/qingming-2019")
    box = page.locator("input[id^=date-field][value='2019-04-05']")  # the event's date (others hide in folded lists)
    box.wait_for(timeout=30000)
    box.fill("2019-04-04")
    _publish(page)
    after = event.read_text(encoding="utf-8")
    diff = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0) if line[:1] in "+-"]
    assert diff[2:] == ['-date: "2019-04-05"', '+date: "2019-04-04"'], diff
    context.close()
    assert not foreign + foreign2, f"requests to other hosts: {foreign + foreign2}"
    assert not errors + errors2, errors + errors2


def test_the_editor_shows_what_make_check_finds_in_the_record(real_project):
    from exhibition.editor.server import Project

    path = real_project / "exhibits/events/qingming-2019.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('date: "2019-04-05"', 'date: "2019-02-30"'), encoding="utf-8")
    result = Project(real_project, DECAP).check("exhibits/events/qingming-2019.yml")
    assert [(p["line"], p["field"]) for p in result["problems"]] == [(19, "date")], result
    assert "has no day 30" in result["problems"][0]["message"]
    assert result["preview"] == {
        "zh": "http://127.0.0.1:8000/exhibits/events/qingming-2019/",
        "en": "http://127.0.0.1:8000/en/exhibits/events/qingming-2019/",
    }


def test_the_editor_writes_only_curator_files(project):
    from exhibition.editor.server import Project, Refused

    editor = Project(project, DECAP)
    for path in ("mkdocs.yml", "../outside.yml", "exhibits/../scripts/x.py", "overrides/main.html"):
        before = (project / path).read_bytes() if (project / path).exists() else None
        with pytest.raises(Refused):
            editor.api({"action": "persistEntry", "params": {"dataFiles": [{"path": path, "raw": "{}"}], "assets": []}})
        assert ((project / path).read_bytes() if (project / path).exists() else None) == before, path


def test_each_backend_action_answers_as_decap_server_does(project):
    """Every action of Decap's local backend API, once, without a browser; an unknown one is refused."""
    import base64

    from exhibition.editor.server import Project, Refused

    editor = Project(project, DECAP)
    (project / "exhibits/events").mkdir()
    (project / "exhibits/events/a.yml").write_text("id: a\ntitle: {zh: 甲}\n", encoding="utf-8")
    assert editor.api({"action": "info"}) == {"repo": project.name, "publish_modes": ["simple"], "type": "local_fs"}
    entry = editor.api({"action": "getEntry", "params": {"path": "exhibits/events/a.yml"}})
    assert json.loads(entry["data"]) == {"id": "a", "title": {"zh": "甲"}}
    folder = {"folder": "exhibits/events", "extension": "yml", "depth": 1}
    assert [e["file"]["path"] for e in editor.api({"action": "entriesByFolder", "params": folder})] == ["exhibits/events/a.yml"]
    files = {"files": [{"path": "exhibits/events/a.yml"}, {"path": "exhibits/events/none.yml"}]}
    assert [e["data"] is None for e in editor.api({"action": "entriesByFiles", "params": files})] == [False, True]
    asset = {"path": "images/events/p.png", "content": base64.b64encode(b"png").decode("ascii")}
    assert editor.api({"action": "persistMedia", "params": {"asset": asset}})["name"] == "p.png"
    assert (project / "images/events/p.png").read_bytes() == b"png"
    assert editor.api({"action": "getMediaFile", "params": {"path": "images/events/p.png"}})["content"] == asset["content"]
    assert [m["path"] for m in editor.api({"action": "getMedia", "params": {"mediaFolder": "images/events"}})] == [
        "images/events/p.png"
    ]
    assert editor.api({"action": "deleteFile", "params": {"path": "images/events/p.png"}}) == {"message": "deleted"}
    assert editor.api({"action": "deleteFiles", "params": {"paths": ["exhibits/events/a.yml"]}}) == {"message": "deleted"}
    assert not (project / "images/events/p.png").exists() and not (project / "exhibits/events/a.yml").exists()
    assert editor.api({"action": "getDeployPreview", "params": {}}) is None
    for action in ("publishUnpublishedEntry", None, ["info"]):
        with pytest.raises(Refused, match="unknown action"):
            editor.api({"action": action})
