"""settings/kiosk.yml: the kiosk's times and featured exhibits, read and checked like the other settings.

The file is read with the project's YAML loader (records/load.py, line numbers kept) and validated
by the `Kiosk` model; every mistake is a Problem (`settings/kiosk.yml:LINE: FIELD: what is wrong and
how to fix it`), never a traceback. KIOSK_IDLE_SECONDS / KIOSK_COUNTDOWN_SECONDS, set when building,
win over the file. `make schema` writes schema/kiosk.schema.json from the same model.
"""

from __future__ import annotations

import difflib
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Optional

import yaml
from pydantic import AfterValidator, Field, PrivateAttr, ValidationError, ValidationInfo, field_validator

from ..records.load import Document, load
from ..records.model import Slug, Strict
from ..records.problems import Problem, ValidationFailed, dotted

HERE = Path(__file__).parent
# The kiosk's own words (buttons, countdown, attract screen), in both languages.
TEXT: dict[str, dict[str, str]] = yaml.safe_load((HERE / "ui.yml").read_text(encoding="utf-8"))

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
# The key of config.extra that the kiosk partials read (overrides/partials/kiosk-*.html). The build
# owns it: what a curator writes in `extra` is never overwritten.
TEMPLATE_KEY = "exhibition_kiosk"


class TemplateData(dict):
    """config.extra[TEMPLATE_KEY] as the build wrote it (told apart from a curator's own value)."""


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

    def for_templates(self, attract: str, search: dict[str, str]) -> dict:
        """What the kiosk partials read (overrides/partials/kiosk-*.html): the times, the kiosk's
        words, and the addresses of its attract screen and its search page ({language: address})."""
        return TemplateData(
            idle_seconds=self.idle_seconds,
            countdown_seconds=self.countdown_seconds,
            slide_seconds=self.slide_seconds,
            text=TEXT,
            attract=attract,
            search=search,
        )

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
        warnings = []
        if self.featured:
            by_id = {r.id: r for r in records}
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
        for record in records:
            if getattr(record, "featured", False) and not record.images:
                doc = documents.get(record.id)
                warnings.append(
                    Problem(
                        doc.path if doc else record.id,
                        doc.line(("featured",)) if doc else 0,
                        "featured",
                        "has no picture, so the kiosk's attract screen leaves it out. "
                        "Add a picture under `images:`, or remove `featured: true`",
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


def read_settings(root: Path, environ: Mapping[str, str] = os.environ) -> Kiosk:
    """settings/kiosk.yml and the KIOSK_* variables; raise ValidationFailed listing every mistake."""
    kiosk, problems = _read(Path(root), environ)
    if problems:
        raise ValidationFailed(problems)
    return kiosk


def check_file(config_file: Path, root: Path, published: set[str], environ: Mapping[str, str] = os.environ) -> list[Problem]:
    """Every mistake in the kiosk's settings, checked with the records before the build starts
    (`make kiosk`): settings/kiosk.yml, the KIOSK_* variables, and settings still written in the
    kiosk's MkDocs config (config_file, mkdocs-kiosk.yml) from before settings/kiosk.yml."""
    kiosk, problems = _read(Path(root), environ)
    problems += config_problems(Path(config_file), Path(root))
    return problems + (kiosk.featured_problems(published) if kiosk else [])


def config_problems(config_file: Path, root: Path, extra: Mapping | None = None) -> list[Problem]:
    """The kiosk's MkDocs config (mkdocs-kiosk.yml) keeps only what MkDocs needs: `extra.kiosk`,
    which held these settings before settings/kiosk.yml, would now be ignored, so it is refused
    rather than left to mislead; and the build's own key must be free. extra: the loaded
    config's (with what it inherits); without it, the file alone is read."""
    shown = config_file.relative_to(root).as_posix() if config_file.is_relative_to(root) else config_file.name
    try:  # composed, not loaded: a key's line, without knowing MkDocs' tags (!ENV …)
        node = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        node = None  # MkDocs reports an unreadable config itself
    problems = []
    line = _key_line(node, ("extra", "kiosk"))
    if line is not None or (extra is not None and "kiosk" in extra):
        problems.append(
            Problem(
                shown,
                line or 0,
                "extra.kiosk",
                f"the kiosk's settings are now in {FILE.as_posix()}. "
                "Copy the times and featured ids there, then delete `kiosk:` and what is under it from this file",
            )
        )
    line = _key_line(node, ("extra", TEMPLATE_KEY))
    if line is not None or (extra is not None and not isinstance(extra.get(TEMPLATE_KEY, TemplateData()), TemplateData)):
        problems.append(
            Problem(
                shown,
                line or 0,
                f"extra.{TEMPLATE_KEY}",
                "is the name the build gives the kiosk's own settings for its pages. Name yours differently",
            )
        )
    return problems


def _key_line(node, keys: tuple[str, ...]) -> int | None:
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return None
        found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        if found is None:
            return None
        line, node = found[0].start_mark.line + 1, found[1]
    return line


def _read(root: Path, environ: Mapping[str, str]) -> tuple[Kiosk | None, list[Problem]]:
    path = root / FILE
    doc, problems = (
        load(path, FILE.as_posix()) if path.exists() else (None, [])
    )  # no file: the defaults (a project that never wrote one)
    shown, line = FILE.as_posix(), (lambda key: doc.line((key,)) if doc else 0)
    overrides = {}
    for key, variable in ENV.items():
        raw = environ.get(variable, "").strip()
        if not raw:
            continue
        seconds = _number(raw.removesuffix("s"))
        wrong = _seconds_problem(seconds, key, env=(variable, raw))
        if wrong:
            problems.append(Problem(shown, line(key), key, wrong))
        else:
            overrides[key] = _whole(seconds)
    if path.exists() and doc is None:
        return None, problems  # unreadable: the loader said why
    try:
        kiosk = Kiosk.model_validate(doc.data if doc else {})
    except ValidationError as exc:
        from ..records.validate import explain_all

        return None, problems + explain_all(doc, Kiosk, exc)
    kiosk = kiosk.model_copy(update=overrides)
    kiosk._doc = doc
    return kiosk, problems


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
