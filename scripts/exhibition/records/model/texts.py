"""The shared building blocks of every record: the strict base model, ids, and texts in both languages."""

from __future__ import annotations

from typing import Annotated, Optional, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from ..markers import strip_markers

LANGS = ("zh", "en")
SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[str, Field(pattern=SLUG, description="ASCII id: lower-case letters, digits and hyphens.")]
Percent = Annotated[float, Field(ge=0, le=100)]


class Strict(BaseModel):
    # Unknown fields are errors, so a misspelt field never silently vanishes.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Text(Strict):
    """One text in both languages. English may wait for its translation."""

    zh: str = Field(min_length=1, description="中文")
    en: Optional[str] = Field(None, description="English (our translation)")

    def get(self, lang: str) -> str:
        """The text as read anywhere but the record's own page: without its [@id] markers."""
        return strip_markers(self.cited(lang))

    def cited(self, lang: str) -> str:
        """The text with its citation markers, for the record's page (pages/format.py turns them into numbers)."""
        return (self.en if lang == "en" else self.zh) or self.zh

    def missing(self, lang: str) -> bool:
        return lang == "en" and not self.en


def _same_in_both_languages(value):
    # A licence name such as "CC BY 4.0" reads the same in both languages: plain text stands for both.
    return {"zh": value, "en": value} if isinstance(value, str) else value


# Either plain text (the same in both languages) or {zh, en}; templates always get a Text.
SameOrText = Annotated[Text, BeforeValidator(_same_in_both_languages, json_schema_input_type=Union[str, Text])]


class FullText(Text):
    """A text that must exist in both languages (alt text, for instance)."""

    en: str = Field(min_length=1, description="English")
