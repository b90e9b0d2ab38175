"""Imports point down: the layers contract in pyproject.toml ([tool.importlinter]) holds.

commands > pipeline > edition adapters (kiosk, printing, opendata…) > pages > images
> settings > records > base (words, urls, pinyin). The README's "How the code is layered".
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import BIN, ROOT


def lint_imports(package_parent: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "lint-imports"), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(package_parent)},
    )


def test_the_package_keeps_its_layers():
    result = lint_imports(ROOT / "scripts")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_import_that_points_up_breaks_the_contract(tmp_path):
    """The contract can fail: records/ reaching up into pages/ (as the scaffold once did) is refused."""
    shutil.copytree(ROOT / "scripts" / "exhibition", tmp_path / "exhibition", ignore=shutil.ignore_patterns("__pycache__"))
    scaffold = tmp_path / "exhibition" / "records" / "scaffold.py"
    scaffold.write_text(scaffold.read_text(encoding="utf-8") + "\nfrom ..pages.write import UI  # upward\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "exhibition.records.scaffold -> exhibition.pages.write" in result.stdout, result.stdout
