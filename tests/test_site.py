"""A full build of the real collection, read as a visitor's browser would get it."""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, VALID_EVENT, run_cli, write
from exhibition.records.model import KINDS

CJK = re.compile(r"[\u4e00-\u9fff]")


def records():
    for path in sorted((ROOT / "exhibits").rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        yield data


def html_pages(site: Path):
    return sorted(p for p in site.rglob("*.html"))


def soup(path: Path) -> BeautifulSoup:
    """The page parsed, once per version of the file: four tests walk every page (≈ 3 s a walk).
    Read only: no test may change a tree another test reads."""
    stat = path.stat()
    return _parsed(path, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=1024)
def _parsed(path: Path, size: int, mtime_ns: int) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_collection_is_large_enough_and_covers_every_kind():
    data = list(records())
    assert len(data) >= 20
    kinds = {d["kind"] for d in data}
    assert kinds >= {"place", "vessel", "memorial", "person", "event", "theme"}


def test_every_record_has_a_chinese_and_an_english_page(built_site):
    for data in records():
        folder = KINDS[data["kind"]].FOLDER
        zh = built_site / "exhibits" / folder / data["id"] / "index.html"
        en = built_site / "en" / "exhibits" / folder / data["id"] / "index.html"
        for path, lang in ((zh, "zh"), (en, "en")):
            assert path.exists(), path
            page = soup(path)
            assert page.html["lang"] == lang
            assert page.h1.get_text(strip=True) == data["title"][lang]


def test_no_resource_comes_from_another_host(built_site):
    for path in html_pages(built_site):
        page = soup(path)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("source", "srcset"), ("iframe", "src")):
            for element in page.find_all(tag):
                value = element.get(attr)
                if not value or (tag == "link" and set(element.get("rel", [])) & {"canonical", "alternate"}):
                    continue
                assert not re.match(r"^(https?:)?//", value), f"{path}: {tag} {value}"
        text = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "unpkg.com" not in text


def test_every_image_has_alt_text_in_the_page_language(built_site):
    checked = 0
    for path in html_pages(built_site):
        english = "/en/" in path.as_posix().replace(built_site.as_posix(), "")
        for img in soup(path).find_all("img"):
            assert img.has_attr("alt"), f"{path}: {img}"
            assert img.has_attr("width") and img.has_attr("height"), f"{path}: {img}"
            if img.find_parent("figure") or img.find_parent("a", class_="glightbox"):
                alt = img["alt"].strip()
                assert alt, f"{path}: empty alt on {img['src']}"
                assert bool(CJK.search(alt)) != english or english and re.search("[A-Za-z]", alt), f"{path}: alt {alt!r}"
                checked += 1
            else:
                # The logo and list thumbnails are decorative: the link around or beside them is named.
                assert img["alt"] == "", f"{path}: {img}"
                link = img.find_parent("a") or img.find_parent("li").find("a")
                assert link.get_text(strip=True) or link.get("aria-label") or link.get("title"), f"{path}: {img}"
    assert checked >= 20


def _targets(site: Path, page: Path, url: str) -> tuple[Path, str] | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("mailto:", "tel:", "data:")):
        return None
    if not parts.path:
        return page, parts.fragment
    base = site if parts.path.startswith("/") else page.parent  # 404.html uses root-absolute URLs
    target = (base / unquote(parts.path).lstrip("/")).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def test_no_broken_internal_link_or_anchor(built_site):
    ids: dict[Path, set[str]] = {}
    problems = []
    for page in html_pages(built_site):
        for element in soup(page).find_all(["a", "link", "img", "script"]):
            url = element.get("href") or element.get("src")
            if not url or url.startswith("#__"):
                continue
            found = _targets(built_site, page, url)
            if found is None:
                continue
            target, fragment = found
            if not target.exists():
                problems.append(f"{page.relative_to(built_site)}: {url} -> missing {target}")
                continue
            if fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {e["id"] for e in soup(target).find_all(id=True)}
                if unquote(fragment) not in ids[target]:
                    problems.append(f"{page.relative_to(built_site)}: {url} -> no #{fragment}")
    assert not problems, "\n".join(problems[:20])


def test_disputed_values_show_both_sides_with_sources(built_site):
    page = soup(built_site / "exhibits/memorials/luxibei-revolutionary-martyrs-cemetery/index.html")
    text = page.get_text(" ")
    assert "说法不一" in text and "188.7" in text and "102" in text
    english = soup(built_site / "en/exhibits/people/fan-zhuxian/index.html").get_text(" ")
    assert "Sources differ" in english and "1881" in english and "1882" in english
    assert "1881-01-01" not in english


def test_dates_keep_their_precision(built_site):
    page = soup(built_site / "en/exhibits/events/liaocheng-veterans-bureau-founded/index.html")
    time = page.find("time", attrs={"datetime": "2019-03-15"})
    assert time and time.get_text() == "15 March 2019"
    opening = soup(built_site / "exhibits/events/hall-opening-2019/index.html").find("time", attrs={"datetime": "2019-12"})
    assert opening and opening.get_text() == "2019年12月"


def test_record_page_shows_sources_review_and_hall_zone(built_site):
    page = soup(built_site / "exhibits/vessels/liaocheng-ship/index.html")
    text = page.get_text(" ")
    assert page.find(id="sources")
    assert "忠诚骁勇" in text
    assert "已核实" in text and "最近审核" in text
    assert "在展厅中" in text
    english = soup(built_site / "en/exhibits/vessels/liaocheng-ship/index.html").get_text(" ")
    assert "our translation" in english


def test_language_switch_links_to_the_same_record(built_site):
    page = soup(built_site / "exhibits/vessels/liaocheng-ship/index.html")
    english = page.find("a", attrs={"hreflang": "en", "class": "md-select__link"})
    target = (built_site / "exhibits/vessels/liaocheng-ship" / english["href"]).resolve()
    assert (
        target == (built_site / "en/exhibits/vessels/liaocheng-ship").resolve()
        or target == (built_site / "en/exhibits/vessels/liaocheng-ship/index.html").resolve()
    )


def test_search_index_is_one_per_language(built_site):
    import json

    zh = json.loads((built_site / "search/search_index.json").read_text())
    en = json.loads((built_site / "en/search/search_index.json").read_text())
    assert all(not d["location"].startswith("en/") for d in zh["docs"])
    assert any("聊城舰" in d["title"] for d in zh["docs"])
    assert any("Liaocheng" in d["title"] for d in en["docs"])
    assert not any(
        CJK.search(d["title"]) and "Liaocheng" not in d["title"] and "双拥" not in d["title"]
        for d in en["docs"]
        if d["location"].count("/") > 2
    )


def test_search_pictures_name_every_record_with_a_picture_and_its_smallest_file(built_site, kiosk_site):
    """search/pictures.json beside each language's index: the picture each record's search result
    shows (exhibition.js), every address from that language's root, as the index's locations are."""
    import json

    with_picture = {r["id"]: r for r in records() if r.get("images") and r["review"]["status"] == "verified"}
    assert len(with_picture) > 10
    for prefix in ("", "en/"):
        root = built_site / prefix
        pictures = json.loads((root / "search/pictures.json").read_text(encoding="utf-8"))
        assert {page.rstrip("/").rsplit("/", 1)[1] for page in pictures} == set(with_picture)
        locations = {d["location"] for d in json.loads((root / "search/search_index.json").read_text())["docs"]}
        for page, (src, width, height, *_focus) in pictures.items():
            assert page in locations, page  # the key is what the index gives Material
            picture = (root / src).resolve()
            assert picture.is_file() and picture.is_relative_to(built_site / "media"), src
            assert width <= 480 and height > 0, (page, width)  # the smallest of each picture's files
    assert not (kiosk_site / "search/pictures.json").exists()  # the kiosk's own search page has its cards


def test_search_index_leaves_out_what_search_does_not_need(built_site):
    """Sources, related exhibits, the hall zone and picture credits are on every record page
    but only make the index heavier; lists of records (gallery, kind pages, what's new)
    repeat what each record's own entry holds."""
    import json

    for prefix, sources, related in (("", "资料来源", "相关展品"), ("en/", "Sources", "Related exhibits")):
        docs = json.loads((built_site / prefix / "search/search_index.json").read_text())["docs"]
        ship = [d for d in docs if d["location"].startswith("exhibits/vessels/liaocheng-ship/")]
        assert ship and any("护卫舰" in d["text"] or "corvette" in d["text"] for d in ship)  # the facts stay
        titles = {d["title"].replace("\u200b", "") for d in ship}
        assert not titles & {sources, related}, titles
        texts = [d["text"].replace("\u200b", "") for d in docs]
        assert not any("本站绘制" in t or "made for this site" in t or "CC BY" in t for t in texts)  # credits
        assert not any(d["location"].startswith("exhibits/whats-new/") for d in docs)
        gallery = " ".join(d["text"].replace("\u200b", "") for d in docs if d["location"].startswith("exhibits/gallery/"))
        assert "聊城舰" not in gallery and "Liaocheng" not in gallery, gallery[:300]
        summary = yaml.safe_load((ROOT / "exhibits/vessels/liaocheng-ship.yml").read_text())["summary"]
        kind_page = " ".join(
            d["text"].replace("\u200b", "")
            for d in docs
            if d["location"].startswith("exhibits/vessels/") and "liaocheng-ship" not in d["location"]
        )
        assert kind_page and summary["zh" if not prefix else "en"][:12] not in kind_page, kind_page[:300]


@pytest.mark.build
def test_missing_english_shows_chinese_with_a_notice(project):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT.replace("  en: A test record.\n", ""))
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    page = soup(project / "site/en/exhibits/events/test-event/index.html")
    assert "Translation in preparation" in page.get_text()
    assert "一条测试记录。" in page.get_text()
    strict = run_cli(project, "build", "--strict")
    assert strict.returncode == 1
    assert "summary.en: English translation missing" in strict.stderr


def _tree_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.mark.build
def test_a_failed_build_leaves_the_last_good_site_untouched(project):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    assert run_cli(project, "build").returncode == 0
    before = _tree_hash(project / "site")
    write(project, "exhibits/events/test-event.yml", VALID_EVENT.replace("2019-03-15", "2019-02-30"))
    result = run_cli(project, "build")
    assert result.returncode == 1
    assert 'date: "2019-02-30"' in result.stderr
    assert _tree_hash(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_notes_for_the_people_who_run_the_site_are_not_published(built_site):
    assert (ROOT / "docs/scaling.md").is_file()
    assert not list(built_site.rglob("scaling*"))
    assert "scaling" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")


@pytest.mark.build
def test_a_second_build_in_the_same_folder_waits_for_the_first(project):
    """`make build` and `make kiosk` both write docs/exhibits/: never at the same time."""
    import fcntl
    import select
    import subprocess

    from conftest import BIN

    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    lock = project / "build" / ".build.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as held:  # another build, as far as the lock can tell
        fcntl.flock(held, fcntl.LOCK_EX)
        second = subprocess.Popen(
            [str(BIN / "exhibition"), "--root", str(project), "build"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        ready, _, _ = select.select([second.stderr], [], [], 120)
        assert ready, "the second build neither waited nor said so"
        assert "Another build is running in this folder" in second.stderr.readline()
        with pytest.raises(subprocess.TimeoutExpired):  # still waiting 2 s later (fails as soon as it ends)
            second.wait(timeout=2)
        assert not (project / "site").exists()
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert (project / "site" / "exhibits/events/test-event/index.html").is_file()


def test_an_illustration_badge_is_not_repeated_by_its_caption(built_site):
    """示意图 / Illustration is said once, by the badge: the caption beside it does not start with it too.
    (The lightbox's title keeps the whole caption: no badge is shown there.)"""
    seen, repeated = 0, []
    for path in html_pages(built_site):
        for badge in soup(path).select("figcaption .ex-illustration"):
            seen += 1
            after = "".join(str(s) for s in badge.next_siblings if isinstance(s, str)).strip()
            if re.match(rf"{re.escape(badge.get_text(strip=True))}\s*[:：]", after, re.IGNORECASE):
                repeated.append(f"{path.relative_to(built_site)}: {after[:40]}")
    assert seen > 20, seen
    assert not repeated, repeated[:10]
