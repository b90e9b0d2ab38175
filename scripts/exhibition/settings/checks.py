"""What a settings file's model alone cannot say: ids defined twice, a tour stop that is no zone, eras out
of order, a glossary entry listed twice, a font that is not a file. CHECKS: {file name: its check}.

Layer: settings.
"""

from __future__ import annotations

from pathlib import Path

from ..records import audio
from ..records.citations import found
from ..records.load import Document
from ..records.markers import marker_ids
from ..records.problems import Problem, dotted
from ..records.textnumbers import stated
from .models import Era, Eras, Glossary, HallMap, RollSettings, Tags, Zone


def hall(doc: Document, hall: HallMap, root: Path) -> list[Problem]:
    problems: list[Problem] = []
    _unique(doc, [z.id for z in hall.zones], "zones", "zone", problems)
    _unique(doc, list(hall.tour), "tour", "tour stop", problems)
    for index, zone in enumerate(hall.zones):
        problems += audio.check(doc, root / audio.FOLDER, at=("zones", index))
        problems += _check_wall(doc, index, zone)
    zone_ids = {z.id for z in hall.zones}
    for index, stop in enumerate(hall.tour):
        if stop not in zone_ids:
            loc = ("tour", index)
            problems.append(
                Problem(
                    doc.path,
                    doc.line(loc),
                    dotted(loc),
                    f"no zone \"{stop}\" in `zones`. Use one of: {', '.join(sorted(zone_ids))}",
                )
            )
    return problems


def eras(doc: Document, eras: Eras, root: Path) -> list[Problem]:
    problems: list[Problem] = []
    _unique(doc, [e.id for e in eras.eras], "eras", "era", problems)
    return problems + _check_eras(doc, eras.eras)


def tags(doc: Document, tags: Tags, root: Path) -> list[Problem]:
    problems: list[Problem] = []
    _unique(doc, [t.id for t in tags.tags], "tags", "tag", problems)
    return problems


def glossary(doc: Document, glossary: Glossary, root: Path) -> list[Problem]:
    return _check_glossary(doc, glossary) + _publishers_twice(doc, glossary)


def publishers_cited(doc: Document, glossary: Glossary, cited: set[str]) -> list[Problem]:
    """Each entry of `publishers` names a publisher some source cites (cited: the names a source's
    publisher may use, records.publishers.keys); checked once the records are read."""
    problems = []
    for index, entry in enumerate(glossary.publishers):
        if entry.zh not in cited:
            loc = ("publishers", index, "zh")
            problems.append(
                Problem(
                    doc.path,
                    doc.line(loc),
                    dotted(loc),
                    f'no source names the publisher "{entry.zh}". Write it as the source lists show it '
                    "(without hosts or notes: 新华社, not 新华社（转载于 …）), or remove the entry",
                )
            )
    return problems


def _publishers_twice(doc: Document, glossary: Glossary) -> list[Problem]:
    """A publisher listed twice: the second entry would never be read."""
    return list(_listed_twice(doc, "publishers", [entry.zh for entry in glossary.publishers], "the publisher ").values())


def _listed_twice(doc: Document, key: str, names: list[str], said: str = "") -> dict[int, Problem]:
    """{index: problem} of each item of the list `key` whose name an earlier item has already."""
    problems, first = {}, {}
    for index, name in enumerate(names):
        loc = (key, index, "zh")
        if name in first:
            problems[index] = Problem(
                doc.path, doc.line(loc), dotted(loc), f"{said}{name} is already listed on line {first[name]}. Keep one entry"
            )
        first.setdefault(name, doc.line(loc))
    return problems


def roll(doc: Document, roll: RollSettings, root: Path) -> list[Problem]:
    font = Path(roll.font)
    if roll.font and not (font if font.is_absolute() else root / font).is_file():
        return [
            Problem(
                doc.path,
                doc.line(("font",)),
                "font",
                f'"{roll.font}" is not a file. Give the path of a .otf, .ttf or .ttc font from the project '
                "folder (or an absolute path), or leave it empty to use the system's Noto CJK font",
            )
        ]
    return []


CHECKS = {"hall": hall, "eras": eras, "tags": tags, "glossary": glossary, "roll": roll}


def _check_wall(doc: Document, index: int, zone: Zone) -> list[Problem]:
    """A zone's wall text is sourced as a record's paragraph is: its markers name the zone's sources, and
    the numbers and dates it states are in their quotes."""
    if not zone.wall:
        return []
    problems = []
    by_id = {s.id: s for s in zone.sources}
    for lang in ("zh", "en"):
        text = zone.wall.cited(lang) if lang == "zh" or zone.wall.en else ""
        if text:
            loc = ("zones", index, "wall", lang)
            problems += _wall_markers(doc, loc, text, by_id) + _wall_unquoted(doc, loc, text, by_id)
    return problems


def _wall_markers(doc: Document, loc: tuple, text: str, by_id: dict) -> list[Problem]:
    """The wall text's markers: at least one, each naming a source of the zone."""
    ids = marker_ids(text)
    line, field = doc.line(loc), dotted(loc)
    if not ids:
        return [
            Problem(
                doc.path,
                line,
                field,
                "the wall text names no source. End it with markers [@source-id] naming entries of the zone's `sources`",
            )
        ]
    known = ", ".join(by_id) or "(none yet)"
    return [
        Problem(
            doc.path,
            line,
            field,
            f"the marker [@{name}] names no source of this zone. Use an id under `sources:` ({known})",
        )
        for name in ids
        if name not in by_id
    ]


def _wall_unquoted(doc: Document, loc: tuple, text: str, by_id: dict) -> list[Problem]:
    """Each number or date the wall text states that the quotes of its cited sources lack, once."""
    ids = marker_ids(text)
    cited = [by_id[i] for i in ids if i in by_id]
    problems = []
    said: set[str] = set()
    for item in stated(text):
        if item.shown in said or (cited and found(item, cited, bool(ids))):
            continue
        said.add(item.shown)
        problems.append(
            Problem(
                doc.path,
                doc.line(loc),
                dotted(loc),
                f'"{item.shown}" is not in the quotes of the sources the wall text cites '
                f"({', '.join(ids) or 'none'}). Add the passage to a quote or correct the text",
            )
        )
    return problems


def _unique(doc: Document, ids: list[str], key: str, what: str, problems: list[Problem]) -> None:
    for index, item in enumerate(ids):
        if ids.index(item) != index:
            loc = (key, index, "id")
            problems.append(
                Problem(doc.path, doc.line(loc), dotted(loc), f'{what} "{item}" is defined twice. Give each {what} its own id')
            )


def _check_eras(doc: Document, eras: list[Era]) -> list[Problem]:
    """Eras run in order, each starting where the one before ended (no overlap)."""
    problems = []
    for index, era in enumerate(eras):
        if era.start and era.end and era.end <= era.start:
            loc = ("eras", index, "end")
            problems.append(
                Problem(
                    doc.path,
                    doc.line(loc),
                    dotted(loc),
                    f"{era.end.iso} is not after the era's start {era.start.iso}. Swap them or fix the year",
                )
            )
        if index > 0:
            problems += _era_follows(doc, index, era, eras[index - 1])
    return problems


def _era_follows(doc: Document, index: int, era: Era, before: Era) -> list[Problem]:
    """An era after the first: it has a start, after the previous era's start, and where that era ends."""
    loc = ("eras", index, "start")
    if era.start is None:
        return [
            Problem(
                doc.path,
                doc.line(("eras", index)),
                dotted(loc),
                "only the first era may leave `start` empty. Give the year this era begins",
            )
        ]
    if before.start and era.start <= before.start:
        return [
            Problem(
                doc.path,
                doc.line(loc),
                dotted(loc),
                f"{era.start.iso} is not after the previous era's start ({before.start.iso}). List eras from oldest to newest",
            )
        ]
    if before.end is None:
        return [
            Problem(
                doc.path,
                doc.line(("eras", index - 1)),
                dotted(("eras", index - 1, "end")),
                "only the last era may leave `end` empty. Give the year the next era begins",
            )
        ]
    if era.start < before.end:
        return [
            Problem(
                doc.path,
                doc.line(loc),
                dotted(loc),
                f"{era.start.iso} is before the previous era ends ({before.end.iso}): eras overlap. Start this era at {before.end.iso}",
            )
        ]
    return []


def _check_glossary(doc: Document, glossary: Glossary) -> list[Problem]:
    """A term listed twice, or a 'wrong' variant that the approved English itself contains."""
    from ..records.content import variant_pattern

    problems = []
    twice = _listed_twice(doc, "terms", [term.zh for term in glossary.terms])
    for index, term in enumerate(glossary.terms):
        if index in twice:
            problems.append(twice[index])
        for j, variant in enumerate(term.wrong):
            if variant_pattern(variant).search(term.en):
                loc = ("terms", index, "wrong", j)
                problems.append(
                    Problem(
                        doc.path,
                        doc.line(loc),
                        dotted(loc),
                        f'"{variant}" is part of the approved "{term.en}": '
                        "every correct text would be flagged. Remove it from wrong",
                    )
                )
    return problems
