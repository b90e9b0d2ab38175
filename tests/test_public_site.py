"""A site a public body can put its name to: the footer's lines (settings/site.yml) and the sharing tags.

One build of the real collection with a public address (SITE_URL) and every footer line set, as the hall's
bureau would publish it; the shared build (nothing set) shows that an empty line leaves no trace.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image

from conftest import copy_project, run_cli

SITE_URL = "https://expo.example.org/shuangyong/"
SITE_YML = """\
publisher: {zh: 聊城市退役军人事务局, en: Liaocheng Veterans Affairs Bureau}
contact: office@example.org
icp: 鲁ICP备12345678号-1
police_filing: 鲁公网安备37150202000123号
site_code: "3715000001"
"""


@pytest.fixture(scope="module")
def published(tmp_path_factory, caches) -> Path:
    work = copy_project(tmp_path_factory.mktemp("published"), caches=caches)
    (work / "settings" / "site.yml").write_text(SITE_YML, encoding="utf-8")
    result = run_cli(work, "build", env={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stdout + result.stderr
    return work / "site"


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")


def test_every_footer_line_when_set(published):
    zh = _soup(published, "exhibits/people/fan-zhuxian/index.html").select_one(".md-copyright")
    text = " ".join(zh.get_text().split())
    assert "主办单位：聊城市退役军人事务局" in text and "联系方式：office@example.org" in text
    assert zh.select_one('a[href="mailto:office@example.org"]')
    icp = zh.select_one('a[href="https://beian.miit.gov.cn/"]')
    assert icp and icp.get_text(strip=True) == "鲁ICP备12345678号-1"
    police = zh.select_one('a[href^="https://beian.mps.gov.cn/"]')
    assert police["href"].endswith("?code=37150202000123") and "鲁公网安备37150202000123号" in police.get_text()
    assert "网站标识码：3715000001" in text

    en = _soup(published, "en/exhibits/people/fan-zhuxian/index.html").select_one(".md-copyright")
    text = " ".join(en.get_text().split())
    assert "Published by: Liaocheng Veterans Affairs Bureau" in text and "Website code: 3715000001" in text
    assert en.select_one('a[href="https://beian.miit.gov.cn/"]')["lang"] == "zh"  # a Chinese number on an English page


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


def test_each_page_is_shared_with_its_own_title_and_a_picture(published):
    pages = [p for p in published.rglob("index.html") if "offline" not in p.parts]
    assert len(pages) > 100
    for page in pages:
        soup = _soup(published, str(page.relative_to(published)))
        meta = {m.get("property") or m.get("name"): m.get("content") for m in soup.find_all("meta")}
        is_home = page.parent in (published, published / "en")
        expected = (
            ("聊城市双拥展览馆" if page.parent == published else "Liaocheng Double Support Exhibition Hall")
            if is_home
            else soup.title.get_text().rsplit(" - ", 1)[0]
        )
        assert meta["og:title"] == expected, page
        assert meta["og:url"].startswith(SITE_URL), page
        image = meta.get("og:image")
        assert image and image.startswith(SITE_URL), page
        with Image.open(published / image[len(SITE_URL) :]) as picture:
            assert min(picture.size) >= 300, (page, image, picture.size)
    # The home page: the hall's name, not "首页", in the tab and when shared.
    home = _soup(published, "index.html")
    assert home.title.get_text() == "聊城市双拥展览馆"
    assert _soup(published, "en/index.html").title.get_text() == "Liaocheng Double Support Exhibition Hall"
    # A record's page is shared with its own picture, not the home's.
    ship = _soup(published, "exhibits/vessels/liaocheng-ship/index.html").find("meta", property="og:image")["content"]
    hall = home.find("meta", property="og:image")["content"]
    assert ship != hall and re.search(r"/media/[0-9a-f]{20}/960\.webp$", ship)
