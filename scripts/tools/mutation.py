"""`make mutation`: mutation testing of the guarded modules with mutmut, one module at a time.

    python scripts/tools/mutation.py [MODULE ...]     e.g. records/privacy (default: every module)

The modules, the fast tests that reach each and the target score are in tests/mutation/modules.toml;
mutants that change no behaviour are listed, each with its reason, in tests/mutation/equivalent.txt.

Each module runs in its own scratch copy of the project (build/mutation/work/<module>/), where the
package sits in src/ as mutmut expects and only that module is mutated. The report goes to
build/mutation/report.md (scores, every surviving mutant with its line and diff) and
build/mutation/scores.json. Exit status 1 when a module scores below the target.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "tests/mutation/modules.toml"
EQUIVALENT = ROOT / "tests/mutation/equivalent.txt"
OUT = ROOT / "build/mutation"
# What the fast tests read besides the package and the tests (conftest.copy_project, the real collection):
# every file and folder of the project but these, so a folder added later is copied too.
LEFT_OUT = {
    ".git",
    ".venv",
    "build",
    "site",
    "site-kiosk",
    "scripts",
    "tests",
    "mutants",
    "node_modules",
    ".pytest_cache",
    ".hypothesis",
    ".ruff_cache",
}
PROJECT = tuple(sorted(p.name for p in ROOT.iterdir() if p.name not in LEFT_OUT and not p.name.startswith(".site-")))
IGNORE = shutil.ignore_patterns("__pycache__", "*.egg-info", "media", "data")
FAST = "not (browser or build or bench or gates)"


@dataclass
class Result:
    module: str
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    survivors: list[dict] = field(default_factory=list)  # name, function, line, diff, equivalent (reason or "")

    @property
    def equivalent(self) -> int:
        return sum(1 for s in self.survivors if s["equivalent"])

    @property
    def scored(self) -> int:
        """Every mutant but the equivalent ones (one that no test reaches counts as a survivor)."""
        return sum(self.counts.values()) - self.equivalent

    @property
    def killed(self) -> int:
        return self.counts.get("killed", 0) + self.counts.get("timeout", 0)

    @property
    def score(self) -> float:
        return 100.0 * self.killed / self.scored if self.scored else 100.0


def equivalents() -> dict[tuple[str, str, str], str]:
    """(module, function, mutated line) -> reason."""
    found = {}
    for number, line in enumerate(EQUIVALENT.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        match = re.match(r"(\S+) (\S+): (.+?)\s+## (.+)$", line)
        if not match:
            sys.exit(f"{EQUIVALENT.relative_to(ROOT)}:{number}: write <module> <function>: <mutated line>  ## <why>")
        module, function, mutated, reason = match.groups()
        found[(module, function, " => ".join(" ".join(part.split()) for part in mutated.split(" => ")))] = reason
    return found


def prepare(module: str, tests: list[str]) -> Path:
    """A scratch project whose package is in src/ (mutmut puts mutants/src first on sys.path and removes
    src itself, so the tests import only the mutated copy), configured to mutate this one module."""
    work = OUT / "work" / module.replace("/", "-")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copytree(ROOT / "scripts", work / "src", ignore=IGNORE)
    shutil.copytree(ROOT / "tests", work / "tests", ignore=IGNORE)
    for name in PROJECT:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, work / name, ignore=IGNORE)
        elif source.exists():
            shutil.copy2(source, work / name)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    # mutmut reruns each test by its node id, and cannot find one whose id pytest escaped (a Chinese
    # parameter): pytest's "not found" then counts as a kill. With ids unescaped, every test is found.
    table = "[tool.pytest.ini_options]\n"
    assert table in pyproject, "pyproject.toml: [tool.pytest.ini_options] moved"
    pyproject = pyproject.replace(table, table + "disable_test_id_escaping_and_forfeit_all_rights_to_community_support = true\n")
    settings = {
        "source_paths": ["src"],
        "only_mutate": [f"src/exhibition/{module}.py"],
        "also_copy": list(PROJECT),
        "pytest_add_cli_args": ["-p", "no:cacheprovider", "-p", "no:xdist", "-m", FAST],
        "pytest_add_cli_args_test_selection": tests,
        "use_git_change_detection": False,
    }
    lines = "\n".join(f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in settings.items())
    (work / "pyproject.toml").write_text(f"{pyproject}\n[tool.mutmut]\n{lines}\n", encoding="utf-8")
    return work


def selectable(work: Path, tests: list[str], env: dict) -> None:
    """mutmut reruns each test by its node id; a test it cannot select fails with pytest's usage error,
    which mutmut counts as a kill of every mutant it should test. So collect the tests, then collect them
    again by id (as mutmut will, ids unescaped: see prepare), and refuse the run if any is not found."""

    def collect(*args: str) -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m", FAST, *args]
        return subprocess.run(command, cwd=work, env={**env, "PYTHONPATH": str(work / "src")}, capture_output=True, text=True)

    first = collect(*tests)
    ids = [line for line in first.stdout.splitlines() if "::" in line]
    if first.returncode or not ids:
        sys.exit(f"collecting {' '.join(tests)} failed:\n{first.stdout}{first.stderr}")
    again = collect(*ids)
    if again.returncode:
        lost = [line for line in (again.stdout + again.stderr).splitlines() if "not found" in line]
        sys.exit("give these tests plain ids (ids=...): mutmut cannot select them by id\n" + "\n".join(lost))


def run(module: str, tests: list[str], equivalent: dict) -> Result:
    work = prepare(module, tests)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    selectable(work, tests, env)
    mutmut = str(Path(sys.executable).parent / "mutmut")
    start = time.monotonic()
    log = OUT / f"{module.replace('/', '-')}.log"
    with log.open("w", encoding="utf-8") as out:
        code = subprocess.run(
            [mutmut, "run", "--max-children", "2"], cwd=work, env=env, stdout=out, stderr=subprocess.STDOUT
        ).returncode
    result = Result(module, time.monotonic() - start)
    if code:
        sys.exit(f"mutmut failed on {module} (exit {code}); see {log.relative_to(ROOT)}")
    # Read the results with mutmut's own functions, in the scratch project (its config is read on import).
    reader = subprocess.run(
        [sys.executable, "-c", _READER],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(reader.stdout)
    for name, status, function, line, diff in data:
        result.counts[status] = result.counts.get(status, 0) + 1
        if status in ("killed", "timeout"):
            continue
        mutated = [" ".join(d[1:].split()) for d in diff.splitlines() if d.startswith("+") and not d.startswith("+++")]
        original = [" ".join(d[1:].split()) for d in diff.splitlines() if d.startswith("-") and not d.startswith("---")]
        reason = ""
        if len(mutated) == 1:  # by the mutated line, or (when that alone is ambiguous) "original => mutated"
            reason = equivalent.get((module, function, mutated[0]), "")
            if len(original) == 1:
                reason = reason or equivalent.get((module, function, f"{original[0]} => {mutated[0]}"), "")
        result.survivors.append(
            {"name": name, "status": status, "function": function, "line": line, "diff": diff, "equivalent": reason}
        )
    return result


# Runs inside the scratch project: [name, status, function, line in the original file, diff] per mutant.
_READER = r"""
import json, difflib
from mutmut.__main__ import SourceFileMutationData, walk_mutatable_files, status_by_exit_code
from mutmut.mutation.diff_apply import get_diff_for_mutant
out = []
for path in walk_mutatable_files():
    m = SourceFileMutationData(path=path)
    m.load()
    original = path.read_text(encoding="utf-8").splitlines()
    for name, code in sorted(m.exit_code_by_key.items(), key=lambda kv: int(kv[0].rsplit("_", 1)[1])):
        status = status_by_exit_code[code]
        function = name.rsplit(".", 1)[1].rsplit("__mutmut_", 1)[0]  # x_name, or xǁClassǁname for a method
        function = function[2:].replace("ǁ", ".") if function.startswith("x_") else function[1:].replace("ǁ", ".").strip(".")
        diff = get_diff_for_mutant(name, path=path) if status not in ("killed", "timeout") else ""
        line = 0
        removed = [d[1:] for d in diff.splitlines() if d.startswith("-") and not d.startswith("---")]
        if removed:
            line = next((i for i, text in enumerate(original, 1) if text.strip() == removed[0].strip()), 0)
        out.append([name, status, function, line, diff])
print(json.dumps(out))
"""


def report(results: list[Result], target: float) -> str:
    lines = [
        "# Mutation testing (`make mutation`)",
        "",
        f"mutmut on the guarded modules, each against the fast tests that reach it (tests/mutation/modules.toml). "
        f"Score: killed (and timed out) ÷ mutants that are not listed as equivalent (tests/mutation/equivalent.txt). "
        f"Target {target:.0f} %.",
        "",
        "| module | mutants | killed | timeout | survived | no tests | equivalent | score | time |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        c = r.counts
        lines.append(
            f"| {r.module} | {sum(c.values())} | {c.get('killed', 0)} | {c.get('timeout', 0)} | {c.get('survived', 0)} | "
            f"{c.get('no tests', 0)} | {r.equivalent} | **{r.score:.1f} %** | {r.seconds / 60:.1f} min |"
        )
    for r in results:
        live = [s for s in r.survivors if not s["equivalent"]]
        lines += ["", f"## {r.module}: {len(live)} surviving mutants", ""]
        for s in live:
            lines += [
                f"### {s['name']} ({s['status']}), {s['function']}, line {s['line']}",
                "",
                "```diff",
                s["diff"].strip(),
                "```",
                "",
            ]
        if r.equivalent:
            lines += [f"Equivalent ({r.equivalent}):", ""]
            lines += [
                f"- {s['name']} ({s['function']}, line {s['line']}): {s['equivalent']}" for s in r.survivors if s["equivalent"]
            ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    config = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    modules: dict[str, list[str]] = config["modules"]
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("modules", nargs="*", help=f"default: all of {', '.join(modules)}")
    args = parser.parse_args(argv)
    chosen = [m if m in modules else f"records/{m}" for m in args.modules] or list(modules)
    unknown = [m for m in chosen if m not in modules]
    if unknown:
        parser.error(f"not in {CONFIG.relative_to(ROOT)}: {', '.join(unknown)}")
    OUT.mkdir(parents=True, exist_ok=True)
    equivalent = equivalents()
    results = []
    for module in chosen:  # one at a time: each run already uses both cores
        print(f"mutation: {module} …", flush=True)
        results.append(run(module, modules[module], equivalent))
        r = results[-1]
        print(f"mutation: {module}: {r.score:.1f} % of {r.scored} ({r.seconds / 60:.1f} min)", flush=True)
        (OUT / f"{module.replace('/', '-')}.json").write_text(
            json.dumps(asdict(r), ensure_ascii=False, indent=1), encoding="utf-8"
        )
    # The report holds the latest run of every module, so modules run one at a time add up to one report.
    saved = [OUT / f"{m.replace('/', '-')}.json" for m in modules]
    latest = [Result(**json.loads(p.read_text(encoding="utf-8"))) for p in saved if p.exists()]
    target = float(config["target"])
    (OUT / "report.md").write_text(report(latest, target), encoding="utf-8")
    scores = {
        r.module: {"score": round(r.score, 1), "counts": r.counts, "equivalent": r.equivalent, "seconds": round(r.seconds)}
        for r in latest
    }
    (OUT / "scores.json").write_text(json.dumps(scores, indent=2), encoding="utf-8")
    print(f"mutation: report in {(OUT / 'report.md').relative_to(ROOT)}")
    low = [r for r in results if r.score < target]
    for r in low:
        print(f"mutation: {r.module} scores {r.score:.1f} %, below the target of {target:.0f} %", file=sys.stderr)
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
