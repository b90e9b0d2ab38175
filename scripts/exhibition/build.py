"""`make build`, `make kiosk` and `make serve`: one Build, run in this process.

1. check: settings, records and rolls are validated once (pipeline.check);
2. render: MkDocs' own build function runs here, into a temporary folder, with the
   exhibition plugin handed the checked records (no second validation); a logging
   handler collects MkDocs' warnings as they happen, with the page being built, and a
   warning about a generated page is told in the record's terms (file, line, field);
3. swap: site/ is replaced only by a complete build that finished without a problem,
   so a mistake never destroys the last good site.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import ConfigurationError, MkDocsException

from . import edition as editions
from .paths import Paths
from .pipeline import Prepared, prepare
from .publishing import site_url_problem
from .records.problems import Problem, dotted, drafts_line, notes, notes_report, report
from .thirdparty import current_page, dirty_languages

try:
    import fcntl
except ImportError:  # not POSIX: builds are not serialised there
    fcntl = None

PLUGIN = "exhibition"


class ConfigProblems(Exception):
    """mkdocs.yml (or SITE_URL) cannot be used: the lines to show."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


class InternalError(Exception):
    """A fault in the site's code (never a curator's mistake); `cause` keeps the original and its traceback."""

    def __init__(self, cause: BaseException):
        super().__init__(f"{type(cause).__name__}: {cause}")
        self.cause = cause


@dataclass(frozen=True)
class MkDocsWarning:
    """One warning or error MkDocs (or a plugin) logged, with the page it was building."""

    page: str | None  # src_uri, e.g. exhibits/events/x.zh.md
    message: str
    logger: str


@dataclass
class Build:
    root: Path
    kiosk: bool = False
    strict: bool = False
    drafts: bool = False
    # Kept between the preview's rebuilds: records whose file did not change are not validated again.
    cache: dict = field(default_factory=dict)

    @property
    def config_file(self) -> Path:
        return editions.config_file(self.root, self.kiosk)

    def load_config(self, site_dir: Path, **overrides):
        """mkdocs.yml (or mkdocs-kiosk.yml) loaded here, with this build's options on our plugin.

        Raises ConfigProblems with what MkDocs said is wrong in it."""
        if (value := os.environ.get("SITE_URL")) and (why := site_url_problem(value)):
            raise ConfigProblems([why])  # mkdocs.yml reads it (site_url: !ENV SITE_URL); say it our way first
        collector = _Collector(None)
        with _collecting(collector):
            try:
                config = load_config(config_file=str(self.config_file), site_dir=str(site_dir), **overrides)
            except (ConfigurationError, MkDocsException) as exc:
                said = [f"{self.config_file.name}: {w.message}" for w in collector.warnings]
                raise ConfigProblems(said or [f"{self.config_file.name}: {' '.join(str(exc).split())}"]) from None
        plugin = config.plugins[PLUGIN]
        plugin.config.strict, plugin.config.drafts = self.strict, self.drafts
        return config

    def check(self, config=None) -> tuple[Prepared, list[Problem]]:
        """Every problem at once: records, settings, rolls, the kiosk's settings, the site's address."""
        checked = prepare(
            self.root,
            strict=self.strict,
            drafts=self.drafts,
            cache=self.cache,
            kiosk_config=self.config_file if self.kiosk else None,
            extra=config.extra if config is not None else None,
        )
        problems = list(checked.problems)
        if config is not None and config.site_url and (why := site_url_problem(config.site_url)):
            problems.append(Problem(self.config_file.name, 0, "", why))
        return checked, problems

    def render(
        self, config, checked: Prepared, *, dirty: bool = False, only: set[str] | None = None, serve_url: str | None = None
    ) -> list[Problem]:
        """Run MkDocs into config.site_dir; returns the problems that make the result unusable.

        dirty: MkDocs renders only the pages whose Markdown changed (the preview); only: our pages
        are written for these records alone (pipeline.affected). Raises InternalError for a fault in our code."""
        plugin = config.plugins[PLUGIN]
        plugin.checked, plugin.only = checked, only
        if dirty:  # MkDocs warns that a dirty build is one; the collector below judges the warnings instead
            config.strict = False
        collector = _Collector(config)
        # In the project's folder, as `mkdocs build` is run: plugins read paths of mkdocs.yml relative to
        # the working folder (the search plugin's jieba_dict_user, which our plugin writes).
        with contextlib.chdir(self.root), _collecting(collector), dirty_languages(dirty):
            config.plugins.on_startup(command="serve" if serve_url else "build", dirty=dirty)
            try:
                mkdocs_build(config, serve_url=serve_url, dirty=dirty)
            except Exception as exc:  # sorted below: our fault, the curator's problems, or MkDocs' own stop
                if (internal := _internal_of(exc)) is not None:
                    raise InternalError(internal) from internal
                if (problems := _problems_of(exc)) is not None:
                    return problems
                if not collector.warnings:  # MkDocs stopped without saying why in its log
                    return [Problem(self.config_file.name, 0, "", str(exc))]
            finally:
                config.plugins.on_shutdown()
                # Handed to this build only: MkDocs keeps a plugin that has on_startup for the whole process
                # (its plugin_cache), so a later plain `mkdocs build` in it would take stale records.
                plugin.checked = plugin.only = None
        return [_in_record_terms(w, checked.collection, plugin.config.pages_dir) for w in collector.warnings]


def build_site(
    root: Path, *, strict: bool = False, drafts: bool = False, site_dir: Path | None = None, kiosk: bool = False
) -> int:
    """`exhibition build`: 0 when site/ (or site-kiosk/) was replaced, 1 when the curator must fix something."""
    with _one_build_at_a_time(root):
        build = Build(root, kiosk=kiosk, strict=strict, drafts=drafts)
        final = (site_dir or editions.site_dir(root, kiosk)).resolve()
        final.parent.mkdir(parents=True, exist_ok=True)
        temporary = final.parent / f".site-build-{os.getpid()}"
        shutil.rmtree(temporary, ignore_errors=True)
        try:
            try:
                config = build.load_config(temporary)
            except ConfigProblems as exc:
                print(exc, file=sys.stderr)
                return 1
            checked, problems = build.check(config)
            if checked.collection.drafts:
                print(drafts_line(checked.collection.drafts))
            if checked.collection.advisories:  # not errors yet: each with its file and line, as `make check` prints them
                print(notes(checked.collection.advisories))
            if checked.collection.notes:
                print(notes_report(checked.collection.notes))
            if not problems:
                problems = build.render(config, checked)
            if problems:
                print(report(problems), file=sys.stderr)
                return 1
            _swap(temporary, final)
        finally:
            shutil.rmtree(temporary, ignore_errors=True)
    print(f"Site built in {final.relative_to(root) if final.is_relative_to(root) else final}/")
    return 0


@contextlib.contextmanager
def _one_build_at_a_time(root: Path):
    """`make build` and `make kiosk` both write docs/exhibits/ (with different links): run in the
    same folder at once, one would publish the other's pages. The second waits for the first."""
    if fcntl is None:
        yield
        return
    lock = Paths(root).build / ".build.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                "Another build is running in this folder (make build or make kiosk); waiting for it to finish …",
                file=sys.stderr,
                flush=True,
            )
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _swap(new: Path, final: Path) -> None:
    old = final.parent / f".site-old-{os.getpid()}"
    if final.exists():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)


# --- MkDocs' log, collected ----------------------------------------------------------------

# Said by MkDocs on every dirty (preview) build: true, and not the curator's business.
_DIRTY_NOTICE = "A 'dirty' build is being performed"


class _Collector(logging.Handler):
    def __init__(self, config):
        super().__init__(logging.WARNING)
        self.config = config
        self.warnings: list[MkDocsWarning] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith(_DIRTY_NOTICE):
            return
        page = current_page(self.config)  # MkDocs sets it while it reads and renders a page
        self.warnings.append(MkDocsWarning(page.file.src_uri if page is not None else None, message, record.name))


@contextlib.contextmanager
def _collecting(collector: _Collector):
    """MkDocs' loggers report to the collector only: curators see problems, not MkDocs' chatter."""
    logger = logging.getLogger("mkdocs")
    saved = logger.level, logger.propagate
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.addHandler(collector)
    try:
        yield
    finally:
        logger.removeHandler(collector)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]


def _chain(error: BaseException | None):
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def _internal_of(error: BaseException) -> BaseException | None:
    """The fault in our code the plugin reported (PluginError.internal), or an exception MkDocs did not expect."""
    for link in _chain(error):
        if getattr(link, "internal", None) is not None:
            return link.internal
    if not isinstance(error, MkDocsException):
        return error
    return None


def _problems_of(error: BaseException) -> list[Problem] | None:
    """The curator's problems the plugin raised (ValidationFailed inside a PluginError)."""
    for link in _chain(error):
        if getattr(link, "problems", None):
            return list(link.problems)
    return None


# A Markdown link's target in a record's text: [words](target "title")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")


def _in_record_terms(warning: MkDocsWarning, collection, pages_dir: str) -> Problem:
    """A warning about a generated page names the record's file, line and field, as every other problem does."""
    if not warning.page:
        return Problem("mkdocs", 0, "", warning.message)
    record_id, lang = _record_page(PurePosixPath(warning.page), pages_dir)
    doc, record = collection.documents.get(record_id), collection.by_id.get(record_id)
    if doc is None or record is None:
        return Problem(f"docs/{warning.page}", 0, "", warning.message)
    return _broken_link(warning, doc, record, lang) or Problem(doc.path, 0, "", f"on its {lang} page: {warning.message}")


def _record_page(page: PurePosixPath, pages_dir: str) -> tuple[str | None, str]:
    """(the record's id, the language) of a generated page's file (exhibits/people/x.en.md); (None, "") for another."""
    if page.parts[0] != pages_dir or not page.suffixes[-2:-1]:
        return None, ""
    return page.name.split(".")[0], page.suffixes[-2].lstrip(".")


def _broken_link(warning: MkDocsWarning, doc, record, lang: str) -> Problem | None:
    """The record's own Markdown link the warning is about, at its field and line."""
    for path, text in record.texts():
        for target in _LINK.findall(getattr(text, lang, None) or ""):
            if f"'{target}'" in warning.message:
                loc = path + (lang,)
                return Problem(
                    doc.path,
                    doc.line(loc),
                    dotted(loc),
                    f"the link '{target}' leads to nothing in the site. "
                    "Link other records with `related:`, or give a full https:// address",
                )
    return None
