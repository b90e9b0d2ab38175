"""The teachers' page (教师专区 / For teachers), generated like the kind indexes.

Lessons are listed by grade band and by programme, the season hooks (清明,
9月30日烈士纪念日, 国庆) name the lessons that suit them, and the booking
contact comes from mkdocs.yml `extra.booking_contact` (empty: "contact the hall").
"""

from __future__ import annotations

from ..records import model
from .format import aside

# Season hook -> the record whose sourced fact the page cites.
SEASONS = (("qingming", "qingming-2019"), ("martyrs_day", "martyrs-day-ceremony-2019"), ("national_day", "guiyan-welcome-2019"))


def lessons_of(site) -> list[model.Lesson]:
    order = {band: i for i, band in enumerate(model.GRADE_BANDS)}
    return sorted((r for r in site.records if isinstance(r, model.Lesson)), key=lambda r: (order[r.grade_band], r.title.zh))


def _packs(lessons: list[model.Lesson], schools, lang: str) -> list[tuple]:
    """Every lesson with its pack, for the download table (none in the kiosk, none without PDFs)."""
    if not (schools and schools.downloads):
        return []
    aids = [(r, schools.lessons.get(r.id, {}).get(lang)) for r in lessons]
    return [(r, aid) for r, aid in aids if aid and aid.pack]


def _groups(lessons: list[model.Lesson]) -> dict:
    """The lessons by grade band, by programme, and by the season hooks that suit them."""
    return dict(
        by_grade=[(band, [r for r in lessons if r.grade_band == band]) for band in model.GRADE_BANDS],
        by_programme=[(p, [r for r in lessons if r.programme == p]) for p in model.PROGRAMMES],
        seasons=[(s, rid, [r for r in lessons if s in r.seasons]) for s, rid in SEASONS],
    )


def render_teachers(renderer) -> str:
    site = renderer.site
    ctx = renderer.context(site.catalogue.path("teachers"))
    lessons = lessons_of(site)
    ui = renderer.ui
    schools = site.schools  # printing's output, set before the pages are written

    def duration(r: model.Lesson) -> str:
        return ui("duration_value").format(periods=r.periods, minutes=r.period_minutes, total=r.total_minutes)

    ctx.update(
        _groups(lessons),
        period_minutes=model.PERIOD_MINUTES,
        duration=duration,
        programme_record=site.by_id.get("flag-guardians-programme"),
        contact=schools.booking_contact if schools else "",
        packs=_packs(lessons, schools, renderer.lang),
        paren=lambda x: aside(x, renderer.lang),
        lesson_notes={r.id: f"{ui(r.programme)} · {duration(r)}" for r in lessons},
    )
    return renderer.render_template("teachers", ctx)
