"""Write JSON Schemas from the record models, for editors (VS Code's YAML extension).

`make schema` writes schema/<kind>.schema.json; a test checks they are current.

Layer: a command. It reads both the record models and the settings models, so it
lives above both (it was records/schema.py, an import that pointed up).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .records.model import KINDS
from .records.roll import Header as RollHeader
from .settings import FILES


def schemas() -> dict[str, dict]:
    out = {}
    settings = {spec.schema: spec.model for spec in FILES.values()}  # settings/<name>.yml, declared once
    headers = {"roll": RollHeader}  # exhibits/roll/<list>.yaml, the header beside a list of names
    for kind, cls in {**KINDS, **settings, **headers}.items():
        schema = cls.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        what = "settings" if kind in settings else "list header" if kind in headers else "record"
        schema["title"] = f"聊城市双拥展览馆 · {kind} {what}"
        out[f"{kind}.schema.json"] = schema
    return out


def render(schema: dict) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main(argv: list[str]) -> int:
    target = Path(argv[1] if len(argv) > 1 else "schema")
    target.mkdir(parents=True, exist_ok=True)
    for name, schema in schemas().items():
        (target / name).write_text(render(schema), encoding="utf-8")
    print(f"wrote {len(schemas())} schemas to {target}/")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
