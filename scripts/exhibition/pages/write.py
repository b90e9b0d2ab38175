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

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context

from .. import strokes, urls
from ..records import model
from ..records.audio import shown as audio_shown
from ..settings import Zone
from ..words import UI
from . import catalogue, lessons, structured
from .format import PUNCTUATION, CoverFrame, Dated, Links, after_badge, aside, kind_icon, wrap_label
from .labels import Labels, listed_sources
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
    # {% filter aside %}…{% endfilter %}: the page's brackets around a qualifier (format.aside).
    env.filters["aside"] = pass_context(lambda ctx, text: aside(text, ctx["lang"]))
    return env


# Fields a record of the kind should have, listed once under the sources while no source gives them
# ("尚待查证：服役日期、所属舰队、母港") instead of rows saying so (design review 2026-12, #1).
EXPECTED_FIELDS = {"vessel": ("commissioned", "fleet", "home_port")}

FACT_FIELDS = {
    path.stem.split(".")[0]: set(re.findall(r"m\.fact\('(\w+)'", path.read_text(encoding="utf-8")))
    for path in (HERE / "templates" / "facts").glob("*.md.j2")
}


class Renderer(Labels):
    """The pages of one language. `context(docs_path)` is what every template of a page reads."""

    def __init__(self, site: Site, lang: str):
        super().__init__(site, lang)
        self.env = _environment()

    def tag_name(self, tag: str) -> str:
        known = self.site.settings.tags.get(tag)
        return self.t(known.name) if known else tag

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
            publisher=self.publisher,
            source_label=self.source_label,
            credit_line=self.credit_line,
            after_badge=lambda caption: after_badge(caption, self.lang),
            rel=page.rel,
            url=page.url,  # a page's address from this one, for raw HTML: url('timeline'), url('tour_stop', zone)
            md_url=page.md_url,  # the same for a Markdown link, which MkDocs checks and rewrites
            link=page.link,
            link_path=page.link_path,
            lang=self.lang,
            site=self.site,
            derived=self.site.derived,
            media=page.media,
            audio_length=audio_shown,
        )

    def _jsonld(self, record: model.Record, path: str) -> str:
        """The page's schema.org block. Its sources' publishers as the page names them: no hosts, and on the
        English page English first (a publisher "meta.librarydata.cn" told search engines nothing)."""
        image = self.absolute(self.share_image(record))
        return structured.jsonld(record, self.lang, self.absolute(path), image, publisher=self.publisher_text)

    def _html_link(self, page: Links, record_id: str) -> str:
        record = self.site.by_id[record_id]
        return f'<a href="{page.page_url(self.site.page_path(record))}">{html.escape(self.t(record.title))}</a>'

    def share_image(self, record: model.Record) -> str | None:
        return self.site.share_image(record)

    def absolute(self, docs_path: str | None) -> str | None:
        """Public URL of a page or file, when the site's address is known."""
        return urls.absolute(self.site.site_url, docs_path, self.lang, self.site.directory_urls)

    def media_prefix(self, page_path: str) -> str:
        """Relative path from the page's URL to docs/ root, for raw HTML <img> that MkDocs does not rewrite."""
        return urls.root_from(page_path, self.lang, self.site.directory_urls)

    def record(self, record: model.Record) -> str:
        """A record's page (a story's: story.md.j2)."""
        path = self.site.page_path(record)
        ctx = self.context(path)
        disputes = {d.field: d for d in record.disputed}
        sources = listed_sources(record)
        numbers = {s.id: i for i, s in enumerate(sources, 1)}
        ctx.update(
            record=record,
            disputes=disputes,
            shown_fields=FACT_FIELDS.get(record.kind, set()),
            zone=self._zone_of(record),
            pending=self.lang == "en" and any(text.missing("en") for _, text in record.texts()),
            related=[self.site.by_id[i] for i in record.related],
            back=self.site.back_links.get(record.id, []),
            dated=[Dated(x.date, self.t(x.label)) for x in sorted(record.dates, key=lambda x: x.date)],
            source_number=lambda sid: numbers.get(sid, "?"),
            sources=sources,
            marks=lambda ids: self.marks(sorted(set(ids), key=lambda i: numbers.get(i, 0)), sources),
            differ=lambda dispute, unit=True: self.differ(dispute, sources, unit),
            label_line=self.label_line(record, disputes),
            gaps=self._gaps(record, disputes),
            cite=lambda text, escape=False: self.cite(text, sources, escape=escape),
            on_timeline=f"tl-{record.id}" if record.id in self.site.on_timeline else None,
            share_image=self.share_image(record),
            jsonld=self._jsonld(record, path),
        )
        if isinstance(record, model.Story):
            ctx.update(self._story_cover(record))
            return self.render_template("story", ctx)
        return self.render_template("record", ctx)

    def _zone_of(self, record: model.Record) -> Zone | None:
        """The hall zone the record stands in (settings/hall.yml), if any."""
        hall = self.site.settings.hall
        if not (record.hall and hall):
            return None
        return next((z for z in hall.zones if z.id == record.hall.zone), None)

    def _gaps(self, record: model.Record, disputes: dict) -> list[str]:
        """The expected fields no source gives yet (EXPECTED_FIELDS), as the list under the sources names them."""
        missing = [f for f in EXPECTED_FIELDS.get(record.kind, ()) if not getattr(record, f, None)]
        return [self.ui(f) for f in missing if f not in disputes]

    def _story_cover(self, story: model.Story) -> dict:
        """The story opens on its first picture (a cover, cut around its focal point when it must be);
        a section naming that picture shows it too, whole, with its caption."""
        hero = story.images[0] if story.images else None
        cover = None
        if hero:
            large = self.site.derived[hero.file].large
            cover = CoverFrame.of(large.width, large.height, repeated=any(s.image == hero.file for s in story.sections))
        return dict(images={image.file: image for image in story.images}, hero=hero, cover=cover)

    def render_template(self, key: str, ctx: dict) -> str:
        """The page of catalogue entry `key`, from its template."""
        return self.env.get_template(catalogue.BY_KEY[key].template).render(ctx)

    def page(self, entry: catalogue.Entry, item=None) -> str:
        """The page of a catalogue entry (for one item of a per-item kind), by its Renderer method."""
        make = getattr(self, entry.render)
        return make(item) if entry.item else make()

    def teachers(self) -> str:
        return lessons.render_teachers(self)

    def _tour_context(self, path: str) -> dict:
        ctx = self.context(path)
        # On the tour's pages a zone of the map leads to its stop, not to the hall map.
        ctx.update(zone_href=lambda zone: ctx["page_url"](self.site.tour_path(zone)), route=self.site.route)
        return ctx

    def tour_index(self) -> str:
        ctx = self._tour_context(self.site.tour_path())
        return self.render_template("tour_index", ctx)

    def tour_stop(self, zone: Zone) -> str:
        """A stop of the guided tour: the zone, its exhibits, where it is, where next."""
        route = self.site.route
        number = route.index(zone) + 1
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
        return self.render_template("tour_stop", ctx)

    def timeline(self) -> str:
        ctx = self.context(self.site.catalogue.path("timeline"))

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
        return self.render_template("timeline", ctx)

    def hall_map(self) -> str:
        ctx = self.context(self.site.catalogue.path("hall_map"))
        by_zone: dict[str, list[model.Record]] = {}
        for record in sorted(self.site.records, key=lambda r: r.title.zh):
            if record.hall:
                by_zone.setdefault(record.hall.zone, []).append(record)
        ctx.update(by_zone=by_zone, route=self.site.route)
        return self.render_template("hall_map", ctx)

    def gallery(self) -> str:
        ctx = self.context(self.site.catalogue.path("gallery"))
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
        return self.render_template("gallery", ctx)

    def data_page(self) -> str:
        ctx = self.context(self.site.catalogue.path("data"))
        common = set(model.Record.model_fields)
        kinds = [("record", self._fields_of(model.Record, [n for n in model.Record.model_fields if n != "public_values"]))]
        for kind, cls in model.KINDS.items():
            kinds.append((kind, self._fields_of(cls, [n for n in cls.model_fields if n not in common and n != "consent"])))
        ctx.update(kinds=kinds, licence=self._licence(), other_langs=[other for other in model.LANGS if other != self.lang])
        return self.render_template("data", ctx)

    def _fields_of(self, cls: type[model.Record], names: list[str]) -> list[tuple[str, str]]:
        """The open data's fields of a kind, each with its words and the model's description."""
        out = []
        for name in names:
            label = UI[name][self.lang] if name in UI else ""
            out.append((name, " — ".join(x for x in (label, cls.model_fields[name].description or "") if x)))
        return out

    def _licence(self) -> str:
        settings = self.site.settings.open_data
        licence = self.t(settings.licence) if settings else self.ui("data_licence_unset")
        return licence + (f" <{settings.url}>" if settings and settings.url else "")

    def whats_new(self) -> str:
        ctx = self.context(self.site.catalogue.path("whats_new"))
        ctx.update(records=sorted(self.site.records, key=lambda r: (r.review.date, r.title.zh), reverse=True))
        return self.render_template("whats_new", ctx)

    def tags_index(self) -> str:
        ctx = self.context(self.site.catalogue.path("tags_index"))
        tagged = [
            (self.site.settings.tags[t], records) for t, records in self.site.tagged.items() if t in self.site.settings.tags
        ]
        ctx.update(tagged=tagged)
        return self.render_template("tags_index", ctx)

    def tag_page(self, tag: str) -> str:
        ctx = self.context(self.site.catalogue.path("tag", tag))
        ctx.update(tag=self.site.settings.tags[tag], records=self.site.tagged[tag])
        return self.render_template("tag", ctx)

    def kind_index(self, cls: type[model.Record]) -> str:
        ctx = self.context(self.site.catalogue.path("kind_index", cls))
        kind = cls.model_fields["kind"].annotation.__args__[0]
        # People as honour rolls list them: by the surname's strokes (姓氏笔画), not by code point.
        by = strokes.key if cls is model.Person else str
        records = sorted((r for r in self.site.records if isinstance(r, cls)), key=lambda r: by(r.title.zh))
        ctx.update(kind=kind, records=records)
        return self.render_template("kind_index", ctx)


def write_pages(
    site: Site, docs_dir: Path, langs=model.LANGS, extra: dict[Path, str] | None = None, only: set[str] | None = None
) -> dict[str, int]:
    """Render every page; write changed files; remove pages of deleted records.

    `extra`: further generated pages {path: Markdown} (the kiosk's attract screen).
    `only`: render only these records' own pages (the preview, after an edit: pipeline.affected);
    the other records' pages are kept as they are. Every other page is rendered.
    """
    wanted: dict[Path, str] = dict(extra or {})
    kept: set[Path] = set()
    for lang in langs:
        renderer = Renderer(site, lang)
        for entry in catalogue.written_by_renderer():
            for item in entry.items(site):
                path = docs_dir / site.catalogue.file(entry.key, item, lang=lang)
                if only is not None and entry.item == "record" and item.id not in only and path.exists():
                    kept.add(path)  # the preview: a record this edit does not touch keeps its page
                else:
                    wanted[path] = renderer.page(entry, item)
    return _write(wanted, kept, docs_dir / site.out_dir)


def _write(wanted: dict[Path, str], kept: set[Path], folder: Path) -> dict[str, int]:
    """Write the pages whose text changed; remove the generated pages no longer wanted (a deleted record's)."""
    stats = {"written": 0, "unchanged": 0, "removed": 0}
    for path, text in wanted.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.read_text(encoding="utf-8") == text:
            stats["unchanged"] += 1
            continue
        path.write_text(text, encoding="utf-8")
        stats["written"] += 1
    gone = [path for path in folder.rglob("*.md") if path not in wanted and path not in kept] if folder.exists() else []
    for path in gone:
        path.unlink()
    stats["removed"] = len(gone)
    return stats
