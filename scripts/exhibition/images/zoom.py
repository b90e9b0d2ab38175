"""Deep zoom for large scans: static Deep Zoom (DZI) tiles, made with the derivatives.

A picture of ZOOM_FROM pixels or more on its long side (a document, a roll tablet, a certificate)
also gets a tile pyramid, so a visitor can read it closely: `zoom.dzi` (the descriptor) and
`zoom_files/<level>/<column>_<row>.jpg` beside the picture's WebP copies, in the same folder keyed
by the picture's content hash. A warm build finds the folder's manifest and does no tile work.

DZI, not IIIF: its descriptor names its tiles relative to itself, so the same files work on any
host, under a sub-path and from file:// (IIIF's info.json must carry the absolute address of the
image service). The pages hand OpenSeadragon the same description inline (tile_source()), as a
file:// page cannot fetch the descriptor.
"""

from __future__ import annotations

import math
import os
import shutil
from pathlib import Path

from PIL import Image

ZOOM_FROM = 6000  # px on the long side
TILE = 254  # + 1 px of overlap on each inner side: 256 px tiles, the usual DZI layout
OVERLAP = 1
FORMAT = "jpg"  # photographs and scans: JPEG encodes about 10× faster than WebP, tiles are flat colour
QUALITY = 82
DESCRIPTOR = "zoom.dzi"
TILES = "zoom_files"
XMLNS = "http://schemas.microsoft.com/deepzoom/2008"


def wanted(width: int, height: int) -> bool:
    return max(width, height) >= ZOOM_FROM


def levels(width: int, height: int) -> int:
    """Number of levels: level 0 is 1×1 px, the last is the full picture."""
    return math.ceil(math.log2(max(width, height))) + 1


def make_tiles(im: Image.Image, target: Path) -> dict:
    """Write the pyramid of im (RGB, upright) into target; returns what the manifest keeps.

    Largest level first, each level halved from the one before (Image.reduce: a box filter, fast,
    and the size DZI expects, ceil(w / 2))."""
    width, height = im.size
    tmp = target / f".{TILES}.{os.getpid()}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    level_im = im
    count = 0
    for level in range(levels(width, height) - 1, -1, -1):
        folder = tmp / str(level)
        folder.mkdir(parents=True)
        lw, lh = level_im.size
        for col in range(math.ceil(lw / TILE)):
            for row in range(math.ceil(lh / TILE)):
                left, top = col * TILE - (OVERLAP if col else 0), row * TILE - (OVERLAP if row else 0)
                box = (left, top, min((col + 1) * TILE + OVERLAP, lw), min((row + 1) * TILE + OVERLAP, lh))
                level_im.crop(box).save(folder / f"{col}_{row}.{FORMAT}", "JPEG", quality=QUALITY)
                count += 1
        if level:
            level_im = level_im.reduce(2)
    final = target / TILES
    shutil.rmtree(final, ignore_errors=True)
    os.replace(tmp, final)
    (target / DESCRIPTOR).write_text(descriptor(width, height), encoding="utf-8")
    return {"width": width, "height": height, "tiles": count}


def descriptor(width: int, height: int) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<Image xmlns="{XMLNS}" Format="{FORMAT}" Overlap="{OVERLAP}" TileSize="{TILE}">'
        f'<Size Width="{width}" Height="{height}"/></Image>\n'
    )


def tile_source(tiles_url: str, width: int, height: int) -> dict:
    """The descriptor as OpenSeadragon takes it inline (its DziTileSource's JSON form). tiles_url:
    the tiles' folder as the page reaches it, ending in a slash."""
    return {
        "Image": {
            "xmlns": XMLNS,
            "Url": tiles_url,
            "Format": FORMAT,
            "Overlap": str(OVERLAP),
            "TileSize": str(TILE),
            "Size": {"Width": str(width), "Height": str(height)},
        }
    }
