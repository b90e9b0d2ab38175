"""The interface words of every page, handout and label, in each language (words.yml).

A base module: it imports nothing of the package, so records/ (the scaffold's field
labels), pages/, printing/ and kiosk/ all read the same words from below.
"""

from __future__ import annotations

from pathlib import Path

import yaml

UI: dict[str, dict[str, str]] = yaml.safe_load((Path(__file__).parent / "words.yml").read_text(encoding="utf-8"))


def word(key: str, lang: str) -> str:
    """The word `key` in `lang` (a KeyError names a word missing from words.yml)."""
    return UI[key][lang]
