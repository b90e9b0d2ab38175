"""`make audit`: Lighthouse (mobile preset) over the visitor's page types, served as a host
would serve them (deploy/nginx.conf with gzip and SITE_URL set), into build/audit.json.

The site is built into build/audit-site/ with SITE_URL pointing at the local nginx, so
canonical and hreflang links are absolute, as in production. Lighthouse uses Debian's
chromium with every other host blocked. The performance score moves with the machine's
load: it is reported, never asserted; tests/test_audit.py asserts the deterministic audits.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
import local_nginx  # noqa: E402

# Its own folder: npm would prune the Nu HTML Checker (build/tools/node_modules) as extraneous.
LIGHTHOUSE = ROOT / "build" / "tools" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
# Audits that do not move with the machine's load: the tests require each to pass.
DETERMINISTIC = (
    "errors-in-console",
    "hreflang",
    "unsized-images",
    "canonical",
    "is-crawlable",
    "document-title",
    "meta-description",
    "image-alt",
    "html-has-lang",
    "font-size",
    "crawlable-anchors",
    "robots-txt",
)
REPORTED = DETERMINISTIC + (
    "render-blocking-resources",
    "offscreen-images",
    "total-byte-weight",
    "largest-contentful-paint",
    "cumulative-layout-shift",
)


def pages(site: Path) -> list[str]:
    """The home, a record, the timeline, a tour stop and a story, in both languages."""
    tour = sorted(p.parent.name for p in (site / "exhibits" / "tour").glob("*/index.html"))
    story = sorted(p.parent.name for p in (site / "exhibits" / "stories").glob("*/index.html"))
    chosen = ["", "exhibits/vessels/liaocheng-ship/", "exhibits/timeline/"]
    chosen += [f"exhibits/tour/{tour[0]}/"] if tour else []
    chosen += [f"exhibits/stories/{story[0]}/"] if story else []
    return chosen + [f"en/{p}" for p in chosen]


# Without the performance category: its deterministic audits (sized images) still run, and the page
# is audited once it has been quiet for 250 ms instead of Lighthouse's 1 s windows, which exist to
# catch the metrics' tail (4.8 → 3.4 s a page; a fetch or an error right after load is still seen).
UNTIMED = {
    "onlyAudits": list(DETERMINISTIC),
    "pauseAfterFcpMs": 0,
    "pauseAfterLoadMs": 250,
    "networkQuietThresholdMs": 250,
    "cpuQuietThresholdMs": 250,
}


def lighthouse(urls: list[str], work: Path, categories: tuple[str, ...] = CATEGORIES) -> list[dict]:
    """Lighthouse (mobile preset, the default) over urls, one Chromium for all (lighthouse-pages.mjs);
    the JSON report of each, in order. Without the performance category the deterministic audits
    that belong to it (sized images) still run."""
    options = {
        "chromeFlags": ["--headless=new", "--no-sandbox", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
        "onlyCategories": list(categories),
        **({} if "performance" in categories else UNTIMED),
    }
    installed = LIGHTHOUSE.parents[3]  # build/tools/lighthouse, whose node_modules has lighthouse and chrome-launcher
    command = [
        "node",
        str(HERE / "lighthouse-pages.mjs"),
        str(installed),
        str(work),
        json.dumps(options),
        *urls,
    ]
    env = {**os.environ, "CHROME_PATH": shutil.which("chromium") or "/usr/bin/chromium"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300 * len(urls))
    reports = [work / f"{i}.json" for i in range(len(urls))]
    if result.returncode != 0 or not all(r.exists() for r in reports):
        raise RuntimeError(f"lighthouse failed: {result.stderr[-2000:]}")
    return [json.loads(r.read_text(encoding="utf-8")) for r in reports]


def summary(report: dict) -> dict:
    audits = report["audits"]
    return {
        "scores": {c: category["score"] for c, category in report["categories"].items()},
        "audits": {
            a: {"score": audits[a]["score"], "display": audits[a].get("displayValue", "")} for a in REPORTED if a in audits
        },
        "failing": sorted(
            a
            for a, v in audits.items()
            if v.get("score") is not None
            and v["score"] < 1
            and v.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")
        ),
        "console_errors": [
            item.get("description", "") for item in (audits.get("errors-in-console", {}).get("details") or {}).get("items", [])
        ],
    }


def audit(
    paths: list[str] | None = None,
    out: Path | None = None,
    site: Path | None = None,
    root: Path = ROOT,
    categories: tuple[str, ...] = CATEGORIES,
) -> dict:
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `make audit` (it installs lighthouse into build/tools/).")
    port = local_nginx.free_port()
    base = f"http://127.0.0.1:{port}"
    site = site or root / "build" / "audit-site"
    built = subprocess.run(
        [str(Path(sys.executable).parent / "exhibition"), "--root", str(root), "build", "--site-dir", str(site)],
        env={**os.environ, "SITE_URL": base + "/", "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
    )
    if built.returncode != 0:
        raise SystemExit(built.stdout + built.stderr)
    results = {}
    with tempfile.TemporaryDirectory() as work, local_nginx.serving(site, Path(work), port):
        chosen = paths or pages(site)
        print(f"lighthouse: {len(chosen)} pages of {base}/", flush=True)
        for path, report in zip(chosen, lighthouse([f"{base}/{path}" for path in chosen], Path(work), categories)):
            results[path or "/"] = summary(report)
    report = {
        "targets": TARGETS,
        "pages": results,
        "met": {
            c: all(r["scores"][c] is not None and r["scores"][c] >= t for r in results.values())
            for c, t in TARGETS.items()
            if c in categories
        },
    }
    if out:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return report


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "audit.json")
    parser.add_argument("paths", nargs="*", help="pages to audit (default: one of each visitor page type, both languages)")
    args = parser.parse_args(argv)
    report = audit(args.paths or None, args.out)
    print(f"{'page':<48} " + " ".join(f"{c[:11]:>11}" for c in CATEGORIES))
    for path, result in report["pages"].items():
        print(f"{path:<48} " + " ".join(f"{(result['scores'][c] or 0) * 100:>11.0f}" for c in CATEGORIES))
        if result["failing"]:
            print(f"{'':<48} not passing: {', '.join(result['failing'])}")
    print("targets met: " + ", ".join(f"{c} {'yes' if ok else 'NO'}" for c, ok in report["met"].items()))
    print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
