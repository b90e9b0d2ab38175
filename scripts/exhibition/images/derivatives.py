"""Step 2 of the flow: web-ready derivatives of every image a record uses.

One decode per photo (JPEG decoded at reduced scale with draft()), orientation
fixed, colours in sRGB (an embedded ICC profile converted; CMYK, 16-bit and
greyscale to 8-bit RGB; transparency flattened on white), EXIF and GPS dropped,
never upscaled, WebP at a few widths, each width resized from the next larger
one; a large scan also gets deep-zoom tiles (zoom.py). Results are cached by the source's content
hash, so an unchanged photo is never decoded again, and work is spread over the
machine's cores. The hash itself is remembered by (path, size, mtime, inode) in
media/.source-keys.json, so a rebuild with no new photo reads no photo at all.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from ..records.validate.images import MAX_PIXELS, register_heif
from . import zoom

WIDTHS = (480, 960, 1600)
QUALITY = 78
# WebP effort: 2 encodes in half the time of Pillow's default 4, for files about 5 % larger
# (measured on 4000×3000 photos); encoding was most of the picture work.
METHOD = 2
# Bump when the recipe changes so old cache entries are not reused.
RECIPE = f"v4-{'-'.join(map(str, WIDTHS))}-q{QUALITY}-m{METHOD}-z{zoom.ZOOM_FROM}-{zoom.TILE}"
PROGRESS_FROM = 8  # show a progress bar when this many images need work
KEYS_FILE = ".source-keys.json"  # in the media folder; MkDocs skips dot-files
RACY_NS = 2_000_000_000  # a file changed this recently may change again within its mtime tick: hash it next time too
SWAPS_AXES = {5, 6, 7, 8}  # EXIF orientations that turn the picture by 90°


@dataclass(frozen=True)
class Variant:
    url: str  # path relative to docs/
    width: int
    height: int


@dataclass(frozen=True)
class Zoom:
    """A large scan's deep-zoom tiles (zoom.py): the descriptor and the tiles' folder, relative to docs/."""

    url: str  # …/zoom.dzi
    tiles: str  # …/zoom_files/
    width: int  # of the whole picture, upright
    height: int

    def tile_source(self, prefix: str) -> dict:
        """What OpenSeadragon takes inline; prefix: from the page to docs/ (as for every picture)."""
        return zoom.tile_source(f"{prefix}{self.tiles}", self.width, self.height)


@dataclass(frozen=True)
class Derived:
    source: str  # path inside images/
    width: int  # of the largest variant
    height: int
    variants: tuple[Variant, ...]
    zoom: Zoom | None = None  # a scan of zoom.ZOOM_FROM px or more

    @property
    def small(self) -> Variant:
        return self.variants[0]

    @property
    def large(self) -> Variant:
        return self.variants[-1]

    def srcset(self, prefix: str) -> str:
        return ", ".join(f"{prefix}{v.url} {v.width}w" for v in self.variants)


class ImageError(Exception):
    pass


def content_key(path: Path) -> str:
    digest = hashlib.sha256(RECIPE.encode())
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:20]


class SourceKeys:
    """content_key() remembered by (size, mtime_ns, inode): hashing 3,000 photos reads gigabytes."""

    def __init__(self, out_dir: Path):
        self.path = out_dir / KEYS_FILE
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = None
        keys = saved.get("keys") if isinstance(saved, dict) and saved.get("recipe") == RECIPE else None
        self.known: dict = keys if isinstance(keys, dict) else {}
        self.seen: dict[str, list] = {}

    def key(self, path: Path) -> str:
        name = os.path.abspath(path)
        st = path.stat()
        stamp = [st.st_size, st.st_mtime_ns, st.st_ino]
        entry = self.known.get(name)
        if isinstance(entry, list) and len(entry) == 4 and entry[:3] == stamp:
            key = entry[3]
        else:
            key = content_key(path)
        if time.time_ns() - st.st_mtime_ns > RACY_NS:
            self.seen[name] = [*stamp, key]
        return key

    def save(self) -> None:
        """Only the photos used now; written only when something changed (MkDocs serve watches docs/)."""
        if self.seen == self.known:
            return
        tmp = self.path.with_name(f"{KEYS_FILE}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"recipe": RECIPE, "keys": self.seen}, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, self.path)


def make(source: Path, out_dir: Path, key: str, url_base: str) -> dict:
    """Decode once, write every width (and a large scan's tiles). Runs in a worker process."""
    im, tiles = _decode(source)
    full_w, full_h = im.size
    target = out_dir / key
    target.mkdir(parents=True, exist_ok=True)
    manifest: dict = {}
    if tiles:
        zoom.make_tiles(im, target)
        base = f"{url_base}/{key}"
        manifest["zoom"] = {
            "url": f"{base}/{zoom.DESCRIPTOR}",
            "tiles": f"{base}/{zoom.TILES}/",
            "width": full_w,
            "height": full_h,
        }
    variants = _write_widths(im, tiles, target, f"{url_base}/{key}")
    manifest = {"width": variants[-1]["width"], "height": variants[-1]["height"], "variants": variants, **manifest}
    (target / "manifest.json").write_text(json.dumps(manifest))
    return manifest


def _decode(source: Path) -> tuple[Image.Image, bool]:
    """(the picture upright in 8-bit sRGB, whether it is a scan large enough for tiles)."""
    warnings.simplefilter("error", Image.DecompressionBombWarning)
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    register_heif()
    try:
        with Image.open(source) as im:
            tiles = zoom.wanted(*im.size)
            if im.format in ("JPEG", "MPO") and not tiles:
                # Decode at the smallest scale (1/2, 1/4, 1/8) that still covers the largest width,
                # once the picture is upright: only the width counts, so ask for no height.
                turned = im.getexif().get(0x0112) in SWAPS_AXES
                im.draft("RGB", (1, WIDTHS[-1]) if turned else (WIDTHS[-1], 1))
            im.load()
            ImageOps.exif_transpose(im, in_place=True)  # in place: a copy of a 63-megapixel scan costs 0.2 s
            return to_srgb(im), tiles
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageError(f"cannot be decoded ({type(exc).__name__}: {exc}). Export the picture again as JPEG or PNG") from None


def _write_widths(im: Image.Image, tiles: bool, target: Path, url_prefix: str) -> list[dict]:
    """The WebP copies, never wider than the picture: what the manifest lists of each, smallest first."""
    full_w, full_h = im.size
    widths = [w for w in WIDTHS if w < full_w] + [min(full_w, WIDTHS[-1])]
    # A scan's copies start from it halved (a box filter, like the tiles' next level): Lanczos over the
    # full 9000 px for a 1600 px copy is most of the work otherwise; at 2× or more the result is the same.
    source_im = im.reduce(2) if tiles and full_w >= 4 * WIDTHS[-1] else im
    variants: list[dict] = []
    # Largest first, each smaller width from the one before: a third of the resampling work.
    for width in sorted(set(widths), reverse=True):
        height = max(1, round(full_h * width / full_w))
        if width != source_im.width:
            source_im = source_im.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        name = f"{width}.webp"
        tmp = target / f".{name}.tmp"
        # No exif= argument: nothing from the camera (GPS!) reaches the site.
        source_im.save(tmp, "WEBP", quality=QUALITY, method=METHOD)
        os.replace(tmp, target / name)
        variants.insert(0, {"url": f"{url_prefix}/{name}", "width": width, "height": height})
    return variants


SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
WHITE = (255, 255, 255)


# Modes made 8-bit by a plain conversion (16-bit and float greyscale are scaled first: _eight_bit).
EIGHT_BIT = {"P": "RGB", "1": "L", "LA": "L", "La": "L", "RGBA": "RGB", "RGBa": "RGB", "PA": "RGB"}


def to_srgb(im: Image.Image) -> Image.Image:
    """8-bit sRGB, as a browser shows it right: the embedded ICC profile converted (a print scan's
    CMYK or an Adobe RGB photo), CMYK and greyscale and 16-bit data to 8-bit RGB, transparency
    flattened on white (a logo's transparent ground shows white in the lightbox's dark frame too).

    Adobe's inverted CMYK JPEGs (Photoshop's) are read the right way round by Pillow (the APP14
    marker), so what arrives here is plain CMYK."""
    icc = im.info.get("icc_profile")
    alpha = im.getchannel("A") if im.mode in ("RGBA", "LA", "PA", "La", "RGBa") else None
    if im.mode == "P" and "transparency" in im.info:  # a palette's transparent entry, as alpha
        im = im.convert("RGBA")
        alpha = im.getchannel("A")
    im = _eight_bit(im)
    out = _profile_to_srgb(im, icc) if icc else None
    if out is None:
        out = im if im.mode == "RGB" else im.convert("RGB")
    return _on_white(out, alpha)


def _eight_bit(im: Image.Image) -> Image.Image:
    if im.mode.startswith("I;16") or im.mode == "I":
        # 16-bit greyscale (a PNG or TIFF scan): Pillow's convert() would clip it to white; scale it.
        # A 32-bit "I" picture whose values stay within 0-255 is 8-bit data in a wide box: kept as it is.
        sixteen = im.mode != "I" or im.getextrema()[1] > 255
        return im.convert("I").point(lambda v: v * (1 / 256 if sixteen else 1)).convert("L")
    if im.mode == "F":
        return im.point(lambda v: v * 255).convert("L")
    return im.convert(EIGHT_BIT[im.mode]) if im.mode in EIGHT_BIT else im


def _on_white(im: Image.Image, alpha: Image.Image | None) -> Image.Image:
    """im flattened on white where alpha is not fully opaque."""
    if alpha is None or alpha.getextrema() == (255, 255):
        return im
    ground = Image.new("RGB", im.size, WHITE)
    ground.paste(im, mask=alpha)
    return ground


def _profile_to_srgb(im: Image.Image, icc: bytes) -> Image.Image | None:
    """im in sRGB by its embedded profile; None when it is sRGB already or the profile is unusable
    (then the numbers are taken as sRGB, as a browser would)."""
    if im.mode not in ("RGB", "CMYK", "L"):
        return None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if ImageCms.getProfileDescription(profile).strip().lower().startswith("srgb") and im.mode == "RGB":
            return None  # already what browsers assume: skip a transform of every pixel
        return ImageCms.profileToProfile(im, profile, SRGB, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError):
        return None


def derive_all(
    files: list[str], images_dir: Path, out_dir: Path, url_base: str = "media", workers: int | None = None, progress: bool = True
) -> tuple[dict[str, Derived], dict[str, str], dict[str, int]]:
    """Make what is missing; return (derived by file, errors by file, stats)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    derived, errors = {}, {}
    stats = {"cached": 0, "made": 0}
    pending = _from_cache(files, images_dir, out_dir, derived, stats)
    if not pending:
        return derived, errors, stats
    todo = [(names[0], images_dir / names[0], key) for key, names in pending.items()]
    bar = _progress(len(todo)) if progress and len(todo) >= PROGRESS_FROM else None
    _collect(_made(todo, out_dir, url_base, workers), derived, errors, stats, bar)
    if bar:
        bar.close()
    _share_copies(pending, derived, errors)
    return derived, errors, stats


def _from_cache(files: list[str], images_dir: Path, out_dir: Path, derived: dict, stats: dict) -> dict[str, list[str]]:
    """Fill derived with the pictures made before; return the others: content key -> the files with that
    content (copies are made once)."""
    pending: dict[str, list[str]] = {}
    keys = SourceKeys(out_dir)
    for file in sorted(set(files)):
        key = keys.key(images_dir / file)
        manifest = out_dir / key / "manifest.json"
        if manifest.exists():
            derived[file] = _to_derived(file, json.loads(manifest.read_text()))
            stats["cached"] += 1
        else:
            pending.setdefault(key, []).append(file)
    keys.save()
    return pending


def _made(todo: list[tuple[str, Path, str]], out_dir: Path, url_base: str, workers: int | None):
    """(file, manifest or ImageError) for each (file, source, key) to make, in worker processes (one per
    core) unless one is asked for; in todo's order."""
    workers = workers or min(len(todo), os.cpu_count() or 1)
    if workers == 1:
        for file, source, key in todo:
            yield file, _safe(make, source, out_dir, key, url_base)
        return
    with ProcessPoolExecutor(workers) as pool:
        futures = [(file, pool.submit(_safe, make, source, out_dir, key, url_base)) for file, source, key in todo]
        for file, future in futures:
            yield file, future.result()


def _share_copies(pending: dict[str, list[str]], derived: dict, errors: dict) -> None:
    """The same picture under several names: each copy gets what the first was given."""
    for names in pending.values():
        for copy in names[1:]:
            if names[0] in derived:
                derived[copy] = derived[names[0]]
            else:
                errors[copy] = errors[names[0]]


def _safe(fn, *args):
    try:
        return fn(*args)
    except ImageError as exc:
        return exc


def _collect(results, derived, errors, stats, bar):
    for file, result in results:
        if isinstance(result, ImageError):
            errors[file] = str(result)
        else:
            derived[file] = _to_derived(file, result)
            stats["made"] += 1
        if bar:
            bar.update()


def _to_derived(file: str, manifest: dict) -> Derived:
    tiles = manifest.get("zoom")
    return Derived(
        file,
        manifest["width"],
        manifest["height"],
        tuple(Variant(**v) for v in manifest["variants"]),
        Zoom(**tiles) if tiles else None,
    )


def _progress(total: int):
    from tqdm import tqdm

    # Only on a terminal: in logs and CI a redrawn bar is noise.
    return tqdm(total=total, desc="images", unit="img", leave=False, disable=not sys.stderr.isatty())
