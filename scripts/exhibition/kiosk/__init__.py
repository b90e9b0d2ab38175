"""Kiosk edition for the hall's touch screens: `make kiosk` -> site-kiosk/.

mkdocs-kiosk.yml inherits mkdocs.yml, adds Material's offline plugin and the kiosk's
CSS and JS, and turns on this plugin's `kiosk` option. Then, in the same one-way flow:

- settings.py: settings/kiosk.yml (times, featured ids; read once per build with the other
  settings, model in settings/kiosk.py) with the environment overrides KIOSK_IDLE_SECONDS /
  KIOSK_COUNTDOWN_SECONDS, checked once by pipeline.prepare; configure() below hands them to the
  kiosk partials as config.extra.exhibition_kiosk;
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
from .settings import TEMPLATE_KEY, Kiosk, for_templates, read_settings

__all__ = ["TEMPLATE_KEY", "Kiosk", "html", "configure", "featured_ids", "read_settings", "site_names"]


def configure(config, pages_dir: str, kiosk: Kiosk) -> Kiosk:
    """Hand the kiosk's settings (read and checked once per build, with the KIOSK_* overrides:
    pipeline.prepare) to the kiosk partials under config.extra.exhibition_kiosk, with page.html
    addresses (file://)."""
    from ..edition import Edition
    from ..pages.catalogue import Catalogue

    config.use_directory_urls = False  # file:// has no index.html lookup
    # Site-root-relative addresses in the kiosk's URL style (file.html), from the catalogue;
    # the search page in each language, so the templates add no language folder themselves.
    languages = Edition.of(config, kiosk=True).languages
    pages = Catalogue(pages_dir)
    config.extra[TEMPLATE_KEY] = for_templates(
        kiosk,
        attract=pages.url("attract", directory_urls=False),
        search={lang: pages.url("kiosk_search", lang=lang, directory_urls=False) for lang in languages},
    )
    return kiosk


def featured_ids(kiosk: Kiosk, records: list) -> list[str]:
    """The ids of the kiosk's featured exhibits (settings/kiosk.yml), which lead its home page."""
    return [r.id for r in kiosk.featured_all(records)]


def site_names(config) -> dict[str, str]:
    """The site's name in each language (static-i18n's per-language site_name), for the attract screen."""
    names = {"zh": config.site_name}
    i18n = config.plugins.get("i18n")
    for language in getattr(getattr(i18n, "config", None), "languages", None) or []:
        names[language.locale] = getattr(language, "site_name", None) or config.site_name
    return names
