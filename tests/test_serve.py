"""`make serve`: the preview reloads when a curator saves a record."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import VALID_EVENT, write

# `exhibition serve` (make serve) in its own process, rebuilding on every save.
pytestmark = [pytest.mark.build]

EXHIBITION = Path(sys.executable).parent / "exhibition"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _poll(ready, seconds: float, every: float = 0.2) -> bool:
    """True as soon as ready() is; False if it is not within seconds."""
    end = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > end:
            return False
        time.sleep(every)
    return True


def _wait_for(url: str, text: str, seconds: float) -> bool:
    return _poll(lambda: text in _get(url), seconds)


def _rebuilds(log: Path) -> int:
    return log.read_text(encoding="utf-8").count("Detected file changes")


@contextlib.contextmanager
def serving_preview(project, log_path):
    """`exhibition serve` (make serve) of project on a free port, its log in log_path; yields the base URL."""
    port = _free_port()
    with log_path.open("w") as output:
        server = subprocess.Popen(
            [str(EXHIBITION), "--root", str(project), "serve", "--addr", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            stdout=subprocess.DEVNULL,
            stderr=output,
            text=True,
        )
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(timeout=30)


def test_serve_shows_an_edited_record_after_one_rebuild(project, tmp_path):
    record = write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    log = tmp_path / "serve.log"
    with serving_preview(project, log) as base:
        url = f"{base}/exhibits/events/test-event/"
        assert _wait_for(url, "测试活动", 240), "the preview never came up"
        record.write_text(VALID_EVENT.replace("测试活动", "改过的标题"), encoding="utf-8")
        assert _wait_for(url, "改过的标题", 240), "the preview did not pick up the edited record"
        # The pages that rebuild wrote into docs/ must not set off another one: fail at the first sign of
        # one (MkDocs' watcher notices a change within a second or two).
        assert not _poll(
            lambda: _rebuilds(log) > 1, 5
        ), f"a second rebuild for one edit:\n{log.read_text(encoding='utf-8')[-3000:]}"
        # A hand-written page in docs/ is still watched.
        visit = project / "docs" / "visit.zh.md"
        visit.write_text(visit.read_text(encoding="utf-8") + "\n\n改过的参观说明\n", encoding="utf-8")
        assert _wait_for(f"{base}/visit/", "改过的参观说明", 240), "an edited docs/ page did not show"
    rebuilds = _rebuilds(log)
    assert rebuilds == 2, f"{rebuilds} rebuilds for two edits:\n{log.read_text(encoding='utf-8')[-3000:]}"


def test_serve_shows_the_problems_of_a_saved_mistake_in_the_browser_and_recovers(project, tmp_path):
    """MkDocs' server answers nothing while the last rebuild failed: the browser used to spin for
    minutes. Now the pages answer at once with the file:line list, until a save fixes it."""
    record = write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    log = tmp_path / "serve.log"
    with serving_preview(project, log) as base:
        url = f"{base}/exhibits/events/test-event/"
        assert _wait_for(url, "测试活动", 240), "the preview never came up"
        record.write_text(VALID_EVENT.replace("title:", "titel:", 1), encoding="utf-8")
        expected = "exhibits/events/test-event.yml:3: titel: unknown field. Did you mean `title`?"
        assert _wait_for(url, expected, 120), f"the page did not show the problem:\n{log.read_text(encoding='utf-8')[-3000:]}"
        page = _get(url)
        assert 'id="exhibition-problems"' in page and "1 problem in the records" in page
        assert _wait_for(f"{base}/en/", "exhibition-problems", 10), "other pages carry it too"
        record.write_text(VALID_EVENT.replace("测试活动", "改好了"), encoding="utf-8")
        assert _wait_for(url, "改好了", 240), "the preview did not recover after the fix"
        assert "exhibition-problems" not in _get(url)
