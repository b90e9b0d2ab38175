"""The privacy guard: personal data never reaches a page (个人信息保护法)."""

from __future__ import annotations

import pytest

from conftest import VALID_EVENT, run_cli, write
from exhibition.records.privacy import BANK_CARD, EMAIL, HOME, ID_CARD, PHONE, findings


def _id_card() -> str:
    """A syntactically valid 身份证号 (made up: region 370000, born 1990-01-01)."""
    body = "37000019900101123"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


# For each kind of personal data: texts that must be found, each with exactly the findings it holds
# (kind and matched text), and look-alikes that must not be. Made-up numbers with valid checksums.
FOUND = {
    ID_CARD: [
        (f"身份证号{_id_card()}", [_id_card()]),
        ("身份证号37150219850101009X", ["37150219850101009X"]),  # check character X (1 in 11 IDs)
        ("id 11010519491231002x.", ["11010519491231002x"]),  # written with a small x
        ("证件：440304198002290014，", ["440304198002290014"]),
        ("371502196607150219 and 371523197211030049", ["371502196607150219", "371523197211030049"]),
    ],
    PHONE: [
        ("联系电话13912345678。", ["13912345678"]),
        ("call +86 139 1234 5678 today", ["+86 139 1234 5678"]),
        ("手机19912345678", ["19912345678"]),  # 19x
        ("电话17012345678；", ["17012345678"]),  # 17x
        ("手机 139-1234-5678", ["139-1234-5678"]),
        ("电话0635-8888888", ["0635-8888888"]),
        ("电话010-87654321", ["010-87654321"]),  # an 8-digit landline
        ("电话 0635 8888888", ["0635 8888888"]),  # area code and a space
        ("tel (0635) 8888888", ["(0635) 8888888"]),  # bracketed area code
        ("热线：021-1234567。", ["021-1234567"]),  # three-digit area code
    ],
    BANK_CARD: [
        ("卡号 6222 0212 3456 7890 128", ["6222 0212 3456 7890 128"]),  # 19 digits in groups
        ("卡号6222021234567894", ["6222021234567894"]),  # 16 digits
        ("card 4532015112830366.", ["4532015112830366"]),
        ("账号6228480012345678903", ["6228480012345678903"]),  # 19 digits
        ("卡号6222-0212-3456-7894", ["6222-0212-3456-7894"]),  # dashes
        ("卡号 6225880123456783", ["6225880123456783"]),
    ],
    EMAIL: [
        ("write to someone@example.com", ["someone@example.com"]),
        ("邮箱 li_ming@163.com 。", ["li_ming@163.com"]),
        ("a.b+c@mail.example.org.cn", ["a.b+c@mail.example.org.cn"]),
        ("mail x-y@sub-domain.example.net now", ["x-y@sub-domain.example.net"]),
        ("<wang@qq.com>", ["wang@qq.com"]),
    ],
    HOME: [
        ("住在某小区3号楼2单元501室", ["3号楼", "2单元", "501室"]),
        ("住在5栋", ["5栋"]),
        ("住在3幢", ["3幢"]),
        ("家住三单元", ["三单元"]),
        ("十二号楼", ["十二号楼"]),
        ("第12户", ["12户"]),
        ("lives at Flat 12, Room 501", ["Flat 12", "Room 501"]),
        ("flat 2", ["flat 2"]),  # any case
        ("apt 3", ["apt 3"]),
        ("Apt. 7 and Apartment 12", ["Apt. 7", "Apartment 12"]),
        ("Rm. 3, Unit 9", ["Rm. 3", "Unit 9"]),
    ],
}

LOOK_ALIKES = {
    ID_CARD: [
        "37000019900101123X",  # 18 characters but a wrong checksum: not an ID number
        "3700001990010112",  # 16 digits, no checksum
        "A370000199001011233",  # glued to a letter: a serial number
        "370000199001011233B",
        "编号37150219850101009Y",
    ],
    PHONE: [
        "12912345678",  # 12x is no mobile prefix
        "139123456789",  # 12 digits
        "1391234567",  # 10 digits
        "编号6-241-5-090",
        "0635-888888888",  # too long for a landline
        "x-0635-8888888",  # part of a longer code
        "1937-1945",  # a year range
        "(0635)8888888",  # no separator after the area code: not a landline as written
    ],
    BANK_CARD: [
        "6222021234567895",  # 16 digits, Luhn-invalid
        "2019 2020 2021 2022",  # four years in a row
        "1937194519491976",
        "622202123456789",  # 15 digits
        "62220212345678941234",  # 20 digits
        "621700123456789011",  # 18 digits passing Luhn, shaped like an ID number
    ],
    EMAIL: [
        "@聊城舰",
        "user@localhost",
        "a @ b.com",
        "@example.com",
        "email at example dot com",
    ],
    HOME: [
        "聊城市经济技术开发区黄山路60号",  # a public building's street number
        "第3展厅",
        "3号展柜",
        "classroom 3",
        "Unity 2",
        "a room for 300 visitors",
    ],
}

ALLOWED = [
    "共为53828名优抚对象发放抚恤金约3亿元",
    "16,252个岗位，达成用工意向4410人",
    "2019年3月15日",
    "215.5万元",
    "1944.7一1994.11",
]


def _ids(cases) -> list[str]:
    """Plain ids (mutmut selects tests by id, and cannot with quotes, spaces or Chinese in them)."""
    short = {ID_CARD: "id", PHONE: "phone", BANK_CARD: "card", EMAIL: "email", HOME: "home"}
    return [f"{short[kind]}-{n}" for kind, values in cases.items() for n in range(len(values))]


@pytest.mark.parametrize(
    "kind, text, found", [(kind, text, found) for kind, cases in FOUND.items() for text, found in cases], ids=_ids(FOUND)
)
def test_personal_data_is_found_with_its_kind_and_text(kind, text, found):
    assert list(findings(text)) == [(kind, f) for f in found]


def test_every_kind_has_five_cases_and_five_look_alikes():
    for kind in FOUND:
        assert len(FOUND[kind]) >= 5 and len(LOOK_ALIKES[kind]) >= 5, kind


@pytest.mark.parametrize(
    "text",
    [text for cases in LOOK_ALIKES.values() for text in cases] + ALLOWED,
    ids=_ids(LOOK_ALIKES) + [f"allowed-{n}" for n in range(len(ALLOWED))],
)
def test_look_alikes_and_ordinary_numbers_pass(text):
    assert list(findings(text)) == []


def test_findings_in_one_text_come_in_order_of_kind():
    text = f"身份证{_id_card()}，电话13912345678，卡号6222021234567894，邮箱 a@b.cn，住3号楼"
    assert list(findings(text)) == [
        (ID_CARD, _id_card()),
        (PHONE, "13912345678"),
        (BANK_CARD, "6222021234567894"),
        (EMAIL, "a@b.cn"),
        (HOME, "3号楼"),
    ]


def test_validation_refuses_personal_data_in_any_field(project):
    record = VALID_EVENT.replace("A test record.", "Call 13912345678.").replace(
        "publisher: 聊城市退役军人事务局", f"publisher: 聊城市退役军人事务局\n    locator: 身份证号{_id_card()}"
    )
    write(project, "exhibits/events/test-event.yml", record)
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert 'test-event.yml:8: summary.en: contains a phone number ("13912345678")' in result.stderr
    assert "sources[1].locator (第1个来源 / source 1): contains an ID card number (身份证号)" in result.stderr


def test_a_public_value_with_a_reason_is_allowed(project):
    record = VALID_EVENT.replace("A test record.", "'The hall phone is 0635-8888888.'") + (
        "public_values:\n  - value: 0635-8888888\n    reason: 展览馆对外公布的电话\n"
    )
    write(project, "exhibits/events/test-event.yml", record)
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr
    # The same record without its public_values is refused: the guard did see the number.
    write(project, "exhibits/events/test-event.yml", record.split("public_values:")[0])
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert 'summary.en: contains a phone number ("0635-8888888")' in result.stderr


def test_pictures_of_minors_need_guardian_consent(project):
    (project / "images/events").mkdir(parents=True)
    from PIL import Image

    Image.new("RGB", (400, 300), "white").save(project / "images/events/class.png")
    record = VALID_EVENT + "images:\n  - file: events/class.png\n    alt: {zh: 学生, en: pupils}\n    flags: {minors: true}\n"
    write(project, "exhibits/events/test-event.yml", record)
    result = run_cli(project, "check")
    assert result.returncode == 1
    assert "images[1].consent (第1张图片 / picture 1): this picture shows minors" in result.stderr
    write(project, "exhibits/events/test-event.yml", record + "    consent: 家长同意书 2026-05 第3号\n")
    assert run_cli(project, "check").returncode == 0


def test_content_report_lists_what_is_unfinished(project):
    from PIL import Image

    (project / "images/events").mkdir(parents=True)
    Image.new("RGB", (400, 300), "white").save(project / "images/events/plain.png")
    write(
        project,
        "exhibits/events/test-event.yml",
        VALID_EVENT.replace("  en: A test record.\n", "")
        + (
            "figures:\n  - label: {zh: 人数, en: people}\n    value: 3\n"
            "images:\n  - file: events/plain.png\n    alt: {zh: 一张空白图片, en: white}\n"  # 白图 reads as a name (#24)
        ),
    )
    draft = VALID_EVENT.replace("test-event", "draft-event").replace("status: verified", "status: draft")
    write(project, "exhibits/events/draft-event.yml", draft)
    person = VALID_EVENT.replace("kind: event", "kind: person").replace("id: test-event", "id: living-veteran").replace(
        'date: "2019-03-15"\n', ""
    ) + (
        "category: model_veteran\nliving: true\nname: {zh: 某某, pinyin: Moumou}\n"
        "consent: {reference: 授权书2026-01, scope: 姓名与荣誉, date: 2026-01-05}\n"
    )
    write(project, "exhibits/people/living-veteran.yml", person)
    result = run_cli(project, "report")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "| event | 1 | 1 |" in out and "| person | 1 | 0 |" in out
    assert "exhibits/events/test-event.yml:6: summary" in out
    assert "test-event.yml:17: figures[1]" in out
    assert "draft-event.yml:14: draft-event" in out
    assert "images/events/plain.png — no credit — no licence" in out
    assert "某某 — consent 授权书2026-01 (姓名与荣誉, 2026-01-05)" in out
