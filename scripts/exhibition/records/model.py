"""Typed records: what a curator may write in exhibits/*.yml.

These models are the single truth for record structure: validation uses them,
templates read them, and `make schema` writes the JSON Schema editors use from
them. Rules that span records (ids, references) live in validate.py.
"""

from __future__ import annotations

import json
from typing import Annotated, ClassVar, Literal, Optional, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from .dates import Date, PartialDate
from .markers import strip_markers

LANGS = ("zh", "en")
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG, description="ASCII id: lower-case letters, digits and hyphens.")]
Percent = Annotated[float, Field(ge=0, le=100)]


class Strict(BaseModel):
    # Unknown fields are errors, so a misspelt field never silently vanishes.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Text(Strict):
    """One text in both languages. English may wait for its translation."""

    zh: str = Field(min_length=1, description="中文")
    en: Optional[str] = Field(None, description="English (our translation)")

    def get(self, lang: str) -> str:
        """The text as read anywhere but the record's own page: without its [@id] markers."""
        return strip_markers(self.cited(lang))

    def cited(self, lang: str) -> str:
        """The text with its citation markers, for the record's page (pages/format.py turns them into numbers)."""
        return (self.en if lang == "en" else self.zh) or self.zh

    def missing(self, lang: str) -> bool:
        return lang == "en" and not self.en


def _same_in_both_languages(value):
    # A licence name such as "CC BY 4.0" reads the same in both languages: plain text stands for both.
    return {"zh": value, "en": value} if isinstance(value, str) else value


# Either plain text (the same in both languages) or {zh, en}; templates always get a Text.
SameOrText = Annotated[Text, BeforeValidator(_same_in_both_languages, json_schema_input_type=Union[str, Text])]


class FullText(Text):
    """A text that must exist in both languages (alt text, for instance)."""

    en: str = Field(min_length=1, description="English")


class Source(Strict):
    id: Slug = Field(description="Short name used by `source:` fields in this record.")
    title: str
    publisher: str
    url: Optional[str] = Field(None, pattern=r"^https?://")
    date: Optional[Date] = None
    locator: Optional[str] = Field(None, description="Page, section, article id…")
    quote: Optional[str] = Field(
        None,
        description="The exact passage that supports the record's figures and dates, "
        "in the source's language; `make check` looks for each figure's number and each date in it, "
        "and for every number and date of the paragraphs that cite the source with [@id]. "
        "Separate passages with …",
    )
    copy_path: Optional[str] = Field(  # `copy` itself would hide pydantic's BaseModel.copy
        None,
        alias="copy",
        description="A text copy of the source inside the project, e.g. sources/yearbook-2019.txt: "
        "`make check` then finds every passage of the quote in it.",
    )


class Sourced(Strict):
    source: Optional[Slug] = Field(None, description="Id of an entry in `sources`.")


class DisputedValue(Sourced):
    value: Union[str, int, float]
    source: Slug


class Disputed(Strict):
    field: str = Field(description="Name of the field whose value the sources disagree on.")
    label: Optional[Text] = None
    unit: Optional[Text] = Field(None, description="Unit shown after each value, e.g. {zh: 亩, en: mu}.")
    values: list[DisputedValue] = Field(min_length=2)


class Review(Strict):
    status: Literal["draft", "verified"]
    date: Date
    by: Optional[str] = None


class Hall(Strict):
    zone: Slug
    note: Optional[Text] = None


class Consent(Strict):
    reference: str = Field(min_length=1, description="Where the signed consent is filed.")
    scope: str
    date: Date
    names: list[str] = Field(
        [], description="Living people this record may name, as written in its texts and quotes (their consent is filed)."
    )


class ImageFlags(Strict):
    minors: bool = False
    national_flag: bool = False
    emblem: bool = False
    insignia: bool = False


class Image(Strict):
    file: str = Field(description="Path inside images/, e.g. vessels/liaocheng-ship.png")
    alt: FullText = Field(description="What the picture shows, for people who cannot see it.")
    caption: Optional[Text] = None
    illustration: bool = Field(False, description="True for drawings made for the site (示意图).")
    creator: Optional[str] = None
    credit: Optional[Text] = None
    date: Optional[Date] = None
    rights_holder: Optional[str] = None
    licence: Optional[SameOrText] = Field(
        None,
        description="Plain text when it reads the same in both "
        "languages (CC BY 4.0), else {zh: 版权所有, en: All rights reserved}.",
    )
    depicts: list[Slug] = Field([], description="Ids of the exhibit records (not lessons) this picture shows.")
    flags: ImageFlags = ImageFlags()
    consent: Optional[str] = Field(None, description="Guardian or sitter consent reference.")
    focus: Optional[tuple[Percent, Percent]] = Field(
        None,
        description="The point to keep in view where the picture fills a frame and must be cut (a story's cover, "
        "cards, the home's picture, the kiosk's slides): [x, y] in percent from the left and from the top, "
        "e.g. [50, 20] for a face near the top. Left out: the centre. The record's page and the enlarged view "
        "always show the whole picture.",
    )

    @field_validator("focus", mode="before")
    @classmethod
    def _focus_in_percent(cls, value):
        # One message for every way to get it wrong (a single number, three, text, 150).
        if value is None:
            return value
        numbers = isinstance(value, (list, tuple)) and len(value) == 2
        numbers = numbers and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        if not numbers or not all(0 <= v <= 100 for v in value):
            raise ValueError(
                f"must be two numbers in percent, [x, y], found {json.dumps(value, ensure_ascii=False)}: how far from the left and from the top "
                "the part to keep in view lies, each from 0 to 100, e.g. `focus: [50, 20]`"
            )
        return value

    @property
    def position(self) -> str:
        """The focal point as CSS object-position ("50% 20%"); empty for the centre (the CSS default)."""
        if self.focus is None or tuple(self.focus) == (50, 50):
            return ""
        return f"{self.focus[0]:g}% {self.focus[1]:g}%"

    @model_validator(mode="after")
    def _minors_need_consent(self):
        # Children under 14 are sensitive personal information (个人信息保护法 Art. 28).
        if self.flags.minors and not self.consent:
            raise ValueError(
                "consent: this picture shows minors, so it needs the guardians' consent reference. "
                "Add `consent:` (where the signed consent is filed), or do not publish the picture"
            )
        return self


def seconds_of(value):
    """A duration as a curator writes it: 62, 62.5 or "1:02" (minutes:seconds)."""
    if isinstance(value, str) and ":" in value:
        minutes, _, seconds = value.strip().partition(":")
        try:
            return int(minutes) * 60 + float(seconds)
        except ValueError:
            raise ValueError(f'"{value}" is not a duration. Write seconds (62) or minutes:seconds (1:02)') from None
    return value


class AudioTrack(Strict):
    """One recording of the audio guide (语音导览), in one language, with its transcript."""

    file: str = Field(
        pattern=r"(?i)^[A-Za-z0-9_./-]+\.(mp3|m4a|aac|opus|ogg)$",
        description="Path inside audio/, e.g. tour/navy.zh.mp3 (MP3, M4A/AAC or Opus; at most 10 MB).",
    )
    language: Literal["zh", "en"] = Field(description="The language spoken: zh or en.")
    duration: Annotated[float, BeforeValidator(seconds_of)] = Field(
        gt=0, description="Length as seconds (62) or minutes:seconds (1:02); checked against the file, within 2 s."
    )
    transcript: str = Field(
        min_length=1,
        description="Everything the recording says, in its language (WCAG 1.2.1): shown under the player.",
    )
    speaker: Optional[Text] = Field(None, description="Who speaks, e.g. 讲解员 / the hall's guide.")
    credit: Optional[Text] = None
    licence: Optional[SameOrText] = None
    sample: bool = Field(
        False, description="A synthetic sample voice made for the site, shown as such until the hall records its own."
    )


class PublicValue(Strict):
    """A value that looks like personal data but is public on purpose (the hall's own phone)."""

    value: str = Field(min_length=1)
    reason: str = Field(min_length=1, description="Why it may be published, e.g. 展览馆对外公布的电话")


class Figure(Sourced):
    """A sourced number: 21,000 visits, 925 names…"""

    label: Text
    value: Union[int, float, str]
    unit: Optional[Text] = None
    qualifier: Optional[Literal["about", "more_than"]] = None
    year: Optional[int] = None


class Dated(Sourced):
    """A dated fact that belongs on the timeline."""

    date: Date
    label: Text


class Record(Strict):
    kind: str
    id: Slug
    title: Text = Field(description="The exhibit's name, as on its label in the hall.")
    summary: Text = Field(description="One or two sentences: what it is and why it matters.")
    body: Optional[Text] = Field(None, description="The longer text, in Markdown (no HTML).")
    images: list[Image] = Field([], description="Pictures, the first one leads the page.")
    related: list[Slug] = Field(
        [],
        description="Ids of related exhibit records (any kind but lesson; a lesson may also "
        "name lessons). Linked both ways: the other page lists this one too.",
    )
    tags: list[Slug] = Field([], description="Tag ids from settings/tags.yml.")
    sources: list[Source] = Field([], description="Where every fact comes from; required to publish.")
    disputed: list[Disputed] = Field([], description="Values the sources disagree on, each with its source.")
    review: Review
    hall: Optional[Hall] = Field(None, description="Zone of the hall where the exhibit stands (settings/hall.yml).")
    figures: list[Figure] = Field([], description="Sourced numbers: visits, names, counts…")
    dates: list[Dated] = Field([], description="Other dated facts for the timeline.")
    featured: bool = Field(False, description="Shown on the kiosk's attract screen.")
    public_values: list[PublicValue] = Field([], description="Values the privacy check may let through, each with a reason.")
    consent: Optional[Consent] = Field(
        None, description="Consent of the living people the record names (`names:`); a person record's own consent."
    )
    audio: list[AudioTrack] = Field(
        [], description="The audio guide for this exhibit: at most one recording per language, each with its transcript."
    )

    # Fields that name other records, checked by validate.py.
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ("related",)
    # Where the files of this kind live and their pages go.
    FOLDER: ClassVar[str] = ""

    # check_fields=False: kinds that add a list of ids (a lesson's linked_records) share the rule.
    @field_validator("tags", "related", "linked_records", check_fields=False)
    @classmethod
    def _no_repeats(cls, value: list[str]) -> list[str]:
        repeated = sorted({v for v in value if value.count(v) > 1})
        if repeated:
            raise ValueError(f"lists {', '.join(repeated)} more than once. Keep one")
        return value

    @model_validator(mode="after")
    def _sources_known(self):
        known = {s.id for s in self.sources}
        if len(known) != len(self.sources):
            raise ValueError("two sources share one id. Give each source its own id")
        return self

    def texts(self):
        """Every bilingual text of the record, with its field path (for checks)."""
        yield from _walk_texts(self, ())

    def source_ids_used(self):
        yield from _walk_sources(self, ())


def _walk_texts(obj, path):
    if isinstance(obj, Text):
        yield path, obj
    elif isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _walk_texts(getattr(obj, name), path + (name,))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _walk_texts(item, path + (i,))


def _walk_sources(obj, path):
    if isinstance(obj, Source):
        return
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            value = getattr(obj, name)
            if name == "source" and isinstance(value, str):
                yield path + (name,), value
            else:
                yield from _walk_sources(value, path + (name,))
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _walk_sources(item, path + (i,))


# --- kinds -----------------------------------------------------------------


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


# --- lessons (英烈故事进课堂, 国旗卫士): not exhibits, but built on them ---------

GRADE_BANDS = ("小学低年级", "小学中高年级", "初中", "高中")
# Minutes in one class period (课时) for each grade band.
PERIOD_MINUTES = {"小学低年级": 40, "小学中高年级": 40, "初中": 45, "高中": 45}
PROGRAMMES = ("英烈故事进课堂", "国旗卫士")
STEP_KINDS = ("导入", "讲述", "讨论", "实践", "总结")


class Objectives(Strict):
    """What pupils should know, be able to do, and value after the lesson (三维目标)."""

    knowledge: list[Text] = Field(min_length=1, description="知识目标")
    ability: list[Text] = Field(min_length=1, description="能力目标")
    values: list[Text] = Field(min_length=1, description="情感态度与价值观目标")


class Step(Strict):
    """One timed step of the lesson (教学过程)."""

    step: Literal["导入", "讲述", "讨论", "实践", "总结"]
    minutes: int = Field(gt=0, description="Minutes this step takes.")
    title: Optional[Text] = None
    activity: Text = Field(description="What the teacher and the pupils do (Markdown).")


class Lesson(Record):
    """A ready lesson for schools, built only on facts from the records it links to."""

    kind: Literal["lesson"]
    FOLDER: ClassVar[str] = "lessons"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ("related", "linked_records")
    programme: Literal["英烈故事进课堂", "国旗卫士"]
    grade_band: Literal["小学低年级", "小学中高年级", "初中", "高中"]
    periods: int = Field(1, ge=1, le=6, description="Number of class periods (课时).")
    minutes_per_period: Optional[int] = Field(None, description="Leave out: 40 for 小学, 45 for 初中 and 高中.")
    objectives: Objectives
    key_points: list[Text] = Field(min_length=1, description="教学重点")
    difficult_points: list[Text] = Field(min_length=1, description="教学难点")
    materials: list[Text] = Field([], description="教学准备")
    procedure: list[Step] = Field(description="教学过程: 导入, 讲述, 讨论, 实践, 总结, each with its minutes.")
    questions: list[Text] = Field(
        min_length=1, description="Discussion questions; the pupils' worksheet prints them with room to write."
    )
    for_pupils: Optional[Text] = Field(None, description="A short text for the worksheet, in words for the pupils' age.")
    drawing_task: Optional[Text] = Field(None, description="A drawing task for the worksheet (a box to draw in).")
    follow_up: list[Text] = Field([], description="课后延伸")
    teacher_notes: list[Text] = Field([], description="教师提示")
    linked_records: list[Slug] = Field(
        min_length=1,
        description="Ids of the exhibit records (any kind but lesson) the "
        "lesson draws on, listed and linked on the lesson's page and handout.",
    )
    seasons: list[Literal["qingming", "martyrs_day", "national_day"]] = Field(
        [], description="Times of year the lesson suits: 清明 (qingming), 9月30日烈士纪念日 (martyrs_day), 国庆 (national_day)."
    )

    @field_validator("procedure")
    @classmethod
    def _procedure_not_empty(cls, value: list[Step]) -> list[Step]:
        if not value:
            raise ValueError(
                "is empty. List the steps (导入, 讲述, 讨论, 实践, 总结), each with `step`, `minutes` and `activity`"
            )
        return value

    @property
    def period_minutes(self) -> int:
        return self.minutes_per_period or PERIOD_MINUTES[self.grade_band]

    @property
    def total_minutes(self) -> int:
        return self.periods * self.period_minutes

    @model_validator(mode="after")
    def _minutes_add_up(self):
        standard = PERIOD_MINUTES[self.grade_band]
        if self.minutes_per_period is not None and self.minutes_per_period != standard:
            raise ValueError(
                f"minutes_per_period: a {self.grade_band} period is {standard} minutes, not {self.minutes_per_period}. "
                "Remove the field (the standard is used) or correct it"
            )
        planned = sum(step.minutes for step in self.procedure)
        if planned != self.total_minutes:
            periods = f"{self.periods} period{'s' if self.periods > 1 else ''} of {self.period_minutes} minutes"
            raise ValueError(
                f"procedure: the steps add up to {planned} minutes, but {periods} make {self.total_minutes}. "
                f"Change the steps' minutes (or `periods`) so they add up to {self.total_minutes}"
            )
        return self


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
