"""What this project relies on inside other packages where they offer no public hook: all of it here.

Each function names the state it reads and why no public way exists. They were checked against the
versions in CHECKED (pinned in requirements.txt and constraints.txt); tests/test_thirdparty.py fails
when an installed version differs, so an upgrade means reading this module against the new code first.

- mkdocs-static-i18n: the plugin instance's `building` (True while it builds the further languages
  itself), `current_language`, `default_language` and `extra_alternate` (the home pages' language links).
  They carry no underscore but are not documented; the plugin has no events of its own.
- static-i18n decides whether its further languages are built "dirty" from the command line
  (`"--dirty" in sys.argv`), not from the build it runs in: `dirty_languages` tells it the same way.
- MkDocs: `config._current_page`, the page being read or rendered when a warning is logged (the
  warning names no page; a plugin event cannot wrap MkDocs' own warnings).
- Material for MkDocs: its bundled icons, `material/templates/.icons/material/<name>.svg`, the folder its
  documentation names for icons (customization: additional icons), read as files for the kind icons.

Layer: base (imports nothing of the package).
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

CHECKED = {"mkdocs": "1.6.1", "mkdocs-material": "9.8.1", "mkdocs-static-i18n": "1.3.1"}


def i18n_building(i18n) -> bool:
    """static-i18n is building one of the further languages (it reruns MkDocs' events for each)."""
    return bool(getattr(i18n, "building", False))


def i18n_current_language(i18n) -> str | None:
    return getattr(i18n, "current_language", None)


def i18n_default_language(i18n) -> str | None:
    return getattr(i18n, "default_language", None)


def i18n_home_alternates(i18n):
    """The home pages' language links static-i18n keeps (absolute), or None."""
    return getattr(i18n, "extra_alternate", None) or None


@contextlib.contextmanager
def dirty_languages(dirty: bool):
    """A dirty build for static-i18n's further languages too (see the module's note)."""
    if not dirty or "--dirty" in sys.argv:
        yield
        return
    sys.argv.append("--dirty")
    try:
        yield
    finally:
        sys.argv.remove("--dirty")


def current_page(config):
    """The page MkDocs is reading or rendering (None between pages, or without a config)."""
    return getattr(config, "_current_page", None) if config is not None else None


def material_icon(name: str) -> Path:
    """The SVG file of one of Material's bundled icons, e.g. "flag" (material/flag.svg)."""
    import material

    return Path(material.__file__).parent / "templates" / ".icons" / "material" / f"{name}.svg"
