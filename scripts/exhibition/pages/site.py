"""The Site read model: everything a page may read, computed once per build.

Layer: pages/ (above records/, settings and images/). It holds the records, their
pictures' derivatives and the settings, and what the edition adapters hand down
to the pages: printing's lesson aids (`schools`) and the roll's lists (`rolls`),
each a declared field that pipeline.py sets before the pages are written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Optional

from ..edition import Edition
from ..images.derivatives import Derived
from ..paths import Paths
from ..records import model
from ..records.dates import PartialDate
from ..records.roll import Roll
from ..settings import Settings, Zone
from . import timeline
from .catalogue import Catalogue


@dataclass
class LessonAid:
    """One lesson's print aids in one language (made by printing/aids.py)."""

    url: str  # public address of the lesson page in this language
    qr: str  # inline SVG of that address
    handout: Optional[str] = None  # docs-relative path of the PDF, when made
    worksheet: Optional[str] = None
    worksheet_large: Optional[str] = None  # large print (18 pt and up)
    slides: Optional[str] = None  # the classroom slides, PPTX
    pack: Optional[str] = None  # the lesson pack, ZIP (made with the PDFs)
    pack_bytes: int = 0


@dataclass
class Schools:
    """What lesson pages, the teachers' page and the label sheet need of printing's work.

    Declared here, below printing/, because the pages read it: printing fills it in."""

    base: str
    placeholder: bool
    booking_contact: str = ""
    pdf_missing: Optional[str] = None  # why there are no PDFs, when there are none
    downloads: bool = True  # False in the kiosk edition: no files to download, no print block
    lessons: dict[str, dict[str, LessonAid]] = field(default_factory=dict)


@dataclass
class Site:
    """Everything the templates may read, computed once per build."""

    records: list[model.Record]
    derived: dict[str, Derived]
    settings: Settings
    # What differs between the web site and the kiosk (URL style, languages, site_url), and where things are:
    # held whole, read through the properties below, never copied.
    edition: Edition = field(default_factory=Edition.web)
    paths: Paths = field(default_factory=lambda: Paths(Path(".")))
    back_links: dict[str, list[model.Record]] = field(default_factory=dict)
    schools: Optional[Schools] = None  # printing's lesson QR codes and PDFs, booking contact
    rolls: list[Roll] = field(default_factory=list)  # the 英名录 lists (pages/roll.py)
    audio: dict = field(default_factory=dict)  # audio guide: file in audio/ -> images.audio.Published

    def __post_init__(self):
        by_id = self.by_id
        for record in self.records:
            for target in record.related:
                # `related` works both ways: B's page shows A when A names B.
                if record.id not in by_id[target].related:
                    self.back_links.setdefault(target, []).append(record)

    @property
    def out_dir(self) -> str:
        """The generated pages' folder under docs/ (exhibits)."""
        return self.paths.pages_dir

    @property
    def media_dir(self) -> str:
        """The picture copies' folder under docs/ (media)."""
        return self.paths.media_dir

    @cached_property
    def catalogue(self) -> Catalogue:
        """Every page's address (pages/catalogue.py), in this site's pages folder."""
        return Catalogue(self.out_dir)

    @property
    def directory_urls(self) -> bool:
        return self.edition.directory_urls

    @property
    def site_url(self) -> str:
        """The site root's absolute address, ending in /, or empty."""
        return self.edition.site_url

    def rolls_of(self, record_id: str) -> list[Roll]:
        """The 英名录 lists a record's page links to (and that link back, pages/roll.py linked_records): those
        whose header names it under `related` (the story of the names) or whose names rest there (the cemetery)."""
        return [
            roll
            for roll in self.rolls
            if record_id in roll.header.related or any(row.resting_place == record_id for row in roll.rows)
        ]

    def roll_path(self, roll: Roll) -> str:
        """Docs path of a list's page, for record pages' links to it and for pages/roll.py (page_path)."""
        return self.catalogue.path("roll_list", roll)

    @cached_property
    def by_id(self) -> dict[str, model.Record]:
        return {r.id: r for r in self.records}

    @cached_property
    def timeline(self) -> list[timeline.Entry]:
        return timeline.collect(self.records)

    @cached_property
    def on_timeline(self) -> set[str]:
        return {entry.record.id for entry in self.timeline}

    @cached_property
    def tagged(self) -> dict[str, list[model.Record]]:
        out: dict[str, list[model.Record]] = {}
        for record in sorted(self.records, key=lambda r: r.title.zh):
            for tag in record.tags:
                out.setdefault(tag, []).append(record)
        return dict(
            sorted(out.items(), key=lambda kv: list(self.settings.tags).index(kv[0]) if kv[0] in self.settings.tags else 1_000)
        )

    def page_path(self, record: model.Record) -> str:
        return self.catalogue.path("record", record)

    @cached_property
    def route(self) -> list[Zone]:
        """The guided tour's stops (zones in walking order); empty without a hall map."""
        return self.settings.hall.route if self.settings.hall else []

    def in_zone(self, zone_id: str) -> list[model.Record]:
        """The exhibits standing in a zone: featured first, then by kind and title."""
        order = list(model.KINDS)
        here = [r for r in self.records if r.hall and r.hall.zone == zone_id and r.kind != "lesson"]
        return sorted(here, key=lambda r: (not r.featured, order.index(r.kind), r.title.zh))

    # A tour stop's compact list: the people first, then where they are remembered, then what happened.
    STOP_GROUPS = ("story", "person", "memorial", "place", "vessel", "event", "theme")

    @cached_property
    def first_dates(self) -> dict[str, PartialDate]:
        """Each record's earliest date on the timeline (a person's birth, an event's day)."""
        out: dict[str, PartialDate] = {}
        for entry in self.timeline:
            known = out.get(entry.record.id)
            if known is None or entry.date < known:
                out[entry.record.id] = entry.date
        return out

    def zone_highlights(self, zone: Zone) -> list[model.Record]:
        """The curator's 2-3 picks of a zone (settings/hall.yml `highlights`), shown large."""
        return [self.by_id[i] for i in zone.highlights if i in self.by_id]

    def zone_groups(self, zone: Zone) -> list[tuple[str, list[model.Record]]]:
        """A zone's other exhibits, grouped by kind (STOP_GROUPS), each group in order of date
        (undated ones last, by title): [(kind, records)]."""
        picked = set(zone.highlights)
        rest = [r for r in self.in_zone(zone.id) if r.id not in picked]
        dates = self.first_dates

        def key(record: model.Record):
            date = dates.get(record.id)
            return (date is None, date.iso if date else "", record.title.zh)

        groups = []
        for kind in self.STOP_GROUPS + tuple(k for k in model.KINDS if k not in self.STOP_GROUPS):
            here = sorted((r for r in rest if r.kind == kind), key=key)
            if here:
                groups.append((kind, here))
        return groups

    def tour_path(self, zone: Zone | None = None) -> str:
        return self.catalogue.path("tour_stop", zone) if zone else self.catalogue.path("tour_index")

    def lead_image(self, record: model.Record) -> Derived | None:
        return self.derived[record.images[0].file] if record.images else None

    def share_image(self, record: model.Record | None) -> str | None:
        """docs/-relative path of the picture shown when the record's page is shared (Open Graph):
        its first picture at 960 px (WeChat and Weibo want at least 300×300)."""
        derived = self.lead_image(record) if record else None
        if derived is None:
            return None
        return (derived.variants[1] if len(derived.variants) > 1 else derived.variants[0]).url

    @property
    def default_share_image(self) -> str | None:
        """For pages with no picture of their own (the home, indexes, people without a portrait):
        the picture of the record the home page leads with."""
        home = self.settings.home
        return self.share_image(self.by_id.get(home.hero)) if home else None

    def kinds(self) -> list[type[model.Record]]:
        # Every kind gets its index, even while empty, so nav and home links hold.
        return list(model.KINDS.values())
