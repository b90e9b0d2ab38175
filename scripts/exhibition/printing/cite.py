"""A lesson's sources as the teacher's print gives them (slides, lesson plan, pack README): title, publisher
and date, in the print's language and punctuation (the lesson plan adds the curator's locator). The
publisher is named as on every web page (records/publishers: no host, no reprint note; on English prints,
its English name first), so a pupil reads "《聊城人物大辞典》", not "meta.librarydata.cn"; where an
address is printed it stands apart."""

from __future__ import annotations

from ..pages.format import PUNCTUATION
from ..records import model
from ..records.publishers import plain


def line(source: model.Source, lang: str, publishers: dict[str, str]) -> str:
    """'孔繁森（…），《聊城人物大辞典》' / '…, Liaocheng Daily (聊城日报), 27 November 2014'."""
    date = source.date.show(lang) if source.date else ""
    parts = (source.title, plain(source, lang, publishers), date)
    return PUNCTUATION[lang]["comma"].join(p for p in parts if p)
