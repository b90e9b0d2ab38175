"""A curator-facing problem: `path:line: field: what is wrong and how to fix it`.

The bottom of records/: it imports nothing of the package, so records/, settings,
the kiosk's settings and the commands all report problems the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f"{self.field} ({item})" if (item := _item(self.field)) else self.field
        return f"{where}: {field}: {self.message}" if field else f"{where}: {self.message}"


def dotted(loc) -> str:
    """('images', 0, 'alt', 'en') -> images[1].alt.en: positions count from 1, as a person counts."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# What an item of a list is called, for "sections[2].image (第2节 / section 2)".
ITEMS = {
    "sections": ("第{n}节", "section {n}"),
    "images": ("第{n}张图片", "picture {n}"),
    "audio": ("第{n}段录音", "recording {n}"),
    "sources": ("第{n}个来源", "source {n}"),
    "figures": ("第{n}个数字", "figure {n}"),
    "procedure": ("第{n}步", "step {n}"),
    "zones": ("第{n}个展区", "zone {n}"),
    "eras": ("第{n}个时期", "era {n}"),
    "terms": ("第{n}个词条", "term {n}"),
    "publishers": ("第{n}个发布者", "publisher {n}"),
    "related": ("第{n}个相关展品", "related exhibit {n}"),
    "featured": ("第{n}个展品", "exhibit {n}"),
    "disputed": ("第{n}处说法不一", "dispute {n}"),
    "dates": ("第{n}个日期", "date {n}"),
    "people": ("第{n}位人物", "person {n}"),
    "tags": ("第{n}个标签", "tag {n}"),
    "tour": ("第{n}站", "stop {n}"),
    "linked_records": ("第{n}个关联展品", "linked record {n}"),
}


def _item(field: str) -> str:
    """The list item a field is in, in both languages: `sections[2].image` -> 第2节 / section 2."""
    match = re.match(r"([A-Za-z_]\w*)\[(\d+)\]", field)
    if not match:
        return ""
    zh, en = ITEMS.get(match[1], ("第{n}项", "item {n}"))
    return f"{zh.format(n=match[2])} / {en.format(n=match[2])}"


class ValidationFailed(Exception):
    """Raised with every problem at once; the CLI and the plugin print them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__(report(self.problems))


def report(problems: list[Problem]) -> str:
    problems = sorted(set(problems))  # by file, then line: the order the curator reads and fixes them
    lines = [str(p) for p in problems]
    count = len(problems)
    lines.append(
        "1 problem found; the site was not changed. Fix it and run the command again."
        if count == 1
        else f"{count} problems found; the site was not changed. Fix them and run the command again."
    )
    return "\n".join(lines)


def drafts_line(paths: list[str]) -> str:
    """Drafts are left out of the site; say which, so a forgotten status is noticed."""
    if not paths:
        return ""
    return f"{len(paths)} draft{'s' if len(paths) != 1 else ''} not published: {', '.join(paths)}"


def notes(problems: list[Problem]) -> str:
    """What is allowed for now but should be fixed (a figure missing from its quote, English off the
    glossary, a name to confirm): each on its own line, where to find it first, as problems are."""
    if not problems:
        return ""
    problems = sorted(set(problems))
    count = len(problems)
    lines = [str(p) for p in problems]
    lines.append(
        f"{count} note{'s' if count != 1 else ''} (not {'an error' if count == 1 else 'errors'} yet: "
        f"`make check STRICT=1` treats {'it as one' if count == 1 else 'them as errors'}; `make report` lists all that is unfinished)."
    )
    return "\n".join(lines)


def notes_report(notes: list[Problem]) -> str:
    """Pictures accepted as they are, with a word for the curator (a small one looks soft): one line each."""
    if not notes:
        return ""
    notes = sorted(set(notes))
    head = f"{len(notes)} note{'s' if len(notes) != 1 else ''} on pictures (used as they are):"
    # "note: " first, so a note is never read (by a person or a script) as a problem to fix.
    return "\n".join([head, *(f"note: {n}" for n in notes)])
