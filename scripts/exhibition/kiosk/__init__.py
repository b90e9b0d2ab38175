"""Kiosk edition for the hall's touch screens: `make kiosk` -> site-kiosk/.

mkdocs-kiosk.yml inherits mkdocs.yml, adds Material's offline plugin and turns
on this plugin's `kiosk` option. Then, in the same one-way flow:

- settings.py: reads and checks `extra.kiosk` (times, featured ids), with the
  environment overrides KIOSK_IDLE_SECONDS / KIOSK_COUNTDOWN_SECONDS;
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
from .settings import Kiosk, read_settings

__all__ = ["Kiosk", "configure", "offline", "read_settings", "site_names"]


def offline(config) -> bool:
    """Material's offline plugin is on: pages are file.html, and search runs from file://."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and getattr(plugin, "config", {}).get("enabled", True))


def configure(config, root, pages_dir: str) -> Kiosk:
    """Read extra.kiosk, then make the MkDocs config a kiosk's: page.html addresses
    (file://), the kiosk's CSS and JS after the site's own, and config.extra.kiosk
    as the templates read it (overrides/partials/kiosk-*.html)."""
    from pathlib import Path

    from .. import urls
    from . import attract, search

    kiosk = read_settings(config.extra.get("kiosk"), Path(config.config_file_path), Path(root))
    config.use_directory_urls = False  # file:// has no index.html lookup
    for css in kiosk.stylesheets:
        if css not in [str(x) for x in config.extra_css]:
            config.extra_css.append(css)
    for script in kiosk.javascripts:
        if script not in [str(x) for x in config.extra_javascript]:
            config.extra_javascript.append(script)
    # Site-root-relative addresses in the kiosk's URL style (file.html), from the one URL rule.
    config.extra["kiosk"] = {**kiosk.for_templates(),
                             "attract": urls.page(attract.page_path(pages_dir), directory_urls=False),
                             "search": urls.page(search.page_path(pages_dir), directory_urls=False)}
    return kiosk


def site_names(config) -> dict[str, str]:
    """The site's name in each language (static-i18n's per-language site_name), for the attract screen."""
    names = {"zh": config.site_name}
    i18n = config.plugins.get("i18n")
    for language in getattr(getattr(i18n, "config", None), "languages", None) or []:
        names[language.locale] = getattr(language, "site_name", None) or config.site_name
    return names
