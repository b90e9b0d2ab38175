"""`make bench`: build a synthetic collection of N records and measure everything in one run.

    .venv/bin/python scripts/bench/bench.py --records 1000      (make bench N=1000)

It makes a temporary project (the repo's mkdocs.yml, docs/, overrides/ and
settings/, plus N synthetic event records with 3 camera-like 4000×3000 JPEGs
each), then times, with `exhibition build` exactly as curators run it:
a cold build, a rebuild with nothing changed, a rebuild after editing one
record, a rebuild after adding one photo; then `make serve` (exhibition serve) showing a one-record
edit. A probe (probe/sitecustomize.py) times our own code inside those builds.
Derivative throughput is compared with plain Pillow and libvips on the same photos.
It prints a Markdown table and writes build/bench.json.

The real exhibits/, images/ and site/ are never read for writing: everything
happens in the temporary folder, removed at the end (--keep keeps it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402  (beside this file)

# The targets: (key, comparison, limit, what it means).
PAGE_KB_GZ_MAX = 100
FIRST_IMAGE_KB_MAX = 150
PEAK_RSS_MB_MAX = 1536  # 1.5 GB, at 1,000 records
NOOP_SHARE_MAX = 0.05
GENERATOR_SHARE_MAX = 0.15
NAIVE_RATIO_MIN = 3.0
VIPS_RATIO_MIN = 0.7
EDIT_PREVIEW_MAX_S = 5.0  # issue #15: an edit shows in the preview within 5 s at 1,000 records
ADD_PHOTO_PREVIEW_MAX_S = 10.0  # and a new photo within 10 s
GZIP_LEVEL = 6  # what web servers commonly use


class BenchError(Exception):
    """A problem to report in one line, with exit status 2."""


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# --- arguments -------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", "-n", default="1000", help="how many records (default 1000)")
    parser.add_argument("--photos", default="3", help="photos per record (default 3)")
    parser.add_argument("--size", default="4000x3000", help="photo size in pixels, WxH (default 4000x3000)")
    parser.add_argument("--tmp", default=None, help="where the temporary project goes (default: TMPDIR or /tmp)")
    parser.add_argument(
        "--json", default=str(ROOT / "build" / "bench.json"), help="where the results go (default build/bench.json)"
    )
    parser.add_argument(
        "--repo", default=str(ROOT), help="project whose mkdocs.yml, docs/, overrides/, settings/ are copied (default: this one)"
    )
    parser.add_argument("--scan", default="9000x7000", help="the large scan whose zoom tiles are timed, WxH (default 9000x7000)")
    parser.add_argument("--sample", default="12", help="photos in the throughput comparison (default 12)")
    parser.add_argument("--no-serve", action="store_true", help="skip the `make serve` preview measurements")
    parser.add_argument(
        "--kit", default="all", help="how many of the project's lessons the teacher's kit is measured on (default all; 0: none)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary project (it is large)")
    args = parser.parse_args(argv)
    args.records = _count(args.records, "--records (N)", 1)
    args.photos = _count(args.photos, "--photos", 1)
    args.sample = _count(args.sample, "--sample", 1)
    args.kit = None if args.kit == "all" else _count(args.kit, "--kit", 0)
    match = re.fullmatch(r"(\d+)x(\d+)", args.size)
    if not match or min(int(match[1]), int(match[2])) < 16:
        raise BenchError(f"--size must be WIDTHxHEIGHT of at least 16x16 pixels, e.g. 4000x3000 (got {args.size!r})")
    args.size = (int(match[1]), int(match[2]))
    match = re.fullmatch(r"(\d+)x(\d+)", args.scan)
    if not match or max(int(match[1]), int(match[2])) < 6000:
        raise BenchError(
            f"--scan must be WIDTHxHEIGHT with a side of 6000 pixels or more (tiled), e.g. 9000x7000 (got {args.scan!r})"
        )
    args.scan = (int(match[1]), int(match[2]))
    return args


def _count(text: str, name: str, minimum: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise BenchError(f"{name} must be a whole number of at least {minimum} (got {text!r})") from None
    if value < minimum:
        raise BenchError(f"{name} must be at least {minimum} (got {value}): nothing to measure")
    return value


def make_workdir(tmp: str | None, needed: int) -> Path:
    base = Path(tmp) if tmp else Path(tempfile.gettempdir())
    try:
        work = Path(tempfile.mkdtemp(prefix="exhibition-bench-", dir=base))
    except OSError as exc:
        raise BenchError(
            f"cannot write in the temporary folder {base} ({exc.strerror or exc}). "
            f"Give a writable folder with --tmp DIR (make bench TMPDIR=DIR)"
        ) from None
    free = shutil.disk_usage(work).free
    if free < needed:
        shutil.rmtree(work, ignore_errors=True)
        raise BenchError(
            f"the temporary folder {base} has {free / 1e9:.1f} GB free; this run needs about "
            f"{needed / 1e9:.1f} GB. Use fewer records (N=…) or another folder (--tmp DIR)"
        )
    return work


def space_needed(records: int, photos: int, size: tuple[int, int]) -> int:
    pixels = size[0] * size[1]
    jpeg = 0.4 * pixels  # bytes per pixel of the synthetic JPEGs, with margin
    derived = 3 * 0.5e6 * min(1.0, pixels / 12e6)  # docs/media, site/ and the site being swapped in
    return int(records * photos * (jpeg + derived) + 200e6)


# --- builds ------------------------------------------------------------------


def build_env(probe: Path | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("STRICT", "DRAFTS", "SITE_DIR")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if probe is not None:
        env["EXHIBITION_BENCH_PROBE"] = str(probe)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(HERE / "probe"), env.get("PYTHONPATH")) if p)
    return env


def timed_build(root: Path, label: str) -> dict:
    """`exhibition build` as a curator runs it; our code timed by the probe inside."""
    probe = root.parent / f"probe-{label}.jsonl"
    probe.unlink(missing_ok=True)
    log(f"{label}: exhibition build …")
    start, cpu_start = time.perf_counter(), children_cpu()
    result = subprocess.run(
        [str(BIN / "exhibition"), "--root", str(root), "build"], cwd=root, env=build_env(probe), capture_output=True, text=True
    )
    wall, cpu = time.perf_counter() - start, children_cpu() - cpu_start
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
        raise BenchError(f"the {label} build failed (exit {result.returncode}); its last lines:\n{tail}")
    processes = (
        [json.loads(line) for line in probe.read_text(encoding="utf-8").splitlines() if line.strip()] if probe.exists() else []
    )
    spans: dict[str, float] = {}
    cpus: dict[str, float] = {}
    counts: dict[str, int] = {}
    ours = ours_cpu = 0.0
    for process in processes:
        for total, timings in ((spans, process["spans"]), (cpus, process.get("cpu", {}))):
            for key, value in timings.items():
                total[key] = total.get(key, 0.0) + value
        for key, value in process["counts"].items():
            counts[key] = counts.get(key, 0) + value
        ours += _top_level(process["spans"])
        ours_cpu += _top_level(process.get("cpu", {}))
    row = {
        "wall_s": round(wall, 3),
        "ours_s": round(ours, 3),
        "mkdocs_s": round(wall - ours, 3),
        "images_s": round(spans.get("images", 0.0), 3),
        # CPU seconds (all processes of the build): steadier than wall time when the machine is busy.
        "cpu_s": round(cpu, 3),
        "ours_cpu_s": round(ours_cpu, 3),
        "images_cpu_s": round(cpus.get("images", 0.0), 3),
        "mkdocs_cpu_s": round(cpu - ours_cpu, 3),
        "validate_cpu_s": round(cpus.get("validate", 0.0), 3),
        "pages_cpu_s": round(cpus.get("pages", 0.0), 3),
        "printing_cpu_s": round(cpus.get("printing", 0.0), 3),
        "validate_s": round(spans.get("validate", 0.0), 3),
        "pages_s": round(spans.get("pages", 0.0), 3),
        "printing_s": round(spans.get("printing", 0.0), 3),
        "images_made": counts.get("images.made", 0),
        "images_cached": counts.get("images.cached", 0),
        "images_hashed": counts.get("hash.calls", 0),
        "pages_written": counts.get("pages.written", 0),
        "pipeline_runs": counts.get("pages.calls", 0),
        "validations": counts.get("validate.calls", 0),
        "probe": bool(processes),
    }
    log(
        f"{label}: {wall:.1f} s (our code {ours:.1f} s, images {row['images_s']:.1f} s, "
        f"{row['images_made']} made, {row['pages_written']} pages written)"
    )
    return row


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _top_level(timings: dict[str, float]) -> float:
    """Our code in one process, nested spans counted once (the probe's "ours")."""
    return timings.get("ours", 0.0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def preview_times(root: Path, records: int, photos: int, size: tuple[int, int], serial: int, timeout: float) -> dict:
    """`exhibition serve` (as `make serve` runs it): seconds from saving to the served page showing the change.

    edit_preview_s: one record's text edited; add_photo_preview_s: one more photo on a record."""
    port = free_port()
    index = 2 if records >= 2 else 1
    url = f"http://127.0.0.1:{port}/exhibits/events/{synthetic.record_id(index)}/"
    out = (root.parent / "serve.log").open("w")
    log("preview: exhibition serve, first build …")
    process = subprocess.Popen(
        [str(BIN / "exhibition"), "--root", str(root), "serve", "--addr", f"127.0.0.1:{port}"],
        cwd=root,
        env=build_env(None),
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )

    def until(target: str, text: str) -> float | None:
        start = time.monotonic()
        while True:
            page = fetch(target)
            if page and text in page:
                return round(time.monotonic() - start, 3)
            if process.poll() is not None or time.monotonic() - start > timeout:
                return None
            time.sleep(0.05)

    def settled() -> None:
        """Wait for the rebuild the server is running, if any, to end (its log says so)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end and process.poll() is None:
            text = (root.parent / "serve.log").read_text(encoding="utf-8", errors="replace")
            if text.count("Detected file changes") <= text.count("preview updated") + text.count("the preview shows"):
                return
            time.sleep(0.2)

    try:
        if until(url, "<html") is None:
            return {
                "edit_preview_s": None,
                "add_photo_preview_s": None,
                "serve_note": "exhibition serve did not start (see serve.log)",
            }
        time.sleep(1.0)  # let the watcher settle after the first build
        # Letters only: a number in a verified record's text must be in its source's quote (#24).
        marker = "PREVIEW-EDIT-" + "".join(chr(ord("a") + int(d)) for d in str(int(time.time())))
        synthetic.edit_record(root, index, records, photos, marker)
        result = {"edit_preview_s": until(url, marker)}
        log(f"preview: an edit showed in {result['edit_preview_s']} s")
        settled()
        time.sleep(1.0)
        synthetic.add_photo(root, index, records, photos, size, serial=serial)
        result["add_photo_preview_s"] = until(url, f"{synthetic.record_id(index)} 第{photos + 1}张")
        log(f"preview: a new photo showed in {result['add_photo_preview_s']} s")
        if None in result.values():
            result["serve_note"] = "a change did not show within the time limit (see serve.log)"
        return result
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


# --- derivative throughput -----------------------------------------------------


def throughput(files: list[Path], work: Path) -> dict:
    """Images per second on the same photos: our recipe (one process), plain Pillow, libvips."""
    from PIL import Image, ImageOps

    from exhibition.images import derivatives

    widths, quality = derivatives.WIDTHS, derivatives.QUALITY
    for path in files:
        path.read_bytes()  # every contender reads from the page cache
    out = work / "throughput"
    result: dict = {}

    def rate(fn, name: str) -> float:
        """Images per second (wall clock); CPU seconds per image beside it, steadier on a busy machine."""
        start, cpu = time.perf_counter(), time.process_time()
        for number, path in enumerate(files):
            fn(number, path)
        result[f"{name}_cpu_s_per_image"] = round((time.process_time() - cpu) / len(files), 3)
        return round(len(files) / (time.perf_counter() - start), 3)

    log(f"throughput: our recipe, one process, {len(files)} photos …")
    result["ours_one_process_per_s"] = rate(lambda n, p: derivatives.make(p, out / "ours", f"k{n}", "media"), "ours")

    def naive(n: int, path: Path) -> None:
        target = out / "naive" / str(n)
        target.mkdir(parents=True, exist_ok=True)
        with Image.open(path) as im:
            im.load()  # full-size decode: no draft()
            im = ImageOps.exif_transpose(im).convert("RGB")
            for width in widths:
                if width <= im.width:
                    resized = im.resize((width, round(im.height * width / im.width)), Image.Resampling.LANCZOS)
                    resized.save(target / f"{width}.webp", "WEBP", quality=quality, method=4)  # Pillow's default effort

    log("throughput: plain Pillow (open → resize → save, no draft, one process) …")
    result["pillow_naive_per_s"] = rate(naive, "pillow_naive")

    try:
        import pyvips  # noqa: F401

        vips_version = f"libvips {pyvips.version(0)}.{pyvips.version(1)}.{pyvips.version(2)}, pyvips {pyvips.__version__}"
    except Exception as exc:  # ImportError, or the library itself missing (OSError)
        result["vips_per_s"] = None
        result["vips_note"] = (
            f"pyvips unavailable ({type(exc).__name__}: {str(exc).splitlines()[0][:120]}); "
            f"install it with: {BIN / 'pip'} install -r scripts/bench/requirements.txt"
        )
        return result

    def vips(n: int, path: Path) -> None:
        target = out / "vips" / str(n)
        target.mkdir(parents=True, exist_ok=True)
        for width in widths:
            # thumbnail: shrink-on-load, auto-rotate; keep=none drops EXIF/GPS like our recipe.
            image = pyvips.Image.thumbnail(str(path), width, height=10_000_000, size="down")
            image.webpsave(str(target / f"{width}.webp"), Q=quality, effort=4, keep="none")

    log(f"throughput: libvips thumbnail ({vips_version}) …")
    result["vips_per_s"] = rate(vips, "vips")
    result["vips_note"] = f"{vips_version}, its own threads"
    return result


# --- deep-zoom tiles of a large scan (issue 25) ------------------------------------------


def scan_jpeg(path: Path, size: tuple[int, int]) -> None:
    """A document scan: paper with a little grain, lines of text, a red seal (JPEG, quality 85)."""
    from PIL import Image, ImageDraw

    width, height = size
    grain = Image.effect_noise((width // 4, height // 4), 12).resize(size)  # paper is never flat
    paper = Image.merge("RGB", [grain.point(lambda v, k=k: min(255, v + k)) for k in (110, 100, 80)])
    draw = ImageDraw.Draw(paper)
    for y in range(height // 12, height - height // 20, max(40, height // 35)):
        for x in range(width // 20, width - width // 20, max(60, width // 60)):
            draw.rectangle((x, y, x + width // 90, y + height // 90), fill=(50, 45, 40))
    draw.ellipse(
        (width * 7 // 10, height * 8 // 10, width * 8 // 10, height * 8 // 10 + width // 10), outline=(190, 30, 30), width=40
    )
    paper.save(path, "JPEG", quality=85)


def zoom_tiles(work: Path, size: tuple[int, int]) -> dict:
    """Tiles for one scan as the build makes them (derivatives.derive_all, one worker): cold (decode,
    WebP copies and every tile), then cached (the unchanged scan again: no tile work), and libvips'
    dzsave on the same scan, same tile layout, beside them."""
    from exhibition.images import derivatives, zoom

    images, media = work / "scan" / "images", work / "scan" / "media"
    images.mkdir(parents=True)
    scan = images / "scan.jpg"
    log(f"zoom tiles: making a {size[0]}×{size[1]} scan …")
    scan_jpeg(scan, size)
    scan.read_bytes()
    result: dict = {"zoom_scan": f"{size[0]}x{size[1]}", "zoom_scan_mb": round(scan.stat().st_size / 1e6, 1)}
    for name in ("cold", "cached"):
        log(f"zoom tiles: {name} …")
        start, cpu = time.perf_counter(), time.process_time()
        derived, errors, stats = derivatives.derive_all(["scan.jpg"], images, media, workers=1, progress=False)
        result[f"zoom_{name}_s"] = round(time.perf_counter() - start, 3)
        result[f"zoom_{name}_cpu_s"] = round(time.process_time() - cpu, 3)
        if errors:
            raise BenchError(f"zoom tiles: {errors}")
        result[f"zoom_{name}_made"] = stats["made"]
    tiled = derived["scan.jpg"].zoom
    result["zoom_tiles"] = sum(1 for _ in media.rglob(f"{zoom.TILES}/*/*.{zoom.FORMAT}")) if tiled else 0
    result["zoom_cached_per_cold"] = round(result["zoom_cached_s"] / result["zoom_cold_s"], 4)
    try:
        import pyvips
    except Exception:  # ImportError, or the library itself missing (OSError)
        result["zoom_vips_s"] = None
        return result
    log("zoom tiles: libvips dzsave …")
    start = time.perf_counter()
    image = pyvips.Image.new_from_file(str(scan), access="sequential")
    image.dzsave(str(work / "scan" / "vips"), tile_size=zoom.TILE, overlap=zoom.OVERLAP, suffix=f".jpg[Q={zoom.QUALITY}]")
    result["zoom_vips_s"] = round(time.perf_counter() - start, 3)
    result["zoom_cold_per_vips"] = round(result["zoom_cold_s"] / result["zoom_vips_s"], 2)
    return result


# --- what a visitor downloads ----------------------------------------------------


def gz_kb(data: bytes) -> float:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0)) / 1024


def page_weight(site: Path, page: Path) -> dict:
    """HTML + CSS + JS of one record page, gzip; and its first picture as served."""
    html = page.read_text(encoding="utf-8")
    refs = re.findall(
        r'<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"|<link[^>]*href="([^"]+)"[^>]*rel="stylesheet"'
        r'|<script[^>]*src="([^"]+)"',
        html,
    )
    assets = [next(r for r in ref if r) for ref in refs]
    worker = re.search(r'"search":\s*"([^"]+)"', html)
    files = [(page.parent / a).resolve() for a in assets if "://" not in a]
    if worker:
        files.append((page.parent / worker.group(1)).resolve())  # Material's search worker starts with every page
        ours = files[-1].with_name("exhibition-search.js")  # … inside ours (search-language.js swaps them)
        if ours.is_file():
            files.append(ours)
    parts = {"html": gz_kb(html.encode())}
    for path in files:
        if not path.is_file():
            raise BenchError(f"{page} refers to {path}, which was not built")
        parts[path.relative_to(site.resolve()).as_posix()] = gz_kb(path.read_bytes())
    first = re.search(r'<img[^>]*src="([^"]*media/[^"]+)"', html)
    image_kb = (page.parent / first.group(1)).resolve().stat().st_size / 1024 if first else None
    srcset = {}
    if first:
        tag = re.search(r'<img[^>]*src="[^"]*media/[^>]*>', html).group(0)
        for url, width in re.findall(r'([^\s,"]+)\s+(\d+)w', tag):
            srcset[width] = round((page.parent / url).resolve().stat().st_size / 1024, 1)
    return {
        "page_kb_gz": round(sum(parts.values()), 1),
        "page_parts_kb_gz": {k: round(v, 1) for k, v in parts.items()},
        "first_image_kb": round(image_kb, 1) if image_kb is not None else None,
        "first_image_src": first.group(1).rsplit("/", 1)[-1] if first else None,
        "first_image_widths_kb": srcset,
    }


def folder_mb(path: Path) -> float:
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6, 1) if path.exists() else 0.0


def search_index(site: Path, records: int) -> dict:
    out = {}
    for lang, path in (("zh", site / "search" / "search_index.json"), ("en", site / "en" / "search" / "search_index.json")):
        if path.exists():
            data = path.read_bytes()
            out[f"search_index_{lang}_kb"] = round(len(data) / 1024, 1)
            out[f"search_index_{lang}_kb_gz"] = round(gz_kb(data), 1)
    if "search_index_zh_kb_gz" in out:
        out["search_index_kb_gz_per_100_records"] = round(out["search_index_zh_kb_gz"] / records * 100, 1)
    return out


# --- report ----------------------------------------------------------------------


def lesson_kit(repo: Path, work: Path, limit: int | None = None) -> dict:
    """The teacher's kit of the project's own lessons (its records and pictures, read only), made in
    `work`: the time to draw every deck (python-pptx, no cache); the kit's time with its decks and packs
    made anew (the PDFs from the project's build/print cache when it has them, as a curator's next
    build does); a second run that finds everything cached; the size of each lesson pack."""
    from exhibition import pipeline
    from exhibition.images.derivatives import derive_all
    from exhibition.pages.site import Site
    from exhibition.printing import aids, outline, slides
    from exhibition.records import model

    checked = pipeline.check(repo)
    collection = checked.collection
    lessons = [r for r in collection.records if isinstance(r, model.Lesson)][:limit]
    if not lessons:
        return {"kit_lessons": 0}
    # Only these lessons are made: the others leave the collection (a lesson names no other lesson's files).
    keep = {r.id for r in lessons}
    records = [r for r in collection.records if not isinstance(r, model.Lesson) or r.id in keep]
    ids = {r.id for r in records}
    records = [r.model_copy(update={"related": [x for x in r.related if x in ids]}) for r in records]
    docs = work / "docs"
    if (repo / "docs" / "media").is_dir():  # keyed by content: a copy is what the project's next build reuses
        shutil.copytree(repo / "docs" / "media", docs / "media", dirs_exist_ok=True)
    files = sorted({i.file for lesson in lessons for rid in lesson.linked_records for i in collection.by_id[rid].images})
    derived, _, _ = derive_all(files, repo / "images", docs / "media", url_base="media", progress=False)
    site = Site(records, derived, checked.settings)
    start = time.perf_counter()
    decks = [outline.describe(site, lesson, lang, "https://example.org/", docs) for lesson in lessons for lang in model.LANGS]
    described = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    sizes = [len(slides.render(deck, docs)) for deck in decks]
    drawn, drawn_cpu = time.perf_counter() - start, time.process_time() - cpu
    (work / "build" / "print").mkdir(parents=True)
    for cached in (repo / "build" / "print").glob("*.pdf"):  # the PDFs only: the decks and packs are measured
        shutil.copy(cached, work / "build" / "print")
    runs = []
    for _ in range(2):
        start = time.perf_counter()
        # No site address, as the project's own build without SITE_URL: its cached PDFs match.
        schools = aids.prepare(site, root=work, docs_dir=docs)
        runs.append(time.perf_counter() - start)
    packs = [aid.pack_bytes for per_lang in schools.lessons.values() for aid in per_lang.values() if aid.pack]
    return {
        "kit_lessons": len(lessons),
        "kit_decks": len(decks),
        "kit_deck_s": round(drawn / len(decks), 3),
        "kit_deck_cpu_s": round(drawn_cpu / len(decks), 3),
        "kit_decks_s": round(drawn + described, 2),
        "kit_deck_mb_max": round(max(sizes) / 1e6, 2),
        "kit_s": round(runs[0], 2),
        "kit_warm_s": round(runs[1], 2),
        "kit_packs": len(packs),
        "kit_pack_mb_max": round(max(packs) / 1e6, 2) if packs else None,
        "kit_pack_mb_total": round(sum(packs) / 1e6, 2) if packs else None,
        "kit_note": None if packs else f"no packs: {schools.pdf_missing}",
    }


def targets(r: dict) -> list[dict]:
    """(target, measured, limit, met) for each of the issue's targets."""
    cold, noop = r["builds"]["cold"], r["builds"]["noop"]

    def ratio(a, b):
        return round(a / b, 2) if a is not None and b else None

    noop_share = ratio(noop["ours_s"], cold["wall_s"])
    noop_cpu = ratio(noop["ours_cpu_s"], cold["cpu_s"])
    gen_cpu = r.get("generator_share_cpu")
    rows = [
        (
            "no-change rebuild: no image or page work",
            f"{noop['images_made']} made, {noop['images_hashed']} hashed, {noop['pages_written']} pages",
            "0, 0, 0",
            noop["images_made"] == 0 and noop["images_hashed"] == 0 and noop["pages_written"] == 0,
        ),
        (
            "no-change rebuild: our code / cold build",
            f"{noop_share} (CPU {noop_cpu})",
            f"≤ {NOOP_SHARE_MAX}",
            noop_share is not None and noop_share <= NOOP_SHARE_MAX,
        ),
        (
            "cold build: our code / total, image work aside",
            f"{r['generator_share']} (CPU {gen_cpu})",
            f"≤ {GENERATOR_SHARE_MAX}",
            r["generator_share"] is not None and r["generator_share"] <= GENERATOR_SHARE_MAX,
        ),
    ]
    naive = ratio(r["derivatives_per_s"], r["pillow_naive_per_s"])
    rows.append(
        ("derivatives / plain Pillow", f"{naive}×", f"≥ {NAIVE_RATIO_MIN}×", naive is not None and naive >= NAIVE_RATIO_MIN)
    )
    vips = ratio(r["derivatives_per_s"], r["vips_per_s"])
    rows.append(
        (
            "derivatives / libvips",
            f"{vips}×" if vips is not None else "n/a (no pyvips)",
            f"≥ {VIPS_RATIO_MIN}×",
            None if vips is None else vips >= VIPS_RATIO_MIN,
        )
    )
    rows.append(
        (
            "zoom tiles of an unchanged scan (warm build): tile work",
            f"{r.get('zoom_cached_made')} made, {r.get('zoom_cached_s')} s against {r.get('zoom_cold_s')} s cold "
            f"({r.get('zoom_tiles')} tiles; libvips dzsave {r.get('zoom_vips_s')} s)",
            "0 made",
            r.get("zoom_cached_made") == 0,
        )
    )
    for key, name, limit in (
        ("edit_preview_s", "`make serve`: one record edited, until the page shows it", EDIT_PREVIEW_MAX_S),
        ("add_photo_preview_s", "`make serve`: a photo added, until the page shows it", ADD_PHOTO_PREVIEW_MAX_S),
    ):
        value = r.get(key)
        rows.append(
            (
                name,
                f"{value} s" if value is not None else "n/a",
                f"≤ {limit} s (at 1,000 records)",
                None if value is None else value <= limit,
            )
        )
    rows.append(
        (
            "peak memory (one process)",
            f"{r['peak_rss_mb']} MB",
            f"≤ {PEAK_RSS_MB_MAX} MB (at 1,000 records)",
            r["peak_rss_mb"] <= PEAK_RSS_MB_MAX,
        )
    )
    rows.append(
        (
            "record page, HTML+CSS+JS gzip",
            f"{r['page_kb_gz']} KB",
            f"≤ {PAGE_KB_GZ_MAX} KB",
            r["page_kb_gz"] is not None and r["page_kb_gz"] <= PAGE_KB_GZ_MAX,
        )
    )
    rows.append(
        (
            "its first image",
            f"{r['first_image_kb']} KB",
            f"≤ {FIRST_IMAGE_KB_MAX} KB",
            r["first_image_kb"] is not None and r["first_image_kb"] <= FIRST_IMAGE_KB_MAX,
        )
    )
    return [{"target": n, "measured": v, "limit": lim, "met": met} for n, v, lim, met in rows]


def table(r: dict) -> str:
    lines = [
        f"## Benchmark: {r['records']} records × {r['photos_per_record']} photos "
        f"({r['photo_size']}, {r['photos']} photos, {r['photo_gb']} GB)",
        "",
        "| build | total s | our code s | of which images s | MkDocs s | CPU s | our CPU s | images CPU s | images made | pages written |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, b in r["builds"].items():
        lines.append(
            f"| {name} | {b['wall_s']} | {b['ours_s']} | {b['images_s']} | {b['mkdocs_s']} | {b['cpu_s']} | "
            f"{b['ours_cpu_s']} | {b['images_cpu_s']} | {b['images_made']} | {b['pages_written']} |"
        )
    lines += ["", "| measure | value |", "|---|---:|"]
    for key in (
        "cold_s",
        "noop_s",
        "edit_one_s",
        "add_photo_s",
        "edit_preview_s",
        "add_photo_preview_s",
        "generator_share",
        "generator_share_cpu",
        "noop_our_share_of_cold",
        "noop_our_share_of_cold_cpu",
        "derivatives_per_s",
        "derivatives_cpu_s_per_image",
        "ours_one_process_per_s",
        "pillow_naive_per_s",
        "vips_per_s",
        "ours_cpu_s_per_image",
        "pillow_naive_cpu_s_per_image",
        "vips_cpu_s_per_image",
        "peak_rss_mb",
        "site_mb",
        "media_mb",
        "page_kb_gz",
        "first_image_kb",
        "zoom_scan",
        "zoom_tiles",
        "zoom_cold_s",
        "zoom_cold_cpu_s",
        "zoom_cached_s",
        "zoom_cached_per_cold",
        "zoom_vips_s",
        "zoom_cold_per_vips",
        "search_index_zh_kb_gz",
        "search_index_kb_gz_per_100_records",
        "kit_decks",
        "kit_deck_s",
        "kit_deck_cpu_s",
        "kit_decks_s",
        "kit_deck_mb_max",
        "kit_s",
        "kit_warm_s",
        "kit_pack_mb_max",
        "kit_pack_mb_total",
        "load_before",
        "load_after",
    ):
        lines.append(f"| `{key}` | {r.get(key)} |")
    lines += ["", "| target | measured | limit | met |", "|---|---|---|---|"]
    for t in r["targets"]:
        name, value, limit, met = t["target"], t["measured"], t["limit"], t["met"]
        lines.append(f"| {name} | {value} | {limit} | {'yes' if met else 'n/a' if met is None else '**no**'} |")
    return "\n".join(lines)


# --- the run ---------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict:
    if not (BIN / "exhibition").exists():
        raise BenchError(f"{BIN / 'exhibition'} is missing: run the benchmark with the project's venv (make bench)")
    json_path = Path(args.json)
    try:
        json_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BenchError(f"cannot write the results to {json_path} ({exc.strerror or exc})") from None
    repo = Path(args.repo).resolve()
    if not (repo / "mkdocs.yml").is_file():
        raise BenchError(f"{repo} has no mkdocs.yml: give the project folder with --repo")
    load_before = os.getloadavg()[0]
    work = make_workdir(args.tmp, space_needed(args.records, args.photos, args.size))
    root = work / "project"
    try:
        root.mkdir()
        synthetic.copy_skeleton(repo, root)
        total = args.records * args.photos
        log(f"making {args.records} records and {total} photos of {args.size[0]}×{args.size[1]} in {work} …")
        start = time.perf_counter()
        step = max(1, args.records // 10)
        made = synthetic.make_collection(
            root, args.records, args.photos, args.size, progress=lambda i: i % step == 0 and log(f"  {i}/{args.records} records")
        )
        log(f"collection ready in {time.perf_counter() - start:.1f} s")

        builds = {"cold": timed_build(root, "cold"), "noop": timed_build(root, "noop")}
        synthetic.edit_record(root, 1, args.records, args.photos, "（已修改）")
        builds["edit_one"] = timed_build(root, "edit_one")
        add_index = 3 if args.records >= 3 else args.records
        synthetic.add_photo(root, add_index, args.records, args.photos, args.size, serial=total + 1)
        builds["add_photo"] = timed_build(root, "add_photo")
        serve = (
            {}
            if args.no_serve
            else preview_times(
                root, args.records, args.photos, args.size, serial=total + 2, timeout=max(120.0, 3 * builds["cold"]["wall_s"])
            )
        )
        peak_rss_mb = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)

        site = root / "site"
        page = site / "exhibits" / "events" / synthetic.record_id(1) / "index.html"
        if not page.exists():
            raise BenchError(f"the record page {page} was not built")
        weight = page_weight(site, page)

        sample = sorted((root / "images" / "events").glob("*.jpg"))[: args.sample]
        speed = throughput(sample, work)
        log("the teacher's kit of the project's lessons (slides, PDFs, packs) …")
        (work / "kit").mkdir()
        kit = lesson_kit(repo, work / "kit", args.kit) if args.kit != 0 else {}
        tiles = zoom_tiles(work, args.scan)

        cold = builds["cold"]
        image_free = cold["wall_s"] - cold["images_s"]
        result = {
            "records": args.records,
            "cold_s": cold["wall_s"],
            "noop_s": builds["noop"]["wall_s"],
            "edit_one_s": builds["edit_one"]["wall_s"],
            "add_photo_s": builds["add_photo"]["wall_s"],
            "generator_share": round((cold["ours_s"] - cold["images_s"]) / image_free, 4)
            if cold["probe"] and image_free > 0
            else None,
            "derivatives_per_s": round(cold["images_made"] / cold["images_s"], 3) if cold["images_s"] else None,
            "pillow_naive_per_s": speed["pillow_naive_per_s"],
            "vips_per_s": speed["vips_per_s"],
            "peak_rss_mb": peak_rss_mb,
            "page_kb_gz": weight["page_kb_gz"],
            "first_image_kb": weight["first_image_kb"],
            # Extras.
            "photos_per_record": args.photos,
            "photos": made["photos"] + 1,
            "photo_size": f"{args.size[0]}x{args.size[1]}",
            "photo_gb": round(made["photo_bytes"] / 1e9, 2),
            "photo_generation": f"{made['bases']} distinct base JPEGs, each file made unique by a serial in its EXIF",
            "noop_our_share_of_cold": round(builds["noop"]["ours_s"] / cold["wall_s"], 4),
            "generator_share_cpu": round((cold["ours_cpu_s"] - cold["images_cpu_s"]) / (cold["cpu_s"] - cold["images_cpu_s"]), 4)
            if cold["probe"] and cold["cpu_s"] > cold["images_cpu_s"]
            else None,
            "noop_our_share_of_cold_cpu": round(builds["noop"]["ours_cpu_s"] / cold["cpu_s"], 4) if cold["cpu_s"] else None,
            "derivatives_cpu_s_per_image": round(cold["images_cpu_s"] / cold["images_made"], 3) if cold["images_made"] else None,
            "edit_preview_s": serve.get("edit_preview_s"),
            "add_photo_preview_s": serve.get("add_photo_preview_s"),
            **({"serve_note": serve["serve_note"]} if "serve_note" in serve else {}),
            "ours_one_process_per_s": speed["ours_one_process_per_s"],
            "vips_note": speed.get("vips_note"),
            "site_mb": folder_mb(site),
            "media_mb": folder_mb(root / "docs" / "media"),
            **search_index(site, args.records),
            **{k: v for k, v in weight.items() if k not in ("page_kb_gz", "first_image_kb")},
            **{k: v for k, v in speed.items() if k.endswith("_cpu_s_per_image")},
            "gzip_level": GZIP_LEVEL,
            "cpus": os.cpu_count(),
            # Other work on the machine slows every timing: the 1-minute load average before and after.
            "load_before": round(load_before, 2),
            "load_after": round(os.getloadavg()[0], 2),
            **kit,
            **tiles,
            "builds": builds,
        }
        result["targets"] = targets(result)
        json_path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(table(result))
        log(f"results in {json_path}")
        return result
    finally:
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    try:
        run(parse_args(argv))
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bench: stopped.", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
