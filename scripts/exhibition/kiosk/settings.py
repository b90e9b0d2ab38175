"""The kiosk's settings in the kiosk build: settings/kiosk.yml (read and checked by the settings layer,
model `settings.kiosk.Kiosk`), with KIOSK_IDLE_SECONDS / KIOSK_COUNTDOWN_SECONDS, set when building,
winning over the file; and what the kiosk partials read of them. Every mistake is a Problem
(`settings/kiosk.yml:LINE: FIELD: what is wrong and how to fix it`), never a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import yaml

from ..records.problems import Problem, ValidationFailed
from ..settings import read
from ..settings.kiosk import FILE, Kiosk, _number, _seconds_problem, _whole

HERE = Path(__file__).parent
# The kiosk's own words (buttons, countdown, attract screen), in both languages.
TEXT: dict[str, dict[str, str]] = yaml.safe_load((HERE / "ui.yml").read_text(encoding="utf-8"))

# Installers and tests set these at build time; they win over the file.
ENV = {"idle_seconds": "KIOSK_IDLE_SECONDS", "countdown_seconds": "KIOSK_COUNTDOWN_SECONDS"}
# The key of config.extra that the kiosk partials read (overrides/partials/kiosk-*.html). The build
# owns it: what a curator writes in `extra` is never overwritten.
TEMPLATE_KEY = "exhibition_kiosk"

__all__ = ["ENV", "FILE", "TEMPLATE_KEY", "TEXT", "Kiosk", "TemplateData", "for_templates", "read_settings", "with_overrides"]


class TemplateData(dict):
    """config.extra[TEMPLATE_KEY] as the build wrote it (told apart from a curator's own value)."""


def for_templates(kiosk: Kiosk, attract: str, search: dict[str, str]) -> TemplateData:
    """What the kiosk partials read (overrides/partials/kiosk-*.html): the times, the kiosk's
    words, and the addresses of its attract screen and its search page ({language: address})."""
    return TemplateData(
        idle_seconds=kiosk.idle_seconds,
        countdown_seconds=kiosk.countdown_seconds,
        slide_seconds=kiosk.slide_seconds,
        text=TEXT,
        attract=attract,
        search=search,
    )


def read_settings(root: Path, environ: Mapping[str, str] = os.environ) -> Kiosk:
    """settings/kiosk.yml and the KIOSK_* variables; raise ValidationFailed listing every mistake.
    (A build reads the file once, with the other settings, and calls with_overrides.)"""
    kiosk, _, problems = read(Path(root), "kiosk")
    if not problems and kiosk is None:
        kiosk = Kiosk()  # no file: the defaults (a project that never wrote one)
    kiosk, more = with_overrides(kiosk, environ)
    if problems + more:
        raise ValidationFailed(problems + more)
    return kiosk


def with_overrides(kiosk: Kiosk | None, environ: Mapping[str, str] = os.environ) -> tuple[Kiosk | None, list[Problem]]:
    """The kiosk's settings as the build uses them: KIOSK_* win over the file. kiosk: the file's,
    None when it has mistakes of its own (then only the variables' problems are told)."""
    problems, overrides = [], {}
    for key, variable in ENV.items():
        raw = environ.get(variable, "").strip()
        if not raw:
            continue
        seconds = _number(raw.removesuffix("s"))
        wrong = _seconds_problem(seconds, key, env=(variable, raw))
        if wrong:
            problems.append(Problem(kiosk.path if kiosk else FILE.as_posix(), kiosk.line((key,)) if kiosk else 0, key, wrong))
        else:
            overrides[key] = _whole(seconds)
    if kiosk is None:
        return None, problems
    updated = kiosk.model_copy(update=overrides)
    updated._doc = kiosk._doc
    return updated, problems


def check_file(
    config_file: Path,
    root: Path,
    kiosk: Kiosk | None,
    published: set[str],
    environ: Mapping[str, str] = os.environ,
    extra: Mapping | None = None,
) -> list[Problem]:
    """Every mistake of the kiosk build's own, checked with the records before the build starts (`make
    kiosk`): the KIOSK_* variables, settings still written in the kiosk's MkDocs config (config_file,
    mkdocs-kiosk.yml) from before settings/kiosk.yml, and featured ids. kiosk: settings/kiosk.yml as the
    settings layer read it (its own mistakes are told there)."""
    kiosk, problems = with_overrides(kiosk, environ)
    problems += config_problems(Path(config_file), Path(root), extra)  # extra: the loaded config's, when there is one
    return problems + (kiosk.featured_problems(published) if kiosk else [])


def config_problems(config_file: Path, root: Path, extra: Mapping | None = None) -> list[Problem]:
    """The kiosk's MkDocs config (mkdocs-kiosk.yml) keeps only what MkDocs needs: `extra.kiosk`,
    which held these settings before settings/kiosk.yml, would now be ignored, so it is refused
    rather than left to mislead; and the build's own key must be free. extra: the loaded
    config's (with what it inherits); without it, the file alone is read."""
    shown = config_file.relative_to(root).as_posix() if config_file.is_relative_to(root) else config_file.name
    node = _composed(config_file)
    problems = []
    line = _key_line(node, ("extra", "kiosk"))
    if line is not None or _inherits_old_kiosk(extra):
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
    if line is not None or _template_key_taken(extra):
        problems.append(
            Problem(
                shown,
                line or 0,
                f"extra.{TEMPLATE_KEY}",
                "is the name the build gives the kiosk's own settings for its pages. Name yours differently",
            )
        )
    return problems


def _composed(config_file: Path) -> yaml.Node | None:
    """The config's YAML nodes, or None when it cannot be read (MkDocs reports that itself)."""
    try:  # composed, not loaded: a key's line, without knowing MkDocs' tags (!ENV …)
        return yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, yaml.YAMLError):
        return None


def _inherits_old_kiosk(extra: Mapping | None) -> bool:
    """The loaded config (with what it inherits) still has `extra.kiosk`."""
    return extra is not None and "kiosk" in extra


def _template_key_taken(extra: Mapping | None) -> bool:
    """The loaded config sets the build's own key to something the build did not put there."""
    return extra is not None and not isinstance(extra.get(TEMPLATE_KEY, TemplateData()), TemplateData)


def _key_line(node, keys: tuple[str, ...]) -> int | None:
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return None
        found = next(((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
        if found is None:
            return None
        line, node = found[0].start_mark.line + 1, found[1]
    return line
