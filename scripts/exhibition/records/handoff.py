"""Validate once per `exhibition build`.

The CLI checks the records before it starts MkDocs (a mistake is reported at
once, without starting MkDocs), and the plugin inside MkDocs needs the same
checked records. Checking them twice cost a second full validation per build, so
the CLI leaves its result in a file and the plugin takes it, if nothing the
check read has changed since: the files' sizes and modification times under
exhibits/, settings/ and images/ are compared.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

ENV = "EXHIBITION_CHECKED"  # names the file, in the environment of the MkDocs process
FOLDERS = ("exhibits", "settings", "images")
VERSION = 1


def fingerprint(root: Path) -> list:
    """(path, size, mtime) of every file validation reads: any edit, addition or removal changes it."""
    stamps = []
    for folder in FOLDERS:
        for directory, _, files in os.walk(root / folder):
            for name in files:
                path = os.path.join(directory, name)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                stamps.append((os.path.relpath(path, root), st.st_size, st.st_mtime_ns))
    return sorted(stamps)


def save(path: Path, root: Path, options: tuple, result) -> None:
    """options: what else the result depends on (strict, drafts)."""
    with path.open("wb") as handle:
        pickle.dump((VERSION, str(root), options, fingerprint(root), result), handle, protocol=pickle.HIGHEST_PROTOCOL)


def take(root: Path, options: tuple):
    """The result the CLI left for this build, or None (then the caller validates)."""
    name = os.environ.get(ENV)
    if not name:
        return None
    try:
        with open(name, "rb") as handle:
            version, saved_root, saved_options, stamps, result = pickle.load(handle)
    except Exception:  # missing, partial or from another version: validate instead
        return None
    if (version, saved_root, saved_options) != (VERSION, str(root), options) or stamps != fingerprint(root):
        return None
    return result
