"""One rule for where every page lives (scripts/exhibition/urls.py), for each edition and language."""

from __future__ import annotations

import json

import pytest

from exhibition import urls
from exhibition.records import model


@pytest.mark.parametrize("docs_path, lang, directory_urls, expected", [
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
])
def test_page_urls_for_each_edition_and_language(docs_path, lang, directory_urls, expected):
    assert urls.page(docs_path, lang, directory_urls) == expected


@pytest.mark.parametrize("page_url, expected", [("", ""), ("en/", "../"), ("exhibits/people/x/", "../../../"),
                                                ("en/exhibits/people/x.html", "../../../"), ("index.html", "")])
def test_the_way_back_to_the_root(page_url, expected):
    assert urls.up_to_root(page_url) == expected


def test_a_records_page_is_named_after_its_kind_and_id():
    assert urls.record_docs_path(model.Person.model_construct(id="fan-zhuxian")) == "exhibits/people/fan-zhuxian.md"
    assert urls.record_docs_path(model.Story.model_construct(id="x"), "pages") == "pages/stories/x.md"


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
