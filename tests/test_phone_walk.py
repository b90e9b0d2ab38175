"""A visitor's phone in the hall: every page of the web site, both languages, at 390×844 by touch (the shared
build, served with the host's CSP, every other host blocked: conftest open_page). On each page, every control a
finger can hit is a 24 px target at least, measured without WCAG 2.5.8's spacing exception (axe applies it:
tests/test_browser.py), nothing makes the page scroll sideways, axe-core finds no WCAG 2.2 AA violation
(the browser tests run it on one page of each kind) and the console no error; with 长者模式 on, every control is
44 px (the hall's rule for its elderly visitors, which test_elderly measures on one page of each kind at 1280).

Every page, not one of each kind: a link's size depends on where a record's text puts it (a citation beside
a figure's label, a source title over two lines). About two minutes in all, so `make test-walk` runs them, after
`make test` (CI too)."""

from __future__ import annotations

import pytest

from conftest import axe_violations, open_page, page_errors
from test_kiosk import CONTROL_SIZES

pytestmark = [pytest.mark.browser, pytest.mark.walk]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "service_workers": "block"}
LEAST = 24  # px, WCAG 2.2's target size (minimum)
ELDERLY = 44  # px, 长者模式's (and the kiosk's: test_kiosk) rule
SIDEWAYS = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


def every_page(site) -> list[str]:
    """Each HTML page of site as its address below the site's root ("exhibits/people/fan-zhuxian/")."""
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html"))


@pytest.fixture
def phone(browser, server):
    yield from open_page(browser, server, **PHONE)


def walk(phone, site, least: int, axe: bool = False) -> dict[str, list[str]]:
    """Every page of site on the phone: {page: what is wrong there}: controls under least px, the px it is too
    wide, console errors and failed requests, and (axe=True) axe-core's WCAG 2.2 AA violations."""
    pages = every_page(site)
    assert len(pages) > 150 and "exhibits/people/fan-zhuxian/" in pages and "en/" in pages  # the whole site
    errors = page_errors(phone)
    wrong = {}
    for path in pages:
        errors.clear()
        phone.goto(f"{phone.base}/{path}")
        found = [f"under {least} px: {c}" for c in phone.evaluate(CONTROL_SIZES, least)]
        if (extra := phone.evaluate(SIDEWAYS)) > 0:
            found.append(f"{extra} px wider than the phone")
        if axe and (report := axe_violations(phone)):
            found.append(report)
        found += errors
        if found:
            wrong[path] = found
    return wrong


def test_every_page_on_a_phone_has_controls_of_24_px_no_sideways_scroll_and_no_axe_violation(phone, built_site):
    wrong = walk(phone, built_site, LEAST, axe=True)
    assert not wrong, f"{len(wrong)} pages: {wrong}"


def test_in_large_text_mode_every_control_of_every_page_is_44_px_on_a_phone(phone, built_site):
    phone.add_init_script("sessionStorage.setItem('ex-elderly', '1')")  # as the switch leaves it for the visit
    phone.goto(f"{phone.base}/")
    assert phone.evaluate("document.documentElement.classList.contains('ex-elderly')")
    wrong = walk(phone, built_site, ELDERLY)
    assert not wrong, f"{len(wrong)} pages in 长者模式: {wrong}"
