"""A corpus of bad input: every mistake is refused in the curator's terms, and site/ survives.

One good site is built once per module; each case copies that project, breaks it, runs
`exhibition build` under a memory limit and a timeout, and checks:
- the exit status is non-zero;
- the message names the file (and the line and field where there is one);
- no traceback is printed;
- site/ is byte for byte, name for name and mtime for mtime what it was.

A case marked `bug` is a known fault found by this corpus (reported, not yet fixed): it is
an xfail(strict=True), so fixing the fault makes it pass and the marker must go.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import resource
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import BIN, VALID_EVENT, copy_project, photo_bytes
from exhibition.cli import PROBLEMS

# Each case is a build in its own process (67 of them).
pytestmark = [pytest.mark.build]

RECORD = "exhibits/events/test-event.yml"
# VALID_EVENT is lines 1-16 (kind 1, id 2, title 3-5, summary 6-8, date 9, sources 10-13, review 14-16).
GOOD = (
    VALID_EVENT
    + """\
body:
  zh: 正文。
  en: Body text.
images:
  - file: events/photo.jpg
    alt: {zh: 一张照片, en: A photo}
"""
)
# body 17, body.zh 18, body.en 19, images 20, images[1].file 21, images[1].alt 22 (positions count from 1)

MEMORY = 2 * 1024**3  # address space for the command and everything it starts
TIMEOUT = 180  # seconds: generous; a hang or an alias bomb would blow far past it


def _limits():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


ENV = {"NO_MKDOCS_2_WARNING": "1", "STRICT": "", "DRAFTS": ""}


def run_limited(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`exhibition build` as a curator runs it: its own process, here under a memory limit and a timeout."""
    return subprocess.run(
        [str(BIN / "exhibition"), "--root", str(root), *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        preexec_fn=_limits,
        env={**os.environ, **ENV},
    )


# The cases run the same command in processes forked from one that has already imported the
# package and MkDocs (multiprocessing's fork server): each case still has a process of its own,
# fresh, with the memory limit, its exit code and everything it writes, but not the second of
# imports a new interpreter spends (67 cases).
_SERVER = multiprocessing.get_context("forkserver")
_SERVER.set_forkserver_preload([__name__, "exhibition.cli", "exhibition.build", "mkdocs.commands.build", "mkdocs_static_i18n"])


def _build_in_this_process(root: str, args: tuple[str, ...]) -> tuple[int, str]:
    """In the forked process: cli.main with its output (file descriptors 1 and 2, so that what any
    logging handler or child process writes is caught too) in a temporary file."""
    _limits()
    os.environ.update(ENV)
    with tempfile.TemporaryFile() as capture:
        sys.stdout.flush(), sys.stderr.flush()
        os.dup2(capture.fileno(), 1), os.dup2(capture.fileno(), 2)
        from exhibition import cli

        try:
            code = cli.main(["--root", root, *args])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 2
        sys.stdout.flush(), sys.stderr.flush()
        capture.seek(0)
        return code, capture.read().decode("utf-8", "replace")


def run_forked(root: Path, *args: str) -> tuple[int, str]:
    with ProcessPoolExecutor(max_workers=1, mp_context=_SERVER) as one:
        return one.submit(_build_in_this_process, str(root), args).result(timeout=TIMEOUT)


def tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        stat = path.lstat()
        digest.update(f"{path.relative_to(folder).as_posix()}|{stat.st_mode}|{stat.st_mtime_ns}|".encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def good_project(tmp_path_factory) -> Path:
    """A one-record project with a photo, built once: every case starts from a copy."""
    root = tmp_path_factory.mktemp("good")
    copy_project(root, content=False)
    (root / "images/events").mkdir(parents=True)
    (root / "images/events/photo.jpg").write_bytes(photo_bytes(800, 600))
    (root / "exhibits/events").mkdir(parents=True)
    (root / RECORD).write_text(GOOD, encoding="utf-8")
    result = run_limited(root, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (root / "site/exhibits/events/test-event/index.html").is_file()
    return root


# --- how to break the project ---------------------------------------------------------


def text(new: str, path: str = RECORD) -> Callable[[Path], None]:
    def apply(root: Path):
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(new, encoding="utf-8")

    return apply


def raw(new: bytes, path: str = RECORD) -> Callable[[Path], None]:
    def apply(root: Path):
        (root / path).write_bytes(new)

    return apply


def replace(old: str, new: str) -> Callable[[Path], None]:
    assert old in GOOD, old
    return text(GOOD.replace(old, new, 1))


def image_file(file: str) -> Callable[[Path], None]:
    return replace("file: events/photo.jpg", f"file: {file}")


def picture(name: str, data: bytes) -> Callable[[Path], None]:
    """Put bytes at images/events/<name> and point the record's photo at it."""

    def apply(root: Path):
        (root / "images/events" / name).write_bytes(data)
        image_file(f"events/{name}")(root)

    return apply


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares its size and holds no pixels: what a decompression bomb's header says."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def symlink_out(root: Path):
    outside = root.parent / f"{root.name}-outside.jpg"
    outside.write_bytes(photo_bytes(400, 300))
    (root / "images/events/link.jpg").symlink_to(outside)
    image_file("events/link.jpg")(root)


def symlink_loop(root: Path):
    (root / "images/events/a.jpg").symlink_to("b.jpg")
    (root / "images/events/b.jpg").symlink_to("a.jpg")
    image_file("events/a.jpg")(root)


def two_files(second: str, name: str = "exhibits/events/copy.yml") -> Callable[[Path], None]:
    def apply(root: Path):
        text(second, name)(root)

    return apply


def billion_laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        prev, cur = chr(ord("a") + level - 1), chr(ord("a") + level)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "kind: event\nid: test-event\n" + "\n".join(lines) + "\n"


def in_body(markdown: str, lang: str = "zh") -> Callable[[Path], None]:
    line = "  zh: 正文。" if lang == "zh" else "  en: Body text."
    return replace(line, f"  {lang}: '{markdown}'")


# --- the corpus ----------------------------------------------------------------------------

F = re.escape(RECORD)


@dataclass
class Case:
    break_it: Callable[[Path], None]
    expect: list[str]  # regular expressions, each must match one line of the output (re.M)
    args: tuple[str, ...] = ()
    bug: str = ""  # a known fault: reported, xfail until fixed
    marks: list = field(default_factory=list)


CASES: dict[str, Case] = {
    # YAML problems
    "yaml: unclosed bracket": Case(replace("kind: event", "kind: [event"), [rf"^{F}:\d+: is not valid YAML"]),
    "yaml: colon inside a value": Case(
        replace("zh: 测试活动", "zh: 测试: 活动"), [rf"^{F}:4: is not valid YAML: mapping values"]
    ),
    "yaml: bad indentation": Case(replace("  en: A test record.", "   en: A test record."), [rf"^{F}:\d+: is not valid YAML"]),
    "yaml: two documents": Case(text(GOOD + "---\nkind: event\n"), [rf"^{F}:\d+: is not valid YAML: expected a single document"]),
    "yaml: python tag": Case(
        text(GOOD + "x: !!python/object/apply:os.system ['echo pwned']\n"),
        [rf"^{F}:23: is not valid YAML: could not determine a constructor"],
    ),
    "tab indentation": Case(replace("  zh: 测试活动", "\tzh: 测试活动"), [rf"^{F}:4: is indented with a tab"]),
    "tab after spaces": Case(replace("  en: Body text.", "  \ten: Body text."), [rf"^{F}:19: is indented with a tab"]),
    "wrong type: date is a list": Case(replace('date: "2019-03-15"', "date: [2019]"), [rf"^{F}:9: date: must be a date"]),
    "wrong type: title is text": Case(
        replace("title:\n  zh: 测试活动\n  en: Test event", "title: 测试活动"), [rf"^{F}:3: title: must be a group of fields"]
    ),
    "wrong type: sources is a mapping": Case(
        text(
            GOOD.replace(
                "  - id: yearbook\n    title: 2019年聊城年鉴\n    publisher: 聊城市退役军人事务局\n",
                "  id: yearbook\n  title: 2019年聊城年鉴\n",
            )
        ),
        [rf"^{F}:1[01]: sources: must be a list"],
    ),
    "wrong type: review status": Case(replace("status: verified", "status: 1"), [rf"^{F}:15: review\.status: "]),
    "wrong type: image is text": Case(
        replace("  - file: events/photo.jpg\n    alt: {zh: 一张照片, en: A photo}", "  - events/photo.jpg"),
        [rf"^{F}:21: images\[1\] \(第1张图片 / picture 1\): must be a group of fields"],
    ),
    "unknown kind": Case(replace("kind: event", "kind: evnt"), [rf"^{F}:1: kind: unknown kind `evnt`\. Did you mean `event`\?"]),
    "unknown field": Case(replace("title:", "titel:"), [rf"^{F}:3: titel: unknown field\. Did you mean `title`\?"]),
    "unknown nested field": Case(
        replace("alt: {zh: 一张照片, en: A photo}", "alt: {zh: 一张照片, en: A photo, fr: Une photo}"),
        [rf"^{F}:22: images\[1\]\.alt\.fr \(第1张图片 / picture 1\): unknown field"],
    ),
    "missing required field": Case(
        replace("summary:\n  zh: 一条测试记录。\n  en: A test record.\n", ""), [rf"^{F}:1: summary: required"]
    ),
    "missing kind": Case(replace("kind: event\n", ""), [rf"^{F}:1: kind: required"]),
    "missing alt translation": Case(
        replace("alt: {zh: 一张照片, en: A photo}", "alt: {zh: 一张照片}"),
        [rf"^{F}:22: images\[1\]\.alt\.en \(第1张图片 / picture 1\): required"],
    ),
    "missing translation (strict)": Case(
        replace("  en: A test record.\n", ""),
        [rf"^{F}:6: summary\.en: English translation missing \(strict mode\)"],
        args=("--strict",),
    ),
    "record in the wrong folder": Case(
        lambda root: (root / RECORD).rename(root / "exhibits/test-event.yml"),
        [r"^exhibits/test-event\.yml:1: kind: a event record belongs in exhibits/events/"],
    ),
    # identity and references
    "duplicate id": Case(
        two_files(GOOD),
        [r"^exhibits/events/test-event\.yml:2: id: \"test-event\" is already used by exhibits/events/copy\.yml:2"],
    ),
    "duplicate key": Case(text(GOOD + "id: again\n"), [rf"^{F}:23: id: appears twice \(first on line 2\)"]),
    "bad id": Case(replace("id: test-event", "id: 测试"), [rf"^{F}:2: id: \"测试\" is not an id"]),
    "dangling reference": Case(
        text(GOOD + "related: [nowhere-record]\n"),
        [rf"^{F}:23: related\[1\] \(第1个相关展品 / related exhibit 1\): no published record has the id \"nowhere-record\""],
    ),
    "reference to a draft": Case(
        lambda root: (
            text(GOOD + "related: [draft-one]\n")(root),
            text(
                VALID_EVENT.replace("test-event", "draft-one").replace("status: verified", "status: draft"),
                "exhibits/events/draft-one.yml",
            )(root),
        ),
        [rf"^{F}:23: related\[1\] \(第1个相关展品 / related exhibit 1\): no published record has the id \"draft-one\""],
    ),
    "self reference": Case(
        text(GOOD + "related: [test-event]\n"),
        [rf"^{F}:23: related\[1\] \(第1个相关展品 / related exhibit 1\): points to this record itself"],
    ),
    "unknown source id": Case(
        text(GOOD + "figures:\n  - label: {zh: 人数, en: people}\n    value: 3\n    source: nowhere\n"),
        [rf"^{F}:26: figures\[1\]\.source \(第1个数字 / figure 1\): no entry in `sources` has the id \"nowhere\""],
    ),
    # dates
    "impossible date": Case(
        replace("2019-03-15", "2019-02-30"), [rf"^{F}:9: date: \"2019-02-30\": 2019-02 has no day 30 \(it has 28 days\)"]
    ),
    "month thirteen": Case(replace("2019-03-15", "2019-13"), [rf"^{F}:9: date: \"2019-13\": month 13 does not exist"]),
    "wrong precision: time of day": Case(
        replace('"2019-03-15"', '"2019-03-15T10:00"'), [rf"^{F}:9: date: \"2019-03-15T10:00\" is not a date"]
    ),
    "wrong precision: one-digit month": Case(replace("2019-03-15", "2019-3"), [rf"^{F}:9: date: \"2019-3\" is not a date"]),
    "wrong precision: fraction of a year": Case(
        replace('"2019-03-15"', "2019.5"), [rf"^{F}:9: date: must be a date written as text"]
    ),
    # image paths that escape images/
    "image path with ../": Case(
        image_file("../secret.jpg"),
        [rf"^{F}:21: images\[1\]\.file \(第1张图片 / picture 1\): \"\.\./secret\.jpg\" points outside images/"],
    ),
    "image path absolute": Case(
        image_file("/etc/passwd"),
        [rf"^{F}:21: images\[1\]\.file \(第1张图片 / picture 1\): \"/etc/passwd\" points outside images/"],
    ),
    "image symlink out of the tree": Case(
        symlink_out, [rf"^{F}:21: images\[1\]\.file \(第1张图片 / picture 1\): \"events/link\.jpg\" leads outside images/"]
    ),
    "image symlink loop": Case(symlink_loop, [rf"^{F}:21: images\[1\]\.file \(第1张图片 / picture 1\): \"events/a\.jpg\""]),
    # broken images
    "image missing": Case(
        image_file("events/nope.jpg"),
        [rf"^{F}:21: images\[1\]\.file \(第1张图片 / picture 1\): images/events/nope\.jpg does not exist"],
    ),
    "image corrupt": Case(
        picture("garbage.jpg", b"this is not a picture" * 50),
        [rf"^{F}:21: images\[1\]\.file \(第1张图片 / picture 1\): images/events/garbage\.jpg is not a readable picture"],
    ),
    "image truncated": Case(
        picture("cut.jpg", photo_bytes(800, 600)[:3000]),
        [rf"^{F}:21: images\[1\]\.file \(第1张图片 / picture 1\): images/events/cut\.jpg cannot be decoded"],
    ),
    "image 0 bytes": Case(
        picture("empty.jpg", b""),
        [rf"^{F}:21: images\[1\]\.file \(第1张图片 / picture 1\): images/events/empty\.jpg is an empty file"],
    ),
    "image decompression bomb": Case(
        picture("bomb.png", png_header(40_000, 40_000)),
        [rf"^{F}:21: images\[1\]\.file \(第1张图片 / picture 1\): images/events/bomb\.png is larger than 80 million pixels"],
    ),
    "image too many pixels": Case(
        picture("huge.png", png_header(10_000, 9_000)),
        [rf"^{F}:21: images\[1\]\.file \(第1张图片 / picture 1\): images/events/huge\.png is 10000×9000 pixels"],
    ),
    "image in another format": Case(
        picture(
            "photo.bmp", b"BM" + struct.pack("<IHHIIiiHHIIiiII", 58, 0, 0, 54, 40, 1, 1, 1, 24, 0, 4, 0, 0, 0, 0) + b"\0\0\0\0"
        ),
        [rf"^{F}:21: images\[1\]\.file \(第1张图片 / picture 1\): images/events/photo\.bmp is a BMP file"],
    ),
    # files
    "huge text": Case(replace("  zh: 正文。", "  zh: " + "长" * 200_000), [rf"^{F}: is \d+ KB; a record must stay under 512 KB"]),
    "too many values": Case(text(GOOD + "tags: [" + ", ".join(["a"] * 25_000) + "]\n"), [rf"^{F}: has more than 20000 values"]),
    "alias bomb (billion laughs)": Case(text(billion_laughs()), [rf"^{F}:3: is not valid YAML: uses a YAML anchor"]),
    "not UTF-8 (GBK)": Case(raw(GOOD.encode("gbk")), [rf"^{F}:4: is not UTF-8 text"]),
    "byte-order mark": Case(raw(b"\xef\xbb\xbf" + GOOD.encode()), [rf"^{F}:1: starts with a byte-order mark"]),
    "binary file": Case(raw(photo_bytes(64, 48)), [rf"^{F}:\d+: is not UTF-8 text"]),
    "top-level list": Case(text("- kind: event\n- id: x\n"), [rf"^{F}:1: holds a list at the top"]),
    "empty file": Case(text(""), [rf"^{F}:1: is empty"]),
    "only comments": Case(text("# nothing yet\n# later\n"), [rf"^{F}:1: is empty"]),
    # Markdown that carries HTML or scripts
    "markdown: <script>": Case(in_body("正文<script>alert(1)</script>"), [rf"^{F}:18: body\.zh: contains HTML"]),
    "markdown: <iframe>": Case(
        replace("A test record.", "<iframe src=https://example.org></iframe>"), [rf"^{F}:8: summary\.en: contains HTML"]
    ),
    "markdown: on*= attribute in a tag": Case(
        in_body("<img src=x onerror=alert(1)>", "en"), [rf"^{F}:19: body\.en: contains HTML"]
    ),
    "markdown: javascript: link": Case(
        in_body("[点我](javascript:alert(1))"), [rf"^{F}:18: body\.zh: contains HTML or a javascript: link"]
    ),
    "markdown: JavaScript: link in capitals": Case(
        in_body("[x](JaVaScRiPt:alert(1))", "en"), [rf"^{F}:19: body\.en: contains HTML or a javascript: link"]
    ),
    "markdown: link to nothing": Case(
        in_body("见[照片](photo.png)"), [rf"^{F}:18: body\.zh: the link 'photo\.png' leads to nothing"]
    ),
    # Found by this corpus and fixed in records/load.py and records/validate.py.
    "markdown: on*= attribute by attr_list": Case(
        in_body('[这里](https://example.org){ onclick="alert(1)" }'), [rf"^{F}:18: body\.zh: "]
    ),
    "markdown: javascript: hidden in an entity": Case(in_body("[x](jav&#x61;script:alert(1))"), [rf"^{F}:18: body\.zh: "]),
    "markdown: picture from another host": Case(in_body("![图](https://example.org/x.png)"), [rf"^{F}:18: body\.zh: "]),
    "yaml: deep nesting": Case(text("kind: event\nid: test-event\nbody: " + "[" * 20_000 + "]" * 20_000 + "\n"), [rf"^{F}:3: "]),
    "yaml: a list as a key": Case(text(GOOD + "? [a, b]\n: c\n"), [rf"^{F}:23: "]),
    "yaml: NUL character": Case(replace("测试活动", "测试\x00活动"), [rf"^{F}:4: "]),
    "yaml: 5000-digit number": Case(
        text(GOOD + "figures:\n  - label: {zh: 人数, en: people}\n    value: 1" + "0" * 5000 + "\n    source: yearbook\n"),
        [rf"^{F}:25: "],
    ),
    "image path with a NUL byte": Case(
        image_file('"events/a\\0b.jpg"'), [rf"^{F}:21: images\[1\]\.file \(第1张图片 / picture 1\): "]
    ),
    "image path too long": Case(
        image_file("events/" + "a" * 300 + ".jpg"), [rf"^{F}:21: images\[1\]\.file \(第1张图片 / picture 1\): "]
    ),
    # The curator's day (issue #15) and checkable content (issue #13)
    "yaml: full-width colon": Case(
        text(GOOD + "    licence：CC BY 4.0\n"),
        [
            rf"^{F}:23: licence: the colon after \"licence\" is a full-width colon \(：\)\. Type an ASCII colon \(:\) followed by a space$"
        ],
    ),
    "yaml: full-width comma in a group": Case(
        replace("alt: {zh: 一张照片, en: A photo}", "alt: {zh: 一张照片，en: A photo}"),
        [rf"^{F}:22: alt: the comma before \"en\" is a full-width comma \(，\)\. Type an ASCII comma \(,\)$"],
    ),
    "plain text for a bilingual group": Case(
        text(GOOD + "    credit: 聊城市双拥展览馆\n"),
        [
            rf"^{F}:23: images\[1\]\.credit \(第1张图片 / picture 1\): must be a group of fields \(zh, en\), found \"聊城市双拥展览馆\"\. "
            rf"Write both languages: `credit: \{{zh: 聊城市双拥展览馆, en: …\}}`$"
        ],
    ),
    "image path from the project folder": Case(
        image_file("images/events/photo.jpg"),
        [
            rf"^{F}:21: images\[1\]\.file \(第1张图片 / picture 1\): images/images/events/photo\.jpg does not exist\. Paths start inside images/: drop the leading images/ and write `file: events/photo\.jpg`$"
        ],
    ),
    "image extension .jpeg for .jpg": Case(
        image_file("events/photo.jpeg"),
        [
            rf"^{F}:21: images\[1\]\.file \(第1张图片 / picture 1\): images/events/photo\.jpeg does not exist\. Did you mean `file: events/photo\.jpg` \(the file that exists\)\?$"
        ],
    ),
    "markdown: data: link": Case(
        in_body("[x](data:text/html;base64,PHNjcmlwdD4=)"),
        [
            rf"^{F}:18: body\.zh: contains a link to \"data:text/html;base64,PHNjcmlwdD4=\": data: links are not allowed\. "
            rf"Link with an http\(s\):// or mailto: address, or to a page of this site$"
        ],
    ),
    "glossary: wrong English (strict)": Case(
        in_body("The political director spoke.", "en"),
        [
            rf"^{F}:19: body\.en: \"political director\" is not the approved English for 政治部主任\. "
            rf"Write \"director of the Political Department\" \(settings/glossary\.yml\)$"
        ],
        args=("--strict",),
    ),
    "quote lacks the figure (strict)": Case(
        text(
            GOOD.replace(
                "    publisher: 聊城市退役军人事务局\n", "    publisher: 聊城市退役军人事务局\n    quote: 共有一千三百人参加。\n"
            )
            + "figures:\n  - label: {zh: 人数, en: people}\n    value: 1500\n    source: yearbook\n"
        ),
        [
            rf"^{F}:26: figures\[1\]\.value \(第1个数字 / figure 1\): 1500 is not in the quote of source yearbook \(\"共有一千三百人参加。\"\)\. Correct the number or the quote$"
        ],
        args=("--strict",),
    ),
}


def _params():
    for name, case in CASES.items():
        marks = list(case.marks)
        if case.bug:
            marks.append(pytest.mark.xfail(strict=True, reason=f"known fault: {case.bug}"))
        yield pytest.param(name, marks=marks, id=name)


@dataclass
class Outcome:
    returncode: int
    output: str
    site_before: str
    site_after: str
    leftovers: list


def run_case(good_project: Path, work: Path, name: str) -> Outcome:
    case = CASES[name]
    root = work / re.sub(r"[^a-z0-9]+", "-", name.lower())
    shutil.copytree(good_project, root, symlinks=True)
    before = tree_hash(root / "site")
    case.break_it(root)
    returncode, output = run_forked(root, "build", *case.args)
    return Outcome(returncode, output, before, tree_hash(root / "site"), [p.name for p in root.glob(".site-*")])


@pytest.fixture(scope="module")
def outcomes(good_project, tmp_path_factory, request) -> dict[str, Outcome]:
    """Every selected case, run two at a time (each is a separate `exhibition build`)."""
    selected = [
        item.callspec.params["name"]
        for item in request.session.items
        if item.module is sys.modules[__name__] and hasattr(item, "callspec") and "name" in item.callspec.params
    ]
    work = tmp_path_factory.mktemp("cases")
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {name: pool.submit(run_case, good_project, work, name) for name in selected}
    return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("name", _params())
def test_bad_input_is_refused_in_curator_terms_and_site_survives(outcomes, name):
    case, outcome = CASES[name], outcomes[name]
    output = outcome.output
    assert "Traceback" not in output, output
    assert "internal error" not in output, output  # the CLI turns any fault of ours into one line: not a refusal
    assert outcome.returncode == PROBLEMS, output  # a curator's mistake, not a fault of ours (INTERNAL)
    for pattern in case.expect:
        assert re.search(pattern, output, re.M), f"{pattern!r} not in:\n{output}"
    assert outcome.site_after == outcome.site_before, "site/ was changed by a failed build"
    assert not outcome.leftovers, f"temporary build folders left behind: {outcome.leftovers}"


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 30
