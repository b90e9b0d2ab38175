"""The one-way flow, in order: validate records -> image derivatives -> pages.

MkDocs renders what this leaves in docs/. Called by the plugin on every build
(and on every live reload of `mkdocs serve`).
"""

from __future__ import annotations

import logging
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
from .records import model, roll
from .records.audio import FOLDER as AUDIO_FOLDER
from .records.problems import Problem, ValidationFailed, dotted
from .records.validate import Collection, validate
from .search_index import dictionary_words
from .settings import Settings

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
    return Checked(settings, collection, problems + collection.problems)


def run(options: Options, checked: Checked | None = None) -> Site:
    """checked: step 1's result when the command already checked (exhibition build, serve); else checked here."""
    paths = options.paths
    root = paths.root
    if checked is None:
        checked = check(root, strict=options.strict, drafts=options.drafts)
    settings, collection, problems = checked.settings, checked.collection, list(checked.problems)
    if options.kiosk:
        problems += options.kiosk.featured_problems({r.id for r in collection.records})
    if problems:
        raise ValidationFailed(problems)

    uses: dict[str, list[tuple[str, int]]] = {}
    for record in collection.records:
        for index, image in enumerate(record.images):
            uses.setdefault(image.file, []).append((record.id, index))
    derived, errors, stats = derive_all(
        list(uses),
        paths.images,
        paths.media,
        url_base=paths.media_dir,
        workers=options.workers or None,
    )
    if errors:
        # A photo that passed the header check but cannot be decoded: name every record using it.
        for file, message in errors.items():
            for record_id, index in uses[file]:
                doc = collection.documents[record_id]
                loc = ("images", index, "file")
                problems.append(Problem(doc.path, doc.line(loc), dotted(loc), f"images/{file} {message}"))
        raise ValidationFailed(problems)
    log.info(f"exhibition: {len(collection.records)} records; images {stats['made']} made, {stats['cached']} cached")

    zones = settings.hall.zones if settings.hall else []
    recordings = [track.file for holder in (*collection.records, *zones) for track in holder.audio]
    site = Site(
        collection.records,
        derived,
        settings,
        edition=options.edition,
        paths=paths,
        audio=publish_audio(recordings, root / AUDIO_FOLDER, paths.media, paths.media_dir),
    )
    site.schools = prepare_print(
        site,
        root=root,
        docs_dir=paths.docs_dir,
        site_url=site.site_url,
        booking_contact=options.booking_contact,
        downloads=not options.kiosk,
    )
    extra = {}
    from .kiosk import search as kiosk_search

    if options.kiosk:
        from .kiosk import attract

        extra = attract.pages(site, paths.docs_dir, options.kiosk, options.site_names or {})
        extra.update(kiosk_search.pages(site, paths.docs_dir, options.kiosk))
        kiosk_search.write_data(site, paths.docs_dir, options.kiosk)
    else:
        kiosk_search.remove_data(paths.docs_dir, paths.pages_dir)
    site.rolls = collection.rolls
    extra.update(roll_pages.pages(site, site.rolls, root, paths.docs_dir, kiosk=bool(options.kiosk)))
    for warning in collection.roll_warnings:
        log.info(f"exhibition: please confirm: {warning}")
    if options.kiosk:
        for warning in options.kiosk.featured_warnings(collection.records, collection.documents):
            log.info(f"exhibition: warning: {warning}")
    written = write_pages(site, paths.docs_dir, extra=extra, only=options.only)
    log.info(f"exhibition: pages {written['written']} written, {written['unchanged']} unchanged, {written['removed']} removed")
    opendata.export(
        collection.records,
        paths.docs_dir / opendata.FOLDER,
        derived=derived,
        directory_urls=site.directory_urls,
        pages_dir=paths.pages_dir,
    )
    write_jieba_dictionary(collection.records, root / options.jieba_dict_user)
    return site


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
