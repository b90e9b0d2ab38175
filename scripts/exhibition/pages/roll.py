"""英名录 pages: one page per list and one for all lists, in both languages.

Every name is a card with a stable anchor (#p-<id>) a family can share. Search (characters,
full pinyin, initials) and filters run in the browser over a small per-list data file loaded
by <script src> (so it works from file:// in the kiosk), only on the roll pages; without
JavaScript every card is still there. Rare characters in names get a subset web font made
at build time from a CJK font on the machine (fontfonts.py does the subsetting).
"""

from __future__ import annotations

import hashlib
import json
from html import escape
from pathlib import Path
from urllib.parse import quote

import yaml

from .. import pinyin, urls
from ..records import model
from ..records.roll import Roll, Row
from . import rollfont
from ..words import UI
from .site import Site
from .write import Renderer

OUT = "roll"  # under the pages folder: exhibits/roll/
DATA = "data"  # exhibits/roll/data/<list>-<lang>.js and the font

GENDER_EN = {"男": "male", "女": "female"}


def L(key: str, lang: str, **kw) -> str:
    """A word of the roll's pages (words.yml, roll_*), with its {fields} filled in."""
    text = UI[f"roll_{key}"][lang]
    return text.format(**kw) if kw else text


SHARD_AT = 500  # a longer list puts its cards on one page per initial (A–Z), its own page searches


def _settings(root: Path) -> dict:
    path = root / "settings" / "roll.yml"
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}


def load_contact(root: Path) -> str:
    """settings/roll.yml `contact:` (the hall's e-mail for corrections); empty when unset."""
    return str(_settings(root).get("contact") or "").strip()


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


def pages(site: Site, rolls: list[Roll], root: Path, docs_dir: Path, langs=model.LANGS,
          kiosk: bool = False) -> dict[Path, str]:
    """{docs path: Markdown} of the roll pages; writes the data files and the font beside them.

    kiosk: the hall's touch screens have no e-mail: the correction address is written out, with the
    reference to quote, instead of a mailto: link."""
    out: dict[Path, str] = {}
    folder = docs_dir / site.out_dir / OUT
    data_dir = folder / DATA
    if not rolls:  # the nav names the roll's index: it is there, empty, until a list is added
        for lang in langs:
            r = Renderer(site, lang)
            out[folder / f"index.{lang}.md"] = index_page(site, r, rolls, lang)
        for path in data_dir.glob("*"):
            path.unlink()
        return out
    contact = load_contact(root)
    shard_at = int(_settings(root).get("shard_at") or SHARD_AT)
    font = rollfont.make(rolls, data_dir, root)
    keep = set()
    for lang in langs:
        r = Renderer(site, lang)
        out[folder / f"index.{lang}.md"] = index_page(site, r, rolls, lang)
        for roll in rolls:
            parts = shards(roll, shard_at)
            out[folder / f"{roll.id}.{lang}.md"] = roll_page(site, r, roll, lang, contact, font, kiosk, parts)
            for letter, rows in parts.items():
                out[folder / roll.id / f"{letter}.{lang}.md"] = roll_page(
                    site, r, roll, lang, contact, font, kiosk, parts, letter=letter)
            name = f"{roll.id}-{lang}.js"
            keep.add(name)
            _write(data_dir / name, data_js(site, r, roll, lang, parts))
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
        return f"{site.out_dir}/{OUT}/{roll.id}/{letter}.md"
    return f"{site.out_dir}/{OUT}/{roll.id if roll else 'index'}.md"


def person_url(site: Site, roll: Roll, row: Row, lang: str, sharded: bool = False) -> str:
    """Site-root-relative URL of a name: the page it is on and the person's anchor."""
    path = page_path(site, roll, shard_of(row) if sharded else None)
    return urls.page(path, lang, site.directory_urls) + f"#p-{row.id}"


def relative(site: Site, lang: str, from_path: str, to_path: str) -> str:
    """URL of to_path seen from the page of from_path (both docs/ paths, same language)."""
    import posixpath

    a, b = urls.page(from_path, lang, site.directory_urls), urls.page(to_path, lang, site.directory_urls)
    base = a if a.endswith("/") else posixpath.dirname(a) + "/"
    rel = posixpath.relpath(b or ".", base or ".")
    return rel + ("/" if b.endswith("/") and not rel.endswith("/") else "")


def index_page(site: Site, r: Renderer, rolls: list[Roll], lang: str) -> str:
    prefix = r.media_prefix(page_path(site))
    lines = [f"# {L('nav', lang)}", "", f'<link rel="stylesheet" href="{prefix}assets/roll.css">', f'<div class="ex-roll">',
             f'<p class="ex-roll-intro">{escape(L("intro", lang))}</p>',
             '<ul class="ex-roll-lists">' if rolls else f'<p>{escape(L("empty", lang))}</p>']
    for roll in rolls:
        href = prefix + urls.page(page_path(site, roll), lang, site.directory_urls)
        lines.append(f'<li class="ex-roll-list"><h2><a href="{escape(href)}">{escape(roll.header.title.get(lang))}</a></h2>'
                     f'<p>{escape(roll.header.covers.get(lang))}</p>'
                     f'<p class="ex-roll-count">{escape(count_line(roll, lang))}</p>'
                     f'<p><a class="md-button" href="{escape(href)}">{escape(L("open", lang))}</a></p></li>')
    lines += ["</ul>" if rolls else "", f'<p class="ex-roll-privacy">{escape(L("privacy", lang))}</p>', "</div>", ""]
    return "\n".join(lines)


def count_line(roll: Roll, lang: str) -> str:
    h = roll.header
    if h.count:
        label = h.count_label.get(lang) if h.count_label else ("names" if lang == "en" else "名录共")
        return L("honest", lang, label=label, count=f"{h.count:,}", listed=f"{len(roll.rows):,}")
    return L("listed", lang, listed=f"{len(roll.rows):,}")


def _era(site: Site, row: Row):
    return site.settings.era_of(row.died) if row.died else None


def roll_page(site: Site, r: Renderer, roll: Roll, lang: str, contact: str, font: str | None,
              kiosk: bool = False, parts: dict | None = None, letter: str | None = None) -> str:
    """A list's page (search, filters and, for a short list, every card); or, for a long list,
    the page of the names under one letter."""
    parts = parts or {}
    path = page_path(site, roll, letter)
    prefix = r.media_prefix(path)
    data_base = f"{prefix}{site.out_dir}/{OUT}/{DATA}/"
    h = roll.header
    numbers = {s.id: i for i, s in enumerate(h.sources, 1)}
    natives = sorted({row.native_place for row in roll.rows if row.native_place}, key=pinyin.keys)
    eras = [e for e in site.settings.eras if any(_era(site, row) is e for row in roll.rows)]
    rests = sorted({row.resting_place for row in roll.rows if row.resting_place})

    def options(values):
        return "".join(f'<option value="{escape(v)}">{escape(t)}</option>' for v, t in values)

    title = f"{h.title.get(lang)} · {letter.upper()}" if letter else h.title.get(lang)
    # A long list's names stay out of the site-wide search index (its own page searches them).
    front = ["---", "search:", "  exclude: true", "---", ""] if letter else []
    out = [*front, f"# {title}", "", f'<link rel="stylesheet" href="{prefix}assets/roll.css">']
    if font:
        out.append(f'<link rel="stylesheet" href="{data_base}{font}">')
    letters = ""
    if parts:
        current = ' aria-current="page"'
        items = "".join(f'<li><a href="{escape(relative(site, lang, path, page_path(site, roll, x)))}"'
                        f'{current if x == letter else ""}>{x.upper() if x != "0" else "#"}</a></li>'
                        for x in parts)
        letters = f'<nav class="ex-roll-letters" aria-label="{escape(L("letters", lang))}"><ul>{items}</ul></nav>'
    if letter:
        back = relative(site, lang, path, page_path(site, roll))
        out += ['<div class="ex-roll">',
                f'<p><a href="{escape(back)}">{escape(L("back", lang, title=h.title.get(lang)))}</a></p>', letters,
                '<ol class="ex-roll-cards">']
        out += [card(site, r, roll, row, lang, contact, numbers, prefix, kiosk, True) for row in parts[letter]]
        out += ["</ol>", sources_html(h, lang), "</div>"]
        return "\n".join(out) + "\n"
    shard_base = relative(site, lang, path, page_path(site, roll, "LETTER")) if parts else ""
    out += [f'<div class="ex-roll" data-roll="{roll.id}" data-shards="{escape(shard_base)}">',
            f'<p class="ex-roll-count"><strong>{escape(count_line(roll, lang))}</strong></p>',
            f'<p>{escape(h.covers.get(lang))}</p>']
    if lang == "en":
        out.append(f'<p class="ex-roll-note">{escape(L("zh_only", lang))}</p>')
    out.append(f'<form class="ex-roll-search" role="search" hidden>'
               f'<p><label for="roll-q">{escape(L("search", lang))}</label>'
               f'<input id="roll-q" name="q" type="search" autocomplete="off" spellcheck="false" '
               # The hall's screens have no keyboard: the field is filled by the keys below, and a
               # read-only field with inputmode none never opens the system's keyboard.
               + (' readonly inputmode="none" ' if kiosk else '') +
               f'placeholder="{escape(L("search_hint", lang))}" aria-describedby="roll-count"></p>'
               + (_kiosk_keys(lang) if kiosk else '') +
               f'<div class="ex-roll-filters">')
    for key, values in (("native_place", [(v, v) for v in natives]),
                        ("era", [(e.id, r.t(e.name)) for e in eras]),
                        ("resting_place", [(v, r.t(site.by_id[v].title)) for v in rests])):
        out.append(f'<p><label for="roll-{key}">{escape(L(key, lang))}</label><select id="roll-{key}" name="{key}">'
                   f'<option value="">{escape(L("all", lang))}</option>{options(values)}</select></p>')
    out.append(f'</div><p id="roll-count" class="ex-roll-shown" role="status" aria-live="polite" '
               f'data-template="{escape(L("shown", lang, shown="{shown}", total="{total}"))}" '
               f'data-more="{escape(L("more", lang, shown="{shown}", total="{total}", limit="{limit}"))}" '
               f'data-none="{escape(L("none", lang))}"></p></form>')
    if parts:
        out.append(letters)
        out.append('<ol class="ex-roll-cards" hidden></ol>')
    else:
        out.append('<ol class="ex-roll-cards">')
        for row in roll.rows:
            out.append(card(site, r, roll, row, lang, contact, numbers, prefix, kiosk))
        out.append("</ol>")
    out.append(sources_html(h, lang))
    out.append(f'<p class="ex-roll-privacy">{escape(L("privacy", lang))}</p>')
    out.append("</div>")
    out.append(f'<script src="{data_base}{roll.id}-{lang}.js"></script>')
    out.append(f'<script src="{prefix}assets/javascripts/roll.js"></script>')
    return "\n".join(out) + "\n"


def _kiosk_keys(lang: str) -> str:
    """An on-screen A–Z keyboard for the kiosk (docs/assets/javascripts/roll.js types with it)."""
    keys = "".join(f'<button type="button" class="kx-key" data-roll-key="{c}">{c.upper()}</button>'
                   for c in "abcdefghijklmnopqrstuvwxyz")
    keys += (f'<button type="button" class="kx-key kx-key--wide" data-roll-key="backspace">{escape(L("delete", lang))}</button>'
             f'<button type="button" class="kx-key kx-key--wide" data-roll-key="clear">{escape(L("clear", lang))}</button>')
    return f'<div class="ex-roll-keys" role="group" aria-label="{escape(L("keyboard", lang))}">{keys}</div>'


def sources_html(h, lang: str) -> str:
    out = [f'<h2 id="sources">{escape(L("sources", lang))}</h2><ol class="ex-roll-sources">']
    for s in h.sources:
        link = f'<a href="{escape(s.url)}">{escape(s.title)}</a>' if s.url else escape(s.title)
        date = f"，{s.date.show(lang)}" if s.date and lang == "zh" else (f", {s.date.show(lang)}" if s.date else "")
        out.append(f'<li id="src-{s.id}">{link}（{escape(s.publisher)}{escape(date)}）' if lang == "zh" else
                   f'<li id="src-{s.id}">{link} ({escape(s.publisher)}{escape(date)})')
        out.append(f'<blockquote lang="zh"><p>{escape(s.quote)}</p></blockquote></li>')
    out.append("</ol>")
    return "".join(out)


def card(site: Site, r: Renderer, roll: Roll, row: Row, lang: str, contact: str, numbers: dict, prefix: str,
         kiosk: bool = False, sharded: bool = False) -> str:
    name_pinyin = row.name_pinyin or " ".join(_title_pinyin(row.name))
    facts = []

    def fact(key: str, value: str, zh_text: bool = True) -> None:
        if value:
            attr = ' lang="zh"' if zh_text and lang == "en" else ""
            facts.append(f'<div><dt>{escape(L(key, lang))}</dt><dd{attr}>{value}</dd></div>')

    if row.gender:
        fact("gender", escape(GENDER_EN.get(row.gender, row.gender) if lang == "en" else row.gender), False)
    fact("born", r.d(row.born) if row.born else "", False)
    fact("died", r.d(row.died) if row.died else "", False)
    fact("native_place", escape(row.native_place))
    fact("unit", escape(row.unit))
    fact("role", escape(row.role))
    fact("place_of_death", escape(row.place_of_death))
    if row.resting_place:
        rest = site.by_id[row.resting_place]
        href = prefix + urls.page(site.page_path(rest), lang, site.directory_urls)
        fact("resting_place", f'<a href="{escape(href)}">{escape(r.t(rest.title))}</a>', False)
    fact("note", escape(row.note))
    source = roll.sources[row.source]
    fact("source", f'<a href="#src-{source.id}">[{numbers[source.id]}] {escape(source.title)}</a>', False)
    links = []
    if row.record and row.record in site.by_id:
        href = prefix + urls.page(site.page_path(site.by_id[row.record]), lang, site.directory_urls)
        links.append(f'<a href="{escape(href)}">{escape(L("record", lang))}</a>')
    links.append(f'<a href="#p-{row.id}">{escape(L("link", lang))}</a>')
    if contact and kiosk:
        text = L("correct_kiosk", lang, contact=contact, ref=f"{roll.id} #p-{row.id}")
        links.append(f'<span class="ex-roll-correct">{escape(text)}</span>')
    elif contact:
        url = (site.site_url or "") + person_url(site, roll, row, lang, sharded)
        subject = L("subject", lang, name=row.name, roll=roll.id, id=row.id)
        body = L("body", lang, name=row.name, url=url)
        mailto = f"mailto:{contact}?subject={quote(subject)}&body={quote(body)}"
        links.append(f'<a class="ex-roll-correct" href="{escape(mailto)}">{escape(L("correct", lang))}</a>')
    else:
        links.append(f'<span class="ex-roll-correct">{escape(L("correct_none", lang))}</span>')
    return (f'<li class="ex-roll-card" id="p-{row.id}">'
            f'<h2 class="ex-roll-name"><span lang="zh">{escape(row.name)}</span> '
            f'<span class="ex-roll-pinyin" lang="zh-Latn-pinyin">{escape(name_pinyin)}</span></h2>'
            f'<dl>{"".join(facts)}</dl><p class="ex-roll-links">{" · ".join(links)}</p></li>')


def _title_pinyin(name: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(name, style=Style.NORMAL, errors=lambda chars: list(chars))
    if not syllables:
        return []
    return [syllables[0].capitalize(), "".join(syllables[1:]).capitalize()] if len(syllables) > 1 else [syllables[0].capitalize()]


def data_js(site: Site, r: Renderer, roll: Roll, lang: str, parts: dict) -> str:
    """The search data, by <script src>: one short array per name.

    [id, name, pinyin keys, initials, native place, era, resting place, page letter (long lists),
    died as shown, pinyin as shown] — a long list's results are drawn from it."""
    rows = []
    for row in roll.rows:
        full, initials = pinyin.keys(row.name)
        given = "".join(ch for ch in row.name_pinyin.lower() if ch.isalpha())
        keys = full if not given or given == full else f"{full} {given}"
        era = _era(site, row)
        shown = row.name_pinyin or " ".join(_title_pinyin(row.name))
        rows.append([row.id, row.name, keys, initials, row.native_place, era.id if era else "", row.resting_place,
                     shard_of(row) if parts else "", row.died.show(lang) if row.died else "", shown])
    data = json.dumps({"rows": rows}, ensure_ascii=False, separators=(",", ":"))
    return f"window.EX_ROLL=window.EX_ROLL||{{}};window.EX_ROLL[{json.dumps(roll.id)}]={data};\n"


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
