"""HTML -> PDF with WeasyPrint, cached by content.

WeasyPrint is a pinned Python package, but it needs the Pango library from the
system (Debian: libpango-1.0-0, libpangoft2-1.0-0) and a Chinese font
(fonts-noto-cjk). Where either is missing, `available()` says why and the build
goes on without PDFs: the lesson pages then offer printing from the browser only.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

# Fonts the PDFs ask for, first match wins (fontconfig names).
FONT_STACK = '"Noto Sans CJK SC", "Source Han Sans SC", "Noto Sans SC", "WenQuanYi Micro Hei", sans-serif'


@lru_cache(maxsize=1)
def available() -> tuple[bool, str]:
    """(True, version) when PDFs can be made here, else (False, what to install)."""
    try:
        import weasyprint  # noqa: F401  (loads Pango through cffi: OSError when it is missing)
    except ImportError:
        return False, "the weasyprint package is not installed (pip install -r requirements.txt)"
    except OSError as exc:
        return False, f"WeasyPrint cannot load Pango ({exc}); on Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0"
    if shutil.which("fc-list"):
        found = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
        if not found.strip():
            return False, "no Chinese font is installed; on Debian: apt-get install fonts-noto-cjk"
    return True, weasyprint.__version__


def render(html: str, cache_dir: Path, base_url: str | None = None) -> bytes:
    """The PDF of `html`; the same HTML gives the cached file without rendering again."""
    ok, version = available()
    if not ok:
        raise RuntimeError(version)
    key = hashlib.sha256(f"{version}\0{html}".encode()).hexdigest()[:24]
    cached = cache_dir / f"{key}.pdf"
    if cached.exists():
        return cached.read_bytes()
    from weasyprint import HTML

    data = HTML(string=html, base_url=base_url).write_pdf()
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = cached.with_suffix(".part")
    partial.write_bytes(data)
    partial.replace(cached)
    return data
