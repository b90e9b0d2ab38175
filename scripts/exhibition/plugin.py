"""MkDocs plugin: only reacts to MkDocs events; the work is in pipeline.py."""

from __future__ import annotations

import copy
import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from . import kiosk as kiosk_edition, opendata, preview
from .config import ExhibitionConfig
from .pages import home, language_parts, roll as roll_pages
from .pipeline import Options, run
from .records.problems import ValidationFailed
from .publishing import site_url_problem, write_headers_file, write_robots
from .search_index import split_by_language


class ExhibitionPlugin(BasePlugin[ExhibitionConfig]):
    def __init__(self):
        self.site = None
        self.kiosk = None  # kiosk.Kiosk, read once per config (static-i18n reruns on_config per language)
        self._kiosk_for = None

    # Before the search plugin's on_config, which reads the jieba dictionary we write.
    @event_priority(100)
    def on_config(self, config):
        i18n = config.plugins.get("i18n")
        if self.site is not None and getattr(i18n, "building", False):
            # static-i18n builds each further language with this same config: records,
            # pictures and pages were done once for this build (twice cost twice).
            return config
        root = Path(config.config_file_path).parent
        for folder in (self.config.exhibits_dir, self.config.images_dir, self.config.settings_dir):
            if (root / folder).is_dir() and str(root / folder) not in config.watch:
                config.watch.append(str(root / folder))
        if self.config.kiosk and self._kiosk_for is not config:
            try:
                self.kiosk = kiosk_edition.configure(config, root, self.config.pages_dir)
            except ValidationFailed as exc:
                raise PluginError("\n" + str(exc)) from None
            self._kiosk_for, self._site_names = config, kiosk_edition.site_names(config)
        elif not self.config.kiosk:
            config.extra.pop("kiosk", None)  # kiosk partials only ever render in the kiosk build
        options = Options(
            root=root, docs_dir=Path(config.docs_dir), pages_dir=self.config.pages_dir,
            media_dir=self.config.media_dir, jieba_dict_user=self.config.jieba_dict_user,
            strict=self.config.strict, drafts=self.config.drafts, workers=self.config.workers,
            directory_urls=config.use_directory_urls and not kiosk_edition.offline(config),
            kiosk=self.kiosk if self.config.kiosk else None, site_names=getattr(self, "_site_names", None),
            site_url=_site_url(config.site_url), booking_contact=str(config.extra.get("booking_contact") or ""),
        )
        logging.getLogger("jieba").setLevel(logging.WARNING)  # its dictionary chatter is not for curators
        try:
            self.site = run(options)
        except ValidationFailed as exc:
            error = PluginError("\n" + str(exc))
            error.problems = exc.problems  # for the preview's page of problems (preview.py)
            raise error from None
        except Exception as exc:  # a bug of ours: say so in one line, never a traceback
            raise PluginError(
                f"internal error in the exhibition generator ({type(exc).__name__}: {exc}). "
                "This is a fault in the site's code, not in your records: please report this message."
            ) from None
        return config

    def on_serve(self, server, config, builder):
        # `mkdocs serve` watches all of docs/, where every build writes its pages, pictures
        # and data: each edit then set off a second, useless rebuild. Watch what people edit
        # there (the top-level pages, assets/ …), not what the build writes.
        docs = Path(config.docs_dir)
        generated = {self.config.pages_dir, self.config.media_dir, opendata.FOLDER}
        preview.wrap_builder(server)  # a failed rebuild shows its problems in the browser
        server.unwatch(str(docs))
        server.watch(str(docs), recursive=False)
        for child in sorted(docs.iterdir()):
            if child.is_dir() and child.name not in generated:
                server.watch(str(child))
        return server

    def on_page_markdown(self, markdown, page, config, files):
        return roll_pages.set_aside(markdown, page.meta)  # the roll's cards: HTML Markdown need not parse

    def on_page_content(self, html, page, config, files):
        html = roll_pages.put_back(html, page.meta)
        # GLightbox (~70 KB of script and style) only where there is a picture to open.
        if 'class="glightbox"' not in html:
            page.meta["glightbox"] = False
        return html

    def on_post_page(self, output, page, config):
        lang = config.theme.get("language") or "zh"
        if self.config.kiosk:
            output = kiosk_edition.html.keep_inside(output, lang)[0]  # may write out addresses in Chinese
        if not lang.startswith("zh"):
            output = language_parts.mark(output, lang)  # Chinese words on English pages carry lang="zh"
        return output

    # After static-i18n (50) has set the language selector for this page.
    @event_priority(0)
    def on_page_context(self, context, page, config, nav):
        if page.meta.get("template") == "home.html" and self.site is not None:
            # overrides/home.html: the hero, featured cards and tiles, in the page's language.
            lang = (config.theme.get("language") or "zh")[:2]
            context["exhibition_home"] = home.view(self.site, lang, page.url)
        # On the home pages static-i18n links the languages as "/" and "/en/", which
        # breaks a site served from a folder; made root-relative, Material's `url`
        # filter turns them into paths relative to the page, like every other link.
        if not config.site_url:
            for alternate in getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []:
                if alternate["link"].startswith("/"):
                    alternate["link"] = alternate["link"].lstrip("/") or "./"
        return context

    def on_template_context(self, context, template_name, config):
        # 404.html is rendered after the pages and would keep the last page's language
        # links; it is served at any address, so it gets the home pages' absolute ones.
        i18n = config.plugins.get("i18n")
        if template_name == "404.html" and getattr(i18n, "extra_alternate", None):
            config.extra.alternate = copy.deepcopy(i18n.extra_alternate)
        return context

    def on_post_template(self, output_content, template_name, config):
        # static-i18n renders 404.html once per language into the site root, the default
        # language first: keep that one at the root (Chinese first) and give the others
        # their own <lang>/404.html, for hosts that serve a 404 page per folder.
        if template_name != "404.html":
            return output_content
        i18n = config.plugins.get("i18n")
        language = getattr(i18n, "current_language", None)
        if i18n is None or language == i18n.default_language:
            self._root_404 = output_content
            return output_content
        target = Path(config.site_dir) / language / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(language_parts.mark(output_content, language), encoding="utf-8")
        return getattr(self, "_root_404", output_content)

    # After static-i18n (-100) has built every language and written the stacked index.
    @event_priority(-200)
    def on_post_build(self, config):
        i18n = config.plugins.get("i18n")
        if i18n is None or getattr(i18n, "building", False):
            return  # an inner per-language build: the index is not final yet
        default = i18n.default_language
        others = [lang.locale for lang in i18n.config.languages if lang.locale != default and lang.build]
        split_by_language(Path(config.site_dir), default, others, script=kiosk_edition.offline(config))
        write_robots(Path(config.site_dir), _site_url(config.site_url))
        write_headers_file(Path(config.site_dir))


def _site_url(value: str | None) -> str:
    """The site's public address: an absolute http(s) URL ending in /, or empty."""
    if not value:
        return ""
    problem = site_url_problem(value)
    if problem:
        raise PluginError(problem)
    return value
