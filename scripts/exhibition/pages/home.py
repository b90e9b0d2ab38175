"""The home page's content, from settings/home.yml and the records.

The page itself is Material's way: docs/index.<lang>.md names `template: home.html`
(overrides/home.html), and the plugin hands that template a `HomeView` for the
page's language. Nothing on it is written into the template: the hero, featured
cards, tiles and visit box all come from records and settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import urls
from ..records import model
from ..words import UI
from . import catalogue
from .format import after_badge, kind_icon
from .site import Site
from .write import Renderer

# Kinds that get a tile of their own, in the order the tiles show (lessons are behind the teachers' tile).
TILE_KINDS = ("person", "memorial", "vessel", "event", "theme", "place")


@dataclass
class Picture:
    src: str
    width: int
    height: int
    alt: str = ""
    srcset: str = ""
    caption: str = ""
    illustration: bool = False
    position: str = ""  # the picture's focal point as CSS object-position, where a frame cuts it


@dataclass
class Card:
    href: str
    title: str
    text: str
    label: str = ""
    picture: Picture | None = None
    icon: str = ""  # inline SVG when there is no picture
    kind: str = ""  # a person or an event without a picture: a typographic card (_macros.md.j2 record_card)
    dates: str = ""  # its life dates or date


@dataclass
class HomeView:
    lang: str
    name: str
    purpose: str
    hero: Picture | None
    tour_href: str
    tour_note: str
    featured: list[Card] = field(default_factory=list)
    tiles: list[Card] = field(default_factory=list)
    visit: list[tuple[str, str]] = field(default_factory=list)  # (label, value)
    visit_href: str = ""
    visit_more: str = ""  # the link's words: only what the visit page has (settings/site.yml `visit`)
    # The kiosk's first screen: the ways in (tour, stories, roll, timeline, hall map) then the
    # kiosk's featured exhibits (settings/kiosk.yml), all picture tiles; empty on the web.
    first_screen: list[Card] = field(default_factory=list)

    def ui(self, key: str) -> str:
        return UI[key][self.lang]


# The kiosk's first screen: these ways in (catalogue pages: key, item), in this order.
FIRST_SCREEN = (("tour_index", None), ("kind_index", "story"), ("roll_index", None), ("timeline", None), ("hall_map", None))


def view(site: Site, lang: str, page_url: str, kiosk_featured: list[str] | None = None) -> HomeView | None:
    """The home page in `lang`, with every link relative to the page at page_url (site-root-relative).
    kiosk_featured: in the kiosk build, the ids of its featured exhibits (settings/kiosk.yml), which
    then lead its home's cards and fill its first screen of tiles."""
    home = site.settings.home
    if home is None:
        return None
    parts = _Parts(site, lang, urls.up_to_root(page_url))
    hero_record = site.by_id.get(home.hero)
    featured = parts.featured(kiosk_featured or home.featured)
    tiles = parts.tiles()
    visit, promised = parts.visit(home.visit)
    return HomeView(
        lang=lang,
        name=(hero_record.title.get(lang) if hero_record else ""),
        purpose=home.purpose.get(lang),
        hero=parts.hero(hero_record),
        tour_href=parts.href(site.tour_path(site.route[0])) if site.route else "",
        tour_note=parts.ui("home_tour_note").format(n=len(site.route)),
        featured=featured,
        tiles=tiles,
        visit=visit,
        visit_href=parts.href(site.catalogue.path("visit")),
        visit_more=("、" if lang == "zh" else " · ").join(promised),
        first_screen=parts.first_screen(tiles, featured) if kiosk_featured is not None else [],
    )


class _Parts:
    """The home page's parts in one language, each link relative to the page (root: its way up to the site root)."""

    def __init__(self, site: Site, lang: str, root: str):
        self.site, self.lang, self.root = site, lang, root
        self.writer = Renderer(site, lang)

    def href(self, docs_path: str) -> str:
        return self.root + urls.page(docs_path, self.lang, self.site.directory_urls)

    def ui(self, key: str) -> str:
        return UI[key][self.lang]

    def small(self, record: model.Record) -> Picture | None:
        der = self.site.lead_image(record)
        if not der:
            return None
        return Picture(self.root + der.small.url, der.small.width, der.small.height, position=record.images[0].position)

    def card(self, record: model.Record) -> Card:
        lang, href = self.lang, self.href(self.site.page_path(record))
        if not record.images and record.kind in ("person", "event"):  # a typographic card
            return Card(
                href,
                record.title.get(lang),
                self.writer.card_line(record),
                self.ui(f"one_{record.kind}"),
                kind=record.kind,
                dates=self.writer.card_dates(record),
            )
        return Card(
            href,
            record.title.get(lang),
            record.summary.get(lang),
            self.ui(f"one_{record.kind}"),
            self.small(record),
            "" if record.images else kind_icon(record.kind),
        )

    def hero(self, record: model.Record | None) -> Picture | None:
        if not (record and record.images):
            return None
        image, der, lang = record.images[0], self.site.lead_image(record), self.lang
        caption = image.caption.get(lang) if image.caption else ""
        return Picture(
            self.root + der.large.url,
            der.large.width,
            der.large.height,
            image.alt.get(lang),
            der.srcset(self.root),
            after_badge(caption, lang) if image.caption and image.illustration else caption,
            image.illustration,
            image.position,
        )

    def featured(self, named: list[str]) -> list[Card]:
        """Named (kiosk.yml or home.yml): in that order. Otherwise the records marked featured, pictures first."""
        site = self.site
        ids = named or [r.id for r in sorted((r for r in site.records if r.featured), key=lambda r: not r.images)]
        return [self.card(site.by_id[i]) for i in ids if i in site.by_id]

    def first_pictured(self, records: list[model.Record]) -> Picture | None:
        pictured = sorted((r for r in records if r.images), key=lambda r: (not r.featured, r.title.zh))
        return self.small(pictured[0]) if pictured else None

    def page(self, key: str, item=None) -> str:
        return self.href(self.site.catalogue.path(key, item))

    def tiles(self) -> list[Card]:
        """A tile for each catalogue page marked as one (in the catalogue's order) that has something to show."""
        tiles = []
        for entry in catalogue.ENTRIES:
            if entry.tile:
                tiles += getattr(self, f"_tiles_{entry.key}")()
        return tiles

    def _tiles_tour_index(self) -> list[Card]:
        site, ui = self.site, self.ui
        if not site.route:
            return []
        picture = self.first_pictured(site.in_zone(site.route[0].id))
        return [Card(self.page("tour_index"), ui("tour"), ui("tour_intro"), picture=picture, icon=kind_icon("tour"))]

    def _tiles_kind_index(self) -> list[Card]:
        tiles = []
        for kind in ("story", *TILE_KINDS):
            records = [r for r in self.site.records if r.kind == kind]
            if records:
                picture = self.first_pictured(records)
                tiles.append(
                    Card(
                        self.page("kind_index", kind),
                        self.ui(f"kind_{kind}"),
                        self.ui(f"intro_{kind}"),
                        picture=picture,
                        icon=kind_icon(kind),
                    )
                )
        return tiles

    # The ways that are pages of their own (timeline always, the others when there is something to show):
    # their words and icon.
    def _way(self, key: str, shown, title: str, text: str, icon: str) -> list[Card]:
        return [Card(self.page(key), self.ui(title), self.ui(text), icon=kind_icon(icon))] if shown else []

    def _tiles_timeline(self) -> list[Card]:
        return self._way("timeline", True, "timeline", "tile_timeline", "timeline")

    def _tiles_hall_map(self) -> list[Card]:
        return self._way("hall_map", self.site.settings.hall, "hall_map", "tile_hall_map", "hall_map")

    def _tiles_teachers(self) -> list[Card]:
        lessons = any(r.kind == "lesson" for r in self.site.records)
        return self._way("teachers", lessons, "teachers", "tile_teachers", "lesson")

    def _tiles_roll_index(self) -> list[Card]:
        return self._way("roll_index", self.site.rolls, "roll_nav", "tile_roll", "roll")

    def first_screen(self, tiles: list[Card], featured: list[Card]) -> list[Card]:
        """The kiosk's first screen: its ways in (FIRST_SCREEN, those the site has), then its featured exhibits."""
        by_href = {t.href: t for t in tiles}
        ways = (self.page(key, item) for key, item in FIRST_SCREEN)
        return [by_href[h] for h in ways if h in by_href] + featured

    def visit(self, place_id: str | None) -> tuple[list[tuple[str, str]], list[str]]:
        """The visit box's rows (label, value), and what the link to the visit page may promise: only what
        that page shows (hours and booking once the hall has given them, settings/site.yml `visit`)."""
        place = self.site.by_id.get(place_id) if place_id else None
        rows = self._place_rows(place) if isinstance(place, model.Place) else []
        return rows + self._given_rows(), self._promised()

    def _place_rows(self, place: model.Place) -> list[tuple[str, str]]:
        """The hall's address, area and opening, from its place record."""
        ui, lang = self.ui, self.lang
        rows = []
        if place.address:
            rows.append((ui("address"), place.address.get(lang)))
        if place.area_m2:
            rows.append((ui("area"), f"{place.area_m2:g}{'' if lang == 'zh' else ' '}{ui('unit_m2')}"))
        if place.opened:
            rows.append((ui("opened"), ui("open_since").format(date=place.opened.show(lang))))
        return rows

    def _given_rows(self) -> list[tuple[str, str]]:
        """Opening hours and phone, once the hall has given them (settings/site.yml `visit`)."""
        given = self.site.settings.site.visit
        rows = [(self.ui("visit_hours"), given.hours.get(self.lang))] if given.hours else []
        return rows + ([(self.ui("visit_phone"), given.phone)] if given.phone else [])

    def _promised(self) -> list[str]:
        given, ui = self.site.settings.site.visit, self.ui
        promised = [ui("visit_hours")] if given.hours or given.closed else []
        promised.append(ui("visit_address_link"))
        if given.booking or given.phone:
            promised.append(ui("visit_booking"))
        return promised
