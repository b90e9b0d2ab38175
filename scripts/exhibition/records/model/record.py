"""What every record has, whatever its kind: texts, pictures, sources, review, place in the hall."""

from __future__ import annotations

from typing import ClassVar, Literal, Optional

from pydantic import BaseModel, Field, field_validator, model_validator

from ..dates import Date
from .media import AudioTrack, Image
from .sources import Dated, Disputed, Figure, Source
from .texts import Slug, Strict, Text


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


class PublicValue(Strict):
    """A value that looks like personal data but is public on purpose (the hall's own phone)."""

    value: str = Field(min_length=1)
    reason: str = Field(min_length=1, description="Why it may be published, e.g. 展览馆对外公布的电话")


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
