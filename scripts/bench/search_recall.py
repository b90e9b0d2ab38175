"""Recall of the site's search on the query set (tests/search_queries.yml): part of `make bench`.

    .venv/bin/python scripts/bench/search_recall.py [SITE_DIR]     (default: site/, built if missing)

Each query runs through Material's search worker with ours around it, in Node (search.js beside this
file: the very scripts the browser runs, on the built index). Prints recall@1 and recall@3, the misses,
and the search index's size; writes build/search-recall.json.
"""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
QUERIES = ROOT / "tests" / "search_queries.yml"
RUNNER = HERE / "search.js"


def load_queries(path: Path = QUERIES) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def run(site: Path, queries: list[dict]) -> list[list[str]]:
    """The pages each query finds, best first (the order of Material's result list)."""
    node = shutil.which("node")
    if not node:
        raise SystemExit("search_recall: Node.js (Debian's nodejs) is needed to run the search worker")
    found: list[list[str]] = [[] for _ in queries]
    for lang in sorted({q["lang"] for q in queries}):
        mine = [i for i, q in enumerate(queries) if q["lang"] == lang]
        result = subprocess.run(
            [node, str(RUNNER), str(site), lang],
            input=json.dumps([queries[i]["query"] for i in mine]),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise SystemExit(f"search_recall: the search worker failed on the {lang} index:\n{result.stderr}")
        for i, pages in zip(mine, json.loads(result.stdout)):
            found[i] = pages
    return found


def recall(queries: list[dict], found: list[list[str]]) -> dict:
    def rank(q, pages):
        return pages.index(q["page"]) + 1 if q["page"] in pages else None

    ranks = [rank(q, pages) for q, pages in zip(queries, found)]
    n = len(queries)
    misses = [
        {**q, "rank": r, "top": pages[:3]}
        for q, pages, r in zip(queries, found, ranks)
        if r is None or r > 3 or (q.get("first") and r != 1)
    ]
    return {
        "queries": n,
        "recall_at_1": round(sum(r == 1 for r in ranks) / n, 4),
        "recall_at_3": round(sum(r is not None and r <= 3 for r in ranks) / n, 4),
        "misses": misses,
    }


def index_size(site: Path) -> dict:
    out = {}
    for lang, path in (("zh", site / "search/search_index.json"), ("en", site / "en/search/search_index.json")):
        data = path.read_bytes()
        out[f"search_index_{lang}_kb"] = round(len(data) / 1024, 1)
        out[f"search_index_{lang}_kb_gz"] = round(len(gzip.compress(data, 6, mtime=0)) / 1024, 1)
    return out


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else ROOT / "site"
    if not (site / "search/search_index.json").exists():
        subprocess.run([str(Path(sys.executable).parent / "exhibition"), "build"], cwd=ROOT, check=True)
    queries = load_queries()
    report = {**recall(queries, run(site, queries)), **index_size(site)}
    print(f"search: {report['queries']} queries, recall@1 {report['recall_at_1']:.1%}, recall@3 {report['recall_at_3']:.1%}")
    print(f"search index: zh {report['search_index_zh_kb_gz']} KB gzip, en {report['search_index_en_kb_gz']} KB gzip")
    for miss in report["misses"]:
        print(f"  miss: {miss['query']!r} ({miss['lang']}) wants {miss['page']}: rank {miss['rank']}, top {miss['top']}")
    out = ROOT / "build" / "search-recall.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
