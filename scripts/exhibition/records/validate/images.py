"""Pictures: the formats and sizes accepted, a record's `images:` and story sections checked against
the files in images/ (with a hint for a misspelt name), and one picture's header read without decoding it."""

from __future__ import annotations

import difflib
import functools
import warnings
from pathlib import Path

from PIL import Image as PILImage

from ..load import Document
from ..problems import Problem, dotted

# MPO: the JPEG many phones and cameras write (a second, smaller picture inside); HEIF: iPhone photos.
IMAGE_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF", "TIFF", "HEIF"}
MAX_PIXELS = 80_000_000  # a 10,000 x 8,000 photo; larger is a mistake or a decompression bomb
# A picture whose longer side is below this looks soft where it is shown large (the lead figure is
# up to ~600 CSS px wide, 1,200 device pixels on a phone). It is shown no larger than it is, never enlarged.
SOFT_BELOW = 800
# What each picture format is called in a file name. A file named for another format than it holds is
# used as what it holds, with a note: every copy the site publishes is re-encoded under its own name, so
# the name never reaches a visitor, and refusing would only make the curator rename it to go on.
# The usual name first.
EXTENSIONS = {
    "JPEG": (".jpg", ".jpeg", ".jpe", ".jfif"),
    "MPO": (".jpg", ".jpeg", ".jpe", ".mpo"),
    "PNG": (".png",),
    "WEBP": (".webp",),
    "GIF": (".gif",),
    "TIFF": (".tif", ".tiff"),
    "HEIF": (".heic", ".heif", ".hif"),
}


@functools.cache
def register_heif() -> None:
    """Teach Pillow to open HEIC/HEIF (iPhone photos) with pillow-heif; once per process."""
    from pillow_heif import register_heif_opener

    register_heif_opener()


def check_images(doc: Document, images: Path, notes: list[Problem]) -> list[Problem]:
    """The pictures' problems; what is accepted but worth knowing (a small picture) goes to notes."""
    problems = []
    base = images.resolve()
    # From the file itself, so a record with mistakes elsewhere still has its pictures checked.
    listed = doc.data.get("images")
    for index, item in enumerate(listed if isinstance(listed, list) else []):
        if not isinstance(item, dict) or not isinstance(item.get("file"), str) or not item["file"]:
            continue  # the model's message says what is wrong with it
        file = item["file"].strip()
        loc = ("images", index, "file")
        line, where = doc.line(loc), dotted(loc)
        candidate = Path(file)
        if candidate.is_absolute() or ".." in candidate.parts:
            problems.append(
                Problem(
                    doc.path,
                    line,
                    where,
                    f'"{file}" points outside images/. Give a path inside images/, e.g. people/fan-zhuxian.png',
                )
            )
            continue
        if any(ord(c) < 32 for c in file) or any(len(part.encode()) > 255 for part in candidate.parts):
            problems.append(
                Problem(
                    doc.path,
                    line,
                    where,
                    "is not a usable file name (a control character, or a name over 255 bytes). Rename the photo to a short plain name",
                )
            )
            continue
        path = images / candidate
        try:
            resolved = path.resolve()
            exists = path.is_file()
        except (OSError, RuntimeError, ValueError):
            resolved, exists = None, False
        if resolved is None or not resolved.is_relative_to(base):
            problems.append(
                Problem(doc.path, line, where, f'"{file}" leads outside images/ (a link?). Copy the photo into images/ instead')
            )
            continue
        if not exists:
            problems.append(
                Problem(doc.path, line, where, f"images/{file} does not exist. {_missing_picture_hint(images, file)}")
            )
            continue
        said: list[str] = []
        problem = inspect_image(path, said)
        if problem:
            problems.append(Problem(doc.path, line, where, f"images/{file} {problem}"))
        notes.extend(Problem(doc.path, line, where, f"images/{file} {note}") for note in said)
    return problems


def check_sections(doc: Document) -> list[Problem]:
    """A story section's `image:` names the `file` of one of the story's `images` (which carry its alt
    text and credit). From the file itself, every section at once."""
    sections, listed = doc.data.get("sections"), doc.data.get("images")
    if doc.data.get("kind") != "story" or not isinstance(sections, list):
        return []
    files = (
        [i["file"] for i in listed if isinstance(i, dict) and isinstance(i.get("file"), str)] if isinstance(listed, list) else []
    )
    problems = []
    for index, section in enumerate(sections):
        image = section.get("image") if isinstance(section, dict) else None
        if not isinstance(image, str) or not image.strip() or image.strip() in files:
            continue
        loc = ("sections", index, "image")
        problems.append(
            Problem(
                doc.path,
                doc.line(loc),
                dotted(loc),
                f'"{image}" is not one of this story\'s `images` ({", ".join(files) or "none yet"}). '
                + _listed_picture_hint(image.strip(), files),
            )
        )
    return problems


def _listed_picture_hint(wanted: str, files: list[str]) -> str:
    """The likely slip: a path from the project folder, another extension (.jpeg for .jpg) or other
    capitals; else how to add the picture."""
    inside = wanted.removeprefix("images/")
    if inside != wanted and inside in files:
        return f"Paths start inside images/: drop the leading images/ and write `image: {inside}`"
    stem = Path(inside).with_suffix("").as_posix().lower()
    close = [f for f in files if Path(f).with_suffix("").as_posix().lower() == stem]
    close = close or difflib.get_close_matches(inside, files, n=1, cutoff=0.8)
    if close:
        return f"Did you mean `image: {close[0]}`?"
    return "List the picture under `images:` with its alt text, then name its file here"


PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff"}


def _missing_picture_hint(images: Path, file: str) -> str:
    """The likely slip: a path written from the project folder, or a name differing in capitals
    (of the file or its folders) or in extension (.jpeg for .jpg)."""
    parts = Path(file).parts
    if parts and parts[0].lower() == "images" and len(parts) > 1:
        inside = Path(*parts[1:]).as_posix()
        return f"Paths start inside images/: drop the leading images/ and write `file: {inside}`"
    found = _existing(images, parts)
    if found:
        return f"Did you mean `file: {found}` (the file that exists)?"
    return "Check the file name (capitals count) or add the photo to images/"


def _existing(images: Path, parts: tuple[str, ...]) -> str | None:
    """The file under images/ that matches parts but for capitals and the picture extension."""
    folder, found = images, []
    try:
        for depth, part in enumerate(parts):
            last = depth == len(parts) - 1
            entries = sorted(folder.iterdir()) if folder.is_dir() else []
            match = next((e for e in entries if e.name.lower() == part.lower() and (e.is_file() if last else e.is_dir())), None)
            if match is None and last:
                stem = Path(part).stem.lower()
                match = next(
                    (e for e in entries if e.is_file() and e.stem.lower() == stem and e.suffix.lower() in PICTURE_SUFFIXES), None
                )
            if match is None:
                return None
            found.append(match.name)
            folder = match
    except OSError:
        return None
    return "/".join(found) if found else None


def inspect_image(path: Path, notes: list[str] | None = None) -> str | None:
    """Cheap header check; a full decode happens when derivatives are made. notes: what is
    accepted but worth telling the curator (a small picture, a name that says another format)."""
    register_heif()
    if path.stat().st_size == 0:
        return "is an empty file (0 bytes). Copy the photo again"
    bomb = f"is larger than {MAX_PIXELS // 1_000_000} million pixels (a decompression bomb?). Resize it below that"
    try:
        with warnings.catch_warnings():
            # We compare the size with our own limit just below.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            im = PILImage.open(path)
        with im:
            if im.format not in IMAGE_FORMATS:
                return f"is a {im.format} file. Save it as JPEG, PNG or WebP"
            width, height = im.size
            if width * height > MAX_PIXELS:
                return f"is {width}×{height} pixels: it {bomb[3:]}"
            if notes is not None:
                suffix = path.suffix.lower()
                if suffix not in EXTENSIONS[im.format]:
                    shown = "JPEG" if im.format == "MPO" else im.format
                    right = EXTENSIONS[im.format][0]
                    notes.append(
                        f"is named {suffix or 'without an extension'} but holds a {shown} picture: it is used as {shown}. "
                        f"Rename it to end in {right}, so other programs open it right"
                    )
                if max(width, height) < SOFT_BELOW:
                    notes.append(
                        f"is only {width}×{height} pixels: it will look soft on large screens (it is shown at most at "
                        f"its own size, never enlarged). Use a larger original ({SOFT_BELOW} pixels or more on its long side) if there is one"
                    )
    except PILImage.DecompressionBombError:
        return bomb
    except (OSError, SyntaxError, ValueError) as exc:
        return f"is not a readable picture ({type(exc).__name__}). Export it again as JPEG or PNG"
    return None
