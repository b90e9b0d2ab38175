"""A curator's first day, as issue #28 found it: nine frictions, each with its test.

A new story with a phone photo, a roll list through Excel and a few deliberate mistakes; every message
names the file and the line to open, counts as a person does, and every setting is checked."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import BIN, ROOT, VALID_EVENT, photo_bytes, run_cli, write
from exhibition.records.problems import Problem, report


def test_one_problem_is_told_in_the_singular():
    one = report([Problem("exhibits/events/a.yml", 3, "title", "required.")])
    assert one.splitlines()[-1] == "1 problem found; the site was not changed. Fix it and run the command again."
    two = report([Problem("exhibits/events/a.yml", 3, "title", "required."), Problem("exhibits/events/a.yml", 4, "id", "x.")])
    assert two.splitlines()[-1] == "2 problems found; the site was not changed. Fix them and run the command again."


def test_the_project_files_name_only_documents_that_are_in_the_repository():
    """requirements.txt pointed to a DESIGN.md that only the developers' machine has."""
    tracked = set(subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split())
    names = {Path(p).name for p in tracked}
    missing = []
    for name in ("requirements.txt", "requirements-test.txt", "constraints.txt", "mkdocs.yml", "mkdocs-kiosk.yml", "Makefile"):
        comments = re.findall(r"#.*", (ROOT / name).read_text(encoding="utf-8"))  # the nav names generated pages
        for document in re.findall(r"[\w./-]+\.md\b", "\n".join(comments)):
            if document.startswith("build/"):
                continue  # what a command writes (make mutation's report), not a document to ship
            if document not in tracked and Path(document).name not in names:
                missing.append(f"{name}: {document}")
    assert missing == []


OFF_GLOSSARY = VALID_EVENT.replace("A test record.", "The Martyrs Day ceremony.")
GLOSSARY_NOTE = (
    'exhibits/events/test-event.yml:8: summary.en: "Martyrs Day" is not the approved English for 烈士纪念日. '
    'Write "Martyrs\' Day" (settings/glossary.yml)'
)


def test_make_check_prints_every_note_with_its_file_and_line(project):
    """A note is allowed for now, but a count alone ("1 note") left the curator nothing to open."""
    write(project, "exhibits/events/test-event.yml", OFF_GLOSSARY)
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "1 record checked: no problems.",
        GLOSSARY_NOTE,
        "1 note (not an error yet: `make check STRICT=1` treats it as one; `make report` lists all that is unfinished).",
    ]


def test_make_build_prints_every_note_with_its_file_and_line(project):
    # With a problem beside it, so the build stops before MkDocs (seconds saved): notes are printed either way.
    write(project, "exhibits/events/test-event.yml", OFF_GLOSSARY)
    write(project, "exhibits/events/other.yml", VALID_EVENT.replace("id: test-event", "id: other").replace("title:", "titel:"))
    result = run_cli(project, "build")
    assert result.returncode == 1, result.stderr
    assert GLOSSARY_NOTE in result.stdout.splitlines()
    assert "exhibits/events/other.yml:3: titel: unknown field. Did you mean `title`?" in result.stderr


STORY = """\
# yaml-language-server: $schema=../../schema/story.schema.json
kind: story
id: my-story
title: {zh: 我的专题, en: My story}
summary: {zh: 一个测试专题。, en: A test story.}
images:
  - file: stories/phone.jpg
    alt: {zh: 手机照片, en: A phone photo}
  - file: stories/flag.png
    alt: {zh: 国旗, en: The flag}
sections:
  - heading: {zh: 第一节, en: One}
    text: {zh: 正文。, en: Text.}
    image: images/stories/phone.jpg
  - heading: {zh: 第二节, en: Two}
    text: {zh: 正文。, en: Text.}
    image: stories/phone.jpeg
  - heading: {zh: 第三节, en: Three}
    text: {zh: 正文。, en: Text.}
    image: stories/flag.png
  - heading: {zh: 第四节, en: Four}
    text: {zh: 正文。, en: Text.}
    image: stories/nothing-like-it.png
sources:
  - id: yearbook
    title: 2019年聊城年鉴
    publisher: 聊城市退役军人事务局
review: {status: verified, date: 2026-11-28}
"""


def _story(project, text=STORY):
    for name in ("stories/phone.jpg", "stories/flag.png"):
        (project / "images" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "images" / name).write_bytes(photo_bytes(40, 30, gps=False))
    write(project, "exhibits/stories/my-story.yml", text)
    return run_cli(project, "check")


def test_a_sections_picture_is_told_on_its_own_line_with_the_likely_fix(project):
    """Each wrong `image:` on the line where it is written (not line 2, `kind: story`), every one at once,
    with a did-you-mean for another extension and the hint to drop a leading images/."""
    result = _story(project)
    assert result.returncode == 1
    listed = "(stories/phone.jpg, stories/flag.png)"
    assert [line for line in result.stderr.splitlines() if line.startswith("exhibits/")] == [
        f'exhibits/stories/my-story.yml:14: sections[1].image (第1节 / section 1): "images/stories/phone.jpg" is not one of this story\'s `images` {listed}. '
        "Paths start inside images/: drop the leading images/ and write `image: stories/phone.jpg`",
        f'exhibits/stories/my-story.yml:17: sections[2].image (第2节 / section 2): "stories/phone.jpeg" is not one of this story\'s `images` {listed}. '
        "Did you mean `image: stories/phone.jpg`?",
        f'exhibits/stories/my-story.yml:23: sections[4].image (第4节 / section 4): "stories/nothing-like-it.png" is not one of this story\'s `images` {listed}. '
        "List the picture under `images:` with its alt text, then name its file here",
    ]


def _roll_settings(project, text: str):
    write(project, "settings/roll.yml", text)
    return run_cli(project, "check")


def test_the_roll_settings_are_checked_with_their_lines(project):
    """`shard_at: abc` passed make check and then stopped make build with "a fault in the site's code"."""
    result = _roll_settings(project, "contact: ''\nshard_at: abc\n")
    assert result.returncode == 1
    assert (
        'settings/roll.yml:2: shard_at: must be a number, found "abc". Write digits only, without units or commas'
        in result.stderr
    )
    result = _roll_settings(project, "contact: guan at example.org\nfont: fonts/none.otf\nshard_at: 0\nshards: 2\n")
    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("settings/")] == [
        'settings/roll.yml:1: contact: "guan at example.org" is not an e-mail address. Write one such as guan@example.org, or leave it empty',
        "settings/roll.yml:3: shard_at: must be at least 1, found 0",
        "settings/roll.yml:4: shards: unknown field. Did you mean `shard_at`?",
    ]
    result = _roll_settings(project, "font: fonts/none.otf\n")
    assert result.returncode == 1
    assert 'settings/roll.yml:1: font: "fonts/none.otf" is not a file.' in result.stderr
    assert _roll_settings(project, "contact: guan@example.org\nshard_at: 2\n").returncode == 0


def test_the_roll_settings_have_a_json_schema_that_editors_use():
    mapping = json.loads((ROOT / ".vscode/settings.json").read_text())["yaml.schemas"]
    assert mapping["./schema/roll-settings.schema.json"] == ["settings/roll.yml"]
    schema = json.loads((ROOT / "schema/roll-settings.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(yaml.safe_load((ROOT / "settings/roll.yml").read_text(encoding="utf-8"))))
    assert list(validator.iter_errors({"shard_at": "abc"}))


def test_make_checks_exit_status_is_what_the_readme_says(project):
    """make exits 2 for any failed command, which the README's table calls "a wrong command line":
    the README says so, and the tool's own 1 is in make's last line."""
    shutil.copy(ROOT / "Makefile", project / "Makefile")
    write(project, "exhibits/events/test-event.yml", VALID_EVENT.replace("title:", "titel:"))
    make = shutil.which("make") or "make"  # .ci/run runs make test: it is there
    venv = BIN.parent  # the environment running the tests: -o, never remade (nor installed into) from here
    command = [make, "check", f"VENV={venv}", "-o", f"{venv}/.installed"]
    result = subprocess.run(command, cwd=project, capture_output=True, text=True, timeout=120)
    assert "titel: unknown field" in result.stderr
    assert result.returncode == 2 and re.search(r"\[Makefile:\d+: check\] Error 1$", result.stderr.strip())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "**Through `make`** every failure exits 2" in readme and "Error 1`" in readme


def test_make_screenshots_shoots_the_pages_named_in_pages(built_site):
    """`make screenshots PAGES="exhibits/stories/my-story"`: any page, in both languages, and a name that
    is not a page is said plainly."""
    import sys

    sys.path.insert(0, str(ROOT / "scripts" / "tools"))
    import screenshots  # scripts/tools is not a package

    assert screenshots._chosen(built_site, ["exhibits/stories/one-city-one-ship", "/exhibits/people/fan-zhuxian/"]) == [
        "exhibits/stories/one-city-one-ship/",
        "en/exhibits/stories/one-city-one-ship/",
        "exhibits/people/fan-zhuxian/",
        "en/exhibits/people/fan-zhuxian/",
    ]
    with pytest.raises(SystemExit, match="exhibits/stories/my-story/index.html does not exist"):
        screenshots._chosen(built_site, ["exhibits/stories/my-story"])
    make = subprocess.run(
        ["make", "-n", "screenshots", "PAGES=exhibits/stories/one-city-one-ship"],  # -n: prints, runs nothing
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "screenshots.py --pages exhibits/stories/one-city-one-ship" in make.stdout
    assert 'make screenshots PAGES="exhibits/stories/' in (ROOT / "README.md").read_text(encoding="utf-8")


BLOCK = (
    VALID_EVENT
    + """\
body:
  zh: |
    第一段。

    第二段，电话 13912345678。
  en: >
    The first paragraph, with nothing wrong in it.
    The Martyrs Day ceremony was held.

    Call <b>now</b> or read [this](javascript:alert(1)).
"""
)


def test_a_problem_in_a_block_of_text_is_told_on_the_line_of_the_word(project):
    """Not on the line where the block starts (`en: >`, line 23), but where the word is written."""
    write(project, "exhibits/events/test-event.yml", BLOCK)
    lines = BLOCK.splitlines()
    result = run_cli(project, "check")
    assert result.returncode == 1
    told = {line.split(": ", 2)[0]: line for line in result.stderr.splitlines() if line.startswith("exhibits/")}
    phone = next(i for i, text in enumerate(lines, 1) if "13912345678" in text)
    tag = next(i for i, text in enumerate(lines, 1) if "<b>" in text)
    assert told[f"exhibits/events/test-event.yml:{phone}"].startswith(
        f"exhibits/events/test-event.yml:{phone}: body.zh: contains a phone number"
    )
    assert told[f"exhibits/events/test-event.yml:{tag}"].startswith(
        f"exhibits/events/test-event.yml:{tag}: body.en: contains HTML or a javascript: link"
    )
    notes = run_cli(project, "check", "--strict").stderr  # English off the glossary: an error in strict mode
    term = next(i for i, text in enumerate(lines, 1) if "Martyrs Day" in text)
    assert f'exhibits/events/test-event.yml:{term}: body.en: "Martyrs Day" is not the approved English' in notes
