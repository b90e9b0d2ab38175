"""Stroke counts of Chinese characters, for the order of honour rolls (姓氏笔画: by the surname's strokes).

The counts are Unihan's kTotalStrokes (unihan/strokes.txt, written by scripts/tools/unihan_strokes.py from
the Unicode Character Database), never a hand-typed table.
"""

from __future__ import annotations

import functools
from pathlib import Path

DATA = Path(__file__).with_name("unihan") / "strokes.txt"
UNKNOWN = 99  # a character Unihan gives no count for (a letter, a sign) goes after every counted one


@functools.cache
def _table() -> dict[str, int]:
    table: dict[str, int] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            count, chars = line.split("\t")
            table.update(dict.fromkeys(chars, int(count)))
    return table


def count(char: str) -> int:
    """kTotalStrokes of one character; UNKNOWN when Unihan has none."""
    return _table().get(char, UNKNOWN)


def key(name: str) -> tuple:
    """Sort key of a name in stroke order: the strokes of its first character (the surname), then of
    each next character; characters with the same strokes by code point, and a shorter name first."""
    return tuple((count(ch), ord(ch)) for ch in name if not ch.isspace())
