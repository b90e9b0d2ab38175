"""The living-names check (records/names.py, issue #24) on records held in memory: which words are taken
for names, where each is reported (the paragraph's own line) and what the message shows (issue #32:
`make mutation` runs these)."""

from __future__ import annotations

import pytest

from exhibition.records import model, names
from exhibition.records.load import load

RECORD = """\
kind: event
id: visits
title:
  zh: 春节走访
  en: Spring Festival visits
summary:
  zh: 王小明同志讲话。
  en: A speech.
body:
  zh: |
    春节前走访慰问。

    退役军人张建国和李秀英参加了座谈。
  en: |
    Visits before the Spring Festival.

    Veterans attended a meeting.
date: "2019-01"
sources:
  - id: visits
    title: 春节走访慰问
    publisher: 聊城市退役军人事务局
    quote: 陪同省军区领导走访慰问一等功军人吕玉生
review:
  status: draft
  date: 2026-11-28
"""
WHO = "looks like the name of a person who has no record here and is not a historical figure of settings/historical-figures.yml."


def problems(tmp_path, text: str = RECORD, known: set[str] = frozenset(), not_names: set[str] = frozenset()) -> list[str]:
    path = tmp_path / "visits.yml"
    path.write_text(text, encoding="utf-8")
    doc, errors = load(path, "exhibits/events/visits.yml")
    assert errors == []
    record = model.KINDS[doc.data["kind"]].model_validate(doc.data)
    return [str(p) for p in names.name_problems(doc, record, set(known), set(not_names))]


def test_each_unknown_name_is_refused_at_its_paragraph_with_the_words_around_it(tmp_path):
    found = problems(tmp_path)
    assert [p.split(WHO)[0] for p in found] == [
        'exhibits/events/visits.yml:7: summary.zh: "王小明" ',
        'exhibits/events/visits.yml:13: body.zh: "张建国" ',  # the second paragraph's line, not the block's
        'exhibits/events/visits.yml:13: body.zh: "李秀英" ',
        'exhibits/events/visits.yml:23: sources[1].quote (第1个来源 / source 1): "吕玉生" ',
    ]
    # Where to write 〔姓名略〕: up to 8 characters before the name and 4 after.
    assert [p.split("in its place (")[1].split(")")[0] for p in found] == [
        '"〔姓名略〕同志讲话"',
        '"退役军人〔姓名略〕和李秀英"',
        '"退役军人张建国和〔姓名略〕参加了座"',
        '"访慰问一等功军人〔姓名略〕"',
    ]
    assert found[0].endswith(
        f"{WHO} A living person is named only with consent: write 〔姓名略〕 in its place "
        '("〔姓名略〕同志讲话"), or list the name under the record\'s consent.names. A historical figure: add '
        "the name with a source to settings/historical-figures.yml; not a name: add it to not_names there, with the reason"
    )


def test_known_names_consented_names_and_parts_of_known_names_pass(tmp_path):
    assert problems(tmp_path, known={"王小明", "张建国", "李秀英", "吕玉生"}) == []
    consent = 'consent: {reference: 档案2019-01, scope: 展览网站, date: "2019-01-10", names: [王小明, 吕玉生]}\nreview:'
    left = problems(tmp_path, RECORD.replace("review:", consent), known={"张建国"})
    assert [p.split(WHO)[0].rsplit(":", 1)[1] for p in left] == [' "李秀英" ']
    # A word inside a longer known name (jieba cut it short) is that person; a longer word is not.
    assert problems(tmp_path, known={"王小明", "张建国强", "李秀英", "吕玉生"}) == []
    left = problems(tmp_path, known={"王小", "张建国", "李秀英", "吕玉生"})
    assert [p.split(WHO)[0].rsplit(":", 1)[1] for p in left] == [' "王小明" ']


def test_words_that_are_no_names_pass(tmp_path):
    text = RECORD.replace("王小明同志讲话。", "纪念塔前，双拥史实。")
    left = problems(tmp_path, text, known={"张建国", "李秀英", "吕玉生"})
    assert [p.split(WHO)[0].rsplit(":", 1)[1] for p in left] == [' "纪念塔" ', ' "史实" ']
    assert problems(tmp_path, text, known={"张建国", "李秀英", "吕玉生"}, not_names={"纪念塔", "史实"}) == []


def test_a_chinese_name_in_an_english_text_is_read(tmp_path):
    """An English text may quote Chinese words; a living person's name among them was published unchecked."""
    text = RECORD.replace("en: A speech.", "en: A speech by the veteran 赵志强 (retired).").replace("王小明", "〔姓名略〕")
    left = problems(tmp_path, text, known={"张建国", "李秀英", "吕玉生"})
    assert [p.split(WHO)[0] for p in left] == ['exhibits/events/visits.yml:8: summary.en: "赵志强" ']
    assert left[0].split("in its place (")[1].startswith('"veteran 〔姓名略〕 (re"')
    # English words alone are not read: jieba has no English names, and pinyin is no Chinese name.
    assert problems(tmp_path, text.replace("赵志强", "Zhao Zhiqiang"), known={"张建国", "李秀英", "吕玉生"}) == []


def test_an_elided_name_is_no_name_and_the_same_name_is_reported_once_a_paragraph(tmp_path):
    text = RECORD.replace("王小明同志讲话。", "〔姓名略〕同志讲话，〔姓名略〕发言。").replace(
        "张建国和李秀英参加了座谈", "张建国和张建国参加了座谈"
    )
    left = problems(tmp_path, text, known={"吕玉生"})
    assert [p.split(WHO)[0] for p in left] == ['exhibits/events/visits.yml:13: body.zh: "张建国" ']
    assert '("退役军人〔姓名略〕和张建国")' in left[0]  # the first place it is written


def test_a_record_without_quotes_and_a_text_without_english(tmp_path):
    text = RECORD.replace("    quote: 陪同省军区领导走访慰问一等功军人吕玉生\n", "")
    assert problems(tmp_path, text, known={"王小明", "张建国", "李秀英"}) == []
    # A text not yet translated (no `en:`) is read in Chinese.
    text = text.replace("  en: A speech.\n", "")
    assert [p.split(WHO)[0] for p in problems(tmp_path, text, known={"张建国", "李秀英"})] == [
        'exhibits/events/visits.yml:7: summary.zh: "王小明" '
    ]


NAMES = ["王小明", "李四", "张三丰", "欧阳修文", "司马光", "诸葛亮", "吕玉生", "萧红"]
NOT_NAMES = ["小明", "王", "王小明明明", "Wang", "王1", "双拥", "小王", "阿Q正传", "王 明"]


@pytest.mark.parametrize("word", NAMES)
def test_what_looks_like_a_name(word):
    assert names.looks_like_name(word)


@pytest.mark.parametrize("word", NOT_NAMES)
def test_what_does_not_look_like_a_name(word):
    assert not names.looks_like_name(word)


@pytest.mark.parametrize(
    "text, found",
    [
        ("老兵赵志强发言", ("赵志强",)),  # jieba cuts it 赵 + 志强: read as one name
        ("赵志强和王刚", ("赵志强", "王刚")),
        ("陪同省军区领导走访慰问一等功军人吕玉生", ("吕玉生",)),
        ("〔姓名略〕同志讲话", ()),
        ("纪念塔前", ("纪念塔",)),  # a word jieba tags as a name: settings' not_names keep it out
        ("春节前走访慰问", ()),
    ],
)
def test_the_words_taken_for_names(text, found):
    assert names._candidates(text) == found


def test_taught_names_are_cut_whole():
    jieba, posseg = names._tagger()  # as if never taught (mutmut runs this test again in the same process)
    jieba.del_word("马立新")
    posseg.dt.word_tag_tab.pop("马立新", None)
    names._ADDED.discard("马立新")
    names._candidates.cache_clear()
    assert names._candidates("烈士马立新同志") == ()  # jieba alone does not see this name
    names.teach({"马立新", "Ma Lixin"})  # a name that is not Chinese is not taught
    assert names._candidates("烈士马立新同志") == ("马立新",)
    assert names._ADDED >= {"马立新"} and "Ma Lixin" not in names._ADDED
