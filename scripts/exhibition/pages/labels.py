"""How a record is named in a line: the label under its title, a typographic card's dates and line, a
disputed value and who says what, a source as a sentence names it.

Layer: pages/, between the formatters (format.py) and the writer (write.py), whose Renderer is a
`Labels`: the templates read these through it.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

from ..records import model, publishers
from ..records.dates import PartialDate
from ..records.publishers import publisher_name
from ..words import UI
from .format import PUNCTUATION, Formatter
from .site import Site

_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

# Official and primary sources first in a record's list (design review 2026-12, #1): public bodies, state
# news agencies and papers, archives, yearbooks, printed works (《…》); then the rest, each group as the
# curator listed it. The citation numbers follow this order.
_OFFICIAL = re.compile(
    r"政府|人民代表大会|国务院|中央|委员会|事务局|事务部|档案馆|年鉴|新华社|人民日报|解放军报|光明日报|经济日报|央视|中国军网|"
    r"^《|Xinhua|People's Daily|PLA Daily|China Military|Government|Ministry|Archives"
)


# A card's life years: how a dispute's years are joined, the dash between birth and death, an unknown year.
_LIFE = {"zh": ("或", "—", "？"), "en": (" or ", "–", "?")}


def listed_sources(record: model.Record) -> list[model.Source]:
    return sorted(record.sources, key=lambda s: 0 if _OFFICIAL.search(publisher_name(s)) else 1)


def _short_title(title: str) -> str:
    """A title without its bracketed notes ("与孔繁森相识的回忆（期刊文章，…）" -> "与孔繁森相识的回忆")."""
    return re.sub(r"\s*[（(][^（）()]*[）)]\s*$", "", title).strip() or title


def years(event: model.LifeEvent | None, dispute: model.Disputed | None, join: str) -> str:
    """A birth's or death's year; a dispute's years joined ("1881或1882"), a year or a date each."""
    if dispute is not None:
        return join.join(dict.fromkeys(str(v.value)[:4] for v in dispute.values))
    return str(event.date.year) if event and event.date else ""


class Labels(Formatter):
    """The lines that name a record, in one language (for the site's records: a place's title)."""

    def __init__(self, site: Site, lang: str):
        super().__init__(lang)
        self.site = site

    # --- a typographic card (a person or an event without a picture) ---

    def card_dates(self, record: model.Record) -> str:
        """A typographic card's dates: a person's life in years ("1881或1882—1938", a dispute's values joined),
        an event's date (or its start and end)."""
        if isinstance(record, model.Person):
            return self._life_years(record)
        if isinstance(record, model.Event):
            return self._event_span(record)
        return ""

    def _life_years(self, person: model.Person) -> str:
        disputed = {x.field: x for x in person.disputed}
        join, dash, unknown = _LIFE[self.lang]
        born, died = (years(getattr(person, f), disputed.get(f), join) for f in ("born", "died"))
        if person.living:
            return UI["born_in"][self.lang].format(year=born) if born else ""
        return f"{born or unknown}{dash}{died}" if born or died else ""

    def _event_span(self, event: model.Event) -> str:
        start, end = event.start, event.end
        if not (start and end):
            return event.when.show(self.lang) if event.when else ""
        if (start.year, start.month) == (end.year, end.month) and start.day and end.day:  # 14–15 Nov
            return f"{start.show('zh')}—{end.day}日" if self.lang == "zh" else f"{start.day}–{end.show('en')}"
        return f"{start.show(self.lang)}{'—' if self.lang == 'zh' else ' – '}{end.show(self.lang)}"

    def card_line(self, record: model.Record) -> str:
        """A typographic card's one line: a person's role, an event's place; else the summary."""
        line = getattr(record, "role", None) if isinstance(record, model.Person) else getattr(record, "place", None)
        return self.t(line) if line else self.t(record.summary)

    # --- sources and disputed values ---

    def publisher(self, source: model.Source) -> str:
        """The source's publisher as every list, note and JSON-LD names it: without hosts (publisher_name);
        on an English page, its English name from the glossary's `publishers` first, the original after it
        in brackets, marked as Chinese: Markup 'Liaocheng Daily (<span lang="zh">聊城日报</span>)' (its
        .striptags() is the plain text). As written, a plain str, when the glossary has no English for it."""
        en, name = publishers.shown(source, self.lang, self.site.settings.publishers)
        if not en:
            return name
        p = PUNCTUATION[self.lang]
        return Markup('{}{}<span lang="zh">{}</span>{}').format(en, p["lp"], name, p["rp"])

    def publisher_text(self, source: model.Source) -> str:
        """The publisher as `publisher` names it, as plain text (JSON-LD): "Liaocheng Daily (聊城日报)"."""
        return publishers.plain(source, self.lang, self.site.settings.publishers)

    def source_label(self, source: model.Source) -> str:
        """A source as a sentence names it: its publisher, or "the web page “title”" when only a host is known."""
        return self.publisher(source) or self.ui("a_web_page").format(title=_short_title(source.title))

    def _label_html(self, source: model.Source) -> str:
        """source_label as HTML: its Markup as is, plain text escaped."""
        label = self.source_label(source)
        return label if isinstance(label, Markup) else html.escape(label, quote=False)

    def value(self, value) -> str:
        """A disputed value as written: a date in the page's language, a number with its separators."""
        if isinstance(value, str) and _ISO_DATE.match(value):
            return self.d(PartialDate.parse(value))
        if isinstance(value, (int, float)):
            return self.num(value) if value >= 10_000 else str(value)  # 1881, 1500吨: no separator
        return html.escape(str(value))

    def differ(self, dispute: model.Disputed, sources: list[model.Source], unit: bool = True) -> tuple[str, str]:
        """(the values, plainly: "1881或1882"; the one-line note naming each value's sources by publisher)."""
        p = PUNCTUATION[self.lang]
        by_id = {s.id: s for s in sources}
        shown = " " if self.lang == "en" else ""
        unit_text = f"{shown}{self.t(dispute.unit)}" if dispute.unit and unit else ""
        groups: dict[str, list[str]] = {}
        for v in dispute.values:
            source = by_id.get(v.source)
            name = self._label_html(source) if source else html.escape(v.source, quote=False)
            names = groups.setdefault(self.value(v.value) + unit_text, [])
            if name not in names:
                names.append(name)
        values = self.ui("or_join").join(groups)
        said = [
            self.ui("differ_says").format(who=("、" if self.lang == "zh" else ", ").join(names), value=value)
            for value, names in groups.items()
        ]
        note = p["semicolon"].join(said) + p["stop"].strip()
        return values, note

    # --- the line under a record's title ---

    def label_line(self, record: model.Record, disputes: dict) -> str:
        """The line under a record's title: life dates and role for a person; date and place for an event;
        class, type and hull number for a ship."""
        if isinstance(record, model.Person):
            parts = self._person_label(record, disputes)
        elif isinstance(record, model.Event):
            parts = self._event_label(record, disputes)
        elif isinstance(record, model.Vessel):
            parts = self._vessel_label(record)
        else:
            parts = []
        return " · ".join(p for p in parts if p)

    def _person_label(self, person: model.Person, disputes: dict) -> list[str]:
        join = self.ui("or_join")
        born, died = (years(getattr(person, f), disputes.get(f), join) for f in ("born", "died"))
        parts = [f"{born} — {died}" if died else born] if born or died else []
        if person.role:
            parts.append(html.escape(self.t(person.role)))
        return parts

    def _event_label(self, event: model.Event, disputes: dict) -> list[str]:
        if "date" in disputes:
            when = self.differ(disputes["date"], event.sources)[0]
        elif event.date:
            when = self.d(event.date)
        elif event.start:
            when = self.d(event.start) + (f" — {self.d(event.end)}" if event.end else "")
        else:
            when = ""
        place = self.site.by_id[event.place_record].title if event.place_record else event.place
        return [when, html.escape(self.t(place)) if place else ""]

    def _vessel_label(self, vessel: model.Vessel) -> list[str]:
        shown = "" if self.lang == "zh" else " "
        return [
            html.escape(f"{self.t(vessel.ship_class)}{shown}{self.t(vessel.ship_type)}"),
            html.escape(f"{self.ui('hull_number')}{shown}{vessel.hull_number}"),
        ]
