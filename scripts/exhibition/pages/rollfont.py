"""A subset web font for the rare characters of the roll's names.

Names of the fallen may use characters outside the common set (GB 2312: the characters
every Chinese phone and PC font has), up to CJK Extension B. Visitors' fonts may lack them
and show a box. The build subsets a CJK font on the machine (Debian fonts-noto-cjk, found
with fc-match, or settings/roll.yml `font:`) to exactly those characters, as a local WOFF2
used by the roll pages through @font-face with a unicode-range: no request to another host.
"""

from __future__ import annotations

import hashlib
import logging
import subprocess
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.exhibition")
FAMILY = "ExRollNames"


def common(ch: str) -> bool:
    """In GB 2312 (or ASCII/punctuation): present in every Chinese system font."""
    try:
        ch.encode("gb2312")
        return True
    except UnicodeEncodeError:
        return False


def rare_characters(rolls) -> str:
    chars = {ch for roll in rolls for row in roll.rows for ch in row.name if not common(ch) and not ch.isspace()}
    return "".join(sorted(chars))


def find_font(root: Path, chars: str, configured: str = "") -> tuple[str, int] | None:
    """(path, index in a .ttc) of a font with the characters: settings/roll.yml `font:` (checked by
    settings.py), else fc-match."""
    if configured:
        return str(root / configured), 0  # an absolute path stays itself
    charset = " ".join(f"{ord(c):x}" for c in chars)
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}\t%{index}", f"Noto Sans CJK SC:charset={charset}"],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    if "\t" not in found:
        return None
    path, index = found.split("\t", 1)
    return path, int(index or 0)


def make(rolls, out_dir: Path, root: Path, font: str = "") -> str | None:
    """Write roll-names-<hash>.woff2 and roll-names-<hash>.css to out_dir; return the CSS file's name.
    font: settings/roll.yml `font:`, empty to find one."""
    chars = rare_characters(rolls)
    if not chars:
        _remove_old(out_dir)
        return None
    found = find_font(root, chars, font)
    if not found:
        log.info("exhibition: no CJK font found for the roll's rare characters; install fonts-noto-cjk")
        return None
    path, index = found
    key = hashlib.sha1(f"{chars}|{path}|{index}".encode()).hexdigest()[:10]
    woff, css = out_dir / f"roll-names-{key}.woff2", out_dir / f"roll-names-{key}.css"
    if not (woff.exists() and css.exists()):
        out_dir.mkdir(parents=True, exist_ok=True)
        _remove_old(out_dir)
        _subset(path, index, chars, woff)
        css.write_text(_css(chars, Path(path).name, woff.name), encoding="utf-8")
    return css.name


def _remove_old(out_dir: Path) -> None:
    for old in out_dir.glob("roll-names-*"):
        old.unlink()


def _subset(path: str, index: int, chars: str, woff: Path) -> None:
    """The font cut down to chars, as WOFF2; says which of them the font lacks."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    # The font's own "modified" date, not now: the same names give the same file on every build.
    font = TTFont(path, fontNumber=index, lazy=True, recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    options.name_IDs = [1, 2]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    cmap = font.getBestCmap() or {}
    missing = [c for c in chars if ord(c) not in cmap]
    if missing:
        log.info(f"exhibition: the font {path} lacks {''.join(missing)}: those characters may show as boxes")
    font.flavor = "woff2"
    font.save(woff)


def _css(chars: str, font_name: str, woff_name: str) -> str:
    """The @font-face for chars only (unicode-range), and the roll's text in that family first."""
    ranges = ",".join(f"U+{ord(c):X}" for c in chars)
    return (
        f"/* Rare characters of the roll's names ({len(chars)}), subset from {font_name} at build time. */\n"
        f'@font-face{{font-family:"{FAMILY}";src:url("{woff_name}") format("woff2");'
        f"font-display:swap;unicode-range:{ranges}}}\n"
        f'.ex-roll,.ex-roll input{{font-family:"{FAMILY}",var(--md-text-font-family,sans-serif)}}\n'
    )
