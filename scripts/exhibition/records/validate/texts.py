"""Texts: record text is Markdown only (no raw HTML, scripts, attribute lists or pictures), links go to
safe addresses, and the content checks (records/content.py) of every text."""

from __future__ import annotations

import html
import re

from .. import model, privacy
from ..load import Document
from ..problems import Problem, dotted

# raw HTML tags, javascript: links (also spelt with entities), Markdown attribute lists
# `{ onclick=… }` / `{ .class }`, and pictures (pictures belong under `images:`).
RAW_HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|(?:java|vb)script\s*:", re.IGNORECASE)
ATTR_LIST = re.compile(r"\{\s*:?\s*(?:[.#][\w-]|[\w-]+\s*=)[^}]*\}")
PICTURE = re.compile(r"!\[[^\]]*\]\s*[\[(]")
# Where Markdown takes a link address: [text](address), <address>, and [label]: address.
LINK_TARGET = re.compile(r"\]\(\s*<?([^)>\s]*)|<([A-Za-z][A-Za-z0-9+.\-]*:[^>\s]*)>|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
SAFE_SCHEMES = ("http", "https", "mailto")


def check_texts(doc: Document, record: model.Record | None, strict: bool) -> list[Problem]:
    problems = _untranslated(doc, record) if strict and record is not None else []
    # Every string of the file, not only the texts: a source's title, locator or credit can leak too.
    strings = list(_strings(doc.data, ()))
    # Most records are clean: look at all their strings at once, and string by string (to name
    # the field) only when something is there. NUL joins them: no pattern matches across it.
    joined = "\0\n".join(value for _, value in strings)  # the newline: link definitions start a line
    if not text_problems(joined) and next(privacy.findings(joined), None) is None:
        return problems
    public = _public_values(doc.data.get("public_values"))
    for loc, value in strings:
        # Each on the line of the word, not the line where a block of text starts.
        for problem, where in text_problems(value):
            problems.append(Problem(doc.path, doc.line_of(loc, where), dotted(loc), problem))
        if not loc or loc[0] != "public_values":
            problems += _personal_data(doc, loc, value, public)
    return problems


def _untranslated(doc: Document, record: model.Record) -> list[Problem]:
    """Strict mode: every text has its English."""
    return [
        Problem(
            doc.path,
            doc.line(loc),
            dotted(loc + ("en",)),
            "English translation missing (strict mode). Add `en:` beside `zh:`",
        )
        for loc, text in record.texts()
        if text.missing("en")
    ]


def _public_values(listed) -> set[str]:
    """The values the record lets the privacy check through (each with its reason), as written in the file:
    a record with mistakes elsewhere is still checked for unsafe text."""
    return {str(p.get("value")) for p in listed if isinstance(p, dict)} if isinstance(listed, list) else set()


def _personal_data(doc: Document, loc: tuple, value: str, public: set[str]) -> list[Problem]:
    """Personal data in one string, each finding on its own line (the nth time the same text is found: the nth line)."""
    problems = []
    seen: dict[str, int] = {}
    for what, found in privacy.findings(value):
        if found.strip() not in public:
            nth = seen[found] = seen.get(found, -1) + 1
            problems.append(
                Problem(
                    doc.path, doc.line_of(loc, found, nth), dotted(loc), f'contains {what} ("{found.strip()}"). {privacy.ADVICE}'
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
