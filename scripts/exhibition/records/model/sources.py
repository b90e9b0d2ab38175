"""Where the facts come from: a record's sources, and the facts that name one (figures, dates, disputed values)."""

from __future__ import annotations

from typing import Literal, Optional, Union

from pydantic import Field

from ..dates import Date
from .texts import Slug, Strict, Text


class Source(Strict):
    id: Slug = Field(description="Short name used by `source:` fields in this record.")
    title: str
    publisher: str
    url: Optional[str] = Field(None, pattern=r"^https?://")
    date: Optional[Date] = None
    locator: Optional[str] = Field(None, description="Page, section, article id…")
    quote: Optional[str] = Field(
        None,
        description="The exact passage that supports the record's figures and dates, "
        "in the source's language; `make check` looks for each figure's number and each date in it, "
        "and for every number and date of the paragraphs that cite the source with [@id]. "
        "Separate passages with …",
    )
    copy_path: Optional[str] = Field(  # `copy` itself would hide pydantic's BaseModel.copy
        None,
        alias="copy",
        description="A text copy of the source inside the project, e.g. sources/yearbook-2019.txt: "
        "`make check` then finds every passage of the quote in it.",
    )


class Sourced(Strict):
    source: Optional[Slug] = Field(None, description="Id of an entry in `sources`.")


class DisputedValue(Sourced):
    value: Union[str, int, float]
    source: Slug


class Disputed(Strict):
    field: str = Field(description="Name of the field whose value the sources disagree on.")
    label: Optional[Text] = None
    unit: Optional[Text] = Field(None, description="Unit shown after each value, e.g. {zh: 亩, en: mu}.")
    values: list[DisputedValue] = Field(min_length=2)


class Figure(Sourced):
    """A sourced number: 21,000 visits, 925 names…"""

    label: Text
    value: Union[int, float, str]
    unit: Optional[Text] = None
    qualifier: Optional[Literal["about", "more_than"]] = None
    year: Optional[int] = None


class Dated(Sourced):
    """A dated fact that belongs on the timeline."""

    date: Date
    label: Text
