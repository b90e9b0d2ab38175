"""The one-way flow, in order: validate records -> image derivatives -> pages.

MkDocs renders what this leaves in docs/. Called by the plugin on every build
(and on every live reload of `mkdocs serve`).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from . import opendata
from .edition import Edition
from .images.audio import publish as publish_audio
from .images.derivatives import derive_all
from .pages import roll as roll_pages
from .pages.site import Site
from .pages.write import write_pages
from .paths import Paths
from .printing.aids import prepare as prepare_print
from .publishing import footer
from .records import model, roll
from .records.audio import FOLDER as AUDIO_FOLDER
from .records.problems import Problem, ValidationFailed, dotted
from .records.publishers import keys, publisher_name
from .records.validate import Collection, validate
from .search_index import dictionary_words
from .settings import Settings
from .settings.kiosk import Kiosk

log = logging.getLogger("mkdocs.plugins.exhibition")


@dataclass
class Options:
    paths: Paths  # where the records, pictures and generated pages are (Paths.of the loaded config)
    jieba_dict_user: str = "build/jieba_user.txt"
    strict: bool = False
    drafts: bool = False
    workers: int = 0
    edition: Edition = field(default_factory=Edition.web)  # URL style, languages, site_url (QR codes carry it)
    booking_contact: str = ""  # mkdocs.yml extra.booking_contact, shown on the teachers' page
    kiosk: object = None  # kiosk.Kiosk in the kiosk build (mkdocs-kiosk.yml): the attract screen and search page are written too
    site_names: dict | None = None  # {lang: site name}, shown on the attract screen
    only: set[str] | None = None  # the preview after an edit: render only these records' pages (affected())


class Checked(NamedTuple):
    """What step 1 found: read by every later step, and by the commands."""

    settings: Settings
    collection: Collection
    problems: list[Problem]


class Prepared(NamedTuple):
    """The build's way in (prepare): step 1's result, as Checked, and the kiosk build's own settings."""

    settings: Settings
    collection: Collection
    problems: list[Problem]
    kiosk: Kiosk | None = None  # settings/kiosk.yml with the KIOSK_* overrides; None on the web (or unreadable)


def check(root: Path, *, strict: bool = False, drafts: bool = False, cache: dict | None = None) -> Checked:
    """Step 1 alone: settings and records, with every problem found.

    cache: kept by the caller between checks (the preview): files unchanged since are not read again."""
    settings, problems = Settings.load(root)
    collection = validate(
        root,
        strict=strict,
        drafts=drafts,
        zones=settings.zone_ids,
        tags=settings.tag_ids,
        glossary=settings.glossary,
        cache=cache,
        names=(settings.historical.names, settings.historical.words) if settings.historical else (set(), set()),
    )
    problems += settings.record_problems(
        {r.id for r in collection.records},
        zones={r.id: r.hall.zone for r in collection.records if r.hall},
        referable=collection.referable,
    )
    rolls = roll.load_all(root, collection.by_id)  # 英名录: exhibits/roll/*.csv
    collection.rolls, collection.roll_warnings = rolls.rolls, rolls.warnings
    collection.advisories = collection.advisories + rolls.warnings
    problems += rolls.problems
    # An English name no source uses any more (its record was deleted) harms no page: a note, an error only
    # under STRICT, as the glossary's terms are; a curator's deletion must not stop the build.
    unused = settings.publisher_problems(
        collection.publishers | {k for s in _beside_records(settings, collection) for k in keys(publisher_name(s))}
    )
    if strict:
        problems += unused
    else:
        collection.advisories = collection.advisories + unused
    return Checked(settings, collection, problems + collection.problems)


def cited_sources(settings: Settings, collection: Collection) -> list:
    """Every source a page lists: the published records', the tour's wall texts' and the roll lists'."""
    return [s for r in collection.records for s in r.sources] + _beside_records(settings, collection)


def _beside_records(settings: Settings, collection: Collection) -> list:
    """The sources of the tour's wall texts (settings/hall.yml) and of the roll lists."""
    zones = settings.hall.zones if settings.hall else []
    return [s for z in zones for s in z.sources] + [s for r in collection.rolls for s in r.header.sources]


def prepare(
    root: Path,
    *,
    strict: bool = False,
    drafts: bool = False,
    cache: dict | None = None,
    kiosk_config: Path | None = None,
    extra: Mapping | None = None,
) -> Prepared:
    """The one way into a build, taken once per build: by build.Build (exhibition build, serve, check),
    which hands the result to the plugin, or by the plugin itself under plain `mkdocs build`.

    Step 1 (check), and in the kiosk build (kiosk_config: mkdocs-kiosk.yml; extra: its loaded `extra`)
    the kiosk's own settings: settings/kiosk.yml as the settings layer read it, with the KIOSK_*
    overrides, and every mistake of the kiosk's among the problems."""
    checked = Prepared(*check(root, strict=strict, drafts=drafts, cache=cache))
    if kiosk_config is None:
        return checked
    from .kiosk.settings import check_file, with_overrides

    written = checked.settings.kiosk
    # A featured record with a mistake of its own is not "unknown" here: its file says what is wrong.
    problems = check_file(kiosk_config, root, written, checked.collection.referable, extra=extra)
    kiosk, _ = with_overrides(written)  # the overrides' own mistakes are among check_file's
    return checked._replace(kiosk=kiosk, problems=checked.problems + problems)


def for_templates(site: Site, extra: Mapping) -> dict:
    """What the theme's templates read of the site (overrides/main.html, partials/copyright.html), for
    config.extra: the footer's lines and the picture shared for pages that have none of their own."""
    edition, home = site.edition, site.settings.home
    return {
        "exhibition_footer": footer(
            site.settings.site,
            edition.languages,
            edition.directory_urls,
            icp=str(extra.get("icp") or ""),
            police=str(extra.get("police_filing") or ""),
            statement=not edition.kiosk,
            hall=site.by_id.get(home.visit) if home and home.visit else None,
        ),
        "exhibition_share_image": site.default_share_image,
    }


def run(options: Options, checked: Checked | Prepared | None = None) -> Site:
    """Steps 2 and 3: pictures, then pages. checked: step 1's result (prepare), taken here when not given."""
    paths = options.paths
    if checked is None:
        checked = check(paths.root, strict=options.strict, drafts=options.drafts)
    collection, problems = checked.collection, list(checked.problems)
    if options.kiosk:
        problems += options.kiosk.featured_problems({r.id for r in collection.records})
    if problems:
        raise ValidationFailed(problems)
    site = _site(options, checked.settings, collection, _derive(options, collection))
    site.schools = prepare_print(
        site,
        root=paths.root,
        docs_dir=paths.docs_dir,
        site_url=site.site_url,
        booking_contact=options.booking_contact,
        downloads=not options.kiosk,
    )
    extra = _kiosk_pages(site, options)
    site.rolls = collection.rolls
    extra.update(roll_pages.pages(site, site.rolls, paths.root, paths.docs_dir, kiosk=bool(options.kiosk)))
    _tell_warnings(options, collection)
    written = write_pages(site, paths.docs_dir, extra=extra, only=options.only)
    log.info(f"exhibition: pages {written['written']} written, {written['unchanged']} unchanged, {written['removed']} removed")
    opendata.export(
        collection.records,
        paths.docs_dir / opendata.FOLDER,
        derived=site.derived,
        directory_urls=site.directory_urls,
        pages_dir=paths.pages_dir,
    )
    write_jieba_dictionary(collection.records, paths.root / options.jieba_dict_user)
    return site


def _derive(options: Options, collection: Collection) -> dict:
    """Step 2: every picture's derivatives. A photo that passed the header check but cannot be decoded
    is a problem of every record using it."""
    paths = options.paths
    uses: dict[str, list[tuple[str, int]]] = {}
    for record in collection.records:
        for index, image in enumerate(record.images):
            uses.setdefault(image.file, []).append((record.id, index))
    derived, errors, stats = derive_all(
        list(uses), paths.images, paths.media, url_base=paths.media_dir, workers=options.workers or None
    )
    if errors:
        problems = []
        for file, message in errors.items():
            for record_id, index in uses[file]:
                doc = collection.documents[record_id]
                loc = ("images", index, "file")
                problems.append(Problem(doc.path, doc.line(loc), dotted(loc), f"images/{file} {message}"))
        raise ValidationFailed(problems)
    log.info(f"exhibition: {len(collection.records)} records; images {stats['made']} made, {stats['cached']} cached")
    return derived


def _site(options: Options, settings: Settings, collection: Collection, derived: dict) -> Site:
    """The read model every page reads, with the audio guide's recordings published beside the pictures."""
    paths = options.paths
    zones = settings.hall.zones if settings.hall else []
    recordings = [track.file for holder in (*collection.records, *zones) for track in holder.audio]
    audio = publish_audio(recordings, paths.root / AUDIO_FOLDER, paths.media, paths.media_dir)
    return Site(collection.records, derived, settings, edition=options.edition, paths=paths, audio=audio)


def _kiosk_pages(site: Site, options: Options) -> dict:
    """The kiosk's own pages (attract screen, search page) and its search data, in the kiosk build;
    on the web a kiosk build's data left in docs/ goes (its pages go with write_pages)."""
    from .kiosk import search as kiosk_search

    docs_dir = options.paths.docs_dir
    if not options.kiosk:
        kiosk_search.remove_data(docs_dir, options.paths.pages_dir)
        return {}
    from .kiosk import attract

    extra = attract.pages(site, docs_dir, options.kiosk, options.site_names or {})
    extra.update(kiosk_search.pages(site, docs_dir, options.kiosk))
    kiosk_search.write_data(site, docs_dir, options.kiosk)
    return extra


def _tell_warnings(options: Options, collection: Collection) -> None:
    for warning in collection.roll_warnings:
        log.info(f"exhibition: please confirm: {warning}")
    if options.kiosk:
        for warning in options.kiosk.featured_warnings(collection.records, collection.documents):
            log.info(f"exhibition: warning: {warning}")


def affected(collection: Collection, changed: set[str]) -> set[str]:
    """The records whose own page an edit of `changed` may alter: those records, every record that
    names one of them (its cards and links show their titles and pictures), and every record they
    name (`related` shows both ways). Every other page (indexes, timeline, tags, tour…) is always rendered."""
    out = set(changed)
    for record_id, doc in collection.documents.items():
        named = _strings(doc.data) & collection.by_id.keys()
        if record_id in changed:
            out |= named
        elif named & changed:
            out.add(record_id)
    for names in collection.rolls:  # the exhibits a roll's page links to link back to it (Site.rolls_of)
        out |= {row.resting_place for row in names.rows if row.resting_place} | set(names.header.related)
    return out


def _strings(value) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        return set().union(*map(_strings, value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*map(_strings, value)) if value else set()
    return set()


def write_jieba_dictionary(records: list[model.Record], path: Path) -> None:
    """Proper names as whole words, so search finds 聊城舰 inside longer text (search_index.dictionary_words)."""
    text = "".join(f"{w} 2000 nz\n" for w in sorted(dictionary_words(records)))
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
