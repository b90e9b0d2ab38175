"""settings/kiosk.yml: the kiosk's times and the exhibits of its attract screen (the model; the
kiosk edition, kiosk/, applies the KIOSK_* overrides and hands the values to its pages).

Layer: settings.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Optional

from pydantic import AfterValidator, Field, PrivateAttr, ValidationInfo, field_validator

from ..records.load import Document
from ..records.model import Slug, Strict
from ..records.problems import Problem, dotted

FILE = Path("settings") / "kiosk.yml"
# Installers and tests set these at build time; they win over the file.
ENV = {"idle_seconds": "KIOSK_IDLE_SECONDS", "countdown_seconds": "KIOSK_COUNTDOWN_SECONDS"}
WHAT = {
    "idle_seconds": "seconds without a touch before the countdown appears",
    "countdown_seconds": "seconds the countdown lasts before the kiosk resets",
    "slide_seconds": "seconds each picture of the attract screen stays",
}
# The countdown shows whole seconds, and a picture changing faster than once a second flashes.
MINIMUM = 1


def _whole(seconds: float) -> float:
    # 90, not 90.0, in the pages (`"idle": 90`, data-kx-slide-seconds="8").
    return int(seconds) if float(seconds).is_integer() else seconds


Seconds = Annotated[float, Field(ge=MINIMUM), AfterValidator(_whole)]


class Kiosk(Strict):
    """settings/kiosk.yml: the kiosk edition's times and the exhibits of its attract screen.
    In the build, with the KIOSK_* overrides applied (read_settings)."""

    idle_seconds: Seconds = Field(
        90,
        description="Seconds without a touch before 还在浏览吗？/ Still there? appears "
        "(KIOSK_IDLE_SECONDS overrides it when building).",
    )
    countdown_seconds: Seconds = Field(
        15,
        description="Seconds the countdown lasts before the kiosk goes back to the "
        "attract screen in Chinese (KIOSK_COUNTDOWN_SECONDS overrides it).",
    )
    slide_seconds: Seconds = Field(8, description="Seconds each exhibit stays on the attract screen.")
    featured: list[Slug] = Field(
        [],
        description="Record ids shown on the attract screen, in this order. "
        "Empty: every record with `featured: true` and a picture.",
    )
    _doc: Optional[Document] = PrivateAttr(None)  # where each setting is written, for messages

    @field_validator("idle_seconds", "countdown_seconds", "slide_seconds", mode="before")
    @classmethod
    def _seconds(cls, value, info: ValidationInfo):
        # Checked here, not by pydantic's own messages: the curator reads what the time is for and an example.
        wrong = _seconds_problem(value, info.field_name)
        if wrong:
            raise ValueError(wrong)
        return value

    @property
    def path(self) -> str:
        return self._doc.path if self._doc else FILE.as_posix()

    def line(self, loc: tuple) -> int:
        return self._doc.line(loc) if self._doc else 0

    def featured_all(self, records: list) -> list:
        """The kiosk's featured exhibits, in order: its home's tiles and its search page's quick list."""
        if self.featured:
            by_id = {r.id: r for r in records}
            return [by_id[i] for i in self.featured if i in by_id]
        from ..records.model import KINDS

        order = list(KINDS)  # the hall first, then the ship, the cemeteries, people, events…
        flagged = [r for r in records if getattr(r, "featured", False)]  # pictures first, as on the web home
        return sorted(flagged, key=lambda r: (not r.images, order.index(r.kind) if r.kind in order else len(order), r.title.zh))

    def featured_records(self, records: list) -> list:
        """The attract screen's exhibits: the featured ones, in order. A slide is a full-screen picture:
        of the records marked `featured: true`, those without one show on the home and search only."""
        chosen = self.featured_all(records)
        return chosen if self.featured else [r for r in chosen if r.images]

    def featured_warnings(self, records: list, documents: Mapping[str, Document]) -> list[Problem]:
        """A featured exhibit without a picture: not wrong, but its attract slide and its home tile show
        only words. documents: {record id: its file}, for the line of its `featured: true`."""
        if self.featured:
            return self._listed_without_picture(records, documents)
        return [
            _flagged_without_picture(record, documents.get(record.id))
            for record in records
            if getattr(record, "featured", False) and not record.images
        ]

    def _listed_without_picture(self, records: list, documents: Mapping[str, Document]) -> list[Problem]:
        """The ids in `featured` whose record has no picture, each at its line of this file."""
        by_id = {r.id: r for r in records}
        warnings = []
        for index, record_id in enumerate(self.featured):
            record = by_id.get(record_id)
            if record is not None and not record.images:
                where = documents[record_id].path if record_id in documents else "its record"
                warnings.append(
                    Problem(
                        self.path,
                        self.line(("featured", index)),
                        dotted(("featured", index)),
                        f'"{record_id}" has no picture: its attract slide and home tile show only words. '
                        f"Add a picture under `images:` in {where}, or take it off this list",
                    )
                )
        return warnings

    def featured_problems(self, published: set[str], drafts: Mapping[str, str] | None = None) -> list[Problem]:
        """A featured id must name a published record (checked once the records are read).
        drafts: {record id: its file} of drafts, for a sharper hint."""
        problems = []
        for index, record_id in enumerate(self.featured):
            loc = ("featured", index)
            if record_id in published:
                if self.featured.index(record_id) != index:
                    problems.append(
                        Problem(self.path, self.line(loc), dotted(loc), f'"{record_id}" is listed twice. Keep it once')
                    )
                continue
            if drafts and record_id in drafts:
                message = (
                    f'no published record has the id "{record_id}": {drafts[record_id]} is a draft. '
                    "Publish it (review.status: verified) or take it off this list"
                )
            else:
                close = difflib.get_close_matches(record_id, sorted(published), n=1)
                hint = (
                    f"Did you mean `{close[0]}`?"
                    if close
                    else (
                        "Write the `id:` of a record in exhibits/, or leave the list empty to show every record with `featured: true`."
                    )
                )
                message = f'no published record has the id "{record_id}". {hint}'
            problems.append(Problem(self.path, self.line(loc), dotted(loc), message))
        return problems


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _seconds_problem(value, key: str, env: tuple[str, str] | None = None) -> str | None:
    """What is wrong with a time (None: nothing), said for the file or for the environment
    variable (env: its name and the text it holds)."""
    example = int(Kiosk.model_fields[key].default)
    if env:
        variable, raw = env
        shown, fix = (
            f'{variable}="{raw}"',
            (
                f"Set {variable} to {MINIMUM} or more (e.g. {variable}={example}), "
                f"or unset it to use the value in {FILE.as_posix()}."
            ),
        )
    else:  # no full stop: explain() (records/validate.py) ends a validator's message with one
        shown, fix = _shown(value), f"Write {MINIMUM} or more, e.g. `{key}: {example}`"
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return (
            f"{shown} is not a number of {WHAT[key]}. {fix}" if env else f"must be a number of {WHAT[key]}, found {shown}. {fix}"
        )
    if value <= 0:
        return f"{shown} is not a positive number of {WHAT[key]}. {fix}"
    if value < MINIMUM:
        return f"{shown} is too short: {WHAT[key]} must be at least {MINIMUM}. {fix}"
    return None


def _shown(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"  # as written in YAML
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a group of fields"
    return f'"{value}"' if isinstance(value, str) else str(value)


def _flagged_without_picture(record, doc: Document | None) -> Problem:
    """A record marked `featured: true` that has no picture, at its `featured` line."""
    return Problem(
        doc.path if doc else record.id,
        doc.line(("featured",)) if doc else 0,
        "featured",
        "has no picture, so the kiosk's attract screen leaves it out. "
        "Add a picture under `images:`, or remove `featured: true`",
    )
