"""A curator's first day, as issue #28 found it: nine frictions, each with its test.

A new story with a phone photo, a roll list through Excel and a few deliberate mistakes; every message
names the file and the line to open, counts as a person does, and every setting is checked."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from conftest import ROOT
from exhibition.records.problems import Problem, report


def test_one_problem_is_told_in_the_singular():
    one = report([Problem("exhibits/events/a.yml", 3, "title", "required.")])
    assert one.splitlines()[-1] == "1 problem found; the site was not changed. Fix it and run the command again."
    two = report([Problem("exhibits/events/a.yml", 3, "title", "required."), Problem("exhibits/events/a.yml", 4, "id", "x.")])
    assert two.splitlines()[-1] == "2 problems found; the site was not changed. Fix them and run the command again."


def test_the_project_files_name_only_documents_that_are_in_the_repository():
    """requirements.txt pointed to a DESIGN.md that only the developers' machine has."""
    tracked = set(subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split())
    names = {Path(p).name for p in tracked}
    missing = []
    for name in ("requirements.txt", "requirements-test.txt", "constraints.txt", "mkdocs.yml", "mkdocs-kiosk.yml", "Makefile"):
        comments = re.findall(r"#.*", (ROOT / name).read_text(encoding="utf-8"))  # the nav names generated pages
        for document in re.findall(r"[\w./-]+\.md\b", "\n".join(comments)):
            if document not in tracked and Path(document).name not in names:
                missing.append(f"{name}: {document}")
    assert missing == []
