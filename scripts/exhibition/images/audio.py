"""Step 2, for sound: the audio guide's recordings, published under names made from their content.

A recording is not re-encoded (the curator's export is what visitors hear); it is copied into the
media folder as media/audio/<hash>.<ext>, so hosts may cache it for a year (deploy/nginx.conf) and an
unchanged file is never copied again. Its length was read from its header when the record was checked.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..records.audio import length

TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".aac": "audio/aac", ".opus": "audio/ogg", ".ogg": "audio/ogg"}


@dataclass(frozen=True)
class Published:
    url: str  # path relative to docs/
    seconds: float
    type: str  # MIME type, for <source type>
    size: int  # bytes


def publish(files: list[str], audio_dir: Path, media_dir: Path, url_base: str) -> dict[str, Published]:
    """Every file (a path inside audio/) copied once into media_dir/audio/, by content."""
    out = {}
    target_dir = media_dir / "audio"
    for file in sorted(set(files)):
        source = audio_dir / file
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:20]
        suffix = source.suffix.lower()
        target = target_dir / f"{digest}{suffix}"
        if not target.exists():
            target_dir.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(suffix + ".part")
            shutil.copyfile(source, partial)
            os.replace(partial, target)  # a build stopped half-way leaves no half file under the real name
        out[file] = Published(f"{url_base}/audio/{target.name}", length(source) or 0.0, TYPES[suffix], target.stat().st_size)
    return out
