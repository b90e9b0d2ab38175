"""Pinyin keys for searching Chinese with the letters A–Z (kiosk keyboard, roll of names)."""

from exhibition import pinyin


def test_full_pinyin_and_initials():
    assert pinyin.keys("聊城舰") == ("liaochengjian", "lcj")
    assert pinyin.keys("范筑先") == ("fanzhuxian", "fzx")
    assert pinyin.keys("张自忠") == ("zhangzizhong", "zzz")


def test_a_query_matches_by_full_pinyin_or_initials_and_nothing_else():
    assert pinyin.matches("lcj", "聊城舰") and pinyin.matches("liaocheng", "聊城舰") and pinyin.matches("LCJ", "聊城舰")
    assert pinyin.matches("fzx", "范筑先") and pinyin.matches("zhuxian", "范筑先")
    assert not pinyin.matches("fzx", "聊城舰") and not pinyin.matches("", "聊城舰")
    # Latin letters and digits in a title count as they are.
    assert pinyin.matches("056a", "Type 056A 护卫舰")
