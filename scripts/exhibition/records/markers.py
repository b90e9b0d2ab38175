"""Citation markers in record prose (issue #24): `[@source-id]`, several as `[@id1; @id2]`.

At the bottom of records/ beside problems.py: the model strips them from every text it hands
out (Text.get), the checks read them (citations.py), the pages turn them into linked numbers.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"\[@([^\]\n]*)\]")
# With the space before it: "… in 2019. [@a]" reads "… in 2019.[1]".
WITH_SPACE = re.compile(r"[ \t]*\[@([^\]\n]*)\]")


def ids_of(marker_body: str) -> list[str]:
    """`a; @b` (the inside of one marker) -> ["a", "b"]."""
    return [name for name in (part.strip().lstrip("@").strip() for part in marker_body.split(";")) if name]


def marker_ids(text: str) -> list[str]:
    """The ids the markers of a text name, in order of first appearance."""
    ids: list[str] = []
    for match in MARKER.finditer(text):
        ids += [name for name in ids_of(match.group(1)) if name not in ids]
    return ids


def strip_markers(text: str) -> str:
    """The text without its markers (cards, search, descriptions, labels): `…成立。[@a]` -> `…成立。`."""
    return WITH_SPACE.sub("", text) if "[@" in text else text
