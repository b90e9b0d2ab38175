"""Unit tests of pure functions, no build: partial dates, the search index split by language, and the
CSP hashes. (URL building has its own file, tests/test_urls.py.)"""

from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

import pytest

from exhibition import csp
from exhibition.pages.format import after_badge, aside
from exhibition.records.dates import PartialDate
from exhibition.search_index import split_by_language

# --- partial dates (records/dates.py) -------------------------------------------


@pytest.mark.parametrize(
    "value, expected, precision",
    [
        ("2019", PartialDate(2019), "year"),
        ("2019-12", PartialDate(2019, 12), "month"),
        ("2019-03-15", PartialDate(2019, 3, 15), "day"),
        (" 1947-10 ", PartialDate(1947, 10), "month"),  # a stray space in YAML is forgiven
        (2019, PartialDate(2019), "year"),  # YAML reads an unquoted year as a number
        ("2020-02-29", PartialDate(2020, 2, 29), "day"),  # a leap day
    ],
)
def test_a_date_keeps_the_precision_it_was_written_with(value, expected, precision):
    date = PartialDate.parse(value)
    assert date == expected
    assert date.precision == precision
    assert PartialDate.parse(date) is date


@pytest.mark.parametrize(
    "date, iso, zh, en",
    [
        (PartialDate(2019), "2019", "2019年", "2019"),
        (PartialDate(2019, 3), "2019-03", "2019年3月", "March 2019"),
        (PartialDate(2019, 3, 5), "2019-03-05", "2019年3月5日", "5 March 2019"),
        (PartialDate(938), "0938", "938年", "938"),
    ],
)
def test_a_date_is_shown_no_more_precisely_than_it_is_known(date, iso, zh, en):
    assert date.iso == iso == str(date)
    assert date.show("zh") == zh
    assert date.show("en") == en


def test_dates_sort_a_year_before_its_months_and_a_month_before_its_days():
    dates = [PartialDate(2019, 3, 1), PartialDate(2019), PartialDate(2018, 12, 31), PartialDate(2019, 3)]
    assert sorted(dates) == [PartialDate(2018, 12, 31), PartialDate(2019), PartialDate(2019, 3), PartialDate(2019, 3, 1)]


@pytest.mark.parametrize(
    "value, message",
    [
        ("2019-02-29", '"2019-02-29": 2019-02 has no day 29 (it has 28 days). Check the source'),
        ("2019-04-31", '"2019-04-31": 2019-04 has no day 31 (it has 30 days)'),
        ("2019-13", '"2019-13": month 13 does not exist. Use 01 to 12'),
        ("2019-00-10", '"2019-00-10": month 0 does not exist'),
        ("0000", '"0000": there is no year 0'),
        ("2019-3-5", '"2019-3-5" is not a date. Write YYYY, YYYY-MM or YYYY-MM-DD'),
        ("15/03/2019", '"15/03/2019" is not a date.'),
        ("", '"" is not a date.'),
        (True, "must be a date written as text: YYYY, YYYY-MM or YYYY-MM-DD"),
        (2019.5, "must be a date written as text"),
        (None, "must be a date written as text"),
    ],
)
def test_an_impossible_or_malformed_date_is_refused_with_the_fix(value, message):
    with pytest.raises(ValueError) as refused:
        PartialDate.parse(value)
    assert message in str(refused.value)


# --- the search index split by language (search_index.py) -----------------------


def _site(tmp_path: Path, locations: list[str]) -> Path:
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    docs = [{"location": loc, "title": f"t{i}", "text": ""} for i, loc in enumerate(locations)]
    index = {"config": {"lang": ["zh"], "separator": "[\\s]+"}, "docs": docs}
    (site / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    return site


def _locations(path: Path) -> list[str]:
    return [d["location"] for d in json.loads(path.read_text(encoding="utf-8"))["docs"]]


def test_each_language_gets_its_own_index_with_locations_relative_to_it(tmp_path):
    site = _site(tmp_path, ["", "exhibits/x/", "en/", "en/exhibits/x/#sources", "english-lessons/", "en"])
    counts = split_by_language(site, "zh", ["en"])
    assert counts == {"zh": 3, "en": 3}
    # A folder that only begins with "en" is Chinese; "en" itself is the English home.
    assert _locations(site / "search/search_index.json") == ["", "exhibits/x/", "english-lessons/"]
    assert _locations(site / "en/search/search_index.json") == ["", "exhibits/x/#sources", ""]
    config = json.loads((site / "en/search/search_index.json").read_text(encoding="utf-8"))["config"]
    assert config == {"lang": ["zh"], "separator": "[\\s]+"}  # the rest of the index is kept as it was
    assert not (site / "search/search_index.js").exists()


def test_the_kiosk_also_gets_each_index_as_a_script_for_file_urls(tmp_path):
    site = _site(tmp_path, ["", "en/"])
    split_by_language(site, "zh", ["en"], script=True)
    for folder in (site, site / "en"):
        script = (folder / "search/search_index.js").read_text(encoding="utf-8")
        assert script == "var __index = " + (folder / "search/search_index.json").read_text(encoding="utf-8")


def test_without_a_search_index_nothing_is_written(tmp_path):
    assert split_by_language(tmp_path, "zh", ["en"]) == {}
    assert not any(tmp_path.iterdir())


# --- CSP hashes (csp.py) ------------------------------------------------------------


def test_digest_is_the_base64_sha256_a_browser_compares():
    assert csp.digest("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    body = "document.body.classList.add('js')"
    assert csp.digest(body) == "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_only_inline_code_a_browser_runs_is_hashed(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text(
        "<script>run(1)</script>"
        '<script src="assets/app.js"></script>'
        '<script type="application/ld+json">{"@type": "Thing"}</script>'
        '<script type="application/json">{"a": 1}</script>'
        "<script type='text/template'><p>later</p></script>"
        "<style>.a{color:red}</style>",
        encoding="utf-8",
    )
    (tmp_path / "en" / "index.html").write_text("<SCRIPT defer>\nrun(2)\n</SCRIPT><script>run(1)</script>", encoding="utf-8")
    scripts, styles = csp.inline_hashes(tmp_path)
    assert scripts == {csp.digest("run(1)"), csp.digest("\nrun(2)\n")}
    assert styles == {csp.digest(".a{color:red}")}


def test_the_policy_adds_the_hashes_and_keeps_header_only_parts_out_of_the_meta_tag(tmp_path):
    (tmp_path / "index.html").write_text("<script>run()</script><style>b{}</style>", encoding="utf-8")
    header = csp.policy(tmp_path)
    assert f"script-src 'self' {csp.digest('run()')};" in header
    styles = sorted([csp.digest("b{}"), *(csp.digest(text) for text in csp.VENDOR_STYLES)])  # OpenSeadragon's rule
    assert f"style-src 'self' {' '.join(styles)};" in header
    assert "default-src 'none'" in header and header.endswith("frame-ancestors 'self'")
    assert "unsafe-inline" not in header.split("style-src-attr")[0]  # never for scripts
    meta = csp.meta_tag(tmp_path)
    assert "frame-ancestors" not in meta and csp.digest("run()") in meta
    assert csp.nginx_line(tmp_path) == f'add_header Content-Security-Policy "{header}" always;'


def test_the_command_refuses_a_folder_without_a_site(tmp_path, capsys):
    assert csp.main([str(tmp_path)]) == 1
    assert "index.html not found: build the site first (make build)." in capsys.readouterr().err


# --- an illustration's caption beside its badge (pages/format.py) -------------------------------


@pytest.mark.parametrize(
    "caption, lang, shown",
    [
        ("示意图：护卫舰侧影（非聊城舰照片）。", "zh", "护卫舰侧影（非聊城舰照片）。"),
        ("示意图: 展馆外观", "zh", "展馆外观"),
        ("Illustration: a corvette in profile.", "en", "A corvette in profile."),
        ("ILLUSTRATION:a corvette", "en", "A corvette"),
        ("展馆外观（非实景照片）", "zh", "展馆外观（非实景照片）"),
        ("A drawing, not an illustration: the hall", "en", "A drawing, not an illustration: the hall"),
        ("", "en", ""),
    ],
)
def test_the_badge_word_is_not_repeated_at_the_start_of_the_caption(caption, lang, shown):
    assert after_badge(caption, lang) == shown


def test_an_aside_nests_brackets_as_its_language_does():
    from markupsafe import Markup

    assert aside("初中", "zh") == "（初中）" and aside("Junior secondary", "en") == " (Junior secondary)"
    assert aside("Junior secondary (初中)", "en") == " (Junior secondary [初中])"
    marked = aside(Markup('Wikipedia (<span lang="zh">维基百科</span>), 2020'), "en")
    assert marked == ' (Wikipedia [<span lang="zh">维基百科</span>], 2020)' and isinstance(marked, Markup)
    assert aside(Markup('<a href="x_(y)">A (B)</a>'), "en") == ' (<a href="x_(y)">A [B]</a>)'  # tags untouched
    assert aside("[Flag guardians](events/flag.md)", "en") == " ([Flag guardians](events/flag.md))"  # a link stays one
