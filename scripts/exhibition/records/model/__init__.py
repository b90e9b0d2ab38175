"""Typed records: what a curator may write in exhibits/*.yml.

These models are the single truth for record structure: validation uses them,
templates read them, and `make schema` writes the JSON Schema editors use from
them. Rules that span records (ids, references) live in validate/.

Read from the bottom up: texts.py (the strict base, ids, texts in both languages) <
sources.py (sources and the facts that name one) < media.py (pictures, audio) <
record.py (what every record has) < lessons.py < kinds.py (each kind, and KINDS).
Everything is imported from here: `from ..records import model`, then `model.Person`.
"""

from .kinds import (
    EXHIBIT_KINDS,
    KINDS,
    REFERENCE_KINDS,
    Burial,
    Event,
    LifeEvent,
    Memorial,
    Name,
    Person,
    Place,
    Protection,
    Section,
    Story,
    Theme,
    Vessel,
    accepted_kinds,
)
from .lessons import GRADE_BANDS, PERIOD_MINUTES, PROGRAMMES, STEP_KINDS, Lesson, Objectives, Step
from .media import AudioTrack, Image, ImageFlags, seconds_of
from .record import Consent, Hall, PublicValue, Record, Review
from .sources import Dated, Disputed, DisputedValue, Figure, Source, Sourced
from .texts import LANGS, SLUG, FullText, Percent, SameOrText, Slug, Strict, Text

__all__ = [
    # texts.py
    "LANGS",
    "SLUG",
    "Slug",
    "Percent",
    "Strict",
    "Text",
    "SameOrText",
    "FullText",
    # sources.py
    "Source",
    "Sourced",
    "DisputedValue",
    "Disputed",
    "Figure",
    "Dated",
    # media.py
    "ImageFlags",
    "Image",
    "seconds_of",
    "AudioTrack",
    # record.py
    "Review",
    "Hall",
    "Consent",
    "PublicValue",
    "Record",
    # lessons.py
    "GRADE_BANDS",
    "PERIOD_MINUTES",
    "PROGRAMMES",
    "STEP_KINDS",
    "Objectives",
    "Step",
    "Lesson",
    # kinds.py
    "Place",
    "Vessel",
    "Protection",
    "Burial",
    "Memorial",
    "Name",
    "LifeEvent",
    "Person",
    "Event",
    "Theme",
    "Section",
    "Story",
    "KINDS",
    "EXHIBIT_KINDS",
    "REFERENCE_KINDS",
    "accepted_kinds",
]
