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
    # From the file itself, so a record with mistakes elsewhere still has its pictures checked.
    for index, file in _listed_files(doc.data.get("images")):
        loc = ("images", index, "file")
        line, where = doc.line(loc), dotted(loc)
        said: list[str] = []
        problem = _picture_problem(images, file, said)
        if problem:
            problems.append(Problem(doc.path, line, where, problem))
        notes.extend(Problem(doc.path, line, where, f"images/{file} {note}") for note in said)
    return problems


def _listed_files(listed) -> list[tuple[int, str]]:
    """(position, file name) of each picture that names a file; the model's message says what is wrong with the others."""
    items = listed if isinstance(listed, list) else []
    return [
        (index, item["file"].strip())
        for index, item in enumerate(items)
        if isinstance(item, dict) and isinstance(item.get("file"), str) and item["file"]
    ]


def _picture_problem(images: Path, file: str, said: list[str]) -> str | None:
    """What is wrong with the picture named `file` (its place, its name, the file itself), or None; what is
    accepted but worth telling goes to said."""
    candidate = Path(file)
    if candidate.is_absolute() or ".." in candidate.parts:
        return f'"{file}" points outside images/. Give a path inside images/, e.g. people/fan-zhuxian.png'
    if _unusable_name(file):
        return "is not a usable file name (a control character, or a name over 255 bytes). Rename the photo to a short plain name"
    path = images / candidate
    try:
        resolved = path.resolve()
        exists = path.is_file()
    except (OSError, RuntimeError, ValueError):
        resolved, exists = None, False
    if resolved is None or not resolved.is_relative_to(images.resolve()):
        return f'"{file}" leads outside images/ (a link?). Copy the photo into images/ instead'
    if not exists:
        return f"images/{file} does not exist. {_missing_picture_hint(images, file)}"
    problem = inspect_image(path, said)
    return f"images/{file} {problem}" if problem else None


def _unusable_name(file: str) -> bool:
    """A control character, or a part of the path longer than a file system takes (255 bytes)."""
    return any(ord(c) < 32 for c in file) or any(len(part.encode()) > 255 for part in Path(file).parts)


def check_sections(doc: Document) -> list[Problem]:
    """A story section's `image:` names the `file` of one of the story's `images` (which carry its alt
    text and credit). From the file itself, every section at once."""
    sections = doc.data.get("sections")
    if doc.data.get("kind") != "story" or not isinstance(sections, list):
        return []
    files = _story_files(doc.data.get("images"))
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


def _story_files(listed) -> list[str]:
    """The `file` of each of the story's pictures, as written."""
    items = listed if isinstance(listed, list) else []
    return [i["file"] for i in items if isinstance(i, dict) and isinstance(i.get("file"), str)]


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
            match = _entry_like(folder, part, last=depth == len(parts) - 1)
            if match is None:
                return None
            found.append(match.name)
            folder = match
    except OSError:
        return None
    return "/".join(found) if found else None


def _entry_like(folder: Path, part: str, last: bool) -> Path | None:
    """The entry of folder named part but for capitals: a folder on the way, the file at the end (where
    another picture extension also matches: .jpeg for .jpg)."""
    entries = sorted(folder.iterdir()) if folder.is_dir() else []
    match = next((e for e in entries if e.name.lower() == part.lower() and (e.is_file() if last else e.is_dir())), None)
    if match is None and last:
        return _same_picture(entries, part)
    return match


def _same_picture(entries: list[Path], name: str) -> Path | None:
    """The picture among entries named `name` but for capitals and its extension."""
    stem = Path(name).stem.lower()
    return next((e for e in entries if e.is_file() and e.stem.lower() == stem and e.suffix.lower() in PICTURE_SUFFIXES), None)


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
                notes.extend(_worth_telling(path, im.format, width, height))
    except PILImage.DecompressionBombError:
        return bomb
    except (OSError, SyntaxError, ValueError) as exc:
        return f"is not a readable picture ({type(exc).__name__}). Export it again as JPEG or PNG"
    return None


def _worth_telling(path: Path, format: str, width: int, height: int) -> list[str]:
    """What is accepted but worth a note: a name that says another format, a picture too small for large screens."""
    notes = []
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS[format]:
        shown = "JPEG" if format == "MPO" else format
        notes.append(
            f"is named {suffix or 'without an extension'} but holds a {shown} picture: it is used as {shown}. "
            f"Rename it to end in {EXTENSIONS[format][0]}, so other programs open it right"
        )
    if max(width, height) < SOFT_BELOW:
        notes.append(
            f"is only {width}×{height} pixels: it will look soft on large screens (it is shown at most at "
            f"its own size, never enlarged). Use a larger original ({SOFT_BELOW} pixels or more on its long side) if there is one"
        )
    return notes
