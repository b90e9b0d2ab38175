"""Pinyin for searching Chinese by the letters A–Z: full syllables and initials.

"聊城舰" -> ("liaochengjian", "lcj"); a visitor at the kiosk (no Chinese keyboard) or a family
member on a phone finds a name by either. Computed at build time with pypinyin.
"""

from __future__ import annotations

import functools
import re

_LATIN = re.compile(r"[a-z0-9]+")


@functools.lru_cache(maxsize=65536)
def keys(text: str) -> tuple[str, str]:
    """(full pinyin without tones or spaces, initials) of text; Latin letters and digits stay as they are."""
    from pypinyin import Style, lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors=lambda chars: list(chars))]
    syllables = [s for s in syllables if _LATIN.fullmatch(s)]
    return "".join(syllables), "".join(s[0] for s in syllables)


def matches(query: str, text: str) -> bool:
    """Does a typed query (letters) match text by its full pinyin or its initials?"""
    query = re.sub(r"[^a-z0-9]", "", query.lower())
    if not query:
        return False
    full, initials = keys(text)
    return full.startswith(query) or query in full or initials.startswith(query)
