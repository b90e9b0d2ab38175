"""Validate every record in exhibits/ and report every problem at once.

Step 1 of the flow: exhibits/*.yml -> typed records (or a list of problems). This module reads each file
(with a cache for the preview) and calls the checks, one module per concern:

- structure.py: the record's model (records/model/) said as `path:line: field: message`;
- texts.py: Markdown only, safe links, the content checks (quotes, glossary, names, citations);
- images.py: the pictures named exist, are pictures, and are not too large;
- links.py: a field naming another record names a published record of the right kind;
- together.py: what only the whole collection tells (ids twice, zones, tags, links).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from ...paths import Paths, stamp
from .. import audio, model
from ..load import Document, load
from ..problems import Problem
from ..publishers import named
from .images import EXTENSIONS, IMAGE_FORMATS, MAX_PIXELS, SOFT_BELOW, check_images, check_sections, inspect_image, register_heif
from .links import Target, check_references, suggest
from .structure import HINTS, explain, explain_all
from .texts import check_texts, text_problems, unsafe_link
from .together import check_together

__all__ = [
    "EXTENSIONS",
    "IMAGE_FORMATS",
    "MAX_PIXELS",
    "SOFT_BELOW",
    "Collection",
    "Target",
    "explain",
    "explain_all",
    "inspect_image",
    "register_heif",
    "suggest",
    "text_problems",
    "unsafe_link",
    "validate",
]


@dataclass
class Collection:
    records: list[model.Record] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)  # record id -> its file, for line numbers
    drafts: list[str] = field(default_factory=list)  # files of drafts left out of the site
    # Allowed for now but listed by `make report` (quotes, glossary); errors in strict mode.
    advisories: list[Problem] = field(default_factory=list)
    # Pictures accepted with a word for the curator (soft, misnamed): told by check and build, never an error.
    notes: list[Problem] = field(default_factory=list)
    # The 英名录 lists (records/roll.py), read beside the records, and the names they ask to confirm.
    rolls: list = field(default_factory=list)
    roll_warnings: list[Problem] = field(default_factory=list)
    # With a cache (the preview): ids of the records whose file was read again this time.
    reread: set[str] | None = None
    # Ids other files may name: every record to be published, with or without mistakes (one typo, one message).
    referable: set[str] = field(default_factory=set)
    # The publishers every record file's sources name (records.publishers.keys), drafts and files with
    # mistakes too: the glossary's `publishers` may name them (settings.publisher_problems).
    publishers: set[str] = field(default_factory=set)

    @property
    def by_id(self) -> dict[str, model.Record]:
        return {r.id: r for r in self.records}

    def of_kind(self, kind: str) -> list[model.Record]:
        return sorted((r for r in self.records if r.kind == kind), key=sort_key)


def sort_key(record: model.Record):
    return (record.title.zh,)


@dataclass
class _Checked:
    """One file's own checks, kept between the preview's checks while the file and its pictures are unchanged."""

    key: tuple
    pictures: tuple
    doc: Document | None
    record: model.Record | None
    problems: list[Problem]
    notes: list[Problem] = field(default_factory=list)  # accepted pictures worth a word (a small one)
    quotes: list[Problem] | None = None
    fresh: bool = False  # read in this check (not taken from the cache)


def _pictures_stamp(doc: Document | None, images: Path) -> tuple:
    """The record's pictures and recordings as they are on disk: a changed file is checked again."""
    stamps = []
    for key, folder in (("images", images), ("audio", images.parent / audio.FOLDER)):
        listed = doc.data.get(key) if doc is not None else None
        files = [item.get("file") for item in listed if isinstance(item, dict)] if isinstance(listed, list) else []
        stamps += [stamp(folder / f) for f in files if isinstance(f, str) and f]
    return tuple(stamps)


def _check_file(path: Path, shown: str, relative: Path, images: Path, strict: bool, cache: dict | None) -> _Checked:
    key = (stamp(path), strict)
    entry = cache.get(shown) if cache is not None else None
    if entry is not None and entry.key == key and entry.pictures == _pictures_stamp(entry.doc, images):
        entry.fresh = False
        return entry
    doc, problems = load(path, shown)
    record = None
    notes: list[Problem] = []
    if doc is not None:
        record, found = _check_one(doc, relative)
        problems += found + check_texts(doc, record, strict) + check_images(doc, images, notes) + check_sections(doc)
        problems += audio.check(doc, images.parent / audio.FOLDER)
    entry = _Checked(key, _pictures_stamp(doc, images), doc, record, problems, notes, fresh=True)
    if cache is not None:
        cache[shown] = entry
    return entry


def validate(
    root: Path,
    *,
    strict: bool = False,
    drafts: bool = False,
    zones: set[str] | None = None,
    tags: set[str] | None = None,
    glossary=None,
    cache: dict | None = None,
    names: tuple[set[str], set[str]] | None = None,
) -> Collection:
    """Load every record under root/exhibits, checking each alone and then together.

    A record with a mistake is still checked in full (texts, pictures, references), so the
    curator gets every problem at once; and records naming it are not told it is missing.
    cache: a dict the caller keeps between calls (the preview): a file whose bytes and pictures
    did not change is not read and checked again; the checks between records always run.
    names: (historical figures, words that are no names) from settings/historical-figures.yml:
    the names check (records/names.py) runs when given."""
    reading = _Reading(root, strict=strict, drafts=drafts, cache=cache)
    for path in _record_files(reading.exhibits):
        reading.take(path)
    result, docs = reading.result, reading.docs
    result.problems += check_together(docs, zones, tags)
    for doc, cls in [(doc, type(record)) for doc, record in docs] + reading.failed:
        result.problems += check_references(doc, cls, reading.targets)
    result.referable = {t.id for t in reading.targets.values() if t.published}
    result.records = [record for _, record in docs]
    result.documents = {record.id: doc for doc, record in docs}
    for doc, record in docs:
        _check_truth(result, doc, record, root, strict=strict, glossary=glossary, cache=cache)
    if names is not None:
        _check_names(result, docs, reading.unpublished, names, reading.person_names)
    return result


def _record_files(exhibits: Path) -> list[Path]:
    """Every record file under exhibits/, in sorted order; not the roll's headers (records/roll.py reads them)."""
    return [
        path
        for path in sorted(exhibits.rglob("*"))
        if path.suffix in (".yml", ".yaml") and path.is_file() and path.relative_to(exhibits).parts[0] != "roll"
    ]


@dataclass
class _Reading:
    """One pass over the record files: each checked alone (or taken from the cache), then sorted into
    published records, drafts, records with mistakes, and the ids other records may name."""

    root: Path
    strict: bool
    drafts: bool
    cache: dict | None
    result: Collection = field(init=False)
    docs: list[tuple[Document, model.Record]] = field(default_factory=list)
    failed: list[tuple[Document, type[model.Record]]] = field(default_factory=list)  # to be published, with mistakes
    targets: dict[str, Target] = field(default_factory=dict)
    unpublished: list[tuple[Document, model.Record]] = field(default_factory=list)  # drafts: the names check reads them
    person_names: set[str] = field(default_factory=set)  # of every person file: a typo there is not a stranger's name

    def __post_init__(self):
        self.result = Collection(reread=set() if self.cache is not None else None)
        self.exhibits, self.images = Paths(self.root).exhibits, Paths(self.root).images

    def take(self, path: Path) -> None:
        shown = path.relative_to(self.root).as_posix()
        checked = _check_file(path, shown, path.relative_to(self.exhibits), self.images, self.strict, self.cache)
        doc = checked.doc
        self._tell(checked)
        if doc is None or path.relative_to(self.exhibits).parts[0] == model.Person.FOLDER:
            self.person_names |= _person_names(doc, path)
        if doc is None:
            self._unreadable(path, shown)
            return
        self.result.publishers |= named(doc.data)
        kind = doc.data.get("kind")
        cls = model.KINDS.get(kind) if isinstance(kind, str) else None
        if cls is not None:
            self._sort(doc, checked.record, cls, kind)

    def _tell(self, checked: _Checked) -> None:
        """The file's own problems and notes (a draft's notes only when drafts are built), and whether it was read again."""
        doc, result = checked.doc, self.result
        result.problems += checked.problems
        if self.drafts or (doc is not None and _status(doc.data) != "draft"):
            result.notes += checked.notes
        if checked.fresh and result.reread is not None and doc is not None and isinstance(doc.data.get("id"), str):
            result.reread.add(doc.data["id"])

    def _unreadable(self, path: Path, shown: str) -> None:
        """Not readable as YAML (a full-width colon, say): its own message is enough, so the records naming
        it are not told it is missing, if its id and kind can be read off."""
        unread = _id_and_kind(path)
        if unread and unread[0] not in self.targets:
            self.targets[unread[0]] = Target(unread[0], unread[1], shown, "", True)

    def _sort(self, doc: Document, record: model.Record | None, cls: type[model.Record], kind: str) -> None:
        draft = _status(doc.data) == "draft"
        if draft and not self.drafts:
            self.result.drafts.append(doc.path)
        published = not draft or self.drafts
        self._target(doc, kind, published)
        if not published:
            self._draft(doc, record)
        elif record is None:
            self.failed.append((doc, cls))
        else:
            self._needs_sources(doc, record)
            self.docs.append((doc, record))

    def _target(self, doc: Document, kind: str, published: bool) -> None:
        """The record's id, which other records may name (the first file with it)."""
        record_id = doc.data.get("id")
        if isinstance(record_id, str) and re.fullmatch(model.SLUG, record_id) and record_id not in self.targets:
            self.targets[record_id] = Target(record_id, kind, doc.path, _title_en(doc.data), published)

    def _draft(self, doc: Document, record: model.Record | None) -> None:
        """A draft's texts are read too: what it still lacks, as notes."""
        from .. import citations

        if record is not None:
            wrong, missing = citations.paragraph_problems(doc, record)
            self.result.advisories += wrong + missing + citations.copy_problems(doc, record, self.root)
            self.unpublished.append((doc, record))

    def _needs_sources(self, doc: Document, record: model.Record) -> None:
        if not record.sources:
            self.result.problems.append(
                Problem(
                    doc.path,
                    doc.line(("sources",)) if "sources" in doc.data else 1,
                    "sources",
                    "a published record needs at least one source. Add the source of its facts (title, publisher, url, date), or set review.status: draft",
                )
            )


def _check_truth(
    result: Collection, doc: Document, record: model.Record, root: Path, *, strict: bool, glossary, cache: dict | None
) -> None:
    """Quotes and approved English: allowed while the collection catches up, errors in strict mode."""
    from .. import citations, content

    entry = cache.get(doc.path) if cache is not None else None
    if entry is None or entry.quotes is None:
        quotes = content.quote_problems(doc, record)
        if entry is not None:
            entry.quotes = quotes
    else:
        quotes = entry.quotes
    terms = content.glossary_problems(doc, record, glossary) if glossary else []
    # Issue #24: the paragraphs' markers name the record's sources; their numbers and dates,
    # like the figures' and dates', are in the quotes; the quotes are in the copies we hold.
    # A verified record must not publish a number its sources do not give: errors; drafts: notes.
    wrong, missing = citations.paragraph_problems(doc, record)
    result.problems += wrong
    findings = quotes + missing + citations.copy_problems(doc, record, root)
    if record.review.status == "verified":
        result.problems += findings
    else:
        result.advisories += findings
    (result.problems if strict else result.advisories).extend(terms)


def _check_names(result: Collection, docs, unpublished, names: tuple[set[str], set[str]], person_names: set[str]) -> None:
    """Names in the texts and quotes: a published record naming someone without consent is refused."""
    from .. import names as people

    everyone = [r for _, r in docs + unpublished]
    known = names[0] | person_names | {r.name.zh for r in everyone if isinstance(r, model.Person)}
    people.teach(known)
    for doc, record in docs:
        result.problems += people.name_problems(doc, record, known, names[1])
    for doc, record in unpublished:
        result.advisories += people.name_problems(doc, record, known, names[1])


_SHORT_ZH = re.compile(r"^\s*zh:\s*['\"]?([\u3400-\u9fff]{2,4})['\"]?\s*$", re.M)


def _person_names(doc: Document | None, path: Path) -> set[str]:
    """The name (and title) of a person file, also when the file has mistakes or is not valid YAML."""
    if doc is not None:
        found = set()
        for key in ("name", "title"):
            value = doc.data.get(key)
            if isinstance(value, dict) and isinstance(value.get("zh"), str):
                found.add(value["zh"].strip())
        return found
    if path.relative_to(path.parents[1]).parts[0] != model.Person.FOLDER:
        return set()
    try:
        return set(_SHORT_ZH.findall(path.read_bytes()[:MAX_SCAN].decode("utf-8", errors="replace")))
    except OSError:
        return set()


_LINE = {name: re.compile(rf"^{name}:[ \t]*['\"]?([a-z0-9-]+)['\"]?[ \t]*(?:#.*)?$", re.M) for name in ("id", "kind")}


def _id_and_kind(path: Path) -> tuple[str, str] | None:
    try:
        text = path.read_bytes()[:MAX_SCAN].decode("utf-8", errors="replace")
    except OSError:
        return None
    found = {name: pattern.search(text) for name, pattern in _LINE.items()}
    if not all(found.values()) or found["kind"].group(1) not in model.KINDS or not re.fullmatch(model.SLUG, found["id"].group(1)):
        return None
    return found["id"].group(1), found["kind"].group(1)


MAX_SCAN = 64 * 1024  # id: and kind: lead a record


def _status(data: dict):
    review = data.get("review")
    return review.get("status") if isinstance(review, dict) else None


def _title_en(data: dict) -> str:
    title = data.get("title")
    return str(title.get("en") or "") if isinstance(title, dict) else ""


def _check_one(doc: Document, relative: Path) -> tuple[model.Record | None, list[Problem]]:
    kind = doc.data.get("kind")
    if kind is None:
        return None, [Problem(doc.path, 1, "kind", f"required. {HINTS['kind']}")]
    cls = model.KINDS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        close = difflib.get_close_matches(str(kind), model.KINDS, n=1)
        hint = f"Did you mean `{close[0]}`?" if close else f"Use one of: {', '.join(model.KINDS)}."
        return None, [Problem(doc.path, doc.line(("kind",)), "kind", f"unknown kind `{kind}`. {hint}")]
    problems = []
    folder = relative.parts[0] if len(relative.parts) > 1 else ""
    if folder != cls.FOLDER:
        problems.append(
            Problem(
                doc.path, doc.line(("kind",)), "kind", f"a {kind} record belongs in exhibits/{cls.FOLDER}/. Move the file there"
            )
        )
    try:
        record = cls.model_validate(doc.data)
    except ValidationError as exc:
        return None, problems + explain_all(doc, cls, exc)
    return record, problems
