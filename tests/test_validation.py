"""Each kind of curator mistake gets its own message, all at once, with a non-zero exit."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, VALID_EVENT, photo_bytes, run_cli, write

LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<rest>.*)$", re.M)


def check(root, *args):
    result = run_cli(root, "check", *args)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    return result.returncode, output


def test_valid_record_passes(project):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    code, output = check(project)
    assert code == 0, output
    assert "1 records checked" in output


def with_image(extra: str, file: str = "events/photo.jpg") -> str:
    return VALID_EVENT + f"""images:
  - file: {file}
    alt:
      zh: 一张照片
{extra}"""


def test_missing_english_alt_names_file_line_and_field(project):
    write(project, "images/events/photo.jpg", "")
    (project / "images/events/photo.jpg").write_bytes(photo_bytes(400, 300))
    write(project, "exhibits/events/test-event.yml", with_image(""))
    code, output = check(project)
    assert code == 1
    # VALID_EVENT has 16 lines: images: is line 17, alt: line 19
    assert "exhibits/events/test-event.yml:19: images[0].alt.en: required. Add an English description of the picture." in output


CASES = {
    "malformed yaml": (VALID_EVENT.replace("summary:\n", "summary\n  - oops: [\n"), r"test-event.yml:\d+: is not valid YAML"),
    "tab indentation": (VALID_EVENT.replace("  zh: 测试活动", "\tzh: 测试活动"), r"test-event.yml:4: is indented with a tab"),
    "wrong type": (VALID_EVENT.replace('date: "2019-03-15"', "date: [2019]"), r"test-event.yml:9: date: must be a date"),
    "unknown field with suggestion": (VALID_EVENT.replace("title:", "titel:"), r"test-event.yml:3: titel: unknown field. Did you mean `title`\?"),
    "missing required field": (VALID_EVENT.replace("summary:\n  zh: 一条测试记录。\n  en: A test record.\n", ""), r"summary: required"),
    "impossible date": (VALID_EVENT.replace("2019-03-15", "2019-02-30"), r"test-event.yml:9: date: \"2019-02-30\": 2019-02 has no day 30"),
    "month thirteen": (VALID_EVENT.replace("2019-03-15", "2019-13"), r"date: \"2019-13\": month 13 does not exist"),
    "not a date": (VALID_EVENT.replace("2019-03-15", "March 2019"), r"date: \"March 2019\" is not a date"),
    "bad id": (VALID_EVENT.replace("id: test-event", "id: 测试"), r"id: \"测试\" is not an id"),
    "unknown kind": (VALID_EVENT.replace("kind: event", "kind: evnt"), r"kind: unknown kind `evnt`. Did you mean `event`\?"),
    "no sources": (VALID_EVENT.split("sources:")[0] + "review:\n  status: verified\n  date: 2026-11-28\n", r"sources: a published record needs at least one source"),
    "raw html": (VALID_EVENT.replace("A test record.", "A <script>alert(1)</script> record."), r"summary.en: contains HTML"),
    "javascript link": (VALID_EVENT.replace("A test record.", "'[x](javascript:alert(1))'"), r"summary.en: contains HTML or a javascript: link"),
    "unknown source id": (VALID_EVENT + "figures:\n  - label: {zh: 人数, en: people}\n    value: 3\n    source: nowhere\n", r"figures\[0\].source: no entry in `sources` has the id \"nowhere\""),
    "alias": (VALID_EVENT.replace("title:\n", "title: &t\n").replace("summary:\n  zh: 一条测试记录。\n  en: A test record.\n", "summary: *t\n"), r"uses a YAML (alias|anchor)"),
    "top-level list": ("- kind: event\n- id: x\n", r"holds a list at the top"),
    "empty file": ("\n\n", r"is empty"),
    "duplicate key": (VALID_EVENT + "id: again\n", r"id: appears twice \(first on line 2\)"),
    "wrong folder": (VALID_EVENT, None),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_mistake_has_its_message(project, name):
    text, pattern = CASES[name]
    folder = "vessels" if name == "wrong folder" else "events"
    write(project, f"exhibits/{folder}/test-event.yml", text)
    code, output = check(project)
    assert code == 1, output
    if pattern is None:
        pattern = r"kind: a event record belongs in exhibits/events/"
    assert re.search(pattern, output), output
    assert "problem" in output.splitlines()[-1]


def test_bom_and_non_utf8_are_refused(project):
    (project / "exhibits/events").mkdir(parents=True)
    (project / "exhibits/events/bom.yml").write_bytes(b"\xef\xbb\xbf" + VALID_EVENT.encode())
    (project / "exhibits/events/gbk.yml").write_bytes(VALID_EVENT.replace("test-event", "gbk").encode("gbk"))
    code, output = check(project)
    assert code == 1
    assert "bom.yml:1: starts with a byte-order mark" in output
    assert "gbk.yml:4: is not UTF-8 text" in output


def test_missing_translation_only_fails_in_strict_mode(project):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT.replace("  en: A test record.\n", ""))
    assert check(project)[0] == 0
    code, output = check(project, "--strict")
    assert code == 1
    assert "test-event.yml:6: summary.en: English translation missing (strict mode)" in output


def test_duplicate_ids_and_dangling_and_self_references(project):
    write(project, "exhibits/events/a.yml", VALID_EVENT + "related: [test-event, nowhere-record]\n")
    write(project, "exhibits/events/b.yml", VALID_EVENT)
    code, output = check(project)
    assert code == 1
    assert re.search(r"b\.yml:2: id: \"test-event\" is already used by exhibits/events/a\.yml:2", output)
    assert "related[0]: points to this record itself" in output
    assert "related[1]: no published record has the id \"nowhere-record\"" in output


def test_image_paths_must_stay_inside_images(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.jpg"
    outside.write_bytes(photo_bytes(400, 300))
    (project / "images/link.jpg").symlink_to(outside)
    record = VALID_EVENT + "images:\n"
    for file in ("../secret.jpg", str(outside), "link.jpg", "events/missing.jpg"):
        record += f"  - file: {file}\n    alt: {{zh: 照片, en: photo}}\n"
    write(project, "exhibits/events/test-event.yml", record)
    code, output = check(project)
    assert code == 1
    assert "images[0].file: \"../secret.jpg\" points outside images/" in output
    assert f"images[1].file: \"{outside}\" points outside images/" in output
    assert "images[2].file: \"link.jpg\" leads outside images/" in output
    assert "images[3].file: images/events/missing.jpg does not exist" in output


def test_broken_images_are_validation_errors(project):
    images = project / "images/events"
    images.mkdir(parents=True)
    (images / "empty.jpg").write_bytes(b"")
    (images / "garbage.jpg").write_bytes(b"this is not a picture" * 50)
    record = VALID_EVENT + "images:\n"
    for file in ("empty.jpg", "garbage.jpg"):
        record += f"  - file: events/{file}\n    alt: {{zh: 照片, en: photo}}\n"
    write(project, "exhibits/events/test-event.yml", record)
    code, output = check(project)
    assert code == 1
    assert "images[0].file: images/events/empty.jpg is an empty file" in output
    assert "images[1].file: images/events/garbage.jpg is not a readable picture" in output


def test_every_problem_is_reported_at_once(project):
    write(project, "exhibits/events/a.yml", VALID_EVENT.replace("title:", "titel:"))
    write(project, "exhibits/events/b.yml", VALID_EVENT.replace("test-event", "b").replace("2019-03-15", "2019-02-30"))
    write(project, "exhibits/events/c.yml", "kind: [\n")
    code, output = check(project)
    assert code == 1
    problems = LINE.findall(output)
    assert {p[0] for p in problems} == {"exhibits/events/a.yml", "exhibits/events/b.yml", "exhibits/events/c.yml"}
    assert re.search(r"^\d+ problems found", output, re.M)


def test_living_person_needs_consent(project):
    person = VALID_EVENT.replace("kind: event", "kind: person").replace('date: "2019-03-15"\n', "").replace("id: test-event", "id: someone")
    person += "category: model_veteran\nliving: true\nname: {zh: 某某, pinyin: Moumou}\n"
    write(project, "exhibits/people/someone.yml", person)
    code, output = check(project)
    assert code == 1
    assert "consent: a living person's record needs a consent reference" in output


def test_libyaml_reader_gives_the_same_records_and_lines_as_the_python_reader():
    """Records are read with LibYAML's parser for speed; what comes out must not differ."""
    from exhibition.records import load as loading

    assert loading._Loader is not loading._PythonLoader, "PyYAML without LibYAML: records load ~7x slower"
    for path in sorted((ROOT / "exhibits").rglob("*.yml")):
        fast, _ = loading._load(path, path.name, loading._Loader)
        exact, _ = loading._load(path, path.name, loading._PythonLoader)
        assert fast is not None and fast.data == exact.data and fast.lines == exact.lines, path


def test_checked_records_are_handed_to_the_build_only_while_nothing_changed(real_project, tmp_path, monkeypatch):
    """`exhibition build` validates before MkDocs starts; the plugin reuses that result
    instead of validating again, unless a record, setting or picture changed meanwhile."""
    from exhibition.pipeline import check
    from exhibition.records import handoff

    result = check(real_project)
    saved = tmp_path / "checked.pickle"
    handoff.save(saved, real_project, (False, False), result)
    monkeypatch.setenv(handoff.ENV, str(saved))
    reused = handoff.take(real_project, (False, False))
    assert reused is not None and [r.id for r in reused[1].records] == [r.id for r in result[1].records]
    assert handoff.take(real_project, (True, False)) is None  # checked without --strict
    record = next((real_project / "exhibits").rglob("*.yml"))
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert handoff.take(real_project, (False, False)) is None  # a record changed since
    assert check(real_project, reuse=True)[1].records  # …so the build validates again
    monkeypatch.setenv(handoff.ENV, str(tmp_path / "missing.pickle"))
    assert handoff.take(real_project, (False, False)) is None
