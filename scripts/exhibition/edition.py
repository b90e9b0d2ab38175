"""The two editions one set of records becomes: the web site and the hall's kiosk.

Everything that differs between them is read once from the loaded MkDocs config into
an `Edition`, so the rest of the code asks `edition.directory_urls`, `edition.kiosk`,
`edition.languages` instead of looking at plugins and options itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG_FILES = {"web": "mkdocs.yml", "kiosk": "mkdocs-kiosk.yml"}
SITE_DIRS = {"web": "site", "kiosk": "site-kiosk"}


@dataclass(frozen=True)
class Edition:
    name: str  # "web" or "kiosk"
    directory_urls: bool  # exhibits/x/ (web) or exhibits/x.html (kiosk, opened from file://)
    offline: bool  # Material's offline plugin: search data as scripts, for file://
    languages: tuple[str, ...]  # the default (Chinese) first
    site_url: str  # the public address, absolute and ending in /, or "" (the kiosk has none)

    @property
    def kiosk(self) -> bool:
        return self.name == "kiosk"

    @property
    def default_language(self) -> str:
        return self.languages[0]

    @classmethod
    def web(cls, site_url: str = "") -> Edition:
        """The web edition as mkdocs.yml makes it, without a loaded config (commands that only print)."""
        return cls(name="web", directory_urls=True, offline=False, languages=("zh", "en"), site_url=site_url)

    @classmethod
    def of(cls, config, *, kiosk: bool) -> Edition:
        """From a loaded MkDocs config (after the kiosk has set page.html addresses)."""
        offline = _offline(config)
        return cls(
            name="kiosk" if kiosk else "web",
            directory_urls=bool(config.use_directory_urls) and not offline,
            offline=offline,
            languages=_languages(config),
            site_url=config.site_url or "",
        )


def config_file(root: Path, kiosk: bool) -> Path:
    return root / CONFIG_FILES["kiosk" if kiosk else "web"]


def site_dir(root: Path, kiosk: bool) -> Path:
    return root / SITE_DIRS["kiosk" if kiosk else "web"]


def _offline(config) -> bool:
    """Material's offline plugin is on: pages are file.html, and search runs from file://."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and getattr(plugin, "config", {}).get("enabled", True))


def _languages(config) -> tuple[str, ...]:
    """static-i18n's languages that are built, the default first (without the plugin: the theme's language)."""
    i18n = config.plugins.get("i18n")
    languages = getattr(getattr(i18n, "config", None), "languages", None) or []
    locales = [lang.locale for lang in languages if getattr(lang, "build", True)]
    default = next((lang.locale for lang in languages if getattr(lang, "default", False)), None)
    default = default or _first(locales, config)
    return tuple([default, *[lang for lang in locales if lang != default]])


def _first(locales: list[str], config) -> str:
    return locales[0] if locales else (config.theme.get("language") or "zh")
