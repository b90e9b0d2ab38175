"""The lesson pack (课件包): one ZIP per lesson and language with the slides, the lesson plan, the
worksheet, the large-print worksheet and a README.txt saying what each file is and where it came from.

The ZIP is made from the files' bytes with fixed dates, so the same files give the same ZIP, and it
is kept in build/print/ keyed by its contents (a warm build reads it back instead of compressing again).
File names inside are ASCII (`<lesson>-slides-zh.pptx`): Windows' own unzipper reads names in the
local code page and would garble Chinese names; README.txt, in the pack's language, names them.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from ..pages.format import PUNCTUATION
from ..records import model
from ..words import UI
from . import cite

README = "README.txt"
STAMP = (2026, 1, 1, 0, 0, 0)  # every member's date: the same files make the same bytes


def readme(lesson: model.Lesson, lang: str, files: list[tuple[str, str]], url: str, publishers: dict[str, str]) -> bytes:
    """README.txt in the pack's language. files: (name in the ZIP, its words.yml description key).
    UTF-8 with a byte-order mark and CRLF line ends, so Windows Notepad shows the Chinese."""

    def ui(key: str) -> str:
        return UI[key][lang]

    title = lesson.title.get(lang)
    hall = ui("hall_name")
    colon, comma = PUNCTUATION[lang]["colon"], PUNCTUATION[lang]["comma"]
    lines = [
        f"{title} · {ui('pack_readme_title')}",
        "=" * 40,
        "",
        ui("pack_readme_intro").format(hall=hall, programme=UI[lesson.programme][lang]),
        f"{ui('grade_band')}{colon}{ui(lesson.grade_band)}",
        f"{ui('duration')}{colon}{ui('duration_value').format(periods=lesson.periods, minutes=lesson.period_minutes, total=lesson.total_minutes)}",
        "",
        ui("pack_readme_files"),
        "-" * 20,
        *(f"{name}  {ui(key)}" for name, key in files),
        "",
        ui("pack_readme_origin"),
        "-" * 20,
        f"{ui('pack_readme_page')}{colon}{url}",
        ui("pack_readme_made"),
        ui("pack_readme_pictures"),
        f"{ui('review')}{colon}{ui(lesson.review.status)} · {lesson.review.date.show(lang)}",
        "",
        ui("sources"),
        "-" * 20,
    ]
    for number, source in enumerate(lesson.sources, 1):
        lines.append(f"{number}. {cite.line(source, lang, publishers)}" + (f"{comma}{source.url}" if source.url else ""))
    lines += ["", ui("pack_readme_licence"), "-" * 20, ui("pack_readme_licence_text"), ""]
    return ("\ufeff" + "\r\n".join(lines)).encode("utf-8")


def make(members: list[tuple[str, bytes]], cache_dir: Path) -> bytes:
    """The ZIP of members (name, bytes), in that order; from the cache when these bytes were packed before."""
    digest = hashlib.sha256(b"pack-v1")
    for name, data in members:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    path = cache_dir / f"{digest.hexdigest()[:24]}.zip"
    if path.exists():
        return path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, STAMP)
            # PDFs and PPTX are compressed already: storing them costs nothing in size and saves the time.
            info.compress_type = zipfile.ZIP_DEFLATED if name.endswith(".txt") else zipfile.ZIP_STORED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    data = out.getvalue()
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(path)
    return data
