"""Dates that keep their precision: "2019" is a year, never 2019-01-01."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema


def pattern() -> str:
    """YYYY, YYYY-MM or YYYY-MM-DD (also the JSON Schema's pattern). A function, not a module constant, so
    mutation testing (`make mutation`) changes it too."""
    return r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$"


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int
    month: int = 0  # 0: not known (year precision)
    day: int = 0  # 0: not known (month precision)

    # Properties made with property() rather than the decorator: mutmut leaves decorated functions alone.
    def _precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def _iso(self) -> str:
        """The value for <time datetime>, as precise as the fact and no more."""
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    precision = property(_precision)
    iso = property(_iso)

    def show(self, lang: str) -> str:
        if lang == "zh":
            text = f"{self.year}年"
            if self.month:
                text += f"{self.month}月"
            if self.day:
                text += f"{self.day}日"
            return text
        if self.day:
            return f"{self.day} {calendar.month_name[self.month]} {self.year}"
        if self.month:
            return f"{calendar.month_name[self.month]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.iso

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        if isinstance(value, PartialDate):
            return value
        return cls(*_checked(value, _matched(value)))


def _matched(value: Any) -> re.Match:
    """The value as YYYY, YYYY-MM or YYYY-MM-DD; the curator's message when it is written otherwise."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError('must be a date written as text: YYYY, YYYY-MM or YYYY-MM-DD, e.g. "2019-03-15"')
    match = re.match(pattern(), str(value).strip())
    if not match:
        raise ValueError(
            f'"{value}" is not a date. Write YYYY, YYYY-MM or YYYY-MM-DD '
            "(e.g. 2019, 2019-12 or 2019-03-15), as precise as the source and no more"
        )
    return match


def _checked(value: Any, match: re.Match) -> tuple[int, int, int]:
    """The year, month and day (0 where not given), each one that exists: no year 0, no month 13, no 2019-02-30."""
    year, month, day = (int(g) if g else 0 for g in match.groups())
    if year < 1:
        raise ValueError(f'"{value}": there is no year 0. Check the source')
    if match.group(2) and not 1 <= month <= 12:
        raise ValueError(f'"{value}": month {month} does not exist. Use 01 to 12')
    if match.group(3):
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise ValueError(f'"{value}": {year}-{month:02d} has no day {day} (it has {last} days). ' "Check the source")
    return year, month, day


def _serialise(date: PartialDate) -> str:
    return date.iso


Date = Annotated[
    PartialDate,
    BeforeValidator(PartialDate.parse),
    PlainSerializer(_serialise, return_type=str),
    WithJsonSchema(
        {
            "type": ["string", "integer"],
            "pattern": pattern(),
            "description": "YYYY, YYYY-MM or YYYY-MM-DD: only as precise as the source.",
            "examples": ["2019", "2019-12", "2019-03-15"],
        }
    ),
]
