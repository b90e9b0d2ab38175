"""Curator-edited settings beside the records: the hall's zones (settings/hall.yml).

Like records, they are YAML validated with line numbers; problems use the same format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from pydantic import Field, ValidationError

from .records.load import load
from .records.model import Slug, Strict, Text
from .records.problems import Problem, dotted


class Zone(Strict):
    id: Slug
    name: Text
    description: Optional[Text] = None
    # Rectangle on the floor plan, in metres from the entrance corner.
    x: float = Field(ge=0)
    y: float = Field(ge=0)
    width: float = Field(gt=0)
    height: float = Field(gt=0)


class HallMap(Strict):
    width: float = Field(gt=0, description="Floor plan width in metres")
    height: float = Field(gt=0, description="Floor plan depth in metres")
    note: Optional[Text] = None
    zones: list[Zone] = Field(min_length=1)


@dataclass
class Settings:
    hall: Optional[HallMap] = None
    paths: dict[str, str] = field(default_factory=dict)

    @property
    def zone_ids(self) -> set[str] | None:
        return {z.id for z in self.hall.zones} if self.hall else None

    @classmethod
    def load(cls, root: Path) -> tuple["Settings", list[Problem]]:
        settings, problems = cls(), []
        path = root / "settings" / "hall.yml"
        if path.exists():
            doc, problems = load(path, path.relative_to(root).as_posix())
            if doc is not None:
                try:
                    settings.hall = HallMap.model_validate(doc.data)
                except ValidationError as exc:
                    from .records.validate import explain

                    problems += [explain(doc, HallMap, error) for error in exc.errors()]
                if settings.hall:
                    ids = [z.id for z in settings.hall.zones]
                    for index, zone_id in enumerate(ids):
                        if ids.index(zone_id) != index:
                            loc = ("zones", index, "id")
                            problems.append(Problem(doc.path, doc.line(loc), dotted(loc), f"zone \"{zone_id}\" is defined twice. Give each zone its own id"))
        return settings, problems
