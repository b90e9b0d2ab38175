"""The numbers and dates a paragraph states (records/textnumbers.py), rule by rule: each table holds
texts that must be read, with what is shown and the value, and look-alikes that must not be read.
The paragraph check compares exactly these values with the quotes, so a wrong value, a number left
unread or a wrong text in the message is a guard fooled (issue #32: `make mutation` runs these)."""

from __future__ import annotations

import pytest

from exhibition.records.textnumbers import stated


def read(text: str) -> list[tuple]:
    """(as shown, value) of each thing read, in order; the value is a number or (year, month, day)."""
    return [(f.shown, f.number if f.date is None else f.date) for f in stated(text)]


CHINESE_DATES = [
    ("1938年11月15日，范筑先殉国。", [("1938年11月15日", (1938, 11, 15))]),
    ("一九三八年十一月十五日", [("一九三八年十一月十五日", (1938, 11, 15))]),
    ("一九〇八年生", [("一九〇八年", (1908, 0, 0))]),  # 〇 is a zero
    ("二零一九年九月", [("二零一九年九月", (2019, 9, 0))]),
    ("1938年", [("1938年", (1938, 0, 0))]),  # a year alone: no month, no day
    ("2019年0月", [("2019年0月", (2019, 0, 0))]),  # a month 0 is no month
    ("2019年 3 月 5 号", [("2019年 3 月 5 号", (2019, 3, 5))]),
    ("9月30日是烈士纪念日。", [("9月30日", (0, 9, 30))]),
    ("每年十二月二十一日", [("十二月二十一日", (0, 12, 21))]),
    ("三月", [("三月", (0, 3, 0))]),
]
CHINESE_DATE_LOOKALIKES = [
    ("938年", [("938", 938)]),  # three digits: a count of years, not a year
    ("12345年", [("12345", 12345)]),  # no year inside a longer number
    ("去年12月", [("12月", (0, 12, 0))]),
    ("年月日", []),
    ("三个月", [("三", 3)]),  # a count of months
    ("十年", [("十", 10)]),
]


@pytest.mark.parametrize("text, expected", CHINESE_DATES + CHINESE_DATE_LOOKALIKES)
def test_chinese_dates(text, expected):
    assert read(text) == expected


ENGLISH_AND_NUMERIC_DATES = [
    ("He died on 16 May 1940.", [("16 May 1940", (1940, 5, 16))]),
    ("on May 16, 1940, he", [("May 16, 1940", (1940, 5, 16))]),
    ("on MAY 16 1940", [("MAY 16 1940", (1940, 5, 16))]),  # any case
    ("Sep. 3, 1945", [("Sep. 3, 1945", (1945, 9, 3))]),
    ("September 1966 Joins the Party.", [("September 1966", (1966, 9, 0))]),
    ("opened on 2019-12-01", [("2019-12-01", (2019, 12, 1))]),
    ("in 2019-12", [("2019-12", (2019, 12, 0))]),  # no day given: none read
]
ENGLISH_DATE_LOOKALIKES = [
    ("May we 16", [("16", 16)]),
    ("version 1.2019-12", [("1.2019", 1.2019), ("12", 12)]),  # no date inside a decimal
    ("12019-12-01", [("12019", 12019), ("12", 12), ("01", 1)]),  # five digits: no year
    ("March on", []),  # a month without a year is a word
    ("May Fourth", []),
]


@pytest.mark.parametrize("text, expected", ENGLISH_AND_NUMERIC_DATES + ENGLISH_DATE_LOOKALIKES)
def test_english_and_numeric_dates(text, expected):
    assert read(text) == expected


ARABIC = [
    ("园内有烈士墓23座", [("23", 23)]),
    ("16,252个岗位", [("16,252", 16252)]),
    ("全年约2.1万人次", [("2.1万", 21000)]),
    ("约20万人", [("20万", 200000)]),
    ("20余万人，30多万元", [("20余万", 200000), ("30多万", 300000)]),  # a rough count is read with its unit
    ("抚恤金2亿元", [("2亿", 200000000)]),
    ("1.5 万", [("1.5 万", 15000)]),
    ("3.95 million yuan", [("3.95 million", 3950000)]),
    ("1.2 billion", [("1.2 billion", 1200000000)]),
    ("2 Billion", [("2 Billion", 2000000000)]),
    ("高2.5米", [("2.5", 2.5)]),  # decimals stay decimals
    ("0.1234567", [("0.1234567", 0.123457)]),  # to six places
]
ARABIC_LOOKALIKES = [
    ("A4纸", []),  # part of a name
    ("mp3", []),
    ("1,3000", [("1", 1), ("3000", 3000)]),  # four digits after a comma: not a separator
    ("20 millions", [("20", 20)]),  # millions is not a unit word here
    ("万 20", [("20", 20)]),  # the unit comes after the number (and a lone 万 needs a measure word)
]


@pytest.mark.parametrize("text, expected", ARABIC + ARABIC_LOOKALIKES)
def test_arabic_numbers(text, expected):
    assert read(text) == expected


CHINESE_NUMERALS = [
    ("一千三百名", [("一千三百", 1300)]),
    ("七十多年间", [("七十", 70)]),
    ("两次走访", [("两", 2)]),
    ("冀南军区第七军分区", [("第七", 7)]),
    ("百余名", [("百", 100)]),
    ("万余人", [("万", 10000)]),  # 万 alone is ten thousand
    ("三万人", [("三万", 30000)]),
    ("三十五万人", [("三十五万", 350000)]),
    ("三万五千人", [("三万五千", 35000)]),
    ("两亿元", [("两亿", 200000000)]),
    ("一亿三千万元", [("一亿三千万", 130000000)]),
    ("一千万元", [("一千万", 10000000)]),  # 千万 inside a number is not "by all means"
    ("一万一千人", [("一万一千", 11000)]),  # nor 万一 "in case"
    ("三十分", [("三十", 30)]),  # nor 十分 "very"
    ("二十多万人", [("二十多万", 200000)]),
    ("二十余万人", [("二十余万", 200000)]),
    ("四九年", [("四九", 49)]),  # two numerals that are not "a few": read digit by digit
    ("第三批", [("第三", 3)]),
]
CHINESE_NUMERAL_LOOKALIKES = [
    ("一说他是湖北人，一同前往，统一安排", []),  # a lone 一 is never a number
    ("第一座纪念馆", []),  # 第一 is "first"
    ("三人", [("三", 3)]),
    ("三X光", []),  # a single numeral needs a measure word after it
    ("十分重要，万一，千万不要，万万不可", []),
    ("八一建军节，七一，五四运动", []),
    ("一二九运动", []),
    ("三三两两，一一列举", []),
    ("用两三句话，三四个人，三五成群", []),  # "a few", not 23, 34, 35
    ("唯一一座", []),
]


@pytest.mark.parametrize("text, expected", CHINESE_NUMERALS + CHINESE_NUMERAL_LOOKALIKES)
def test_chinese_numerals(text, expected):
    assert read(text) == expected


ENGLISH_WORDS = [
    ("in seven loans", [("seven", 7)]),
    ("twenty-five halls", [("twenty-five", 25)]),
    ("Twenty-Five", [("Twenty-Five", 25)]),
    ("two hundred names", [("two hundred", 200)]),
    ("three thousand", [("three thousand", 3000)]),
    ("four million", [("four million", 4000000)]),
    ("a hundred people", [("a hundred", 100)]),
    ("one thousand", [("one thousand", 1000)]),
    ("a museum with seven halls", [("seven", 7)]),  # "a" alone is skipped, the rest still read
]
ENGLISH_WORD_LOOKALIKES = [
    ("one of the first", []),
    ("an hour", []),
    ("someone often", []),  # no number inside a word
    ("tenth", []),
    ("hundreds of", []),
]


@pytest.mark.parametrize("text, expected", ENGLISH_WORDS + ENGLISH_WORD_LOOKALIKES)
def test_english_number_words(text, expected):
    assert read(text) == expected


NOT_STATEMENTS = [
    ("共2[@yearbook]3人", [("2", 2), ("3", 3)]),  # a marker between two figures keeps them apart
    ("[@yearbook]60名", [("60", 60)]),  # and does not hide the next one
    ("见[@yearbook-2019; @xinhua-2018]，[链接](https://example.org/2019/60.html)。", []),
    ("[链接](https://example.org/60)，共5人", [("5", 5)]),
]


@pytest.mark.parametrize("text, expected", NOT_STATEMENTS)
def test_markers_links_and_list_numbers_are_not_statements(text, expected):
    assert read(text) == expected


def test_list_numbers_are_not_statements():
    assert read("1. 走访\n 2) 慰问\n3、座谈，共5人") == [("5", 5)]


def test_everything_is_read_in_the_order_written():
    text = "1938年11月15日，seven halls, 3人, 两次 and May 16, 1940; 2019-12-01 9月30日 二十人"
    assert [shown for shown, _ in read(text)] == [
        "1938年11月15日",
        "seven",
        "3",
        "两",
        "May 16, 1940",
        "2019-12-01",
        "9月30日",
        "二十",
    ]
