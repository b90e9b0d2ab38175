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


# The kiosk's first screen: these ways in (their pages under the pages' folder), in this order.
FIRST_SCREEN = ("tour/index.md", "stories/index.md", "roll/index.md", "timeline.md", "hall-map.md")


def view(site: Site, lang: str, page_url: str, kiosk_featured: list[str] | None = None) -> HomeView | None:
    """The home page in `lang`, with every link relative to the page at page_url (site-root-relative).
    kiosk_featured: in the kiosk build, the ids of its featured exhibits (settings/kiosk.yml), which
    then lead its home's cards and fill its first screen of tiles."""
    home = site.settings.home
    if home is None:
        return None
    root = urls.up_to_root(page_url)

    def href(docs_path: str) -> str:
        return root + urls.page(docs_path, lang, site.directory_urls)

    def ui(key: str) -> str:
        return UI[key][lang]

    def small(record: model.Record) -> Picture | None:
        der = site.lead_image(record)
        if not der:
            return None
        return Picture(root + der.small.url, der.small.width, der.small.height, position=record.images[0].position)

    writer = Renderer(site, lang)

    def card(record: model.Record) -> Card:
        if not record.images and record.kind in ("person", "event"):
            return Card(
                href(site.page_path(record)),
                record.title.get(lang),
                writer.card_line(record),
                ui(f"one_{record.kind}"),
                kind=record.kind,
                dates=writer.card_dates(record),
            )
        return Card(
            href(site.page_path(record)),
            record.title.get(lang),
            record.summary.get(lang),
            ui(f"one_{record.kind}"),
            small(record),
            "" if record.images else kind_icon(record.kind),
        )

    hero_record = site.by_id.get(home.hero)
    hero = None
    if hero_record and hero_record.images:
        image, der = hero_record.images[0], site.lead_image(hero_record)
        hero = Picture(
            root + der.large.url,
            der.large.width,
            der.large.height,
            image.alt.get(lang),
            der.srcset(root),
            (after_badge(image.caption.get(lang), lang) if image.illustration else image.caption.get(lang))
            if image.caption
            else "",
            image.illustration,
            image.position,
        )
    # Named in home.yml: in that order. Otherwise the records marked featured, pictures first.
    featured_ids = (
        kiosk_featured
        or home.featured
        or [r.id for r in sorted((r for r in site.records if r.featured), key=lambda r: not r.images)]
    )
    featured = [card(site.by_id[i]) for i in featured_ids if i in site.by_id]

    def first_pictured(records: list[model.Record]) -> Picture | None:
        pictured = sorted((r for r in records if r.images), key=lambda r: (not r.featured, r.title.zh))
        return small(pictured[0]) if pictured else None

    tiles = []
    if site.route:
        tiles.append(
            Card(
                href(site.tour_path()),
                ui("tour"),
                ui("tour_intro"),
                picture=first_pictured(site.in_zone(site.route[0].id)),
                icon=kind_icon("tour"),
            )
        )
    stories = [r for r in site.records if r.kind == "story"]
    if stories:
        tiles.append(
            Card(
                href(f"{site.out_dir}/stories/index.md"),
                ui("kind_story"),
                ui("intro_story"),
                picture=first_pictured(stories),
                icon=kind_icon("story"),
            )
        )
    for kind in TILE_KINDS:
        records = [r for r in site.records if r.kind == kind]
        if records:
            folder = model.KINDS[kind].FOLDER
            tiles.append(
                Card(
                    href(f"{site.out_dir}/{folder}/index.md"),
                    ui(f"kind_{kind}"),
                    ui(f"intro_{kind}"),
                    picture=first_pictured(records),
                    icon=kind_icon(kind),
                )
            )
    tiles.append(Card(href(f"{site.out_dir}/timeline.md"), ui("timeline"), ui("tile_timeline"), icon=kind_icon("timeline")))
    if site.settings.hall:
        tiles.append(Card(href(f"{site.out_dir}/hall-map.md"), ui("hall_map"), ui("tile_hall_map"), icon=kind_icon("hall_map")))
    if site.rolls:
        tiles.append(Card(href(f"{site.out_dir}/roll/index.md"), ui("roll_nav"), ui("tile_roll"), icon=kind_icon("roll")))
    if any(r.kind == "lesson" for r in site.records):
        tiles.append(Card(href(f"{site.out_dir}/teachers.md"), ui("teachers"), ui("tile_teachers"), icon=kind_icon("lesson")))

    first_screen = []
    if kiosk_featured is not None:
        by_href = {t.href: t for t in tiles}
        ways = (href(f"{site.out_dir}/{path}") for path in FIRST_SCREEN)
        first_screen = [by_href[h] for h in ways if h in by_href] + featured

    visit = []
    place = site.by_id.get(home.visit) if home.visit else None
    if isinstance(place, model.Place):
        if place.address:
            visit.append((ui("address"), place.address.get(lang)))
        if place.area_m2:
            visit.append((ui("area"), f"{place.area_m2:g}{'' if lang == 'zh' else ' '}{ui('unit_m2')}"))
        if place.opened:
            visit.append((ui("opened"), ui("open_since").format(date=place.opened.show(lang))))
    given = site.settings.site.visit
    if given.hours:
        visit.append((ui("visit_hours"), given.hours.get(lang)))
    if given.phone:
        visit.append((ui("visit_phone"), given.phone))
    # The link promises only what the visit page shows: hours and booking once the hall has given them.
    promised = [ui("visit_hours")] if given.hours or given.closed else []
    promised.append(ui("visit_address_link"))
    if given.booking or given.phone:
        promised.append(ui("visit_booking"))
    return HomeView(
        lang=lang,
        name=(hero_record.title.get(lang) if hero_record else ""),
        purpose=home.purpose.get(lang),
        hero=hero,
        tour_href=href(site.tour_path(site.route[0])) if site.route else "",
        tour_note=ui("home_tour_note").format(n=len(site.route)),
        featured=featured,
        tiles=tiles,
        visit=visit,
        visit_href=href("visit.md"),
        visit_more=("、" if lang == "zh" else " · ").join(promised),
        first_screen=first_screen,
    )
