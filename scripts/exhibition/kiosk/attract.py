"""The attract screen: a full-screen loop of the featured exhibits.

Rendered from pages/templates/attract.md.j2 like every generated page, into
docs/<pages_dir>/kiosk/attract.{zh,en}.md, only in the kiosk build (the main
build's write_pages removes it again). Each featured record gives two slides,
one in Chinese and one in English, so the languages alternate.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..pages.catalogue import KIOSK_FOLDER
from ..pages.write import Renderer
from ..words import UI
from .settings import TEXT, Kiosk

FOLDER = KIOSK_FOLDER  # under the generated pages' folder: not in the nav (not_in_nav: /exhibits/*/*.md)


@dataclass
class Slide:
    lang: str
    title: str
    summary: str
    kind: str
    start: str  # where a touch on this slide goes: that exhibit's page in the slide's language
    image: object = None  # images.derivatives.Derived
    alt: str = ""
    position: str = ""  # the picture's focal point (CSS object-position): the slide fills the screen


class KioskRenderer(Renderer):
    def attract(self, kiosk: Kiosk, names: dict[str, str]) -> str:
        ctx = self.context(self.site.catalogue.path("attract"))
        names = {"zh": names.get("zh", ""), "en": names.get("en") or names.get("zh", "")}
        homes = {
            lang: ctx["media"] + self.site.catalogue.url("home", lang=lang, directory_urls=self.site.directory_urls)
            for lang in ("zh", "en")
        }
        slides = []
        for record in kiosk.featured_records(self.site.records):
            image = record.images[0] if record.images else None
            for lang in ("zh", "en"):
                slides.append(
                    Slide(
                        lang=lang,
                        title=record.title.get(lang),
                        summary=record.summary.get(lang),
                        kind=self.ui_in(f"kind_{record.kind}", lang),
                        start=ctx["media"]
                        + self.site.catalogue.url("record", record, lang=lang, directory_urls=self.site.directory_urls),
                        image=self.site.derived[image.file] if image else None,
                        alt=image.alt.get(lang) if image else "",
                        position=image.position if image else "",
                    )
                )
        ctx.update(
            slides=slides,
            homes=homes,
            names=names,
            kt=lambda key, lang=self.lang: TEXT[key][lang],
            slide_seconds=kiosk.slide_seconds,
        )
        return self.render_template("attract", ctx)

    def ui_in(self, key: str, lang: str) -> str:
        return UI[key][lang]


def pages(site, docs_dir: Path, kiosk: Kiosk, names: dict[str, str], langs=("zh", "en")) -> dict[Path, str]:
    """{path under docs/: Markdown} of the attract screen, in every language of the site."""
    out = {}
    for lang in langs:
        out[docs_dir / site.catalogue.file("attract", lang=lang)] = KioskRenderer(site, lang).attract(kiosk, names)
    return out
