"""No living person named without consent (issue #24, 个人信息保护法).

Every Chinese text a record publishes (its texts, captions, lessons and the quotes of its sources),
and every English one with Chinese words in it, is read with jieba's part-of-speech tagger; a word tagged as a person's name (nr…) must be the
name of a person record, a historical figure of settings/historical-figures.yml (each with a
source), or a name the record's `consent:` lists. Otherwise it is to be written as 〔姓名略〕.

jieba also tags ordinary words as names (双拥, 纪念塔, 史实). Two rules keep those out: a name is
two to four Chinese characters starting with a common surname (_SURNAMES); and the words of
`not_names` in settings/historical-figures.yml, each with a reason, are never names.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterator

from . import model
from .load import Document
from .problems import Problem, dotted

ELIDED = "〔姓名略〕"
# Single-character surnames of the 百家姓 in common use today (the first ~150 cover 90 % of the
# population), and the double surnames still met.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖"
    "贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟"
    "殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农"
    "司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池"
    "乐匡植鞠郁屠习"
)
_DOUBLE_SURNAMES = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "令狐",
    "慕容",
    "夏侯",
    "长孙",
    "宇文",
    "司徒",
)
_HAN = re.compile(r"^[\u3400-\u9fff]{2,4}$")


def looks_like_name(word: str) -> bool:
    if not _HAN.match(word):
        return False
    return word[0] in _SURNAMES or word.startswith(_DOUBLE_SURNAMES)


@functools.lru_cache(maxsize=1)
def _tagger():
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)  # its dictionary chatter is not for curators
    return jieba, jieba.posseg


_ADDED: set[str] = set()


def teach(names: set[str]) -> None:
    """Known names are cut whole (姚第鸿, not 姚 + 第鸿)."""
    jieba, _ = _tagger()
    for name in sorted(names - _ADDED):
        if _HAN.match(name):
            jieba.add_word(name, freq=2000, tag="nr")
            _ADDED.add(name)
    _candidates.cache_clear()


@functools.lru_cache(maxsize=8192)
def _candidates(text: str) -> tuple[str, ...]:
    _, posseg = _tagger()
    found: list[str] = []
    words = [(w.word, w.flag) for w in posseg.cut(text.replace(ELIDED, "，"))]
    for index, (word, flag) in enumerate(words):
        if not flag.startswith("nr"):
            continue
        following = words[index + 1] if index + 1 < len(words) else ("", "")
        if (word in _SURNAMES or word in _DOUBLE_SURNAMES) and following[1].startswith("nr"):
            word += following[0]  # jieba cuts some names in two: 赵 + 志强 (nr, nrfg)
        if looks_like_name(word) and word not in found:
            found.append(word)
    return tuple(found)


def _chinese_texts(doc: Document, record: model.Record) -> Iterator[tuple[tuple, int, str]]:
    """(loc, line, text) of every text the record publishes in Chinese or with Chinese words in it, paragraph
    by paragraph, and its quotes."""
    from .citations import _split  # the paragraphs' own lines

    for loc, _ in record.texts():
        for lang in model.LANGS:  # an English text quotes Chinese words too (the inscription 民族英雄范筑先殉国处)
            raw = doc.value(loc + (lang,))
            if isinstance(raw, str) and raw.strip():
                for line, paragraph in _split(doc, loc + (lang,), raw):
                    yield loc + (lang,), line, paragraph
    for index, source in enumerate(record.sources):
        if source.quote:
            loc = ("sources", index, "quote")
            yield loc, doc.line(loc), source.quote


def name_problems(doc: Document, record: model.Record, known: set[str], not_names: set[str]) -> list[Problem]:
    """known: names that may be published (person records, historical figures); not_names: words jieba takes for names."""
    allowed = known | set(record.consent.names if record.consent else [])
    problems = []
    for loc, line, text in _chinese_texts(doc, record):
        for name in _candidates(text):
            if name in not_names or any(name in k for k in allowed):  # a known name, or a part of one jieba cut short
                continue
            problems.append(
                Problem(
                    doc.path,
                    line,
                    dotted(loc),
                    f'"{name}" looks like the name of a person who has no record here and is not a historical figure '
                    f"of settings/historical-figures.yml. A living person is named only with consent: write {ELIDED} "
                    f'in its place ("{_elided(text, name)}"), or list the name under the record\'s consent.names. '
                    f"A historical figure: add the name with a source to settings/historical-figures.yml; "
                    "not a name: add it to not_names there, with the reason",
                )
            )
    return problems


def _elided(text: str, name: str) -> str:
    at = text.find(name)
    start = max(0, at - 8)
    return text[start:at] + ELIDED + text[at + len(name) : at + len(name) + 4]
