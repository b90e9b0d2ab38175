"""`make serve`: the preview, fast at 1,000 records, with problems in the browser.

It runs the same Build as `make build` (build.py) with MkDocs' live-reload server. After the
first, complete build, a save re-renders only what the edit touched (see Preview).

A mistake never stalls it: MkDocs 1.6's own server answers no request while the last rebuild
failed ("The server will appear stuck until build errors are resolved"). Here a failed check
or build puts the list of problems at the top of the pages of the last good build, the server
keeps answering (live reload refreshes the open pages), and the next good save clears it.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .build import Build, ConfigProblems, InternalError
from .paths import Paths, stamp
from .pipeline import affected
from .records.problems import Problem

log = logging.getLogger("mkdocs.plugins.exhibition")

START, END = "<!-- exhibition-problems -->", "<!-- /exhibition-problems -->"
_OLD = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
_BODY = re.compile(r"<body\b[^>]*>", re.I)


def banner(problems: list | None) -> str:
    if problems:
        items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in problems)
        count = len(problems)
        head = (
            f"记录有 {count} 处错误，预览仍是上一次成功的版本 · {count} problem{'s' if count != 1 else ''} "
            "in the records: the preview still shows the last good version"
        )
        body = f'<ol style="margin:.5em 0 .5em 1.5em;padding:0">{items}</ol>'
    else:
        head = "生成网站时出错，详见终端 · The build failed: see the terminal where make serve runs"
        body = ""
    return (
        f'{START}<div role="alert" id="exhibition-problems" style="background:#fff3f3;color:#5c0000;'
        f'border:3px solid #b00020;padding:1em;margin:0;font:16px/1.5 sans-serif;position:relative;z-index:10">'
        f'<p style="margin:0"><strong>{html.escape(head)}</strong></p>{body}'
        f'<p style="margin:0">改好并保存后，本页自动刷新 · Save the fix: this page reloads by itself.</p></div>{END}'
    )


def show(site_dir: Path, problems: list | None) -> int:
    """Put the problems at the top of every page of site_dir; returns how many pages."""
    text = banner(problems)
    pages = 0
    for page in site_dir.rglob("*.html"):
        try:
            markup = _OLD.sub("", page.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        markup, found = _BODY.subn(lambda m: m.group(0) + text, markup, count=1)
        if found:
            page.write_text(markup, encoding="utf-8")
            pages += 1
    index = site_dir / "index.html"
    if not index.exists():  # no good build yet: a page of its own
        site_dir.mkdir(parents=True, exist_ok=True)
        index.write_text(
            f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>预览 · Preview</title></head>'
            f"<body>{text}</body></html>",
            encoding="utf-8",
        )
        pages += 1
    return pages


def clear(site_dir: Path) -> int:
    """Take the list of problems off every page that still carries it; returns how many pages."""
    pages = 0
    for page in site_dir.rglob("*.html"):
        try:
            markup = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if START in markup:
            page.write_text(_OLD.sub("", markup), encoding="utf-8")
            pages += 1
    return pages


# Folders of docs/ that every build writes (pages, pictures, open data): watching them would
# set off a second, useless rebuild after each one.
GENERATED = ("exhibits", "media", "data")


@dataclass
class Preview:
    """`make serve`: the same Build as `make build`, into a folder the server shows.

    The first build is complete; after that, a save re-renders only the pages whose Markdown
    the pipeline rewrote (MkDocs' dirty build, both languages) and the home pages, and the
    search index of the last complete build is kept. A mistake puts its problems on the pages."""

    build: Build
    site_dir: Path
    complete: bool = False  # site_dir holds a complete build (a dirty one may follow)
    setup: tuple = ()  # settings, templates and config as they were at the last complete build
    pending: set = field(default_factory=set)  # ids of records read again since the last good rebuild
    published: frozenset = frozenset()  # ids of the records the site holds pages for
    search: dict = field(default_factory=dict)  # search index files of the last complete build
    rebuilds: list = field(default_factory=list)  # (seconds, dirty) of each rebuild, newest last

    def rebuild(self) -> list:
        """Never raises: the server must keep answering. Returns the problems shown, if any."""
        started = time.monotonic()
        dirty = False
        try:
            problems, dirty = self._rebuild()
        except ConfigProblems as exc:
            problems = [Problem(self.build.config_file.name, 0, "", line) for line in exc.lines]
        except InternalError as exc:
            where = write_error_log(self.build.root, exc.cause)
            log.error(f"internal error in the exhibition generator ({exc}); the traceback is in {where}")
            problems = None
        self.rebuilds.append((time.monotonic() - started, dirty))
        if problems == []:
            log.info(f"exhibition: preview {'updated' if dirty else 'built'} in {time.monotonic() - started:.1f} s")
            return []
        pages = show(self.site_dir, problems)
        log.error(
            f"exhibition: the preview shows {'these problems' if problems else 'that the build failed'} "
            f"at the top of its {pages} pages until a save fixes them"
            + ("".join(f"\n  {p}" for p in problems) if problems else "")
        )
        return problems or []

    def _rebuild(self) -> tuple[list, bool]:
        config = self.build.load_config(self.site_dir)
        checked, problems = self.build.check(config)
        self.pending |= checked.collection.reread or set()  # edited while a mistake stopped the rebuilds too
        if problems:
            return problems, False
        # Fast only when nothing but records, pictures and hand-written pages changed since the
        # last complete build: settings, templates and mkdocs.yml reach every page.
        setup = self._setup()
        published = frozenset(r.id for r in checked.collection.records)
        # A record gone (deleted, renamed, back to draft) needs a complete build: a dirty one
        # deletes nothing, and its old page would stay reachable.
        dirty = self.complete and setup == self.setup and self.published <= published
        only = affected(checked.collection, self.pending) if dirty else None
        problems = self.build.render(config, checked, dirty=dirty, only=only)
        self._remember(problems, dirty, setup, published)
        return problems, dirty

    def _remember(self, problems: list, dirty: bool, setup: tuple, published: frozenset) -> None:
        """After a render: a dirty build gets back the search index of the last complete build; a complete
        build without problems becomes the one the next dirty builds start from."""
        if dirty:
            for path, data in self.search.items():  # a dirty build indexes only the pages it rendered
                path.write_bytes(data)
            clear(self.site_dir)
        elif not problems:
            self.complete, self.setup = True, setup
            self.search = {path: path.read_bytes() for path in self.site_dir.glob("**/search/search_index.*")}
        if not problems:
            self.pending, self.published = set(), published

    def _setup(self) -> tuple:
        """(path, size, mtime) of what every page depends on: settings, templates, the MkDocs config."""
        root = self.build.root
        files = [root / "mkdocs.yml", self.build.config_file]
        for folder in (Paths(root).settings, Paths(root).overrides, Path(__file__).parent / "pages" / "templates"):
            files += sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []
        # A roll's header names the exhibits its page and theirs link to each other (`related`).
        files += sorted((Paths(root).exhibits / "roll").glob("*.y*ml"))
        return tuple(stamp(path) for path in files)

    def watched(self) -> list[tuple[Path, bool]]:
        """(path, recursive): what curators edit, not what the build writes into docs/."""
        where = Paths(self.build.root)
        docs = where.docs_dir
        paths = [(self.build.config_file, False), (where.root / "mkdocs.yml", False), (docs, False)]
        paths += [(child, True) for child in sorted(docs.iterdir()) if child.is_dir() and child.name not in GENERATED]
        paths += [(folder, True) for folder in (where.overrides, where.exhibits, where.images, where.settings)]
        return [(path, recursive) for path, recursive in dict.fromkeys(paths) if path.exists()]


def serve(root: Path, *, host: str = "127.0.0.1", port: int = 8000, strict: bool = False, drafts: bool = False) -> int:
    """`exhibition serve`: build, then show the site at http://host:port/, rebuilding on every save."""
    from mkdocs.livereload import LiveReloadServer

    _show_progress()
    site_dir = Path(tempfile.mkdtemp(prefix="exhibition-preview-"))
    preview = Preview(Build(root, strict=strict, drafts=drafts), site_dir)
    server = LiveReloadServer(builder=preview.rebuild, host=host, port=port, root=str(site_dir))

    def error_page(code: int) -> bytes | None:
        page = site_dir / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_page
    try:
        log.info("exhibition: first build of the preview …")
        preview.rebuild()  # a mistake already saved shows in the browser too
        for path, recursive in preview.watched():
            server.watch(str(path), recursive=recursive)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down …")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0


def _show_progress() -> None:
    """What the preview tells the terminal: its address, each rebuild, and problems."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(h, logging.StreamHandler) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        for name in ("mkdocs.livereload", "mkdocs.plugins.exhibition"):
            named = logging.getLogger(name)
            named.addHandler(handler)
            named.setLevel(logging.INFO)
            named.propagate = False


def write_error_log(root: Path, error: BaseException) -> Path:
    """build/last-error.log: the traceback of an internal error, for whoever maintains the code."""
    path = Paths(root).last_error
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
    return path
