"""The built site in Debian's Chromium, with every host but our own blocked."""

from __future__ import annotations

import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not shutil.which("chromium"), reason="needs Debian's chromium (.ci/run installs it)")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(built_site):
    handler = functools.partial(_Quiet, directory=str(built_site))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                # Any host but ours fails visibly.
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    foreign: list[str] = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((server, "data:", "blob:")) else None)
    page.base = server
    yield page
    context.close()
    assert not foreign, f"requests to other hosts: {foreign}"


def test_home_page_renders_chinese_glyphs(page):
    page.goto(page.base + "/")
    assert "聊城市双拥展览馆" in page.locator("h1").inner_text()
    # Without a CJK font every character is the same empty box: draw two different
    # characters in the page's own font and require different pixels.
    different = page.evaluate(
        """() => {
        const font = getComputedStyle(document.querySelector('h1')).font;
        const draw = (ch) => { const c = document.createElement('canvas'); c.width = c.height = 64;
          const x = c.getContext('2d'); x.font = font.replace(/\\d+(\\.\\d+)?px/, '48px'); x.fillText(ch, 4, 52);
          return x.getImageData(0, 0, 64, 64).data.join(','); };
        return draw('聊') !== draw('城') && draw('城') !== draw('\\u4e00');
    }"""
    )
    assert different


def test_language_switch_lands_on_the_same_record(page):
    page.goto(page.base + "/exhibits/vessels/liaocheng-ship/")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_url("**/en/exhibits/vessels/liaocheng-ship/")
    assert page.locator("h1").inner_text() == "The corvette Liaocheng"
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=zh]").click()
    page.wait_for_url("**/exhibits/vessels/liaocheng-ship/")
    assert "/en/" not in page.url
    assert page.locator("h1").inner_text() == "聊城舰"


def _search(page, query: str) -> list[tuple[str, str]]:
    page.wait_for_load_state("networkidle")
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=30)
    results = page.locator(".md-search-result__item")
    # The search worker builds its index after the page loads (seconds on a busy
    # 2-core machine); a query typed before it is ready is not run again. Retype
    # the last character, as a person would, until results show (bounded).
    for _ in range(20):
        try:
            results.first.wait_for(timeout=1500)
            break
        except Exception:
            box.press("Backspace")
            box.press_sequentially(query[-1])
    return [(r.inner_text(), r.locator("a").first.get_attribute("href")) for r in results.all()]


def test_search_finds_the_ship_in_chinese_from_a_word_inside_text(page):
    page.goto(page.base + "/")
    results = _search(page, "护卫舰")
    assert any("聊城舰" in text for text, _ in results), results
    assert all("/en/" not in href for _, href in results)


def test_search_finds_the_ship_in_english(page):
    page.goto(page.base + "/en/")
    results = _search(page, "corvette")
    assert any("The corvette Liaocheng" in text for text, _ in results), results
    assert all("/en/" in href for _, href in results), results


PAGES = [
    "/", "/exhibits/vessels/", "/exhibits/vessels/liaocheng-ship/", "/exhibits/memorials/luxibei-revolutionary-martyrs-cemetery/",
    "/en/", "/en/exhibits/vessels/", "/en/exhibits/vessels/liaocheng-ship/", "/en/exhibits/people/fan-zhuxian/",
]


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation(page, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(page.base + path)
    page.wait_for_load_state("networkidle")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}})
    violations = results.response["violations"]
    assert not violations, results.generate_report()
