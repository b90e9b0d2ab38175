"""HTML -> PDF with WeasyPrint, cached by content.

WeasyPrint is a pinned Python package, but it needs the Pango library from the
system (Debian: libpango-1.0-0, libpangoft2-1.0-0) and a Chinese font
(fonts-noto-cjk). Where either is missing, `available()` says why and the build
goes on without PDFs: the lesson pages then offer printing from the browser only.
"""

from __future__ import annotations

import ctypes.util
import hashlib
import importlib.metadata
import os
import shutil
import subprocess
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

# Fonts the PDFs ask for, first match wins (fontconfig names).
FONT_STACK = '"Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Micro Hei", sans-serif'


@lru_cache(maxsize=1)
def available() -> tuple[bool, str]:
    """(True, version) when PDFs can be made here, else (False, what to install).

    Asked on every build, so it does not import WeasyPrint (a second per build): that
    happens only when a PDF is not in the cache and must be rendered."""
    try:
        version = importlib.metadata.version("weasyprint")
    except importlib.metadata.PackageNotFoundError:
        return False, "the weasyprint package is not installed (pip install -r requirements.txt)"
    missing = [name for name in ("pango-1.0", "pangoft2-1.0") if not ctypes.util.find_library(name)]
    if missing:
        return (
            False,
            f"WeasyPrint cannot find Pango ({', '.join(missing)}); on Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0",
        )
    if shutil.which("fc-list"):
        found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
        if not found.strip():
            return False, "no Chinese font is installed; on Debian: apt-get install fonts-noto-cjk"
    return True, version


def render(html: str, cache_dir: Path) -> bytes:
    """The PDF of `html`; the same HTML gives the cached file without rendering again."""
    return render_many([html], cache_dir)[0]


def _nothing() -> None:
    pass


def render_many(htmls: list[str], cache_dir: Path, workers: int | None = None, meanwhile=_nothing) -> list[bytes]:
    """PDFs of several documents: cached ones read back, the others rendered in parallel (one per core).

    meanwhile: other work for this process (the slides) while the worker processes render, so both
    share the cores instead of one waiting for the other; it runs once in any case."""
    ok, version = available()
    if not ok:
        raise RuntimeError(version)
    paths = [cache_dir / f"{_key(version, html)}.pdf" for html in htmls]
    missing = {path: html for path, html in zip(paths, htmls) if not path.exists()}  # the same HTML once
    if missing:
        cache_dir.mkdir(parents=True, exist_ok=True)
    jobs = [(html, str(path)) for path, html in missing.items()]
    _render_all(jobs, workers, meanwhile)
    return [path.read_bytes() for path in paths]


def _render_all(jobs: list[tuple[str, str]], workers: int | None, meanwhile) -> None:
    """Render every job, in worker processes (one per core) when more than one may run; meanwhile() runs
    once, while they do."""
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            done = pool.map(_render_to, jobs)  # every job is handed out now; the results are awaited below
            meanwhile()
            list(done)
        return
    for job in jobs:
        _render_to(job)
    meanwhile()


def _key(version: str, html: str) -> str:
    return hashlib.sha256(f"{version}\0{html}".encode()).hexdigest()[:24]


def _render_to(job: tuple[str, str]) -> None:
    from weasyprint import HTML

    html, target = job
    data = HTML(string=html).write_pdf()
    partial = Path(target).with_suffix(f".{os.getpid()}.part")
    partial.write_bytes(data)
    partial.replace(target)
