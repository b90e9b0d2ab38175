"""`make serve` with a mistake saved: the problems in the browser, not a page that never loads.

MkDocs 1.6's live-reload server answers no request while the last rebuild failed: every page
waits for a build that has succeeded ("The server will appear stuck until build errors are
resolved"), so the browser spins for minutes. The plugin wraps the server's builder: when a
rebuild fails, the pages of the last good build get the list of problems at their top, the
rebuild counts as done (the server answers again and live reload refreshes the open pages),
and the next good build replaces every page.
"""

from __future__ import annotations

import html
import logging
import re
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.exhibition")

START, END = "<!-- exhibition-problems -->", "<!-- /exhibition-problems -->"
_OLD = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
_BODY = re.compile(r"<body\b[^>]*>", re.I)


def problems_of(error: BaseException) -> list | None:
    """The curator's problems carried by the exception MkDocs raised (PluginError -> Abort)."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if getattr(error, "problems", None):
            return list(error.problems)
        error = error.__cause__ or error.__context__
    return None


def banner(problems: list | None) -> str:
    if problems:
        items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in problems)
        count = len(problems)
        head = (f"记录有 {count} 处错误，预览仍是上一次成功的版本 · {count} problem{'s' if count != 1 else ''} "
                "in the records: the preview still shows the last good version")
        body = f'<ol style="margin:.5em 0 .5em 1.5em;padding:0">{items}</ol>'
    else:
        head = "生成网站时出错，详见终端 · The build failed: see the terminal where make serve runs"
        body = ""
    return (f'{START}<div role="alert" id="exhibition-problems" style="background:#fff3f3;color:#5c0000;'
            f'border:3px solid #b00020;padding:1em;margin:0;font:16px/1.5 sans-serif;position:relative;z-index:10">'
            f"<p style=\"margin:0\"><strong>{html.escape(head)}</strong></p>{body}"
            f'<p style="margin:0">改好并保存后，本页自动刷新 · Save the fix: this page reloads by itself.</p></div>{END}')


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
        index.write_text(f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>预览 · Preview</title></head>'
                         f"<body>{text}</body></html>", encoding="utf-8")
        pages += 1
    return pages


def wrap_builder(server) -> None:
    """Make a failed rebuild show its problems in the pages instead of stalling the server."""
    build = server.builder

    def builder(*args, **kwargs):
        try:
            return build(*args, **kwargs)
        except Exception as exc:  # MkDocs' Abort; our problems ride on the PluginError inside it
            problems = problems_of(exc)
            pages = show(Path(server.root), problems)
            log.error(f"exhibition: the preview shows {'these problems' if problems else 'that the build failed'} "
                      f"at the top of its {pages} pages until a save fixes them")

    server.builder = builder
