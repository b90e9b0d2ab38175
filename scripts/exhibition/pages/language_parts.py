"""WCAG 3.1.2 (Language of Parts): on an English page, Chinese words sit in an element marked lang="zh".

Records keep Chinese terms in their English text on purpose (冀南行署, names, source titles), so the
marking is done once, on the finished HTML of every page that is not Chinese: each run of Han
characters in text (with the CJK punctuation around it) that is not already inside a lang="zh"
element is wrapped in <span lang="zh">. Where a span may not go (<option>, <title>, SVG text) the
element itself gets lang="zh" when its text is Chinese, or is left alone (<script>, <style>).
"""

from __future__ import annotations

import re

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_MARKS = "\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u00b7"
_RUN = re.compile(rf"[{_CJK_MARKS}]*[{HAN}][{HAN}{_CJK_MARKS}]*")
_HAS_HAN = re.compile(rf"[{HAN}]")
_TOKEN = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<[^>]+>", re.S)
_NAME = re.compile(r"</?\s*([a-zA-Z][\w:-]*)")
_LANG = re.compile(r"""\slang\s*=\s*["']?([\w-]+)""", re.I)
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
# Text inside these is never wrapped: code, not prose, or no <span> allowed inside.
RAW = {"script", "style", "textarea", "title", "svg", "math", "template"}
# These may hold only text: they get lang="zh" themselves when their text is Chinese.
TEXT_ONLY = {"option"}


def text_lang(text: str) -> str:
    """The language of a passage quoted as written (a source's quote): Chinese when it has Han characters."""
    return "zh" if _HAS_HAN.search(text) else "en"


def mark(html: str, default: str = "en") -> str:
    marker = _Marker(html, default)
    position = 0
    for token in _TOKEN.finditer(html):
        marker.text(html[position : token.start()])
        position = token.end()
        marker.tag(token.group(0), position)
    marker.text(html[position:])
    return "".join(marker.out)


class _Marker:
    """The page's HTML, marked as it is read: the text between tags (wrapped where Chinese) and the
    tags, with the stack of open elements and the language in force in each."""

    def __init__(self, html: str, default: str):
        self.html = html
        self.out: list[str] = []
        self.stack: list[tuple[str, str]] = [("#root", default)]  # (tag, language in force)

    def text(self, text: str) -> None:
        self.out.append(_text(text, self.stack))

    def tag(self, tag: str, end: int) -> None:
        """A tag that ends at end; comments, CDATA and declarations pass as they are."""
        name_match = _NAME.match(tag)
        if not name_match or tag.startswith(("<!", "<?")):
            self.out.append(tag)
        elif tag.startswith("</"):
            self.close(name_match.group(1).lower())
            self.out.append(tag)
        else:
            self.open(tag, name_match.group(1).lower(), end)

    def close(self, name: str) -> None:
        """Back to the innermost open element of that name (an unmatched end tag closes nothing)."""
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == name:
                del self.stack[depth:]
                return

    def open(self, tag: str, name: str, end: int) -> None:
        lang_match = _LANG.search(tag)
        lang = lang_match.group(1).lower() if lang_match else self.stack[-1][1]
        if name in TEXT_ONLY and not lang_match and self.chinese_after(end):
            tag = tag[:-1].rstrip("/") + ' lang="zh">'
            lang = "zh"
        self.out.append(tag)
        if name not in VOID and not tag.endswith("/>"):
            self.stack.append((name, "raw" if name in RAW else lang))

    def chinese_after(self, position: int) -> bool:
        """Whether the text from position to the next tag has Han characters (a text-only element's)."""
        end = self.html.find("<", position)
        return bool(_HAS_HAN.search(self.html[position : end if end >= 0 else None]))


def _text(text: str, stack: list[tuple[str, str]]) -> str:
    if not text or not _HAS_HAN.search(text):
        return text
    if any(lang == "raw" for _, lang in stack):
        return text
    if stack[-1][1].startswith("zh") or stack[-1][0] in TEXT_ONLY:
        return text
    return _RUN.sub(lambda m: f'<span lang="zh">{m.group(0)}</span>', text)
