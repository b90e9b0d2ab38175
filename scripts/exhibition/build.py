"""`make build` (and `make kiosk`): check, build into a temporary folder, then swap it in.

site/ is replaced only by a complete build that finished without a warning, so
a mistake never destroys the last good site.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .records import handoff
from .records.problems import dotted, drafts_line, report
from .pipeline import check
from .publishing import site_url_from_environment

try:
    import fcntl
except ImportError:  # not POSIX: builds are not serialised there
    fcntl = None


def build_site(root: Path, *, strict: bool = False, drafts: bool = False, site_dir: Path | None = None,
               kiosk: bool = False) -> int:
    """kiosk: build the touch-screen edition (mkdocs-kiosk.yml) into site-kiosk/ instead."""
    with _one_build_at_a_time(root):
        return _checked_build(root, strict=strict, drafts=drafts, site_dir=site_dir, kiosk=kiosk)


@contextlib.contextmanager
def _one_build_at_a_time(root: Path):
    """`make build` and `make kiosk` both write docs/exhibits/ (with different links): run in the
    same folder at once, one would publish the other's pages. The second waits for the first."""
    if fcntl is None:
        yield
        return
    lock = root / "build" / ".build.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Another build is running in this folder (make build or make kiosk); waiting for it to finish …",
                  file=sys.stderr, flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _checked_build(root: Path, *, strict: bool, drafts: bool, site_dir: Path | None, kiosk: bool) -> int:
    _, problem = site_url_from_environment()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    checked = check(root, strict=strict, drafts=drafts)
    _, collection, problems = checked
    if collection.drafts:
        print(drafts_line(collection.drafts))
    if kiosk:
        problems += _kiosk_problems(root, collection)
    if problems:
        print(report(problems), file=sys.stderr)
        return 1
    handle, checked_file = tempfile.mkstemp(prefix="exhibition-checked-", suffix=".pickle")
    os.close(handle)
    try:
        handoff.save(Path(checked_file), root, (strict, drafts), checked)
        return _build(root, collection, strict=strict, drafts=drafts, site_dir=site_dir, kiosk=kiosk,
                      checked_file=checked_file)
    finally:
        os.unlink(checked_file)


def _build(root: Path, collection, *, strict: bool, drafts: bool, site_dir: Path | None, kiosk: bool,
           checked_file: str) -> int:
    final = (site_dir or root / ("site-kiosk" if kiosk else "site")).resolve()
    final.parent.mkdir(parents=True, exist_ok=True)
    temporary = final.parent / f".site-build-{os.getpid()}"
    shutil.rmtree(temporary, ignore_errors=True)
    env = {**os.environ, "STRICT": "true" if strict else "false", "DRAFTS": "true" if drafts else "false",
           "NO_MKDOCS_2_WARNING": "1", handoff.ENV: checked_file}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / ("mkdocs-kiosk.yml" if kiosk else "mkdocs.yml")), "-d", str(temporary)]
    if sys.stderr.isatty():
        # A person is watching: quiet MkDocs, keep the image progress bar and any warning live.
        result = subprocess.run([*command, "--quiet"], cwd=root, env=env, stdout=subprocess.DEVNULL)
        output = ""
    else:
        result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
        output = result.stdout + result.stderr
    if result.returncode != 0:
        shutil.rmtree(temporary, ignore_errors=True)
        print(_curator_view(output, collection), file=sys.stderr)
        print(f"The build failed; {final.name}/ was left as it was.", file=sys.stderr)
        return 1
    _swap(temporary, final)
    print(f"Site built in {final.relative_to(root) if final.is_relative_to(root) else final}/")
    return 0


def _kiosk_problems(root: Path, collection) -> list:
    """mkdocs-kiosk.yml's extra.kiosk (times, featured ids), checked with the records before building."""
    from .kiosk.settings import check_file

    return check_file(root / "mkdocs-kiosk.yml", root, {r.id for r in collection.records})


def _swap(new: Path, final: Path) -> None:
    old = final.parent / f".site-old-{os.getpid()}"
    if final.exists():
        final.rename(old)
    new.rename(final)
    shutil.rmtree(old, ignore_errors=True)


def _curator_view(output: str, collection=None) -> str:
    """MkDocs' own log, less its chatter: errors, warnings and our problem lines.

    A warning about a generated page (a broken link in a record's text) names the record's
    file, line and field instead, as every other problem does."""
    keep = []
    for line in output.splitlines():
        if line.startswith(("INFO", "DEBUG")) or not line.strip() or "jieba" in line.lower() or line.startswith(("Building prefix", "Loading model", "Prefix dict", "Dumping model")):
            continue
        keep.append(_in_record_terms(line, collection) if collection is not None else line)
    return "\n".join(keep)


# MkDocs: "WARNING -  Doc file 'exhibits/events/x.zh.md' contains a link 'y.png', but the target … is not found …"
_GENERATED_PAGE = re.compile(
    r"Doc file '(?P<page>[^']+?)\.(?P<lang>zh|en)\.md' contains (?:a|an) (?:[a-z ]+ )?link '(?P<link>[^']*)'(?P<rest>.*)$"
)


def _in_record_terms(line: str, collection) -> str:
    match = _GENERATED_PAGE.search(line)
    if not match:
        return line
    record_id, lang, link = Path(match["page"]).name, match["lang"], match["link"]
    doc, record = collection.documents.get(record_id), collection.by_id.get(record_id)
    if doc is None or record is None:
        return line
    loc = next((path + (lang,) for path, text in record.texts() if link and link in (getattr(text, lang) or "")), None)
    where = f"{doc.path}:{doc.line(loc)}: {dotted(loc)}" if loc else doc.path
    reason = match["rest"].lstrip(", ").rstrip(".")
    return (f"{where}: the link '{link}' leads to nothing in the site ({reason}). "
            "Link other records with `related:`, or give a full https:// address")
