"""`make report`: the state of the content, for the curators' weekly look.

Reads every record, drafts included, and lists what needs work. Problems that
stop a build are reported by `make check`; this lists what is allowed but unfinished.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from .pipeline import check, cited_sources
from .records import citations, content, model
from .records.problems import dotted
from .records.publishers import english, in_chinese, publisher_name, without_note


def content_report(root: Path) -> tuple[str, int]:
    settings, collection, problems = check(root, drafts=True)
    lines = ["# Content report · 内容报告", ""]
    if problems:
        lines += [f"**{len(problems)} problem(s) stop the build: run `make check`.**", ""]
    lines += _per_kind(collection.records)
    findings = _Findings(collection, settings)
    for title, find in SECTIONS:
        items = find(findings)
        lines.extend(["", f"## {title} ({len(items)})", ""])
        if items:
            lines.extend(f"- {item}" for item in items)
        else:
            lines.append("- none")
    return "\n".join(lines) + "\n", 1 if problems else 0


class _Findings:
    """What the report lists, one method per section, over every record (drafts included)."""

    def __init__(self, collection, settings):
        self.collection = collection
        self.records = collection.records
        self.docs = collection.documents
        self.settings = settings
        self.glossary = settings.glossary

    def where(self, record, loc=()) -> str:
        doc = self.docs[record.id]
        return f"{doc.path}:{doc.line(loc)}"

    def untranslated(self) -> list[str]:
        return [f"{self.where(r, loc)}: {dotted(loc)}" for r in self.records for loc, text in r.texts() if text.missing("en")]

    def unsourced(self) -> list[str]:
        return _unsourced(self.records, self.where)

    # Issue #13: figures and dates checked against the quotes of their sources, and the glossary.
    # Errors only in strict mode (for verified records) while the quotes are being added.
    def unsupported(self) -> list[str]:
        return [
            str(p) for r in self.records for p in content.quote_problems(self.docs[r.id], r) if "has no quote" not in p.message
        ]

    # Issue #24: the prose, paragraph by paragraph.
    def unsupported_in_paragraphs(self) -> list[str]:
        return [str(p) for r in self.records for p in citations.paragraph_problems(self.docs[r.id], r)[1]]

    def uncited_paragraphs(self) -> list[str]:
        return [
            f"{self.docs[r.id].path}:{p.line}: {p.field}" for r in self.records for p in citations.unsourced(self.docs[r.id], r)
        ]

    def unquoted(self) -> list[str]:
        return [f"{self.where(r, loc)}: {dotted(loc)} ({why})" for r in self.records for loc, why in content.unquoted(r)]

    def without_url(self) -> list[str]:
        return _without_url(self.records, self.where)

    def off_glossary(self) -> list[str]:
        return _off_glossary(self.records, self.docs, self.glossary)

    def publishers_in_chinese(self) -> list[str]:
        """Publishers that English pages show in Chinese only: one line each, with how many sources name them."""
        table = self.settings.publishers
        names = [publisher_name(s) for s in cited_sources(self.settings, self.collection)]
        missing = Counter(without_note(n) for n in names if in_chinese(n) and not english(n, table))
        return [f"{name} ({count} source{'s' if count > 1 else ''})" for name, count in sorted(missing.items())]

    def drafts(self) -> list[str]:
        return [
            f"{self.where(r, ('review',))}: {r.id} (since {r.review.date.iso})"
            for r in self.records
            if r.review.status == "draft"
        ]

    def uncredited(self) -> list[str]:
        return _uncredited(self.records, self.where)

    def roll_twice(self) -> list[str]:
        return [str(p) for p in self.collection.roll_warnings]

    def living(self) -> list[str]:
        return _living(self.records, self.where)


# The report's sections in order: (heading, what it lists).
SECTIONS = (
    ("Missing English translations · 缺少英文", _Findings.untranslated),
    ("Facts without a source · 未注明来源的事实", _Findings.unsourced),
    ("Figures and dates their source's quote does not support · 引文未能印证的数字与日期", _Findings.unsupported),
    (
        "Numbers and dates in paragraphs that the cited quotes do not give · 段落中引文未能印证的数字与日期",
        _Findings.unsupported_in_paragraphs,
    ),
    ("Paragraphs without a citation [@id] · 未注明来源的段落", _Findings.uncited_paragraphs),
    ("Figures and dates without a quote · 缺少引文的数字与日期", _Findings.unquoted),
    ("Sources without a URL · 缺少网址的来源", _Findings.without_url),
    ("English that is not the glossary's · 英文用语与词汇表不符 (settings/glossary.yml)", _Findings.off_glossary),
    (
        "Publishers without an English name · 没有英文名的出版者 (settings/glossary.yml, publishers)",
        _Findings.publishers_in_chinese,
    ),
    ("Drafts (not published) · 草稿", _Findings.drafts),
    ("Images without credit or licence · 缺少署名或许可的图片", _Findings.uncredited),
    ("Roll of names: the same person twice? · 英名录：请确认是否重复", _Findings.roll_twice),
    ("Living persons and consent · 在世人物与授权", _Findings.living),
)


def _unsourced(records, where) -> list[str]:
    unsourced = []
    for r in records:
        for name in ("figures", "dates", "ceremonies", "protection"):
            for index, item in enumerate(getattr(r, name, [])):
                if getattr(item, "source", None) is None:
                    unsourced.append(f"{where(r, (name, index))}: {dotted((name, index))}")
        if not r.sources:
            unsourced.append(f"{where(r)}: the record has no sources")
    return unsourced


def _without_url(records, where) -> list[str]:
    return [
        f"{where(r, ('sources', i))}: {dotted(('sources', i))} {s.id} ({s.title})"
        for r in records
        for i, s in enumerate(r.sources)
        if not s.url
    ]


def _uncredited(records, where) -> list[str]:
    return [
        f"{where(r, ('images', i))}: images/{image.file}"
        + ("" if image.credit or image.creator else " — no credit")
        + ("" if image.licence else " — no licence")
        for r in records
        for i, image in enumerate(r.images)
        if not (image.credit or image.creator) or not image.licence
    ]


def _living(records, where) -> list[str]:
    return [
        f"{where(r)}: {r.name.zh} — "
        + (f"consent {r.consent.reference} ({r.consent.scope}, {r.consent.date.iso})" if r.consent else "NO CONSENT")
        for r in records
        if isinstance(r, model.Person) and r.living
    ]


def _per_kind(records) -> list[str]:
    lines = ["## Records per kind · 各类记录", "", "| kind | published | draft |", "|---|---|---|"]
    published = Counter(r.kind for r in records if r.review.status != "draft")
    drafts = Counter(r.kind for r in records if r.review.status == "draft")
    for kind in model.KINDS:
        lines.append(f"| {kind} | {published[kind]} | {drafts[kind]} |")
    lines.append(f"| **all** | **{sum(published.values())}** | **{sum(drafts.values())}** |")
    return lines


def _off_glossary(records, docs, glossary) -> list[str]:
    if not glossary:
        return []
    return [str(p) for r in records for p in content.glossary_problems(docs[r.id], r, glossary)]
