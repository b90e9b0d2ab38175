"""A roll's rows taken from person records (roll.taken, roll.from_records): which people a header's
from_records takes, where each rests, and what their row says (issue #32: `make mutation` runs these)."""

from __future__ import annotations

import pytest

from conftest import ROOT
from exhibition.records import roll
from exhibition.records.validate import validate

CEMETERY = "luxibei-revolutionary-martyrs-cemetery"


@pytest.fixture(scope="module")
def people():
    """Real records, and copies changed where a rule decides: another category, alive, no role, no place of death."""
    real = validate(ROOT).by_id
    yao = real["yao-dihong"]
    chosen = {key: real[key] for key in (CEMETERY, "shi-qinchen", "yao-dihong", "zhang-yuguang", "zhang-zizhong")}
    chosen["hero-test"] = yao.model_copy(update={"id": "hero-test", "category": "hero"})
    chosen["living-test"] = yao.model_copy(update={"id": "living-test", "living": True})
    chosen["plain-test"] = yao.model_copy(update={"id": "plain-test", "role": None, "born": None})
    return chosen


def test_who_is_taken_and_where_they_rest(people):
    cemetery = people[CEMETERY]
    assert "shi-qinchen" in {b.person for b in cemetery.notable_burials}
    rule = roll.FromRecords(category="martyr", places=["聊城", "莘县"])
    taken = [(person.id, resting) for person, resting in roll.taken(rule, people)]
    # By the place of death (聊城), or buried in a cemetery whose address or title names a place (莘县).
    assert taken == [
        ("plain-test", ""),
        ("shi-qinchen", CEMETERY),
        ("yao-dihong", ""),
        ("zhang-yuguang", ""),
    ]  # not zhang-zizhong: died in Hubei, buried in Chongqing
    # Another place: neither the deaths in 聊城 nor the cemetery's burials.
    assert roll.taken(roll.FromRecords(category="martyr", places=["临清"]), people) == []
    assert [p.id for p, _ in roll.taken(roll.FromRecords(category="hero", places=["聊城"]), people)] == ["hero-test"]


def test_a_row_from_a_record_carries_its_fields_and_leaves_the_rest_empty(people):
    rule = roll.FromRecords(category="martyr", places=["聊城", "莘县"])
    written = [
        roll.Row(0, "yao-dihong", "姚第鸿", "", "", None, None, "", "", "", "", "", "s", ""),  # the same id
        roll.Row(0, "t-zhang", "张郁光", "", "", None, None, "", "", "", "", "", "s", "", record="zhang-yuguang"),
    ]
    rows = {row.id: row for row in roll.from_records(rule, people, written)}
    assert sorted(rows) == ["plain-test", "shi-qinchen"]  # written rows keep their people
    shi, plain = people["shi-qinchen"], people["plain-test"]
    assert rows["shi-qinchen"] == roll.Row(
        line=0,
        id="shi-qinchen",
        name=shi.name.zh,
        name_pinyin=shi.name.pinyin,
        gender="",
        born=shi.born.date if shi.born else None,
        died=None,  # the record gives no death
        native_place="",
        unit="",
        role=shi.role.zh,
        place_of_death="",
        resting_place=CEMETERY,
        source="",
        note="",
        record="shi-qinchen",
        generated=True,
    )
    assert shi.died is None and shi.role.zh
    assert (rows["plain-test"].role, rows["plain-test"].born) == ("", None)
    assert rows["plain-test"].place_of_death == plain.died.place.zh == "聊城"
    assert rows["plain-test"].died == plain.died.date and plain.died.date is not None
    born = roll.from_records(rule, {"zhang-yuguang": people["zhang-yuguang"]}, [])[0].born
    assert born == people["zhang-yuguang"].born.date and born is not None
