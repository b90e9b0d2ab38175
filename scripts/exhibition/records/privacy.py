"""Personal data that must never be published (个人信息保护法 Art. 25, 28).

Checked in every text of a record. A record may list values that are public on
purpose (the hall's own address or phone) under `public_values`, with a reason.

The patterns are written inside the functions, not compiled at module level, so that mutation
testing (`make mutation`) changes them too; `re` caches the compiled patterns.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

ID_CARD = "an ID card number (身份证号)"
PHONE = "a phone number"
BANK_CARD = "a bank card number"
EMAIL = "an e-mail address"
HOME = "a private address (building, unit or room)"


def _id_cards(text: str) -> Iterator[str]:
    """18 characters, the last a digit or X, not glued to other letters or digits."""
    return (m.group() for m in re.finditer(r"(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])", text))


def _valid_id_card(number: str) -> bool:
    """GB 11643 checksum: only a real-looking 身份证号 is refused, not any 18 digits."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(number[:17], weights))
    return "10X98765432"[total % 11] == number[17].upper()


def _phones(text: str) -> Iterator[str]:
    # Digits not glued to other digits, so counts like 16,252 or 300000000 never match.
    mobile = r"(?<![\d])(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?![\d])"
    landline = r"(?<![\d-])(?:\(?0\d{2,3}\)?[-\s])\d{7,8}(?![\d])"
    for pattern in (mobile, landline):
        yield from (m.group() for m in re.finditer(pattern, text))


def _luhn(number: str) -> bool:
    digits = [int(d) for d in number if d.isdigit()]
    checksum = 0
    for index, digit in enumerate(reversed(digits)):
        if index % 2:
            digit *= 2
            digit -= 9 if digit > 9 else 0
        checksum += digit
    return checksum % 10 == 0


def _bank_cards(text: str) -> Iterator[str]:
    """16 to 19 digits, optionally in groups, that pass the Luhn check and are not an ID number."""
    for match in re.finditer(r"(?<![\d])(?:\d[ -]?){15,18}\d(?![\d])", text):
        digits = re.sub(r"\D", "", match.group())
        if 16 <= len(digits) <= 19 and _luhn(digits) and not any(_id_cards(digits)):
            yield match.group()


def _emails(text: str) -> Iterator[str]:
    if "@" not in text:  # the pattern backtracks over every run of Chinese text: look only where it can match
        return
    yield from (m.group() for m in re.finditer(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text))


def _homes(text: str) -> Iterator[str]:
    # A home address gives a building, unit or room; a public building's street number does not.
    pattern = (
        r"\d+\s*(?:号楼|栋|幢|单元|室|户)|[一二三四五六七八九十]+\s*(?:单元|号楼)|"
        r"\b(?:Room|Rm\.?|Unit|Apt\.?|Apartment|Flat)\s*\d+"
    )
    return (m.group() for m in re.finditer(pattern, text, re.IGNORECASE))


def findings(text: str) -> Iterator[tuple[str, str]]:
    """(what, the matching text) for every piece of personal data in the text."""
    for number in _id_cards(text):
        if _valid_id_card(number):
            yield ID_CARD, number
    for found in _phones(text):
        yield PHONE, found
    for found in _bank_cards(text):
        yield BANK_CARD, found
    for found in _emails(text):
        yield EMAIL, found
    for found in _homes(text):
        yield HOME, found


ADVICE = (
    "Personal data is never published (个人信息保护法). Remove it; if it is public on purpose "
    "(the hall's own contact), list it under `public_values` with a `reason`"
)
