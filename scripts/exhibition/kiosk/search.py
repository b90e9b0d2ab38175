"""The kiosk's search page: an on-screen A–Z keyboard, no operating-system keyboard ever.

Only in the kiosk build (like the attract screen): docs/<pages_dir>/kiosk/search.{zh,en}.md from
pages/templates/kiosk_search.md.j2, and beside it the search data as one small script per
language (search-zh.js, search-en.js: file:// cannot fetch JSON). The Chinese data carries the
pinyin of titles, names, places and tags, full and initials ("lcj", "liaocheng" -> 聊城舰);
the English data the words. kiosk.js matches what is typed and draws the result cards.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from .. import pinyin
from ..pages.catalogue import Catalogue
from ..pages.format import kind_icon
from ..pages.write import Renderer
from ..records import model
from ..words import UI
from .attract import FOLDER
from .settings import TEXT, Kiosk

DATA = "search-{lang}.js"  # beside the page, in docs/<pages_dir>/kiosk/
SUGGESTED_TAGS = 8
_WORD = re.compile(r"[a-z0-9]+")


def page_path(out_dir: str) -> str:
    """docs/-relative path of the search page."""
    return Catalogue(out_dir).path("kiosk_search")


def english_keys(text: str) -> tuple[str, str]:
    """(the letters of text without spaces, the first letter of each word): as pinyin.keys does for Chinese."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()  # Fàn -> fan
    words = _WORD.findall(plain)
    return "".join(words), "".join(w[0] for w in words)


def _texts(record, lang: str, tag_names: dict[str, model.Text]) -> list[str]:
    """What a visitor may type for a record: its title first, then names, places and tags."""

    def t(text):
        return _in(text, lang)

    out = [t(record.title)]
    if isinstance(record, model.Person):
        out += _person_texts(record, lang)
    out += [t(x) for x in getattr(record, "other_names", [])]
    out += [t(b.name) for b in getattr(record, "notable_burials", [])]  # 肖永智 finds where he rests
    out += [t(getattr(record, "address", None)), t(getattr(record, "place", None))]
    out += [t(tag_names[tag]) for tag in record.tags if tag in tag_names]
    out.append(UI[f"one_{record.kind}"][lang])  # "ship", "person": what a child may try first
    seen: list[str] = []
    for text in out:
        if text and text not in seen:
            seen.append(text)
    return seen


def _in(text, lang: str) -> str:
    """A Text in one language, "" for none."""
    return text.get(lang) if text else ""


def _person_texts(person: model.Person, lang: str) -> list[str]:
    """A person's name (in pinyin for English) and the places of their birth and death."""
    name = person.name.zh if lang == "zh" else person.name.pinyin
    return [name, *(_in(e.place, lang) for e in (person.born, person.died) if e)]


def keys_of(texts: list[str], lang: str) -> list[list[str]]:
    make = pinyin.keys if lang == "zh" else english_keys
    return [list(make(text)) for text in texts if any(make(text))]


def records(site) -> list:
    """The exhibits a visitor can search for: every published record but the teachers' lessons."""
    return [r for r in site.records if r.kind != "lesson"]


class SearchRenderer(Renderer):
    def __init__(self, site, lang: str, featured: list | None = None):
        super().__init__(site, lang)
        # The kiosk's featured exhibits (settings/kiosk.yml): the quick list beside the keyboard.
        self.featured = featured if featured is not None else [r for r in records(site) if r.featured]

    def data(self) -> dict:
        """The search data of this language, with addresses seen from the search page."""
        path = page_path(self.site.out_dir)
        ctx = self.context(path)
        tag_names = {tag.id: tag.name for tag in self.site.settings.tags.values()}
        items = []
        for record in records(self.site):
            der = self.site.lead_image(record)
            items.append(
                {
                    "id": record.id,
                    "kind": record.kind,
                    "label": UI[f"one_{record.kind}"][self.lang],
                    "title": self.t(record.title),
                    "summary": self.t(record.summary),
                    "href": ctx["page_url"](self.site.page_path(record)),
                    "img": f"{ctx['media']}{der.small.url}" if der else "",
                    "w": der.small.width if der else 0,
                    "h": der.small.height if der else 0,
                    "pos": record.images[0].position if der else "",  # the card cuts around the picture's focus
                    "tags": list(record.tags),
                    "featured": record in self.featured,
                    "keys": keys_of(_texts(record, self.lang, tag_names), self.lang),
                }
            )
        kinds = sorted({item["kind"] for item in items})
        return {
            "lang": self.lang,
            "items": items,
            "icons": {k: kind_icon(k) for k in kinds},
            "text": {k: TEXT[k][self.lang] for k in ("search_found", "search_none", "search_featured", "search_tag")},
        }

    def page(self) -> str:
        path = page_path(self.site.out_dir)
        ctx = self.context(path)
        # The subjects with most exhibits, in the order of settings/tags.yml: a short list to scan.
        counts = {tag: sum(tag in r.tags for r in records(self.site)) for tag in self.site.settings.tags}
        top = set(sorted((t for t in counts if counts[t]), key=lambda t: -counts[t])[:SUGGESTED_TAGS])
        tags = [(tag.id, self.t(tag.name)) for tag in self.site.settings.tags.values() if tag.id in top]
        featured = self.featured
        ctx.update(
            kt=lambda key: TEXT[key][self.lang],
            tags=tags,
            featured=featured,
            data_src=f"{ctx['media']}{self.site.out_dir}/{FOLDER}/{DATA.format(lang=self.lang)}",
            letters=[chr(c) for c in range(ord("a"), ord("z") + 1)],
        )
        return self.env.get_template("kiosk_search.md.j2").render(ctx)


def script(data: dict) -> str:
    # A plain global, read by kiosk.js; "</" escaped so no text can end the script element.
    return "window.KX_SEARCH = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/") + ";\n"


def pages(site, docs_dir: Path, kiosk: Kiosk, langs=("zh", "en")) -> dict[Path, str]:
    """{path under docs/: Markdown} of the search page in every language."""
    featured = kiosk.featured_all(records(site))
    return {
        docs_dir / site.catalogue.file("kiosk_search", lang=lang): SearchRenderer(site, lang, featured).page() for lang in langs
    }


def write_data(site, docs_dir: Path, kiosk: Kiosk, langs=("zh", "en")) -> None:
    """The search data beside the page (written only when it changed, for live reload's sake)."""
    folder = docs_dir / site.out_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for lang in langs:
        path = folder / DATA.format(lang=lang)
        text = script(SearchRenderer(site, lang, kiosk.featured_all(records(site))).data())
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def remove_data(docs_dir: Path, out_dir: str, langs=("zh", "en")) -> None:
    """The main site has no kiosk parts: a kiosk build's data left in docs/ goes (its pages go with write_pages)."""
    for lang in langs:
        (docs_dir / out_dir / FOLDER / DATA.format(lang=lang)).unlink(missing_ok=True)
