"""The privacy guard: personal data never reaches a page (个人信息保护法)."""

from __future__ import annotations

import pytest

from conftest import VALID_EVENT, run_cli, write
from exhibition.records.privacy import findings


def _id_card() -> str:
    """A syntactically valid 身份证号 (made up: region 370000, born 1990-01-01)."""
    body = "37000019900101123"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


REFUSED = {
    "mobile": "联系电话13912345678。",
    "mobile with spaces": "call +86 139 1234 5678 today",
    "landline": "电话0635-8888888",
    "id card": f"身份证号{_id_card()}",
    "bank card": "卡号 6222 0212 3456 7890 128",  # passes Luhn
    "email": "write to someone@example.com",
    "home address": "住在某小区3号楼2单元501室",
    "english flat": "lives at Flat 12, Room 501",
}

ALLOWED = [
    "共为53828名优抚对象发放抚恤金约3亿元",
    "16,252个岗位，达成用工意向4410人",
    "聊城市经济技术开发区黄山路60号",  # a public building's street number
    "编号6-241-5-090",
    "2019年3月15日",
    "215.5万元",
    "37000019900101123X",  # 18 characters but a wrong checksum: not an ID number
]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_personal_data_is_found(name):
    assert list(findings(REFUSED[name])), name


@pytest.mark.parametrize("text", ALLOWED)
def test_ordinary_numbers_and_public_addresses_pass(text):
    if text.startswith("370000"):
        assert _id_card() != text
    assert not list(findings(text)), text


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
