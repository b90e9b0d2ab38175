"""Kiosk edition for the hall's touch screens: `make kiosk` -> site-kiosk/.

mkdocs-kiosk.yml inherits mkdocs.yml, adds Material's offline plugin and the kiosk's
CSS and JS, and turns on this plugin's `kiosk` option. Then, in the same one-way flow:

- settings.py: settings/kiosk.yml (times, featured ids; read and checked once per build with the
  other settings, model in settings/kiosk.py) with the environment overrides KIOSK_IDLE_SECONDS /
  KIOSK_COUNTDOWN_SECONDS; configure() below hands them to the kiosk partials as
  config.extra.exhibition_kiosk;
- attract.py: writes the attract screen (docs/exhibits/kiosk/attract.*.md) from
  pages/templates/attract.md.j2, only in the kiosk build;
- search.py: the search page with its on-screen A–Z keyboard (pinyin for Chinese), and its
  data as a script beside it, only in the kiosk build;
- html.py: after each page is rendered, links to other hosts become text with
  the address written out, and nothing opens a new window.

The browser side is docs/assets/kiosk/ (kiosk.css, kiosk.js) and the partials
overrides/partials/kiosk-*.html. Installing it in the hall: kiosk/README.md.
"""

from . import html
from .settings import TEMPLATE_KEY, Kiosk, config_problems, for_templates, read_settings, with_overrides

__all__ = ["TEMPLATE_KEY", "Kiosk", "html", "configure", "read_settings", "site_names"]


def configure(config, root, pages_dir: str, environ=None, settings=None) -> Kiosk:
    """settings/kiosk.yml with the KIOSK_* overrides, given to the kiosk partials under
    config.extra.exhibition_kiosk, and page.html addresses (file://). settings: the build's
    settings.Settings, which read the file once; without them (plain `mkdocs build`) it is read here."""
    import os
    from pathlib import Path

    from .. import urls
    from ..edition import Edition
    from ..records.problems import ValidationFailed
    from ..settings import read
    from . import attract, search

    problems = config_problems(Path(config.config_file_path), Path(root), config.extra)
    if settings is not None:
        written = settings.kiosk
    else:
        written, _, found = read(Path(root), "kiosk")
        problems += found
        written = written if found or written is not None else Kiosk()  # no file: the defaults
    kiosk, found = with_overrides(written, os.environ if environ is None else environ)
    problems += found
    if problems:
        raise ValidationFailed(problems)
    config.use_directory_urls = False  # file:// has no index.html lookup
    # Site-root-relative addresses in the kiosk's URL style (file.html), from the one URL rule;
    # the search page in each language, so the templates add no language folder themselves.
    languages = Edition.of(config, kiosk=True).languages
    config.extra[TEMPLATE_KEY] = for_templates(
        kiosk,
        attract=urls.page(attract.page_path(pages_dir), directory_urls=False),
        search={lang: urls.page(search.page_path(pages_dir), lang, directory_urls=False) for lang in languages},
    )
    return kiosk


def site_names(config) -> dict[str, str]:
    """The site's name in each language (static-i18n's per-language site_name), for the attract screen."""
    names = {"zh": config.site_name}
    i18n = config.plugins.get("i18n")
    for language in getattr(getattr(i18n, "config", None), "languages", None) or []:
        names[language.locale] = getattr(language, "site_name", None) or config.site_name
    return names
