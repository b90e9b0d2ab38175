"""Curator commands: `check` validates, `build` makes site/ only from a good build, `serve` previews.

Curators never see a traceback: every problem is printed as path:line: field: message. A fault in
the code is one line for them; its traceback goes to build/last-error.log (and to the terminal
with --debug), for whoever maintains the site.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from .paths import Paths
from .pipeline import check
from .records.problems import drafts_line, notes, notes_report, report
from .records.roll import counted

# Exit codes, one meaning each (tests assert them exactly).
OK = 0
PROBLEMS = 1  # the curator's records, settings or a page link need a fix; site/ was not touched
USAGE = 2  # argparse: unknown command or option
INTERNAL = 70  # a fault in the site's code (sysexits' EX_SOFTWARE), never a curator's mistake
INTERRUPTED = 130


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return INTERRUPTED
    except Exception as exc:  # a bug of ours: one line for the curator (site/ is not touched), traceback kept
        return _internal_error(args, exc)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="exhibition", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    parser.add_argument(
        "--debug", action="store_true", help="print the traceback of an internal error (it is also kept in build/last-error.log)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate records and images without building")
    build = sub.add_parser("build", help="build the site into site/ (replaced only on success)")
    serve = sub.add_parser(
        "serve", help="preview at http://127.0.0.1:8000/, rebuilding on every save (problems show in the page)"
    )
    serve.add_argument("--addr", default="127.0.0.1:8000", help="HOST:PORT to serve on (default 127.0.0.1:8000)")
    sub.add_parser("report", help="content report: translations, sources, drafts, credits, consent")
    labels = sub.add_parser("labels", help="the hall's label sheet, HTML and PDF (one label per exhibit, QR codes to SITE_URL)")
    labels.add_argument("--out", type=Path, default=None, help="folder for hall-labels.html/.css/.pdf (default: build/labels/)")
    new = sub.add_parser("new", help="start a record: exhibition new KIND ID")
    new.add_argument("kind")
    new.add_argument("id")
    for p in (check, build, serve):
        p.add_argument(
            "--strict",
            action="store_true",
            default=_env_flag("STRICT"),
            help="missing English, English off the glossary and (verified records) figures or dates missing from their quote are errors",
        )
        p.add_argument("--drafts", action="store_true", default=_env_flag("DRAFTS"), help="publish draft records too")
    build.add_argument("--site-dir", type=Path, default=None, help="where the site goes (default: site/)")
    build.add_argument(
        "--kiosk", action="store_true", help="the touch-screen kiosk edition from mkdocs-kiosk.yml, into site-kiosk/"
    )
    return parser


def _new(args) -> int:
    from .records.scaffold import new_record

    path, message = new_record(args.root.resolve(), args.kind, args.id)
    print(message, file=sys.stdout if path else sys.stderr)
    return 0 if path else 1


def _serve(args) -> int:
    from .preview import serve as preview

    host, _, port = args.addr.rpartition(":")
    return preview(args.root.resolve(), host=host or "127.0.0.1", port=int(port), strict=args.strict, drafts=args.drafts)


def _report(args) -> int:
    from .report import content_report

    text, code = content_report(args.root.resolve())
    print(text)
    return code


def _build(args) -> int:
    from .build import build_site

    return build_site(args.root.resolve(), strict=args.strict, drafts=args.drafts, site_dir=args.site_dir, kiosk=args.kiosk)


def _internal_error(args, exc: Exception) -> int:
    """A fault in the code: one line for the curator, the traceback in build/last-error.log (and, with
    --debug, on the terminal)."""
    from .build import InternalError
    from .preview import write_error_log

    root = args.root.resolve()
    cause = exc.cause if isinstance(exc, InternalError) else exc
    where = write_error_log(root, cause)
    if args.debug:
        traceback.print_exception(cause, file=sys.stderr)
    print(
        f"internal error in the exhibition tool ({type(cause).__name__}: {' '.join(str(cause).split())[:300]}). "
        "This is a fault in the site's code, not in your records: please report this message "
        f"and {where.relative_to(root) if where.is_relative_to(root) else where}. "
        "site/ was left as it was.",
        file=sys.stderr,
    )
    return INTERNAL


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "").lower() in ("1", "true", "yes")


def _labels(args) -> int:
    from .build import Build, ConfigProblems
    from .edition import Edition
    from .pages.site import Site
    from .printing.aids import write_labels
    from .printing.pdf import available

    root = args.root.resolve()
    try:
        site_url = Build(root).load_config(root / "site").site_url or ""  # mkdocs.yml's, which SITE_URL overrides
    except ConfigProblems as exc:
        print(exc, file=sys.stderr)
        return PROBLEMS
    settings, collection, problems = check(root)
    if problems:
        print(report(problems), file=sys.stderr)
        return 1
    out = (args.out or Paths(root).build / "labels").resolve()
    files = write_labels(
        Site(collection.records, {}, settings, edition=Edition.web(site_url)), root=root, out_dir=out, site_url=site_url
    )
    for path in files:
        if path.suffix != ".css":
            print(f"Label sheet: {path.relative_to(root) if path.is_relative_to(root) else path}")
    ok, why = available()
    if not ok:
        print(f"No PDF ({why}): print the HTML sheet from a browser.", file=sys.stderr)
    if not site_url:
        print(
            "SITE_URL is not set: the QR codes lead nowhere. Set it before printing, e.g. SITE_URL=https://… make labels",
            file=sys.stderr,
        )
    return 0


def _check(args) -> int:
    from .build import Build

    root = args.root.resolve()
    # The kiosk's settings (settings/kiosk.yml) are checked too: `make check` answers for every curator file.
    checked, problems = Build(root, kiosk=True, strict=args.strict, drafts=args.drafts).check()
    collection = checked.collection
    if collection.drafts:
        print(drafts_line(collection.drafts))
    if collection.notes:
        print(notes_report(collection.notes))
    if problems:
        print(report(problems), file=sys.stderr)
        return PROBLEMS
    count = len(collection.records)
    print(f"{count} record{'s' if count != 1 else ''} checked{counted(collection.rolls)}: no problems.")
    if collection.advisories:  # not errors yet (issue #13): each with its file and line
        print(notes(collection.advisories))
    return 0


# What each command runs (the subcommands of _parser).
COMMANDS = {"check": _check, "new": _new, "labels": _labels, "serve": _serve, "report": _report, "build": _build}
