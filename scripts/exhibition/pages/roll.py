"""英名录 pages: one page per list and one for all lists, in both languages.

Every name is a card with a stable anchor (#p-<id>) a family can share. Search (characters,
full pinyin, initials) and filters run in the browser over a small per-list data file loaded
by <script src> (so it works from file:// in the kiosk), only on the roll pages; without
JavaScript every card is still there. Rare characters in names get a subset web font made
at build time from a CJK font on the machine (rollfont.py does the subsetting). This module makes
the pages (which pages, their addresses, what each template is given); roll_view.py holds what
they show as data, and the search data file. The markup is in templates/roll_*.md.j2 and
_roll.md.j2; the words in words.yml (roll_*).
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from urllib.parse import quote

from .. import pinyin, strokes, urls
from ..records import model
from ..records.dates import PartialDate
from ..records.roll import Roll, Row
from . import rollfont
from .format import PUNCTUATION
from .roll_view import (
    GENDERS,
    Card,
    Fact,
    Filter,
    L,
    Letter,
    Link,
    ListEntry,
    count_line,
    data_js,
    era_of,
    linked_records,
    statement,
    title_pinyin,
)
from .site import Site
from .write import Renderer

OUT = "roll"  # under the pages folder: exhibits/roll/
DATA = "data"  # exhibits/roll/data/<list>-<lang>.js and the font


def ordered(rows: list[Row], order: str = "strokes") -> list[Row]:
    """The names in the order of honour rolls: by the surname's strokes (姓氏笔画; the same surname together,
    then the next characters' strokes, then code point), or, with order "died", by date of sacrifice (the
    undated last), names of the same date by strokes."""
    by_strokes = sorted(rows, key=lambda row: strokes.key(row.name))
    if order == "died":
        return sorted(by_strokes, key=lambda row: (row.died is None, row.died or PartialDate(0)))
    return by_strokes


def shard_of(row: Row) -> str:
    """The page a name is on in a long list: the first letter of its pinyin (# for others)."""
    initials = pinyin.keys(row.name)[1]
    return initials[:1] if initials[:1].isalpha() else "0"


def shards(roll: Roll, shard_at: int) -> dict[str, list[Row]]:
    """{letter: rows} for a long list; empty for a list short enough for one page."""
    if len(roll.rows) <= shard_at:
        return {}
    out: dict[str, list[Row]] = {}
    for row in roll.rows:
        out.setdefault(shard_of(row), []).append(row)
    return dict(sorted(out.items()))


ASIDE, ASIDE_END = "<!-- ex-roll-html -->", "<!-- /ex-roll-html -->"
_ASIDE_KEY = "_ex_roll_html"


def set_aside(markdown: str, meta: dict) -> str:
    """MkDocs' on_page_markdown: a roll page's body is finished HTML (thousands of cards); Markdown
    would only parse it tag by tag to give it back unchanged, which cost most of the roll's build
    time. Keep it in the page's meta and leave the ASIDE mark for put_back."""
    start = markdown.find(ASIDE)
    end = markdown.find(ASIDE_END, start)
    if start < 0 or end < 0:
        return markdown
    meta[_ASIDE_KEY] = markdown[start + len(ASIDE) : end].strip("\n")
    return markdown[:start] + ASIDE + markdown[end + len(ASIDE_END) :]


def put_back(html: str, meta: dict) -> str:
    """MkDocs' on_page_content: the HTML set_aside kept, where its mark is."""
    aside = meta.pop(_ASIDE_KEY, None)
    return html if aside is None else html.replace(ASIDE, aside, 1)


def pages(site: Site, rolls: list[Roll], root: Path, docs_dir: Path, langs=model.LANGS, kiosk: bool = False) -> dict[Path, str]:
    """{docs path: Markdown} of the roll pages; writes the data files and the font beside them.

    kiosk: the hall's touch screens have no e-mail: the correction address is written out, with the
    reference to quote, instead of a mailto: link."""
    out: dict[Path, str] = {}
    folder = docs_dir / site.out_dir / OUT
    data_dir = folder / DATA
    if not rolls:  # the nav names the roll's index: it is there, empty, until a list is added
        for lang in langs:
            out[docs_dir / site.catalogue.file("roll_index", lang=lang)] = index_page(site, Renderer(site, lang), rolls, lang)
        for path in data_dir.glob("*"):
            path.unlink()
        return out
    settings = site.settings.roll  # settings/roll.yml, checked with the records
    contact, shard_at = settings.contact, settings.shard_at
    rolls = [dataclasses.replace(roll, rows=ordered(roll.rows, settings.order)) for roll in rolls]
    font = rollfont.make(rolls, data_dir, root, settings.font)
    keep = set()
    for lang in langs:
        r = Renderer(site, lang)
        out[docs_dir / site.catalogue.file("roll_index", lang=lang)] = index_page(site, r, rolls, lang)
        for roll in rolls:
            parts = shards(roll, shard_at)
            pages = ListPages(site, r, roll, lang, contact, font, kiosk, parts)
            out[docs_dir / site.catalogue.file("roll_list", roll, lang=lang)] = pages.page()
            for letter in parts:
                out[docs_dir / site.catalogue.file("roll_letter", (roll, letter), lang=lang)] = pages.page(letter)
            name = f"{roll.id}-{lang}.js"
            keep.add(name)
            _write(data_dir / name, data_js(site, r, roll, lang))
    _remove_old_data(data_dir, keep)
    return out


def _remove_old_data(data_dir: Path, keep: set[str]) -> None:
    """The data files of lists no longer there (the font's files are rollfont's)."""
    keep = keep | {p.name for p in data_dir.glob("roll-names-*")}
    for path in data_dir.glob("*.js"):
        if path.name not in keep:
            path.unlink()


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def page_path(site: Site, roll: Roll | None = None, letter: str | None = None) -> str:
    if letter:
        return site.catalogue.path("roll_letter", (roll, letter))
    return site.roll_path(roll) if roll else site.catalogue.path("roll_index")  # a list's page: spelled by Site


def person_url(site: Site, roll: Roll, row: Row, lang: str, sharded: bool = False) -> str:
    """Site-root-relative URL of a name: the page it is on and the person's anchor."""
    path = page_path(site, roll, shard_of(row) if sharded else None)
    return urls.page(path, lang, site.directory_urls) + f"#p-{row.id}"


def _context(site: Site, r: Renderer, lang: str, path: str) -> dict:
    """What every roll template reads; links are relative to the page at path (site root + urls.page)."""
    root = urls.up_to_root(urls.page(path, lang, site.directory_urls))
    return dict(
        L=functools.partial(L, lang=lang),
        lang=lang,
        d=r.d,
        publisher=r.publisher,  # sources named as on every page: the publisher, no hosts, English first on en
        root=root,
        **PUNCTUATION[lang],
        href=lambda docs_path: root + urls.page(docs_path, lang, site.directory_urls),
    )


def index_page(site: Site, r: Renderer, rolls: list[Roll], lang: str) -> str:
    ctx = _context(site, r, lang, page_path(site))
    lists = [
        ListEntry(
            roll.header.title.get(lang),
            roll.header.covers.get(lang),
            count_line(roll, lang),
            ctx["href"](page_path(site, roll)),
            statement(roll, lang),
        )
        for roll in rolls
    ]
    return r.env.get_template("roll_index.md.j2").render(ctx, lists=lists)


class ListPages:
    """A list's pages in one language: its own page and, for a long list (parts: {letter: rows}), one
    page per letter. They share the list's words, its sources' numbers and how a name is corrected.

    kiosk: the hall's touch screens have no e-mail: the correction address is written out, with the
    reference to quote, instead of a mailto: link."""

    def __init__(
        self,
        site: Site,
        r: Renderer,
        roll: Roll,
        lang: str,
        contact: str,
        font: str | None,
        kiosk: bool = False,
        parts: dict | None = None,
    ):
        self.site, self.r, self.roll, self.lang = site, r, roll, lang
        self.contact, self.font, self.kiosk = contact, font, kiosk
        self.parts = parts or {}
        self.numbers = {s.id: i for i, s in enumerate(roll.header.sources, 1)}

    def page(self, letter: str | None = None) -> str:
        """The list's page (search, filters and, for a short list, every card); with a letter, for a long
        list, the page of the names under that letter."""
        ctx = self.context(letter)
        if letter:
            return self.r.env.get_template("roll_letter.md.j2").render(
                ctx, cards=self.cards(self.parts[letter], ctx, True), back=ctx["href"](page_path(self.site, self.roll))
            )
        return self.r.env.get_template("roll_list.md.j2").render(ctx, **self.list_parts(ctx))

    def context(self, letter: str | None) -> dict:
        site, roll, h = self.site, self.roll, self.roll.header
        ctx = _context(site, self.r, self.lang, page_path(site, roll, letter))
        ctx.update(
            roll=roll,
            title=h.title.get(self.lang),
            letter=letter,
            font=self.font,
            kiosk=self.kiosk,
            data=f"{ctx['root']}{site.out_dir}/{OUT}/{DATA}/",
            sources=h.sources,
            letters=[
                Letter(x.upper() if x != "0" else "#", ctx["href"](page_path(site, roll, x)), x == letter) for x in self.parts
            ],
        )
        return ctx

    def list_parts(self, ctx: dict) -> dict:
        """What the list's own page shows beside the common context: a long list's page has no cards
        (its letters' pages have them) and searches whatever its length."""
        site, roll, lang, parts = self.site, self.roll, self.lang, self.parts
        settings = site.settings.roll
        return dict(
            statement=statement(roll, lang),
            searchable=bool(parts) or len(roll.rows) > settings.search_from,
            wall=[] if parts else [(row.id, row.name) for row in roll.rows],
            **self.leads(),
            national=settings.national_roll,
            see_also=[Link(self.r.t(x.title), ctx["href"](site.page_path(x))) for x in linked_records(site, roll)],
            filters=self.filters(),
            count=count_line(roll, lang),
            covers=roll.header.covers.get(lang),
            shard_base=ctx["href"](page_path(site, roll, "LETTER")) if parts else "",
            cards=[] if parts else self.cards(roll.rows, ctx, False),
            keys="abcdefghijklmnopqrstuvwxyz",
        )

    def filters(self) -> list[Filter]:
        """The filters' options: only the native places, eras and resting places the list's names have."""
        site, rows, t = self.site, self.roll.rows, self.r.t
        eras = [e for e in site.settings.eras if any(era_of(site, row) is e for row in rows)]
        return [
            Filter("native_place", [(v, v) for v in _values(rows, "native_place", key=pinyin.keys)]),
            Filter("era", [(e.id, t(e.name)) for e in eras]),
            Filter("resting_place", [(v, t(site.by_id[v].title)) for v in _values(rows, "resting_place")]),
        ]

    def leads(self) -> dict[str, str]:
        """How to tell the hall of a name missing from the list: a mailto: link on the web, the address
        written out on the kiosk, nothing without a contact."""
        contact, roll, lang = self.contact, self.roll, self.lang
        lead = ""
        if contact and not self.kiosk:
            subject = L("lead_subject", lang, roll=roll.header.title.get(lang), id=roll.id)
            lead = f"mailto:{contact}?subject={quote(subject)}"
        return dict(lead=lead, lead_kiosk=L("lead_kiosk", lang, contact=contact, roll=roll.id) if contact and self.kiosk else "")

    def cards(self, rows: list[Row], ctx: dict, sharded: bool) -> list[Card]:
        href = ctx["href"]
        return [
            Card(
                row.id,
                row.name,
                row.name_pinyin or " ".join(title_pinyin(row.name)),
                self.facts(row, href),
                self.links(row, href, sharded),
            )
            for row in rows
        ]

    def facts(self, row: Row, href) -> list[Fact]:
        """A card's lines, in this order: gender, dates, the plain facts, resting place, note, source."""
        facts = _gender(row, self.lang)
        facts += [Fact(key, date=getattr(row, key), zh=False) for key in ("born", "died") if getattr(row, key)]
        facts += [Fact(key, getattr(row, key)) for key in ("native_place", "unit", "role", "place_of_death") if getattr(row, key)]
        if row.resting_place:
            rest = self.site.by_id[row.resting_place]
            facts.append(Fact("resting_place", self.r.t(rest.title), href=href(self.site.page_path(rest)), zh=False))
        if row.note:
            facts.append(Fact("note", row.note))
        facts.append(self.source(row, href))
        return facts

    def source(self, row: Row, href) -> Fact:
        """A name from a person record cites that record's page (it lists the sources); a row of the
        list's CSV, the list's source it names."""
        if row.generated and row.record in self.site.by_id:
            person = self.site.by_id[row.record]
            return Fact("source", self.r.t(person.title), href=href(self.site.page_path(person)), zh=False)
        source = self.roll.sources[row.source]
        return Fact("source", f"[{self.numbers[source.id]}] {source.title}", href=f"#src-{source.id}", zh=False)

    def links(self, row: Row, href, sharded: bool) -> list[Link]:
        """The person's record page (if any), the card's own link, and how to correct it."""
        links = []
        if row.record and row.record in self.site.by_id:
            links.append(Link(L("record", self.lang), href(self.site.page_path(self.site.by_id[row.record]))))
        links.append(Link(L("link", self.lang), f"#p-{row.id}"))
        links.append(self.correction(row, sharded))
        return links

    def correction(self, row: Row, sharded: bool) -> Link:
        contact, roll, lang = self.contact, self.roll, self.lang
        if contact and self.kiosk:
            return Link(L("correct_kiosk", lang, contact=contact, ref=f"{roll.id} #p-{row.id}"), cls="ex-roll-correct")
        if contact:
            url = (self.site.site_url or "") + person_url(self.site, roll, row, lang, sharded)
            subject = L("subject", lang, name=row.name, roll=roll.id, id=row.id)
            body = L("body", lang, name=row.name, url=url)
            return Link(L("correct", lang), f"mailto:{contact}?subject={quote(subject)}&body={quote(body)}", "ex-roll-correct")
        return Link(L("correct_none", lang), cls="ex-roll-correct")


def _values(rows: list[Row], name: str, key=None) -> list[str]:
    """The different values of a column the rows fill, sorted (by key)."""
    return sorted({getattr(row, name) for row in rows if getattr(row, name)}, key=key)


def _gender(row: Row, lang: str) -> list[Fact]:
    """The gender's line: 男 and 女 in the page's language, another value as written."""
    if not row.gender:
        return []
    return [Fact("gender", L(GENDERS[row.gender], lang) if row.gender in GENDERS else row.gender, zh=False)]
