"""Record pages read as museum labels (issue #31, items 2-4): a label header, facts as a definition
list with their sources one layer down, no domain name where visitors read, and Chinese reading
typography (a column of about 36 字, 17-18 px text, no italic Chinese, headings of weight 600+).
Read from the shared build, and measured in Chromium at 1280 and 390 px."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import open_page

# A host name as a sentence would print it: sdzjyou.com, www.gov.cn, english.chinamil.com.cn, defence.pk.
HOST = re.compile(
    r"(?<![\w@/.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|cn|org|net|gov|edu|info|xyz|me|pk|tv|io)(?![\w-])", re.I
)


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


def test_no_domain_name_in_facts_or_running_text(built_site):
    """Visitors read publishers' names, never a domain: in a fact, a paragraph, a caption, a source list.
    A source's link keeps its address (href), and the exact quote with the note of where it was read
    stays one step down, in the 引文 disclosure."""
    found = []
    for path in sorted(built_site.rglob("*.html")):
        relative = path.relative_to(built_site).as_posix()
        html = path.read_text(encoding="utf-8")
        if not HOST.search(html):
            continue  # most pages: no host name anywhere, not even in a link
        article = BeautifulSoup(html, "lxml").select_one("article")
        if article is None:
            continue
        for hidden in article.select("details.ex-quote, script, style, code, pre"):
            hidden.decompose()
        text = article.get_text(" ")
        found += [f"{relative}: …{text[max(0, m.start() - 30) : m.end()]}" for m in HOST.finditer(text)]
    assert not found, "domain names where visitors read:\n" + "\n".join(found)


def test_a_record_opens_with_a_label_and_lists_its_facts_without_a_table(built_site):
    page = _soup(built_site / "exhibits/people/fan-zhuxian/index.html")
    article = page.select_one("article")
    eyebrow = article.select_one(".ex-eyebrow")
    assert eyebrow and eyebrow.get_text(" ", strip=True).startswith("人物") and "英烈" in eyebrow.get_text()
    assert eyebrow.find_next_sibling() is article.select_one("h1")
    assert article.select_one("h1 + .ex-label-line").get_text() == "1881或1882 — 1938 · 山东第六区专员兼保安司令"
    facts = article.select_one("dl.ex-facts")
    assert facts and not article.select("table"), "the facts are a definition list, with no 项目 / 内容 header"
    born = next(f for f in facts.select(".ex-fact") if f.dt.get_text() == "出生")
    assert born.dd.contents[0].strip() == "1881或1882"
    # Its notes are the paragraph markers' numbers, leading to the sources that give each value.
    assert [a["href"] for a in born.select("sup.ex-cites a.ex-cite")] == [
        "#source-xinhua-2018",
        "#source-xinhua-2009-profile",
    ]
    chip = born.select_one("details.ex-differ")
    assert chip.summary.get_text() == "说法不一"
    note = chip.select_one(".ex-differ__note").get_text()
    assert "新华社记为1882" in note and "2009年英模人物介绍记为1881" in note and "来源：" not in note
    # Records and stories hide Material's table of contents and the one-item navigation.
    for path in ("exhibits/people/fan-zhuxian/index.html", "en/exhibits/stories/one-city-one-ship/index.html"):
        soup = _soup(built_site / path)
        assert soup.select_one(".md-sidebar--secondary").has_attr("hidden"), path
        assert soup.select_one(".md-sidebar--primary").has_attr("hidden"), path


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_source_list_reads_publisher_title_date_and_lists_the_gaps_once(built_site, lang):
    prefix = "" if lang == "zh" else "en/"
    page = _soup(built_site / f"{prefix}exhibits/vessels/liaocheng-ship/index.html")
    article = page.select_one("article")
    facts = article.select_one("dl.ex-facts").get_text(" ")
    assert "暂无可靠来源" not in facts and "No source yet" not in facts
    gaps = article.select_one(".ex-gaps").get_text(strip=True)
    assert gaps == (
        "尚待查证：服役日期、所属舰队、母港" if lang == "zh" else "Still to be verified: Commissioned, Fleet, Home port"
    )
    items = article.select("ol.ex-sources > li")
    first = items[0]
    for hidden in first.select("details"):
        hidden.decompose()
    # On the English page the publisher's English name (settings/glossary.yml) comes first.
    english = "LiaochengVeteransAffairsBureau(" if lang == "en" else ""
    assert (
        first.get_text(" ", strip=True)
        .replace(" ", "")
        .startswith(f"{english}聊城市退役军人事务局（2019年年鉴条目）{')' if english else ''}·山东首家双拥主题展馆落成")
    )
    ids = [li.select_one("span[id^=source-]")["id"].removeprefix("source-") for li in items]
    listed = " ".join(li.get_text(" ") for li in items)
    assert not [i for i in ids if i in listed], "the list shows no internal id"
    about = article.select_one("#sources + .ex-sources-about a")
    assert about.get_text() == ("关于本站资料" if lang == "zh" else "About our sources")
    # The about page exists in this language, linked from the source heading.
    target = urljoin(f"/{prefix}exhibits/vessels/liaocheng-ship/", about["href"])
    assert target == f"/{prefix}about-sources/" and (built_site / target.strip("/") / "index.html").exists()
    body = article.get_text(" ")
    assert "本站各说并列" not in body and "We show" not in body


# --- computed style in Chromium --------------------------------------------------------------

PAGES = ("exhibits/people/kong-fansen/", "exhibits/stories/one-city-one-ship/", "exhibits/tour/martyrs/")
CJK = r"[\u3400-\u9fff\uf900-\ufaff]"
MEASURE = (
    """() => {
  const article = document.querySelector('article.md-content__inner');
  const px = (e, p) => parseFloat(getComputedStyle(e)[p]);
  const shown = e => e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden';
  // The page's reading text: its paragraphs of a line or more (not cards, figures or the source list).
  const paras = [...article.querySelectorAll('p')].filter(e => shown(e)
    && !e.closest('.ex-cards, figure, .ex-sources, .ex-listen, .ex-tour-nav, .ex-tour-steps, nav')
    && !e.matches('.ex-eyebrow, .ex-review, .ex-tags, .ex-see-also, .ex-sources-about, .ex-gaps, .ex-note, .ex-count')
    && e.textContent.trim().length > 12);
  const own = e => [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent).join('');
  const cjk = new RegExp('"""
    + CJK
    + """');
  return {
    paragraphs: paras.length,
    widest: Math.max(...paras.map(e => e.getBoundingClientRect().width / px(e, 'fontSize'))),
    smallest: Math.min(...paras.map(e => px(e, 'fontSize'))),
    small_table_text: [...article.querySelectorAll('td, th, .ex-fact dt, .ex-fact dd, .ex-card__kind, .ex-card__title, .ex-card__summary')]
      .filter(e => shown(e) && e.textContent.trim() && px(e, 'fontSize') < 15)
      .map(e => `${e.className || e.tagName}: ${px(e, 'fontSize')}`).slice(0, 5),
    italic_cjk: [...document.body.querySelectorAll('*')]
      .filter(e => cjk.test(own(e)) && getComputedStyle(e).fontStyle !== 'normal')
      .map(e => `${e.tagName}.${e.className}: ${own(e).trim().slice(0, 20)}`).slice(0, 5),
    h1: px(article.querySelector('h1'), 'fontWeight'),
    h2: Math.min(...[...article.querySelectorAll('h2')].filter(shown).map(e => px(e, 'fontWeight'))),
  };
}"""
)


@pytest.mark.parametrize("width", [1280, 390])
def test_records_stories_and_tour_stops_read_as_chinese_typography_asks(browser, server, width):
    """At most 40 字 a line, body text 17 px or more, tables and cards 15 px or more on a phone, no
    italic on Chinese, and headings of weight 600 or more; a record, a story and a tour stop, in both
    languages."""
    problems = []
    for page in open_page(browser, server, viewport={"width": width, "height": 844 if width < 500 else 800}):
        for path in PAGES:
            for prefix in ("", "en/"):
                page.goto(f"{page.base}/{prefix}{path}")
                m = page.evaluate(MEASURE)
                where = f"{width} px {prefix}{path}"
                if not m["paragraphs"]:
                    problems.append(f"{where}: no paragraph measured")
                    continue
                if m["widest"] > 40:
                    problems.append(f"{where}: a paragraph {m['widest']:.1f} em wide (at most 40 字)")
                if m["smallest"] < 17:
                    problems.append(f"{where}: body text {m['smallest']} px (17 px or more)")
                if width < 500 and m["small_table_text"]:
                    problems.append(f"{where}: table or card text under 15 px: {m['small_table_text']}")
                if m["italic_cjk"]:
                    problems.append(f"{where}: italic Chinese: {m['italic_cjk']}")
                if m["h1"] < 600 or m["h2"] < 600:
                    problems.append(f"{where}: h1 weight {m['h1']}, h2 weight {m['h2']} (600 or more)")
    assert not problems, "\n".join(problems)


def test_no_page_lists_facts_under_a_documentation_table_header(built_site):
    """Facts are a definition list on every page (records, and the visit page written by hand): no
    "项目 / 内容" or "Fact / Detail" table header anywhere."""
    found = []
    for path in sorted(built_site.rglob("*.html")):
        for head in _soup(path).select("thead tr"):
            cells = [c.get_text(strip=True) for c in head.select("th")]
            if cells in (["项目", "内容"], ["Fact", "Detail"], ["Item", "Content"]):
                found.append(f"{path.relative_to(built_site)}: {cells}")
    assert not found, found
