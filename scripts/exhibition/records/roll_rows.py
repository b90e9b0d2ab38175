"""The rows of a list of names (exhibits/roll/<list>.csv): read as UTF-8 CSV, each row checked by the
`CsvRow` model, as a record is by its model; what a row cannot know alone (an id twice, the same person
on two rows) and what any cell may hold (full-width digits, personal data) are checked beside it.

Every problem is `path:line: column: what is wrong and how to fix it`, all at once.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

from pydantic import BaseModel, BeforeValidator, ValidationError, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from . import model, privacy
from .dates import PartialDate
from .problems import Problem

COLUMNS = (
    "id",
    "name",
    "name_pinyin",
    "gender",
    "born",
    "died",
    "native_place",
    "unit",
    "role",
    "place_of_death",
    "resting_place",
    "source",
    "note",
)
GENDERS = {"", "男", "女"}
_FULL_WIDTH_DIGITS = re.compile(r"[\uff10-\uff19]")
_EXCEL_DATE = re.compile(r"^(\d{4})[/.](\d{1,2})(?:[/.](\d{1,2}))?$")
_PINYIN = re.compile(r"^[A-Za-zÜüÀ-ž' ·-]*$")


def _wrong(message: str) -> PydanticCustomError:
    # The message as the curator reads it (pydantic's ValueError would prefix "Value error, "); without a
    # context pydantic does not format the text. The error's type name is shown nowhere.
    return PydanticCustomError("roll_row", message)


def date_of(value: str) -> tuple[Optional[PartialDate], Optional[str]]:
    """(the date, None) or (None, what is wrong with it); an empty cell is no date."""
    if not value:
        return None, None
    if _FULL_WIDTH_DIGITS.search(value):
        return None, (
            f'"{value}" is typed with full-width digits (０-９). Type the date with ordinary '
            "digits 0-9 (switch the input method to half-width)"
        )
    excel = _EXCEL_DATE.match(value)
    if excel:
        y, m, d = excel.groups()
        fixed = f"{y}-{int(m):02d}" + (f"-{int(d):02d}" if d else "")
        return None, (
            f'"{value}" looks like a date changed by Excel. Write it as {fixed} '
            "(YYYY, YYYY-MM or YYYY-MM-DD) and format the column as text"
        )
    try:
        return PartialDate.parse(value), None
    except ValueError as exc:
        return None, str(exc)


def _date(value: str) -> Optional[PartialDate]:
    date, message = date_of(value)
    if message:
        raise _wrong(message)
    return date


RollDate = Annotated[Optional[PartialDate], BeforeValidator(_date)]


@dataclass
class RowContext:
    """What a row is checked against: the list's header, the published records, the rows before it."""

    sources: set[str]
    header_path: str | None  # None: the header has mistakes of its own (its sources are not checked against)
    records: dict[str, model.Record]
    ids: dict[str, int]  # id -> line, of the rows before


class CsvRow(BaseModel):
    """One row of a list of names, as the curator wrote it (cells stripped of spaces)."""

    id: str
    name: str
    name_pinyin: str
    gender: str
    born: RollDate
    died: RollDate
    native_place: str
    unit: str
    role: str
    place_of_death: str
    resting_place: str
    source: str
    note: str

    @field_validator("id")
    @classmethod
    def _id(cls, value: str, info: ValidationInfo) -> str:
        if not re.fullmatch(model.SLUG, value):
            raise _wrong(
                f'"{value}" is not an id. Use lower-case letters, digits and hyphens, e.g. the '
                "name's pinyin: xiao-yongzhi (it becomes the person's web address)"
            )
        ids = info.context.ids
        if value in ids:
            raise _wrong(f'"{value}" is already used on line {ids[value]}. Give each person their own id')
        return value

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value:
            raise _wrong("empty. Write the name exactly as the source gives it")
        if _FULL_WIDTH_DIGITS.search(value) or re.search(r"\d", value):
            raise _wrong(f'"{value}" has digits in it. Write the name exactly as the source gives it')
        return value

    @field_validator("name_pinyin")
    @classmethod
    def _pinyin(cls, value: str) -> str:
        if value and not _PINYIN.match(value):
            raise _wrong(
                f'"{value}" is not pinyin. Write it in Latin letters (e.g. Xiao Yongzhi) or leave it empty: the build computes it'
            )
        return value

    @field_validator("gender")
    @classmethod
    def _gender(cls, value: str) -> str:
        if value not in GENDERS:
            raise _wrong(f'"{value}" is not a gender. Write 男 or 女, or leave it empty')
        return value

    @field_validator("resting_place")
    @classmethod
    def _resting(cls, value: str, info: ValidationInfo) -> str:
        records = info.context.records
        if value and value not in records:
            memorials = sorted(r.id for r in records.values() if isinstance(r, model.Memorial))
            raise _wrong(
                f'no published record has the id "{value}". Use the id of a cemetery or '
                f"memorial in exhibits/ ({', '.join(memorials) or 'none yet'}), or leave it empty"
            )
        return value

    @field_validator("source")
    @classmethod
    def _source(cls, value: str, info: ValidationInfo) -> str:
        context = info.context
        sources = ", ".join(sorted(context.sources))
        if not value:
            raise _wrong(f"empty. Name the source that gives this name: the id of a source in the header ({sources})")
        if context.header_path and value not in context.sources:
            raise _wrong(f'no source "{value}" in the header {context.header_path}. Use one of: {sources}')
        return value


def row_problems(line: int, values: dict[str, str], context: RowContext) -> tuple[Optional[CsvRow], list[tuple[str, str]]]:
    """(the row, or None; [(column, message)]) for the cells of the row on `line`: the model's checks,
    the order of its dates, and what any cell may hold."""
    try:
        row, errors = CsvRow.model_validate(values, context=context), []
    except ValidationError as exc:
        row, errors = None, [(str(error["loc"][0]), error["msg"]) for error in exc.errors()]
    if re.fullmatch(model.SLUG, values["id"]):
        context.ids.setdefault(values["id"], line)
    # The model's messages in the order of the columns, the dates' order told right after the dates.
    found = [e for e in errors if COLUMNS.index(e[0]) <= COLUMNS.index("died")]
    found += _date_order(values)
    found += [e for e in errors if COLUMNS.index(e[0]) > COLUMNS.index("died")]
    for column in COLUMNS[1:]:
        if column not in ("born", "died"):
            found += _cell_problems(column, values[column])
    return row, found


def _date_order(values: dict[str, str]) -> list[tuple[str, str]]:
    born, died = date_of(values["born"])[0], date_of(values["died"])[0]
    if born and died and born > died:
        return [("born", f"born {born} is after died {died}. Check the source")]
    return []


def _cell_problems(column: str, value: str) -> list[tuple[str, str]]:
    """What no cell may hold: full-width digits (but in a name or a note), personal data."""
    found = []
    if column not in ("note", "name") and _FULL_WIDTH_DIGITS.search(value):
        found.append((column, f'"{value}" has full-width digits (０-９). Type ordinary digits 0-9'))
    for what, text in privacy.findings(value):
        found.append(
            (
                column,
                f"contains {what} ({text}). Personal data is never published (个人信息保护法): "
                "remove it. The roll lists only the fallen, never their living relatives",
            )
        )
    return found


def decode(data: bytes, shown: str, problems: list[Problem]) -> Optional[str]:
    data = data.removeprefix(b"\xef\xbb\xbf")  # Excel's "CSV UTF-8" always writes one: it is not a mistake
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            data.decode("gbk")
            what = "is saved as GBK (the Chinese Windows encoding), not UTF-8"
        except UnicodeDecodeError:
            what = "is not UTF-8 text"
        problems.append(
            Problem(
                shown,
                line,
                "",
                f"the file {what}. Save as UTF-8 (in Excel: 另存为 → "
                '"CSV UTF-8 (逗号分隔)"; in WPS or LibreOffice choose the encoding UTF-8)',
            )
        )
        return None


def cells(path: Path, shown: str, problems: list[Problem]):
    """(line, {column: cell}) of each row that is not empty; every mistake of the file's shape in problems."""
    text = decode(path.read_bytes(), shown, problems)
    if text is None:
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    if _columns_named(reader, shown, problems):
        yield from _data_rows(reader, shown, problems)


def _columns_named(reader, shown: str, problems: list[Problem]) -> bool:
    """The first line names the columns, exactly COLUMNS."""
    try:
        first = next(reader, None)
    except csv.Error as exc:
        problems.append(Problem(shown, 1, "", f"cannot be read as CSV ({exc})"))
        return False
    if first is None or tuple(c.strip() for c in first) != COLUMNS:
        problems.append(Problem(shown, 1, "", "the first line must name the columns, exactly: " + ",".join(COLUMNS)))
        return False
    return True


def _data_rows(reader, shown: str, problems: list[Problem]):
    """(first line, {column: cell}) of each row after the first that is not empty and has every column."""
    end = reader.line_num
    while True:
        start = end + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            problems.append(Problem(shown, start, "", f"cannot be read as CSV ({exc}). Check the quotes on this line"))
            return
        end = reader.line_num
        if not any(c.strip() for c in row):
            continue
        if len(row) != len(COLUMNS):
            problems.append(_width_problem(shown, start, len(row)))
            continue
        yield start, dict(zip(COLUMNS, (c.strip() for c in row)))


def _width_problem(shown: str, line: int, width: int) -> Problem:
    return Problem(
        shown,
        line,
        "",
        f"this row has {width} columns; it needs {len(COLUMNS)} "
        f"({','.join(COLUMNS)}). Check for a missing or extra comma; a comma inside a "
        'value needs the value in "double quotes"',
    )
