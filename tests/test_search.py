"""Search finds what visitors type (issue #27): words inside titles, names by characters, full pinyin
and initials, places, English words, years, traditional characters; exact titles and names first.

The query set (search_queries.yml) runs through Material's search worker with ours around it, in Node,
on the shared build's index (scripts/bench/search.js: the same two scripts a browser runs); one
browser test checks that Chromium really searches through them."""

from __future__ import annotations

import json
import re
import sys

import pytest
from playwright.sync_api import expect

from conftest import ROOT, search

sys.path.insert(0, str(ROOT / "scripts" / "bench"))
import search_recall  # noqa: E402  (scripts/bench/search_recall.py, also run by `make bench`)

from exhibition.search_index import traditional_forms  # noqa: E402

PHRASE_KINDS = ("event", "theme", "story", "lesson")


def test_the_query_set_covers_what_visitors_type():
    queries = search_recall.load_queries()
    assert len(queries) >= 60
    kinds = {q["what"] for q in queries}
    assert kinds >= {"title", "name", "pinyin", "place", "english", "year", "traditional"}, kinds
    assert {"家乡", "纪念塔", "国旗", "聯城艦"} <= {q["query"] for q in queries}


def test_every_query_finds_its_page_in_the_top_3_and_exact_names_first(built_site):
    queries = search_recall.load_queries()
    report = search_recall.recall(queries, search_recall.run(built_site, queries))
    misses = "\n".join(
        f"{m['query']!r} ({m['lang']}) wants {m['page']}: rank {m['rank']}, top 3 {m['top']}" for m in report["misses"]
    )
    assert report["recall_at_3"] == 1.0 and not report["misses"], misses


def _index(built_site, prefix=""):
    return json.loads((built_site / prefix / "search/search_index.json").read_text(encoding="utf-8"))


def test_titles_are_segmented_like_body_text(built_site):
    """A phrase title (an event, a theme, a story, a lesson) is never one word of the index: jieba's
    user dictionary holds names only, so 家乡 is a word of 以家乡命名的军舰：聊城舰."""
    import yaml

    index = _index(built_site)
    titles = {d["location"]: d["title"] for d in index["docs"] if "#" not in d["location"]}
    phrases = 0
    for path in sorted((ROOT / "exhibits").glob("*/*.yml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if record.get("kind") not in PHRASE_KINDS or record.get("review", {}).get("status") == "draft":
            continue
        location = f"exhibits/{path.parent.name}/{record['id']}/"
        words = titles[location].split("\u200b")
        assert len(words) > 1 or len(record["title"]["zh"]) <= 4, (location, titles[location])
        phrases += 1
    assert phrases > 20
    dictionary = (built_site.parent / "build/jieba_user.txt").read_text(encoding="utf-8").splitlines()
    assert "聊城舰 2000 nz" in dictionary and "范筑先 2000 nz" in dictionary
    assert not any(line.startswith("以家乡命名的军舰") for line in dictionary)


def test_the_index_carries_names_pinyin_and_traditional_forms_results_never_show(built_site):
    for prefix in ("", "en/"):
        index = _index(built_site, prefix)
        assert {"words", "names"} <= set(index["config"]["fields"])
        fan = next(d for d in index["docs"] if d["location"] == "exhibits/people/fan-zhuxian/")
        assert {"范筑先", "fanzhuxian", "fzx"} <= set(fan["names"])
        assert index["config"]["exhibition"]["t2s"]["艦"] == "舰"
        # Citation markers ([@source-id]) and the numbers pages show for them are for readers, not for search.
        assert not any(re.search(r"\[@|@[a-z0-9-]+\]|<sup>\u200b?\[\d", d["text"]) for d in index["docs"])
    cemetery = next(d for d in _index(built_site)["docs"] if d["location"].startswith("exhibits/memorials/luxibei-"))
    # 张炳元 lies there (notable_burials): found, not an exact name. 肖永智's remains were moved to Handan in
    # 1956 (his tomb is kept there, but he is not listed as buried: #24 P2).
    assert {"张炳元", "zhangbingyuan", "zby"} <= set(cemetery["words"])


def test_traditional_forms_map_only_to_characters_the_index_holds():
    table = traditional_forms("聊城舰 纪念塔")
    assert table["艦"] == "舰" and table["紀"] == "纪"
    assert "聊" not in table and set(table.values()) <= set("聊城舰纪念塔")


@pytest.mark.parametrize(
    ("home", "query", "title"),
    [("/", "fzx", "范筑先"), ("/", "聊城艦", "聊城舰"), ("/en/", "kongfansen", "Kong Fansen")],
)
def test_the_browser_searches_through_our_worker(page, home, query, title):
    """In Chromium, Material's search box: initials, traditional characters and pinyin on English pages."""
    workers = []
    page.on("worker", lambda worker: workers.append(worker.url))
    page.goto(page.base + home)
    page.wait_for_load_state("networkidle")
    search(page, query)  # returns once results show: maybe those of the first characters typed
    # Material searches on keyup; a Chinese character arrives as text input, without one.
    page.locator("input.md-search__input").press("End")
    first = page.locator(".md-search-result__item").first.locator("h1, h2").first
    expect(first).to_have_text(re.compile(r"^\s*" + "\u200b?".join(title) + r"\s*$"))
    assert any("/workers/exhibition-search.js?material=search." in url for url in workers), workers


def test_the_kiosk_finds_people_where_they_rest_by_pinyin(kiosk_site):
    text = (kiosk_site / "exhibits/kiosk/search-zh.js").read_text(encoding="utf-8")
    items = {item["id"]: item for item in json.loads(text[len("window.KX_SEARCH = ") :].rstrip().rstrip(";"))["items"]}
    assert ["zhangbingyuan", "zby"] in items["luxibei-revolutionary-martyrs-cemetery"]["keys"]
    assert ["zhangbingyuan", "zby"] in items["zhang-bingyuan"]["keys"]


def test_citation_numbers_leave_the_index_and_other_sups_stay(tmp_path):
    """A paragraph's citation numbers (truth-code renders [@id] as <sup class="ex-cites">[1]</sup>;
    Material keeps <sup>[1]</sup>) are not words of the index; other superscripts are."""
    from exhibition.search_index import split_by_language

    (tmp_path / "search").mkdir()
    text = "范筑先\u200b守城\u200b。<sup>[3][1]</sup></p> <p>m<sup>2</sup> Liaocheng.<sup>[12]</sup>"
    index = {"config": {"lang": ["zh"], "fields": {}}, "docs": [{"location": "x/", "title": "t", "text": text}]}
    (tmp_path / "search/search_index.json").write_text(json.dumps(index), encoding="utf-8")
    split_by_language(tmp_path, "zh", ["en"], keys={})
    written = json.loads((tmp_path / "search/search_index.json").read_text(encoding="utf-8"))
    assert written["docs"][0]["text"] == "范筑先\u200b守城\u200b。</p> <p>m<sup>2</sup> Liaocheng."
