"""The audio guide's recordings (语音导览), checked as the curator wrote them.

A record (or a tour stop in settings/hall.yml) lists `audio:` entries, one per language, each naming a
file under audio/. The file is read by its header only (mutagen), never decoded: a missing or
unreadable file, a file over 10 MB (a phone on the hall's weak signal), a duration more than 2 s from
what the entry says, or a language given twice is refused with path:line.
"""

from __future__ import annotations

from pathlib import Path

from .load import Document
from .model import seconds_of
from .problems import Problem, dotted

FOLDER = "audio"  # beside exhibits/ and images/
MAX_BYTES = 10 * 1024 * 1024
TOLERANCE = 2.0  # seconds between the entry's duration and the file's


def length(path: Path) -> float | None:
    """The recording's length in seconds from its header, or None when it is not a recording we can read."""
    import mutagen  # only builds with audio pay for the import

    try:
        found = mutagen.File(path)
    except Exception:  # mutagen raises its own error kinds for every damaged header
        return None
    seconds = getattr(getattr(found, "info", None), "length", None)
    return float(seconds) if seconds else None


def shown(seconds: float) -> str:
    """1:02, as a player shows a length."""
    seconds = round(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


def check(doc: Document, folder: Path, at: tuple = ()) -> list[Problem]:
    """Every `audio:` entry of the document (at `at` inside it: a tour stop's place in hall.yml)."""
    listed = _listed(doc.data, at)
    problems: list[Problem] = []
    languages: set[str] = set()
    for index, item in enumerate(listed if isinstance(listed, list) else []):
        if not isinstance(item, dict):
            continue  # the model says what is wrong with it
        loc = (*at, "audio", index)
        language = item.get("language")
        if language in languages:
            problems.append(_problem(doc, loc + ("language",), f'a second recording in "{language}". Keep one per language'))
        languages.add(language)
        file = item.get("file")
        if not isinstance(file, str) or not file.strip():
            continue
        problem = _file_problem(folder, file.strip(), item.get("duration"))
        if problem:
            problems.append(_problem(doc, loc + (problem[0],), problem[1]))
    return problems


def _listed(data: dict, at: tuple):
    """The `audio:` entries at `at` inside the document's data, as written (None when there are none)."""
    node = data
    for key in at:
        node = node[key] if isinstance(node, (dict, list)) else None
    return node.get("audio") if isinstance(node, dict) else None


def _file_problem(folder: Path, file: str, duration) -> tuple[str, str] | None:
    candidate = Path(file)
    if candidate.is_absolute() or ".." in candidate.parts:
        return "file", f'"{file}" points outside audio/. Give a path inside audio/, e.g. tour/navy.zh.mp3'
    path = folder / candidate
    if not path.is_file():
        return "file", f"audio/{file} does not exist. Put the recording in the audio/ folder, or correct the name"
    size = path.stat().st_size
    if size > MAX_BYTES:
        return "file", (
            f"audio/{file} is {size / 1024 / 1024:.1f} MB; at most 10 MB loads on a phone in the hall. "
            "Save it again at a lower bit rate (64 kbit/s is plenty for speech)"
        )
    seconds = length(path)
    if seconds is None:
        return "file", f"audio/{file} is not a recording that can be read (MP3, M4A/AAC or Opus). Export it again"
    try:
        given = float(seconds_of(duration))
    except (TypeError, ValueError):
        given = None  # the model says what is wrong with it
    if given is not None and abs(given - seconds) > TOLERANCE:
        return "duration", f"says {shown(given)} but audio/{file} lasts {shown(seconds)}. Write duration: {shown(seconds)}"
    return None


def _problem(doc: Document, loc: tuple, message: str) -> Problem:
    return Problem(doc.path, doc.line(loc), dotted(loc), message)
