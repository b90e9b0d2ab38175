"""英名录 pages: one page per list and one for all lists, in both languages.

Every name is a card with a stable anchor (#p-<id>) a family can share. Search (characters,
full pinyin, initials) and filters run in the browser over a small per-list data file loaded
by <script src> (so it works from file:// in the kiosk), only on the roll pages; without
JavaScript every card is still there. Rare characters in names get a subset web font made
at build time from a CJK font on the machine (rollfont.py does the subsetting). The markup is in
templates/roll_*.md.j2 and _roll.md.j2; the words in words.yml (roll_*).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Optional
from urllib.parse import quote

from .. import pinyin, strokes, urls
from ..records import model
from ..records.dates import PartialDate
from ..records.roll import Roll, Row
from ..words import UI
from . import rollfont
from .format import PUNCTUATION, publisher_name
from .site import Site
from .write import Renderer

OUT = "roll"  # under the pages folder: exhibits/roll/
DATA = "data"  # exhibits/roll/data/<list>-<lang>.js and the font

GENDERS = {"男": "male", "女": "female"}  # roll_male, roll_female in words.yml
_NOT_KEY = re.compile(r"[^a-z0-9]")  # what roll.js strips from the shown pinyin to get the keys


def L(key: str, lang: str, **kw) -> str:
    """A word of the roll's pages (words.yml, roll_*), with its {fields} filled in."""
    text = UI[f"roll_{key}"][lang]
    return text.format(**kw) if kw else text


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
            out[docs_dir / site.catalogue.file("roll_list", roll, lang=lang)] = roll_page(
                site, r, roll, lang, contact, font, kiosk, parts
            )
            for letter in parts:
                out[docs_dir / site.catalogue.file("roll_letter", (roll, letter), lang=lang)] = roll_page(
                    site, r, roll, lang, contact, font, kiosk, parts, letter=letter
                )
            name = f"{roll.id}-{lang}.js"
            keep.add(name)
            _write(data_dir / name, data_js(site, r, roll, lang))
    keep |= {p.name for p in data_dir.glob("roll-names-*")}
    for path in data_dir.glob("*.js"):
        if path.name not in keep:
            path.unlink()
    return out


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


# --- what the templates show (templates/roll_*.md.j2) ------------------------------------


@dataclass
class Fact:
    """One line of a card: a date, a link or plain text."""

    key: str  # its label: roll_<key> in words.yml
    text: str = ""
    date: Optional[PartialDate] = None
    href: str = ""
    zh: bool = True  # the value is Chinese text (lang="zh" on an English page)


@dataclass
class Link:
    text: str
    href: str = ""  # empty: plain text
    cls: str = ""


@dataclass
class Card:
    id: str
    name: str
    pinyin: str
    facts: list[Fact]
    links: list[Link]


@dataclass
class Letter:
    label: str
    href: str
    current: bool


@dataclass
class Filter:
    key: str
    options: list[tuple[str, str]]  # (value, text)


@dataclass
class ListEntry:
    """A list on the page of all lists."""

    title: str
    covers: str
    count: str
    href: str
    statement: Optional[Statement] = None


def _context(site: Site, r: Renderer, lang: str, path: str) -> dict:
    """What every roll template reads; links are relative to the page at path (site root + urls.page)."""
    root = urls.up_to_root(urls.page(path, lang, site.directory_urls))
    return dict(
        L=functools.partial(L, lang=lang),
        lang=lang,
        d=r.d,
        publisher_name=publisher_name,  # sources named as on every page: the publisher, no hosts
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


def count_line(roll: Roll, lang: str) -> str:
    """How many names the page lists. The count of the whole roll is the statement's (statement()), never
    beside this: no source says that the names listed are among those counted (audit P40)."""
    return L("listed", lang, listed=f"{len(roll.rows):,}")


@dataclass
class Statement:
    """The memorial's opening: how many names the whole roll has (a source's number), large."""

    number: str
    text: str
    source: str  # the source's anchor on the page (#src-<id>)
    note: str  # its number in the list of sources


def statement(roll: Roll, lang: str) -> Optional[Statement]:
    h = roll.header
    if not h.count:
        return None
    text = h.count_label.get(lang) if h.count_label else L("count_label", lang)
    number = next((i for i, s in enumerate(h.sources, 1) if s.id == h.count_source), 1)
    return Statement(f"{h.count:,}", text, f"#src-{h.count_source}" if h.count_source else "#sources", str(number))


def linked_records(site: Site, roll: Roll) -> list[model.Record]:
    """The exhibits a list's page links to and that link back to it (Site.rolls_of): the header's
    `related` (the story of the names) and the places its names rest in (the cemetery)."""
    ids = list(roll.header.related) + sorted({row.resting_place for row in roll.rows if row.resting_place})
    return [site.by_id[i] for i in dict.fromkeys(ids) if i in site.by_id]


def _era(site: Site, row: Row):
    return site.settings.era_of(row.died) if row.died else None


def roll_page(
    site: Site,
    r: Renderer,
    roll: Roll,
    lang: str,
    contact: str,
    font: str | None,
    kiosk: bool = False,
    parts: dict | None = None,
    letter: str | None = None,
) -> str:
    """A list's page (search, filters and, for a short list, every card); or, for a long list,
    the page of the names under one letter."""
    parts = parts or {}
    path = page_path(site, roll, letter)
    ctx = _context(site, r, lang, path)
    h = roll.header
    numbers = {s.id: i for i, s in enumerate(h.sources, 1)}
    ctx.update(
        roll=roll,
        title=h.title.get(lang),
        letter=letter,
        font=font,
        kiosk=kiosk,
        data=f"{ctx['root']}{site.out_dir}/{OUT}/{DATA}/",
        sources=h.sources,
        letters=[Letter(x.upper() if x != "0" else "#", ctx["href"](page_path(site, roll, x)), x == letter) for x in parts],
    )

    def cards(rows: list[Row]) -> list[Card]:
        return [card(site, r, roll, row, lang, contact, numbers, ctx["root"], kiosk, bool(letter)) for row in rows]

    if letter:
        return r.env.get_template("roll_letter.md.j2").render(
            ctx, cards=cards(parts[letter]), back=ctx["href"](page_path(site, roll))
        )
    natives = sorted({row.native_place for row in roll.rows if row.native_place}, key=pinyin.keys)
    eras = [e for e in site.settings.eras if any(_era(site, row) is e for row in roll.rows)]
    rests = sorted({row.resting_place for row in roll.rows if row.resting_place})
    filters = [
        Filter("native_place", [(v, v) for v in natives]),
        Filter("era", [(e.id, r.t(e.name)) for e in eras]),
        Filter("resting_place", [(v, r.t(site.by_id[v].title)) for v in rests]),
    ]
    settings = site.settings.roll
    lead = ""
    if contact and not kiosk:
        subject = L("lead_subject", lang, roll=h.title.get(lang), id=roll.id)
        lead = f"mailto:{contact}?subject={quote(subject)}"
    return r.env.get_template("roll_list.md.j2").render(
        ctx,
        statement=statement(roll, lang),
        searchable=bool(parts) or len(roll.rows) > settings.search_from,
        wall=[] if parts else [(row.id, row.name) for row in roll.rows],
        lead=lead,
        lead_kiosk=L("lead_kiosk", lang, contact=contact, roll=roll.id) if contact and kiosk else "",
        national=settings.national_roll,
        see_also=[Link(r.t(x.title), ctx["href"](site.page_path(x))) for x in linked_records(site, roll)],
        filters=filters,
        count=count_line(roll, lang),
        covers=h.covers.get(lang),
        shard_base=ctx["href"](page_path(site, roll, "LETTER")) if parts else "",
        cards=[] if parts else cards(roll.rows),
        keys="abcdefghijklmnopqrstuvwxyz",
    )


def card(
    site: Site,
    r: Renderer,
    roll: Roll,
    row: Row,
    lang: str,
    contact: str,
    numbers: dict,
    root: str,
    kiosk: bool = False,
    sharded: bool = False,
) -> Card:
    def href(docs_path: str) -> str:
        return root + urls.page(docs_path, lang, site.directory_urls)

    facts = []
    if row.gender:
        facts.append(Fact("gender", L(GENDERS[row.gender], lang) if row.gender in GENDERS else row.gender, zh=False))
    if row.born:
        facts.append(Fact("born", date=row.born, zh=False))
    if row.died:
        facts.append(Fact("died", date=row.died, zh=False))
    facts += [Fact(key, getattr(row, key)) for key in ("native_place", "unit", "role", "place_of_death") if getattr(row, key)]
    if row.resting_place:
        rest = site.by_id[row.resting_place]
        facts.append(Fact("resting_place", r.t(rest.title), href=href(site.page_path(rest)), zh=False))
    if row.note:
        facts.append(Fact("note", row.note))
    if row.generated and row.record in site.by_id:  # from a person record: its page lists the sources
        person = site.by_id[row.record]
        facts.append(Fact("source", r.t(person.title), href=href(site.page_path(person)), zh=False))
    else:
        source = roll.sources[row.source]
        facts.append(Fact("source", f"[{numbers[source.id]}] {source.title}", href=f"#src-{source.id}", zh=False))
    links = []
    if row.record and row.record in site.by_id:
        links.append(Link(L("record", lang), href(site.page_path(site.by_id[row.record]))))
    links.append(Link(L("link", lang), f"#p-{row.id}"))
    if contact and kiosk:
        links.append(Link(L("correct_kiosk", lang, contact=contact, ref=f"{roll.id} #p-{row.id}"), cls="ex-roll-correct"))
    elif contact:
        url = (site.site_url or "") + person_url(site, roll, row, lang, sharded)
        subject = L("subject", lang, name=row.name, roll=roll.id, id=row.id)
        body = L("body", lang, name=row.name, url=url)
        links.append(Link(L("correct", lang), f"mailto:{contact}?subject={quote(subject)}&body={quote(body)}", "ex-roll-correct"))
    else:
        links.append(Link(L("correct_none", lang), cls="ex-roll-correct"))
    return Card(row.id, row.name, row.name_pinyin or " ".join(_title_pinyin(row.name)), facts, links)


@functools.lru_cache(maxsize=1 << 16)  # each name is shown in both languages and in the search data
def _title_pinyin(name: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(name, style=Style.NORMAL, errors=lambda chars: list(chars))
    if not syllables:
        return ()
    return (
        (syllables[0].capitalize(), "".join(syllables[1:]).capitalize()) if len(syllables) > 1 else (syllables[0].capitalize(),)
    )


def data_js(site: Site, r: Renderer, roll: Roll, lang: str) -> str:
    """The search data, by <script src>: one short array per name.

    [id, name, pinyin keys, initials, native place, era, resting place, "", died as shown, pinyin as
    shown] — a long list's results are drawn from it. What roll.js can work out is left empty (a fifth
    less to load at 10,000 names): the keys when they are the shown pinyin's letters, and the page of
    a long list's name (the first of its initials; once its own field)."""
    rows = []
    for row in roll.rows:
        full, initials = pinyin.keys(row.name)
        given = "".join(ch for ch in row.name_pinyin.lower() if ch.isalpha())
        keys = full if not given or given == full else f"{full} {given}"
        era = _era(site, row)
        shown = row.name_pinyin or " ".join(_title_pinyin(row.name))
        if keys == _NOT_KEY.sub("", shown.lower()):
            keys = ""
        rows.append(
            [
                row.id,
                row.name,
                keys,
                initials,
                row.native_place,
                era.id if era else "",
                row.resting_place,
                "",
                row.died.show(lang) if row.died else "",
                shown,
            ]
        )
    data = json.dumps({"rows": rows}, ensure_ascii=False, separators=(",", ":"))
    return f"window.EX_ROLL=window.EX_ROLL||{{}};window.EX_ROLL[{json.dumps(roll.id)}]={data};\n"
