"""Lessons for schools (英烈故事进课堂, 国旗卫士): not exhibits, but built on them."""

from __future__ import annotations

from typing import ClassVar, Literal, Optional

from pydantic import Field, field_validator, model_validator

from .record import Record
from .texts import Slug, Strict, Text

GRADE_BANDS = ("小学低年级", "小学中高年级", "初中", "高中")
# Minutes in one class period (课时) for each grade band.
PERIOD_MINUTES = {"小学低年级": 40, "小学中高年级": 40, "初中": 45, "高中": 45}
PROGRAMMES = ("英烈故事进课堂", "国旗卫士")
STEP_KINDS = ("导入", "讲述", "讨论", "实践", "总结")


class Objectives(Strict):
    """What pupils should know, be able to do, and value after the lesson (三维目标)."""

    knowledge: list[Text] = Field(min_length=1, description="知识目标")
    ability: list[Text] = Field(min_length=1, description="能力目标")
    values: list[Text] = Field(min_length=1, description="情感态度与价值观目标")


class Step(Strict):
    """One timed step of the lesson (教学过程)."""

    step: Literal["导入", "讲述", "讨论", "实践", "总结"]
    minutes: int = Field(gt=0, description="Minutes this step takes.")
    title: Optional[Text] = None
    activity: Text = Field(description="What the teacher and the pupils do (Markdown).")


class Lesson(Record):
    """A ready lesson for schools, built only on facts from the records it links to."""

    kind: Literal["lesson"]
    FOLDER: ClassVar[str] = "lessons"
    REFERENCE_FIELDS: ClassVar[tuple[str, ...]] = ("related", "linked_records")
    programme: Literal["英烈故事进课堂", "国旗卫士"]
    grade_band: Literal["小学低年级", "小学中高年级", "初中", "高中"]
    periods: int = Field(1, ge=1, le=6, description="Number of class periods (课时).")
    minutes_per_period: Optional[int] = Field(None, description="Leave out: 40 for 小学, 45 for 初中 and 高中.")
    objectives: Objectives
    key_points: list[Text] = Field(min_length=1, description="教学重点")
    difficult_points: list[Text] = Field(min_length=1, description="教学难点")
    materials: list[Text] = Field([], description="教学准备")
    procedure: list[Step] = Field(description="教学过程: 导入, 讲述, 讨论, 实践, 总结, each with its minutes.")
    questions: list[Text] = Field(
        min_length=1, description="Discussion questions; the pupils' worksheet prints them with room to write."
    )
    for_pupils: Optional[Text] = Field(None, description="A short text for the worksheet, in words for the pupils' age.")
    drawing_task: Optional[Text] = Field(None, description="A drawing task for the worksheet (a box to draw in).")
    follow_up: list[Text] = Field([], description="课后延伸")
    teacher_notes: list[Text] = Field([], description="教师提示")
    linked_records: list[Slug] = Field(
        min_length=1,
        description="Ids of the exhibit records (any kind but lesson) the "
        "lesson draws on, listed and linked on the lesson's page and handout.",
    )
    seasons: list[Literal["qingming", "martyrs_day", "national_day"]] = Field(
        [], description="Times of year the lesson suits: 清明 (qingming), 9月30日烈士纪念日 (martyrs_day), 国庆 (national_day)."
    )

    @field_validator("procedure")
    @classmethod
    def _procedure_not_empty(cls, value: list[Step]) -> list[Step]:
        if not value:
            raise ValueError(
                "is empty. List the steps (导入, 讲述, 讨论, 实践, 总结), each with `step`, `minutes` and `activity`"
            )
        return value

    @property
    def period_minutes(self) -> int:
        return self.minutes_per_period or PERIOD_MINUTES[self.grade_band]

    @property
    def total_minutes(self) -> int:
        return self.periods * self.period_minutes

    @model_validator(mode="after")
    def _minutes_add_up(self):
        standard = PERIOD_MINUTES[self.grade_band]
        if self.minutes_per_period is not None and self.minutes_per_period != standard:
            raise ValueError(
                f"minutes_per_period: a {self.grade_band} period is {standard} minutes, not {self.minutes_per_period}. "
                "Remove the field (the standard is used) or correct it"
            )
        planned = sum(step.minutes for step in self.procedure)
        if planned != self.total_minutes:
            periods = f"{self.periods} period{'s' if self.periods > 1 else ''} of {self.period_minutes} minutes"
            raise ValueError(
                f"procedure: the steps add up to {planned} minutes, but {periods} make {self.total_minutes}. "
                f"Change the steps' minutes (or `periods`) so they add up to {self.total_minutes}"
            )
        return self
