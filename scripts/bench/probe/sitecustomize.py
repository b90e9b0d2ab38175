"""Timing probe for the benchmark; loaded only in the builds `make bench` starts.

The benchmark puts this folder first on PYTHONPATH and names a file in
EXHIBITION_BENCH_PROBE. Every Python process of the build then times our own
code (the exhibition plugin's events, validation, image derivatives, page
writing, the CLI's site swap) and appends one JSON line to that file when it
exits. Nothing in the project is changed: the functions are wrapped in memory.
"""

import os

if os.environ.get("EXHIBITION_BENCH_PROBE"):
    import atexit
    import functools
    import json
    import resource
    import sys
    import time

    def _cpu() -> float:
        """CPU seconds of this process and of its waited-for children (the image workers)."""
        me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime

    _START = time.perf_counter()
    _SPANS: dict = {}
    _CPU: dict = {}
    _COUNTS: dict = {}
    _DEPTH: dict = {}

    def _add(name: str, key: str, value: int) -> None:
        _COUNTS[f"{name}.{key}"] = _COUNTS.get(f"{name}.{key}", 0) + value

    def _timed(name, fn):
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            # Only the outermost call counts when a function calls itself through others.
            _DEPTH[name] = _DEPTH.get(name, 0) + 1
            outermost = not any(_DEPTH.get(other) for other in _DEPTH if other != name) and _DEPTH[name] == 1
            start, cpu = time.perf_counter(), _cpu()
            try:
                result = fn(*args, **kwargs)
            finally:
                _DEPTH[name] -= 1
                if _DEPTH[name] == 0:
                    spent, spent_cpu = time.perf_counter() - start, _cpu() - cpu
                    _SPANS[name] = _SPANS.get(name, 0.0) + spent
                    _CPU[name] = _CPU.get(name, 0.0) + spent_cpu
                    _add(name, "calls", 1)
                    if outermost:  # our code in total, each nested span counted once
                        _SPANS["ours"] = _SPANS.get("ours", 0.0) + spent
                        _CPU["ours"] = _CPU.get("ours", 0.0) + spent_cpu
            stats = result[2] if isinstance(result, tuple) and len(result) == 3 and isinstance(result[2], dict) else result
            if isinstance(stats, dict):
                for key, value in stats.items():
                    if isinstance(value, int) and not isinstance(value, bool):
                        _add(name, key, value)
            return result

        wrapper.__bench_original__ = fn
        return wrapper

    def _patch() -> None:
        import importlib

        targets = {
            ("exhibition.records.validate", "validate"): "validate",
            ("exhibition.images.derivatives", "derive_all"): "images",
            ("exhibition.images.derivatives", "content_key"): "hash",
            ("exhibition.pages.write", "write_pages"): "pages",
            ("exhibition.build", "_swap"): "swap",
            ("exhibition.printing.aids", "prepare"): "printing",  # PDFs and QR labels, where that feature exists
        }
        originals = {}
        for (module_name, attr), span in targets.items():
            try:
                module = importlib.import_module(module_name)
            except Exception:  # the probe never breaks a build
                continue
            fn = getattr(module, attr, None)
            if fn is not None:
                originals[id(fn)] = _timed(span, fn)
        # Replace every reference (`from .x import f` copies the name into other modules).
        for name, module in list(sys.modules.items()):
            if not name.startswith("exhibition") or module is None:
                continue
            for attr, value in list(vars(module).items()):
                if id(value) in originals and callable(value):
                    setattr(module, attr, originals[id(value)])
        try:
            from exhibition.plugin import ExhibitionPlugin

            for event, span in (("on_config", "on_config"), ("on_post_build", "on_post_build")):
                method = getattr(ExhibitionPlugin, event, None)
                if method is not None:
                    setattr(ExhibitionPlugin, event, _timed(span, method))
        except Exception:
            pass

    def _write() -> None:
        if os.getpid() != _PID:
            return  # a forked image worker: its parent reports
        line = {
            "pid": os.getpid(),
            "argv": sys.argv[:3],
            "process_s": time.perf_counter() - _START,
            "spans": _SPANS,
            "cpu": _CPU,
            "counts": _COUNTS,
            "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
        with open(os.environ["EXHIBITION_BENCH_PROBE"], "a", encoding="utf-8") as handle:
            handle.write(json.dumps(line) + "\n")

    _PID = os.getpid()
    try:
        _patch()
    except Exception:
        pass
    atexit.register(_write)
