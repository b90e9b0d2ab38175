"""The teachers' page (教师专区 / For teachers), generated like the kind indexes.

Lessons are listed by grade band and by programme, the season hooks (清明,
9月30日烈士纪念日, 国庆) name the lessons that suit them, and the booking
contact comes from mkdocs.yml `extra.booking_contact` (empty: "contact the hall").
"""

from __future__ import annotations

from pathlib import Path

from ..records import model

PAGE = "teachers"  # docs/<pages_dir>/teachers.<lang>.md -> /exhibits/teachers/
# Season hook -> the record whose sourced fact the page cites.
SEASONS = (("qingming", "qingming-2019"), ("martyrs_day", "martyrs-day-ceremony-2019"), ("national_day", "guiyan-welcome-2019"))


def lessons_of(site) -> list[model.Lesson]:
    order = {band: i for i, band in enumerate(model.GRADE_BANDS)}
    return sorted((r for r in site.records if isinstance(r, model.Lesson)), key=lambda r: (order[r.grade_band], r.title.zh))


def render_teachers(renderer) -> str:
    site = renderer.site
    path = f"{site.out_dir}/{PAGE}.md"
    ctx = renderer.context(path)
    lessons = lessons_of(site)
    ui = renderer.ui
    schools = site.schools  # printing's output, set before the pages are written
    ctx.update(
        by_grade=[(band, [r for r in lessons if r.grade_band == band]) for band in model.GRADE_BANDS],
        by_programme=[(p, [r for r in lessons if r.programme == p]) for p in model.PROGRAMMES],
        seasons=[(s, rid, [r for r in lessons if s in r.seasons]) for s, rid in SEASONS],
        period_minutes=model.PERIOD_MINUTES,
        duration=lambda r: ui("duration_value").format(periods=r.periods, minutes=r.period_minutes, total=r.total_minutes),
        programme_record=site.by_id.get("flag-guardians-programme"),
        contact=schools.booking_contact if schools else "",
        # Every lesson with its pack, for the download table (none in the kiosk, none without PDFs).
        packs=[
            (r, schools.lessons[r.id][renderer.lang])
            for r in lessons
            if schools
            and schools.downloads
            and schools.lessons.get(r.id, {}).get(renderer.lang, None)
            and schools.lessons[r.id][renderer.lang].pack
        ],
        paren=lambda x: f"{ctx['lp']}{x}{ctx['rp']}",
        lesson_notes={
            r.id: f"{ui(r.programme)} · {ui('duration_value').format(periods=r.periods, minutes=r.period_minutes, total=r.total_minutes)}"
            for r in lessons
        },
    )
    return renderer.env.get_template("teachers.md.j2").render(ctx)


def pages(renderer, target: Path, lang: str) -> dict[Path, str]:
    """The generated pages of the schools' section, for write_pages."""
    return {target / f"{PAGE}.{lang}.md": render_teachers(renderer)}
