"""Curator-edited settings beside the records, in settings/: one file, one model, declared once in FILES.

- hall.yml: the hall's zones (the floor plan) and the guided tour's route,
- eras.yml: the timeline's eras,
- tags.yml: the name of every tag in both languages,
- open-data.yml: the open data's licence (optional),
- home.yml: what the home page leads with (its picture, purpose line, featured exhibits),
- glossary.yml: the approved English of recurring terms, the wrong variants to flag, and publishers' English names,
- historical-figures.yml: people the texts may name without consent (each with a source), and words that are no names,
- roll.yml: the roll of names' contact for corrections, its font for rare characters, when a list is split,
- site.yml: how the web site is published (footer lines, what its service worker keeps without signal),
- kiosk.yml: the kiosk's times and the exhibits of its attract screen (kiosk/ adds the KIOSK_* overrides).

Each is read by the one loader (`read`): YAML with line numbers (records/load.py), validated by its model;
every mistake is `settings/<file>.yml:LINE: FIELD: what is wrong and how to fix it`. `make schema` writes
schema/<schema>.schema.json from the same FILES, and the browser editor a form for each `editor` file.
Adding a settings file means adding its model and one line to FILES.

Layer: directly above records/, whose types, loader and explanations it uses; below images/, pages/
and the rest. (records/ never reads settings: the ids it checks against arrive as arguments.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, Optional

from pydantic import BaseModel, ValidationError

from ..paths import Paths
from ..records.dates import PartialDate
from ..records.load import Document, load
from ..records.problems import Problem, dotted
from . import checks
from .kiosk import Kiosk
from .models import (
    Era,
    Eras,
    Glossary,
    HallMap,
    HistoricalFigures,
    Home,
    OpenData,
    RollSettings,
    SiteInfo,
    Tag,
    Tags,
    Zone,
)

__all__ = ["FILES", "Settings", "SettingsFile", "read", "Kiosk", "Zone", "Era", "Tag"]


class SettingsFile(NamedTuple):
    model: type[BaseModel]
    schema: str  # schema/<schema>.schema.json
    editor: bool = False  # a form in the browser editor (make edit)

    def path(self, name: str) -> Path:
        return Path("settings") / f"{name}.yml"


# Every settings file: its name (settings/<name>.yml), its model, its schema's name. Checked in this order.
FILES: dict[str, SettingsFile] = {
    # Those a curator changes in the browser editor first, in the order of its menu.
    "home": SettingsFile(Home, "home", editor=True),
    "kiosk": SettingsFile(Kiosk, "kiosk", editor=True),
    "hall": SettingsFile(HallMap, "hall", editor=True),
    "glossary": SettingsFile(Glossary, "glossary", editor=True),
    "historical-figures": SettingsFile(HistoricalFigures, "historical-figures", editor=True),
    "site": SettingsFile(SiteInfo, "site", editor=True),
    "eras": SettingsFile(Eras, "eras"),
    "tags": SettingsFile(Tags, "tags"),
    "open-data": SettingsFile(OpenData, "open-data"),
    "roll": SettingsFile(RollSettings, "roll-settings"),  # "roll" is the schema of a list's header
}


def read(root: Path, name: str) -> tuple[BaseModel | None, Document | None, list[Problem]]:
    """settings/<name>.yml checked by its model: (the model, its document, the problems). A missing
    file: (None, None, []), and the caller takes the model's defaults."""
    spec = FILES[name]
    path = Paths(root).settings / f"{name}.yml"
    if not path.exists():
        return None, None, []
    doc, problems = load(path, path.relative_to(root).as_posix())
    if doc is None:
        return None, None, problems
    try:
        value = spec.model.model_validate(doc.data)
    except ValidationError as exc:
        from ..records.validate import explain_all

        return None, None, problems + explain_all(doc, spec.model, exc)
    if hasattr(value, "_doc"):
        value._doc = doc  # where each setting is written, for the messages of later checks
    return value, doc, problems


@dataclass
class Settings:
    hall: Optional[HallMap] = None
    eras: list[Era] = field(default_factory=list)
    tags: dict[str, Tag] = field(default_factory=dict)
    open_data: Optional[OpenData] = None
    home: Optional[Home] = None
    home_doc: Optional[Document] = None  # for path:line messages about record ids named in home.yml
    hall_doc: Optional[Document] = None  # the same for the zones' highlights
    glossary: Optional[Glossary] = None
    glossary_doc: Optional[Document] = None  # for path:line messages about publishers no source cites
    historical: Optional[HistoricalFigures] = None
    roll: RollSettings = field(default_factory=RollSettings)
    site: SiteInfo = field(default_factory=SiteInfo)
    kiosk: Optional[Kiosk] = None  # settings/kiosk.yml as written (None: unreadable); kiosk/ applies KIOSK_*
    kiosk_doc: Optional[Document] = None

    @property
    def publishers(self) -> dict[str, str]:
        """The glossary's English names of publishers, by their Chinese name."""
        return self.glossary.english_publishers if self.glossary else {}

    @property
    def zone_ids(self) -> set[str] | None:
        return {z.id for z in self.hall.zones} if self.hall else None

    @property
    def tag_ids(self) -> set[str] | None:
        return set(self.tags) if self.tags else None

    def era_of(self, date: PartialDate) -> Optional[Era]:
        return next((era for era in self.eras if era.holds(date)), None)

    @classmethod
    def load(cls, root: Path) -> tuple[Settings, list[Problem]]:
        """Every settings file, each read once, with every problem found."""
        settings, problems, read_ok = cls(), [], {}
        for name in FILES:
            value, doc, found = read(root, name)
            problems += found
            read_ok[name] = not found
            if value is not None:
                problems += checks.CHECKS.get(name, lambda *_: [])(doc, value, root)
                settings._take(name, value, doc)
        if read_ok["kiosk"] and settings.kiosk is None:
            settings.kiosk = Kiosk()  # no file: the defaults (a project that never wrote one)
        return settings, problems

    def _take(self, name: str, value, doc: Document) -> None:
        match name:
            case "hall":
                self.hall, self.hall_doc = value, doc
            case "eras":
                self.eras = value.eras
            case "tags":
                self.tags = {t.id: t for t in value.tags}
            case "open-data":
                self.open_data = value
            case "home":
                self.home, self.home_doc = value, doc
            case "glossary":
                self.glossary, self.glossary_doc = value, doc
            case "historical-figures":
                self.historical = value
            case "kiosk":
                self.kiosk, self.kiosk_doc = value, doc
            case _:
                setattr(self, name, value)

    def record_problems(
        self, known: set[str], zones: dict[str, str] | None = None, referable: set[str] = frozenset()
    ) -> list[Problem]:
        """Record ids named in settings that no published record has (checked once records are read);
        zones: {record id: its hall zone}, for the zones' highlights; referable: records with mistakes of
        their own, which a highlight may name without a second message (one typo, one message)."""
        return self._highlight_problems(known, zones, referable) + self._home_problems(known)

    def publisher_problems(self, cited: set[str]) -> list[Problem]:
        """The glossary's publishers that no source cites (cited: every name a cited source's publisher
        may use, records.publishers.keys), checked once records, the zones' and the roll's sources are read."""
        if not (self.glossary and self.glossary_doc):
            return []
        return checks.publishers_cited(self.glossary_doc, self.glossary, cited)

    def _highlight_problems(self, known: set[str], zones: dict[str, str] | None, referable: set[str]) -> list[Problem]:
        """Each zone's highlights name a published record of that zone."""
        if not (self.hall and self.hall_doc):
            return []
        problems = []
        for index, zone in enumerate(self.hall.zones):
            for position, record_id in enumerate(zone.highlights):
                why = _highlight_mistake(record_id, zone.id, known, zones, referable)
                if why:
                    loc = ("zones", index, "highlights", position)
                    problems.append(Problem(self.hall_doc.path, self.hall_doc.line(loc), dotted(loc), why))
        return problems

    def _home_problems(self, known: set[str]) -> list[Problem]:
        """The home page's hero, featured records and visit record are published records."""
        if not (self.home and self.home_doc):
            return []
        named = [(("hero",), self.home.hero)] + [(("featured", i), r) for i, r in enumerate(self.home.featured)]
        if self.home.visit:
            named.append((("visit",), self.home.visit))
        return [
            Problem(
                self.home_doc.path,
                self.home_doc.line(loc),
                dotted(loc),
                f'no published record has the id "{record_id}". Name a record in exhibits/',
            )
            for loc, record_id in named
            if record_id not in known
        ]


def _highlight_mistake(record_id: str, zone_id: str, known: set[str], zones: dict[str, str] | None, referable: set[str]) -> str:
    """What is wrong with a zone's highlight, or "" when nothing is."""
    if record_id not in known | referable:
        return f'no published record has the id "{record_id}". Name a record of this zone'
    if zones is not None and record_id in known and zones.get(record_id) != zone_id:
        return (
            f'"{record_id}" stands in zone "{zones.get(record_id) or "(none)"}", not in "{zone_id}". '
            "Highlight a record of this zone, or change the record's `hall: zone:`"
        )
    return ""
