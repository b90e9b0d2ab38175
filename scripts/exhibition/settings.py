"""Curator-edited settings beside the records, in settings/:

- hall.yml: the hall's zones (the floor plan),
- eras.yml: the timeline's eras,
- tags.yml: the name of every tag in both languages,
- home.yml: what the home page leads with (its picture, purpose line, featured exhibits).
- glossary.yml: the approved English of recurring terms, and the wrong variants to flag.
- historical-figures.yml: people the texts may name without consent (each with a source), and words that are no names.
- roll.yml: the roll of names' contact for corrections, its font for rare characters, when a list is split.
- site.yml: how the web site is published (what its service worker keeps for visitors without signal).

Like records, they are YAML validated with line numbers; problems use the same format.

Layer: directly above records/, whose types (Text, Slug, PartialDate), loader and
explanations it uses; below images/, pages/ and the rest. (records/ never reads settings:
the ids it checks against arrive as arguments.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, Field, ValidationError

from .paths import Paths
from .records import audio
from .records.citations import found
from .records.dates import Date, PartialDate
from .records.load import Document, load
from .records.markers import marker_ids
from .records.model import AudioTrack, Slug, Source, Strict, Text
from .records.problems import Problem, dotted
from .records.textnumbers import stated


class Zone(Strict):
    id: Slug
    name: Text
    description: Optional[Text] = None
    # Rectangle on the floor plan, in metres from the entrance corner.
    x: float = Field(ge=0)
    y: float = Field(ge=0)
    width: float = Field(gt=0)
    height: float = Field(gt=0)
    audio: list[AudioTrack] = Field(
        [], description="The audio guide for this tour stop: at most one recording per language, with its transcript."
    )
    wall: Optional[Text] = Field(
        None,
        description="The zone's wall text (前言), shown at the top of its tour stop: 80-150 字, with its English. "
        "It says only what the zone's records and their sources say; each paragraph ends with markers "
        "[@source-id] naming entries of `sources`, whose quotes must hold its numbers and dates.",
    )
    sources: list[Source] = Field([], description="The sources the wall text rests on, as a record lists its own.")
    highlights: list[Slug] = Field(
        [],
        max_length=3,
        description="2-3 ids of this zone's records, shown large at the top of its tour stop, in this order "
        "(the curator's picks); the zone's other records follow as a compact list.",
    )


class HallMap(Strict):
    width: float = Field(gt=0, description="Floor plan width in metres")
    height: float = Field(gt=0, description="Floor plan depth in metres")
    note: Optional[Text] = None
    zones: list[Zone] = Field(min_length=1)
    tour: list[Slug] = Field(
        [],
        description="The guided tour's route: zone ids in the order visitors walk them. "
        "Empty: every zone, in the order listed above.",
    )

    @property
    def route(self) -> list[Zone]:
        """The zones of the guided tour, in walking order."""
        by_id = {z.id: z for z in self.zones}
        return [by_id[i] for i in self.tour if i in by_id] if self.tour else list(self.zones)


class Home(Strict):
    """The home page: everything on it comes from here and from the records."""

    hero: Slug = Field(description="Id of the record whose first picture and title lead the home page (the hall itself).")
    purpose: Text = Field(description="One line under the hall's name: what the hall is for.")
    featured: list[Slug] = Field(
        [], description="Record ids shown as picture cards, in this order. " "Empty: every record with `featured: true`."
    )
    visit: Optional[Slug] = Field(
        None,
        description="Id of the place record whose address, area and opening date "
        "the visit box shows (usually the same as hero).",
    )


class Era(Strict):
    id: Slug
    name: Text
    start: Optional[Date] = Field(None, description="First day of the era; empty for the earliest era.")
    end: Optional[Date] = Field(None, description="Where the next era starts; empty for the latest era.")

    def holds(self, date: PartialDate) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


class Eras(Strict):
    eras: list[Era] = Field(min_length=1)


class OpenData(Strict):
    licence: Text = Field(description="Terms under which the open data may be reused, in both languages.")
    url: Optional[str] = Field(None, pattern=r"^https?://")


class Tag(Strict):
    id: Slug
    name: Text


class Tags(Strict):
    tags: list[Tag] = []


class Term(Strict):
    zh: str = Field(min_length=1, description="The Chinese term, e.g. 双拥")
    en: str = Field(min_length=1, description="The approved English, e.g. double support")
    wrong: list[str] = Field([], description="English variants not to use; `make check` flags them in any `en:` text.")
    note: Optional[str] = Field(None, description="Why this translation, for translators.")


class Glossary(Strict):
    terms: list[Term] = Field(min_length=1)


class FigureSource(Strict):
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    url: Optional[str] = Field(None, pattern=r"^https?://")
    record: Optional[Slug] = Field(None, description="Id of a record that cites this source.")


class HistoricalFigure(Strict):
    name: str = Field(min_length=2, description="The name as the texts write it, e.g. 邓小平")
    who: Optional[str] = Field(None, description="Who they were, in a few words.")
    source: FigureSource = Field(description="A source that names them as a public, historical figure.")


class NotName(Strict):
    word: str = Field(min_length=1, description="A word jieba takes for a person's name, e.g. 双拥")
    reason: str = Field(min_length=1, description="What the word is, e.g. 双拥工作（拥军优属、拥政爱民）")


class HistoricalFigures(Strict):
    """settings/historical-figures.yml: the people the texts may name without consent, and the words that are no names."""

    figures: list[HistoricalFigure] = []
    not_names: list[NotName] = []

    @property
    def names(self) -> set[str]:
        return {f.name for f in self.figures}

    @property
    def words(self) -> set[str]:
        return {n.word for n in self.not_names}


class RollSettings(Strict):
    """settings/roll.yml: the roll of names (英名录, exhibits/roll/)."""

    contact: str = Field(
        "",
        pattern=r"^(|[^@\s]+@[^@\s]+\.[^@\s]+)$",
        description="The hall's e-mail for corrections: every name gets a mailto: link (the site collects nothing). "
        "Empty: the pages ask visitors to contact the hall, with no link.",
    )
    font: str = Field(
        "",
        description="A CJK font file (.otf, .ttf, .ttc), from the project folder, for rare characters in names. "
        "Empty: one is found with fc-match (fonts-noto-cjk).",
    )
    shard_at: int = Field(
        500, ge=1, description="A list with more names than this gets one page of cards per pinyin initial (A–Z)."
    )
    order: Literal["strokes", "died"] = Field(
        "strokes",
        description="How names are ordered: strokes (姓氏笔画, the surname's stroke count, the convention of honour "
        "rolls; Unihan's kTotalStrokes) or died (by date of sacrifice, the undated last, then by strokes).",
    )
    search_from: int = Field(
        30,
        ge=1,
        description="A list shows its search box and filters only when it has more names than this; a shorter "
        "list is a wall of names.",
    )
    national_roll: str = Field(
        "",
        pattern=r"^(|https://\S+)$",
        description="Address (https://) of the national roll of martyrs' names to search (中华英烈网 烈士英名录), "
        "shown as a link on the roll's pages. Empty: no link. Only an address the hall or a source confirms.",
    )


class Offline(Strict):
    budget_mb: float = Field(
        15,
        gt=0,
        le=100,
        description="Most megabytes a visitor's phone keeps for the guided tour without signal (the home pages, "
        "the tour's stops, their exhibits' pages and smallest pictures). Pages past it still work online.",
    )


class Visit(Strict):
    """What a visitor needs before coming: the visit page's three cards (开放时间 · 怎么来 · 团体与学校预约),
    the home's visit box and the footer show each field only when it is set. First-party facts the hall
    gives; leave a field empty until it does (never guessed from old web pages)."""

    hours: Optional[Text] = Field(
        None, description="Opening hours, e.g. {zh: 9:00—17:00（16:30停止入馆）, en: 9:00–17:00 (last entry 16:30)}."
    )
    closed: Optional[Text] = Field(
        None, description="Closed days, e.g. {zh: 每周一闭馆（法定节假日除外）, en: Closed on Mondays (except public holidays)}."
    )
    phone: Optional[str] = Field(
        None,
        pattern=r"^\+?[0-9][0-9 ()\-]{4,18}[0-9]$",
        description="The hall's public telephone for visitors and bookings (an office line, never a person's own), e.g. 0635-1234567.",
    )
    booking: Optional[Text] = Field(
        None, description="How groups and schools book a visit: how long ahead, group size, what to bring."
    )
    directions: Optional[Text] = Field(None, description="Getting there: bus lines, parking.")
    map_url: Optional[str] = Field(
        None,
        pattern=r"^https://",
        description="A map's page for the hall's address (高德地图 / 百度地图): the address becomes a link to it.",
    )


class SiteInfo(Strict):
    """settings/site.yml: how the web site is published, and the footer a public body's site carries.
    Each footer line is shown only when it is set."""

    publisher: Optional[Text] = Field(
        None, description="主办单位: the body that publishes the site, e.g. 聊城市退役军人事务局 (its English name beside)."
    )
    contact: Optional[str] = Field(
        None,
        description="The publisher's public contact (an office telephone or e-mail), never a person's own number.",
    )
    icp: Optional[str] = Field(
        None,
        pattern=r"^\S.*ICP备.+号",
        description="ICP备案号, issued by the MIIT's filing system for the site's domain, e.g. 鲁ICP备12345678号-1. "
        "Linked to https://beian.miit.gov.cn/. SITE_ICP=… at build time overrides it.",
    )
    police_filing: Optional[str] = Field(
        None,
        pattern=r"公网安备\s*\d{14}号",
        description="公安备案号, issued by the Ministry of Public Security's filing system, e.g. 鲁公网安备37150202000123号. "
        "Linked to its record on https://beian.mps.gov.cn/. SITE_POLICE_FILING=… at build time overrides it.",
    )
    police_emblem: Optional[str] = Field(
        None,
        pattern=r"^[A-Za-z0-9_./-]+\.(png|svg|webp)$",
        description="The public-security filing emblem the registry gives the filer, saved under docs/ "
        "(e.g. assets/beian-police.png): shown before the filing number.",
    )
    site_code: Optional[str] = Field(
        None,
        pattern=r"^\d{10}$",
        description="网站标识码: the 10-digit code a government website is given on the national "
        "government-website register (政府网站标识码).",
    )
    offline: Offline = Field(default_factory=Offline, description="The guided tour without signal (web edition).")
    visit: Visit = Field(
        default_factory=Visit, description="Opening hours, phone, booking and a map link, when the hall gives them."
    )


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
    historical: Optional[HistoricalFigures] = None
    roll: RollSettings = field(default_factory=RollSettings)
    site: SiteInfo = field(default_factory=SiteInfo)

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
        settings, problems = cls(), []
        folder = Paths(root).settings

        hall, doc = _load(folder / "hall.yml", root, HallMap, problems)
        if hall:
            settings.hall, settings.hall_doc = hall, doc
            _unique(doc, [z.id for z in hall.zones], "zones", "zone", problems)
            _unique(doc, list(hall.tour), "tour", "tour stop", problems)
            for index, zone in enumerate(hall.zones):
                problems += audio.check(doc, root / audio.FOLDER, at=("zones", index))
                problems += _check_wall(doc, index, zone)
            zone_ids = {z.id for z in hall.zones}
            for index, stop in enumerate(hall.tour):
                if stop not in zone_ids:
                    loc = ("tour", index)
                    problems.append(
                        Problem(
                            doc.path,
                            doc.line(loc),
                            dotted(loc),
                            f"no zone \"{stop}\" in `zones`. Use one of: {', '.join(sorted(zone_ids))}",
                        )
                    )

        eras, doc = _load(folder / "eras.yml", root, Eras, problems)
        if eras:
            settings.eras = eras.eras
            _unique(doc, [e.id for e in eras.eras], "eras", "era", problems)
            problems += _check_eras(doc, eras.eras)

        tags, doc = _load(folder / "tags.yml", root, Tags, problems)
        if tags:
            settings.tags = {t.id: t for t in tags.tags}
            _unique(doc, [t.id for t in tags.tags], "tags", "tag", problems)
        settings.open_data, _ = _load(folder / "open-data.yml", root, OpenData, problems)
        settings.home, settings.home_doc = _load(folder / "home.yml", root, Home, problems)
        settings.site = _load(folder / "site.yml", root, SiteInfo, problems)[0] or SiteInfo()
        glossary, doc = _load(folder / "glossary.yml", root, Glossary, problems)
        if glossary:
            settings.glossary = glossary
            problems += _check_glossary(doc, glossary)
        settings.historical, _ = _load(folder / "historical-figures.yml", root, HistoricalFigures, problems)
        roll, doc = _load(folder / "roll.yml", root, RollSettings, problems)
        if roll:
            settings.roll = roll
            font = Path(roll.font)
            if roll.font and not (font if font.is_absolute() else root / font).is_file():
                problems.append(
                    Problem(
                        doc.path,
                        doc.line(("font",)),
                        "font",
                        f'"{roll.font}" is not a file. Give the path of a .otf, .ttf or .ttc font from the project '
                        "folder (or an absolute path), or leave it empty to use the system's Noto CJK font",
                    )
                )
        return settings, problems

    def record_problems(
        self, known: set[str], zones: dict[str, str] | None = None, referable: set[str] = frozenset()
    ) -> list[Problem]:
        """Record ids named in settings that no published record has (checked once records are read);
        zones: {record id: its hall zone}, for the zones' highlights; referable: records with mistakes of
        their own, which a highlight may name without a second message (one typo, one message)."""
        problems = []
        if self.hall and self.hall_doc:
            for index, zone in enumerate(self.hall.zones):
                for position, record_id in enumerate(zone.highlights):
                    loc = ("zones", index, "highlights", position)
                    if record_id not in known | referable:
                        why = f'no published record has the id "{record_id}". Name a record of this zone'
                    elif zones is not None and record_id in known and zones.get(record_id) != zone.id:
                        why = (
                            f'"{record_id}" stands in zone "{zones.get(record_id) or "(none)"}", not in "{zone.id}". '
                            "Highlight a record of this zone, or change the record's `hall: zone:`"
                        )
                    else:
                        continue
                    problems.append(Problem(self.hall_doc.path, self.hall_doc.line(loc), dotted(loc), why))
        if self.home and self.home_doc:
            named = [(("hero",), self.home.hero)] + [(("featured", i), r) for i, r in enumerate(self.home.featured)]
            if self.home.visit:
                named.append((("visit",), self.home.visit))
            for loc, record_id in named:
                if record_id not in known:
                    problems.append(
                        Problem(
                            self.home_doc.path,
                            self.home_doc.line(loc),
                            dotted(loc),
                            f'no published record has the id "{record_id}". Name a record in exhibits/',
                        )
                    )
        return problems


def _load(path: Path, root: Path, cls: type[BaseModel], problems: list[Problem]):
    if not path.exists():
        return None, None
    doc, found = load(path, path.relative_to(root).as_posix())
    problems += found
    if doc is None:
        return None, None
    try:
        return cls.model_validate(doc.data), doc
    except ValidationError as exc:
        from .records.validate import explain_all

        problems += explain_all(doc, cls, exc)
        return None, None


def _check_wall(doc: Document, index: int, zone: Zone) -> list[Problem]:
    """A zone's wall text is sourced as a record's paragraph is: its markers name the zone's sources, and
    the numbers and dates it states are in their quotes."""
    if not zone.wall:
        return []
    problems = []
    by_id = {s.id: s for s in zone.sources}
    for lang in ("zh", "en"):
        text = zone.wall.cited(lang) if lang == "zh" or zone.wall.en else ""
        if not text:
            continue
        loc = ("zones", index, "wall", lang)
        line = doc.line(loc)
        ids = marker_ids(text)
        if not ids:
            problems.append(
                Problem(
                    doc.path,
                    line,
                    dotted(loc),
                    "the wall text names no source. End it with markers [@source-id] naming entries of the zone's `sources`",
                )
            )
        for name in ids:
            if name not in by_id:
                known = ", ".join(by_id) or "(none yet)"
                problems.append(
                    Problem(
                        doc.path,
                        line,
                        dotted(loc),
                        f"the marker [@{name}] names no source of this zone. Use an id under `sources:` ({known})",
                    )
                )
        cited = [by_id[i] for i in ids if i in by_id]
        said: set[str] = set()
        for item in stated(text):
            if item.shown in said or (cited and found(item, cited)):
                continue
            said.add(item.shown)
            problems.append(
                Problem(
                    doc.path,
                    line,
                    dotted(loc),
                    f'"{item.shown}" is not in the quotes of the sources the wall text cites '
                    f"({', '.join(ids) or 'none'}). Add the passage to a quote or correct the text",
                )
            )
    return problems


def _unique(doc: Document, ids: list[str], key: str, what: str, problems: list[Problem]) -> None:
    for index, item in enumerate(ids):
        if ids.index(item) != index:
            loc = (key, index, "id")
            problems.append(
                Problem(doc.path, doc.line(loc), dotted(loc), f'{what} "{item}" is defined twice. Give each {what} its own id')
            )


def _check_eras(doc: Document, eras: list[Era]) -> list[Problem]:
    """Eras run in order, each starting where the one before ended (no overlap)."""
    problems = []
    for index, era in enumerate(eras):
        if era.start and era.end and era.end <= era.start:
            loc = ("eras", index, "end")
            problems.append(
                Problem(
                    doc.path,
                    doc.line(loc),
                    dotted(loc),
                    f"{era.end.iso} is not after the era's start {era.start.iso}. Swap them or fix the year",
                )
            )
        if index == 0:
            continue
        before = eras[index - 1]
        loc = ("eras", index, "start")
        if era.start is None:
            problems.append(
                Problem(
                    doc.path,
                    doc.line(("eras", index)),
                    dotted(loc),
                    "only the first era may leave `start` empty. Give the year this era begins",
                )
            )
        elif before.start and era.start <= before.start:
            problems.append(
                Problem(
                    doc.path,
                    doc.line(loc),
                    dotted(loc),
                    f"{era.start.iso} is not after the previous era's start ({before.start.iso}). List eras from oldest to newest",
                )
            )
        elif before.end is None:
            problems.append(
                Problem(
                    doc.path,
                    doc.line(("eras", index - 1)),
                    dotted(("eras", index - 1, "end")),
                    "only the last era may leave `end` empty. Give the year the next era begins",
                )
            )
        elif era.start < before.end:
            problems.append(
                Problem(
                    doc.path,
                    doc.line(loc),
                    dotted(loc),
                    f"{era.start.iso} is before the previous era ends ({before.end.iso}): eras overlap. Start this era at {before.end.iso}",
                )
            )
    return problems


def _check_glossary(doc: Document, glossary: Glossary) -> list[Problem]:
    """A term listed twice, or a 'wrong' variant that the approved English itself contains."""
    from .records.content import variant_pattern

    problems, first = [], {}
    for index, term in enumerate(glossary.terms):
        loc = ("terms", index, "zh")
        if term.zh in first:
            problems.append(
                Problem(
                    doc.path, doc.line(loc), dotted(loc), f"{term.zh} is already listed on line {first[term.zh]}. Keep one entry"
                )
            )
        first.setdefault(term.zh, doc.line(loc))
        for j, variant in enumerate(term.wrong):
            if variant_pattern(variant).search(term.en):
                loc = ("terms", index, "wrong", j)
                problems.append(
                    Problem(
                        doc.path,
                        doc.line(loc),
                        dotted(loc),
                        f'"{variant}" is part of the approved "{term.en}": '
                        "every correct text would be flagged. Remove it from wrong",
                    )
                )
    return problems
