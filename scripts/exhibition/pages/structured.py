"""schema.org JSON-LD for a record page, so search engines know what each exhibit is.

The type per kind is declared in SCHEMA_TYPES; a test checks each type's required
properties. Only published fields go in: never consent references or review notes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Optional

from ..records import model

SCHEMA_TYPES: dict[str, list[str]] = {
    "place": ["Museum"],
    "memorial": ["Cemetery", "LandmarksOrHistoricalBuildings"],
    "person": ["Person"],
    "event": ["Event"],
    "vessel": ["Vehicle"],
    "theme": ["Article"],
    "story": ["Article"],
    "lesson": ["LearningResource"],
}

# What a test requires of each type (beyond @context, @type, name, description).
REQUIRED: dict[str, list[str]] = {
    "Museum": ["address"],
    "Cemetery": [],
    "Person": [],
    "Event": ["startDate", "location"],
    "Vehicle": ["model"],
    "Article": ["headline"],
    "LearningResource": ["educationalLevel", "learningResourceType"],
}


# A source's publisher as the page names it (Labels.publisher); by default as the curator wrote it.
Publisher = Callable[[model.Source], str]


def _as_written(source: model.Source) -> str:
    return source.publisher


def jsonld(record: model.Record, lang: str, url: Optional[str], image: Optional[str], publisher: Publisher = _as_written) -> str:
    data = build(record, lang, url, image, publisher)
    # </script> cannot appear inside the block; JSON allows escaping the slash.
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")


def build(
    record: model.Record, lang: str, url: Optional[str], image: Optional[str], publisher: Publisher = _as_written
) -> dict[str, Any]:
    t = lambda text: text.get(lang) if text else None  # noqa: E731
    types = SCHEMA_TYPES.get(record.kind, ["Thing"])
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": types if len(types) > 1 else types[0],
        "name": t(record.title),
        "description": t(record.summary),
        "inLanguage": "zh-CN" if lang == "zh" else "en",
        "dateModified": record.review.date.iso,
        "citation": [_source(s, publisher(s)) for s in record.sources],
    }
    if url:
        data["url"] = url
    if image:
        data["image"] = image
    said = _BY_KIND.get(record.kind)
    if said is not None:
        data.update(said(record, t, lang))
    return {k: v for k, v in data.items() if v not in (None, [], "")}


def _place(record, t, lang) -> dict[str, Any]:
    return {"address": t(record.address), **({"foundingDate": record.opened.iso} if record.opened else {})}


def _memorial(record, t, lang) -> dict[str, Any]:
    data = {"address": t(record.address), "alternateName": [t(n) for n in record.other_names]}
    if record.established:
        data["foundingDate"] = record.established.iso
    return data


def _person(record, t, lang) -> dict[str, Any]:
    data: dict[str, Any] = {"alternateName": record.name.pinyin if lang == "zh" else record.name.zh}
    for key, life in (("birth", record.born), ("death", record.died)):
        if life and life.date:
            data[f"{key}Date"] = life.date.iso
        if life and life.place:
            data[f"{key}Place"] = {"@type": "Place", "name": t(life.place)}
    if record.role:
        data["jobTitle"] = t(record.role)
    return data


def _event(record, t, lang) -> dict[str, Any]:
    data: dict[str, Any] = {}
    start = record.date or record.start
    if start:
        data["startDate"] = start.iso
    if record.end:
        data["endDate"] = record.end.iso
    data["location"] = {"@type": "Place", "name": t(record.place) or "聊城市 / Liaocheng"}
    data["organizer"] = [{"@type": "Organization", "name": t(o)} for o in record.organisers]
    data["eventStatus"] = "https://schema.org/EventScheduled"
    return data


# What each kind adds to the common fields, in schema.org's words.
_BY_KIND = {
    "place": _place,
    "memorial": _memorial,
    "person": _person,
    "event": _event,
    "vessel": lambda record, t, lang: {"model": t(record.ship_class), "vehicleIdentificationNumber": record.hull_number},
    "theme": lambda record, t, lang: {"headline": t(record.title)},
    "story": lambda record, t, lang: {"headline": t(record.title)},
    "lesson": lambda record, t, lang: {
        "educationalLevel": getattr(record, "grade_band", None),
        "learningResourceType": "lesson plan",
    },
}


def _source(source: model.Source, publisher: str) -> dict[str, Any]:
    out: dict[str, Any] = {"@type": "CreativeWork", "name": source.title}
    if publisher:  # a source known only by its host names no publisher
        out["publisher"] = publisher
    if source.url:
        out["url"] = source.url
    if source.date:
        out["datePublished"] = source.date.iso
    return out
