"""Benchmark of the 英名录 at scale (not a test): N generated names, never published.

    PYTHONPATH=scripts .venv/bin/python scripts/bench/roll.py --roll 10000 [--repeat 2] [--out build/bench-roll.json]

Reports: cold build time of the real collection with and without the generated list (both
languages), the list's search data gzipped per language, the page's size, and the time a
search takes in Chromium in the kiosk edition opened from file:// (typed query -> cards shown).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COPY = ("mkdocs.yml", "mkdocs-kiosk.yml", "docs", "overrides", "settings", "exhibits", "images")
GENERATED = ("exhibits", "media", "data")
HEADER = "id,name,name_pinyin,gender,born,died,native_place,unit,role,place_of_death,resting_place,source,note\n"
YML = """\
title: {zh: 生成的测试名录, en: Generated benchmark list}
covers: {zh: 基准测试用的生成数据，不发布。, en: Generated benchmark data; never published.}
sources:
  - id: generated
    title: 生成的数据
    publisher: scripts/bench/roll.py
    quote: 生成的数据
"""
# Generated names: one surname and one or two given characters from these pools, plus a few
# Extension B characters so the subset font is exercised. Test data only.
SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜"
GIVEN = "永智炳元钦明华建国立新志强德海生文荣福春秋山林玉兰英秀云峰成光辉" + "\U0002000b\U00020021\U00020c78"


def generate(n: int, seed: int = 17) -> str:
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        name = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2))))
        year = rnd.randint(1931, 1953)
        died = rnd.choice((str(year), f"{year}-{rnd.randint(1, 12):02d}"))
        native = f"样例县{rnd.randint(1, 60)}"
        rest = "luxibei-revolutionary-martyrs-cemetery" if rnd.random() < 0.3 else ""
        rows.append(
            f"g-{i:06d},{name},,{rnd.choice('男男男女')},,{died},{native},样例部队{rnd.randint(1, 40)},战士,,"
            f"{rest},generated,\n"
        )
    return HEADER + "".join(rows)


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns(*GENERATED) if name == "docs" else None)
        else:
            shutil.copy(src, dest / name)
    return dest


def build(root: Path, *args: str) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "exhibition", "--root", str(root), "build", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)
    return time.perf_counter() - start


def search_times(site: Path, page: str) -> dict:
    from playwright.sync_api import sync_playwright

    queries = ["赵", "王永", "zhao", "wangyong", "zyz", "l", "chenhua", "x", ""]
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
        )
        tab = browser.new_page(viewport={"width": 1920, "height": 1080})
        start = time.perf_counter()
        tab.goto((site / page).as_uri())
        tab.wait_for_selector(".ex-roll-search:not([hidden])")
        load = time.perf_counter() - start
        times = tab.evaluate(
            """(queries) => {
          const form = document.querySelector('.ex-roll-search'), box = form.elements.q, out = {};
          for (const q of queries) {
            const t0 = performance.now();
            box.value = q; form.dispatchEvent(new Event('input'));
            document.body.offsetHeight;  // include the layout the change causes
            out[q || '(cleared)'] = +(performance.now() - t0).toFixed(1);
          }
          return out;
        }""",
            queries,
        )
        shown = tab.locator("#roll-count").inner_text()
        browser.close()
    return {"page_load_s": round(load, 2), "ms_per_query": times, "max_ms": max(times.values()), "last_count": shown}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--roll", type=int, default=10_000, help="how many generated names")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench-roll.json")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="cold builds without and with the list, taken in turns (the machine is shared: "
        "the least of each is the steadier number)",
    )
    args = parser.parse_args()
    report: dict = {"names": args.roll}
    with tempfile.TemporaryDirectory(prefix="bench-roll-") as tmp:
        without_s, with_s = [], []
        for run in range(args.repeat):
            without = copy_project(Path(tmp) / f"without-{run}")
            shutil.rmtree(without / "exhibits" / "roll", ignore_errors=True)
            without_s.append(round(build(without), 1))
            with_roll = copy_project(Path(tmp) / f"with-{run}")
            (with_roll / "exhibits" / "roll" / "bench-generated.yaml").write_text(YML, encoding="utf-8")
            (with_roll / "exhibits" / "roll" / "bench-generated.csv").write_text(generate(args.roll), encoding="utf-8")
            with_s.append(round(build(with_roll), 1))
        report["cold_build_without_roll_s"] = min(without_s)
        report["cold_build_with_roll_s"] = min(with_s)
        report["cold_build_roll_extra_s"] = round(min(with_s) - min(without_s), 1)  # budget: at most 15 s
        if args.repeat > 1:
            report["cold_builds_without_s"], report["cold_builds_with_s"] = without_s, with_s
        data = with_roll / "site" / "exhibits" / "roll" / "data"
        for lang in ("zh", "en"):
            raw = (data / f"bench-generated-{lang}.js").read_bytes()
            report[f"search_data_{lang}_kb"] = round(len(raw) / 1024, 1)
            report[f"search_data_{lang}_gzip_kb"] = round(len(gzip.compress(raw, 9)) / 1024, 1)
        page = with_roll / "site" / "exhibits" / "roll" / "bench-generated" / "index.html"
        report["page_zh_kb"] = round(page.stat().st_size / 1024, 1)
        report["page_zh_gzip_kb"] = round(len(gzip.compress(page.read_bytes(), 9)) / 1024, 1)
        shard_pages = list((with_roll / "site" / "exhibits" / "roll" / "bench-generated").glob("*/index.html"))
        if shard_pages:
            largest = max(shard_pages, key=lambda p: p.stat().st_size)
            report["pages_per_initial"] = len(shard_pages)
            report["largest_initial_page_kb"] = round(largest.stat().st_size / 1024, 1)
            report["largest_initial_page_gzip_kb"] = round(len(gzip.compress(largest.read_bytes(), 9)) / 1024, 1)
        fonts = list(data.glob("roll-names-*.woff2"))
        report["rare_font_kb"] = round(fonts[0].stat().st_size / 1024, 1) if fonts else None
        report["kiosk_build_with_roll_s"] = round(build(with_roll, "--kiosk"), 1)
        report["kiosk_search_file_url"] = search_times(with_roll / "site-kiosk", "exhibits/roll/bench-generated.html")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(json.dumps(report, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
