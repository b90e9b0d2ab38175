"""Where everything is, in one place: the folders curators work in, and the ones the build writes.

The layout is the project's convention (README: "How the data flows"); every module asks a
`Paths` instead of joining folder names itself. `Paths.of(config)` reads what mkdocs.yml decides
(docs_dir, and the plugin's pages_dir and media_dir)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def stamp(path: Path) -> tuple:
    """(path, size, mtime) of a file, or (path, None) when it cannot be read: changes when the file does."""
    try:
        st = path.stat()
    except (OSError, ValueError):  # ValueError: a NUL in the name (the picture check reports it)
        return (str(path), None)
    return (str(path), st.st_size, st.st_mtime_ns)


@dataclass(frozen=True)
class Paths:
    root: Path  # the folder of mkdocs.yml
    docs: Path | None = None  # MkDocs' docs_dir (default root/docs)
    pages_dir: str = "exhibits"  # generated pages, inside docs/ (the one default; config.py and pipeline.py use it)
    media_dir: str = "media"  # picture copies, inside docs/

    @classmethod
    def of(cls, config, plugin_config=None) -> Paths:
        """From a loaded MkDocs config (and the exhibition plugin's options)."""
        root = Path(config.config_file_path).parent
        pages = getattr(plugin_config, "pages_dir", None) or cls.pages_dir
        media = getattr(plugin_config, "media_dir", None) or cls.media_dir
        return cls(root, Path(config.docs_dir), pages, media)

    # Where curators work.
    @property
    def exhibits(self) -> Path:
        return self.root / "exhibits"

    @property
    def images(self) -> Path:
        return self.root / "images"

    @property
    def settings(self) -> Path:
        return self.root / "settings"

    @property
    def overrides(self) -> Path:
        return self.root / "overrides"

    # What the build writes (never committed).
    @property
    def docs_dir(self) -> Path:
        return self.docs or self.root / "docs"

    @property
    def pages(self) -> Path:
        return self.docs_dir / self.pages_dir

    @property
    def media(self) -> Path:
        return self.docs_dir / self.media_dir

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def print_cache(self) -> Path:
        return self.build / "print"

    @property
    def template_cache(self) -> Path:
        return self.build / "templates"

    @property
    def last_error(self) -> Path:
        return self.build / "last-error.log"
