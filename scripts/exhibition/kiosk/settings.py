"""`extra.kiosk` in mkdocs-kiosk.yml: read, checked, with the environment's overrides.

Every mistake is a Problem (`mkdocs-kiosk.yml:LINE: extra.kiosk.FIELD: what is
wrong and how to fix it`), reported like a record's, never as a traceback.
"""

from __future__ import annotations

import difflib
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import yaml

from ..records.problems import Problem, ValidationFailed

HERE = Path(__file__).parent
# The kiosk's own words (buttons, countdown, attract screen), in both languages.
TEXT: dict[str, dict[str, str]] = yaml.safe_load((HERE / "ui.yml").read_text(encoding="utf-8"))

# Installers and tests set these at build time; they win over the file.
ENV = {"idle_seconds": "KIOSK_IDLE_SECONDS", "countdown_seconds": "KIOSK_COUNTDOWN_SECONDS"}
TIMES = {"idle_seconds": 90.0, "countdown_seconds": 15.0, "slide_seconds": 8.0}
LISTS = ("featured", "stylesheets", "javascripts")
WHAT = {
    "idle_seconds": "seconds without a touch before the countdown appears",
    "countdown_seconds": "seconds the countdown lasts before the kiosk resets",
    "slide_seconds": "seconds each picture of the attract screen stays",
}


@dataclass
class Kiosk:
    config_path: str = "mkdocs-kiosk.yml"  # for messages, relative to the project
    idle_seconds: float = TIMES["idle_seconds"]
    countdown_seconds: float = TIMES["countdown_seconds"]
    slide_seconds: float = TIMES["slide_seconds"]
    featured: list[str] = field(default_factory=list)  # ids, in order; empty: records with `featured: true`
    stylesheets: list[str] = field(default_factory=list)
    javascripts: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # where each setting is written, for messages

    def for_templates(self) -> dict:
        """What config.extra.kiosk holds during the build (read by overrides/partials/kiosk-*.html)."""
        return {
            "idle_seconds": self.idle_seconds, "countdown_seconds": self.countdown_seconds,
            "slide_seconds": self.slide_seconds, "text": TEXT,
        }

    def featured_records(self, records: list) -> list:
        if self.featured:
            by_id = {r.id: r for r in records}
            return [by_id[i] for i in self.featured if i in by_id]
        from ..records.model import KINDS

        order = list(KINDS)  # the hall first, then the ship, the cemeteries, people, events…
        # A slide is a full-screen picture: featured records without one show on the home's cards only.
        flagged = [r for r in records if getattr(r, "featured", False) and r.images]
        return sorted(flagged, key=lambda r: (order.index(r.kind) if r.kind in order else len(order), r.title.zh))

    def featured_problems(self, published: set[str], drafts: set[str] = frozenset()) -> list[Problem]:
        """A featured id must name a published record (checked once the records are read)."""
        problems = []
        for index, record_id in enumerate(self.featured):
            where = f"extra.kiosk.featured[{index}]"
            line = self.lines.get(f"featured:{record_id}", self.lines.get("featured", 0))
            if record_id in published:
                if self.featured.index(record_id) != index:
                    problems.append(Problem(self.config_path, line, where, f'"{record_id}" is listed twice. Keep it once'))
                continue
            if record_id in drafts:
                hint = "That record is a draft: set its review status to verified, or take it off this list."
            else:
                close = difflib.get_close_matches(str(record_id), sorted(published), n=1)
                hint = f"Did you mean `{close[0]}`?" if close else (
                    "Write the `id:` of a record in exhibits/, or leave the list empty to show every record with `featured: true`.")
            problems.append(Problem(self.config_path, line, where, f'no published record has the id "{record_id}". {hint}'))
        return problems


def read_settings(value, config_file: Path, root: Path, environ: Mapping[str, str] = os.environ) -> Kiosk:
    """Check `extra.kiosk` (and KIOSK_* variables); raise ValidationFailed listing every mistake."""
    kiosk, problems = _read(value, config_file, root, environ)
    if problems:
        raise ValidationFailed(problems)
    return kiosk


def _read(value, config_file: Path, root: Path, environ: Mapping[str, str]) -> tuple[Kiosk, list[Problem]]:
    path = Path(config_file)
    shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    kiosk = Kiosk(config_path=shown, lines=_lines(path))
    problems: list[Problem] = []

    def problem(key: str, message: str) -> None:
        line = kiosk.lines.get(key, kiosk.lines.get("kiosk", 0))
        problems.append(Problem(shown, line, f"extra.kiosk.{key}" if key else "extra.kiosk", message))

    if value is None:
        value = {}
    if not isinstance(value, dict):
        problem("", "must be a list of settings (idle_seconds: 90, countdown_seconds: 15, …), not a single value")
        return kiosk, problems

    for key in value:
        if key not in TIMES and key not in LISTS:
            close = difflib.get_close_matches(str(key), [*TIMES, *LISTS], n=1)
            hint = f"Did you mean `{close[0]}`?" if close else f"Allowed here: {', '.join([*TIMES, *LISTS])}."
            problem(str(key), f"unknown setting. {hint}")

    for key, default in TIMES.items():
        variable = ENV.get(key)
        from_env = variable is not None and environ.get(variable, "").strip() != ""
        raw = environ[variable].strip() if from_env else value.get(key, default)
        seconds = _positive_seconds(raw)
        if seconds is None:
            example = int(default)
            raw = str(raw).lower() if isinstance(raw, bool) else raw
            if from_env:
                problem(key, f'{variable}="{raw}" is not a positive number of {WHAT[key]}. '
                             f"Set {variable} to a number above 0 (e.g. {variable}={example}), or unset it to use the file's value")
            else:
                problem(key, f'"{raw}" is not a positive number of {WHAT[key]}. Write a number above 0, e.g. `{key}: {example}`')
        else:
            setattr(kiosk, key, seconds)

    for key in LISTS:
        items = value.get(key) or []
        if isinstance(items, str):
            items = [items]
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            problem(key, "must be a list of names, one per line starting with `- `")
            continue
        setattr(kiosk, key, [i.strip() for i in items])
    return kiosk, problems


def check_file(config_file: Path, root: Path, published: set[str], environ: Mapping[str, str] = os.environ) -> list[Problem]:
    """Every mistake in `extra.kiosk` of a kiosk config file (mkdocs-kiosk.yml), read without MkDocs:
    `make kiosk` checks it with the records, before the build starts."""
    from mkdocs.utils.yaml import get_yaml_loader  # understands !ENV like MkDocs

    try:
        data = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=get_yaml_loader()) or {}
    except (OSError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        return [Problem(Path(config_file).name, mark.line + 1 if mark else 0, "",
                        f"cannot be read ({str(exc).splitlines()[0]}). Check the indentation and colons there")]
    extra = data.get("extra") if isinstance(data, dict) else None
    kiosk, problems = _read((extra or {}).get("kiosk") if isinstance(extra, dict) else None, config_file, root, environ)
    return problems + kiosk.featured_problems(published)


def _positive_seconds(raw) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, str):
        try:
            raw = float(raw.strip().removesuffix("s"))
        except ValueError:
            return None
    if not isinstance(raw, (int, float)) or not math.isfinite(raw) or raw <= 0:
        return None
    return int(raw) if float(raw).is_integer() else float(raw)


def _lines(path: Path) -> dict[str, int]:
    """Line of each `extra.kiosk` setting (and of each featured id) in the config file, for messages."""
    try:
        text = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    lines: dict[str, int] = {}
    section, inside, indent, in_featured = "", False, 0, False
    for number, line in enumerate(text, 1):
        stripped = line.split("#", 1)[0].rstrip()
        if not stripped.strip():
            continue
        depth = len(line) - len(line.lstrip())
        if depth == 0:
            section = stripped.split(":", 1)[0]
        if section == "extra" and re.match(r"^\s*kiosk\s*:", stripped) and not inside:
            inside, indent = True, depth
            lines["kiosk"] = number
            continue
        if inside and depth <= indent:
            break
        if not inside:
            continue
        key = re.match(r"^\s*([A-Za-z_]\w*)\s*:", stripped)
        if key:
            lines.setdefault(key.group(1), number)
            in_featured = key.group(1) == "featured"
            for item in re.findall(r"[\w-]+", stripped.split(":", 1)[1]) if in_featured else []:
                lines.setdefault(f"featured:{item}", number)
        elif in_featured:
            item = re.match(r"^\s*-\s*['\"]?([^'\"\s]+)", stripped)
            if item:
                lines.setdefault(f"featured:{item.group(1)}", number)
    return lines
