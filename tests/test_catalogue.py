"""The catalogue of pages (scripts/exhibition/pages/catalogue.py) agrees with the nav, and no two pages share an address.

Fast: no build. The nav is read from mkdocs.yml and mkdocs-kiosk.yml as MkDocs reads them (INHERIT included);
the pages are the catalogue's for a Site made of the real settings and one record of every kind."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.utils.yaml import yaml_load

from conftest import ROOT
from exhibition import edition, urls
from exhibition.pages import catalogue
from exhibition.pages.catalogue import Catalogue
from exhibition.pages.site import Site
from exhibition.paths import Paths
from exhibition.records import model
from exhibition.settings import Settings


def nav_paths(nav) -> set[str]:
    """Every page a MkDocs nav names (its leaves), whatever the nesting."""
    out = set()
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        out |= nav_paths(value) if isinstance(value, list) else {value}
    return out


def nav_of(name: str) -> set[str]:
    path = edition.config_file(ROOT, kiosk=name == "kiosk")
    with path.open(encoding="utf-8") as handle:
        return nav_paths(yaml_load(handle)["nav"])


def known(name: str, pages: Catalogue) -> set[str]:
    """The pages the catalogue knows in an edition, one path per page kind (every kind's index)."""
    out = set()
    for entry in catalogue.ENTRIES:
        if name not in entry.editions:
            continue
        if entry.item == "kind":
            out |= {pages.path(entry.key, kind) for kind in model.KINDS}
        elif entry.item is None:
            out.add(pages.path(entry.key))
    return out


@pytest.mark.parametrize("name", ["web", "kiosk"])
def test_the_nav_names_only_pages_the_catalogue_knows_and_every_page_it_lists(name):
    pages = Catalogue(Paths.pages_dir)
    nav = nav_of(name)
    assert nav <= known(name, pages), sorted(nav - known(name, pages))
    assert pages.nav_paths() <= nav, sorted(pages.nav_paths() - nav)


def test_the_nav_check_can_fail():
    """A page only the web has (the offline page) is not a page the kiosk knows; a kiosk page is not the web's."""
    pages = Catalogue()
    assert pages.path("offline") in known("web", pages)
    assert pages.path("offline") not in known("kiosk", pages)
    assert pages.path("attract") not in known("web", pages)
    assert pages.path("kind_index", "lesson") not in pages.nav_paths()  # reached from the teachers' page


@pytest.fixture(scope="module")
def site() -> Site:
    """The real settings (hall, tour, tags) and one record of every kind, each with the same id and every tag."""
    settings, problems = Settings.load(ROOT)
    assert not problems
    records = [
        cls.model_construct(
            id="same-id", kind=kind, title=model.Text(zh=kind), tags=list(settings.tags), related=[], images=[], hall=None
        )
        for kind, cls in model.KINDS.items()
    ]
    return Site(records, {}, settings, paths=Paths(ROOT))


def every_page(site: Site) -> list[tuple[str, object]]:
    """(key, item) of every page of the site: write_pages' own, the roll's (two lists, one of them in letters) and the rest."""
    rolls = [SimpleNamespace(id="martyrs"), SimpleNamespace(id="veterans")]
    items = {"roll_list": rolls, "roll_letter": [(rolls[0], "a"), (rolls[0], "b")]}
    out = []
    for entry in catalogue.ENTRIES:
        listed = entry.items(site) if entry.listing else items.get(entry.key, [None])
        out += [(entry.key, item) for item in listed]
    return out


def test_every_page_kind_of_the_real_settings_has_pages(site):
    pages = every_page(site)
    assert {key for key, _ in pages} == set(catalogue.BY_KEY)
    assert len([key for key, _ in pages if key in ("record", "story")]) == len(model.KINDS)
    assert len([key for key, _ in pages if key == "tour_stop"]) == len(site.route) > 1


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("directory_urls", [True, False])
def test_no_two_pages_share_a_file_or_an_address(site, lang, directory_urls):
    pages = every_page(site)
    files = [site.catalogue.file(key, item, lang=lang) for key, item in pages]
    addresses = [site.catalogue.url(key, item, lang=lang, directory_urls=directory_urls) for key, item in pages]
    assert len(set(files)) == len(files) == len(pages), sorted(f for f in files if files.count(f) > 1)
    assert len(set(addresses)) == len(addresses), sorted(a for a in addresses if addresses.count(a) > 1)
    assert all(f.endswith(f".{lang}.md") for f in files)
    assert all(a.startswith(urls.language_root(lang)) for a in addresses)


def test_the_suffix_rule_and_the_url_rule():
    pages = Catalogue("pages")
    assert catalogue.file("pages/tour/index.md", "en") == "pages/tour/index.en.md"
    assert pages.file("timeline", lang="zh") == "pages/timeline.zh.md"
    assert pages.url("tour_index", lang="en") == "en/pages/tour/"
    assert pages.url("tour_index", directory_urls=False) == "pages/tour/index.html"
    assert pages.url("home", lang="en", directory_urls=False) == "en/index.html"
    assert pages.path("roll_letter", (SimpleNamespace(id="martyrs"), "b")) == "pages/roll/martyrs/b.md"
    assert pages.path("kind_index", "story") == pages.path("kind_index", model.Story) == "pages/stories/index.md"
    assert pages.folder("record", model.Lesson.model_construct(id="x")) == "pages/lessons/x"


def test_the_folder_is_the_plugins_option():
    """pages_dir is one setting: every generated page moves with it, the hand-written ones stay."""
    assert Path(Catalogue("elsewhere").path("tag", "navy")).parts[0] == "elsewhere"
    assert Catalogue("elsewhere").path("visit") == Catalogue().path("visit") == "visit.md"


# A page's docs path or per-language file written out by hand: a string naming a .md page, the .{lang}.md
# suffix, or one of the generated folders joined by hand (tour/, roll/, tags/, kiosk/, stories/).
SPELLED = re.compile(
    r"""[\w/{}-]+\.md['"]|\{lang\}\.md|\.replace\(['"]\.md|['"/](tour|roll|stories|tags|kiosk)/['"{]|out_dir *~ *['"]/"""
)
NOT_ADDRESSES = re.compile(r"get_template|\.md\.j2|glob\(|rglob\(")


def address_spellings(root: Path) -> list[str]:
    """Lines of scripts/exhibition and overrides/ outside catalogue.py and urls.py that spell a page's address
    (comments and docstring lines aside)."""
    found = []
    files = [*(root / "scripts/exhibition").rglob("*.py"), *(root / "scripts/exhibition").rglob("*.j2")]
    files += [*(root / "overrides").rglob("*.html")]
    for path in files:
        if path.name in ("catalogue.py", "urls.py"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.strip()
            if code.startswith(("#", "{#", '"""')) or NOT_ADDRESSES.search(code):
                continue
            if SPELLED.search(code) and ('"' in code or "'" in code):
                found.append(f"{path.relative_to(root)}:{number}: {code}")
    return found


def test_no_page_address_is_spelled_outside_the_catalogue(tmp_path):
    """#29: every page's path and URL comes from catalogue.py (urls.py holds the URL rule). The scan fails on a
    copy of the code where a template spells the timeline's path again (and finds 54 lines in main's code before #29)."""
    assert address_spellings(ROOT) == []
    copy = tmp_path / "scripts/exhibition/pages/templates"
    copy.mkdir(parents=True)
    (copy / "x.md.j2").write_text("[时间线]({{ link_path(out_dir ~ '/timeline.md') }})\n", encoding="utf-8")
    (tmp_path / "overrides").mkdir()
    assert len(address_spellings(tmp_path)) == 1
