"""A curator-facing problem: `path:line: field: what is wrong and how to fix it`.

The bottom of records/: it imports nothing of the package, so records/, settings,
the kiosk's settings and the commands all report problems the same way.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def dotted(loc) -> str:
    """('images', 0, 'alt', 'en') -> images[0].alt.en"""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


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
        f"{count} problem{'s' if count != 1 else ''} found; the site was not changed. Fix them and run the command again."
    )
    return "\n".join(lines)


def drafts_line(paths: list[str]) -> str:
    """Drafts are left out of the site; say which, so a forgotten status is noticed."""
    if not paths:
        return ""
    return f"{len(paths)} draft{'s' if len(paths) != 1 else ''} not published: {', '.join(paths)}"


def notes_report(notes: list[Problem]) -> str:
    """Pictures accepted as they are, with a word for the curator (a small one looks soft): one line each."""
    if not notes:
        return ""
    notes = sorted(set(notes))
    head = f"{len(notes)} note{'s' if len(notes) != 1 else ''} on pictures (used as they are):"
    # "note: " first, so a note is never read (by a person or a script) as a problem to fix.
    return "\n".join([head, *(f"note: {n}" for n in notes)])
