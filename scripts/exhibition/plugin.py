"""MkDocs plugin: only reacts to MkDocs events; the work is in pipeline.py.

The build has one way in, pipeline.prepare (settings, records, the kiosk's settings, read and checked
once): `exhibition build` and `exhibition serve` (build.py) take it and hand this plugin the result
(`checked`); run by plain `mkdocs build`, the plugin takes it itself, in on_config."""

from __future__ import annotations

import contextlib
import copy
import logging
from pathlib import Path, PurePosixPath

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

from . import kiosk as kiosk_edition
from . import offline
from .config import ExhibitionConfig
from .edition import Edition
from .pages import home, language_parts
from .pages import roll as roll_pages
from .pages.catalogue import Catalogue
from .paths import Paths
from .pipeline import Options, for_templates, prepare, run
from .publishing import absolute_alternates, site_url_problem, write_headers_file, write_robots
from .records.problems import ValidationFailed
from .search_index import search_keys, split_by_language, write_pictures
from .thirdparty import i18n_building, i18n_current_language, i18n_default_language, i18n_home_alternates
from .words import UI


def not_found(out_dir: str, directory_urls: bool) -> list[dict]:
    """What overrides/404.html shows, Chinese first, then English: what happened and four ways on (home, the
    tour, the roll, the stories), as site-root paths its `url` filter makes absolute (the page is served at
    any address)."""
    pages = Catalogue(out_dir)
    ways = (
        ("home", "home", None),
        ("tour", "tour_index", None),
        ("roll", "roll_index", None),
        ("stories", "kind_index", "story"),
    )
    return [
        dict(
            lang=lang,
            **{key: UI[f"not_found_{key}"][lang] for key in ("title", "text", "search", "ways")},
            links=[
                (UI[f"not_found_{word}"][lang], pages.url(key, item, lang=lang, directory_urls=directory_urls))
                for word, key, item in ways
            ],
        )
        for lang in ("zh", "en")
    ]


class ExhibitionPlugin(BasePlugin[ExhibitionConfig]):
    def __init__(self):
        self.site = None
        self.checked = None  # pipeline.Prepared, handed in by build.Build: the records are not checked twice
        self.only = None  # the preview after an edit: only these records' pages are rendered again
        self.edition: Edition | None = None
        self.dirty = False  # a preview rebuild: MkDocs renders only the pages whose source changed
        self.kiosk = None  # the kiosk build's settings (pipeline.prepare read them); None on the web
        self._site_names = None  # the kiosk's site name per language (its partials show it)

    def on_startup(self, command, dirty):
        self.dirty = dirty

    # Before the search plugin's on_config, which reads the jieba dictionary we write.
    @event_priority(100)
    def on_config(self, config):
        if self.site is not None and i18n_building(config.plugins.get("i18n")):
            # static-i18n builds each further language with this same config: records,
            # pictures and pages were done once for this build (twice cost twice).
            return config
        paths = Paths.of(config, self.config)  # the folders, as mkdocs.yml and this plugin's options say
        with _as_plugin_error():
            # The build's one way in (pipeline.prepare): taken by build.Build, which hands it over, or here
            # under plain `mkdocs build`. The settings, settings/kiosk.yml included, are read once per build.
            checked = self.checked or prepare(
                paths.root,
                strict=self.config.strict,
                drafts=self.config.drafts,
                kiosk_config=Path(config.config_file_path) if self.config.kiosk else None,
                extra=config.extra,
            )
            self.kiosk = self._kiosk(config, paths, checked)
            self.edition = Edition.of(config, kiosk=self.config.kiosk)
            _site_url(self.edition.site_url)  # refused here, said our way, before any work
            logging.getLogger("jieba").setLevel(logging.WARNING)  # its dictionary chatter is not for curators
            self.site = run(self._options(config, paths), checked)
        config.extra.update(for_templates(self.site, config.extra))
        return config

    def _kiosk(self, config, paths: Paths, checked):
        """The kiosk's settings, handed to its partials (kiosk build); none in the web build."""
        if not self.config.kiosk:
            config.extra.pop(kiosk_edition.TEMPLATE_KEY, None)  # kiosk partials only ever render in the kiosk build
            self._site_names = None  # MkDocs keeps this instance for the process: a kiosk build may have run before
            return None
        if checked.kiosk is None:
            raise ValidationFailed(checked.problems)  # settings/kiosk.yml has mistakes of its own
        self._site_names = kiosk_edition.site_names(config)
        return kiosk_edition.configure(config, paths.pages_dir, checked.kiosk)

    def _options(self, config, paths: Paths) -> Options:
        """This build's options: the plugin's (mkdocs.yml), the edition, and what build.Build handed in."""
        return Options(
            paths=paths,
            jieba_dict_user=self.config.jieba_dict_user,
            strict=self.config.strict,
            drafts=self.config.drafts,
            workers=self.config.workers,
            edition=self.edition,
            kiosk=self.kiosk,
            site_names=self._site_names,
            only=self.only,
            booking_contact=str(config.extra.get("booking_contact") or ""),
        )

    def on_env(self, env, config, files):
        # MkDocs compiles every theme template again for each build and each language (0.3 s of the
        # real collection's 5 s build); Jinja keeps the compiled code in build/templates/, checked
        # against each template's source, for the next build.
        cache = Paths.of(config, self.config).template_cache
        cache.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = FileSystemBytecodeCache(str(cache))
        return env

    # Before static-i18n (-100) makes each language's copy of every file.
    @event_priority(-50)
    def _leave_out_unchanged_pictures(self, files, config):
        """A preview rebuild leaves out the picture copies already in the site: there are thousands
        at 1,000 records, static-i18n would make a File for each in each language, and MkDocs would
        only find them unchanged. Record pages name them in raw HTML, which MkDocs does not check."""
        if not self.dirty:
            return files
        media = self.config.media_dir + "/"
        for file in [f for f in files if f.src_uri.startswith(media) and not f.is_modified()]:
            files.remove(file)
        return files

    # After static-i18n (-100) has made this language's files.
    @event_priority(-150)
    def _render_home_pages_again(self, files, config):
        if self.dirty:
            # The home pages draw their cards from the records (overrides/home.html), not from
            # their own Markdown: a preview rebuild renders them again whatever changed.
            for file in files.documentation_pages():
                if PurePosixPath(file.src_uri).parent == PurePosixPath(".") and file.src_uri.startswith("index."):
                    file.is_modified = lambda: True
        return files

    on_files = CombinedEvent(_leave_out_unchanged_pictures, _render_home_pages_again)

    def on_page_markdown(self, markdown, page, config, files):
        return roll_pages.set_aside(markdown, page.meta)  # the roll's cards: HTML Markdown need not parse

    def on_page_content(self, html, page, config, files):
        return roll_pages.put_back(html, page.meta)

    def on_post_page(self, output, page, config):
        return self._finish(output, config.theme.get("language") or "zh", page.canonical_url)

    def _finish(self, html: str, lang: str, address: str | None) -> str:
        """A page as written, in `lang`, at `address` (its full URL when site_url is set): every page,
        and the 404 page (on_post_template), which MkDocs renders outside its pages."""
        if self.config.kiosk:
            html = kiosk_edition.html.keep_inside(html, lang)[0]  # may write out addresses in Chinese
        if not lang.startswith("zh"):
            html = language_parts.mark(html, lang)  # Chinese words on English pages carry lang="zh"
        if address:  # site_url is set: the languages' links in full, for search engines
            html = absolute_alternates(html, address)
        return html

    # After static-i18n (50) has set the language selector for this page.
    @event_priority(0)
    def on_page_context(self, context, page, config, nav):
        if page.meta.get("template") == "home.html" and self.site is not None:
            # overrides/home.html: the hero, featured cards and tiles, in the page's language.
            lang = (config.theme.get("language") or "zh")[:2]
            featured = kiosk_edition.featured_ids(self.kiosk, self.site.records) if self.kiosk else None
            context["exhibition_home"] = home.view(self.site, lang, page.url, kiosk_featured=featured)
        if not config.site_url:
            _root_relative(getattr(config.extra, "alternate", None) or config.extra.get("alternate") or [])
        return context

    def on_template_context(self, context, template_name, config):
        # 404.html is rendered after the pages and would keep the last page's language
        # links; it is served at any address, so it gets the home pages' absolute ones.
        i18n = config.plugins.get("i18n")
        if template_name == "404.html" and (alternates := i18n_home_alternates(i18n)):
            config.extra.alternate = copy.deepcopy(alternates)
        if template_name == "404.html":
            context["exhibition_404"] = not_found(self.site.out_dir if self.site else "exhibits", config.use_directory_urls)
        return context

    def on_post_template(self, output_content, template_name, config):
        # static-i18n renders 404.html once per language into the site root, the default
        # language first: keep that one at the root (Chinese first) and give the others
        # their own <lang>/404.html, for hosts that serve a 404 page per folder.
        if template_name != "404.html":
            return output_content
        i18n = config.plugins.get("i18n")
        language = i18n_current_language(i18n)
        address = config.site_url + "404.html" if config.site_url else None
        output_content = self._finish(output_content, language or config.theme.get("language") or "zh", address)
        if i18n is None or language == i18n_default_language(i18n):
            self._root_404 = output_content
            return output_content
        target = Path(config.site_dir) / language / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output_content, encoding="utf-8")
        return getattr(self, "_root_404", output_content)

    # After static-i18n (-100) has built every language and written the stacked index.
    @event_priority(-200)
    def on_post_build(self, config):
        i18n = config.plugins.get("i18n")
        if i18n is None or i18n_building(i18n):
            return  # an inner per-language build: the index is not final yet
        if self.dirty:
            return  # a preview rebuild: the preview keeps its search index and the files below
        edition = self.edition
        keys = search_keys(self.site, list(edition.languages), edition.directory_urls)  # pinyin, words inside titles
        split_by_language(
            Path(config.site_dir), edition.default_language, list(edition.languages[1:]), script=edition.offline, keys=keys
        )
        if not edition.offline:  # the kiosk has its own search page, with picture cards of its own
            write_pictures(Path(config.site_dir), self.site, list(edition.languages), edition.directory_urls)
        if not edition.offline:  # the kiosk runs from file://, where no service worker can
            budget = self.site.settings.site.offline.budget_mb
            offline.write(self.site, Path(config.site_dir), edition.languages, budget)
        write_robots(Path(config.site_dir), _site_url(edition.site_url))
        write_headers_file(Path(config.site_dir))


def _root_relative(alternates: list[dict]) -> None:
    """On the home pages static-i18n links the languages as "/" and "/en/", which breaks a site
    served from a folder; made root-relative, Material's `url` filter turns them into paths
    relative to the page, like every other link."""
    for alternate in alternates:
        if alternate["link"].startswith("/"):
            alternate["link"] = alternate["link"].lstrip("/") or "./"


@contextlib.contextmanager
def _as_plugin_error():
    """Our failures as MkDocs wants a plugin's: the curator's problems (build.py reports them, and the
    preview shows them), or a fault of ours in one line for curators (build.py keeps the traceback)."""
    try:
        yield
    except PluginError:
        raise  # already said our way (the site's address)
    except ValidationFailed as exc:
        error = PluginError("\n" + str(exc))
        error.problems = exc.problems
        raise error from None
    except Exception as exc:
        error = PluginError(
            f"internal error in the exhibition generator ({type(exc).__name__}: {exc}). "
            "This is a fault in the site's code, not in your records: please report this message."
        )
        error.internal = exc
        raise error from exc


def _site_url(value: str | None) -> str:
    """The site's public address: an absolute http(s) URL ending in /, or empty."""
    if not value:
        return ""
    problem = site_url_problem(value)
    if problem:
        raise PluginError(problem)
    return value
