"""`make bench`: the issue's smoke run (`make bench N=50`) writes every key; bad input stops in
one line; the project is never touched.

No timing is asserted: CI machines are too noisy for that. The real numbers are in
README.md (Performance), measured with `make bench N=1000`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, photo_bytes
from exhibition.images import derivatives

BENCH = ROOT / "scripts" / "bench" / "bench.py"
KEYS = {  # the keys and their types (None where a baseline may be unavailable)
    "records": (int,),
    "cold_s": (float,),
    "noop_s": (float,),
    "edit_one_s": (float,),
    "add_photo_s": (float,),
    "generator_share": (float,),
    "derivatives_per_s": (float,),
    "pillow_naive_per_s": (float,),
    "vips_per_s": (float, type(None)),
    "peak_rss_mb": (float,),
    "page_kb_gz": (float,),
    "first_image_kb": (float,),
    # The teacher's kit of the project's own lessons (issue 30): deck drawing time, pack sizes.
    "kit_deck_s": (float,),
    "kit_decks_s": (float,),
    "kit_warm_s": (float,),
    "kit_pack_mb_max": (float,),
    "kit_pack_mb_total": (float,),
    "zoom_cold_s": (float,),  # a 9000×7000 scan's tiles, cold and cached (issue 25)
    "zoom_cached_s": (float,),
    "zoom_cached_made": (int,),
}


def bench(*args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(BENCH), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={k: v for k, v in os.environ.items() if k not in ("STRICT", "DRAFTS")},
    )


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file under folder: its mtime and content hash."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """The project as a user has it (with records, images and a built site/) for the bench to read from.

    A copy, so other work in the real tree while the test runs cannot make it fail.
    """
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("mkdocs.yml", "docs", "overrides", "settings", "exhibits", "images", "audio", "sources"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, repo / name, ignore=shutil.ignore_patterns("exhibits", "media") if name == "docs" else None)
        else:
            shutil.copy(src, repo / name)
    (repo / "site").mkdir()
    (repo / "site" / "index.html").write_text("<p>the last good site</p>", encoding="utf-8")
    return repo


@pytest.mark.bench
def test_make_bench_n50_writes_every_key_and_touches_no_project_file(repo_copy, tmp_path):
    """`make bench N=50` as CI's smoke run: 50 records, each with one photo of 2000×1500 (the
    benchmark's default is three of 4000×3000: most of this run's time was making and shrinking them,
    and the smoke run checks the steps, not their speed; the 1600 px derivative is still a reduction,
    and test_landscape_jpeg_is_decoded_at_reduced_scale covers camera-size photos), every build and
    measure."""
    before = {name: snapshot(repo_copy / name) for name in ("exhibits", "images", "site", "docs")}
    out = tmp_path / "bench.json"
    work = tmp_path / "work"
    work.mkdir()
    result = subprocess.run(
        [
            "make",
            "-s",
            "bench",
            "N=50",
            f"BENCH_ARGS=--photos 1 --size 2000x1500 --sample 2 --kit 1 --repo {repo_copy} --tmp {work} --json {out}",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=1800,
        env={k: v for k, v in os.environ.items() if k not in ("STRICT", "DRAFTS")},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    for key, types in KEYS.items():
        assert key in data, key
        assert isinstance(data[key], types), (key, data[key])
    assert data["records"] == 50 and data["photo_size"] == "2000x1500"
    assert data["kit_lessons"] == 1 and data["kit_decks"] == 2 and data["kit_packs"] == 2
    assert data["kit_warm_s"] < data["kit_s"] and data["kit_deck_mb_max"] < 15
    assert 0 <= data["generator_share"] <= 1
    assert min(data[k] for k in KEYS if isinstance(data[k], float)) >= 0
    # The four builds did what they say: a cold build makes every photo, a no-change rebuild nothing.
    builds = data["builds"]
    assert builds["cold"]["images_made"] == 50
    assert builds["noop"]["images_made"] == 0 and builds["noop"]["images_hashed"] == 0
    assert builds["noop"]["pages_written"] == 0
    assert builds["edit_one"]["pages_written"] > 0 and builds["edit_one"]["images_made"] == 0
    assert builds["add_photo"]["images_made"] == 1
    # Records are validated once per build: the plugin takes what `exhibition build` checked.
    assert {label: b["validations"] for label, b in builds.items()} == {label: 1 for label in builds}
    # The preview (make serve) showed an edited record and an added photo.
    assert isinstance(data["edit_preview_s"], float), data.get("serve_note")
    assert isinstance(data["add_photo_preview_s"], float), data.get("serve_note")
    # The Markdown table went to stdout.
    assert "| target | measured | limit | met |" in result.stdout
    # The project it was given is exactly as it was; the temporary project is gone.
    assert {name: snapshot(repo_copy / name) for name in before} == before
    assert list(work.iterdir()) == []


@pytest.mark.parametrize("records", ["0", "-3", "many"])
def test_no_records_stops_in_one_line(records, tmp_path):
    result = bench("--records", records, "--tmp", str(tmp_path), "--json", str(tmp_path / "bench.json"), timeout=60)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("bench: --records (N) must be"), result.stderr
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_unwritable_temporary_folder_stops_in_one_line(tmp_path):
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("x")
    targets = [not_a_folder, tmp_path / "missing" / "folder"]
    if os.geteuid() != 0:  # root writes anywhere, whatever the mode says
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        targets.append(locked)
    for target in targets:
        result = bench("--records", "2", "--tmp", str(target), "--json", str(tmp_path / "bench.json"), timeout=60)
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and f"cannot write in the temporary folder {target}" in lines[0], result.stderr
        assert "Traceback" not in result.stderr
    assert not (tmp_path / "bench.json").exists()


def test_make_bench_passes_n_with_a_default_of_1000():
    """`make bench N=…` hands N to the benchmark (dry run: nothing is installed or built)."""
    if shutil.which("make") is None:
        pytest.skip("make is not installed")

    def command(*args: str) -> str:
        result = subprocess.run(
            ["make", "-n", "-o", ".venv/.installed", "bench", *args], cwd=ROOT, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    assert 'scripts/bench/bench.py --records "0"' in command("N=0")
    assert 'scripts/bench/bench.py --records "1000"' in command()


def test_unchanged_photos_are_not_read_again(tmp_path, monkeypatch):
    """The content hash is remembered by (size, mtime, inode): a no-change rebuild opens no photo."""
    images, out = tmp_path / "images", tmp_path / "media"
    images.mkdir()
    for quality, name in enumerate(("a.jpg", "b.jpg"), 80):
        (images / name).write_bytes(photo_bytes(1200, 900, orientation=1, quality=quality))
        os.utime(images / name, ns=(1_600_000_000_000_000_000,) * 2)  # taken long ago
    first, errors, stats = derivatives.derive_all(["a.jpg", "b.jpg"], images, out, workers=1, progress=False)
    assert stats == {"made": 2, "cached": 0} and errors == {}

    def no_reading(path):
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr(derivatives, "content_key", no_reading)
    second, _, stats = derivatives.derive_all(["a.jpg", "b.jpg"], images, out, workers=1, progress=False)
    assert stats == {"made": 0, "cached": 2}
    assert second == first
    monkeypatch.undo()

    # A photo replaced under the same name is noticed (its size, mtime and inode changed).
    (images / "a.jpg").write_bytes(photo_bytes(1200, 900, orientation=1, quality=70))
    third, _, stats = derivatives.derive_all(["a.jpg", "b.jpg"], images, out, workers=1, progress=False)
    assert stats == {"made": 1, "cached": 1}
    assert third["a.jpg"] != first["a.jpg"] and third["b.jpg"] == first["b.jpg"]


def test_landscape_jpeg_is_decoded_at_reduced_scale(tmp_path, monkeypatch):
    """draft() must shrink a 4000×3000 photo to 2000×1500 (still ≥ 1600 wide), not decode it whole."""
    from PIL import JpegImagePlugin

    (tmp_path / "wide.jpg").write_bytes(photo_bytes(4000, 3000, orientation=1))
    sizes = []
    real_draft = JpegImagePlugin.JpegImageFile.draft

    def spy(self, mode, size):
        result = real_draft(self, mode, size)
        sizes.append(self.size)
        return result

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    manifest = derivatives.make(tmp_path / "wide.jpg", tmp_path / "media", "k", "media")
    assert sizes == [(2000, 1500)]
    assert [v["width"] for v in manifest["variants"]] == list(derivatives.WIDTHS)
