"""Step 3 of the flow: records (+ derivatives) -> zh and en Markdown pages.

Pages are rendered from the Jinja templates beside this file and written into
a git-ignored folder under docs/. A file is written only when its text changed,
so MkDocs' live reload and caches see only real changes.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..images.derivatives import Derived
from ..records import model
from ..records.dates import PartialDate
from ..settings import Settings

HERE = Path(__file__).parent
UI: dict[str, dict[str, str]] = yaml.safe_load((HERE / "ui.yml").read_text(encoding="utf-8"))


@dataclass
class Site:
    """Everything the templates may read, computed once per build."""

    records: list[model.Record]
    derived: dict[str, Derived]
    settings: Settings
    out_dir: str = "exhibits"  # under docs/
    media_dir: str = "media"  # under docs/
    directory_urls: bool = True
    back_links: dict[str, list[model.Record]] = field(default_factory=dict)

    def __post_init__(self):
        by_id = self.by_id
        for record in self.records:
            for target in record.related:
                # `related` works both ways: B's page shows A when A names B.
                if record.id not in by_id[target].related:
                    self.back_links.setdefault(target, []).append(record)

    @cached_property
    def by_id(self) -> dict[str, model.Record]:
        return {r.id: r for r in self.records}

    def page_path(self, record: model.Record) -> str:
        return f"{self.out_dir}/{record.FOLDER}/{record.id}.md"

    def kinds(self) -> list[type[model.Record]]:
        # Every kind gets its index, even while empty, so nav and home links hold.
        return list(model.KINDS.values())


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        undefined=StrictUndefined,  # a typo in a template fails the build, not the page
        keep_trailing_newline=True,
        trim_blocks=False,
    )
    return env


FACT_FIELDS = {
    path.stem.split(".")[0]: set(re.findall(r"m\.fact\('(\w+)'", path.read_text(encoding="utf-8")))
    for path in (HERE / "templates" / "facts").glob("*.md.j2")
}


class Renderer:
    def __init__(self, site: Site, lang: str):
        self.site, self.lang = site, lang
        self.env = _environment()

    # --- helpers the templates call -------------------------------------
    def t(self, text: model.Text | None) -> str:
        return text.get(self.lang) if text else ""

    def ui(self, key: str) -> str:
        return UI[key][self.lang]

    def d(self, date: PartialDate | None) -> str:
        return f'<time datetime="{date.iso}">{date.show(self.lang)}</time>' if date else ""

    def num(self, value) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return f"{value:,}" if isinstance(value, (int, float)) else str(value)

    def join(self, texts: list[model.Text]) -> str:
        return ("、" if self.lang == "zh" else "; ").join(self.t(x) for x in texts)

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

    def burials(self, burials: list[model.Burial]) -> str:
        out = []
        for b in burials:
            name = self.link(self.site.by_id[b.person]) if b.person else self.t(b.name)
            out.append(f"{name}（{self.t(b.role)}）" if b.role and self.lang == "zh" else f"{name} ({self.t(b.role)})" if b.role else name)
        return self.join_plain(out)

    def protection(self, levels: list[model.Protection]) -> str:
        out = []
        for p in sorted(levels, key=lambda p: p.date):
            number = f" {p.number}" if p.number else ""
            out.append(f"{self.d(p.date)} {self.t(p.level)}{number}")
        return self.join_plain(out)

    def join_plain(self, items: list[str]) -> str:
        return ("；" if self.lang == "zh" else "; ").join(items)

    def links(self, ids: list[str]) -> str:
        return self.join_plain([self.link(self.site.by_id[i]) for i in ids])

    def credit_line(self, image: model.Image) -> str:
        parts = []
        if image.credit:
            parts.append(self.t(image.credit))
        elif image.creator:
            parts.append(image.creator)
        if image.licence:
            parts.append(image.licence)
        return f"{self.ui('credit')}：" + " · ".join(parts) if parts else ""

    # --- rendering --------------------------------------------------------
    def _common(self, page_path: str) -> dict:
        page_dir = posixpath.dirname(page_path)

        def rel(target: str) -> str:
            return posixpath.relpath(target, page_dir)

        def link_path(record: model.Record) -> str:
            return rel(self.site.page_path(record))

        def link(record: model.Record) -> str:
            return f"[{self.t(record.title)}]({link_path(record)})"

        self.link = link  # used by helpers above
        return dict(
            t=self.t, ui=self.ui, d=self.d, num=self.num, join=self.join, cell=self.cell,
            figure_value=self.figure_value, motto=self.motto, life=self.life, burials=self.burials,
            protection=self.protection, links=self.links, credit_line=self.credit_line,
            rel=rel, link=link, link_path=link_path, lang=self.lang, site=self.site,
            derived=self.site.derived, media=self.media_prefix(page_path),
        )

    def media_prefix(self, page_path: str) -> str:
        """Relative path from the page's URL to docs/ root, for raw HTML <img> that MkDocs does not rewrite."""
        depth = page_path.count("/")
        if self.site.directory_urls and not page_path.endswith("index.md"):
            depth += 1
        if self.lang != "zh":
            depth += 1  # static-i18n serves other languages under /en/
        return "../" * depth

    def record(self, record: model.Record) -> str:
        path = self.site.page_path(record)
        ctx = self._common(path)
        disputes = {d.field: d for d in record.disputed}
        zone = None
        if record.hall and self.site.settings.hall:
            zone = next((z for z in self.site.settings.hall.zones if z.id == record.hall.zone), None)
        sources = {s.id: s for s in record.sources}
        numbers = {s.id: i for i, s in enumerate(record.sources, 1)}
        ctx.update(
            record=record, disputes=disputes, shown_fields=FACT_FIELDS.get(record.kind, set()), zone=zone,
            pending=self.lang == "en" and any(text.missing("en") for _, text in record.texts()),
            related=[self.site.by_id[i] for i in record.related],
            back=self.site.back_links.get(record.id, []),
            dated=[_Dated(x.date, self.t(x.label)) for x in sorted(record.dates, key=lambda x: x.date)],
            source_name=lambda sid: sources[sid].publisher.split("；")[0] if sid in sources else sid,
            source_number=lambda sid: numbers.get(sid, "?"),
        )
        return self.env.get_template("record.md.j2").render(ctx)

    def kind_index(self, cls: type[model.Record], records: list[model.Record]) -> str:
        path = f"{self.site.out_dir}/{cls.FOLDER}/index.md"
        ctx = self._common(path)
        kind = cls.model_fields["kind"].annotation.__args__[0]
        ctx.update(kind=kind, records=records)
        return self.env.get_template("kind_index.md.j2").render(ctx)


@dataclass
class _Dated:
    date: PartialDate
    label: str


def write_pages(site: Site, docs_dir: Path, langs=model.LANGS) -> dict[str, int]:
    """Render every page; write changed files; remove pages of deleted records."""
    target = docs_dir / site.out_dir
    wanted: dict[Path, str] = {}
    for lang in langs:
        renderer = Renderer(site, lang)
        for record in site.records:
            wanted[docs_dir / site.page_path(record).replace(".md", f".{lang}.md")] = renderer.record(record)
        for cls in site.kinds():
            records = sorted((r for r in site.records if isinstance(r, cls)), key=lambda r: (r.title.zh))
            wanted[target / cls.FOLDER / f"index.{lang}.md"] = renderer.kind_index(cls, records)
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
            if path not in wanted:
                path.unlink()
                stats["removed"] += 1
    return stats


def escape(text: str) -> str:
    return html.escape(text, quote=True)
