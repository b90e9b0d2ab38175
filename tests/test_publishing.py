"""Publishing: any host, a sub-path, search engines, open data, curator tooling."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import VALID_EVENT, copy_project, photo_bytes, run_cli, serve_under, write
from exhibition.pages.structured import REQUIRED, SCHEMA_TYPES
from exhibition.records.model import KINDS

SUBPATH = "https://example.org/expo/"
# The footer lines a public body's site carries (settings/site.yml), all set, as the hall's bureau would.
SITE_YML = """\
publisher: {zh: 聊城市退役军人事务局, en: Liaocheng Veterans Affairs Bureau}
contact: office@example.org
icp: 鲁ICP备12345678号-1
police_filing: 鲁公网安备37150202000123号
site_code: "3715000001"
# What a visitor needs (issue #31 item 6): made-up values for the test, never the hall's.
visit:
  hours: {zh: 9:00—17:00（16:30停止入馆）, en: "9:00-17:00 (last entry 16:30)"}
  closed: {zh: 每周一闭馆, en: Closed on Mondays}
  phone: 0635-0000000
  booking: {zh: 团体请提前三天电话预约。, en: Groups book by telephone three days ahead.}
  map_url: https://uri.amap.com/search?keyword=example
"""


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory, caches) -> Path:
    """The real collection published at a sub-path of a known address, with every footer line set."""
    work = tmp_path_factory.mktemp("subpath")
    copy_project(work, caches=caches)
    (work / "settings" / "site.yml").write_text(SITE_YML, encoding="utf-8")
    result = run_cli(work, "build", env={"SITE_URL": SUBPATH})
    assert result.returncode == 0, result.stderr
    return work / "site"


def _serve_under(site: Path, prefix: str):
    """Serve site/ at http://127.0.0.1:PORT/<prefix>/ and 404 everything else, like a shared host."""
    return serve_under(site, prefix)


def _crawl(start: str) -> tuple[int, list[str]]:
    """Fetch every page and resource reachable from start on the same host; return (count, broken)."""
    host = urlsplit(start).netloc
    seen, queue, broken = set(), [start], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                body = response.read()
                kind = response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            broken.append(f"{error.code} {url}")
            continue
        if "html" not in kind:
            continue
        page = BeautifulSoup(body.decode("utf-8"), "html.parser")
        found = [e.get("href") for e in page.find_all(["a", "link"])] + [e.get("src") for e in page.find_all(["img", "script"])]
        for element in page.find_all(["img", "source"]):
            found += [part.strip().split(" ")[0] for part in (element.get("srcset") or "").split(",") if part.strip()]
        for link in filter(None, found):
            absolute = urljoin(url, link).split("#")[0]
            if urlsplit(absolute).netloc == host and absolute not in seen:
                queue.append(absolute)
    return len(seen), broken


def test_built_for_a_sub_path_every_page_and_resource_is_found(subpath_site):
    httpd, start = _serve_under(subpath_site, "/expo/")
    try:
        count, broken = _crawl(start)
    finally:
        httpd.shutdown()
    assert count > 100
    assert not broken, broken[:20]
    page = BeautifulSoup((subpath_site / "en/exhibits/vessels/liaocheng-ship/index.html").read_text(), "html.parser")
    assert page.find("link", rel="canonical")["href"] == SUBPATH + "en/exhibits/vessels/liaocheng-ship/"


def test_without_site_url_the_site_works_from_any_folder(built_site):
    httpd, start = _serve_under(built_site, "/some/folder/")
    try:
        count, broken = _crawl(start)
    finally:
        httpd.shutdown()
    assert count > 100 and not broken, broken[:20]


@pytest.mark.build
@pytest.mark.parametrize("value", ["example.org", "https://example.org/expo", "ftp://example.org/", "/expo/"])
def test_a_bad_site_url_is_refused(project, value):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    result = run_cli(project, "build", env={"SITE_URL": value})
    assert result.returncode == 1
    assert result.stderr.startswith("SITE_URL: ")
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()


def test_every_page_names_its_languages_by_full_address(subpath_site):
    """hreflang links in full (search engines ignore relative ones), each the same page in that language."""
    pages = sorted(subpath_site.rglob("*.html"))
    assert len(pages) > 100
    for path in pages:
        html = path.read_text(encoding="utf-8")
        alternates = {lang: href for href, lang in re.findall(r'<link rel="alternate" href="([^"]*)" hreflang="(\w+)">', html)}
        if not alternates:
            continue
        where = path.relative_to(subpath_site).as_posix()
        assert set(alternates) == {"zh", "en"}, where
        assert alternates["zh"].startswith(SUBPATH) and not alternates["zh"].startswith(SUBPATH + "en/"), where
        assert alternates["en"] == alternates["zh"].replace(SUBPATH, SUBPATH + "en/", 1), where
        canonical = re.search(r'<link rel="canonical" href="([^"]*)"', html)
        if canonical:  # a page (404.html has none): one of its alternates is itself
            assert canonical.group(1) in alternates.values(), where


def test_sitemap_pairs_each_page_with_its_translation(subpath_site):
    text = (subpath_site / "sitemap.xml").read_text()
    urls = re.findall(r"<url>(.*?)</url>", text, re.S)
    assert len(urls) > 40
    for block in urls:
        loc = re.search(r"<loc>(.*?)</loc>", block).group(1)
        alternates = dict(re.findall(r'hreflang="(\w+)" href="([^"]+)"', block))
        assert set(alternates) == {"zh", "en"}, block
        assert alternates["en"] == alternates["zh"].replace(SUBPATH, SUBPATH + "en/", 1)
        assert loc in alternates.values()
    robots = (subpath_site / "robots.txt").read_text()
    assert f"Sitemap: {SUBPATH}sitemap.xml" in robots


def test_sharing_tags_carry_the_records_own_picture_and_summary(subpath_site):
    for lang, summary_word in (("", "护卫舰"), ("en/", "corvette")):
        page = BeautifulSoup((subpath_site / f"{lang}exhibits/vessels/liaocheng-ship/index.html").read_text(), "html.parser")
        meta = {m.get("property") or m.get("name"): m["content"] for m in page.find_all("meta") if m.get("content")}
        assert summary_word in meta["og:description"]
        assert meta["og:image"].startswith(SUBPATH + "media/") and meta["og:image"].endswith(".webp")
        assert (subpath_site / meta["og:image"][len(SUBPATH) :]).exists()
        assert meta["og:url"] == SUBPATH + f"{lang}exhibits/vessels/liaocheng-ship/"
        assert meta["og:locale"] == ("en_US" if lang else "zh_CN")
        assert meta["twitter:card"] == "summary_large_image"


def test_every_record_page_has_valid_json_ld(subpath_site):
    checked = 0
    for kind, cls in KINDS.items():
        for page_path in (subpath_site / "exhibits" / cls.FOLDER).glob("*/index.html"):
            for lang_root in (subpath_site, subpath_site / "en"):
                path = lang_root / page_path.relative_to(subpath_site)
                page = BeautifulSoup(path.read_text(), "html.parser")
                blocks = page.find_all("script", type="application/ld+json")
                assert len(blocks) == 1, path
                data = json.loads(blocks[0].string)
                types = data["@type"] if isinstance(data["@type"], list) else [data["@type"]]
                assert types == SCHEMA_TYPES[kind]
                assert data["@context"] == "https://schema.org"
                for field in ("name", "description", "url", "inLanguage", "citation", *REQUIRED[types[0]]):
                    assert data.get(field), f"{path}: {field}"
                assert data["url"].startswith(SUBPATH)
                assert "consent" not in json.dumps(data)
                checked += 1
    assert checked >= 40


@pytest.mark.build
def test_open_data_has_every_published_record_and_no_private_field(project):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    write(
        project, "exhibits/events/draft-event.yml", VALID_EVENT.replace("test-event", "draft-event").replace("verified", "draft")
    )
    person = VALID_EVENT.replace("kind: event", "kind: person").replace("id: test-event", "id: living-veteran").replace(
        'date: "2019-03-15"\n', ""
    ) + (
        "category: model_veteran\nliving: true\nname: {zh: 某某, pinyin: Moumou}\n"
        "consent: {reference: 授权书-SECRET-REF, scope: 姓名, date: 2026-01-05}\n"
    )
    write(
        project, "exhibits/people/living-veteran.yml", person.replace("  date: 2026-11-28", "  date: 2026-11-28\n  by: 审核人甲")
    )
    built = run_cli(project, "build")
    assert built.returncode == 0, built.stderr
    assert "1 draft not published: exhibits/events/draft-event.yml" in built.stdout  # drafts are not silent
    for lang in ("zh", "en"):
        data = json.loads((project / f"site/data/records-{lang}.json").read_text())
        ids = {r["id"] for r in data["records"]}
        assert ids == {"test-event", "living-veteran"}
        text = json.dumps(data, ensure_ascii=False)
        assert "SECRET-REF" not in text and "consent" not in text and "审核人甲" not in text
        csv_text = (project / f"site/data/records-{lang}.csv").read_text(encoding="utf-8-sig")
        assert csv_text.splitlines()[0].startswith("id,kind,title")
        assert "draft-event" not in csv_text and "SECRET-REF" not in csv_text
    english = json.loads((project / "site/data/records-en.json").read_text())
    assert next(r for r in english["records"] if r["id"] == "test-event")["title"] == "Test event"
    page = (project / "site/en/exhibits/data/index.html").read_text()
    assert "records-en.json" in page and "Licence" in page


def _fill(text: str) -> str:
    text = re.sub(r'"TODO: YYYY, YYYY-MM or YYYY-MM-DD"', '"2019-05-01"', text)
    text = re.sub(r"^(\s*-?\s*id): TODO", r"\1: yearbook", text, flags=re.M)
    return text.replace("TODO", "测试")


# Lessons are left out: their step minutes must also add up to the periods, which a filler cannot guess.
@pytest.mark.parametrize("kind", sorted(k for k in KINDS if k != "lesson"))
def test_make_new_scaffolds_a_record_that_validates_once_filled(project, kind):
    result = run_cli(project, "new", kind, f"new-{kind}")
    assert result.returncode == 0, result.stderr
    path = project / "exhibits" / KINDS[kind].FOLDER / f"new-{kind}.yml"
    text = path.read_text()
    assert "TODO" in text and "# " in text
    assert run_cli(project, "check").returncode == 1  # TODOs are not accepted as they are
    path.write_text(_fill(text).replace("status: draft", "status: verified"))
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stderr + _fill(text)


def test_make_new_refuses_an_existing_id_or_unknown_kind(project):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    result = run_cli(project, "new", "event", "test-event")
    assert result.returncode == 1 and "already used by exhibits/events/test-event.yml" in result.stderr
    result = run_cli(project, "new", "ship", "x")
    assert result.returncode == 1 and 'unknown kind "ship"' in result.stderr


def test_whats_new_lists_records_by_review_date(built_site):
    page = BeautifulSoup((built_site / "exhibits/whats-new/index.html").read_text(), "html.parser")
    dates = [t["datetime"] for t in page.select("table time")]
    assert len(dates) >= 20 and dates == sorted(dates, reverse=True)


@pytest.mark.build
def test_open_data_gives_the_published_pictures_and_a_licence_per_language(project):
    (project / "images/events").mkdir(parents=True)
    (project / "images/events/photo.jpg").write_bytes(photo_bytes(1200, 900))
    write(
        project,
        "exhibits/events/test-event.yml",
        VALID_EVENT
        + (
            "images:\n  - file: events/photo.jpg\n    alt: {zh: 一张照片, en: A photo}\n    creator: 某某\n"
            "    licence: {zh: 版权所有, en: All rights reserved}\n"
        ),
    )
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    for lang, licence in (("zh", "版权所有"), ("en", "All rights reserved")):
        data = json.loads((project / f"site/data/records-{lang}.json").read_text())
        image = data["records"][0]["images"][0]
        assert "file" not in image  # the original in images/ is not published
        assert image["licence"] == licence
        assert len(image["files"]) >= 1
        for variant in image["files"]:
            assert (project / "site" / variant["url"]).is_file(), variant  # relative to the site root
            assert variant["width"] > 0 and variant["height"] > 0
        page = (project / "site" / ("" if lang == "zh" else "en") / "exhibits/events/test-event/index.html").read_text()
        assert licence in page
    assert "All rights reserved" not in (project / "site/exhibits/events/test-event/index.html").read_text()


# --- the footer a public body needs, and sharing -------------------------------


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_every_footer_line_when_set(subpath_site):
    zh = _soup(subpath_site, "exhibits/people/fan-zhuxian/index.html").select_one(".md-copyright")
    text = " ".join(zh.get_text().split())
    assert "主办单位：聊城市退役军人事务局" in text and "联系方式：office@example.org" in text
    assert zh.select_one('a[href="mailto:office@example.org"]')
    icp = zh.select_one('a[href="https://beian.miit.gov.cn/"]')
    assert icp and icp.get_text(strip=True) == "鲁ICP备12345678号-1"
    police = zh.select_one('a[href^="https://beian.mps.gov.cn/"]')
    assert police["href"].endswith("?code=37150202000123") and "鲁公网安备37150202000123号" in police.get_text()
    assert "网站标识码：3715000001" in text

    en = _soup(subpath_site, "en/exhibits/people/fan-zhuxian/index.html").select_one(".md-copyright")
    text = " ".join(en.get_text().split())
    assert "Published by: Liaocheng Veterans Affairs Bureau" in text and "Website code: 3715000001" in text
    assert en.select_one('a[href="https://beian.miit.gov.cn/"]')["lang"] == "zh"  # a Chinese number on an English page


def test_the_visit_page_footer_and_home_show_the_visit_settings_when_set(subpath_site):
    """Issue #31 item 6: hours, closed days, phone, booking and a map link, once set, are three cards on the
    visit page, lines of the footer (the address a map link) and words of the home's visit link."""
    visit = _soup(subpath_site, "visit/index.html")
    cards = {card.h2.get_text(strip=True): " ".join(card.get_text().split()) for card in visit.select(".ex-visit-card")}
    assert list(cards) == ["开放时间", "怎么来", "团体与学校预约"], cards
    assert "9:00—17:00" in cards["开放时间"] and "每周一闭馆" in cards["开放时间"]
    assert "黄山路60号" in cards["怎么来"] and visit.select_one('.ex-visit-card a[href^="https://uri.amap.com/"]')
    assert visit.select_one('.ex-visit-card a[href="tel:0635-0000000"]') and "提前三天" in cards["团体与学校预约"]
    assert not visit.select(".ex-visit-unknown")  # the "not given yet" line goes once they are
    en = _soup(subpath_site, "en/visit/index.html")
    assert [c.h2.get_text(strip=True) for c in en.select(".ex-visit-card")] == [
        "Opening hours",
        "Getting here",
        "Groups and school visits",
    ]

    footer = _soup(subpath_site, "exhibits/stories/luxibei-tower-names/index.html").select_one(".md-copyright")
    assert (
        footer.select_one('.ex-footer-hall__address a[href^="https://uri.amap.com/"]').get_text()
        == "聊城市经济技术开发区黄山路60号"
    )
    assert "9:00—17:00" in footer.select_one(".ex-footer-hall__hours").get_text()
    assert footer.select_one('.ex-footer-hall__phone a[href="tel:0635-0000000"]')
    home = _soup(subpath_site, "index.html").select_one("#visit + .ex-visit")
    assert "开放时间" in home.get_text() and "团体与学校预约" in home.get_text()


def test_while_the_visit_settings_are_empty_nothing_promises_them(built_site):
    """The real settings have no hours or phone (no reliable source): no card, link or heading promises them,
    the address is no map link, and the footer still names the hall and its address."""
    for lang_root, hours, booking in (("", "开放时间", "预约"), ("en/", "Opening hours", "Groups")):
        visit = _soup(built_site, f"{lang_root}visit/index.html")
        headings = [h.get_text(strip=True) for h in visit.select(".md-content h2, .ex-visit-card h2")]
        assert headings and not any(hours in h or booking in h for h in headings), headings
        assert not visit.select('a[href^="tel:"], .ex-visit-card a[href^="http"]')
        home = _soup(built_site, f"{lang_root}index.html")
        link = home.select_one("#visit + .ex-visit a").get_text()
        assert hours not in link and booking not in link, link
        footer = _soup(built_site, f"{lang_root}exhibits/people/fan-zhuxian/index.html").select_one(".md-footer")
        assert footer.select_one(".ex-footer-hall__address") and not footer.select(".ex-footer-hall__address a")
        assert not footer.select(".ex-footer-hall__hours, .ex-footer-hall__phone")
        # One footer for the whole site: no chapter footer ("上一页 / 下一页") on records, stories, sections.
        for page in ("exhibits/people/fan-zhuxian/", "exhibits/stories/luxibei-tower-names/", "visit/", "exhibits/timeline/"):
            assert not _soup(built_site, f"{lang_root}{page}index.html").select(".md-footer__link"), page
    en = _soup(built_site, "en/exhibits/people/fan-zhuxian/index.html").select_one(".ex-footer-hall")
    assert "Liaocheng" in en.get_text()


def test_an_empty_footer_line_leaves_no_trace(built_site):
    footer = _soup(built_site, "exhibits/people/fan-zhuxian/index.html").select_one(".md-copyright")
    assert not footer.select(".ex-publisher, .ex-filing")
    assert "主办单位" not in footer.get_text() and "beian" not in str(footer)


@pytest.mark.parametrize("lang_root", ["", "en/"])
def test_the_accessibility_statement_is_linked_from_every_page(built_site, lang_root):
    page = built_site / lang_root / "exhibits/tour/navy/index.html"
    link = _soup(built_site, str(page.relative_to(built_site))).select_one(".ex-statement a")
    target = (page.parent / link["href"]).resolve() / "index.html"
    assert target.is_file(), link["href"]
    heading = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").h1.get_text(strip=True)
    assert heading == ("无障碍说明" if not lang_root else "Accessibility")


def test_each_page_is_shared_with_its_own_title_and_a_picture(subpath_site):
    pages = list(subpath_site.rglob("index.html"))
    assert len(pages) > 100
    for page in pages:
        soup = _soup(subpath_site, str(page.relative_to(subpath_site)))
        meta = {m.get("property") or m.get("name"): m.get("content") for m in soup.find_all("meta")}
        is_home = page.parent in (subpath_site, subpath_site / "en")
        expected = (
            ("聊城市双拥展览馆" if page.parent == subpath_site else "Liaocheng Double Support Exhibition Hall")
            if is_home
            else soup.title.get_text().rsplit(" - ", 1)[0]
        )
        assert meta["og:title"] == expected, page
        assert meta["og:url"].startswith(SUBPATH), page
        image = meta.get("og:image")
        assert image and image.startswith(SUBPATH), page
        with Image.open(subpath_site / image[len(SUBPATH) :]) as picture:
            assert min(picture.size) >= 300, (page, image, picture.size)
    # The home page: the hall's name, not "首页", in the tab and when shared.
    home = _soup(subpath_site, "index.html")
    assert home.title.get_text() == "聊城市双拥展览馆"
    assert _soup(subpath_site, "en/index.html").title.get_text() == "Liaocheng Double Support Exhibition Hall"
    # A record's page is shared with its own picture, not the home's.
    ship = _soup(subpath_site, "exhibits/vessels/liaocheng-ship/index.html").find("meta", property="og:image")["content"]
    hall = home.find("meta", property="og:image")["content"]
    assert ship != hall and re.search(r"/media/[0-9a-f]{20}/960\.webp$", ship)


def test_the_404_page_leads_on_inside_the_sub_path(subpath_site):
    """Served at any address under /expo/, the 404 page's four ways on (both languages) and its styles stay
    under the sub-path, and each leads to a page of the site."""
    html = (subpath_site / "404.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    ways = [a["href"] for a in page.select(".ex-404 nav a")]
    assert len(ways) == 8 and all(href.startswith("/expo/") for href in ways), ways
    for href in ways:
        assert (subpath_site / href.removeprefix("/expo/").removesuffix(".") / "index.html").exists(), href
    assert all(link["href"].startswith(("/expo/", "https://example.org/expo/")) for link in page.select('link[rel="stylesheet"]'))
