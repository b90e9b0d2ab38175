"""英名录 (issue #17): lists of names as CSV, their checks, pages, search and rare characters.

Every name in this file is generated test data (never published); the real lists hold only
names that the sources give (exhibits/roll/).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
import yaml

from conftest import ROOT, axe_violations, copy_project, run_cli, serving, settled, write
from exhibition.pages import roll as roll_pages
from exhibition.records import roll
from exhibition.records.dates import PartialDate
from exhibition.records.load import load
from exhibition.records.validate import validate

HEADER = "id,name,name_pinyin,gender,born,died,native_place,unit,role,place_of_death,resting_place,source,note\n"
CEMETERY = "luxibei-revolutionary-martyrs-cemetery"
YML = """\
title: {zh: 测试名录, en: Test list}
covers: {zh: 生成的测试数据。, en: Generated test data.}
count: 120
count_label: {zh: 碑上的姓名, en: names on the stele}
count_source: stele
sources:
  - id: stele
    title: 测试来源
    publisher: 测试
    url: https://example.org/stele
    quote: 碑上刻有120位烈士的姓名
"""
# Generated names (test data only): one with a CJK Extension B character.
RARE = "\U0002000b"  # 𠀋
GENERATED = [
    ("t-zhao-jia", "赵甲", "", "男", "1938", "1940-05", "测试县", CEMETERY, ""),
    ("t-qian-yi", "钱乙", "", "", "", "1947", "样例县", "", ""),
    ("t-sun-bing", "孙丙", "", "女", "", "1943-09-23", "测试县", CEMETERY, ""),
    ("t-wang-rare", f"王{RARE}", "Wang Zhang", "男", "", "1944", "样例县", "", "罕见字测试"),
]


def csv_row(id, name, pinyin="", gender="", born="", died="", native="", rest="", note="", source="stele"):
    return f"{id},{name},{pinyin},{gender},{born},{died},{native},,,,{rest},{source},{note}\n"


@pytest.fixture(scope="module")
def records():
    """The real collection's published records: resting places and people to check rows against."""
    return validate(ROOT).by_id


def check(tmp_path: Path, records, body: str | bytes, yml: str = YML, name: str = "test-list") -> roll.Result:
    folder = tmp_path / "exhibits" / "roll"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.yaml").write_text(yml, encoding="utf-8")
    data = body if isinstance(body, bytes) else (HEADER + body).encode("utf-8")
    (folder / f"{name}.csv").write_bytes(data)
    return roll.load_all(tmp_path, records)


def messages(result: roll.Result) -> list[str]:
    return [str(p) for p in sorted(result.problems)]


P = "exhibits/roll/test-list.csv"


# --- checks: one message per mistake, exact text ----------------------------------------


def test_a_good_list_loads(tmp_path, records):
    result = check(tmp_path, records, "".join(csv_row(*g[:7], rest=g[7], note=g[8]) for g in GENERATED))
    assert result.problems == [] and result.warnings == []
    (loaded,) = result.rolls
    assert [r.line for r in loaded.rows] == [2, 3, 4, 5]
    assert loaded.rows[0].died.iso == "1940-05"


def test_wrong_number_of_columns(tmp_path, records):
    result = check(tmp_path, records, csv_row("t-a", "赵甲") + "t-b,钱乙,,男\n")
    assert messages(result) == [
        f"{P}:3: this row has 4 columns; it needs 13 (id,name,name_pinyin,gender,born,died,native_place,unit,role,"
        "place_of_death,resting_place,source,note). Check for a missing or extra comma; a comma inside a value "
        'needs the value in "double quotes"'
    ]
    assert result.rolls == []  # nothing is published while a list has a problem


def test_gbk_file(tmp_path, records):
    result = check(tmp_path, records, (HEADER + csv_row("t-a", "赵甲", died="1940")).encode("gbk"))
    assert messages(result) == [
        f"{P}:2: the file is saved as GBK (the Chinese Windows encoding), not UTF-8. Save as UTF-8 (in Excel: "
        '另存为 → "CSV UTF-8 (逗号分隔)"; in WPS or LibreOffice choose the encoding UTF-8)'
    ]


def test_excel_csv_utf8_with_its_byte_order_mark_is_read_without_a_word(tmp_path, records):
    """Excel's "CSV UTF-8" always starts with a byte-order mark: the format the README asks for is accepted."""
    result = check(tmp_path, records, b"\xef\xbb\xbf" + (HEADER + csv_row("t-a", "赵甲", died="1940")).encode("utf-8"))
    assert messages(result) == [] and result.warnings == []
    (loaded,) = result.rolls
    assert [(r.line, r.id, r.name) for r in loaded.rows] == [(2, "t-a", "赵甲")]


def test_excel_dates_full_width_digits_and_impossible_dates(tmp_path, records):
    result = check(
        tmp_path,
        records,
        csv_row("t-a", "赵甲", died="1938/11/15")
        + csv_row("t-b", "钱乙", died="１９４３")
        + csv_row("t-c", "孙丙", died="1943-02-30")
        + csv_row("t-d", "李丁", born="1950", died="1940"),
    )
    assert messages(result) == [
        f'{P}:2: died: "1938/11/15" looks like a date changed by Excel. Write it as 1938-11-15 (YYYY, YYYY-MM '
        "or YYYY-MM-DD) and format the column as text",
        f'{P}:3: died: "１９４３" is typed with full-width digits (０-９). Type the date with ordinary digits 0-9 '
        "(switch the input method to half-width)",
        f'{P}:4: died: "1943-02-30": 1943-02 has no day 30 (it has 28 days). Check the source',
        f"{P}:5: born: born 1950 is after died 1940. Check the source",
    ]


def test_unknown_resting_place_and_source(tmp_path, records):
    result = check(tmp_path, records, csv_row("t-a", "赵甲", rest="luxibei-cemetery") + csv_row("t-b", "钱乙", source="wiki"))
    assert messages(result) == [
        f'{P}:2: resting_place: no published record has the id "luxibei-cemetery". Use the id of a cemetery or '
        "memorial in exhibits/ (liaocheng-revolutionary-martyrs-cemetery, luxibei-revolutionary-martyrs-cemetery), "
        "or leave it empty",
        f'{P}:3: source: no source "wiki" in the header exhibits/roll/test-list.yaml. Use one of: stele',
    ]


def test_personal_data_in_note(tmp_path, records):
    result = check(tmp_path, records, csv_row("t-a", "赵甲", note="其子电话13812345678"))
    assert messages(result) == [
        f"{P}:2: note: contains a phone number (13812345678). Personal data is never published (个人信息保护法): "
        "remove it. The roll lists only the fallen, never their living relatives"
    ]


def test_same_name_twice(tmp_path, records):
    # Two people of the same name: allowed when the rows tell them apart.
    result = check(
        tmp_path,
        records,
        csv_row("t-a", "赵甲", died="1940", native="测试县") + csv_row("t-b", "赵甲", died="1947", native="测试县"),
    )
    assert result.problems == [] and result.warnings == []
    # Same name, native place and year of death: a warning asking to confirm (still published).
    result = check(
        tmp_path,
        records,
        csv_row("t-a", "赵甲", died="1940", native="测试县") + csv_row("t-b", "赵甲", died="1940-05", native="测试县"),
    )
    assert result.problems == [] and len(result.rolls) == 1
    assert [str(w) for w in result.warnings] == [
        f'{P}:3: name: 赵甲 (native place "测试县", died 1940) is also on line 2. If these are two people, say '
        "what tells them apart in `note`; if one, remove a row"
    ]


def test_every_problem_at_once_and_nothing_published(tmp_path, records):
    result = check(
        tmp_path, records, csv_row("t-a", "赵甲", died="1938/11/15") + "t-b,钱乙\n" + csv_row("t-a", "孙丙", rest="nowhere")
    )
    assert result.rolls == []
    assert [m.split(": ", 2)[:2] for m in messages(result)] == [
        [f"{P}:2", "died"],
        [
            f"{P}:3",
            "this row has 2 columns; it needs 13 (id,name,name_pinyin,gender,born,died,"
            "native_place,unit,role,place_of_death,resting_place,source,note). Check for a missing or "
            'extra comma; a comma inside a value needs the value in "double quotes"',
        ],
        [f"{P}:4", "id"],
        [f"{P}:4", "resting_place"],
    ]
    assert f'{P}:4: id: "t-a" is already used on line 2. Give each person their own id' in messages(result)


def test_header_count_must_be_in_the_quote(tmp_path, records):
    result = check(tmp_path, records, csv_row("t-a", "赵甲"), yml=YML.replace("count: 120", "count: 925"))
    assert messages(result) == [
        'exhibits/roll/test-list.yaml:3: count: 925 is not in the quote of source "stele". Copy the number exactly '
        "as the source gives it, with the passage that says it"
    ]
    assert result.rolls == [], "a list whose header has a mistake is not loaded (its rows would be published)"


def test_a_header_without_a_count_source_stops_its_list_from_loading(tmp_path, records):
    result = check(tmp_path, records, csv_row("t-a", "赵甲"), yml=YML.replace("count_source: stele\n", ""))
    assert [p.field for p in result.problems] == ["count"]
    assert result.rolls == []


# --- the header's JSON Schema: editors check a header as the curator types it ----------------


def header_errors(data) -> list[str]:
    schema = json.loads((ROOT / "schema" / "roll.schema.json").read_text(encoding="utf-8"))
    return sorted(f"{'.'.join(map(str, e.path))}: {e.message}" for e in jsonschema.Draft202012Validator(schema).iter_errors(data))


def test_editors_check_the_real_headers_against_the_roll_schema():
    mapping = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))["yaml.schemas"]
    assert mapping["./schema/roll.schema.json"] == ["exhibits/roll/*.yaml"]
    headers = sorted((ROOT / "exhibits" / "roll").glob("*.yaml"))
    assert len(headers) == 2
    for path in headers:
        doc, problems = load(path, path.name)  # our loader: dates stay text, as editors see them
        assert doc is not None, problems
        assert header_errors(doc.data) == [], path


def test_a_wrong_header_fails_the_roll_schema():
    good = yaml.safe_load(YML)
    assert header_errors(good) == []
    wrong = {**good, "count": "many", "titel": good["title"]}
    del wrong["sources"]
    assert header_errors(wrong) == [
        ": 'sources' is a required property",
        ": Additional properties are not allowed ('titel' was unexpected)",
        "count: 'many' is not valid under any of the given schemas",
    ]


def test_cli_check_refuses_a_bad_list(tmp_path):
    work = copy_project(tmp_path)
    write(work, "exhibits/roll/bad.yaml", YML)
    write(work, "exhibits/roll/bad.csv", HEADER + csv_row("t-a", "赵甲", died="1938/11/15"))
    result = run_cli(work, "check")
    assert result.returncode == 1
    assert 'exhibits/roll/bad.csv:2: died: "1938/11/15" looks like a date changed by Excel' in result.stderr
    assert "the site was not changed" in result.stderr


def test_cli_check_counts_the_names(tmp_path):
    work = copy_project(tmp_path)
    result = run_cli(work, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    names = sum(len(r.rows) for r in roll.load_all(work, validate(work).by_id).rolls)  # 聊城英烈 grows with the records
    assert re.search(rf"^\d+ records checked, {names} names on 2 roll lists: no problems\.$", result.stdout, re.M), result.stdout
    write(work, "exhibits/roll/test-list.yaml", YML)
    write(work, "exhibits/roll/test-list.csv", HEADER + "".join(csv_row(f"t-{i}", f"赵{c}") for i, c in enumerate("甲乙")))
    assert f", {names + 2} names on 3 roll lists: no problems." in run_cli(work, "check").stdout


def test_one_name_on_one_list_is_counted_in_the_singular(tmp_path, records):
    result = check(tmp_path, records, csv_row("t-a", "赵甲"))
    assert roll.counted(result.rolls) == ", 1 name on 1 roll list"
    assert roll.counted([]) == ""


def test_the_real_lists_hold_only_sourced_names(records):
    result = roll.load_all(ROOT, records)
    assert result.problems == []
    names = {r.id: {row.name for row in r.rows} for r in result.rolls}
    assert names["luxibei-tower"] == {"肖永智", "张炳元", "史钦琛"}
    assert {"范筑先", "姚第鸿", "张郁光", "张炳元", "史钦琛"} <= names["liaocheng-heroes"]
    for r in result.rolls:
        quotes = " ".join(s.quote for s in r.header.sources)
        for row in r.rows:
            assert row.name in quotes or row.generated, f"{row.name}: no source quote names them"
            assert row.record, f"{row.name} has a full record: the roll links to it"


LIAOCHENG = ("聊城", "东昌府", "茌平", "临清", "阳谷", "莘县", "东阿", "冠县", "高唐")


def test_the_liaocheng_heroes_roll_lists_every_martyr_who_died_or_lies_in_liaocheng(records):
    """Issue #24 (P6): the roll promises every martyr with a page who died or is buried in Liaocheng."""
    buried = {
        b.person
        for m in records.values()
        if m.kind == "memorial" and any(p in f"{m.address.zh if m.address else ''}{m.title.zh}" for p in LIAOCHENG)
        for b in m.notable_burials
        if b.person
    }
    promised = {
        p.id
        for p in records.values()
        if p.kind == "person"
        and p.category == "martyr"
        and ((p.died and p.died.place and any(x in p.died.place.zh for x in LIAOCHENG)) or p.id in buried)
    }
    heroes = next(r for r in roll.load_all(ROOT, records).rolls if r.id == "liaocheng-heroes")
    assert {row.record for row in heroes.rows} == promised
    assert {"fan-zhuxian", "yao-dihong", "zhang-yuguang", "zhang-bingyuan", "shi-qinchen"} <= promised
    assert "zhang-zizhong" not in promised  # died in Hubei, buried in Chongqing
    fan = next(row for row in heroes.rows if row.id == "fan-zhuxian")
    assert fan.native_place == "山东馆陶（今属河北）" and not fan.generated  # the hand-written row keeps working
    assert "山东省馆陶县(今属河北)人" in heroes.sources[fan.source].quote


def test_a_roll_from_records_takes_a_new_martyr_and_keeps_written_rows(tmp_path, records):
    people = dict(records)
    wang = people["yao-dihong"].model_copy(update={"id": "wang-test"})
    wang = wang.model_copy(update={"name": wang.name.model_copy(update={"zh": "王测试"})})
    wang.died = wang.died.model_copy(update={"place": wang.died.place.model_copy(update={"zh": "临清"})})
    far = people["zhang-zizhong"].model_copy(update={"id": "far-test"})
    people.update({"wang-test": wang, "far-test": far})
    yml = YML + "from_records:\n  category: martyr\n  places: [聊城, 临清]\n"
    result = check(tmp_path, people, csv_row("t-zhao", "赵甲"), yml=yml)
    assert result.problems == []
    rows = {row.id: row for row in result.rolls[0].rows}
    assert "t-zhao" in rows and not rows["t-zhao"].generated
    assert rows["wang-test"].generated and rows["wang-test"].record == "wang-test" and rows["wang-test"].place_of_death == "临清"
    assert "far-test" not in rows and "zhang-zizhong" not in rows


def test_a_row_from_a_record_holds_the_records_own_facts_and_nothing_else(records):
    """Every cell of a generated row: the record's name, pinyin, dates, role and place of death; the
    memorial that lists the person under notable_burials as the resting place; nothing made up."""
    heroes = next(r for r in roll.load_all(ROOT, records).rolls if r.id == "liaocheng-heroes")
    rows = {row.id: row for row in heroes.rows if row.generated}
    for row_id, row in rows.items():
        person = records[row_id]
        assert (row.line, row.name, row.name_pinyin, row.record) == (0, person.name.zh, person.name.pinyin, row_id)
        assert row.born == (person.born.date if person.born else None)
        assert row.died == (person.died.date if person.died else None)
        assert row.role == (person.role.zh if person.role else "")
        assert row.place_of_death == (person.died.place.zh if person.died and person.died.place else "")
        assert (row.gender, row.native_place, row.unit, row.source, row.note) == ("", "", "", "", "")
    assert rows["zhang-bingyuan"].resting_place == CEMETERY  # listed under the cemetery's notable_burials
    assert rows["yao-dihong"].resting_place == ""  # died in Liaocheng; no memorial here lists him
    assert rows["yao-dihong"].died == PartialDate.parse("1938-11-15") and rows["zhang-yuguang"].born == PartialDate.parse("1904")


def test_from_records_takes_martyrs_by_place_of_death_or_burial_and_never_the_living(records):
    people = dict(records)
    living = people["yao-dihong"].model_copy(update={"id": "living-test", "living": True})
    hero = people["yao-dihong"].model_copy(update={"id": "hero-test", "category": "hero"})
    people.update({"living-test": living, "hero-test": hero})
    rule = roll.FromRecords(category="martyr", places=["莘县"])  # the cemetery's address, not a place of death
    taken = {person.id: resting for person, resting in roll.taken(rule, people)}
    assert taken == {"shi-qinchen": CEMETERY, "zhang-bingyuan": CEMETERY}
    rule = roll.FromRecords(category="martyr", places=["聊城"])
    taken = {person.id: resting for person, resting in roll.taken(rule, people)}
    assert "living-test" not in taken and "hero-test" not in taken  # alive, or of another category
    assert taken["yao-dihong"] == "" and "shi-qinchen" not in taken  # buried in 莘县: not named by 聊城
    assert roll.taken(roll.FromRecords(category="martyr", places=["XXXX"]), people) == []  # no place: nobody


def test_the_same_person_twice_is_told_even_when_a_row_has_a_mistake(tmp_path, records):
    body = csv_row("t-a", "赵甲", native="测试县", died="1940-05") + csv_row(
        "t-b", "赵甲", gender="x", native="测试县", died="1940-05"
    )
    result = check(tmp_path, records, body)
    assert [(p.line, p.field) for p in result.problems] == [(3, "gender")]
    assert [(w.line, w.field) for w in result.warnings] == [(3, "name")]
    assert "died 1940) is also on line 2" in result.warnings[0].message


def test_a_record_without_a_role_or_a_memorial_without_an_address_adds_nothing_made_up(records):
    people = dict(records)
    plain = people["yao-dihong"].model_copy(update={"id": "plain-test", "role": None})
    cemetery = people[CEMETERY]
    nowhere = cemetery.model_copy(update={"id": "nowhere-test", "address": None})
    people.update({"plain-test": plain, "nowhere-test": nowhere})
    del people[CEMETERY]  # its burials are listed only by the memorial without an address
    rows = {row.id: row for row in roll.from_records(roll.FromRecords(places=["聊城"]), people, [])}
    assert rows["plain-test"].role == ""
    assert roll.taken(roll.FromRecords(places=["XXXX"]), people) == []  # no address is no place
    taken = dict((p.id, where) for p, where in roll.taken(roll.FromRecords(places=[cemetery.title.zh[:4]]), people))
    assert taken["zhang-bingyuan"] == "nowhere-test"  # its title still names the place


def test_a_written_row_for_a_person_with_a_record_replaces_the_generated_row(records):
    written = [roll.Row(2, "t-yao", "姚第鸿", "", "", None, None, "", "", "", "", "", "stele", "", record="yao-dihong")]
    rule = roll.FromRecords(category="martyr", places=["聊城"])
    generated = {row.id for row in roll.from_records(rule, records, written)}
    assert "yao-dihong" not in generated and "zhang-yuguang" in generated


# --- the built site ------------------------------------------------------------------------

CONTACT = "roll-test@example.org"


@pytest.fixture(scope="module")
def roll_site(tmp_path_factory, caches) -> Path:
    """The real collection plus a generated list (test data), with a correction contact."""
    work = copy_project(tmp_path_factory.mktemp("roll"), caches=caches)
    write(work, "exhibits/roll/test-list.yaml", YML)
    write(work, "exhibits/roll/test-list.csv", HEADER + "".join(csv_row(*g[:7], rest=g[7], note=g[8]) for g in GENERATED))
    write(work, "settings/roll.yml", f"contact: {CONTACT}\nsearch_from: 2\n")  # four names: searched
    result = run_cli(work, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


def test_pages_in_both_languages_with_honest_counts(roll_site):
    zh = (roll_site / "exhibits/roll/luxibei-tower/index.html").read_text(encoding="utf-8")
    en = (roll_site / "en/exhibits/roll/luxibei-tower/index.html").read_text(encoding="utf-8")
    # P40: no source says the three are among the tower's 925 names: the page does not count them as such.
    assert "本站列出 3 位。" in zh and "925 位；本站列出" not in zh
    assert "3 listed here." in en and "we have not found the full text of that roll" in en
    for html in (zh, en):
        for pid in ("xiao-yongzhi", "zhang-bingyuan", "shi-qinchen"):
            assert f'id="p-{pid}"' in html
        assert "为革命牺牲的925位烈士的英名录" in html  # the source's quote
    assert 'href="../../../exhibits/people/xiao-yongzhi/"' in zh  # a name with a full record links to it
    index = (roll_site / "en/exhibits/roll/index.html").read_text(encoding="utf-8")
    heroes_count = next(len(r.rows) for r in roll.load_all(ROOT, validate(ROOT).by_id).rolls if r.id == "liaocheng-heroes")
    assert "Roll of names" in index and "3 listed here." in index and f"{heroes_count} listed here." in index
    heroes = (roll_site / "exhibits/roll/liaocheng-heroes/index.html").read_text(encoding="utf-8")
    assert 'id="p-fan-zhuxian"' in heroes and 'id="p-yao-dihong"' in heroes
    assert 'href="../../../exhibits/people/yao-dihong/"' in heroes  # a row from a record links to its page


def test_cards_reach_the_page_without_a_markdown_pass(roll_site):
    # The cards are finished HTML: set aside before Markdown, put back after (pages/roll.py, plugin.py).
    md = "# T\n\n" + roll_pages.ASIDE + "\n<ol><li>*not emphasis*</li></ol>\n" + roll_pages.ASIDE_END + "\nafter\n"
    meta: dict = {}
    kept = roll_pages.set_aside(md, meta)
    assert "<li>" not in kept and kept.endswith(roll_pages.ASIDE + "\nafter\n")
    assert (
        roll_pages.put_back(f"<h1>T</h1>\n{roll_pages.ASIDE}\n<p>after</p>", meta)
        == "<h1>T</h1>\n<ol><li>*not emphasis*</li></ol>\n<p>after</p>"
    )
    for page in ("exhibits/roll/test-list/index.html", "en/exhibits/roll/luxibei-tower/index.html"):
        html = (roll_site / page).read_text(encoding="utf-8")
        assert "ex-roll-html" not in html and html.count('class="ex-roll-card"') in (3, len(GENERATED))


def test_correction_link(roll_site):
    html = (roll_site / "exhibits/roll/test-list/index.html").read_text(encoding="utf-8")
    links = re.findall(r'<a class="ex-roll-correct" href="(mailto:[^"]+)"', html)  # each name's (the list's lead is apart)
    assert len(links) == len(GENERATED)
    first = next(x for x in (unquote(x.replace("&amp;", "&")) for x in links) if "#p-t-zhao-jia" in x)  # names in stroke order
    assert first.startswith(f"mailto:{CONTACT}?subject=英名录更正：赵甲（test-list #p-t-zhao-jia）")
    en = (roll_site / "en/exhibits/roll/test-list/index.html").read_text(encoding="utf-8")
    assert "Roll of names correction: 赵甲 (test-list #p-t-zhao-jia)" in unquote(en)
    # Without a contact: the page says to contact the hall, with no link.
    real = (roll_site.parent / "site").joinpath("exhibits/roll/test-list/index.html")
    assert real.exists()


def test_no_contact_no_link(built_site):
    html = (built_site / "exhibits/roll/luxibei-tower/index.html").read_text(encoding="utf-8")
    assert "mailto:" not in html
    assert html.count("是您的亲人吗？如需更正，请联系展览馆。") == 3


def test_rare_character_font(roll_site):
    from fontTools.ttLib import TTFont

    fonts = list((roll_site / "exhibits/roll/data").glob("roll-names-*.woff2"))
    assert len(fonts) == 1
    cmap = TTFont(fonts[0]).getBestCmap()
    assert set(cmap) == {ord(RARE)}  # exactly the rare characters, nothing common
    assert fonts[0].stat().st_size < 20_000


def test_the_same_names_give_the_same_font_file(tmp_path, records, monkeypatch):
    from fontTools.ttLib.tables import _h_e_a_d

    from exhibition.pages import rollfont

    result = check(tmp_path, records, "".join(csv_row(*g[:7], rest=g[7], note=g[8]) for g in GENERATED))
    made = []
    for now in (0, 10**9):  # two builds at different times
        monkeypatch.setattr(_h_e_a_d, "timestampNow", lambda now=now: now)
        css = rollfont.make(result.rolls, tmp_path / f"out-{now}", tmp_path)
        assert css is not None, "no CJK font on this machine (fonts-noto-cjk)"
        made.append((tmp_path / f"out-{now}" / css.replace(".css", ".woff2")).read_bytes())
    assert made[0] == made[1]


@pytest.fixture(scope="module")
def roll_server(roll_site):
    with serving(roll_site) as base:
        yield base


def _open(browser, url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    foreign = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(("http://127.0.0.1", "file:", "data:")) else None)
    page.goto(url)
    page.foreign = foreign
    return context, page


def _visible(page) -> list[str]:
    return page.eval_on_selector_all(".ex-roll-cards:not([hidden]) > .ex-roll-card", "els => els.map(e => e.id || e.dataset.id)")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_search_by_characters_pinyin_and_initials(browser, roll_server, lang):
    context, page = _open(browser, f"{roll_server}/{lang}exhibits/roll/test-list/")
    box = page.locator("#roll-q")
    for query, expected in [
        ("孙", ["p-t-sun-bing"]),
        ("钱乙", ["p-t-qian-yi"]),
        ("zhaojia", ["p-t-zhao-jia"]),
        ("zhao jia", ["p-t-zhao-jia"]),
        ("sb", ["p-t-sun-bing"]),
        ("QY", ["p-t-qian-yi"]),
        (RARE, ["p-t-wang-rare"]),
        ("wangzhang", ["p-t-wang-rare"]),
        ("xyz", []),
    ]:
        box.fill(query)
        assert _visible(page) == expected, query
    assert page.locator("#roll-count").inner_text() == (
        "没有找到这个姓名。请换用拼音或首字母，或清除筛选条件。"
        if not lang
        else "No name found. Try pinyin or initials, or clear the filters."
    )
    box.fill("")
    page.select_option("#roll-native_place", "测试县")
    assert _visible(page) == ["p-t-sun-bing", "p-t-zhao-jia"]  # in stroke order: 孙 6, 赵 9
    page.select_option("#roll-resting_place", CEMETERY)
    page.select_option("#roll-era", "war-of-liberation")
    assert _visible(page) == []
    page.select_option("#roll-native_place", "")
    page.select_option("#roll-resting_place", "")
    assert _visible(page) == ["p-t-qian-yi"]
    assert page.locator("#roll-count").inner_text() == ("显示 1 / 4 位" if not lang else "Showing 1 of 4")
    assert not page.foreign
    context.close()


def test_shared_link_shows_the_name(browser, roll_server):
    context, page = _open(browser, f"{roll_server}/exhibits/roll/test-list/#p-t-sun-bing")
    assert page.evaluate("document.querySelector(':target').id") == "p-t-sun-bing"
    context.close()


def test_rare_character_renders_as_a_glyph(browser, roll_server):
    """𠀋 (CJK Extension B) in the roll's own font draws a real glyph, not a box (.notdef)."""
    context, page = _open(browser, f"{roll_server}/exhibits/roll/test-list/")
    result = page.evaluate(
        """async (ch) => {
      await document.fonts.ready;
      await document.fonts.load('48px ExRollNames', ch);
      const faces = [...document.fonts].filter(f => f.family.replace(/"/g, '') === 'ExRollNames');
      function draw(text) {
        const c = document.createElement('canvas'); c.width = 64; c.height = 64;
        const g = c.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, 64, 64);
        g.fillStyle = '#000'; g.font = '48px ExRollNames'; g.textBaseline = 'top'; g.fillText(text, 4, 4);
        return Array.from(g.getImageData(0, 0, 64, 64).data.filter((v, i) => i % 4 === 0)).join(',');
      }
      const glyph = draw(ch), box = draw('\\u{10FFFD}'), blank = draw('');
      return {loaded: faces.map(f => f.status), same_as_box: glyph === box, blank: glyph === blank,
              box_drawn: box !== blank,
              family: getComputedStyle(document.querySelector('#p-t-wang-rare .ex-roll-name span')).fontFamily};
    }""",
        RARE,
    )
    assert result["loaded"] == ["loaded"]
    assert result["box_drawn"]  # a missing character draws a box here: the comparison means something
    assert not result["same_as_box"] and not result["blank"]
    assert result["family"].replace('"', "").startswith("ExRollNames,")
    context.close()


def test_roll_pages_have_no_axe_violations(browser, roll_server):
    for path in ("exhibits/roll/test-list/", "en/exhibits/roll/", "exhibits/roll/luxibei-tower/"):
        context, page = _open(browser, f"{roll_server}/{path}")
        assert axe_violations(page) == "", path
        context.close()


@pytest.mark.build
def test_no_lists_yet(project):
    """The nav names the roll: without any list its index is there, and says the lists are coming."""
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "名录正在整理中。" in (project / "site/exhibits/roll/index.html").read_text(encoding="utf-8")
    assert "The lists are being prepared." in (project / "site/en/exhibits/roll/index.html").read_text(encoding="utf-8")


def test_kiosk_edition_from_file_url_with_a_long_list(tmp_path, browser, caches):
    """The kiosk from file://; the list made "long" (shard_at: 2) so its cards are on one page per initial."""
    work = copy_project(tmp_path, "mkdocs-kiosk.yml", caches=caches)
    write(work, "exhibits/roll/test-list.yaml", YML)
    write(work, "exhibits/roll/test-list.csv", HEADER + "".join(csv_row(*g[:7], rest=g[7], note=g[8]) for g in GENERATED))
    write(work, "settings/roll.yml", f"contact: {CONTACT}\nshard_at: 2\n")
    result = run_cli(work, "build", "--kiosk")
    assert result.returncode == 0, result.stdout + result.stderr
    kiosk = work / "site-kiosk/exhibits/roll"
    assert sorted(p.name for p in (kiosk / "test-list").glob("*.html")) == ["q.html", "s.html", "w.html", "z.html"]
    html = (kiosk / "test-list/z.html").read_text(encoding="utf-8")
    assert "mailto:" not in html  # no e-mail on the hall's screens: the address is written out
    assert f"是您的亲人吗？如需更正，请发电子邮件至 {CONTACT}，注明 test-list #p-t-zhao-jia。" in html
    assert 'id="p-t-zhao-jia"' not in (kiosk / "test-list.html").read_text(encoding="utf-8")
    index = (work / "site-kiosk/search/search_index.js").read_text(encoding="utf-8")
    assert "test-list/z.html" not in index  # the pages per initial stay out of the site-wide search
    context, page = _open(browser, (kiosk / "test-list.html").as_uri())
    # No keyboard in the hall: the field never takes typing; the on-screen keys fill it.
    field = page.locator("#roll-q")
    assert field.get_attribute("readonly") is not None and field.get_attribute("inputmode") == "none"
    for key in "zj":
        page.locator(f'[data-roll-key="{key}"]').click()
    assert field.input_value() == "zj" and _visible(page) == ["p-t-zhao-jia"]
    page.locator('[data-roll-key="backspace"]').click()
    assert field.input_value() == "z"
    page.locator('[data-roll-key="clear"]').click()
    assert field.input_value() == ""
    sizes = page.evaluate(
        "() => Array.from(document.querySelectorAll('[data-roll-key]')).map(k => "
        "[k.getBoundingClientRect().width, k.getBoundingClientRect().height])"
    )
    assert len(sizes) == 28 and all(w >= 44 and h >= 44 for w, h in sizes), sizes
    # A name in a rare character, as a family member's own device would type it.
    field.evaluate("(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }", RARE)
    assert _visible(page) == ["p-t-wang-rare"]
    assert axe_violations(page) == ""  # the search page with its short result cards
    page.locator(".ex-roll-results a").first.click()
    page.wait_for_url("**/test-list/w.html#p-t-wang-rare")
    assert page.evaluate("document.querySelector(':target').id") == "p-t-wang-rare"
    settled(page)  # the :target highlight fades in: axe measures the colours once it is drawn
    assert axe_violations(page) == ""  # a page of one initial
    # A link shared while the list was short still finds the name.
    page.goto((kiosk / "test-list.html").as_uri() + "#p-t-sun-bing")
    page.wait_for_url("**/test-list/s.html#p-t-sun-bing")
    assert not page.foreign, page.foreign
    context.close()


# --- every check of a list and its header, each message whole (killing mutants of records/roll.py) ----


YML2 = YML + "  - id: other\n    title: 另一来源\n    publisher: 测试\n    url: https://example.org/other\n    quote: 另一段\n"


def _files(tmp_path: Path, files: dict[str, str | bytes], records: dict | None = None) -> roll.Result:
    folder = tmp_path / "exhibits" / "roll"
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return roll.load_all(tmp_path, records or {})


def test_a_header_and_a_list_come_in_pairs_with_a_web_name(tmp_path):
    body = HEADER + csv_row("t-a", "赵甲", died="1940")
    files = {"0-notes.txt": "x", "a.yaml": YML, "b.csv": body, "Bad_Name.csv": body, "Bad_Name.yaml": YML, "d.yml": YML}
    result = _files(tmp_path, files)
    assert messages(result) == [
        'exhibits/roll/Bad_Name.csv:1: "Bad_Name" cannot be a web address. Rename the file with lower-case letters, '
        "digits and hyphens, e.g. luxibei-tower.csv",
        "exhibits/roll/a.yaml:1: no list beside this header. Put the names in exhibits/roll/a.csv (UTF-8 CSV)",
        "exhibits/roll/b.csv:1: no header beside this list. Write exhibits/roll/b.yaml (title, sources with url and quote, "
        "covers, count)",
        "exhibits/roll/d.yml:1: no list beside this header. Put the names in exhibits/roll/d.csv (UTF-8 CSV)",
    ]
    assert result.rolls == []


def test_a_yml_header_is_read_and_lists_sort_by_order_then_id(tmp_path):
    body = HEADER + csv_row("t-a", "赵甲", died="1940")
    result = _files(
        tmp_path,
        {"b.csv": body, "b.yml": YML, "c.csv": body, "c.yaml": YML + "order: 5\n", "a.csv": body, "a.yaml": YML},
    )
    assert result.problems == []
    assert [(r.id, r.path) for r in result.rolls] == [
        ("c", "exhibits/roll/c.csv"),
        ("a", "exhibits/roll/a.csv"),
        ("b", "exhibits/roll/b.csv"),
    ]
    assert result.rolls[0].sources == {"stele": result.rolls[0].header.sources[0]}


@pytest.mark.parametrize(
    "change, message",
    [
        (
            ("count_source: stele", "count_source: wiki"),
            'exhibits/roll/t.yaml:5: count_source: no source "wiki" in `sources`. Use one of: stele, other',
        ),
        (
            ("title: {zh: 测试名录", "titel: {zh: 测试名录"),
            "exhibits/roll/t.yaml:1: titel: unknown field. Did you mean `title`?",
        ),
        (
            ("count_source: stele\n", ""),
            "exhibits/roll/t.yaml:3: count: say which source gives this number: add `count_source:` with the id of a source",
        ),
        (
            ("title: {zh: 测试名录, en: Test list}\n", ""),
            "exhibits/roll/t.yaml:1: title: required. Add the exhibit's title in both languages",
        ),
    ],
    ids=["unknown-count-source", "unknown-field", "count-without-source", "no-title"],
)
def test_a_wrong_header_is_named_with_its_line(tmp_path, change, message):
    result = _files(tmp_path, {"t.csv": HEADER + csv_row("t-a", "赵甲"), "t.yaml": YML2.replace(*change)})
    assert len(messages(result)) == 1 and messages(result)[0].startswith(message), messages(result)


def test_a_count_with_thousands_separators_in_the_quote_is_found(tmp_path):
    yml = YML.replace("count: 120", "count: 1200").replace("碑上刻有120位", "碑上刻有1,200位")
    assert _files(tmp_path, {"t.csv": HEADER + csv_row("t-a", "赵甲"), "t.yaml": yml}).problems == []
    yml = YML.replace("count: 120", "count: 1200").replace("碑上刻有120位", "碑上刻有1，200位")
    assert _files(tmp_path, {"t.csv": HEADER + csv_row("t-a", "赵甲"), "t.yaml": yml}).problems == []


def test_a_file_that_is_neither_utf8_nor_gbk_is_named_at_its_line(tmp_path):
    data = (HEADER + csv_row("t-a", "赵甲")).encode("utf-8") + b"t-b,\xff\xfe\xfd,,,,,,,,,,stele,\n"
    result = _files(tmp_path, {"t.csv": data, "t.yaml": YML})
    assert messages(result) == [
        "exhibits/roll/t.csv:3: the file is not UTF-8 text. Save as UTF-8 (in Excel: 另存为 → "
        '"CSV UTF-8 (逗号分隔)"; in WPS or LibreOffice choose the encoding UTF-8)'
    ]


def test_a_column_line_that_is_not_csv_is_named(tmp_path):
    # Alone: the rows below cannot be told apart (their short row is not told).
    result = _files(tmp_path, {"t.csv": "x" * 140_000 + "\nt-b,赵乙\n", "t.yaml": YML})
    assert messages(result) == ["exhibits/roll/t.csv:1: cannot be read as CSV (field larger than field limit (131072))"]


def test_the_first_line_must_name_the_columns(tmp_path):
    # Alone: without the columns named, the rows are not read (their short row is not told).
    result = _files(tmp_path, {"t.csv": "id,name\n" + csv_row("t-a", "赵甲") + "t-b,赵乙\n", "t.yaml": YML})
    assert messages(result) == ["exhibits/roll/t.csv:1: the first line must name the columns, exactly: " + ",".join(roll.COLUMNS)]
    assert messages(_files(tmp_path, {"t.csv": "", "t.yaml": YML}))[0].startswith("exhibits/roll/t.csv:1: the first line")


ROW_MISTAKES = [
    (
        csv_row("T_A", "赵甲"),
        'id: "T_A" is not an id. Use lower-case letters, digits and hyphens, e.g. the name\'s pinyin: '
        "xiao-yongzhi (it becomes the person's web address)",
    ),
    (csv_row("t-a", ""), "name: empty. Write the name exactly as the source gives it"),
    (csv_row("t-a", "赵甲2"), 'name: "赵甲2" has digits in it. Write the name exactly as the source gives it'),
    (csv_row("t-a", "赵甲２"), 'name: "赵甲２" has digits in it. Write the name exactly as the source gives it'),
    (
        csv_row("t-a", "赵甲", pinyin="赵"),
        'name_pinyin: "赵" is not pinyin. Write it in Latin letters (e.g. Xiao Yongzhi) '
        "or leave it empty: the build computes it",
    ),
    (csv_row("t-a", "赵甲", gender="M"), 'gender: "M" is not a gender. Write 男 or 女, or leave it empty'),
    (
        csv_row("t-a", "赵甲", source=""),
        "source: empty. Name the source that gives this name: the id of a source in the header (other, stele)",
    ),
    (
        csv_row("t-a", "赵甲", source="wiki"),
        'source: no source "wiki" in the header exhibits/roll/t.yaml. Use one of: other, stele',
    ),
    (
        csv_row("t-a", "赵甲", rest="nowhere"),
        'resting_place: no published record has the id "nowhere". Use the id of a cemetery or '
        "memorial in exhibits/ (none yet), or leave it empty",
    ),
    (csv_row("t-a", "zhao@qq.com"), "name: contains an e-mail address (zhao@qq.com). Personal data is never published"),
    (
        csv_row("t-a", "赵甲", born="１９３８"),
        'born: "１９３８" is typed with full-width digits (０-９). Type the date with ordinary',
    ),
    (csv_row("t-a", "赵甲", born="1940", died="1938"), "born: born 1940 is after died 1938. Check the source"),
    (
        HEADER.replace("id,", "x" * 140_000 + ",", 1),
        "cannot be read as CSV (field larger than field limit (131072)). Check the quotes",
    ),
    (
        csv_row("t-a", "赵甲", native="测试县３号"),
        'native_place: "测试县３号" has full-width digits (０-９). Type ordinary digits 0-9',
    ),
    (
        csv_row("t-a", "赵甲", died="1938/11"),
        'died: "1938/11" looks like a date changed by Excel. Write it as 1938-11 '
        "(YYYY, YYYY-MM or YYYY-MM-DD) and format the column as text",
    ),
    (
        csv_row("t-a", "赵甲", born="1938.1.5"),
        'born: "1938.1.5" looks like a date changed by Excel. Write it as 1938-01-05 '
        "(YYYY, YYYY-MM or YYYY-MM-DD) and format the column as text",
    ),
    (csv_row("t-a", "赵甲", born="1938-1"), 'born: "1938-1" is not a date. Write YYYY, YYYY-MM or YYYY-MM-DD'),
    (
        csv_row("t-a", "赵甲", native="住3号楼"),
        "native_place: contains a private address (building, unit or room) (3号楼). "
        "Personal data is never published (个人信息保护法): remove it. The roll lists only the fallen, never their living relatives",
    ),
]


@pytest.mark.parametrize("row, message", ROW_MISTAKES, ids=[f"row-{n}" for n in range(len(ROW_MISTAKES))])
def test_each_mistake_in_a_row_is_named_at_its_line_and_column(tmp_path, row, message):
    result = _files(tmp_path, {"t.csv": HEADER + "\n" + row, "t.yaml": YML2})  # a blank line first: still counted
    assert len(messages(result)) == 1 and messages(result)[0].startswith(f"exhibits/roll/t.csv:3: {message}"), messages(result)
    assert result.rolls == []


def test_a_row_is_read_whole_and_linked_to_the_fallen_persons_record(tmp_path, records):
    fan = records["fan-zhuxian"]
    body = (
        HEADER
        + "t-a, 赵甲 ,Zhao Jia,男,1938,1940-05,测试县,某部,战士,某地,,stele,注\n"
        + csv_row("t-b", fan.name.zh, died="1985")
    )
    result = _files(tmp_path, {"t.csv": body, "t.yaml": YML}, records)
    assert result.problems == [], messages(result)
    first, second = result.rolls[0].rows
    assert (first.line, first.id, first.name, first.name_pinyin, first.gender, first.born, first.died) == (
        2,
        "t-a",
        "赵甲",
        "Zhao Jia",
        "男",
        PartialDate(1938),
        PartialDate(1940, 5),
    )
    assert (first.native_place, first.unit, first.role, first.place_of_death, first.source, first.note) == (
        "测试县",
        "某部",
        "战士",
        "某地",
        "stele",
        "注",
    )
    assert first.record is None and second.record == "fan-zhuxian"


def test_what_a_row_may_hold(tmp_path, records):
    """Born and died in the same year, full-width digits in a note, a resting place, a line break inside
    a quoted value (CRLF kept as written), and the same name twice with nothing to tell them apart."""
    body = (
        HEADER
        + f"t-a,赵甲,,,1940,1940,,,,,{CEMETERY},stele,第３连\n"
        + 't-b,钱乙,,,,,,,,,,stele,"两行\r\n注"\n'
        + csv_row("t-c", "钱乙")
    )
    result = _files(tmp_path, {"t.csv": body, "t.yaml": YML}, records)
    assert result.problems == [], messages(result)
    first, second, third = result.rolls[0].rows
    assert (first.resting_place, first.note, second.note, third.line) == (CEMETERY, "第３连", "两行\r\n注", 5)
    assert [str(w) for w in result.warnings] == [
        'exhibits/roll/t.csv:5: name: 钱乙 (native place "—", died —) is also on line 3. If these are two people, '
        "say what tells them apart in `note`; if one, remove a row"
    ]


# --- the roll as a memorial (issue #31, item 7) -------------------------------------------------


def _row(name: str, died: str = "") -> roll.Row:
    from exhibition.records.dates import PartialDate

    return roll.Row(0, name, name, "", "", None, PartialDate.parse(died) if died else None, *[""] * 6, "", "")


def test_names_are_ordered_by_the_surnames_strokes_then_the_next_characters():
    from exhibition import strokes

    names = ["赵一", "张三", "王五", "丁二", "张乙", "王一"]
    shown = [row.name for row in roll_pages.ordered([_row(n) for n in names])]
    # 丁 2, 王 4, 张 7, 赵 9 (Unihan kTotalStrokes); one surname together, then the next character's strokes.
    assert shown == ["丁二", "王一", "王五", "张乙", "张三", "赵一"]
    assert [strokes.count(c) for c in "丁王张赵孔史肖"] == [2, 4, 7, 9, 4, 5, 7]
    # Same strokes (张 7, 肖 7): by code point; a character Unihan does not count goes last.
    assert [r.name for r in roll_pages.ordered([_row("肖甲"), _row("张甲"), _row("A")])] == ["张甲", "肖甲", "A"]


def test_names_by_date_of_sacrifice_when_the_settings_say_so():
    rows = [_row("丁甲", "1945"), _row("赵乙", "1938-11-15"), _row("王丙"), _row("孔丁", "1938-11-15")]
    assert [r.name for r in roll_pages.ordered(rows, "died")] == ["孔丁", "赵乙", "丁甲", "王丙"]


def test_the_stroke_counts_are_unihans_with_its_licence():
    from exhibition import strokes

    head = strokes.DATA.read_text(encoding="utf-8").splitlines()[:3]
    assert "kTotalStrokes" in head[0] and "Unihan" in head[0] and "Unicode" in head[2]
    assert "UNICODE" in (strokes.DATA.parent / "LICENSE.txt").read_text(encoding="utf-8")
    assert strokes.count("\U00020000") < strokes.UNKNOWN  # beyond the BMP too (Extension B)


def _card_ids(html: str) -> list[str]:
    return re.findall(r'<li class="ex-roll-card" id="p-([^"]+)"', html)


def test_the_real_roll_is_in_stroke_order_and_opens_with_the_towers_number(built_site):
    from exhibition import strokes

    zh = (built_site / "exhibits/roll/luxibei-tower/index.html").read_text(encoding="utf-8")
    assert _card_ids(zh) == ["shi-qinchen", "zhang-bingyuan", "xiao-yongzhi"]  # 史 5, 张 7, 肖 7
    heroes = (built_site / "exhibits/roll/liaocheng-heroes/index.html").read_text(encoding="utf-8")
    names = re.findall(r'<h2 class="ex-roll-name"><span lang="zh">([^<]+)</span>', heroes)
    assert len(names) > 1 and names == sorted(names, key=strokes.key)
    # The statement: the source's number, large, with its note; the names known as a wall; no form over three.
    assert re.search(r'class="ex-roll-number">925</span> <span class="ex-roll-statement-text">位烈士的英名', zh)
    assert 'href="#src-czkjst"' in zh and "本站列出 3 位。" in zh
    wall = re.search(r'<ul class="ex-roll-wall"[^>]*>(.*?)</ul>', zh)[1]
    assert re.findall(r'href="#p-([^"]+)"', wall) == _card_ids(zh)
    assert 'class="ex-roll-search"' not in zh and "roll.js" not in zh
    # No contact and no national address set today: neither a lead button nor a link is invented.
    assert "ex-roll-lead" not in zh and "ex-roll-national" not in zh and "mailto:" not in zh


def test_a_long_list_keeps_search_and_a_lead_goes_to_the_contact(roll_site):
    html = (roll_site / "exhibits/roll/test-list/index.html").read_text(encoding="utf-8")
    assert 'class="ex-roll-search"' in html and 'class="ex-roll-wall"' not in html  # search_from: 2
    lead = re.search(r'<p class="ex-roll-lead"><a class="md-button md-button--primary" href="([^"]+)">提供线索</a>', html)
    assert unquote(lead[1].replace("&amp;", "&")) == f"mailto:{CONTACT}?subject=英名录线索：测试名录（test-list）"
    assert "Send us a lead" in (roll_site / "en/exhibits/roll/test-list/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_story_the_roll_and_the_cemetery_link_to_each_other(built_site, lang):
    pages = {
        "story": "exhibits/stories/luxibei-tower-names/",
        "roll": "exhibits/roll/luxibei-tower/",
        "cemetery": "exhibits/memorials/luxibei-revolutionary-martyrs-cemetery/",
    }

    def links(name: str) -> set[str]:
        path = built_site / lang / pages[name] / "index.html"
        base = "/" + lang + pages[name]
        found = set()
        for href in re.findall(r'href="([^"#]+)"', path.read_text(encoding="utf-8")):
            if not href.startswith(("http", "mailto:", "/")):
                found.add(str(Path(base + href).resolve()).removeprefix("/" + lang).rstrip("/") + "/")
        return found

    for a in pages:
        for b in pages:
            if a != b:
                assert pages[b] in {x.lstrip("/") for x in links(a)}, f"{a} does not link to {b}"


def test_the_name_wall_works_by_keyboard(page):
    page.goto(page.base + "/exhibits/roll/luxibei-tower/")  # the real settings: three names are a wall
    first = page.locator(".ex-roll-wall a").first
    first.focus()
    assert page.evaluate("document.activeElement.textContent") == "史钦琛"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "张炳元"
    page.keyboard.press("Enter")
    page.wait_for_url("**#p-zhang-bingyuan")
    assert page.evaluate("document.querySelector(':target').id") == "p-zhang-bingyuan"
    assert page.locator("#p-zhang-bingyuan").is_visible()
    settled(page)  # the :target highlight fades in: axe measures the colours once it is drawn
    assert axe_violations(page) == ""  # the memorial's statement, the wall, the cards


def test_related_names_published_records_each_at_its_line(tmp_path, records):
    yml = YML + "related:\n  - luxibei-tower-names\n  - no-such-story\n"
    result = _files(tmp_path, {"t.csv": HEADER + csv_row("t-a", "赵甲"), "t.yaml": yml}, records)
    assert messages(result) == [
        'exhibits/roll/t.yaml:14: related: no published record "no-such-story". '
        "Use the id of a story, memorial or other exhibit record"
    ]
    yml = YML + "related: [luxibei-tower-names]\n"
    result = _files(tmp_path, {"t.csv": HEADER + csv_row("t-a", "赵甲"), "t.yaml": yml}, records)
    assert result.problems == [] and result.rolls[0].header.related == ["luxibei-tower-names"]
