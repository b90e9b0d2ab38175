"""Every page of the web site, both languages, walked in Chromium: on a laptop (1280×900, a mouse), on a phone
(390×844, by touch) and on the phone with 长者模式 on. The shared build, served with the host's
Content-Security-Policy (conftest's server sends deploy/nginx-csp.conf's); every other host blocked (conftest
open_page: a request to one fails the test). On every page, on each walk: it answers, with a title and the
language of its folder; no console error, nothing the policy refuses, no failed request; nothing makes it
scroll sideways; every control is a target of at least 24 px (WCAG 2.5.8's minimum, measured strictly,
without the spacing exception axe allows) on the phone, 44 px in 长者模式 (the hall's rule for its elderly
visitors; the kiosk's pages: test_kiosk); and on the laptop and the phone axe-core finds no WCAG 2.2 A/AA or
best-practice violation.

Every page, not one of each kind: a link's size and a page's markup depend on where a record's text puts
things (a citation beside a figure's label, a source title over two lines, an English button that would not
wrap). About five minutes of browser time, so `make test-walk` runs it on two processes, after `make test`
(CI too). One tab a walk: leaving a loaded page stops its leftover work, the search worker's among it."""

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


def settled_axe(tab) -> str:
    """axe's report of the page, asked again half a second later if it found something: once in ~400 page
    checks axe caught Material's drawer (.md-sidebar__scrollwrap) scrollable while its script was measuring
    the nav, and a standalone run of the same page never did. What stays is reported."""
    if not axe_violations(tab):
        return ""
    tab.wait_for_timeout(500)
    return axe_violations(tab)


def walk(tab, site, least: int | None, axe: bool) -> dict[str, list[str]]:
    """Every page of site in tab: {page: what is wrong there} (the module's list; least: the smallest
    control allowed, None to leave sizes to axe)."""
    pages = every_page(site)
    assert len(pages) > 150 and "exhibits/people/fan-zhuxian/" in pages and "en/" in pages  # the whole site
    errors = page_errors(tab)  # console errors (a refused resource is one) and failed requests
    wrong = {}
    for path in pages:
        errors.clear()
        response = tab.goto(f"{tab.base}/{path}")  # until its load event: every picture, style, script and font
        found = [] if response and response.ok else [f"status {response and response.status}"]
        title, lang = tab.evaluate("[document.title, document.documentElement.lang]")
        if not title and "404" not in path:
            found.append("no title")
        if not lang.startswith("en" if path.startswith("en/") else "zh"):
            found.append(f"lang={lang}")
        if least:
            found += [f"under {least} px: {c}" for c in tab.evaluate(CONTROL_SIZES, least)]
        if (extra := tab.evaluate(SIDEWAYS)) > 0:
            found.append(f"{extra} px wider than the screen")
        if axe and (report := settled_axe(tab)):
            found.append(report)
        found += errors
        if found:
            wrong[path] = found
    tab.wait_for_load_state("networkidle")  # the last page's leftover requests are checked too
    return wrong


def test_every_page_on_a_laptop_loads_cleanly_with_no_axe_violation(page, built_site):
    wrong = walk(page, built_site, None, axe=True)  # conftest's page: a laptop's 1280×900
    assert not wrong, f"{len(wrong)} pages: {wrong}"


def test_every_page_on_a_phone_has_controls_of_24_px_no_sideways_scroll_and_no_axe_violation(phone, built_site):
    wrong = walk(phone, built_site, LEAST, axe=True)
    assert not wrong, f"{len(wrong)} pages: {wrong}"


def test_in_large_text_mode_every_control_of_every_page_is_44_px_on_a_phone(phone, built_site):
    phone.add_init_script("sessionStorage.setItem('ex-elderly', '1')")  # as the switch leaves it for the visit
    phone.goto(f"{phone.base}/")
    assert phone.evaluate("document.documentElement.classList.contains('ex-elderly')")
    wrong = walk(phone, built_site, ELDERLY, axe=False)
    assert not wrong, f"{len(wrong)} pages in 长者模式: {wrong}"
