"""The kinds of exhibit record (place, vessel, memorial, person, event, theme, story) and the table of all kinds."""

from __future__ import annotations

from typing import ClassVar, Literal, Optional

from pydantic import Field, model_validator

from ..dates import Date, PartialDate
from .lessons import Lesson
from .record import Consent, Record
from .sources import Dated, Figure, Sourced
from .texts import Slug, Strict, Text


class Place(Record):
    """A building or site that is not a cemetery: the hall itself, a memorial museum."""

    kind: Literal["place"]
    FOLDER: ClassVar[str] = "places"
    address: Optional[Text] = None
    area_m2: Optional[float] = None
    built_by: Optional[Text] = None
    construction_started: Optional[Date] = None
    construction_finished: Optional[Date] = None
    opened: Optional[Date] = None
    features: list[Text] = []


class Vessel(Record):
    kind: Literal["vessel"]
    FOLDER: ClassVar[str] = "vessels"
    hull_number: str
    ship_class: Text
    ship_type: Text
    motto: Optional[Text] = Field(None, description="Motto; the English is our translation.")
    named: Optional[Date] = Field(None, description="Naming date, only as precise as the source.")
    commissioned: Optional[Date] = Field(None, description="Leave empty while no source gives it.")
    fleet: Optional[Text] = None
    home_port: Optional[Text] = None
    length_m: Optional[float] = None
    displacement_t: Optional[float] = None
    armament: list[Text] = []


class Protection(Sourced):
    level: Text
    date: Date
    number: Optional[str] = None


class Burial(Strict):
    name: Text
    role: Optional[Text] = None
    person: Optional[Slug] = Field(
        None, description="Id of the person's record (kind person), if there is one: " "the burial links to that page."
    )


class Memorial(Record):
    kind: Literal["memorial"]
    FOLDER: ClassVar[str] = "memorials"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ("related", "notable_burials.person")
    other_names: list[Text] = []
    address: Optional[Text] = None
    established: Optional[Date] = None
    established_by: Optional[Text] = None
    area: Optional[Text] = None
    features: list[Text] = []
    names_inscribed: Optional[int] = None
    tombs: Optional[int] = None
    notable_burials: list[Burial] = []
    protection: list[Protection] = []
    ceremonies: list[Dated] = []


class Name(Strict):
    zh: str = Field(min_length=1)
    pinyin: str = Field(min_length=1, description="Hanyu pinyin, e.g. Fàn Zhùxiān or Fan Zhuxian")


class LifeEvent(Sourced):
    date: Optional[Date] = None
    place: Optional[Text] = None


class Person(Record):
    kind: Literal["person"]
    FOLDER: ClassVar[str] = "people"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ("related", "commemorated_at")
    category: Literal["martyr", "hero", "model_veteran", "serving", "other"]
    category_label: Optional[Text] = Field(
        None,
        description="What the person was, in the words of the record's sources, shown instead of the category's "
        "name, e.g. {zh: 援藏干部 · 退伍军人, en: Cadre sent to Tibet · Army veteran}.",
    )
    living: bool
    name: Name
    born: Optional[LifeEvent] = None
    died: Optional[LifeEvent] = None
    role: Optional[Text] = None
    honours: list[Text] = []
    commemorated_at: list[Slug] = Field(
        [], description="Ids of the memorial or place records where the person is " "commemorated (a cemetery, a memorial hall)."
    )
    consent: Optional[Consent] = Field(None, description="Required for a living person.")

    @model_validator(mode="after")
    def _living_needs_consent(self):
        if self.living and self.consent is None:
            raise ValueError(
                "consent: a living person's record needs a consent reference "
                "(reference, scope, date). Add it, or do not publish the record"
            )
        if self.living and self.died is not None:
            raise ValueError("died: a living person has no date of death. Remove `died` or set living: false")
        return self


class Event(Record):
    kind: Literal["event"]
    FOLDER: ClassVar[str] = "events"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ("related", "people", "place_record")
    date: Optional[Date] = None
    start: Optional[Date] = None
    end: Optional[Date] = None
    recurring: Optional[Text] = Field(None, description="For a yearly occasion, e.g. 每年9月30日.")
    place: Optional[Text] = None
    place_record: Optional[Slug] = Field(None, description="Id of the place or memorial record where the event happened.")
    organisers: list[Text] = []
    participants: Optional[Figure] = None
    audience: Optional[Text] = None
    people: list[Slug] = Field([], description="Ids of the person records of people who took part.")

    @model_validator(mode="after")
    def _one_date(self):
        if self.date and (self.start or self.end):
            raise ValueError("date: give either `date` or `start`/`end`, not both")
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"end: {self.end.iso} is before start {self.start.iso}")
        return self

    @property
    def when(self) -> Optional[PartialDate]:
        return self.date or self.start


class Theme(Record):
    """A strand of the hall's work (双拥共建, 优抚褒扬…), told through sourced figures."""

    kind: Literal["theme"]
    FOLDER: ClassVar[str] = "themes"
    partners: list[Text] = []
    activities: list[Text] = []


class Section(Strict):
    """One part of a story: a heading, a short text, at most one picture, the exhibits it speaks of."""

    heading: Text
    text: Text = Field(description="A few short paragraphs (Markdown), each fact from the story's sources.")
    image: Optional[str] = Field(None, description="The `file` of one of the story's `images`, shown full width above the text.")
    records: list[Slug] = Field([], description="Ids of the exhibits this section speaks of, shown as picture cards.")


class Story(Record):
    """A curated narrative for visitors: one subject told as a scroll of pictures and short texts."""

    kind: Literal["story"]
    FOLDER: ClassVar[str] = "stories"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ("related", "sections.records")
    sections: list[Section] = Field(min_length=1, description="The story's parts, in reading order.")

    # That a section's `image:` is one of the story's `images` is checked by validate.py (_check_sections),
    # from the file, so every such mistake is told at once, each on its own line.


KINDS: dict[str, type[Record]] = {
    cls.model_fields["kind"].annotation.__args__[0]: cls for cls in (Place, Vessel, Memorial, Person, Event, Theme, Story, Lesson)
}
EXHIBIT_KINDS = tuple(kind for kind in KINDS if kind != "lesson")
# Which kinds of record each reference field may name (validate.py refuses others and suggests
# only these). Lessons are not exhibits: exhibits reach them through a lesson's linked_records.
REFERENCE_KINDS: dict[str, tuple[str, ...]] = {
    "related": EXHIBIT_KINDS,
    "commemorated_at": ("memorial", "place"),
    "notable_burials.person": ("person",),
    "people": ("person",),
    "place_record": ("place", "memorial"),
    "linked_records": EXHIBIT_KINDS,
    "images.depicts": EXHIBIT_KINDS,
    "sections.records": tuple(KINDS),  # a story's part may point teachers to a lesson too
}


def accepted_kinds(field: str, record_kind: str) -> tuple[str, ...]:
    """Kinds a reference field of a record of record_kind may name."""
    if field == "related" and record_kind == "lesson":
        return tuple(KINDS)  # a lesson may point to a follow-up lesson
    return REFERENCE_KINDS[field]
