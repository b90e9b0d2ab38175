"""The Content-Security-Policy of deploy/nginx-csp.conf: the built site needs exactly it, and
Chromium, served the site with it, reports no violation while a visitor uses every kind of page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import deployed_policy, lightbox_shown, search, serving
from exhibition import csp


def test_the_deployed_policy_is_the_one_the_built_site_needs(built_site):
    needed = csp.policy(built_site)
    assert deployed_policy() == needed, (
        "The built site needs another Content-Security-Policy than deploy/nginx-csp.conf.\n"
        "If you added an inline <script> or <style>, move it to a file under docs/assets/ instead;\n"
        "otherwise regenerate the file (and check the change):\n"
        "    make build && .venv/bin/python -m exhibition.csp site --nginx > deploy/nginx-csp.conf\n"
        f"needed: {needed}"
    )


def test_policy_allows_no_inline_script_and_no_other_host():
    policy = deployed_policy()
    directives = {part.split()[0]: part.split()[1:] for part in policy.split("; ")}
    assert directives["default-src"] == ["'none'"]
    for name, values in directives.items():
        assert "'unsafe-eval'" not in values, name
        assert not any(v.startswith(("http:", "https:", "*")) or v in ("http:", "https:") for v in values), name
        if name != "style-src-attr":
            assert "'unsafe-inline'" not in values, name
    assert all(v == "'self'" or v.startswith("'sha256-") for v in directives["script-src"])


def test_pages_have_no_inline_event_handler_or_javascript_url(built_site):
    """The policy blocks both; the site must not need them (and record text cannot bring them)."""
    handler = re.compile(r"<[a-zA-Z][^>]*\son[a-z]+\s*=", re.S)
    js_url = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.I)
    offenders = []
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if handler.search(html) or js_url.search(html):
            offenders.append(page.relative_to(built_site).as_posix())
    assert not offenders, offenders


# --- in Chromium, with the policy applied ------------------------------------------------


# conftest's `server` sends deploy/nginx-csp.conf's policy with every response.

LISTEN = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(
  `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} in ${e.sourceFile}:${e.lineNumber} ${e.sample || ''}`));
"""


@pytest.fixture
def watched(page):
    """The page, recording CSP violations (events and console reports) and script errors."""
    problems: list[str] = []
    page.add_init_script(LISTEN)
    page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.problems = problems
    yield page


def visit(page, path: str) -> None:
    page.goto(page.base + path)
    page.wait_for_load_state("networkidle")  # what the page fetches after its load event too


def violations(page) -> list[str]:
    return page.evaluate("window.__csp") + page.problems


@pytest.mark.parametrize("path, query", [("/", "护卫舰"), ("/en/", "corvette")])
def test_home_page_and_search_under_the_policy(watched, path, query):
    visit(watched, path)
    assert search(watched, query), "search found nothing: was its worker or index blocked?"
    assert not violations(watched)


def open_lightbox_and_move_on(page) -> None:
    links = page.locator("a.glightbox")
    assert links.count() >= 1
    links.first.click()
    lightbox_shown(page)  # the fade, and GLightbox sizing the picture
    slides = page.locator(".glightbox-container .gslide")
    page.keyboard.press("ArrowRight")
    if slides.count() > 1:
        expect(slides.nth(1)).to_have_class(re.compile(r"\bcurrent\b"))
        lightbox_shown(page)
    page.keyboard.press("Escape")
    expect(page.locator(".glightbox-container")).to_have_count(0)  # closed: GLightbox removes it


@pytest.mark.parametrize(
    "path", ["/exhibits/vessels/liaocheng-ship/", "/en/exhibits/memorials/luxibei-revolutionary-martyrs-cemetery/"]
)
def test_record_page_with_pictures_and_lightbox_under_the_policy(watched, path):
    visit(watched, path)
    open_lightbox_and_move_on(watched)
    assert not violations(watched)


def test_timeline_filter_under_the_policy(watched):
    visit(watched, "/exhibits/timeline/")
    form = watched.locator("form[data-ex-filter=timeline]")
    assert form.is_visible()
    kind = form.locator("select[name=kind]")
    kind.select_option(index=1)
    # The filter ran: entries of other kinds are hidden, and only those.
    expect(watched.locator(".ex-entry[hidden]")).not_to_have_count(0)
    expect(watched.locator(f".ex-entry:not([hidden]):not([data-kind='{kind.input_value()}'])")).to_have_count(0)
    assert not violations(watched)


# Every other page is loaded under the policy by the quality gates' sweeps (tests/test_quality_gates.py),
# which fail on a console error: a blocked script, style, font or picture is one.
def test_the_gallery_and_its_lightbox_under_the_policy(watched):
    visit(watched, "/exhibits/gallery/")
    open_lightbox_and_move_on(watched)
    assert not violations(watched)


def test_the_meta_tag_form_holds_too(browser, built_site):
    """Hosts without headers: the same policy as a <meta> tag first in <head>."""
    meta = csp.meta_tag(built_site)
    with serving(built_site) as base:
        _meta_tag_page(browser, base, meta)


def _meta_tag_page(browser, base: str, meta: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()

        def add_meta(route):
            response = route.fetch()
            if "text/html" not in response.headers.get("content-type", ""):
                route.fulfill(response=response)  # as it came: read as text, a picture would no longer decode
                return
            route.fulfill(response=response, body=response.text().replace("<head>", "<head>" + meta, 1))

        page.route("**/*", add_meta)
        page.add_init_script(LISTEN)
        problems: list[str] = []
        page.on("console", lambda m: problems.append(m.text) if "Content Security Policy" in m.text else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(base + "/exhibits/vessels/liaocheng-ship/")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.head.firstElementChild.httpEquiv") == "Content-Security-Policy"
        open_lightbox_and_move_on(page)
        assert not page.evaluate("window.__csp") + problems
    finally:
        context.close()
