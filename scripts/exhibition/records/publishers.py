"""A source's publisher as visitors read it, and its English name from the glossary's `publishers` table.

`publisher_name` cleans the curator's note (hosts and reprints out); `english` finds the English of a
cleaned name: the whole name, the name before a bracketed note (聊城市退役军人事务局（2019年年鉴条目）), or,
for publishers joined with commas or 、 (国务院、中央军委), each part; a name with any part the table lacks
has no English (a half-translated line would tell the reader less than the Chinese). `keys` says which
table entries a cleaned name can use: `make check` refuses an entry no source cites.

Layer: records/ (the pages, the settings check and the report use it; the table arrives as a dict).
"""

from __future__ import annotations

import re

from . import model

# A host name as a publisher's note or a sentence writes it: sdzjyou.com, www.gov.cn, english.chinamil.com.cn.
# Visitors read a publisher's name, never a domain (design review 2026-12, #1); links keep their address.
DOMAIN = re.compile(
    r"(?<![\w@/.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|cn|org|net|gov|edu|info|xyz|me|pk|tv|io|uk|hk|tw)(?![\w-])",
    re.I,
)
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
_CLAUSE_BREAK = re.compile(r"(\s*[；;，,]\s*)")
# The work a piece is part of, named in its title's note: "孔繁森（《聊城人物大辞典》第888页）".
_WORK = re.compile(r"[（(][^（）()]*?(《[^》]+》)")
# Where joined publishers part: commas, semicolons, 、 and the middle dot of 聊城日报·聊城晚报.
_JOINED = re.compile(r"\s*[；;，,、·]\s*")
_CHINESE = re.compile(r"[\u3400-\u9fff]")
# A name and the bracketed note after it: 聊城日报（第A5版）.
_NOTED = re.compile(r"(.+?)\s*[（(][^（）()]*[）)]")


def publisher_name(source: model.Source) -> str:
    """The source's publisher as visitors read it: without the hosts and reprints the curator noted
    ("新华社（转载于 m.a3658.cn）" -> "新华社", "Jane's (janes.com)" -> "Jane's"); the work named in the
    title when the publisher is only a host ("meta.librarydata.cn" + "孔繁森（《聊城人物大辞典》…）"
    -> "《聊城人物大辞典》"); "" when nothing but a host is known."""
    return cleaned(source.publisher, source.title)


def cleaned(publisher: str, title: str) -> str:
    """publisher_name of a source's publisher and title as written (also of a file that failed its check)."""
    notes: list[str] = []

    def bracketed(match) -> str:  # a note without a host is kept whole, commas and all
        if DOMAIN.search(match[0]) or "转载" in match[0]:
            return ""
        notes.append(match[0])
        return f"\0{len(notes) - 1}\0"

    parts = _CLAUSE_BREAK.split(_BRACKETED.sub(bracketed, publisher))
    kept: list[str] = []
    for index in range(0, len(parts), 2):
        if parts[index].strip() and not DOMAIN.search(parts[index]):
            if kept:
                kept.append(parts[index - 1])
            kept.append(parts[index])
    name = re.sub(r"\0(\d+)\0", lambda m: notes[int(m[1])], "".join(kept))
    name = name.strip()
    if not name:
        work = _WORK.search(title)
        name = work[1] if work else ""
    return name


def without_note(part: str) -> str:
    """A name without the bracketed note after it ("聊城日报（第A5版）" -> "聊城日报")."""
    noted = _NOTED.fullmatch(part)
    return noted[1] if noted else part


def in_chinese(name: str) -> bool:
    """The name itself (its note aside) is Chinese: "Global Times (环球时报)" already reads in English."""
    return bool(_CHINESE.search(without_note(name)))


def keys(name: str) -> list[str]:
    """The table entries a cleaned name may use: itself, without its note, and each joined part's."""
    found = [name, without_note(name)] + [without_note(p) for p in _JOINED.split(name) if p]
    return list(dict.fromkeys(k for k in found if k))


def named(data: dict) -> set[str]:
    """keys of every source's publisher in a record file's data, as written: every file counts, drafts
    and files with mistakes too (a typo elsewhere in it is one message, not two)."""
    sources = data.get("sources")
    return {
        key
        for s in (sources if isinstance(sources, list) else [])
        if isinstance(s, dict) and isinstance(s.get("publisher"), str)
        for key in keys(cleaned(s["publisher"], str(s.get("title", ""))))
    }


def shown(source: model.Source, lang: str, table: dict[str, str]) -> tuple[str, str]:
    """How a reader of lang meets the source's publisher: (its English name from table, "" on a Chinese page
    or where the table has none; its cleaned name, publisher_name)."""
    name = publisher_name(source)
    return (english(name, table) if lang == "en" else ""), name


def plain(source: model.Source, lang: str, table: dict[str, str]) -> str:
    """The publisher in plain text (JSON-LD, the teacher's print): "Liaocheng Daily (聊城日报)" in English where
    the table has its English, else the cleaned name alone ("新华社", "《聊城人物大辞典》", "" for a bare host)."""
    en, name = shown(source, lang, table)
    return f"{en} ({name})" if en else name


def english(name: str, table: dict[str, str]) -> str:
    """The English of a cleaned publisher's name, "" when the table cannot give all of it."""
    if not name:
        return ""
    for whole in (name, without_note(name)):
        if whole in table:
            return table[whole]
    parts = [without_note(p) for p in _JOINED.split(name) if p]
    if len(parts) > 1 and all(p in table for p in parts):
        return ", ".join(table[p] for p in parts)
    return ""
