"""The in-process build (build.py): exit codes, MkDocs' warnings in the curator's terms,
internal errors kept for maintainers, and the preview's fast rebuild matching a full build."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from conftest import VALID_EVENT, write
from exhibition import cli, pipeline
from exhibition.build import Build, build_site
from exhibition.preview import Preview

pytestmark = pytest.mark.build  # each test builds a small project (make test-fast leaves them out)

RELATED_EVENT = (
    VALID_EVENT.replace("id: test-event", "id: other-event").replace("测试活动", "另一个活动") + "related:\n  - test-event\n"
)


def tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_good_build_exits_0_and_a_mistake_1_leaving_site_as_it_was(project, capsys):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    assert cli.main(["--root", str(project), "build"]) == cli.OK
    before = tree(project / "site")
    write(project, "exhibits/events/test-event.yml", VALID_EVENT.replace("title:", "titel:", 1))
    capsys.readouterr()
    assert cli.main(["--root", str(project), "build"]) == cli.PROBLEMS
    err = capsys.readouterr().err
    assert "exhibits/events/test-event.yml:3: titel: unknown field. Did you mean `title`?" in err
    assert tree(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_a_broken_link_in_a_hand_written_page_names_that_page(project, capsys):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    about = project / "docs" / "visit.zh.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n\n[旧页面](old-page.md)\n", encoding="utf-8")
    assert cli.main(["--root", str(project), "build"]) == cli.PROBLEMS
    err = capsys.readouterr().err
    assert "docs/visit.zh.md: Doc file 'visit.zh.md' contains a link 'old-page.md'" in err, err
    assert not (project / "site").exists()


def test_an_internal_error_is_one_line_exit_70_and_its_traceback_is_kept(project, capsys, monkeypatch):
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)

    def broken(*args, **kwargs):
        raise RuntimeError("a fault planted by the test")

    monkeypatch.setattr(pipeline, "write_pages", broken)
    assert cli.main(["--root", str(project), "build"]) == cli.INTERNAL
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("internal error in the exhibition tool (RuntimeError: a fault planted"), err
    assert "build/last-error.log" in lines[0] and "Traceback" not in err
    log = (project / "build" / "last-error.log").read_text(encoding="utf-8")
    assert log.startswith("Traceback") and "in broken" in log and "RuntimeError: a fault planted by the test" in log
    assert not (project / "site").exists()
    # --debug: the traceback in the terminal too.
    assert cli.main(["--root", str(project), "--debug", "build"]) == cli.INTERNAL
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "in broken" in err


def test_an_unknown_command_is_a_usage_error(project, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["--root", str(project), "bulid"])
    assert stop.value.code == cli.USAGE


def test_the_preview_fast_rebuild_gives_the_pages_a_full_build_gives(project, tmp_path):
    """After an edit the preview re-renders only what changed (a dirty build); the edited page and
    the pages that list it must be byte for byte what `make build` makes from the same files."""
    featured = VALID_EVENT + "featured: true\n"  # on the home pages' cards too
    write(project, "settings/home.yml", "hero: other-event\npurpose: {zh: 展馆的用途, en: What the hall is for}\n")
    record = write(project, "exhibits/events/test-event.yml", featured)
    write(project, "exhibits/events/other-event.yml", RELATED_EVENT)
    preview = Preview(Build(project), tmp_path / "preview")
    assert preview.rebuild() == [] and preview.complete
    record.write_text(featured.replace("测试活动", "改过的标题").replace("Test event", "Edited title"), encoding="utf-8")
    assert preview.rebuild() == []
    assert preview.rebuilds[-1][1] is True  # that one was the fast (dirty) rebuild
    assert build_site(project, site_dir=tmp_path / "full") == 0
    pages = [
        "exhibits/events/test-event/index.html",
        "en/exhibits/events/test-event/index.html",
        "exhibits/events/other-event/index.html",
        "en/exhibits/events/other-event/index.html",
        "exhibits/events/index.html",
        "en/exhibits/events/index.html",
        "exhibits/timeline/index.html",
        "en/exhibits/timeline/index.html",
        "index.html",
        "en/index.html",
    ]
    for page in pages:
        fast, full = (tmp_path / "preview" / page).read_bytes(), (tmp_path / "full" / page).read_bytes()
        assert fast == full, page
    assert "改过的标题" in (tmp_path / "preview" / pages[0]).read_text(encoding="utf-8")
    assert "改过的标题" in (tmp_path / "preview" / pages[2]).read_text(encoding="utf-8")  # the page listing it
    assert "改过的标题" in (tmp_path / "preview" / "index.html").read_text(encoding="utf-8")  # a featured card
    # Search still finds every page: the fast rebuild keeps the complete build's index.
    index = (tmp_path / "preview" / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "other-event" in index


def test_the_preview_shows_a_saved_mistake_then_recovers_with_a_fast_rebuild(project, tmp_path):
    record = write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    preview = Preview(Build(project), tmp_path / "preview")
    assert preview.rebuild() == []
    record.write_text(VALID_EVENT.replace("title:", "titel:", 1), encoding="utf-8")
    problems = preview.rebuild()
    assert [str(p) for p in problems] == ["exhibits/events/test-event.yml:3: titel: unknown field. Did you mean `title`?"]
    page = tmp_path / "preview" / "exhibits/events/test-event/index.html"
    assert 'id="exhibition-problems"' in page.read_text(encoding="utf-8")
    assert 'id="exhibition-problems"' in (tmp_path / "preview" / "en/index.html").read_text(encoding="utf-8")
    record.write_text(VALID_EVENT.replace("测试活动", "改好了"), encoding="utf-8")
    assert preview.rebuild() == []
    assert not [p for p in (tmp_path / "preview").rglob("*.html") if "exhibition-problems" in p.read_text(encoding="utf-8")]
    assert "改好了" in page.read_text(encoding="utf-8")


def test_a_record_deleted_during_the_preview_loses_its_page(project, tmp_path):
    """A deleted record's page must not stay reachable: that save gets a complete build."""
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    other = write(project, "exhibits/events/other-event.yml", VALID_EVENT.replace("test-event", "other-event"))
    preview = Preview(Build(project), tmp_path / "preview")
    assert preview.rebuild() == []
    pages = [tmp_path / "preview" / lang / "exhibits/events/other-event/index.html" for lang in ("", "en")]
    assert all(page.is_file() for page in pages)
    other.unlink()
    assert preview.rebuild() == []
    assert preview.rebuilds[-1][1] is False  # complete, not dirty
    assert not any(page.exists() for page in pages)
    assert (tmp_path / "preview" / "exhibits/events/test-event/index.html").is_file()
    # The next edit is fast again.
    write(project, "exhibits/events/test-event.yml", VALID_EVENT.replace("测试活动", "改好了"))
    assert preview.rebuild() == [] and preview.rebuilds[-1][1] is True


def test_the_preview_starts_with_a_mistake_already_saved(project, tmp_path):
    """`make serve` with a mistake saved before it started: a page with the problems, not a stop."""
    write(project, "exhibits/events/test-event.yml", VALID_EVENT.replace("title:", "titel:", 1))
    preview = Preview(Build(project), tmp_path / "preview")
    problems = preview.rebuild()
    assert len(problems) == 1 and not preview.complete
    assert "titel: unknown field" in (tmp_path / "preview" / "index.html").read_text(encoding="utf-8")


def test_check_answers_for_the_kiosk_settings_too(project, capsys):
    """settings/kiosk.yml is a curator file: `make check` reports its mistakes, not only `make kiosk`."""
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    write(project, "settings/kiosk.yml", "idle_seconds: -3\n")
    assert cli.main(["--root", str(project), "check"]) == cli.PROBLEMS
    assert "settings/kiosk.yml:1: idle_seconds: -3 is not a positive number" in capsys.readouterr().err


def test_a_featured_record_with_a_mistake_gives_one_message(project, capsys):
    """One typo, one message: the kiosk's featured list does not call a record unknown because its file has a mistake."""
    write(project, "exhibits/events/test-event.yml", VALID_EVENT.replace("title:", "titel:", 1))
    write(project, "settings/kiosk.yml", "featured: [test-event]\n")
    assert cli.main(["--root", str(project), "check"]) == cli.PROBLEMS
    err = capsys.readouterr().err
    assert "exhibits/events/test-event.yml:3: titel: unknown field" in err
    assert "settings/kiosk.yml" not in err and "1 problem found" in err, err


def test_a_build_started_from_another_folder_works(project, tmp_path_factory, monkeypatch, capsys):
    """`exhibition --root P build` from any folder: plugins that read mkdocs.yml's paths relative to the
    working folder (the search plugin's jieba_dict_user, written by ours) find them in P."""
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    assert cli.main(["--root", str(project), "build"]) == cli.OK, capsys.readouterr().err
    assert (project / "site" / "index.html").is_file()


def test_compiled_templates_are_kept_and_an_edited_template_is_compiled_again(project, capsys):
    """build/templates/ keeps MkDocs' compiled templates between builds; an edit to one is seen."""
    write(project, "exhibits/events/test-event.yml", VALID_EVENT)
    assert cli.main(["--root", str(project), "build"]) == cli.OK
    assert list((project / "build" / "templates").iterdir())
    template = project / "overrides" / "main.html"
    template.write_text(template.read_text(encoding="utf-8").replace("{% block scripts %}", "{% block scripts %}<!-- edited -->"))
    assert cli.main(["--root", str(project), "build"]) == cli.OK
    assert "<!-- edited -->" in (project / "site" / "exhibits" / "events" / "test-event" / "index.html").read_text(
        encoding="utf-8"
    )
