"""The guided tour without signal: the web edition's service worker (scripts/exhibition/offline).

A visitor opens one page over the network; the worker keeps the tour in the background; then the
network goes (Playwright's offline switch, as a phone loses signal in the hall): the tour's pages and
their exhibits still open, any other page gives the offline page in the visitor's language with the
list of what is kept, and once online again no kept page is ever served in place of a newer one.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from conftest import ROOT, _WithPolicy, deployed_policy, serving
from exhibition import offline, urls


def _worker(site: Path) -> dict:
    source = (site / "sw.js").read_text(encoding="utf-8")
    return {
        name: json.loads(re.search(rf"var {name} = (.*?);", source)[1]) for name in ("VERSION", "PRECACHE", "SMALLER", "OFFLINE")
    }


def _tour():
    hall = yaml.safe_load((ROOT / "settings" / "hall.yml").read_text(encoding="utf-8"))
    return hall["tour"]


def test_the_worker_keeps_the_whole_tour_in_both_languages(built_site):
    worker = _worker(built_site)
    kept = set(worker["PRECACHE"])
    for lang in ("zh", "en"):
        root = urls.language_root(lang)
        assert root in kept  # the home page
        assert f"{root}offline/" in kept
        assert f"{root}exhibits/tour/" in kept
        for zone in _tour():
            assert f"{root}exhibits/tour/{zone}/" in kept, (lang, zone)
    # Every exhibit a tour stop links to is kept, with the pictures and files its page loads.
    stop = (built_site / "exhibits/tour/martyrs/index.html").read_text(encoding="utf-8")
    exhibits = set(re.findall(r'href="\.\./\.\./\.\./exhibits/(people|memorials|events)/([a-z0-9-]+)/"', stop))
    assert len(exhibits) > 5
    for folder, name in exhibits:
        assert f"exhibits/{folder}/{name}/" in kept
    assert any(url.startswith("media/") for url in kept)
    assert any(url.endswith(".css") for url in kept) and any(url.endswith(".js") for url in kept)
    for url in kept:  # nothing the worker asks for is missing: one missing file fails its whole install
        assert (built_site / (url + "index.html" if url == "" or url.endswith("/") else url)).is_file(), url
    size = sum((built_site / (u + "index.html" if u == "" or u.endswith("/") else u)).stat().st_size for u in kept)
    assert size <= 15 * 1024 * 1024
    # A larger variant of a kept picture falls back to the kept one, never to another picture.
    for larger, small in worker["SMALLER"].items():
        assert small in kept and larger.rsplit("/", 1)[0] == small.rsplit("/", 1)[0]
    assert worker["OFFLINE"] == {"": "offline/", "en/": "en/offline/"}


def test_the_budget_leaves_out_the_later_stops_first(built_site):
    """A budget (settings/site.yml) too small for the whole tour keeps the home pages and the first
    stops, in walking order, and leaves the later ones out."""
    zones = [SimpleNamespace(id=zone) for zone in _tour()]
    site = SimpleNamespace(
        directory_urls=True,
        route=zones,
        tour_path=lambda zone=None: f"exhibits/tour/{zone.id if zone else 'index'}.md",
        in_zone=lambda zone_id: [],
        page_path=lambda record: "",
    )
    full = offline.plan(site, built_site, ("zh", "en"), 100 * 1024 * 1024)
    budget = int(full.size * 0.7)
    small = offline.plan(site, built_site, ("zh", "en"), budget)
    assert small.size <= budget < full.size
    assert set(small.files) < set(full.files) and small.left_out
    kept_pages = [entry["url"] for entry in small.pages["zh"]]
    assert kept_pages[0] == "" and "offline/" in small.files
    stops = [url for url in kept_pages if url.startswith("exhibits/tour/") and url != "exhibits/tour/"]
    assert stops == [f"exhibits/tour/{zone}/" for zone in _tour()][: len(stops)]  # a prefix of the walk


def test_the_kiosk_registers_no_worker(kiosk_site):
    assert not (kiosk_site / "sw.js").exists() and not (kiosk_site / "offline.json").exists()
    assert not (kiosk_site / "offline.html").exists()
    home = (kiosk_site / "index.html").read_text(encoding="utf-8")
    assert 'name="ex-offline"' not in home


WAIT_FOR_KEPT = """async (count) => {
    const registration = await navigator.serviceWorker.ready;
    for (let i = 0; i < 600; i++) {
        const names = (await caches.keys()).filter(n => n.startsWith("exhibition-"));
        if (names.length === 1 && registration.active && registration.active.state === "activated") {
            const keys = await (await caches.open(names[0])).keys();
            if (keys.length >= count) return names[0];
        }
        await new Promise(r => setTimeout(r, 100));
    }
    return null;
}"""


def _walk_offline(browser, base: str, site: Path) -> None:
    worker = _worker(site)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    foreign: list[str] = []
    context.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((base, "data:", "blob:")) else None)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(base + "exhibits/people/")  # any page: a visitor's first scan
        name = page.evaluate(WAIT_FOR_KEPT, len(worker["PRECACHE"]))
        assert name == "exhibition-" + worker["VERSION"], "the worker never kept the tour"
        assert not errors, errors

        context.set_offline(True)
        page.goto(base + "exhibits/tour/navy/")
        assert "聊城舰" in page.locator("h1").inner_text()
        page.goto(base + "en/exhibits/vessels/liaocheng-ship/")
        assert "Liaocheng" in page.locator("h1").inner_text()
        # Every picture of the page shows (lazy ones once scrolled to), a larger variant from the kept one.
        page.evaluate("() => document.querySelectorAll('article img').forEach(i => { i.loading = 'eager'; })")
        page.wait_for_function("() => [...document.querySelectorAll('article img')].every(i => i.complete)")
        broken = page.evaluate(
            "() => [...document.querySelectorAll('article img')].filter(i => !i.naturalWidth).map(i => i.currentSrc)"
        )
        assert page.locator("article img").count() > 0 and not broken, broken
        # A page the worker did not keep: the offline page, in the visitor's language, listing what is kept.
        for address, heading, tour in (
            ("exhibits/timeline/", "暂时没有网络", "展线导览"),
            ("en/exhibits/timeline/", "No connection", "Guided tour"),
        ):
            page.goto(base + address)
            assert page.locator("h1").inner_text() == heading
            listed = page.locator("[data-ex-offline-list] a")
            listed.first.wait_for()
            texts = listed.all_inner_texts()
            assert len(texts) > 20 and any(tour in text for text in texts), texts[:5]
            assert page.url == base + address  # the visitor's address stays, to reload later

        # Online again: a page changed on the server is shown as it is now, never the kept copy.
        context.set_offline(False)
        stop = site / "exhibits/tour/navy/index.html"
        stop.write_text(stop.read_text(encoding="utf-8").replace("</h1>", " · 新版</h1>", 1), encoding="utf-8")
        page.goto(base + "exhibits/tour/navy/")
        assert "新版" in page.locator("h1").inner_text()

        # A new build is a new worker: it replaces the old copies.
        source = (site / "sw.js").read_text(encoding="utf-8")
        (site / "sw.js").write_text(source.replace(worker["VERSION"], "feedfacecafe0001"), encoding="utf-8")
        page.evaluate("async () => (await navigator.serviceWorker.getRegistration()).update()")
        page.wait_for_function(
            "async () => JSON.stringify((await caches.keys()).filter(n => n.startsWith('exhibition-')))"
            " === JSON.stringify(['exhibition-feedfacecafe0001'])",
            timeout=60_000,
        )
    finally:
        context.close()
    assert not foreign, foreign


@pytest.fixture
def site_copy(built_site, tmp_path) -> Path:
    """The shared build, copied: the test changes pages on the server as a new build would."""
    return Path(shutil.copytree(built_site, tmp_path / "site"))


def test_offline_tour_at_the_root(browser, site_copy):
    handler = type("WithPolicy", (_WithPolicy,), {"policy": deployed_policy()})  # the host's CSP allows the worker
    with serving(site_copy, handler) as base:
        _walk_offline(browser, base + "/", site_copy)


def test_offline_tour_under_a_sub_path(browser, tmp_path, built_site):
    """Served from a folder of a shared host (/museum/): the worker's scope is that folder."""
    site = Path(shutil.copytree(built_site, tmp_path / "museum"))
    with serving(tmp_path) as base:
        _walk_offline(browser, base + "/museum/", site)
