"""A record page's lead without a picture, and the 说法不一 chip's target (issue #31 follow-ups). Measured in
Chromium on the shared build: at 1280 px a typographic name card stands where the picture would, beside the
facts, hidden from screen readers; on a phone it never pushes the text down; the chip is a 44 px target on a
phone and in 长者模式 (the hall's rule for its elderly visitors: tests/test_kiosk.py CONTROL_SIZES)."""

from __future__ import annotations

import pytest

from conftest import open_page
from test_kiosk import CONTROL_SIZES

NO_PICTURE = "exhibits/people/kong-fansen/"  # a person without a picture, with facts
DISPUTED = "exhibits/people/fan-zhuxian/"  # 出生 1881或1882, with its 说法不一 chip

# The name card and the facts column as drawn, and what a keyboard or a screen reader would find in the card.
LEAD = r"""() => {
  const box = e => { if (!e) return null; const r = e.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, shown: getComputedStyle(e).display !== 'none'}; };
  const card = document.querySelector('.ex-lead .ex-name-card');
  return {
    card: box(card), facts: box(document.querySelector('.ex-lead .ex-lead__facts dl.ex-facts')),
    summary: box(document.querySelector('.md-typeset .ex-summary')),
    hidden: card && card.closest('[aria-hidden="true"]') !== null,
    focusable: card ? card.querySelectorAll('a, button, summary, [tabindex]').length + (card.matches('a, [tabindex]') ? 1 : 0) : 0,
    text: card ? card.textContent : '', title: document.querySelector('.md-content h1').textContent.trim(),
  };
}"""

# Each 说法不一 chip: its height, and the height of its fact's row.
CHIPS = r"""() => [...document.querySelectorAll('details.ex-differ > summary')].map(s => ({
  text: s.textContent.trim(), height: s.getBoundingClientRect().height,
  row: s.closest('.ex-fact').getBoundingClientRect().height }))"""


@pytest.mark.parametrize("lang", ["", "en/"])
def test_a_record_without_a_picture_has_its_name_card_beside_the_facts(browser, server, lang):
    """At 1280 px the card stands left of the facts, level with them (the right half is no longer empty);
    it repeats the label, so it is aria-hidden and no link or focus stop. At 390 px it is left out, and the
    first screen still shows the start of the summary. Fails on main: there is no card."""
    for page in open_page(browser, server, viewport={"width": 1280, "height": 800}):
        page.goto(f"{page.base}/{lang}{NO_PICTURE}")
        m = page.evaluate(LEAD)
        assert m["card"] and m["card"]["shown"], "no name card where the picture would be"
        card, facts = m["card"], m["facts"]
        assert card["right"] <= facts["left"], f"card {card} not left of the facts {facts}"
        assert card["top"] < facts["bottom"] and facts["top"] < card["bottom"], (card, facts)
        assert m["hidden"] and m["focusable"] == 0, m
        assert m["title"] in m["text"], m
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{page.base}/{lang}{NO_PICTURE}")
        m = page.evaluate(LEAD)
        assert m["card"] and not m["card"]["shown"], "on a phone the card only repeats the label: left out"
        assert m["summary"]["top"] < 844 - 60, f"the summary starts below the first screen: {m['summary']}"


def test_the_sources_differ_chip_is_a_44_px_target_on_a_phone_and_in_large_text_mode(browser, server):
    """说法不一 is a <summary>: 44 px tall on a phone and in 长者模式, counted by CONTROL_SIZES (which measures
    every control), while its fact's row stays a row of text (it was 30 px tall at 390 px, on main)."""
    for page in open_page(browser, server, viewport={"width": 390, "height": 844}):
        for lang in ("", "en/"):
            page.goto(f"{page.base}/{lang}{DISPUTED}")
            chips = page.evaluate(CHIPS)
            assert chips, "no 说法不一 chip on the page"
            assert all(c["height"] >= 44 for c in chips), chips
            small = [c for c in page.evaluate(CONTROL_SIZES) if "说法不一" in c or "Sources differ" in c]
            assert not small, small
        page.goto(f"{page.base}/{DISPUTED}")
        assert max(c["row"] for c in page.evaluate(CHIPS)) < 56, "the chip's target makes its row heavy"
        page.set_viewport_size({"width": 1280, "height": 800})
        page.locator("[data-ex-mode=elderly]").click()
        for lang in ("", "en/"):
            page.goto(f"{page.base}/{lang}{DISPUTED}")
            assert page.evaluate("document.documentElement.classList.contains('ex-elderly')")
            chips = page.evaluate(CHIPS)
            assert chips and all(c["height"] >= 44 for c in chips), chips
