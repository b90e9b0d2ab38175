"""The catalogue of pages: every page the build writes, and the hand-written pages its code links to.

Layer: pages/, at its bottom (it reads the record kinds and urls.py). One entry per page kind says
its key, its template, the editions it is in, how its docs/ path is made (from the generated pages'
folder and, for a kind with one page per item, the item), whether the nav of mkdocs.yml lists it and
whether the home page has a tile for it. A page knows its own address here, as a MkDocs File knows
its url: `Catalogue(pages_dir).path("timeline")`, `.path("record", record)`,
`.url("tour_stop", zone, lang="en", directory_urls=False)`. Nothing else spells a page's path.

Adding a page kind: one entry below (and, when write_pages makes it, a Renderer method of that
name in write.py, its template in templates/); a page in the nav: mkdocs.yml names its path too,
and tests/test_catalogue.py holds the two together.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import urls
from ..records import model

WEB, KIOSK = "web", "kiosk"
BOTH = (WEB, KIOSK)
KIOSK_FOLDER = "kiosk"  # the kiosk's own pages and their data, under the generated pages' folder
DEFAULT_PAGES_DIR = "exhibits"  # paths.Paths.pages_dir's default (the plugin's `pages_dir` option)


# What each kind of page is made for in a site (Site): [None] for a single page, [] when the site has none of it.
def _records(site) -> list:
    return [r for r in site.records if not isinstance(r, model.Story)]


def _stories(site) -> list:
    return [r for r in site.records if isinstance(r, model.Story)]


def _always(site) -> list:
    return [None]


def _with_hall(site) -> list:
    # The hall map and the tour exist only when settings/hall.yml gives a hall.
    return [None] if site.settings.hall else []


def _stops(site) -> list:
    return list(site.route)


def _kinds(site) -> list:
    return site.kinds()  # every kind gets its index, even while empty, so nav and home links hold


def _tags(site) -> list:
    return [tag for tag in site.tagged if tag in site.settings.tags]


@dataclass(frozen=True)
class Entry:
    """One kind of page."""

    key: str
    pattern: str  # its docs/ path: {pages} the generated pages' folder; {folder}, {id}, {letter} from the item
    item: str | None = None  # the kind of item one page is made for: record, kind, zone, tag, roll, letter; None: one page
    template: str | None = None  # under pages/templates/; None for a hand-written page (docs/) or another module's
    render: str | None = None  # the Renderer method write_pages calls; None: written elsewhere (by) or by hand
    by: str = "pages/write.py"  # who writes it
    editions: tuple[str, ...] = BOTH
    nav: bool = False  # mkdocs.yml's nav lists it (tests/test_catalogue.py)
    tile: bool = False  # the home page has a tile for it (pages/home.py says when it shows)
    listing: Callable[[object], list] | None = None  # the items it has pages for in a site (those write_pages writes)

    def items(self, site) -> list:
        return self.listing(site) if self.listing else []


HAND = "docs/ (hand-written)"

# fmt: off
ENTRIES: tuple[Entry, ...] = (
    # Hand-written pages that generated pages and the build's code link to.
    Entry("home", urls.HOME, by=HAND, nav=True),
    Entry("visit", "visit.md", by=HAND, nav=True),
    Entry("about_sources", "about-sources.md", by=HAND, nav=True),
    Entry("offline", "offline.md", by=HAND, editions=(WEB,)),  # the service worker's page (offline/)
    Entry("accessibility", "accessibility.md", by=HAND, editions=(WEB,)),  # the statement (publishing.py)
    # Those with `render` are written by write_pages, in this order (Renderer.<render>); the home's tiles show in this order.
    Entry("record", "{pages}/{folder}/{id}.md", item="record", template="record.md.j2", render="record", listing=_records),
    Entry("story", "{pages}/{folder}/{id}.md", item="record", template="story.md.j2", render="record", listing=_stories),
    Entry("tour_index", "{pages}/tour/index.md", template="tour_index.md.j2", render="tour_index", listing=_with_hall, nav=True, tile=True),
    Entry("tour_stop", "{pages}/tour/{id}.md", item="zone", template="tour_stop.md.j2", render="tour_stop", listing=_stops),
    Entry("kind_index", "{pages}/{folder}/index.md", item="kind", template="kind_index.md.j2", render="kind_index", listing=_kinds, nav=True, tile=True),
    Entry("timeline", "{pages}/timeline.md", template="timeline.md.j2", render="timeline", listing=_always, nav=True, tile=True),
    Entry("gallery", "{pages}/gallery.md", template="gallery.md.j2", render="gallery", listing=_always, nav=True),
    Entry("hall_map", "{pages}/hall-map.md", template="hall_map.md.j2", render="hall_map", listing=_with_hall, nav=True, tile=True),
    Entry("tags_index", "{pages}/tags/index.md", template="tags_index.md.j2", render="tags_index", listing=_always, nav=True),
    Entry("tag", "{pages}/tags/{id}.md", item="tag", template="tag.md.j2", render="tag_page", listing=_tags),
    Entry("data", "{pages}/data.md", template="data.md.j2", render="data_page", listing=_always, nav=True),
    Entry("whats_new", "{pages}/whats-new.md", template="whats_new.md.j2", render="whats_new", listing=_always, nav=True),
    # The 英名录, written by pages/roll.py (with its lists' data and font).
    Entry("roll_index", "{pages}/roll/index.md", template="roll_index.md.j2", by="pages/roll.py", nav=True, tile=True),
    Entry("roll_list", "{pages}/roll/{id}.md", item="roll", template="roll_list.md.j2", by="pages/roll.py"),
    Entry("roll_letter", "{pages}/roll/{id}/{letter}.md", item="letter", template="roll_letter.md.j2", by="pages/roll.py"),
    Entry("teachers", "{pages}/teachers.md", template="teachers.md.j2", render="teachers", listing=_always, nav=True, tile=True),
    # The kiosk's own pages, written by kiosk/ in the kiosk build only.
    Entry("attract", f"{{pages}}/{KIOSK_FOLDER}/attract.md", template="attract.md.j2", by="kiosk/attract.py", editions=(KIOSK,)),
    Entry("kiosk_search", f"{{pages}}/{KIOSK_FOLDER}/search.md", template="kiosk_search.md.j2", by="kiosk/search.py", editions=(KIOSK,)),
)
# fmt: on
BY_KEY = {entry.key: entry for entry in ENTRIES}

# The lessons' index is reached from the teachers' page, not from the nav.
NOT_IN_NAV_KINDS = ("lesson",)


def file(docs_path: str, lang: str) -> str:
    """The one suffix rule (mkdocs-static-i18n's docs_structure: suffix): a page's file in one
    language, `x.md` -> `x.zh.md` / `x.en.md`."""
    return docs_path[: -len(".md")] + f".{lang}.md"


def _fields(entry: Entry, item) -> dict[str, str]:
    """What the entry's pattern reads of its item."""
    if entry.item is None:
        return {}
    if entry.item == "record":
        return {"folder": item.FOLDER, "id": item.id}
    if entry.item == "kind":  # a record class, a record, or a kind's name ("lesson")
        return {"folder": (model.KINDS[item] if isinstance(item, str) else item).FOLDER}
    if entry.item == "tag":
        return {"id": item}
    if entry.item == "letter":  # (the list, its letter)
        roll, letter = item
        return {"id": roll.id, "letter": letter}
    return {"id": item.id}  # a zone, a roll


@dataclass(frozen=True)
class Catalogue:
    """The catalogue for one site: its generated pages' folder under docs/ (the plugin's pages_dir)."""

    pages_dir: str = DEFAULT_PAGES_DIR

    def path(self, key: str, item=None) -> str:
        """The docs/-relative path of the page (`exhibits/timeline.md`); item: for a per-item kind."""
        entry = BY_KEY[key]
        return entry.pattern.format(pages=self.pages_dir, **_fields(entry, item))

    def file(self, key: str, item=None, *, lang: str) -> str:
        """The docs/-relative file of the page in one language (`exhibits/timeline.en.md`)."""
        return file(self.path(key, item), lang)

    def url(self, key: str, item=None, *, lang: str = urls.DEFAULT_LANG, directory_urls: bool = True) -> str:
        """The page's site-root-relative URL in `lang` (urls.page: `en/exhibits/timeline/`)."""
        return urls.page(self.path(key, item), lang, directory_urls)

    def folder(self, key: str, item=None) -> str:
        """The folder beside a page that holds its own files (a lesson's PDFs): its path without `.md`."""
        return self.path(key, item)[: -len(".md")]

    def nav_paths(self) -> set[str]:
        """The docs paths mkdocs.yml's nav must list."""
        out = set()
        for entry in ENTRIES:
            if not entry.nav:
                continue
            if entry.item == "kind":
                out |= {self.path(entry.key, kind) for kind in model.KINDS if kind not in NOT_IN_NAV_KINDS}
            else:
                out.add(self.path(entry.key))
        return out


def written_by_renderer() -> list[Entry]:
    """The entries write_pages renders, in order."""
    return [entry for entry in ENTRIES if entry.render]
