"""英名录: lists of names kept as UTF-8 CSV, each with a YAML header beside it.

exhibits/roll/<list>.csv   one row per person, columns exactly COLUMNS
exhibits/roll/<list>.yaml  title {zh,en}, sources (url + exact quote), what the list covers,
                           how many names the source says it has

Every problem is reported at once as `path:line: column: what is wrong and how to fix it`;
a roll with any problem stops the build (nothing is published). Only names that the sources
give are ever listed; living relatives never are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Optional

from pydantic import Field, ValidationError

from ..paths import Paths
from . import model
from .dates import PartialDate
from .load import load
from .problems import Problem
from .roll_rows import COLUMNS, RowContext, cells, date_of, row_problems

__all__ = ["COLUMNS", "FOLDER", "FromRecords", "Header", "Result", "Roll", "RollSource", "Row", "counted", "load_all"]

FOLDER = "roll"


class RollSource(model.Source):
    quote: str = Field(min_length=1, description="The exact passage that gives the list (or its count).")


class FromRecords(model.Strict):
    """Which person records the list takes: the build adds a row for each (with a link to the page),
    so the list cannot drift from what its header promises."""

    category: Literal["martyr", "hero", "model_veteran", "serving", "other"] = Field(
        "martyr", description="The person records' category."
    )
    places: list[str] = Field(
        min_length=1,
        description="A person is taken when their place of death (died.place) or the address of a memorial "
        "listing them under notable_burials contains one of these, e.g. [聊城, 莘县, 临清]",
    )


class Header(model.Strict):
    """The header of a list of names: exhibits/roll/<list>.yaml, beside <list>.csv (one row per person)."""

    title: model.Text
    covers: model.Text = Field(description="What the list covers, and what it leaves out.")
    count: Optional[int] = Field(None, ge=1, description="How many names the source says the full list has.")
    count_label: Optional[model.Text] = Field(None, description="Where those names are, e.g. 纪念塔上 / on the tower.")
    count_source: Optional[model.Slug] = Field(None, description="Id of the source that gives `count`.")
    sources: list[RollSource] = Field(min_length=1)
    order: int = Field(100, description="Position on the page of all lists (smaller first).")
    from_records: Optional[FromRecords] = Field(
        None, description="Fill the list from the person records too: which ones (hand-written rows are kept)."
    )
    related: list[model.Slug] = Field(
        [],
        description="Ids of exhibit records that tell of this list, e.g. the story of its names: the list's page "
        "links to them and they link back (the places its names rest in are linked without being named here).",
    )


@dataclass
class Row:
    line: int
    id: str
    name: str
    name_pinyin: str
    gender: str
    born: Optional[PartialDate]
    died: Optional[PartialDate]
    native_place: str
    unit: str
    role: str
    place_of_death: str
    resting_place: str
    source: str
    note: str
    record: Optional[str] = None  # id of a person record with the same name and a shared source, if any
    generated: bool = False  # added from a person record (header's from_records); its source is that record's page


@dataclass
class Roll:
    id: str
    header: Header
    rows: list[Row]
    path: str  # the CSV, as shown to the curator

    @property
    def sources(self) -> dict[str, RollSource]:
        return {s.id: s for s in self.header.sources}


@dataclass
class Result:
    rolls: list[Roll] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def counted(rolls: list[Roll]) -> str:
    """What `exhibition check` adds to "N records checked" when there are lists: ", 4 names on 2 roll lists"."""
    if not rolls:
        return ""
    names = sum(len(r.rows) for r in rolls)
    return f", {names:,} name{'s' if names != 1 else ''} on {len(rolls)} roll list{'s' if len(rolls) != 1 else ''}"


def load_all(root: Path, records: dict[str, model.Record]) -> Result:
    """Every list under exhibits/roll/, checked against the published records (resting places, people)."""
    result = Result()
    folder = Paths(root).exhibits / FOLDER
    if not folder.is_dir():
        return result
    for stem in _stems(folder):
        files = _Files(root, folder, stem)
        problem = files.problem()
        if problem is not None:
            result.problems.append(problem)
            continue
        _load_list(files, records, result)
    result.rolls.sort(key=lambda r: (r.header.order, r.id))
    return result


def _stems(folder: Path) -> list[str]:
    """The name of each list (a CSV, a header or both), in the order of the folder's sorted files."""
    stems: list[str] = []
    for path in sorted(folder.iterdir()):
        if path.suffix in (".csv", ".yml", ".yaml") and path.stem not in stems:
            stems.append(path.stem)
    return stems


@dataclass
class _Files:
    """One list's two files: <stem>.csv and its header <stem>.yaml (or .yml)."""

    root: Path
    folder: Path
    stem: str

    @property
    def csv(self) -> Path:
        return self.folder / f"{self.stem}.csv"

    @property
    def header(self) -> Optional[Path]:
        # .yaml, not .yml: every exhibits/**/*.yml is a record (tools and tests rely on it)
        return next((p for p in (self.folder / f"{self.stem}.yaml", self.folder / f"{self.stem}.yml") if p.exists()), None)

    @property
    def shown_csv(self) -> str:
        return self.csv.relative_to(self.root).as_posix()

    def shown(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def problem(self) -> Optional[Problem]:
        """What keeps the pair from being read at all: a file without its partner, a name that is no address."""
        shown_csv = self.shown_csv
        if not self.csv.exists():
            return Problem(
                self.shown(self.header), 1, "", f"no list beside this header. Put the names in {shown_csv} (UTF-8 CSV)"
            )
        if self.header is None:
            return Problem(
                shown_csv,
                1,
                "",
                f"no header beside this list. Write {shown_csv[:-4]}.yaml (title, sources with url and quote, covers, count)",
            )
        if not re.fullmatch(model.SLUG, self.stem):
            return Problem(
                shown_csv,
                1,
                "",
                f'"{self.stem}" cannot be a web address. Rename the file '
                "with lower-case letters, digits and hyphens, e.g. luxibei-tower.csv",
            )
        return None


def _load_list(files: _Files, records: dict[str, model.Record], result: Result) -> None:
    """The header and the rows of one list, with every problem of both; the list joins result.rolls when neither has one."""
    before = len(result.problems)
    header = _header(files.header, files.root, result.problems, records)
    header_ok = len(result.problems) == before  # a header with a mistake: its rows are checked, the list not loaded
    rows = _rows(files.csv, files.shown_csv, header, records, result, files.shown(files.header))
    if header is not None and header_ok and rows is not None:
        if header.from_records:
            rows += from_records(header.from_records, records, rows)
        result.rolls.append(Roll(files.stem, header, rows, files.shown_csv))


def _header(path: Path, root: Path, problems: list[Problem], records: Optional[dict] = None) -> Optional[Header]:
    from .validate import explain_all

    doc, found = load(path, path.relative_to(root).as_posix())
    problems += found
    if doc is None:
        return None
    try:
        header = Header.model_validate(doc.data)
    except ValidationError as exc:
        problems += explain_all(doc, Header, exc)
        return None
    problems += _count_problems(doc, header)
    if records is not None:
        problems += _related_problems(doc, header, records)
    return header


def _count_problems(doc, header: Header) -> list[Problem]:
    """`count` names the source that gives it (`count_source`), and that source's quote has the number."""
    ids = [s.id for s in header.sources]
    problems = []
    if header.count_source and header.count_source not in ids:
        problems.append(
            Problem(
                doc.path,
                doc.line(("count_source",)),
                "count_source",
                f"no source \"{header.count_source}\" in `sources`. Use one of: {', '.join(ids)}",
            )
        )
    if not header.count:
        return problems
    if not header.count_source:
        problems.append(
            Problem(
                doc.path,
                doc.line(("count",)),
                "count",
                "say which source gives this number: add `count_source:` with the id of a source",
            )
        )
    elif header.count_source in ids and not _quoted(header.count, header.sources[ids.index(header.count_source)].quote):
        problems.append(
            Problem(
                doc.path,
                doc.line(("count",)),
                "count",
                f'{header.count} is not in the quote of source "{header.count_source}". '
                "Copy the number exactly as the source gives it, with the passage that says it",
            )
        )
    return problems


def _quoted(count: int, quote: str) -> bool:
    """The number is in the quote, written with or without thousands separators (1,300 or 1，300)."""
    return str(count) in re.sub(r"[,，]", "", quote)


def _related_problems(doc, header: Header, records: dict) -> list[Problem]:
    return [
        Problem(
            doc.path,
            doc.line(("related", i)),
            "related",
            f'no published record "{rid}". Use the id of a story, memorial or other exhibit record',
        )
        for i, rid in enumerate(header.related)
        if rid not in records
    ]


def _rows(
    path: Path, shown: str, header: Optional[Header], records: dict[str, model.Record], result: Result, header_path: str
) -> Optional[list[Row]]:
    """The list's rows, each checked by the CsvRow model (roll_rows.py); None when any is wrong."""
    problems = result.problems
    before = len(problems)
    context = RowContext(
        sources={s.id for s in header.sources} if header else set(),
        header_path=header_path if header else None,
        records=records,
        ids={},
    )
    people = {r.name.zh: r for r in records.values() if isinstance(r, model.Person)}
    twins = _Twins(shown, result.warnings)
    rows: list[Row] = []
    for line, values in cells(path, shown, problems):
        checked, found = row_problems(line, values, context)
        problems += [Problem(shown, line, column, message) for column, message in found]
        row = _row(line, values, checked, people)
        twins.see(row)
        rows.append(row)
    return rows if len(problems) == before else None


def _row(line: int, values: dict[str, str], checked, people: dict[str, model.Person]) -> Row:
    """The row as the list holds it, linked to the person record of the same name (not a living person's)."""
    # A row with a mistake is still compared with the others (the same person twice is told too).
    cells_typed = dict(checked) if checked else {**values, "born": date_of(values["born"])[0], "died": date_of(values["died"])[0]}
    row = Row(line, **cells_typed)
    person = people.get(row.name)
    if person is not None and not person.living:
        row.record = person.id
    return row


@dataclass
class _Twins:
    """The same name, native place and year of death on two rows: a warning (two people, or one twice?)."""

    shown: str
    warnings: list[Problem]
    first: dict[tuple, int] = field(default_factory=dict)  # (name, native place, year of death) -> line

    def see(self, row: Row) -> None:
        key = (row.name, row.native_place, row.died.year if row.died else None)
        if key not in self.first:
            self.first[key] = row.line
            return
        self.warnings.append(
            Problem(
                self.shown,
                row.line,
                "name",
                (
                    f"{row.name} (native place \"{row.native_place or '—'}\", died {key[2] or '—'}) is also on line "
                    f"{self.first[key]}. If these are two people, say what tells them apart in `note`; if one, remove a row"
                ),
            )
        )


def taken(rule: FromRecords, records: dict[str, model.Record]) -> list[tuple[model.Person, str]]:
    """(person, resting place id or "") for every published person record the rule takes."""
    resting = _resting_places(rule, records)
    people = (r for r in sorted(records.values(), key=lambda r: r.id) if isinstance(r, model.Person))
    return [(person, resting.get(person.id, "")) for person in people if _takes(rule, person, resting)]


def _resting_places(rule: FromRecords, records: dict[str, model.Record]) -> dict[str, str]:
    """person id -> the first memorial in one of the rule's places that lists them under notable_burials."""
    resting: dict[str, str] = {}
    for record in records.values():
        if not isinstance(record, model.Memorial):
            continue
        where = f"{record.address.zh if record.address else ''} {record.title.zh}"
        if not any(place in where for place in rule.places):
            continue
        for burial in record.notable_burials:
            if burial.person:
                resting.setdefault(burial.person, record.id)
    return resting


def _takes(rule: FromRecords, person: model.Person, resting: dict[str, str]) -> bool:
    """A person of the rule's category, not living, who died in one of its places or rests in one."""
    if person.category != rule.category or person.living:
        return False
    died = person.died.place.zh if person.died and person.died.place else ""
    return any(place in died for place in rule.places) or person.id in resting


def from_records(rule: FromRecords, records: dict[str, model.Record], written: list[Row]) -> list[Row]:
    """A row for each person the header's from_records takes, unless a hand-written row has them already."""
    have = {row.id for row in written} | {row.record for row in written if row.record}
    return [_generated(person, resting) for person, resting in taken(rule, records) if person.id not in have]


def _generated(person: model.Person, resting: str) -> Row:
    """The row of a person record: what the record says, linked to its page (its source)."""
    died = person.died
    return Row(
        line=0,
        id=person.id,
        name=person.name.zh,
        name_pinyin=person.name.pinyin,
        gender="",
        born=person.born.date if person.born else None,
        died=died.date if died else None,
        native_place="",
        unit="",
        role=person.role.zh if person.role else "",
        place_of_death=died.place.zh if died and died.place else "",
        resting_place=resting,
        source="",
        note="",
        record=person.id,
        generated=True,
    )
