"""A record's pictures and the recordings of its audio guide."""

from __future__ import annotations

import json
from typing import Annotated, Literal, Optional

from pydantic import BeforeValidator, Field, WithJsonSchema, field_validator, model_validator

from ..dates import Date
from .texts import FullText, Percent, SameOrText, Slug, Strict, Text


class ImageFlags(Strict):
    minors: bool = False
    national_flag: bool = False
    emblem: bool = False
    insignia: bool = False


class Image(Strict):
    file: str = Field(description="Path inside images/, e.g. vessels/liaocheng-ship.png")
    alt: FullText = Field(description="What the picture shows, for people who cannot see it.")
    caption: Optional[Text] = None
    illustration: bool = Field(False, description="True for drawings made for the site (示意图).")
    creator: Optional[str] = None
    credit: Optional[Text] = None
    date: Optional[Date] = None
    rights_holder: Optional[str] = None
    licence: Optional[SameOrText] = Field(
        None,
        description="Plain text when it reads the same in both "
        "languages (CC BY 4.0), else {zh: 版权所有, en: All rights reserved}.",
    )
    depicts: list[Slug] = Field([], description="Ids of the exhibit records (not lessons) this picture shows.")
    flags: ImageFlags = ImageFlags()
    consent: Optional[str] = Field(None, description="Guardian or sitter consent reference.")
    focus: Optional[tuple[Percent, Percent]] = Field(
        None,
        description="The point to keep in view where the picture fills a frame and must be cut (a story's cover, "
        "cards, the home's picture, the kiosk's slides): [x, y] in percent from the left and from the top, "
        "e.g. [50, 20] for a face near the top. Left out: the centre. The record's page and the enlarged view "
        "always show the whole picture.",
    )

    @field_validator("focus", mode="before")
    @classmethod
    def _focus_in_percent(cls, value):
        # One message for every way to get it wrong (a single number, three, text, 150).
        if value is None:
            return value
        numbers = isinstance(value, (list, tuple)) and len(value) == 2
        numbers = numbers and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
        if not numbers or not all(0 <= v <= 100 for v in value):
            raise ValueError(
                f"must be two numbers in percent, [x, y], found {json.dumps(value, ensure_ascii=False)}: how far from the left and from the top "
                "the part to keep in view lies, each from 0 to 100, e.g. `focus: [50, 20]`"
            )
        return value

    @property
    def position(self) -> str:
        """The focal point as CSS object-position ("50% 20%"); empty for the centre (the CSS default)."""
        if self.focus is None or tuple(self.focus) == (50, 50):
            return ""
        return f"{self.focus[0]:g}% {self.focus[1]:g}%"

    @model_validator(mode="after")
    def _minors_need_consent(self):
        # Children under 14 are sensitive personal information (个人信息保护法 Art. 28).
        if self.flags.minors and not self.consent:
            raise ValueError(
                "consent: this picture shows minors, so it needs the guardians' consent reference. "
                "Add `consent:` (where the signed consent is filed), or do not publish the picture"
            )
        return self


def seconds_of(value):
    """A duration as a curator writes it: 62, 62.5 or "1:02" (minutes:seconds); "62" too, as the browser
    editor's text field saves it."""
    if not isinstance(value, str):
        return value
    minutes, colon, seconds = value.strip().rpartition(":")
    try:
        return int(minutes if colon else 0) * 60 + float(seconds)
    except ValueError:
        raise ValueError(f'"{value}" is not a duration. Write seconds (62) or minutes:seconds (1:02)') from None


class AudioTrack(Strict):
    """One recording of the audio guide (语音导览), in one language, with its transcript."""

    file: str = Field(
        pattern=r"(?i)^[A-Za-z0-9_./-]+\.(mp3|m4a|aac|opus|ogg)$",
        description="Path inside audio/, e.g. tour/navy.zh.mp3 (MP3, M4A/AAC or Opus; at most 10 MB).",
    )
    language: Literal["zh", "en"] = Field(description="The language spoken: zh or en.")
    # The schema says what a curator may write (62, 62.5 or "1:02"), not the float the model turns it into:
    # editors underlined "0:18" in settings/hall.yml while the build accepted it.
    duration: Annotated[
        float,
        BeforeValidator(seconds_of),
        WithJsonSchema(
            {
                "anyOf": [
                    {"type": "number", "exclusiveMinimum": 0},
                    {"type": "string", "pattern": r"^\s*(\d+:)?\d+(\.\d+)?\s*$"},
                ]
            }
        ),
    ] = Field(gt=0, description="Length as seconds (62) or minutes:seconds (1:02); checked against the file, within 2 s.")
    transcript: str = Field(
        min_length=1,
        description="Everything the recording says, in its language (WCAG 1.2.1): shown under the player.",
    )
    speaker: Optional[Text] = Field(None, description="Who speaks, e.g. 讲解员 / the hall's guide.")
    credit: Optional[Text] = None
    licence: Optional[SameOrText] = None
    sample: bool = Field(
        False, description="A synthetic sample voice made for the site, shown as such until the hall records its own."
    )
