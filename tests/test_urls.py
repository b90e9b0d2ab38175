"""One rule for where every page lives (scripts/exhibition/urls.py), for each edition and language."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest

from exhibition import urls
from exhibition.records import model


@pytest.mark.parametrize(
    "docs_path, lang, directory_urls, expected",
    [
        ("index.md", "zh", True, ""),
        ("index.md", "en", True, "en/"),
        ("index.md", "zh", False, "index.html"),
        ("index.md", "en", False, "en/index.html"),
        ("exhibits/tour/index.md", "zh", True, "exhibits/tour/"),
        ("exhibits/tour/index.md", "en", False, "en/exhibits/tour/index.html"),
        ("exhibits/people/fan-zhuxian.md", "zh", True, "exhibits/people/fan-zhuxian/"),
        ("exhibits/people/fan-zhuxian.md", "en", True, "en/exhibits/people/fan-zhuxian/"),
        ("exhibits/people/fan-zhuxian.md", "zh", False, "exhibits/people/fan-zhuxian.html"),
        ("visit.md", "en", True, "en/visit/"),
    ],
)
def test_page_urls_for_each_edition_and_language(docs_path, lang, directory_urls, expected):
    assert urls.page(docs_path, lang, directory_urls) == expected


@pytest.mark.parametrize(
    "page_url, expected",
    [
        ("", ""),
        ("en/", "../"),
        ("exhibits/people/x/", "../../../"),
        ("en/exhibits/people/x.html", "../../../"),
        ("index.html", ""),
    ],
)
def test_the_way_back_to_the_root(page_url, expected):
    assert urls.up_to_root(page_url) == expected


EDITIONS = [("web", True), ("kiosk", False)]
LANGS = ["zh", "en"]
HOST = "http://hall.example/"


@pytest.mark.parametrize("lang, root", [("zh", ""), ("en", "en/")])
def test_each_language_has_its_folder(lang, root):
    assert urls.language_root(lang) == root


@pytest.mark.parametrize(
    "url, expected",
    [
        ("", None),
        ("exhibits/people/x/", None),
        ("en/", "en"),
        ("en", "en"),
        ("en/exhibits/people/x.html", "en"),
        ("energy/", None),
    ],
)
def test_the_language_of_an_address(url, expected):
    assert urls.language_of(url, ["en"]) == expected


@pytest.mark.parametrize(
    "lang, directory_urls, expected",
    [("zh", True, ""), ("en", True, "en/"), ("zh", False, "index.html"), ("en", False, "en/index.html")],
)
def test_the_home_page_of_each_edition_and_language(lang, directory_urls, expected):
    assert urls.home(lang, directory_urls) == expected


@pytest.mark.parametrize(
    "docs_path, lang, directory_urls, expected",
    [
        ("exhibits/people/x.md", "zh", True, "../../../"),  # exhibits/people/x/
        ("exhibits/people/x.md", "en", True, "../../../../"),  # en/exhibits/people/x/
        ("exhibits/people/x.md", "zh", False, "../../"),  # exhibits/people/x.html
        ("exhibits/people/x.md", "en", False, "../../../"),  # en/exhibits/people/x.html
        ("exhibits/tour/index.md", "zh", True, "../../"),
        ("exhibits/tour/index.md", "en", False, "../../../"),
        ("exhibits/kiosk/attract.md", "zh", False, "../../"),
        ("index.md", "zh", True, ""),
        ("index.md", "en", False, "../"),
    ],
)
def test_the_way_back_to_the_root_from_a_page(docs_path, lang, directory_urls, expected):
    assert urls.root_from(docs_path, lang, directory_urls) == expected


@pytest.mark.parametrize("edition, directory_urls", EDITIONS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "source, target",
    [
        ("exhibits/people/x.md", "exhibits/hall-map.md"),
        ("exhibits/tour/index.md", "exhibits/tour/zone-a.md"),
        ("exhibits/kiosk/attract.md", "index.md"),
        ("index.md", "exhibits/events/y.md"),
        ("exhibits/roll/list/a.md", "exhibits/people/x.md"),
    ],
)
def test_a_link_from_one_page_lands_on_the_other(edition, directory_urls, lang, source, target):
    """Followed from the source page's address, the relative link reaches the target's address."""
    href = urls.page_from(target, source, lang, directory_urls)
    landed = urljoin(HOST + urls.page(source, lang, directory_urls), href)
    assert landed == HOST + urls.page(target, lang, directory_urls), href


@pytest.mark.parametrize(
    "target, source, expected",
    [
        ("exhibits/people/x.md", "exhibits/events/y.md", "../people/x.md"),
        ("exhibits/lessons/l/l-handout-zh.pdf", "exhibits/lessons/l.md", "l/l-handout-zh.pdf"),
        ("exhibits/teachers.md", "exhibits/tour/index.md", "../teachers.md"),
    ],
)
def test_markdown_links_are_between_docs_files(target, source, expected):
    """MkDocs rewrites these for the edition and language, so they are the same in all four."""
    assert urls.markdown_link(target, source) == expected


@pytest.mark.parametrize(
    "docs_path, lang, directory_urls, expected",
    [
        ("exhibits/people/x.md", "zh", True, "https://example.org/hall/exhibits/people/x/"),
        ("exhibits/people/x.md", "en", True, "https://example.org/hall/en/exhibits/people/x/"),
        ("exhibits/people/x.md", "zh", False, "https://example.org/hall/exhibits/people/x.html"),
        ("exhibits/people/x.md", "en", False, "https://example.org/hall/en/exhibits/people/x.html"),
        ("media/people/x-960.webp", "en", True, "https://example.org/hall/media/people/x-960.webp"),  # a file: one for all
        (None, "zh", True, None),
    ],
)
def test_public_addresses_need_the_sites_address(docs_path, lang, directory_urls, expected):
    assert urls.absolute("https://example.org/hall/", docs_path, lang, directory_urls) == expected
    assert urls.absolute("", docs_path, lang, directory_urls) is None


def test_the_kiosks_own_pages_are_html_files(tmp_path):
    """extra.kiosk's attract and search addresses come from the URL rule in the kiosk's style."""
    from exhibition.pages.catalogue import Catalogue

    assert Catalogue("exhibits").url("attract", directory_urls=False) == "exhibits/kiosk/attract.html"
    assert Catalogue("exhibits").url("kiosk_search", lang="en", directory_urls=False) == "en/exhibits/kiosk/search.html"


def test_a_records_page_is_named_after_its_kind_and_id():
    from exhibition.pages.catalogue import Catalogue

    assert Catalogue().path("record", model.Person.model_construct(id="fan-zhuxian")) == "exhibits/people/fan-zhuxian.md"
    assert Catalogue("pages").path("record", model.Story.model_construct(id="x")) == "pages/stories/x.md"


def test_the_kiosks_open_data_links_to_the_kiosks_pages(kiosk_site):
    """site-kiosk/data/records-*.json: every record's page is a file the kiosk has (file.html)."""
    for lang in ("zh", "en"):
        data = json.loads((kiosk_site / "data" / f"records-{lang}.json").read_text(encoding="utf-8"))
        assert data["records"]
        for record in data["records"]:
            assert record["page"].endswith(".html"), record["page"]
            assert (kiosk_site / record["page"]).is_file(), record["page"]
            assert record["page"].startswith("en/") == (lang == "en")


def test_the_web_sites_open_data_links_to_its_pages(built_site):
    data = json.loads((built_site / "data" / "records-en.json").read_text(encoding="utf-8"))
    for record in data["records"]:
        assert record["page"].startswith("en/exhibits/") and record["page"].endswith("/")
        assert (built_site / record["page"] / "index.html").is_file(), record["page"]
