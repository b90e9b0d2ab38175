"""The models of the curator-edited settings files (settings/*.yml), one per file; the kiosk's is in kiosk.py.

Layer: settings, directly above records/, whose types (Text, Slug, PartialDate) they use.
"""

from __future__ import annotations

from typing import Literal, Optional

from pydantic import Field

from ..records.dates import Date, PartialDate
from ..records.model import AudioTrack, Slug, Source, Strict, Text


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


class Publisher(Strict):
    zh: str = Field(
        min_length=1,
        description="The publisher as the source lists show it (hosts and reprint notes left out), e.g. 新华社. "
        "A name with a note (聊城日报（第A5版）) uses the entry of its part before the note.",
    )
    en: str = Field(
        min_length=1,
        description="The publisher's own English name where it has one (Xinhua News Agency), else a plain "
        "translation (Liaocheng Daily). English pages show it first, the Chinese after it in brackets.",
    )
    note: Optional[str] = Field(None, description="Why this English, for translators (which paper, where the name is used).")


class Glossary(Strict):
    terms: list[Term] = Field(min_length=1)
    publishers: list[Publisher] = Field(
        [],
        description="The English names of the publishers our sources cite. Leave a publisher out when unsure: "
        "its Chinese name is shown, and `make report` lists it. Titles in 《》 are not translated.",
    )

    @property
    def english_publishers(self) -> dict[str, str]:
        return {p.zh: p.en for p in self.publishers}


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
