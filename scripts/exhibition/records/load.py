"""Read one YAML file safely, keeping the line of every field for messages."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, dotted

MAX_BYTES = 512 * 1024  # a record is a page of text; anything larger is a mistake
MAX_NODES = 20_000


try:  # LibYAML scans and parses about 7x faster than the pure-Python reader
    from yaml._yaml import CParser as _Parser
except ImportError:  # PyYAML built without LibYAML: same results, slower
    _Parser = None


class _PythonLoader(yaml.SafeLoader):
    """SafeLoader that keeps dates as text (we parse them with their precision)
    and refuses anchors/aliases (no curator needs them; they enable alias bombs)."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(None, None, "uses a YAML alias (*name). Write the value out in full", event.start_mark)
        event = self.peek_event()
        if getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(None, None, "uses a YAML anchor (&name). Write the value out in full", event.start_mark)
        return super().compose_node(parent, index)


if _Parser is not None:

    class _LibYAMLLoader(_Parser, _PythonLoader):
        """LibYAML's events, Python's composer: line marks and the anchor check stay ours, and
        deep nesting ends in a RecursionError (LibYAML's own composer overflows the C stack)."""

        def __init__(self, stream):
            _Parser.__init__(self, stream)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        # CParser brings its own composer; use Python's (with our compose_node) instead.
        get_single_node = yaml.composer.Composer.get_single_node
        compose_document = yaml.composer.Composer.compose_document
        compose_node = _PythonLoader.compose_node
        check_node = yaml.composer.Composer.check_node
        get_node = yaml.composer.Composer.get_node

    _Loader = _LibYAMLLoader
else:
    _Loader = _PythonLoader
_PythonLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Document:
    path: str  # as shown to the curator, relative to the project
    data: dict[str, Any]
    lines: dict[tuple, int] = field(default_factory=dict)
    text: str = ""  # the file as read
    # Where each text value is written: (first line, its column there, last line), for line_of.
    spans: dict[tuple, tuple[int, int, int]] = field(default_factory=dict)
    # For each scalar: (first line of its text, last line), 1-based: a block scalar's text starts on the
    # line after its `|`. The paragraph checks (citations.py) name the line of a paragraph inside a block.
    blocks: dict[tuple, tuple[int, int]] = field(default_factory=dict)

    @property
    def source_lines(self) -> list[str]:
        return self.text.splitlines()

    def line(self, loc: tuple) -> int:
        """Line of the closest field on the path (a missing field: its parent)."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)

    def value(self, loc: tuple):
        """The value written at loc in the file (before the model reads it), or None."""
        data = self.data
        for part in loc:
            try:
                data = data[part]
            except (KeyError, IndexError, TypeError):
                return None
        return data

    def line_of(self, loc: tuple, found: str, nth: int = 0) -> int:
        """The line where `found` (its nth time in the value) is written inside the text at loc: a word
        in a block of text (`en: |`) is told on its own line, not on the line where the block starts.
        The field's line when it cannot be found as written (an escape in quotes, a word folded over two lines)."""
        span = self.spans.get(tuple(loc))
        needle = found.strip().split("\n")[0]
        if span is None or not needle:
            return self.line(loc)
        first, column, last = span
        seen = 0
        for number, text in enumerate(self.text.splitlines()[first - 1 : last], first):
            seen += text[column if number == first else 0 :].count(needle)
            if seen > nth:
                return number
        return self.line(loc)


def load(path: Path, shown: str) -> tuple[Document | None, list[Problem]]:
    document, problems = _load(path, shown, _Loader)
    if problems and _Loader is not _PythonLoader:
        # Mistakes are rare: explain them with the pure-Python reader, whose messages and
        # positions (control characters, for one) are the ones curators are shown.
        return _load(path, shown, _PythonLoader)
    return document, problems


def _text(path: Path) -> tuple[str | None, tuple[int, str] | None]:
    """The file's text, or (None, (line, what is wrong)) before YAML is read at all."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return None, (0, f"cannot be read ({exc.strerror}). Check the file's permissions")
    if len(raw) > MAX_BYTES:
        return None, (
            0,
            f"is {len(raw) // 1024} KB; a record must stay under {MAX_BYTES // 1024} KB. Split the text or move long material to a source",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, (1, "starts with a byte-order mark (BOM). Save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, (line, "is not UTF-8 text. Save it as UTF-8 (in your editor: Save with encoding → UTF-8)")
    if not text.strip():
        return None, (1, "is empty. Write a record, or delete the file")
    for number, content in enumerate(text.splitlines(), 1):
        stripped = content.lstrip(" ")
        if stripped.startswith("\t"):
            return None, (number, "is indented with a tab. YAML needs spaces: replace the tab with spaces")
    return text, None


def _not_yaml(exc: yaml.MarkedYAMLError, text: str, shown: str) -> list[Problem]:
    mark = exc.problem_mark or exc.context_mark
    # A Chinese keyboard's punctuation where YAML needs ASCII: name it, on its own line. Only at
    # or before where YAML gave up: the reader stops at the culprit or just after it.
    typed = [p for p in full_width(text, shown) if mark is None or p.line <= mark.line + 1]
    if typed:
        return typed
    return [
        Problem(
            shown,
            (mark.line + 1) if mark else 0,
            "",
            f"is not valid YAML: {_yaml_says(exc)}. Check indentation, colons and quotes on this line or the one above",
        )
    ]


def _yaml_says(exc: yaml.MarkedYAMLError) -> str:
    """YAML's own words for the mistake, with its context ("while scanning a quoted scalar")."""
    what = (exc.problem or "").strip()
    if exc.context and "alias" not in what and "anchor" not in what:
        what = f"{exc.context.strip()}, {what}"
    return what


def _load(path: Path, shown: str, loader_class) -> tuple[Document | None, list[Problem]]:
    text, wrong = _text(path)
    if wrong:
        return None, [Problem(shown, wrong[0], "", wrong[1])]
    return _parse(text, shown, loader_class)


def _parse(text: str, shown: str, loader_class) -> tuple[Document | None, list[Problem]]:
    """The text read as YAML into a Document, or what keeps it from being one (each mistake YAML names)."""

    def fail(line: int, message: str):
        return None, [Problem(shown, line, "", message)]

    loader = None
    try:
        loader = loader_class(text)  # reads the text at once: control characters are refused here
        return _document(loader, text, shown)
    except yaml.MarkedYAMLError as exc:
        return None, _not_yaml(exc, text, shown)
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else 0
        return fail(
            line,
            f"contains a control character ({exc.character!r}) that text files cannot hold. Delete it (it is often invisible: retype the line)",
        )
    except yaml.YAMLError as exc:
        return fail(0, f"is not valid YAML: {exc}")
    except _TooBig:
        return fail(0, f"has more than {MAX_NODES} values. A record is far smaller: split it")
    except RecursionError:
        return fail(_deep_line(text), "nests lists or groups too deeply to be a record. Check the brackets [ ] and { }")
    except ValueError as exc:  # e.g. a number with thousands of digits
        return fail(0, f"holds a value YAML cannot read ({str(exc)[:80]}). Check long numbers: write them as text in quotes")
    finally:
        if loader is not None:
            loader.dispose()


def _document(loader, text: str, shown: str) -> tuple[Document | None, list[Problem]]:
    """The loader's one document with the line of every field; YAML's errors are raised to _parse."""
    node = loader.get_single_node()
    if node is None:
        return None, [Problem(shown, 1, "", "is empty. Write a record, or delete the file")]
    positions = _Positions(shown)
    positions.visit(node, ())
    if positions.problems:
        return None, positions.problems
    data = loader.construct_document(node)
    if not isinstance(data, dict):
        return None, [
            Problem(
                shown,
                1,
                "",
                f"holds a {type(data).__name__} at the top, but a record is a mapping of fields (`id: …`, `kind: …`). Start each line at the left margin with a field name",
            )
        ]
    return Document(shown, data, positions.lines, text, positions.spans, positions.blocks), []


# What a Chinese keyboard types where YAML needs ASCII. YAML's own message then points at the
# wrong line ("could not find expected ':'" on the line after): these name the character.
_KEY = r"^[ \u3000]*(?:- )?(?P<key>[A-Za-z_][\w-]*)"
_FULL_WIDTH = [
    (
        re.compile(_KEY + r"[ \u3000]*："),
        lambda m: f"the colon after \"{m['key']}\" is a full-width colon (：). Type an ASCII colon (:) followed by a space",
    ),
    (
        re.compile(_KEY + r":\u3000"),
        lambda m: f"the space after \"{m['key']}:\" is a full-width space (U+3000). Type an ordinary space",
    ),
    (re.compile(r"^ *\u3000"), lambda m: "is indented with a full-width space (U+3000). Indent with ordinary spaces"),
    (
        re.compile(r"[{\[].*?，\s*(?P<next>[A-Za-z_][\w-]*)\s*[:：]"),
        lambda m: f"the comma before \"{m['next']}\" is a full-width comma (，). Type an ASCII comma (,)",
    ),
    (
        re.compile(_KEY + r":\s*(?P<q>[“”‘’]).*(?::\s|\s#)"),
        lambda m: f"the value starts with a full-width quote ({m['q']}), which YAML does not read as a quote. Use ASCII quotes \"…\"",
    ),
]


def full_width(text: str, shown: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        for pattern, message in _FULL_WIDTH:
            match = pattern.search(line)
            if match:
                key = re.match(_KEY, line)
                problems.append(Problem(shown, number, key["key"] if key else "", message(match)))
                break
    return problems


class _TooBig(Exception):
    pass


def _deep_line(text: str, limit: int = 100) -> int:
    """The line where brackets first nest deeper than any record needs."""
    depth = 0
    for number, line in enumerate(text.splitlines(), 1):
        for char in line:
            depth += 1 if char in "[{" else -1 if char in "]}" else 0
            if depth > limit:
                return number
    return 0


@dataclass
class _Positions:
    """Walks the YAML nodes once, before they become Python values: the line of every field, where each
    text is written, and what YAML accepts but no record may hold (a field twice, a field name that is a
    number or holds full-width punctuation, a number of more than 30 digits), each as a Problem."""

    shown: str
    lines: dict[tuple, int] = field(default_factory=dict)
    spans: dict[tuple, tuple[int, int, int]] = field(default_factory=dict)
    blocks: dict[tuple, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    count: int = 0

    def visit(self, node, path: tuple) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig()
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            self._scalar(node, path)
        elif isinstance(node, yaml.MappingNode):
            self._mapping(node, path)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self.lines[path + (index,)] = item.start_mark.line + 1
                self.visit(item, path + (index,))

    def _scalar(self, node: yaml.ScalarNode, path: tuple) -> None:
        if node.tag == "tag:yaml.org,2002:str":
            self.spans[path] = (node.start_mark.line + 1, node.start_mark.column, node.end_mark.line + 1)
        # A block scalar (`|`, `>`) starts on the line after its indicator; it ends before the
        # next key (end_mark at column 0 of that line).
        first = node.start_mark.line + (2 if node.style in ("|", ">") else 1)
        last = node.end_mark.line + (1 if node.end_mark.column else 0)
        self.blocks[path] = (first, max(first, last))
        if node.tag.endswith((":int", ":float")) and len(node.value) > 30:
            self._problem(
                node.start_mark.line + 1,
                path,
                f"is a number with {len(node.value)} digits. Check it; if it is really meant, write it as text in quotes",
            )

    def _mapping(self, node: yaml.MappingNode, path: tuple) -> None:
        seen: dict[Any, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1
            wrong = _key_problem(key, path, seen)
            if wrong is not None:
                self._problem(line, *wrong)
                continue
            seen[key.value] = line
            self.lines[path + (key.value,)] = line
            self.visit(value, path + (key.value,))

    def _problem(self, line: int, path: tuple, message: str) -> None:
        self.problems.append(Problem(self.shown, line, dotted(path), message))


def _key_problem(key, path: tuple, seen: dict[Any, int]) -> tuple[tuple, str] | None:
    """(the field to name, what is wrong) with a key of a mapping, or None when it is a good field name."""
    if not isinstance(key, yaml.ScalarNode) or key.tag != "tag:yaml.org,2002:str":
        shown = key.value if isinstance(key, yaml.ScalarNode) else "a list or group"
        return path, f"has a field named {shown!r}. Field names are words such as title: or summary:"
    name = key.value
    if "\u3000" in name or "：" in name:
        what = "a full-width space (U+3000)" if "\u3000" in name else "a full-width colon (：)"
        return path, f"the field name {name.strip()!r} holds {what}. Type it again with ordinary spaces and an ASCII colon (:)"
    if name in seen:
        return path + (name,), f"appears twice (first on line {seen[name]}). Keep one"
    return None
