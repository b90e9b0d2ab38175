"""Each kind of curator mistake gets its own message, all at once, with a non-zero exit."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT, VALID_EVENT, photo_bytes, run_cli, seed_caches, write
from exhibition.cli import OK, PROBLEMS

LINE = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+): (?P<rest>.*)$", re.M)


def check(root, *args):
    result = run_cli(root, "check", *args)
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert result.returncode in (OK, PROBLEMS), output  # never INTERNAL (70): callers assert which one
    return result.returncode, output


def test_valid_record_passes(project):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    code, output = check(project)
    assert code == 0, output
    assert "1 record checked: no problems." in output


def with_image(extra: str, file: str = "events/photo.jpg") -> str:
    return (
        VALID_EVENT
        + f"""images:
  - file: {file}
    alt:
      zh: 一张照片
{extra}"""
    )


def test_missing_english_alt_names_file_line_and_field(project):
    write(project, "images/events/photo.jpg", "")
    (project / "images/events/photo.jpg").write_bytes(photo_bytes(400, 300))
    write(project, "exhibits/events/test-event.yml", with_image(""))
    code, output = check(project)
    assert code == 1
    # VALID_EVENT has 16 lines: images: is line 17, alt: line 19
    assert (
        "exhibits/events/test-event.yml:19: images[1].alt.en (第1张图片 / picture 1): required. Add an English description of the picture."
        in output
    )


CASES = {
    "malformed yaml": (VALID_EVENT.replace("summary:\n", "summary\n  - oops: [\n"), r"test-event.yml:\d+: is not valid YAML"),
    "tab indentation": (VALID_EVENT.replace("  zh: 测试活动", "\tzh: 测试活动"), r"test-event.yml:4: is indented with a tab"),
    "wrong type": (VALID_EVENT.replace('date: "2019-03-15"', "date: [2019]"), r"test-event.yml:9: date: must be a date"),
    "unknown field with suggestion": (
        VALID_EVENT.replace("title:", "titel:"),
        r"test-event.yml:3: titel: unknown field. Did you mean `title`\?",
    ),
    "missing required field": (
        VALID_EVENT.replace("summary:\n  zh: 一条测试记录。\n  en: A test record.\n", ""),
        r"summary: required",
    ),
    "impossible date": (
        VALID_EVENT.replace("2019-03-15", "2019-02-30"),
        r"test-event.yml:9: date: \"2019-02-30\": 2019-02 has no day 30",
    ),
    "month thirteen": (VALID_EVENT.replace("2019-03-15", "2019-13"), r"date: \"2019-13\": month 13 does not exist"),
    "not a date": (VALID_EVENT.replace("2019-03-15", "March 2019"), r"date: \"March 2019\" is not a date"),
    "bad id": (VALID_EVENT.replace("id: test-event", "id: 测试"), r"id: \"测试\" is not an id"),
    "unknown kind": (VALID_EVENT.replace("kind: event", "kind: evnt"), r"kind: unknown kind `evnt`. Did you mean `event`\?"),
    "no sources": (
        VALID_EVENT.split("sources:")[0] + "review:\n  status: verified\n  date: 2026-11-28\n",
        r"sources: a published record needs at least one source",
    ),
    "raw html": (VALID_EVENT.replace("A test record.", "A <script>alert(1)</script> record."), r"summary.en: contains HTML"),
    "javascript link": (
        VALID_EVENT.replace("A test record.", "'[x](javascript:alert(1))'"),
        r"summary.en: contains HTML or a javascript: link",
    ),
    "unknown source id": (
        VALID_EVENT + "figures:\n  - label: {zh: 人数, en: people}\n    value: 3\n    source: nowhere\n",
        r"figures\[1\].source \(第1个数字 / figure 1\): no entry in `sources` has the id \"nowhere\"",
    ),
    "alias": (
        VALID_EVENT.replace("title:\n", "title: &t\n").replace(
            "summary:\n  zh: 一条测试记录。\n  en: A test record.\n", "summary: *t\n"
        ),
        r"uses a YAML (alias|anchor)",
    ),
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
    assert "related[1] (第1个相关展品 / related exhibit 1): points to this record itself" in output
    assert 'related[2] (第2个相关展品 / related exhibit 2): no published record has the id "nowhere-record"' in output


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
    assert 'images[1].file (第1张图片 / picture 1): "../secret.jpg" points outside images/' in output
    assert f'images[2].file (第2张图片 / picture 2): "{outside}" points outside images/' in output
    assert 'images[3].file (第3张图片 / picture 3): "link.jpg" leads outside images/' in output
    assert "images[4].file (第4张图片 / picture 4): images/events/missing.jpg does not exist" in output


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
    assert "images[1].file (第1张图片 / picture 1): images/events/empty.jpg is an empty file" in output
    assert "images[2].file (第2张图片 / picture 2): images/events/garbage.jpg is not a readable picture" in output


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
    person = (
        VALID_EVENT.replace("kind: event", "kind: person")
        .replace('date: "2019-03-15"\n', "")
        .replace("id: test-event", "id: someone")
    )
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


@pytest.mark.build
def test_a_build_validates_the_records_once(real_project, caches, tmp_path, monkeypatch):
    """`exhibition build` checks the records and hands them to the plugin in the same process:
    MkDocs' run does not validate them a second time."""
    from exhibition import build, pipeline

    seed_caches(caches, real_project)  # its pictures and PDFs are not what this test is about

    calls = []
    original = pipeline.validate
    monkeypatch.setattr(pipeline, "validate", lambda *a, **k: calls.append(1) or original(*a, **k))
    assert build.build_site(real_project, site_dir=tmp_path / "site") == 0
    assert len(calls) == 1
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "site" / "en" / "index.html").is_file()


def test_the_preview_reads_again_only_the_files_that_changed(real_project, monkeypatch):
    """The preview's checks keep what they found per file: an unchanged record is not read again,
    an edited one is, and the result is the same as a check from scratch."""
    from exhibition.pipeline import check
    from exhibition.records import validate as validation

    cache: dict = {}
    first = check(real_project, cache=cache)
    read = []
    original = validation.load
    monkeypatch.setattr(validation, "load", lambda path, shown: read.append(shown) or original(path, shown))
    again = check(real_project, cache=cache)
    assert read == [] and [r.id for r in again.collection.records] == [r.id for r in first.collection.records]
    record = real_project / "exhibits/people/fan-zhuxian.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("titel", "title") + "\n", encoding="utf-8")
    edited = check(real_project, cache=cache)
    assert read == ["exhibits/people/fan-zhuxian.yml"]
    fresh = check(real_project)
    assert edited.problems == fresh.problems and edited.collection.advisories == fresh.collection.advisories
    assert [r.model_dump() for r in edited.collection.records] == [r.model_dump() for r in fresh.collection.records]


# --- issue #15: the curator's day ------------------------------------------------------------


def problem_lines(output: str) -> list[str]:
    return [m.group(0) for m in LINE.finditer(output)]


def test_a_reference_suggestion_comes_from_the_kinds_the_field_accepts(real_project):
    # luxibei-cemetery is closest by id to the lesson luxibei-925-names, but `related` of an
    # exhibit names exhibits: the cemetery is found by the words of its title.
    write(real_project, "exhibits/events/test-event.yml", VALID_EVENT + "related: [luxibei-cemetery]\n")
    code, output = check(real_project)
    assert code == 1
    assert problem_lines(output) == [
        'exhibits/events/test-event.yml:17: related[1] (第1个相关展品 / related exhibit 1): no published record has the id "luxibei-cemetery". '
        "Did you mean `luxibei-revolutionary-martyrs-cemetery`?"
    ]


def test_a_reference_to_a_record_of_the_wrong_kind_says_which_kinds_fit(real_project):
    write(real_project, "exhibits/events/test-event.yml", VALID_EVENT + "people: [fan-zhuxian-upper-primary]\n")
    code, output = check(real_project)
    assert code == 1
    assert problem_lines(output) == [
        'exhibits/events/test-event.yml:17: people[1] (第1位人物 / person 1): "fan-zhuxian-upper-primary" is a lesson record '
        "(exhibits/lessons/fan-zhuxian-upper-primary.yml), but people names a record of kind person. Name one of those"
    ]


def test_one_typo_gives_one_message(real_project):
    # Five records name fan-zhuxian; a typo in its file must not make them all "dangling".
    path = real_project / "exhibits/people/fan-zhuxian.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("\ntitle:", "\ntitel:", 1), encoding="utf-8")
    code, output = check(real_project)
    assert code == 1
    assert problem_lines(output) == ["exhibits/people/fan-zhuxian.yml:4: titel: unknown field. Did you mean `title`?"]
    assert "1 problem found" in output


def test_every_problem_of_one_file_at_once_in_line_order(project):
    record = VALID_EVENT.replace("title:", "titel:", 1).replace("2019-03-15", "2019-02-30") + "related: [nowhere-record]\n"
    write(project, "exhibits/events/test-event.yml", record)
    code, output = check(project)
    assert code == 1
    assert problem_lines(output) == [
        "exhibits/events/test-event.yml:3: titel: unknown field. Did you mean `title`?",
        'exhibits/events/test-event.yml:9: date: "2019-02-30": 2019-02 has no day 30 (it has 28 days). Check the source.',
        'exhibits/events/test-event.yml:17: related[1] (第1个相关展品 / related exhibit 1): no published record has the id "nowhere-record". '
        "Check the id, or add that record (or mark it draft if it is not ready).",
    ]


@pytest.mark.parametrize(
    "line, expected",
    [
        (
            "    licence：CC BY 4.0",
            '23: licence: the colon after "licence" is a full-width colon (：). Type an ASCII colon (:) followed by a space',
        ),
        (
            "    licence:\u3000CC BY 4.0",
            '23: licence: the space after "licence:" is a full-width space (U+3000). Type an ordinary space',
        ),
        (
            "    credit: {zh: 展览馆，en: The hall}",
            '23: credit: the comma before "en" is a full-width comma (，). Type an ASCII comma (,)',
        ),
        (
            "    caption: “说明: 一张照片”",
            '23: caption: the value starts with a full-width quote (“), which YAML does not read as a quote. Use ASCII quotes "…"',
        ),
    ],
)
def test_full_width_punctuation_is_named_on_its_own_line(project, line, expected):
    (project / "images/events").mkdir(parents=True)
    (project / "images/events/photo.jpg").write_bytes(photo_bytes(400, 300))
    record = with_image("      en: A photo\n    creator: 某某\n" + line + "\n    rights_holder: 展览馆\n")
    write(project, "exhibits/events/test-event.yml", record)
    code, output = check(project)
    assert code == 1
    assert problem_lines(output) == [f"exhibits/events/test-event.yml:{expected}"]


def test_full_width_spaces_in_a_field_name_are_named(project):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT.replace("  en: Test event", "\u3000 en: Test event"))
    code, output = check(project)
    assert code == 1
    assert (
        "exhibits/events/test-event.yml:5: the field name 'en' holds a full-width space (U+3000). "
        "Type it again with ordinary spaces and an ASCII colon (:)" in output
    )


def test_picture_paths_name_the_likely_slip(project):
    (project / "images/people").mkdir(parents=True)
    (project / "images/people/x.jpg").write_bytes(photo_bytes(400, 300))
    (project / "images/people/Group.PNG").write_bytes(photo_bytes(400, 300))
    record = VALID_EVENT + "images:\n"
    for file in ("images/people/x.jpg", "people/x.jpeg", "people/group.png", "people/nothing-like-it.jpg", "People/X.JPG"):
        record += f"  - file: {file}\n    alt: {{zh: 照片, en: photo}}\n"
    write(project, "exhibits/events/test-event.yml", record)
    code, output = check(project)
    assert code == 1
    assert problem_lines(output) == [
        "exhibits/events/test-event.yml:18: images[1].file (第1张图片 / picture 1): images/images/people/x.jpg does not exist. "
        "Paths start inside images/: drop the leading images/ and write `file: people/x.jpg`",
        "exhibits/events/test-event.yml:20: images[2].file (第2张图片 / picture 2): images/people/x.jpeg does not exist. "
        "Did you mean `file: people/x.jpg` (the file that exists)?",
        "exhibits/events/test-event.yml:22: images[3].file (第3张图片 / picture 3): images/people/group.png does not exist. "
        "Did you mean `file: people/Group.PNG` (the file that exists)?",
        "exhibits/events/test-event.yml:24: images[4].file (第4张图片 / picture 4): images/people/nothing-like-it.jpg does not exist. "
        "Check the file name (capitals count) or add the photo to images/",
        "exhibits/events/test-event.yml:26: images[5].file (第5张图片 / picture 5): images/People/X.JPG does not exist. "
        "Did you mean `file: people/x.jpg` (the file that exists)?",
    ]


def test_plain_text_where_both_languages_are_wanted_shows_the_fix(project):
    (project / "images/events").mkdir(parents=True)
    (project / "images/events/photo.jpg").write_bytes(photo_bytes(400, 300))
    write(project, "exhibits/events/test-event.yml", with_image("      en: A photo\n    credit: 聊城市双拥展览馆\n"))
    code, output = check(project)
    assert code == 1
    assert problem_lines(output) == [
        'exhibits/events/test-event.yml:22: images[1].credit (第1张图片 / picture 1): must be a group of fields (zh, en), found "聊城市双拥展览馆". '
        "Write both languages: `credit: {zh: 聊城市双拥展览馆, en: …}`"
    ]


def test_drafts_left_out_are_named(project):
    draft = VALID_EVENT.replace("status: verified", "status: draft")
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    write(project, "exhibits/events/one.yml", draft.replace("id: test-event", "id: one"))
    code, output = check(project)
    assert code == 0, output
    assert "1 draft not published: exhibits/events/one.yml" in output
    write(project, "exhibits/events/two.yml", draft.replace("id: test-event", "id: two"))
    code, output = check(project)
    assert "2 drafts not published: exhibits/events/one.yml, exhibits/events/two.yml" in output
    code, output = check(project, "--drafts")
    assert code == 0 and "not published" not in output


def test_reference_to_a_draft_says_it_is_a_draft(project):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT + "related: [one]\n")
    write(
        project,
        "exhibits/events/one.yml",
        VALID_EVENT.replace("status: verified", "status: draft").replace("id: test-event", "id: one"),
    )
    code, output = check(project)
    assert code == 1
    assert (
        'exhibits/events/test-event.yml:17: related[1] (第1个相关展品 / related exhibit 1): no published record has the id "one": exhibits/events/one.yml '
        "is a draft. Publish it (review.status: verified) or remove this reference" in output
    )


def test_a_licence_is_plain_text_for_both_languages_or_one_text_per_language():
    from exhibition.pages.format import Formatter

    image = {"file": "x.jpg", "alt": {"zh": "图", "en": "picture"}, "creator": "某某"}
    same = model_image({**image, "licence": "CC BY 4.0"})
    each = model_image({**image, "licence": {"zh": "版权所有", "en": "All rights reserved"}})
    zh, en = Formatter("zh"), Formatter("en")
    assert zh.credit_line(same).endswith("某某 · CC BY 4.0") and en.credit_line(same).endswith("某某 · CC BY 4.0")
    assert zh.credit_line(each).endswith("某某 · 版权所有")
    assert en.credit_line(each).endswith("某某 · All rights reserved")


def model_image(data):
    from exhibition.records.model import Image

    return Image.model_validate(data)


@pytest.mark.parametrize(
    "link, message",
    [
        (
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            'contains a link to "data:text/html;base64,PHNjcmlwdD4=": data: links are not allowed. '
            "Link with an http(s):// or mailto: address, or to a page of this site",
        ),
        (
            "[x](file:///etc/passwd)",
            'contains a link to "file:///etc/passwd": file: links are not allowed. '
            "Link with an http(s):// or mailto: address, or to a page of this site",
        ),
        (
            "[x]: data:text/html,hi",
            'contains a link to "data:text/html,hi": data: links are not allowed. '
            "Link with an http(s):// or mailto: address, or to a page of this site",
        ),
        (
            "[x](//example.org/a)",
            'contains a link to "//example.org/a", another host without http(s)://. Write the full https:// address',
        ),
    ],
)
def test_only_web_mail_and_site_links_are_allowed(project, link, message):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT.replace("A test record.", f"'{link}'"))
    code, output = check(project)
    assert code == 1
    assert problem_lines(output) == [f"exhibits/events/test-event.yml:8: summary.en: {message}"]


def test_web_and_mail_links_pass(project):
    text = "'[a](https://example.org) [b](mailto:hall@example.org) [c](http://example.org/x)'"
    public = "public_values:\n  - value: hall@example.org\n    reason: 展览馆对外公布的邮箱\n"
    write(project, "exhibits/events/test-event.yml", VALID_EVENT.replace("A test record.", text) + public)
    code, output = check(project)
    assert code == 0, output


def test_the_link_fields_are_explained_in_a_new_record(project):
    from exhibition.records.scaffold import scaffold

    lesson, person, event, memorial = (scaffold(k, "x") for k in ("lesson", "person", "event", "memorial"))
    assert "linked_records: []" in lesson and "Ids of the exhibit records (any kind but lesson)" in lesson
    assert "commemorated_at: []" in person and "memorial or place records" in person
    assert "people: []" in event and "place or memorial record" in event
    assert "Id of the person's record (kind person)" in memorial
    for text in (lesson, person, event, memorial):
        assert "Ids of related exhibit records" in text


# --- issue #13: checkable content --------------------------------------------------------------

QUOTE = "2019年9月30日，全市共有优抚对象二万一千人，1,300 名志愿者参加，全年约2.1万人次参观，一九三八年十一月十五日殉国。"
QUOTED_EVENT = VALID_EVENT.replace(
    "    publisher: 聊城市退役军人事务局\n", f"    publisher: 聊城市退役军人事务局\n    quote: {QUOTE}\n"
)


def figure(value) -> str:
    return f"  - label: {{zh: 人数, en: people}}\n    value: {value}\n    source: yearbook\n"


def dated(date: str) -> str:
    return f'  - date: "{date}"\n    label: {{zh: 事件, en: event}}\n    source: yearbook\n'


def test_numbers_and_dates_are_read_from_a_quote_in_either_writing():
    from exhibition.records.content import dates_in, number_of, numbers_in

    numbers = numbers_in(QUOTE)
    for value in (21000, 1300, 2019, 1938):
        assert value in numbers, value
    assert 1500 not in numbers
    assert numbers_in("共 1 300 人，两千余名，五十三处") >= {1300, 2000, 53}
    assert numbers_in("in 2019 925 names were carved") >= {2019, 925}  # a space between two numbers is not a separator
    assert number_of("约900") == 900 and number_of("one in three") is None
    assert number_of("2.1万") == 21000 and number_of("1,300") == 1300 and number_of("九百二十五") == 925
    dates = dates_in(QUOTE)
    assert {(2019, 9, 30), (2019, 9, 0), (2019, 0, 0), (1938, 11, 15)} <= dates
    assert (2019, 10, 0) not in dates
    assert (2019, 9, 30) in dates_in("2019年09月30日") and (2019, 9, 30) in dates_in("on 30 September 2019")
    assert (2019, 9, 30) in dates_in("September 30, 2019")


def test_quotes_as_sources_write_them():
    """Forms found in the real sources: a day whose year is given earlier, a dash typed as 一,
    a value with a note after its number, a date in a disputed value, full- and half-width commas."""
    from exhibition.records.content import dates_in, number_of

    assert (1940, 5, 16) in dates_in("1940年5月，将军奉命渡襄河出击……5月16日，转战湖北宜城十里长山")
    assert (1943, 9, 23) in dates_in("1943年任冀南军区第七军分区政治委员。同年9月23日在陈管营作战中牺牲。")
    assert (2020, 9, 30) not in dates_in("2019年9月30日举行公祭；2020年另有活动")  # a full date keeps its own year
    assert (2019, 9, 30) in dates_in("9月30日，在聊城市革命烈士陵园举行公祭活动。", context_years=(2019,))
    assert (2019, 9, 30) not in dates_in("9月30日，在聊城市革命烈士陵园举行公祭活动。")
    dates = dates_in("【孔繁森】(1944.7一1994.11)堂邑县人")
    assert (1944, 7, 0) in dates and (1994, 11, 0) in dates
    assert number_of("1500（056A型，《简氏防务周刊》）") == 1500
    assert number_of("约1300（056型满载，《环球时报》）") == 1300
    assert number_of("056A型与056型") is None  # two numbers, none of them leading: words, not a figure


def test_a_disputed_date_and_a_disputed_phrase_are_found_in_their_quotes(project):
    record = QUOTED_EVENT.replace("quote: ", "quote: 新中国成立后,中央人民政府追认他为烈士。1995年9月10日开馆。", 1)
    record += """disputed:
  - field: opened
    label: {zh: 开馆日期, en: Opening}
    values:
      - value: "1995-09-10"
        source: yearbook
      - value: "1995-09-14"
        source: yearbook
  - field: recognised
    label: {zh: 追认, en: Recognised}
    values:
      - value: 新中国成立后，中央人民政府追认
        source: yearbook
      - value: 1982年国务院追认
        source: yearbook
"""
    write(project, "exhibits/events/test-event.yml", record)
    code, output = check(project, "--strict")
    assert code == 1
    lines = problem_lines(output)
    assert len(lines) == 2, lines
    assert (
        "disputed[1].values[2].value (第1处说法不一 / dispute 1): 1995-09-14 is not in the quote of source yearbook" in lines[0]
    )
    assert "disputed[2].values[2].value (第2处说法不一 / dispute 2): 1982年国务院追认 is not in the quote" in lines[1]


def test_a_figure_or_date_missing_from_its_quote_fails_a_verified_record(project):
    # sources 10-14 (quote 14), review 15-17, figures 18: values on lines 20, 23, 26; dates 28: dates on 29, 32
    record = QUOTED_EVENT + "figures:\n" + figure(21000) + figure('"1,300"') + figure(1500)
    record += "dates:\n" + dated("2019-09-30") + dated("2019-10")
    write(project, "exhibits/events/test-event.yml", record)
    code, output = check(project)
    assert code == 1, output  # issue #24: a verified record is held to its quotes without strict mode too
    preview = QUOTE[:60] + "…"
    assert problem_lines(output) == [
        f'exhibits/events/test-event.yml:26: figures[3].value (第3个数字 / figure 3): 1500 is not in the quote of source yearbook ("{preview}"). Correct the number or the quote',
        f'exhibits/events/test-event.yml:32: dates[2].date (第2个日期 / date 2): 2019-10 is not in the quote of source yearbook ("{preview}"). Correct the date or the quote',
    ]
    # A draft is not held to it, even in strict mode.
    write(project, "exhibits/events/test-event.yml", record.replace("status: verified", "status: draft"))
    code, output = check(project, "--strict", "--drafts")
    assert code == 0, output


def test_a_disputed_value_must_be_in_the_quote_of_its_own_source(project):
    second = "  - id: other\n    title: 另一来源\n    publisher: 某报\n    quote: 约有二千人参加。\n"
    record = QUOTED_EVENT.replace("review:\n", second + "review:\n")  # the second source: lines 15-18
    record += "disputed:\n  - field: participants\n    values:\n      - value: 2000\n        source: other\n      - value: 3000\n        source: yearbook\n"
    write(project, "exhibits/events/test-event.yml", record)
    code, output = check(project, "--strict")
    assert code == 1
    assert problem_lines(output) == [
        f"exhibits/events/test-event.yml:27: disputed[1].values[2].value (第1处说法不一 / dispute 1): 3000 is not in the quote of source yearbook "
        f'("{QUOTE[:60]}…"). Correct the number or the quote'
    ]


def test_a_source_without_a_quote_is_named_once(project):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT + "figures:\n" + figure(3) + figure(4))
    code, output = check(project, "--strict")
    assert code == 1
    assert problem_lines(output) == [
        "exhibits/events/test-event.yml:11: sources[1] (第1个来源 / source 1): source yearbook (named by figures[1].value, figures[2].value) has no quote. "
        "Add the exact passage as quote:"
    ]


def test_english_that_the_glossary_does_not_approve_is_flagged(project):
    text = "'The political director of the Liaocheng Double-Support Exhibition Hall spoke. Individual supporters came.'"
    write(project, "exhibits/events/test-event.yml", VALID_EVENT.replace("A test record.", text))
    code, output = check(project)
    assert code == 0, output  # listed by `make report` until the records are corrected
    assert "2 notes (not errors yet: `make check STRICT=1` treats them as errors; `make report` lists" in output
    code, output = check(project, "--strict")
    assert code == 1
    assert (
        problem_lines(output)
        == [  # one message per wrong phrase: "double-support" inside the hall's name is not named again
            'exhibits/events/test-event.yml:8: summary.en: "Liaocheng Double-Support Exhibition Hall" is not the approved English for '
            '聊城市双拥展览馆. Write "Liaocheng Double Support Exhibition Hall" (settings/glossary.yml)',
            'exhibits/events/test-event.yml:8: summary.en: "political director" is not the approved English for 政治部主任. '
            'Write "director of the Political Department" (settings/glossary.yml)',
        ]
    )


def test_the_glossary_is_validated_with_lines(project):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    write(project, "settings/glossary.yml", "terms:\n  - zh: 双拥\n    eng: double support\n")
    code, output = check(project)
    assert code == 1
    assert problem_lines(output) == [
        "settings/glossary.yml:3: terms[1].eng (第1个词条 / term 1): unknown field. Did you mean `en`?"
    ]
    write(
        project,
        "settings/glossary.yml",
        "terms:\n  - zh: 双拥\n    en: double support\n"
        "  - zh: 光荣牌\n    en: honour plaques\n    wrong: [honour plaques, honor plaques]\n  - zh: 光荣牌\n    en: plaques\n",
    )
    code, output = check(project)
    assert code == 1
    assert problem_lines(output) == [
        'settings/glossary.yml:6: terms[2].wrong[1] (第2个词条 / term 2): "honour plaques" is part of the approved "honour plaques": '
        "every correct text would be flagged. Remove it from wrong",
        "settings/glossary.yml:7: terms[3].zh (第3个词条 / term 3): 光荣牌 is already listed on line 4. Keep one entry",
    ]


def test_the_real_glossary_holds_the_approved_terms():
    from exhibition.settings import Settings

    settings, problems = Settings.load(ROOT)
    assert not [p for p in problems if p.path == "settings/glossary.yml"]
    terms = {t.zh: t for t in settings.glossary.terms}
    assert terms["聊城市双拥展览馆"].en == "Liaocheng Double Support Exhibition Hall"
    assert "political director" in terms["政治部主任"].wrong
    assert terms["英烈故事进课堂"].en == "Hero Stories in the Classroom"


def test_report_lists_unquoted_facts_sources_without_url_and_glossary_variants(project):
    record = VALID_EVENT.replace("A test record.", "The Martyrs Day ceremony.") + "figures:\n" + figure(3)
    record = record.replace("status: verified", "status: draft")  # a verified record would be refused (#24)
    write(project, "exhibits/events/test-event.yml", record)
    result = run_cli(project, "report")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "exhibits/events/test-event.yml:19: figures[1].value (no quote)" in out
    assert "exhibits/events/test-event.yml:11: sources[1] yearbook (2019年聊城年鉴)" in out
    assert 'exhibits/events/test-event.yml:8: summary.en: "Martyrs Day" is not the approved English for 烈士纪念日.' in out


def test_a_record_that_is_not_valid_yaml_still_counts_for_references(real_project):
    # A full-width colon makes the whole file unreadable as YAML; its id and kind are still
    # read off, so the five records naming fan-zhuxian do not each report it missing.
    path = real_project / "exhibits/people/fan-zhuxian.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("living:"))
    lines[at] = lines[at].replace("living:", "living：", 1)
    path.write_text("".join(lines), encoding="utf-8")
    code, output = check(real_project)
    assert code == 1
    assert problem_lines(output) == [
        f'exhibits/people/fan-zhuxian.yml:{at + 1}: living: the colon after "living" is a full-width colon (：). '
        "Type an ASCII colon (:) followed by a space"
    ]


def test_plain_text_for_a_name_is_not_told_to_add_english(project):
    person = (
        VALID_EVENT.replace("kind: event", "kind: person")
        .replace('date: "2019-03-15"\n', "")
        .replace("id: test-event", "id: someone")
    )
    write(project, "exhibits/people/someone.yml", person + "category: martyr\nliving: false\nname: 某某\n")
    code, output = check(project)
    assert code == 1
    assert problem_lines(output) == ['exhibits/people/someone.yml:18: name: must be a group of fields (zh, pinyin), found "某某"']


def test_a_full_width_colon_after_the_real_yaml_mistake_does_not_hide_it(project):
    record = VALID_EVENT.replace("kind: event", "kind: [event") + "body:\n  en: |\n    Address：Dongchang Road\n"
    write(project, "exhibits/events/test-event.yml", record)
    code, output = check(project)
    assert code == 1
    assert re.search(r"^exhibits/events/test-event\.yml:\d+: is not valid YAML", output, re.M), output
    assert "full-width" not in output


def test_an_unknown_kind_does_not_hide_the_other_problems_of_the_file(project):
    write(
        project,
        "exhibits/events/test-event.yml",
        VALID_EVENT.replace("kind: event", "kind: evnt").replace("A test record.", "'[x](data:text/html,hi)'"),
    )
    code, output = check(project)
    assert code == 1
    assert problem_lines(output) == [
        "exhibits/events/test-event.yml:1: kind: unknown kind `evnt`. Did you mean `event`?",
        'exhibits/events/test-event.yml:8: summary.en: contains a link to "data:text/html,hi": data: links are not allowed. '
        "Link with an http(s):// or mailto: address, or to a page of this site",
    ]
