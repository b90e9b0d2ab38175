"""Partial dates (records/dates.py) through tables of cases: what is accepted, with its precision and
forms, what is refused, with the whole message. `make mutation` runs these against records/dates.py."""

from __future__ import annotations

import re

import pytest
from pydantic import TypeAdapter

from exhibition.records.dates import Date, PartialDate, pattern

ACCEPTED = [
    # written, (year, month, day), precision, iso, zh, en
    ("2019", (2019, 0, 0), "year", "2019", "2019年", "2019"),
    ("2019-12", (2019, 12, 0), "month", "2019-12", "2019年12月", "December 2019"),
    ("2019-03-05", (2019, 3, 5), "day", "2019-03-05", "2019年3月5日", "5 March 2019"),
    ("0001", (1, 0, 0), "year", "0001", "1年", "1"),  # the first year there is
    ("0938-01", (938, 1, 0), "month", "0938-01", "938年1月", "January 938"),
    ("1945-09-01", (1945, 9, 1), "day", "1945-09-01", "1945年9月1日", "1 September 1945"),  # the first of a month
    ("1944-07-31", (1944, 7, 31), "day", "1944-07-31", "1944年7月31日", "31 July 1944"),
    ("2000-02-29", (2000, 2, 29), "day", "2000-02-29", "2000年2月29日", "29 February 2000"),  # a leap day
    (" 1947-10\n", (1947, 10, 0), "month", "1947-10", "1947年10月", "October 1947"),
    (1949, (1949, 0, 0), "year", "1949", "1949年", "1949"),  # YAML reads an unquoted year as a number
]


@pytest.mark.parametrize("written, parts, precision, iso, zh, en", ACCEPTED, ids=[str(c[0]).strip() for c in ACCEPTED])
def test_a_date_is_read_and_shown_as_precisely_as_written(written, parts, precision, iso, zh, en):
    date = PartialDate.parse(written)
    assert (date.year, date.month, date.day) == parts
    assert date.precision == precision
    assert date.iso == str(date) == iso
    assert (date.show("zh"), date.show("en")) == (zh, en)
    assert TypeAdapter(Date).dump_python(date, mode="json") == iso  # what the open data and pages write
    assert TypeAdapter(Date).validate_python(written) == date


REFUSED = [
    (
        "2019-3",
        '"2019-3" is not a date. Write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2019, 2019-12 or 2019-03-15), as precise as the source and no more',
    ),
    ("2019-03-5", '"2019-03-5" is not a date.'),
    ("19", '"19" is not a date.'),
    ("201", '"201" is not a date.'),
    ("20190", '"20190" is not a date.'),
    ("2019-03-15x", '"2019-03-15x" is not a date.'),
    ("x2019", '"x2019" is not a date.'),
    ("2019-03-15-01", '"2019-03-15-01" is not a date.'),
    ("2019/03", '"2019/03" is not a date.'),
    ("0000", '"0000": there is no year 0. Check the source'),
    ("2019-00", '"2019-00": month 0 does not exist. Use 01 to 12'),
    ("2019-13-01", '"2019-13-01": month 13 does not exist. Use 01 to 12'),
    ("2019-02-29", '"2019-02-29": 2019-02 has no day 29 (it has 28 days). Check the source'),
    ("2019-04-00", '"2019-04-00": 2019-04 has no day 0 (it has 30 days). Check the source'),
    ("2019-12-32", '"2019-12-32": 2019-12 has no day 32 (it has 31 days). Check the source'),
    (2019.0, 'must be a date written as text: YYYY, YYYY-MM or YYYY-MM-DD, e.g. "2019-03-15"'),
    (False, 'must be a date written as text: YYYY, YYYY-MM or YYYY-MM-DD, e.g. "2019-03-15"'),
]


@pytest.mark.parametrize("written, message", REFUSED, ids=[f"refused-{n}" for n in range(len(REFUSED))])
def test_a_malformed_or_impossible_date_is_refused_with_the_whole_message(written, message):
    with pytest.raises(ValueError) as refused:
        PartialDate.parse(written)
    if message.endswith("is not a date."):
        message += " Write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2019, 2019-12 or 2019-03-15), as precise as the source and no more"
    assert str(refused.value) == message


def test_the_last_day_of_each_month_is_accepted_and_the_next_is_not():
    for month, last in [(1, 31), (4, 30), (2, 28), (12, 31)]:
        assert PartialDate.parse(f"2019-{month:02d}-{last:02d}") == PartialDate(2019, month, last)
        with pytest.raises(ValueError):
            PartialDate.parse(f"2019-{month:02d}-{last + 1:02d}")


def test_the_json_schema_gives_editors_the_same_pattern():
    schema = TypeAdapter(Date).json_schema()
    assert schema["pattern"] == pattern()
    assert all(re.match(schema["pattern"], str(case[0]).strip()) for case in ACCEPTED)
    assert not any(re.match(schema["pattern"], case[0]) for case in REFUSED[:9])
