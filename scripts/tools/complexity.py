"""`make lint`'s complexity report (issue #29): radon's cyclomatic complexity of every function in
scripts/exhibition, the share of 11 or more, the largest module, and the functions over the limits.

Prints the figures always; fails (exit 1) when one passes the issue's targets (LIMITS). On 2026-12-07,
after #29's split, the package had no function at 11 or more (936 functions, highest 10) and no module
over 400 lines (the largest 395): a change may spend a little of that room, never more.
"""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_visit

PACKAGE = Path(__file__).resolve().parents[1] / "exhibition"
HIGH = 11  # "complex" from here (radon's grade C)
TARGET_SHARE, TARGET_MAX, TARGET_LINES = 0.06, 25, 400  # issue #29
LIMITS = {"share": TARGET_SHARE, "max": TARGET_MAX, "lines": TARGET_LINES}


def functions(path: Path):
    for block in cc_visit(path.read_text(encoding="utf-8")):
        yield block
        yield from getattr(block, "closures", [])
        for method in getattr(block, "methods", []):
            yield method
            yield from getattr(method, "closures", [])


def main() -> int:
    found, sizes = [], {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = path.relative_to(PACKAGE.parent).as_posix()
        sizes[name] = len(path.read_text(encoding="utf-8").splitlines())
        found += {(b.complexity, f"{name}:{b.lineno} {b.name}") for b in functions(path) if not hasattr(b, "methods")}
    ranked = sorted(found, reverse=True)
    high = [f for f in ranked if f[0] >= HIGH]
    share = len(high) / len(found)
    largest = max(sizes, key=sizes.get)
    print(
        f"complexity: {len(high)} of {len(found)} functions at {HIGH} or more ({share:.1%}; target {TARGET_SHARE:.0%}), "
        f"highest {ranked[0][0]} ({ranked[0][1]}; target {TARGET_MAX}); largest module {largest} "
        f"({sizes[largest]} lines; target {TARGET_LINES})"
    )
    for score, where in high:
        if score > TARGET_MAX:
            print(f"  over {TARGET_MAX}: {score} {where}")
    for name, lines in sorted(sizes.items(), key=lambda x: -x[1]):
        if lines > TARGET_LINES:
            print(f"  over {TARGET_LINES} lines: {name} ({lines})")
    worse = share > LIMITS["share"] or ranked[0][0] > LIMITS["max"] or sizes[largest] > LIMITS["lines"]
    if worse:
        print(f"complexity: over the limits {LIMITS}: split the function or module you changed")
    return 1 if worse else 0


if __name__ == "__main__":
    raise SystemExit(main())
