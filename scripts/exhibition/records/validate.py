"""Validate every record in exhibits/ and report every problem at once.

Step 1 of the flow: exhibits/*.yml -> typed records (or a list of problems).
"""

from __future__ import annotations

import difflib
import functools
import html
import re
import typing
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image as PILImage
from pydantic import BaseModel, ValidationError

from ..paths import Paths, stamp
from . import audio, model, privacy
from .load import Document, load
from .problems import Problem, dotted

# MPO: the JPEG many phones and cameras write (a second, smaller picture inside); HEIF: iPhone photos.
IMAGE_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF", "TIFF", "HEIF"}
MAX_PIXELS = 80_000_000  # a 10,000 x 8,000 photo; larger is a mistake or a decompression bomb
# A picture whose longer side is below this looks soft where it is shown large (the lead figure is
# up to ~600 CSS px wide, 1,200 device pixels on a phone). It is shown no larger than it is, never enlarged.
SOFT_BELOW = 800
# What each picture format is called in a file name. A file named for another format than it holds is
# used as what it holds, with a note: every copy the site publishes is re-encoded under its own name, so
# the name never reaches a visitor, and refusing would only make the curator rename it to go on.
# The usual name first.
EXTENSIONS = {
    "JPEG": (".jpg", ".jpeg", ".jpe", ".jfif"),
    "MPO": (".jpg", ".jpeg", ".jpe", ".mpo"),
    "PNG": (".png",),
    "WEBP": (".webp",),
    "GIF": (".gif",),
    "TIFF": (".tif", ".tiff"),
    "HEIF": (".heic", ".heif", ".hif"),
}


@functools.cache
def register_heif() -> None:
    """Teach Pillow to open HEIC/HEIF (iPhone photos) with pillow-heif; once per process."""
    from pillow_heif import register_heif_opener

    register_heif_opener()


# Specific advice for fields curators most often leave out.
HINTS = {
    "alt.en": "Add an English description of the picture.",
    "alt.zh": "Add a Chinese description of the picture (图片说明).",
    "title": "Add the exhibit's title in both languages: `title: {zh: …, en: …}`.",
    "summary": "Add one or two sentences in both languages.",
    "review": "Add `review: {status: draft, date: YYYY-MM-DD}` (or status: verified once checked).",
    "id": "Add `id:` with a short ASCII name such as `liaocheng-ship`; it becomes the page address.",
    "kind": f"Add `kind:` with one of: {', '.join(model.KINDS)}.",
}

# Record text is Markdown only. Refused, because they could run code or load another host:
# raw HTML tags, javascript: links (also spelt with entities), Markdown attribute lists
# `{ onclick=… }` / `{ .class }`, and pictures (pictures belong under `images:`).
RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|(?:java|vb)script\s*:", re.IGNORECASE)
ATTR_LIST = re.compile(r"\{\s*:?\s*(?:[.#][\w-]|[\w-]+\s*=)[^}]*\}")
PICTURE = re.compile(r"!\[[^\]]*\]\s*[\[(]")
# Where Markdown takes a link address: [text](address), <address>, and [label]: address.
LINK_TARGET = re.compile(r"\]\(\s*<?([^)>\s]*)|<([A-Za-z][A-Za-z0-9+.\-]*:[^>\s]*)>|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
SAFE_SCHEMES = ("http", "https", "mailto")


@dataclass(frozen=True)
class Target:
    """What a reference may point to: any record file with a usable id, even one with mistakes
    (its own file reports them; the records naming it should not each repeat them)."""

    id: str
    kind: str
    path: str
    title: str  # English title if given, for ranking suggestions
    published: bool


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
        problems += found + _check_texts(doc, record, strict) + _check_images(doc, images, notes) + _check_sections(doc)
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
    from . import citations, content
    from . import names as people

    exhibits, images = Paths(root).exhibits, Paths(root).images
    result = Collection(reread=set() if cache is not None else None)
    docs: list[tuple[Document, model.Record]] = []
    failed: list[tuple[Document, type[model.Record]]] = []  # published-to-be records with mistakes
    targets: dict[str, Target] = {}
    unpublished: list[tuple[Document, model.Record]] = []  # drafts left out: the names check still reads them
    person_names: set[str] = set()  # of every person file, readable or not: a typo there is not a stranger's name
    for path in sorted(exhibits.rglob("*")):
        if path.suffix not in (".yml", ".yaml") or not path.is_file():
            continue
        if path.relative_to(exhibits).parts[0] == "roll":  # 英名录 headers: records/roll.py reads them
            continue
        shown = path.relative_to(root).as_posix()
        checked = _check_file(path, shown, path.relative_to(exhibits), images, strict, cache)
        doc, record = checked.doc, checked.record
        result.problems += checked.problems
        if drafts or (doc is not None and _status(doc.data) != "draft"):
            result.notes += checked.notes
        if checked.fresh and result.reread is not None and doc is not None and isinstance(doc.data.get("id"), str):
            result.reread.add(doc.data["id"])
        if doc is None or path.relative_to(exhibits).parts[0] == model.Person.FOLDER:
            person_names |= _person_names(doc, path)
        if doc is None:
            # Not readable as YAML (a full-width colon, say): its own message is enough, so the
            # records naming it are not told it is missing, if its id and kind can be read off.
            unread = _id_and_kind(path)
            if unread and unread[0] not in targets:
                targets[unread[0]] = Target(unread[0], unread[1], shown, "", True)
            continue
        kind = doc.data.get("kind")
        cls = model.KINDS.get(kind) if isinstance(kind, str) else None
        if cls is None:
            continue
        draft = _status(doc.data) == "draft"
        if draft and not drafts:
            result.drafts.append(doc.path)
        published = not draft or drafts
        record_id = doc.data.get("id")
        if isinstance(record_id, str) and re.fullmatch(model.SLUG, record_id) and record_id not in targets:
            targets[record_id] = Target(record_id, kind, doc.path, _title_en(doc.data), published)
        if not published:
            if record is not None:  # a draft's texts are read too: what it still lacks, as notes
                wrong, missing = citations.paragraph_problems(doc, record)
                result.advisories += wrong + missing + citations.copy_problems(doc, record, root)
                unpublished.append((doc, record))
            continue
        if record is None:
            failed.append((doc, cls))
            continue
        if not record.sources:
            result.problems.append(
                Problem(
                    doc.path,
                    doc.line(("sources",)) if "sources" in doc.data else 1,
                    "sources",
                    "a published record needs at least one source. Add the source of its facts (title, publisher, url, date), or set review.status: draft",
                )
            )
        docs.append((doc, record))
    result.problems += _check_together(docs, zones, tags)
    for doc, cls in [(doc, type(record)) for doc, record in docs] + failed:
        result.problems += _check_references(doc, cls, targets)
    result.referable = {t.id for t in targets.values() if t.published}
    result.records = [record for _, record in docs]
    result.documents = {record.id: doc for doc, record in docs}
    # Quotes and approved English: allowed while the collection catches up, errors in strict mode.
    for doc, record in docs:
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
    if names is not None:
        # Names in the texts and quotes: a published record naming someone without consent is refused.
        everyone = [r for _, r in docs + unpublished]
        known = names[0] | person_names | {r.name.zh for r in everyone if isinstance(r, model.Person)}
        people.teach(known)
        for doc, record in docs:
            result.problems += people.name_problems(doc, record, known, names[1])
        for doc, record in unpublished:
            result.advisories += people.name_problems(doc, record, known, names[1])
    return result


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


def explain_all(doc: Document, cls: type[BaseModel], exc: ValidationError) -> list[Problem]:
    errors = exc.errors()
    # `titel:` is both an unknown field and a missing `title`: one mistake, one message (the typo's).
    meant = {tuple(e["loc"][:-1]) + (_closest_field(cls, tuple(e["loc"])),) for e in errors if e["type"] == "extra_forbidden"}
    return [explain(doc, cls, e) for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in meant)]


def _closest_field(cls: type[BaseModel], loc: tuple) -> str | None:
    close = difflib.get_close_matches(str(loc[-1]), _fields_at(cls, loc[:-1]), n=1, cutoff=0.6)
    return close[0] if close else None


def explain(doc: Document, cls: type[BaseModel], error: dict) -> Problem:
    loc = tuple(error["loc"])
    kind, where = error["type"], dotted(loc)
    line = doc.line(loc)
    if kind == "missing":
        tail = ".".join(str(p) for p in loc[-2:] if not isinstance(p, int))
        hint = HINTS.get(tail) or HINTS.get(str(loc[-1])) or f"Add `{loc[-1]}:` here."
        return Problem(doc.path, line, where, f"required. {hint}")
    if kind == "extra_forbidden":
        close = _closest_field(cls, loc)
        hint = f"Did you mean `{close}`?" if close else f"Allowed here: {', '.join(_fields_at(cls, loc[:-1]))}."
        return Problem(doc.path, line, where, f"unknown field. {hint}")
    if kind == "string_pattern_mismatch" and loc[-1] == "url":
        return Problem(doc.path, line, where, "must start with http:// or https://. Copy the full address from the browser")
    if kind == "string_pattern_mismatch" and loc[-1] == "contact":
        return Problem(
            doc.path,
            line,
            where,
            f'"{error["input"]}" is not an e-mail address. Write one such as guan@example.org, or leave it empty',
        )
    if kind == "string_pattern_mismatch" and isinstance(error["input"], str) and "，" in error["input"]:
        return Problem(
            doc.path,
            line,
            where,
            f"\"{error['input']}\" holds a full-width comma (，). Separate ids with an ASCII comma (,) followed by a space",
        )
    if kind == "string_pattern_mismatch":
        return Problem(
            doc.path,
            line,
            where,
            f"\"{error['input']}\" is not an id. Use lower-case ASCII letters, digits and hyphens, e.g. fan-zhuxian",
        )
    if kind in ("literal_error", "enum"):
        return Problem(doc.path, line, where, f"\"{error['input']}\" is not allowed. Use {error['ctx']['expected']}")
    if kind == "value_error":
        message = str(error["ctx"]["error"])
        field, _, rest = message.partition(": ")
        # A validator names the field it is about: `end: …`, or a path into a list, `sections.1.image: …`.
        if rest and re.fullmatch(r"[A-Za-z_]\w*(?:\.(?:\d+|[A-Za-z_]\w*))*", field) and field not in ("must",):
            path = loc + tuple(int(part) if part.isdigit() else part for part in field.split("."))
            return Problem(doc.path, doc.line(path), dotted(path), rest + ".")
        return Problem(doc.path, line, where, message + ".")
    if kind in ("string_type",):
        return Problem(doc.path, line, where, f"must be text, found {_shown(error['input'])}. Put the value in quotes")
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        allowed = _fields_at(cls, loc)
        message = f"must be a group of fields ({', '.join(allowed)}), found {_shown(error['input'])}"
        if set(allowed) == {"zh", "en"} and isinstance(error["input"], (str, int, float)):
            # Plain text where both languages are wanted: show the fix with the curator's own text.
            name = next((str(p) for p in reversed(loc) if not isinstance(p, int)), where)
            message += f". Write both languages: `{name}: {{zh: {error['input']}, en: …}}`"
        return Problem(doc.path, line, where, message)
    if kind == "list_type":
        return Problem(doc.path, line, where, f"must be a list (lines starting with `- `), found {_shown(error['input'])}")
    if kind in ("int_type", "int_parsing", "int_from_float", "float_type", "float_parsing"):
        return Problem(
            doc.path, line, where, f"must be a number, found {_shown(error['input'])}. Write digits only, without units or commas"
        )
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        bound = {"greater_than_equal": "at least {ge}", "greater_than": "more than {gt}", "less_than_equal": "at most {le}"}
        what = bound.get(kind, "less than {lt}").format(**error["ctx"])
        return Problem(doc.path, line, where, f"must be {what}, found {_shown(error['input'])}")
    if kind in ("bool_type", "bool_parsing"):
        return Problem(doc.path, line, where, f"must be true or false, found {_shown(error['input'])}")
    if kind == "too_short":
        return Problem(doc.path, line, where, "is empty. Fill it in, or remove the field")
    if kind == "string_too_short":
        return Problem(doc.path, line, where, "is empty. Write the text, or remove the field")
    return Problem(doc.path, line, where, f"{error['msg']}.")


def _shown(value) -> str:
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    return f'"{value}"' if isinstance(value, str) else repr(value)


def _fields_at(cls: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed at a location, for 'did you mean'."""
    current: typing.Any = cls
    for part in loc:
        if isinstance(part, int):
            continue
        models = [m for m in _models_in(current)]
        found = None
        for m in models:
            if part in m.model_fields:
                found = m.model_fields[part].annotation
                break
        if found is None:
            return []
        current = found
    models = _models_in(current)
    return list(models[0].model_fields) if models else []


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out = []
    for arg in typing.get_args(annotation):
        out += _models_in(arg)
    return out


def _check_texts(doc: Document, record: model.Record | None, strict: bool) -> list[Problem]:
    problems = []
    # From the file itself: a record with mistakes elsewhere is still checked for unsafe text.
    public_values = doc.data.get("public_values")
    public = {str(p.get("value")) for p in public_values if isinstance(p, dict)} if isinstance(public_values, list) else set()
    for loc, text in record.texts() if strict and record is not None else ():
        if text.missing("en"):
            problems.append(
                Problem(
                    doc.path,
                    doc.line(loc),
                    dotted(loc + ("en",)),
                    "English translation missing (strict mode). Add `en:` beside `zh:`",
                )
            )
    # Every string of the file, not only the texts: a source's title, locator or credit can leak too.
    strings = list(_strings(doc.data, ()))
    # Most records are clean: look at all their strings at once, and string by string (to name
    # the field) only when something is there. NUL joins them: no pattern matches across it.
    joined = "\0\n".join(value for _, value in strings)  # the newline: link definitions start a line
    if not text_problems(joined) and next(privacy.findings(joined), None) is None:
        return problems
    for loc, value in strings:
        # Each on the line of the word, not the line where a block of text starts.
        for problem, where in text_problems(value):
            problems.append(Problem(doc.path, doc.line_of(loc, where), dotted(loc), problem))
        if loc and loc[0] == "public_values":
            continue
        seen: dict[str, int] = {}
        for what, found in privacy.findings(value):
            if found.strip() not in public:
                nth = seen[found] = seen.get(found, -1) + 1
                problems.append(
                    Problem(
                        doc.path,
                        doc.line_of(loc, found, nth),
                        dotted(loc),
                        f'contains {what} ("{found.strip()}"). {privacy.ADVICE}',
                    )
                )
    return problems


def text_problems(value: str) -> list[tuple[str, str]]:
    """(what is wrong, the text where it is) for each unsafe piece of a record's text."""
    decoded = html.unescape(value)  # "jav&#x61;script:" is javascript: to a browser
    found = []
    if tag := (RAW_HTML.search(value) or RAW_HTML.search(decoded)):
        found.append(("contains HTML or a javascript: link. Record text is Markdown only: remove the tag", tag.group(0)))
    if attributes := ATTR_LIST.search(value):
        found.append(
            (
                "contains a Markdown attribute list { … }. Record text cannot set attributes: remove the braces",
                attributes.group(0),
            )
        )
    if picture := PICTURE.search(value):
        found.append(
            ("contains a picture ![…](…). Put pictures under `images:` (with alt text), not in the text", picture.group(0))
        )
    for match in LINK_TARGET.finditer(decoded):
        link = next(group for group in match.groups() if group is not None)
        problem = unsafe_link(link)
        if problem and not RAW_HTML.search(link):  # javascript: has its message above: one mistake, one message
            found.append((problem, link))
    return found


def unsafe_link(link: str) -> str | None:
    """Only web and mail addresses, and links inside the site: data:, file:, //other-host… can run or load
    what the site does not control."""
    compact = re.sub(r"[\x00-\x20]", "", link)  # browsers ignore tabs and newlines inside a scheme
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.\-]*):", compact)
    shown = link if len(link) <= 60 else link[:57] + "…"
    if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
        return (
            f'contains a link to "{shown}": {scheme.group(1).lower()}: links are not allowed. '
            "Link with an http(s):// or mailto: address, or to a page of this site"
        )
    if compact.startswith(("//", "\\", "/\\")):
        return f'contains a link to "{shown}", another host without http(s)://. ' "Write the full https:// address"
    return None


def _strings(data, loc):
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, loc + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, loc + (index,))


def _check_images(doc: Document, images: Path, notes: list[Problem]) -> list[Problem]:
    """The pictures' problems; what is accepted but worth knowing (a small picture) goes to notes."""
    problems = []
    base = images.resolve()
    # From the file itself, so a record with mistakes elsewhere still has its pictures checked.
    listed = doc.data.get("images")
    for index, item in enumerate(listed if isinstance(listed, list) else []):
        if not isinstance(item, dict) or not isinstance(item.get("file"), str) or not item["file"]:
            continue  # the model's message says what is wrong with it
        file = item["file"].strip()
        loc = ("images", index, "file")
        line, where = doc.line(loc), dotted(loc)
        candidate = Path(file)
        if candidate.is_absolute() or ".." in candidate.parts:
            problems.append(
                Problem(
                    doc.path,
                    line,
                    where,
                    f'"{file}" points outside images/. Give a path inside images/, e.g. people/fan-zhuxian.png',
                )
            )
            continue
        if any(ord(c) < 32 for c in file) or any(len(part.encode()) > 255 for part in candidate.parts):
            problems.append(
                Problem(
                    doc.path,
                    line,
                    where,
                    "is not a usable file name (a control character, or a name over 255 bytes). Rename the photo to a short plain name",
                )
            )
            continue
        path = images / candidate
        try:
            resolved = path.resolve()
            exists = path.is_file()
        except (OSError, RuntimeError, ValueError):
            resolved, exists = None, False
        if resolved is None or not resolved.is_relative_to(base):
            problems.append(
                Problem(doc.path, line, where, f'"{file}" leads outside images/ (a link?). Copy the photo into images/ instead')
            )
            continue
        if not exists:
            problems.append(
                Problem(doc.path, line, where, f"images/{file} does not exist. {_missing_picture_hint(images, file)}")
            )
            continue
        said: list[str] = []
        problem = inspect_image(path, said)
        if problem:
            problems.append(Problem(doc.path, line, where, f"images/{file} {problem}"))
        notes.extend(Problem(doc.path, line, where, f"images/{file} {note}") for note in said)
    return problems


def _check_sections(doc: Document) -> list[Problem]:
    """A story section's `image:` names the `file` of one of the story's `images` (which carry its alt
    text and credit). From the file itself, every section at once."""
    sections, listed = doc.data.get("sections"), doc.data.get("images")
    if doc.data.get("kind") != "story" or not isinstance(sections, list):
        return []
    files = (
        [i["file"] for i in listed if isinstance(i, dict) and isinstance(i.get("file"), str)] if isinstance(listed, list) else []
    )
    problems = []
    for index, section in enumerate(sections):
        image = section.get("image") if isinstance(section, dict) else None
        if not isinstance(image, str) or not image.strip() or image.strip() in files:
            continue
        loc = ("sections", index, "image")
        problems.append(
            Problem(
                doc.path,
                doc.line(loc),
                dotted(loc),
                f'"{image}" is not one of this story\'s `images` ({", ".join(files) or "none yet"}). '
                + _listed_picture_hint(image.strip(), files),
            )
        )
    return problems


def _listed_picture_hint(wanted: str, files: list[str]) -> str:
    """The likely slip: a path from the project folder, another extension (.jpeg for .jpg) or other
    capitals; else how to add the picture."""
    inside = wanted.removeprefix("images/")
    if inside != wanted and inside in files:
        return f"Paths start inside images/: drop the leading images/ and write `image: {inside}`"
    stem = Path(inside).with_suffix("").as_posix().lower()
    close = [f for f in files if Path(f).with_suffix("").as_posix().lower() == stem]
    close = close or difflib.get_close_matches(inside, files, n=1, cutoff=0.8)
    if close:
        return f"Did you mean `image: {close[0]}`?"
    return "List the picture under `images:` with its alt text, then name its file here"


PICTURE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff"}


def _missing_picture_hint(images: Path, file: str) -> str:
    """The likely slip: a path written from the project folder, or a name differing in capitals
    (of the file or its folders) or in extension (.jpeg for .jpg)."""
    parts = Path(file).parts
    if parts and parts[0].lower() == "images" and len(parts) > 1:
        inside = Path(*parts[1:]).as_posix()
        return f"Paths start inside images/: drop the leading images/ and write `file: {inside}`"
    found = _existing(images, parts)
    if found:
        return f"Did you mean `file: {found}` (the file that exists)?"
    return "Check the file name (capitals count) or add the photo to images/"


def _existing(images: Path, parts: tuple[str, ...]) -> str | None:
    """The file under images/ that matches parts but for capitals and the picture extension."""
    folder, found = images, []
    try:
        for depth, part in enumerate(parts):
            last = depth == len(parts) - 1
            entries = sorted(folder.iterdir()) if folder.is_dir() else []
            match = next((e for e in entries if e.name.lower() == part.lower() and (e.is_file() if last else e.is_dir())), None)
            if match is None and last:
                stem = Path(part).stem.lower()
                match = next(
                    (e for e in entries if e.is_file() and e.stem.lower() == stem and e.suffix.lower() in PICTURE_SUFFIXES), None
                )
            if match is None:
                return None
            found.append(match.name)
            folder = match
    except OSError:
        return None
    return "/".join(found) if found else None


def inspect_image(path: Path, notes: list[str] | None = None) -> str | None:
    """Cheap header check; a full decode happens when derivatives are made. notes: what is
    accepted but worth telling the curator (a small picture, a name that says another format)."""
    register_heif()
    if path.stat().st_size == 0:
        return "is an empty file (0 bytes). Copy the photo again"
    bomb = f"is larger than {MAX_PIXELS // 1_000_000} million pixels (a decompression bomb?). Resize it below that"
    try:
        with warnings.catch_warnings():
            # We compare the size with our own limit just below.
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            im = PILImage.open(path)
        with im:
            if im.format not in IMAGE_FORMATS:
                return f"is a {im.format} file. Save it as JPEG, PNG or WebP"
            width, height = im.size
            if width * height > MAX_PIXELS:
                return f"is {width}×{height} pixels: it {bomb[3:]}"
            if notes is not None:
                suffix = path.suffix.lower()
                if suffix not in EXTENSIONS[im.format]:
                    shown = "JPEG" if im.format == "MPO" else im.format
                    right = EXTENSIONS[im.format][0]
                    notes.append(
                        f"is named {suffix or 'without an extension'} but holds a {shown} picture: it is used as {shown}. "
                        f"Rename it to end in {right}, so other programs open it right"
                    )
                if max(width, height) < SOFT_BELOW:
                    notes.append(
                        f"is only {width}×{height} pixels: it will look soft on large screens (it is shown at most at "
                        f"its own size, never enlarged). Use a larger original ({SOFT_BELOW} pixels or more on its long side) if there is one"
                    )
    except PILImage.DecompressionBombError:
        return bomb
    except (OSError, SyntaxError, ValueError) as exc:
        return f"is not a readable picture ({type(exc).__name__}). Export it again as JPEG or PNG"
    return None


def _check_together(docs: list[tuple[Document, model.Record]], zones: set[str] | None, tags: set[str] | None) -> list[Problem]:
    problems = []
    first: dict[str, str] = {}
    for doc, record in docs:
        if record.id in first:
            problems.append(
                Problem(
                    doc.path,
                    doc.line(("id",)),
                    "id",
                    f'"{record.id}" is already used by {first[record.id]}. Ids are the page address: choose another',
                )
            )
        else:
            first[record.id] = f"{doc.path}:{doc.line(('id',))}"
    for doc, record in docs:
        source_ids = {s.id for s in record.sources}
        for loc, source in record.source_ids_used():
            if source not in source_ids:
                problems.append(
                    Problem(
                        doc.path,
                        doc.line(loc),
                        dotted(loc),
                        f"no entry in `sources` has the id \"{source}\". Use one of: {', '.join(sorted(source_ids)) or '(none yet)'}",
                    )
                )
        for index, dispute in enumerate(record.disputed):
            if dispute.field not in type(record).model_fields and dispute.label is None:
                loc = ("disputed", index, "field")
                problems.append(
                    Problem(
                        doc.path,
                        doc.line(loc),
                        dotted(loc),
                        f"`{dispute.field}` is not a field of a {record.kind} record. Name the field, or add a `label` saying what is disputed",
                    )
                )
        if zones is not None and record.hall and record.hall.zone not in zones:
            loc = ("hall", "zone")
            problems.append(
                Problem(
                    doc.path,
                    doc.line(loc),
                    dotted(loc),
                    f"no zone \"{record.hall.zone}\" in the hall map. Use one of: {', '.join(sorted(zones))}",
                )
            )
        for index, tag in enumerate(record.tags):
            if tags is not None and tag not in tags:
                loc = ("tags", index)
                close = difflib.get_close_matches(tag, tags, n=1)
                hint = (
                    f"Did you mean `{close[0]}`?"
                    if close
                    else "Add it with its Chinese and English name to settings/tags.yml, or use an existing tag."
                )
                problems.append(Problem(doc.path, doc.line(loc), dotted(loc), f'unknown tag "{tag}". {hint}'))
    return problems


def _check_references(doc: Document, cls: type[model.Record], targets: dict[str, Target]) -> list[Problem]:
    problems = []
    own_id = doc.data.get("id")
    kind = cls.model_fields["kind"].annotation.__args__[0]
    for loc, target, spec in _references(cls, doc.data):
        where, line = dotted(loc), doc.line(loc)
        accepted = model.accepted_kinds(spec, kind)
        found = targets.get(target)
        if target == own_id:
            problems.append(Problem(doc.path, line, where, "points to this record itself. Name another record"))
        elif found is None:
            close = suggest(target, [t for t in targets.values() if t.kind in accepted and t.published and t.id != own_id])
            hint = (
                f"Did you mean `{close}`?" if close else "Check the id, or add that record (or mark it draft if it is not ready)."
            )
            problems.append(Problem(doc.path, line, where, f'no published record has the id "{target}". {hint}'))
        elif found.kind not in accepted:
            problems.append(
                Problem(
                    doc.path,
                    line,
                    where,
                    f"\"{target}\" is a {found.kind} record ({found.path}), but {spec} names "
                    f"a record of kind {' or '.join(accepted)}. Name one of those",
                )
            )
        elif not found.published:
            problems.append(
                Problem(
                    doc.path,
                    line,
                    where,
                    f'no published record has the id "{target}": {found.path} is a draft. '
                    "Publish it (review.status: verified) or remove this reference",
                )
            )
    return problems


def suggest(wanted: str, candidates: list[Target]) -> str | None:
    """The candidate closest to a mistyped id, by its id and by the words of its English title:
    `luxibei-cemetery` finds the Luxibei Revolutionary Martyrs Cemetery."""
    words = [w for w in re.split(r"[^a-z0-9]+", wanted.lower()) if w]

    def score(target: Target) -> float:
        by_id = difflib.SequenceMatcher(None, wanted, target.id).ratio()
        theirs = set(re.split(r"[^a-z0-9]+", f"{target.id} {target.title}".lower())) - {""}
        by_words = sum(1 for w in words if difflib.get_close_matches(w, theirs, n=1, cutoff=0.8)) / max(len(words), 1)
        return max(by_id, by_words * 0.95)  # an equal id match beats an all-words title match

    ranked = sorted(((score(t), t.id) for t in candidates), key=lambda pair: (-pair[0], pair[1]))
    return ranked[0][1] if ranked and ranked[0][0] >= 0.6 else None


def _references(cls: type[model.Record], data: dict):
    """(loc, id, field spec) for every field of the file that names another record. Read from the
    file itself, so a record with a mistake elsewhere still has its references checked."""
    for spec in (*cls.REFERENCE_FIELDS, "images.depicts"):
        head, _, tail = spec.partition(".")
        value = data.get(head)
        items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
        for index, item in items:
            loc = (head,) if index is None else (head, index)
            if tail:
                inner = item.get(tail) if isinstance(item, dict) else None
                found = (
                    [(loc + (tail, j), t) for j, t in enumerate(inner)] if isinstance(inner, list) else [(loc + (tail,), inner)]
                )
            else:
                found = [(loc, item)]
            for where, target in found:
                if isinstance(target, str) and re.fullmatch(model.SLUG, target):
                    yield where, target, spec
