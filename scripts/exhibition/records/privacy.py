"""Personal data that must never be published (个人信息保护法 Art. 25, 28).

Checked in every text of a record. A record may list values that are public on
purpose (the hall's own address or phone) under `public_values`, with a reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Digits not glued to other digits, so counts like 16,252 or 300000000 never match.
_MOBILE = re.compile(r"(?<![\d])(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?![\d])")
_LANDLINE = re.compile(r"(?<![\d-])(?:\(?0\d{2,3}\)?[-\s])\d{7,8}(?![\d])")
_ID_CARD = re.compile(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])")
_CARD = re.compile(r"(?<![\d])(?:\d[ -]?){15,18}\d(?![\d])")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A home address gives a building, unit or room; a public building's street number does not.
_HOME = re.compile(
    r"\d+\s*(?:号楼|栋|幢|单元|室|户)|[一二三四五六七八九十]+\s*(?:单元|号楼)|"
    r"\b(?:Room|Rm\.?|Unit|Apt\.?|Apartment|Flat)\s*\d+",
    re.IGNORECASE,
)

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def _valid_id_card(number: str) -> bool:
    """GB 11643 checksum: only a real-looking 身份证号 is refused, not any 18 digits."""
    total = sum(int(d) * w for d, w in zip(number[:17], _ID_WEIGHTS))
    return _ID_CHECK[total % 11] == number[17].upper()


def _luhn(number: str) -> bool:
    digits = [int(d) for d in number if d.isdigit()]
    checksum = 0
    for index, digit in enumerate(reversed(digits)):
        if index % 2:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        checksum += digit
    return checksum % 10 == 0


def findings(text: str) -> Iterator[tuple[str, str]]:
    """(what, the matching text) for every piece of personal data in the text."""
    for match in _ID_CARD.finditer(text):
        if _valid_id_card(match.group()):
            yield "an ID card number (身份证号)", match.group()
    for match in _MOBILE.finditer(text):
        yield "a phone number", match.group()
    for match in _LANDLINE.finditer(text):
        yield "a phone number", match.group()
    for match in _CARD.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if 16 <= len(digits) <= 19 and _luhn(digits) and not _ID_CARD.fullmatch(digits):
            yield "a bank card number", match.group()
    if "@" in text:  # the pattern backtracks over every run of Chinese text: look only where it can match
        for match in _EMAIL.finditer(text):
            yield "an e-mail address", match.group()
    for match in _HOME.finditer(text):
        yield "a private address (building, unit or room)", match.group()


ADVICE = (
    "Personal data is never published (个人信息保护法). Remove it; if it is public on purpose "
    "(the hall's own contact), list it under `public_values` with a `reason`"
)
