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
    out: list[str] = []
    stack: list[tuple[str, str]] = [("#root", default)]  # (tag, language in force)
    position = 0
    for token in _TOKEN.finditer(html):
        out.append(_text(html[position : token.start()], stack))
        tag = token.group(0)
        position = token.end()
        name_match = _NAME.match(tag)
        if not name_match or tag.startswith(("<!", "<?")):
            out.append(tag)
            continue
        name = name_match.group(1).lower()
        if tag.startswith("</"):
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth][0] == name:
                    del stack[depth:]
                    break
            out.append(tag)
            continue
        lang_match = _LANG.search(tag)
        lang = lang_match.group(1).lower() if lang_match else stack[-1][1]
        if name in TEXT_ONLY and not lang_match:
            end = html.find("<", position)
            if _HAS_HAN.search(html[position : end if end >= 0 else None]):
                tag = tag[:-1].rstrip("/") + ' lang="zh">'
                lang = "zh"
        out.append(tag)
        if name not in VOID and not tag.endswith("/>"):
            stack.append((name, "raw" if name in RAW else lang))
    out.append(_text(html[position:], stack))
    return "".join(out)


def _text(text: str, stack: list[tuple[str, str]]) -> str:
    if not text or not _HAS_HAN.search(text):
        return text
    if any(lang == "raw" for _, lang in stack):
        return text
    if stack[-1][1].startswith("zh") or stack[-1][0] in TEXT_ONLY:
        return text
    return _RUN.sub(lambda m: f'<span lang="zh">{m.group(0)}</span>', text)
