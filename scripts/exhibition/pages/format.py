"""The formatters: how a text, date, number, figure or credit reads in one language.

Layer: pages/, below the writer (write.py) and the edition adapters' renderers
(kiosk/, pages/roll.py), which all format through a `Formatter`. `Links` is the
same for the links of one page: every address it writes is relative to that page,
taken from urls.py in the site's URL style.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from .. import urls
from ..records import model
from ..records.dates import PartialDate
from ..records.markers import WITH_SPACE, ids_of
from ..thirdparty import material_icon
from ..words import UI
from .site import Site

# Punctuation around labels: Chinese pages use full-width marks, English pages never do.
PUNCTUATION = {
    "zh": dict(colon="：", semicolon="；", comma="，", stop="。", lp="（", rp="）"),
    "en": dict(colon=": ", semicolon="; ", comma=", ", stop=". ", lp=" (", rp=")"),
}
# A gloss in round brackets inside an English aside ("Wikipedia (维基百科)": after a space, outside any HTML
# tag): its brackets become square. A Markdown link's "](…)" has no space before it, and stays a link.
_INNER_GLOSS = re.compile(r"(<[^>]*>)|(?<=\s)\(([^()]*)\)")


def aside(text: str, lang: str) -> str:
    """text in brackets after what it qualifies: "（…）" on a Chinese page, " (…)" on an English one. English
    nests brackets square inside round, so a gloss in the text keeps its place without doubling the marks:
    "(Wikipedia [维基百科])", not "(Wikipedia (维基百科))". Markup stays Markup (its tags untouched)."""
    p = PUNCTUATION[lang]
    if lang == "en":
        text = type(text)(_INNER_GLOSS.sub(lambda m: m[1] or f"[{m[2]}]", text))
    return p["lp"] + text + p["rp"]


# A card for a record without a picture shows its kind's icon (Material's bundled icons), never a blank box.
KIND_ICONS = {
    "place": "town-hall",
    "vessel": "ferry",
    "memorial": "grave-stone",
    "person": "account",
    "event": "calendar-star",
    "theme": "handshake",
    "story": "book-open-page-variant",
    "lesson": "school",
    "timeline": "timeline-clock",
    "hall_map": "map-legend",
    "tour": "walk",
    "roll": "account-group",
}


def wrap_label(text: str, width: int = 12) -> list[str]:
    """A zone name on the floor plan, in lines of about `width` characters (English names are long)."""
    words, lines = text.split(" "), [""]
    for word in words:
        if lines[-1] and len(lines[-1]) + 1 + len(word) > width:
            lines.append(word)
        else:
            lines[-1] = f"{lines[-1]} {word}".strip()
    return lines


def after_badge(caption: str, lang: str) -> str:
    """An illustration's caption as shown after its 示意图 / Illustration badge: without the same word
    (and its colon) at its start, which curators often write ("示意图：护卫舰侧影…")."""
    said = re.match(rf"\s*{re.escape(UI['illustration'][lang])}\s*[:：]\s*", caption, flags=re.IGNORECASE)
    rest = caption[said.end() :] if said else caption
    return rest[:1].upper() + rest[1:]  # "Illustration: a corvette…" -> "A corvette…" (Chinese has no case)


@functools.cache
def kind_icon(kind: str) -> str:
    path = material_icon(KIND_ICONS.get(kind, "star"))
    return path.read_text(encoding="utf-8").strip().replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


@dataclass(frozen=True)
class CoverFrame:
    """The frame of a story's cover: the picture's own shape, bounded, so a portrait phone photo is not
    cut to a band. ratio is width / height; wide covers span the column above the title, the others
    stand beside it on a wide screen (exhibition.css, .ex-story-head)."""

    ratio: float
    wide: bool
    gallery: str = "record"  # the lightbox's group: its own when a section shows the same picture

    TALLEST: ClassVar[float] = 0.6  # a picture taller than 3:5 is cut around its focal point
    WIDE_FROM: ClassVar[float] = 2.0  # from 2:1 on (panoramas), a band across the column

    @classmethod
    def of(cls, width: int, height: int, repeated: bool = False) -> CoverFrame:
        ratio = max(width / height, cls.TALLEST)
        return cls(round(ratio, 4), ratio >= cls.WIDE_FROM, "cover" if repeated else "record")


@dataclass(frozen=True)
class Dated:
    date: PartialDate
    label: str


class Formatter:
    """Texts, words, dates, numbers and lists as they read in `lang`; knows no page and no link."""

    def __init__(self, lang: str):
        self.lang = lang

    def t(self, text: model.Text | None) -> str:
        return text.get(self.lang) if text else ""

    def ui(self, key: str) -> str:
        return UI[key][self.lang]

    def cite(self, text: model.Text | None, sources: list[model.Source], *, escape: bool = False) -> str:
        """The text with each citation marker [@id] as small linked numbers to the page's source list
        (`#source-<id>`, numbered as listed), as reference works do. escape: for text put in HTML, not Markdown."""
        if not text:
            return ""
        raw = text.cited(self.lang)
        if escape:
            raw = html.escape(raw, quote=False)
        return WITH_SPACE.sub(lambda match: self.marks(ids_of(match.group(1)), sources), raw)

    def marks(self, ids, sources: list[model.Source]) -> str:
        """Small linked numbers to the page's source list (`#source-<id>`, numbered as listed): a
        paragraph's citation markers, and the notes of a fact's value."""
        numbers = {s.id: (i, s) for i, s in enumerate(sources, 1)}
        links = [
            f'<a href="#source-{sid}" class="ex-cite" title="{html.escape(numbers[sid][1].title)}" '
            f'aria-label="{self.ui("cite_source")} {numbers[sid][0]}">[{numbers[sid][0]}]</a>'
            for sid in dict.fromkeys(ids)
            if sid in numbers
        ]
        return f'<sup class="ex-cites">{"".join(links)}</sup>' if links else ""

    def d(self, date: PartialDate | None) -> str:
        return f'<time datetime="{date.iso}">{date.show(self.lang)}</time>' if date else ""

    def num(self, value) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return f"{value:,}" if isinstance(value, (int, float)) else str(value)

    def mb(self, size: int) -> str:
        """A download's size as a teacher reads it before clicking: "1.4 MB"."""
        return f"{max(size / 1_000_000, 0.1):.1f} MB"

    def join(self, texts: list[model.Text]) -> str:
        return ("、" if self.lang == "zh" else "; ").join(self.t(x) for x in texts)

    def join_plain(self, items: list[str]) -> str:
        return ("；" if self.lang == "zh" else "; ").join(items)

    def cell(self, value) -> str:
        # A table cell is one line; a pipe would end it.
        return str(value).replace("|", "\\|").replace("\n", " ")

    def figure_value(self, figure: model.Figure) -> str:
        value = self.num(figure.value)
        if figure.unit:
            value += ("" if self.lang == "zh" else " ") + self.t(figure.unit)
        if figure.qualifier:
            value = f"{self.ui(figure.qualifier)}{'' if self.lang == 'zh' else ' '}{value}"
        return value

    def motto(self, text: model.Text) -> str:
        if self.lang == "en" and text.en:
            return f"{text.en} ({text.zh}; {self.ui('our_translation')})"
        return text.zh

    def life(self, event: model.LifeEvent) -> str:
        parts = [self.d(event.date) if event.date else "", self.t(event.place) if event.place else ""]
        return ("，" if self.lang == "zh" else ", ").join(p for p in parts if p)

    def burials(self, burials: list[model.Burial], link_to: Callable[[str], str]) -> str:
        """link_to: a person's id -> a link to their page (from the page being written)."""
        out = []
        for b in burials:
            name = link_to(b.person) if b.person else self.t(b.name)
            out.append(name + aside(self.t(b.role), self.lang) if b.role else name)
        return self.join_plain(out)

    def protection(self, levels: list[model.Protection]) -> str:
        out = []
        for p in sorted(levels, key=lambda p: p.date):
            number = f" {p.number}" if p.number else ""
            out.append(f"{self.d(p.date)} {self.t(p.level)}{number}")
        return self.join_plain(out)

    def credit_line(self, image: model.Image) -> str:
        parts = []
        if image.credit:
            parts.append(self.t(image.credit))
        elif image.creator:
            parts.append(image.creator)
        if image.licence:
            parts.append(self.t(image.licence))
        return f"{self.ui('credit')}{PUNCTUATION[self.lang]['colon']}" + " · ".join(parts) if parts else ""


@dataclass
class Links:
    """The links of the page made from docs_path, in `lang`: each relative to that page."""

    site: Site
    lang: str
    docs_path: str

    @property
    def media(self) -> str:
        """The site's root (where docs/ is served) seen from this page."""
        return urls.root_from(self.docs_path, self.lang, self.site.directory_urls)

    def rel(self, target: str) -> str:
        """A Markdown link to a docs/ file; MkDocs rewrites it for the edition and language."""
        return urls.markdown_link(target, self.docs_path)

    def link_path(self, record: model.Record) -> str:
        return self.rel(self.site.page_path(record))

    def link(self, record: model.Record) -> str:
        return f"[{record.title.get(self.lang) if record.title else ''}]({self.link_path(record)})"

    def link_to(self, record_id: str) -> str:
        return self.link(self.site.by_id[record_id])

    def links(self, ids: list[str], join: Callable[[list[str]], str]) -> str:
        return join([self.link_to(i) for i in ids])

    def page_url(self, target: str) -> str:
        """URL of a docs/ page from this page, for raw HTML (SVG, cards) that MkDocs does not rewrite."""
        return urls.page_from(target, self.docs_path, self.lang, self.site.directory_urls)

    def url(self, key: str, item=None) -> str:
        """URL of the catalogue's page `key` (for one item of a per-item kind) from this page, for raw HTML."""
        return self.page_url(self.site.catalogue.path(key, item))

    def md_url(self, key: str, item=None) -> str:
        """The same page as a Markdown link's target, which MkDocs checks and rewrites."""
        return self.rel(self.site.catalogue.path(key, item))

    def zone_href(self, zone) -> str:
        return self.url("hall_map") + f"#zone-{zone.id}"
