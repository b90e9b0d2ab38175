"""The built site in Debian's Chromium, with every host but our own blocked."""

from __future__ import annotations

import time

from playwright.sync_api import expect

from conftest import axe_violations, search


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


def _faces(page, selector: str) -> set[str]:
    """The font faces Chromium drew the first element matching selector with (DevTools' platform fonts)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    node = session.send("DOM.querySelector", {"nodeId": session.send("DOM.getDocument")["root"]["nodeId"], "selector": selector})
    return {f["familyName"] for f in session.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]}


def test_english_is_set_in_a_latin_face_and_chinese_in_a_chinese_one(page):
    """An English page's text in a Latin face (Noto Sans here, as a phone's Roboto or a PC's Segoe UI): a
    Chinese face drew its “quotes” full width. The Chinese words on it, and Chinese pages, in a Chinese face."""
    page.goto(page.base + "/en/exhibits/teachers/")
    intro = page.locator(".md-content p", has_text="Hero Stories in the Classroom").first
    intro.evaluate("p => p.id = 'ex-probe'")
    assert _faces(page, "#ex-probe") == {"Noto Sans"}
    page.goto(page.base + "/en/exhibits/people/kong-fansen/")
    assert "Noto Sans CJK SC" in _faces(page, '.md-content [lang="zh"]')
    page.goto(page.base + "/exhibits/people/kong-fansen/")
    assert _faces(page, ".md-content h1") == {"Noto Serif CJK SC"} and "Noto Sans CJK SC" in _faces(page, ".md-content p")


def test_language_switch_lands_on_the_same_record(page):
    """The header's language menu goes to the same record in the other language, by mouse and by
    keyboard, also after the page has settled. Material used to take each language's <link
    rel="alternate"> as another version of the site, fetch its sitemap and steal the click: when
    the English sitemap answered before the Chinese one, every switch landed on the English home
    page (the test slows the Chinese sitemap to force that order; the page must not ask for it)."""
    sitemaps = []
    page.on("request", lambda request: sitemaps.append(request.url) if request.url.endswith("sitemap.xml") else None)
    page.route(page.base + "/sitemap.xml", lambda route: (time.sleep(0.5), route.continue_()))
    page.goto(page.base + "/exhibits/vessels/liaocheng-ship/")
    page.wait_for_load_state("networkidle")
    page.locator(".md-header__option .md-select").hover()
    page.locator("a.md-select__link[hreflang=en]").click()
    page.wait_for_url(page.base + "/en/exhibits/vessels/liaocheng-ship/", wait_until="domcontentloaded")
    expect(page.locator("h1")).to_have_text("The corvette Liaocheng")
    page.wait_for_load_state("networkidle")
    link = page.locator("a.md-select__link[hreflang=zh]")
    link.focus()  # the menu opens on focus too, as for a keyboard user
    expect(link).to_be_visible()
    link.press("Enter")
    page.wait_for_url(page.base + "/exhibits/vessels/liaocheng-ship/", wait_until="domcontentloaded")
    expect(page.locator("h1")).to_have_text("聊城舰")
    assert sitemaps == []
    # The alternates are back in the rendered page, as written, for search engines.
    page.wait_for_load_state("load")
    alternates = page.locator('link[rel="alternate"][hreflang]')
    assert {a.get_attribute("hreflang"): a.get_attribute("href") for a in alternates.all()} == {
        "zh": "./",
        "en": "../../../en/exhibits/vessels/liaocheng-ship/",
    }


def _search(page, query: str) -> list[tuple[str, str]]:
    page.wait_for_load_state("networkidle")
    return search(page, query)


# Each result's page, and the picture its card shows ("" for none): (href, src, alt, drawn).
RESULT_PICTURES = """() => Array.from(document.querySelectorAll('.md-search-result__item'), item => {
    const img = item.querySelector(':scope > a:first-child .ex-search-pic');
    return [item.querySelector('a').pathname, img ? img.getAttribute('src') : '', img ? img.alt : '',
            img ? img.complete && img.naturalWidth > 0 : false];
})"""


def _pictures(page) -> dict[str, tuple[str, str, bool]]:
    # The cards get their pictures once search/pictures.json has arrived (fetched on the first search).
    # (Locator waits: wait_for_function would evaluate a string, which the site's CSP forbids.)
    page.locator(".ex-search-pic").first.wait_for(timeout=10_000)
    for picture in page.locator(".ex-search-pic").all():
        expect(picture).to_have_js_property("complete", True)
    return {href: (src, alt, drawn) for href, src, alt, drawn in page.evaluate(RESULT_PICTURES)}


def test_search_finds_the_ship_in_chinese_from_a_word_inside_text(page):
    page.goto(page.base + "/")
    results = _search(page, "护卫舰")
    assert any("聊城舰" in text for text, _ in results), results
    assert all("/en/" not in href for _, href in results)
    # A record's result shows its picture, as the cards of every list do; the title names it (alt="").
    src, alt, drawn = _pictures(page)["/exhibits/vessels/liaocheng-ship/"]
    assert "/media/" in src and alt == "" and drawn, (src, alt, drawn)


def test_search_finds_the_ship_in_english(page):
    page.goto(page.base + "/en/")
    results = _search(page, "corvette")
    assert any("The corvette Liaocheng" in text for text, _ in results), results
    assert all("/en/" in href for _, href in results), results
    pictures = _pictures(page)
    src, alt, drawn = pictures["/en/exhibits/vessels/liaocheng-ship/"]
    assert "/media/" in src and alt == "" and drawn, (src, alt, drawn)
    assert pictures["/en/exhibits/hall-map/"] == ("", "", False)  # not a record: no picture
    assert not (report := axe_violations(page)), report  # the results with their pictures
