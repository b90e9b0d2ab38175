"""What the 英名录 pages show, as data: a card's facts and links, the list's statement and count, the
page of all lists' entries, and the search data file (one short array per name) roll.js reads.

roll.py makes the pages from these (which page, its address, its template); the words are in
words.yml (roll_*).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from typing import Optional

from .. import pinyin
from ..records import model
from ..records.dates import PartialDate
from ..records.roll import Roll, Row
from ..words import UI
from .site import Site
from .write import Renderer

GENDERS = {"男": "male", "女": "female"}  # roll_male, roll_female in words.yml
_NOT_KEY = re.compile(r"[^a-z0-9]")  # what roll.js strips from the shown pinyin to get the keys


def L(key: str, lang: str, **kw) -> str:
    """A word of the roll's pages (words.yml, roll_*), with its {fields} filled in."""
    text = UI[f"roll_{key}"][lang]
    return text.format(**kw) if kw else text


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


def era_of(site: Site, row: Row):
    return site.settings.era_of(row.died) if row.died else None


@functools.lru_cache(maxsize=1 << 16)  # each name is shown in both languages and in the search data
def title_pinyin(name: str) -> tuple[str, ...]:
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
        era = era_of(site, row)
        shown = row.name_pinyin or " ".join(title_pinyin(row.name))
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
