"""Every dated fact in the records, as timeline entries.

Which fields are dated is declared here once (DATED_FIELDS); the wording of each
kind of entry is in words.yml (`tl_<field>`), so neither lives in a template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..records import model
from ..records.dates import PartialDate

# (kind, field) -> ui key of the entry's wording; "{title}" is the record's title.
DATED_FIELDS: dict[tuple[str, str], str] = {
    ("place", "construction_started"): "tl_construction_started",
    ("place", "construction_finished"): "tl_construction_finished",
    ("place", "opened"): "tl_opened",
    ("vessel", "named"): "tl_named",
    ("vessel", "commissioned"): "tl_commissioned",
    ("memorial", "established"): "tl_established",
    ("person", "born.date"): "tl_born",
    ("person", "died.date"): "tl_died",
}


@dataclass
class Alternative:
    date: PartialDate
    source: Optional[model.Source]


@dataclass
class Entry:
    date: PartialDate
    record: model.Record
    label: Optional[model.Text] = None  # own wording (events, `dates`, ceremonies…)
    wording: Optional[str] = None  # ui key taking {title} and the params below
    params: dict[str, model.Text] = field(default_factory=dict)
    end: Optional[PartialDate] = None
    alternatives: list[Alternative] = field(default_factory=list)  # disputed dates
    source: Optional[model.Source] = None
    # Whom an entry of a person's `dates:` is about (its label has no subject: "Joins the Party").
    subject: Optional[model.Text] = None

    @property
    def anchor(self) -> str:
        return f"{self.record.id}-{self.date.iso}"

    @property
    def sort_key(self):
        return (self.date, self.record.title.zh)


def _get(record: model.Record, path: str):
    value = record
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def _source(record: model.Record, source_id: Optional[str]) -> Optional[model.Source]:
    return next((s for s in record.sources if s.id == source_id), None)


def collect(records: list[model.Record]) -> list[Entry]:
    events = [r for r in records if isinstance(r, model.Event)]
    entries = [entry for record in records for entry in _entries(record, events)]
    return sorted(entries, key=lambda e: e.sort_key)


def _entries(record: model.Record, events: list[model.Event]) -> list[Entry]:
    """A record's entries, in this order: an event's own date, the dated fields of its kind, its
    ceremonies and `dates:`, its protection listings. A fact an event record tells is left to it."""
    entries: list[Entry] = []
    if isinstance(record, model.Event) and record.when:
        entries.append(Entry(record.when, record, label=record.title, end=record.end))
    disputed = {d.field: d for d in record.disputed}
    dated = [
        _dated_field(record, path, wording, disputed, events)
        for (kind, path), wording in DATED_FIELDS.items()
        if kind == record.kind
    ]
    entries += [entry for entry in dated if entry]
    entries += _listed_dates(record, events)
    for protection in getattr(record, "protection", []):
        source = _source(record, protection.source)
        entries.append(Entry(protection.date, record, wording="tl_protection", params={"level": protection.level}, source=source))
    return entries


def _listed_dates(record: model.Record, events: list[model.Event]) -> list[Entry]:
    """A record's ceremonies and `dates:`, each with its own words; a person's carry whom they are about."""
    subject = record.title if isinstance(record, model.Person) else None
    return [
        Entry(item.date, record, label=item.label, source=_source(record, item.source), subject=subject)
        for item in [*getattr(record, "ceremonies", []), *record.dates]
        if not _told_by_event(record, item.date, events)
    ]


def _dated_field(record: model.Record, path: str, wording: str, disputed: dict, events: list[model.Event]) -> Optional[Entry]:
    """The entry of one of DATED_FIELDS, if the record has that date (or its disputed values)."""
    date = _get(record, path)
    field_name = path.split(".")[0]
    if date is None and field_name in disputed:
        return _disputed(record, disputed[field_name], wording)
    if date is None or _told_by_event(record, date, events):
        return None
    source = _get(record, field_name + ".source") if "." in path else None
    return Entry(date, record, wording=wording, source=_source(record, source))


def _disputed(record: model.Record, dispute, wording: str) -> Optional[Entry]:
    """A date the sources disagree on: one entry, placed at the earliest value, showing all."""
    alternatives = []
    for value in dispute.values:
        try:
            alternatives.append(Alternative(PartialDate.parse(value.value), _source(record, value.source)))
        except ValueError:
            continue
    if not alternatives:
        return None
    return Entry(min(a.date for a in alternatives), record, wording=wording, alternatives=alternatives)


def _told_by_event(record: model.Record, date: PartialDate, events: list[model.Event]) -> bool:
    """An event record on the same date that names this record already tells this fact."""
    for event in events:
        if date not in (event.date, event.start, event.end):
            continue
        if record.id in event.related or event.id in record.related or event.place_record == record.id:
            return True
    return False


@dataclass
class Shown:
    """A line of the timeline in one language: an entry, and the other records with the same entry
    (the same date and words), shown once with a link to each."""

    entry: Entry
    label: str  # the words, without the subject
    subjects: list[str]  # whom it is about (people), in order; empty for other entries
    records: list[model.Record]


def merged(entries: list[Entry], label, subject) -> list[Shown]:
    """label(entry) -> its words; subject(entry) -> whom it is about or "". Entries with the same date
    and words from different records become one line ("September 2014 肖永智, 张自忠: included in …")."""
    out: list[Shown] = []
    seen: dict[tuple, Shown] = {}
    for entry in entries:
        words = label(entry)
        key = (entry.date, entry.end, words, bool(entry.alternatives))
        who = subject(entry)
        line = seen.get(key)
        if line is not None and entry.record not in line.records and not entry.alternatives:
            line.records.append(entry.record)
            if who and who not in line.subjects:
                line.subjects.append(who)
            continue
        line = Shown(entry, words, [who] if who else [], [entry.record])
        seen[key] = line
        out.append(line)
    return out
