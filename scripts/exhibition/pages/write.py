"""Step 3 of the flow: records (+ derivatives) -> zh and en Markdown pages: the writer.

Layer: pages/. The read model is site.py (`Site`), the formatters are format.py;
this module holds the page renderers (`Renderer`, one per language) and the write
loop. Pages are rendered from the Jinja templates beside this file and written into
a git-ignored folder under docs/. A file is written only when its text changed,
so MkDocs' live reload and caches see only real changes.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .. import strokes, urls
from ..records import model
from ..records.audio import shown as audio_shown
from ..records.dates import PartialDate
from ..words import UI
from . import lessons, structured
from .format import PUNCTUATION, CoverFrame, Dated, Formatter, Links, after_badge, kind_icon, publisher_name, wrap_label
from .language_parts import text_lang
from .site import Site
from .timeline import merged

HERE = Path(__file__).parent


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    """One per process: the preview's rebuilds reuse its compiled templates (Jinja reloads an edited one)."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        undefined=StrictUndefined,  # a typo in a template fails the build, not the page
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    return env


# Fields a record of the kind should have, listed once under the sources while no source gives them
# ("尚待查证：服役日期、所属舰队、母港") instead of rows saying so (design review 2026-12, #1).
EXPECTED_FIELDS = {"vessel": ("commissioned", "fleet", "home_port")}
_ISO_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")

FACT_FIELDS = {
    path.stem.split(".")[0]: set(re.findall(r"m\.fact\('(\w+)'", path.read_text(encoding="utf-8")))
    for path in (HERE / "templates" / "facts").glob("*.md.j2")
}


# Official and primary sources first in a record's list (design review 2026-12, #1): public bodies, state
# news agencies and papers, archives, yearbooks, printed works (《…》); then the rest, each group as the
# curator listed it. The citation numbers follow this order.
_OFFICIAL = re.compile(
    r"政府|人民代表大会|国务院|中央|委员会|事务局|事务部|档案馆|年鉴|新华社|人民日报|解放军报|光明日报|经济日报|央视|中国军网|"
    r"^《|Xinhua|People's Daily|PLA Daily|China Military|Government|Ministry|Archives"
)


def listed_sources(record: model.Record) -> list[model.Source]:
    return sorted(record.sources, key=lambda s: 0 if _OFFICIAL.search(publisher_name(s)) else 1)


def _short_title(title: str) -> str:
    """A title without its bracketed notes ("与孔繁森相识的回忆（期刊文章，…）" -> "与孔繁森相识的回忆")."""
    return re.sub(r"\s*[（(][^（）()]*[）)]\s*$", "", title).strip() or title


class Renderer(Formatter):
    """The pages of one language. `context(docs_path)` is what every template of a page reads."""

    def __init__(self, site: Site, lang: str):
        super().__init__(lang)
        self.site = site
        self.env = _environment()

    def tag_name(self, tag: str) -> str:
        known = self.site.settings.tags.get(tag)
        return self.t(known.name) if known else tag

    def card_dates(self, record: model.Record) -> str:
        """A typographic card's dates: a person's life in years ("1881或1882—1938", a dispute's values joined),
        an event's date (or its start and end)."""
        if isinstance(record, model.Person):
            disputed = {x.field: x for x in record.disputed}

            def year(field: str, event) -> str:
                if field in disputed:  # a year or a date each: the card shows years
                    years = dict.fromkeys(str(v.value)[:4] for v in disputed[field].values)
                    return (" or " if self.lang == "en" else "或").join(years)
                return str(event.date.year) if event and event.date else ""

            born, died = year("born", record.born), year("died", record.died)
            if not born and not died:
                return ""
            dash = "—" if self.lang == "zh" else "–"
            if record.living:
                return UI["born_in"][self.lang].format(year=born) if born else ""
            return f"{born or ('？' if self.lang == 'zh' else '?')}{dash}{died}"
        if isinstance(record, model.Event):
            start, end = record.start, record.end
            if start and end:
                if (start.year, start.month) == (end.year, end.month) and start.day and end.day:  # 14–15 Nov
                    if self.lang == "zh":
                        return f"{start.show('zh')}—{end.day}日"
                    return f"{start.day}–{end.show('en')}"
                return f"{start.show(self.lang)}{'—' if self.lang == 'zh' else ' – '}{end.show(self.lang)}"
            return record.when.show(self.lang) if record.when else ""
        return ""

    def card_line(self, record: model.Record) -> str:
        """A typographic card's one line: a person's role, an event's place; else the summary."""
        line = getattr(record, "role", None) if isinstance(record, model.Person) else getattr(record, "place", None)
        return self.t(line) if line else self.t(record.summary)

    def context(self, page_path: str) -> dict:
        """The template context of the page made from page_path (a docs/ .md path)."""
        page = Links(self.site, self.lang, page_path)
        return dict(
            page_url=page.page_url,
            zone_href=page.zone_href,
            tag_name=self.tag_name,
            card_dates=self.card_dates,
            card_line=self.card_line,
            hall=self.site.settings.hall,
            current=None,
            small=False,
            kind_icon=kind_icon,
            wrap_label=wrap_label,
            **PUNCTUATION[self.lang],
            records_of=lambda ids: [self.site.by_id[i] for i in ids],
            text_lang=text_lang,
            t=self.t,
            ui=self.ui,
            d=self.d,
            num=self.num,
            mb=self.mb,
            join=self.join,
            cell=self.cell,
            figure_value=self.figure_value,
            motto=self.motto,
            life=self.life,
            # Facts are an HTML definition list: their links are HTML, addressed from this page.
            burials=lambda burials: self.burials(burials, lambda i: self._html_link(page, i)),
            protection=self.protection,
            links=lambda ids: self.join_plain([self._html_link(page, i) for i in ids]),
            publisher_name=publisher_name,
            source_label=self.source_label,
            credit_line=self.credit_line,
            after_badge=lambda caption: after_badge(caption, self.lang),
            rel=page.rel,
            link=page.link,
            link_path=page.link_path,
            lang=self.lang,
            site=self.site,
            derived=self.site.derived,
            media=page.media,
            audio_length=audio_shown,
        )

    def _html_link(self, page: Links, record_id: str) -> str:
        record = self.site.by_id[record_id]
        return f'<a href="{page.page_url(self.site.page_path(record))}">{html.escape(self.t(record.title))}</a>'

    def source_label(self, source: model.Source) -> str:
        """A source as a sentence names it: its publisher, or "the web page “title”" when only a host is known."""
        return publisher_name(source) or self.ui("a_web_page").format(title=_short_title(source.title))

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
            name = self.source_label(source) if source else v.source
            names = groups.setdefault(self.value(v.value) + unit_text, [])
            name = html.escape(name, quote=False)
            if name not in names:
                names.append(name)
        values = self.ui("or_join").join(groups)
        said = [
            self.ui("differ_says").format(who=("、" if self.lang == "zh" else ", ").join(names), value=value)
            for value, names in groups.items()
        ]
        note = p["semicolon"].join(said) + p["stop"].strip()
        return values, note

    def label_line(self, record: model.Record, disputes: dict) -> str:
        """The line under a record's title: life dates and role for a person; date and place for an event."""
        parts: list[str] = []
        if isinstance(record, model.Person):

            def year(event, field):
                if field in disputes:
                    return self.ui("or_join").join(dict.fromkeys(str(v.value)[:4] for v in disputes[field].values))
                return str(event.date.year) if event and event.date else ""

            born, died = year(record.born, "born"), year(record.died, "died")
            if born or died:
                parts.append(f"{born} — {died}" if died else born)
            if record.role:
                parts.append(html.escape(self.t(record.role)))
        elif isinstance(record, model.Event):
            if "date" in disputes:
                parts.append(self.differ(disputes["date"], record.sources)[0])
            elif record.date:
                parts.append(self.d(record.date))
            elif record.start:
                parts.append(self.d(record.start) + (f" — {self.d(record.end)}" if record.end else ""))
            if record.place_record:
                parts.append(html.escape(self.t(self.site.by_id[record.place_record].title)))
            elif record.place:
                parts.append(html.escape(self.t(record.place)))
        elif isinstance(record, model.Vessel):
            shown = "" if self.lang == "zh" else " "
            parts.append(html.escape(f"{self.t(record.ship_class)}{shown}{self.t(record.ship_type)}"))
            parts.append(html.escape(f"{self.ui('hull_number')}{shown}{record.hull_number}"))
        return " · ".join(p for p in parts if p)

    def share_image(self, record: model.Record) -> str | None:
        return self.site.share_image(record)

    def absolute(self, docs_path: str | None) -> str | None:
        """Public URL of a page or file, when the site's address is known."""
        return urls.absolute(self.site.site_url, docs_path, self.lang, self.site.directory_urls)

    def media_prefix(self, page_path: str) -> str:
        """Relative path from the page's URL to docs/ root, for raw HTML <img> that MkDocs does not rewrite."""
        return urls.root_from(page_path, self.lang, self.site.directory_urls)

    def record(self, record: model.Record) -> str:
        path = self.site.page_path(record)
        ctx = self.context(path)
        disputes = {d.field: d for d in record.disputed}
        zone = None
        if record.hall and self.site.settings.hall:
            zone = next((z for z in self.site.settings.hall.zones if z.id == record.hall.zone), None)
        sources = listed_sources(record)
        numbers = {s.id: i for i, s in enumerate(sources, 1)}
        ctx.update(
            record=record,
            disputes=disputes,
            shown_fields=FACT_FIELDS.get(record.kind, set()),
            zone=zone,
            pending=self.lang == "en" and any(text.missing("en") for _, text in record.texts()),
            related=[self.site.by_id[i] for i in record.related],
            back=self.site.back_links.get(record.id, []),
            dated=[Dated(x.date, self.t(x.label)) for x in sorted(record.dates, key=lambda x: x.date)],
            source_number=lambda sid: numbers.get(sid, "?"),
            sources=sources,
            marks=lambda ids: self.marks(sorted(set(ids), key=lambda i: numbers.get(i, 0)), sources),
            differ=lambda dispute, unit=True: self.differ(dispute, sources, unit),
            label_line=self.label_line(record, disputes),
            gaps=[self.ui(f) for f in EXPECTED_FIELDS.get(record.kind, ()) if not getattr(record, f, None) and f not in disputes],
            cite=lambda text, escape=False: self.cite(text, sources, escape=escape),
            on_timeline=f"tl-{record.id}" if record.id in self.site.on_timeline else None,
            share_image=self.share_image(record),
            jsonld=structured.jsonld(record, self.lang, self.absolute(path), self.absolute(self.share_image(record))),
        )
        if isinstance(record, model.Story):
            # The story opens on its first picture (a cover, cut around its focal point when it must be);
            # a section naming that picture shows it too, whole, with its caption.
            images = {image.file: image for image in record.images}
            hero = record.images[0] if record.images else None
            cover = None
            if hero:
                large = self.site.derived[hero.file].large
                cover = CoverFrame.of(large.width, large.height, repeated=any(s.image == hero.file for s in record.sections))
            ctx.update(images=images, hero=hero, cover=cover)
            return self.env.get_template("story.md.j2").render(ctx)
        return self.env.get_template("record.md.j2").render(ctx)

    def _tour_context(self, path: str) -> dict:
        ctx = self.context(path)
        # On the tour's pages a zone of the map leads to its stop, not to the hall map.
        ctx.update(zone_href=lambda zone: ctx["page_url"](self.site.tour_path(zone)), route=self.site.route)
        return ctx

    def tour_index(self) -> str:
        ctx = self._tour_context(self.site.tour_path())
        return self.env.get_template("tour_index.md.j2").render(ctx)

    def tour_stop(self, number: int) -> str:
        """Stop `number` (1-based) of the guided tour: the zone, its exhibits, where it is, where next."""
        route = self.site.route
        zone = route[number - 1]
        ctx = self._tour_context(self.site.tour_path(zone))
        ctx.update(
            zone=zone,
            number=number,
            total=len(route),
            records=self.site.in_zone(zone.id),
            highlights=self.site.zone_highlights(zone),
            groups=self.site.zone_groups(zone),
            cite=lambda text: self.cite(text, zone.sources),
            previous=route[number - 2] if number > 1 else None,
            next=route[number] if number < len(route) else None,
        )
        return self.env.get_template("tour_stop.md.j2").render(ctx)

    def timeline(self) -> str:
        ctx = self.context(f"{self.site.out_dir}/timeline.md")

        def words(entry) -> str:
            if entry.label:
                return self.t(entry.label)
            params = {k: self.t(v) for k, v in entry.params.items()}
            return self.ui(entry.wording).format(title=self.t(entry.record.title), **params)

        def subject(entry) -> str:
            # An entry of a person's `dates:` says whom it is about, unless its words already do.
            name = self.t(entry.subject) if entry.subject else ""
            return name if name and name not in words(entry) else ""

        lines = merged(self.site.timeline, words, subject)
        groups: list[tuple] = []
        for line in lines:
            era = self.site.settings.era_of(line.entry.date)
            if not groups or groups[-1][0] is not era:
                groups.append((era, []))
            groups[-1][1].append(line)
        first_of_year, first_of_record = {}, {}
        for line in lines:
            first_of_year.setdefault(line.entry.date.year, line)
            for record in line.records:
                first_of_record.setdefault(record.id, line)

        def anchors(line) -> list[str]:
            out = [f"e-{line.entry.anchor}"]
            if first_of_year.get(line.entry.date.year) is line:
                out.append(f"y{line.entry.date.year}")
            out += [f"tl-{r.id}" for r in line.records if first_of_record.get(r.id) is line]
            return out

        def entry_label(line) -> str:
            if not line.subjects:
                return line.label
            return self.ui("tl_subject").format(names=self.ui("tl_names_join").join(line.subjects), label=line.label)

        def era_years(era) -> str:
            start = era.start.show(self.lang) if era.start else ""
            end = era.end.show(self.lang) if era.end else ""
            return f"{start}–{end}" if self.lang == "en" else f"{start}—{end}"

        ctx.update(
            groups=groups,
            years=sorted(first_of_year),
            anchors=anchors,
            entry_label=entry_label,
            era_years=era_years,
            kinds=sorted({e.record.kind for e in self.site.timeline}, key=list(model.KINDS).index),
            tags=[tag for tag in self.site.settings.tags.values() if any(tag.id in e.record.tags for e in self.site.timeline)],
        )
        return self.env.get_template("timeline.md.j2").render(ctx)

    def hall_map(self) -> str:
        ctx = self.context(f"{self.site.out_dir}/hall-map.md")
        by_zone: dict[str, list[model.Record]] = {}
        for record in sorted(self.site.records, key=lambda r: r.title.zh):
            if record.hall:
                by_zone.setdefault(record.hall.zone, []).append(record)
        ctx.update(by_zone=by_zone, route=self.site.route)
        return self.env.get_template("hall_map.md.j2").render(ctx)

    def gallery(self) -> str:
        ctx = self.context(f"{self.site.out_dir}/gallery.md")
        groups = []
        for kind, cls in model.KINDS.items():
            items = [
                (r, image)
                for r in sorted(self.site.records, key=lambda r: r.title.zh)
                if isinstance(r, cls)
                for image in r.images
            ]
            if items:
                groups.append((kind, items))
        tags = [tag for tag in self.site.settings.tags.values() if tag.id in self.site.tagged]
        ctx.update(groups=groups, tags=tags)
        return self.env.get_template("gallery.md.j2").render(ctx)

    def data_page(self) -> str:
        ctx = self.context(f"{self.site.out_dir}/data.md")
        common = set(model.Record.model_fields)

        def describe(cls, names):
            out = []
            for name in names:
                info = cls.model_fields[name]
                label = UI[name][self.lang] if name in UI else ""
                out.append((name, " — ".join(x for x in (label, info.description or "") if x)))
            return out

        kinds = [("record", describe(model.Record, [n for n in model.Record.model_fields if n not in ("public_values",)]))]
        for kind, cls in model.KINDS.items():
            kinds.append((kind, describe(cls, [n for n in cls.model_fields if n not in common and n != "consent"])))
        settings = self.site.settings.open_data
        licence = self.t(settings.licence) if settings else self.ui("data_licence_unset")
        if settings and settings.url:
            licence += f" <{settings.url}>"
        ctx.update(kinds=kinds, licence=licence, other_langs=[other for other in model.LANGS if other != self.lang])
        return self.env.get_template("data.md.j2").render(ctx)

    def whats_new(self) -> str:
        ctx = self.context(f"{self.site.out_dir}/whats-new.md")
        ctx.update(records=sorted(self.site.records, key=lambda r: (r.review.date, r.title.zh), reverse=True))
        return self.env.get_template("whats_new.md.j2").render(ctx)

    def tags_index(self) -> str:
        ctx = self.context(f"{self.site.out_dir}/tags/index.md")
        tagged = [
            (self.site.settings.tags[t], records) for t, records in self.site.tagged.items() if t in self.site.settings.tags
        ]
        ctx.update(tagged=tagged)
        return self.env.get_template("tags_index.md.j2").render(ctx)

    def tag_page(self, tag: str) -> str:
        ctx = self.context(f"{self.site.out_dir}/tags/{tag}.md")
        ctx.update(tag=self.site.settings.tags[tag], records=self.site.tagged[tag])
        return self.env.get_template("tag.md.j2").render(ctx)

    def kind_index(self, cls: type[model.Record], records: list[model.Record]) -> str:
        path = f"{self.site.out_dir}/{cls.FOLDER}/index.md"
        ctx = self.context(path)
        kind = cls.model_fields["kind"].annotation.__args__[0]
        ctx.update(kind=kind, records=records)
        return self.env.get_template("kind_index.md.j2").render(ctx)


def write_pages(
    site: Site, docs_dir: Path, langs=model.LANGS, extra: dict[Path, str] | None = None, only: set[str] | None = None
) -> dict[str, int]:
    """Render every page; write changed files; remove pages of deleted records.

    `extra`: further generated pages {path: Markdown} (the kiosk's attract screen).
    `only`: render only these records' own pages (the preview, after an edit: pipeline.affected);
    the other records' pages are kept as they are. Every other page is rendered.
    """
    target = docs_dir / site.out_dir
    wanted: dict[Path, str] = dict(extra or {})
    kept: set[Path] = set()
    for lang in langs:
        renderer = Renderer(site, lang)
        wanted.update(lessons.pages(renderer, target, lang))  # 教师专区
        for record in site.records:
            path = docs_dir / site.page_path(record).replace(".md", f".{lang}.md")
            if only is not None and record.id not in only and path.exists():
                kept.add(path)
                continue
            wanted[path] = renderer.record(record)
        for cls in site.kinds():
            # People as honour rolls list them: by the surname's strokes (姓氏笔画), not by code point.
            by = strokes.key if cls is model.Person else str
            records = sorted((r for r in site.records if isinstance(r, cls)), key=lambda r: by(r.title.zh))
            wanted[target / cls.FOLDER / f"index.{lang}.md"] = renderer.kind_index(cls, records)
        wanted[target / f"timeline.{lang}.md"] = renderer.timeline()
        wanted[target / f"gallery.{lang}.md"] = renderer.gallery()
        if site.settings.hall:
            wanted[target / f"hall-map.{lang}.md"] = renderer.hall_map()
            wanted[target / "tour" / f"index.{lang}.md"] = renderer.tour_index()
            for number, zone in enumerate(site.route, 1):
                wanted[target / "tour" / f"{zone.id}.{lang}.md"] = renderer.tour_stop(number)
        wanted[target / "tags" / f"index.{lang}.md"] = renderer.tags_index()
        wanted[target / f"data.{lang}.md"] = renderer.data_page()
        wanted[target / f"whats-new.{lang}.md"] = renderer.whats_new()
        for tag in site.tagged:
            if tag in site.settings.tags:
                wanted[target / "tags" / f"{tag}.{lang}.md"] = renderer.tag_page(tag)
    stats = {"written": 0, "unchanged": 0, "removed": 0}
    for path, text in wanted.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            stats["unchanged"] += 1
            continue
        path.write_text(text, encoding="utf-8")
        stats["written"] += 1
    if target.exists():
        for path in target.rglob("*.md"):
            if path not in wanted and path not in kept:
                path.unlink()
                stats["removed"] += 1
    return stats
