"""Write scripts/exhibition/unihan/strokes.txt: the total stroke count of every CJK ideograph (Unihan's
kTotalStrokes, its first value: the one for simplified Chinese), for ordering names on the roll of honour.

The build reads the file, never the Unicode data: run this only to move to a newer Unicode version.

    apt-get install unicode-data    # Debian's copy of the Unicode Character Database, Unihan included
    .venv/bin/python scripts/tools/unihan_strokes.py [/usr/share/unicode/Unihan_IRGSources.txt.bz2]

The output is one line per stroke count: the count, a tab, and the characters with that count in code-point
order. It is a modified Data File under the Unicode licence (unihan/LICENSE.txt): its header says so.
"""

from __future__ import annotations

import bz2
import re
import sys
from pathlib import Path

SOURCE = Path("/usr/share/unicode/Unihan_IRGSources.txt.bz2")
OUT = Path(__file__).resolve().parents[1] / "exhibition" / "unihan" / "strokes.txt"
LINE = re.compile(r"^U\+([0-9A-F]{4,6})\tkTotalStrokes\t(\d+)")


def main(source: Path = SOURCE) -> None:
    opener = bz2.open if source.suffix == ".bz2" else open
    with opener(source, "rt", encoding="utf-8") as f:
        text = f.read()
    version = re.search(r"^# Unicode version: (\S+)", text, re.M)
    counts: dict[int, list[str]] = {}
    for line in text.splitlines():
        if m := LINE.match(line):
            counts.setdefault(int(m[2]), []).append(chr(int(m[1], 16)))
    head = [
        f"# kTotalStrokes (first value) from Unihan, Unicode {version[1] if version else '?'}: {source.name}",
        "# Modified Data File: only this field is kept, one line per stroke count (count, tab, characters).",
        "# © Unicode, Inc. Licence: unihan/LICENSE.txt. Written by scripts/tools/unihan_strokes.py; do not edit.",
    ]
    body = [f"{n}\t{''.join(sorted(chars))}" for n, chars in sorted(counts.items())]
    OUT.write_text("\n".join(head + body) + "\n", encoding="utf-8")
    print(f"{OUT}: {sum(map(len, counts.values())):,} characters, {OUT.stat().st_size:,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE)
