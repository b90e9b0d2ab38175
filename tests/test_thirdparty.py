"""exhibition/thirdparty.py holds what the project reads inside other packages without a public hook;
it was checked against the versions it names. An upgrade fails here until it is checked again."""

from __future__ import annotations

import sys
from importlib.metadata import version

from exhibition import thirdparty


def test_the_installed_versions_are_the_ones_the_adapter_was_checked_against():
    assert {name: version(name) for name in thirdparty.CHECKED} == thirdparty.CHECKED


def test_what_the_adapter_reads_is_there():
    from mkdocs_static_i18n.plugin import I18n

    i18n = I18n()
    i18n.current_language = "en"  # as static-i18n sets it while it builds a language
    assert thirdparty.i18n_building(i18n) is False and hasattr(i18n, "extra_alternate")
    assert thirdparty.i18n_current_language(i18n) == "en"
    assert thirdparty.material_icon("flag").is_file()
    assert thirdparty.current_page(None) is None


def test_dirty_languages_tells_static_i18n_through_the_command_line_and_restores_it():
    before = list(sys.argv)
    with thirdparty.dirty_languages(True):
        assert "--dirty" in sys.argv
    assert sys.argv == before
    with thirdparty.dirty_languages(False):
        assert sys.argv == before
