"""After the build: one search index per language.

static-i18n stacks both languages into site/search/search_index.json; visitors
reading English should only get English pages (and Chinese readers Chinese), so
the index is split: zh entries stay at the root, other languages go to
site/<lang>/search/ with their locations made relative to that folder.

Beside each index, the web edition gets search/pictures.json: the results show a
record's picture (exhibition.js), while the index itself stays text.

What visitors type (issue #27) is added to each record page's entry in two fields that search
reads but results never show (assets/javascripts/workers/exhibition-search.js runs Material's
worker and knows them):
- `words`: the words inside the Chinese title (jieba's cut_for_search), so 家乡 finds a title
  that jieba kept whole;
- `names`: the record's names (title of a named thing, a person's name, other names, people
  buried there) with their full pinyin and initials, as the roll of names finds them;
and the index's config carries `exhibition.t2s`: the traditional forms of the characters the
index holds, so 聯城艦 finds 聊城舰.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from . import pinyin, urls
from .records import model
from .words import word

# Hidden fields and their weight: a word of the title weighs as the title does (Material: 1000).
FIELDS = {"words": {"boost": 1000.0}, "names": {"boost": 1000.0}}
NAMED_KINDS = ("vessel", "place", "memorial", "person")  # their title is a name, not a phrase
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_LATIN = re.compile(r"[a-z0-9]+")
# A paragraph's citation numbers (<sup class="ex-cites">[1][2]</sup>, which Material keeps as <sup>):
# for readers of the page, not words to search or show in a result.
_CITES = re.compile(r"<sup>(?:\u200b?\[\d+\]\u200b?)+</sup>")


def split_by_language(
    site_dir: Path, default: str, others: list[str], script: bool = False, keys: dict | None = None
) -> dict[str, int]:
    """script: also write each index as search_index.js (`var __index = …`), which
    Material loads instead of the JSON when the site is opened from file:// (the
    kiosk edition, with Material's offline plugin).
    keys: {lang: {location: {"words": [...], "names": [...]}}} (search_keys), added to those entries."""
    path = site_dir / "search" / "search_index.json"
    if not path.exists():
        return {}
    index = json.loads(path.read_text(encoding="utf-8"))
    buckets = _by_language(index["docs"], default, others)
    for lang, docs in buckets.items():
        config = index["config"]
        if keys is not None:
            config, docs = _with_keys(config, docs, keys.get(lang, {}))
        text = json.dumps({**index, "config": config, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
        _write_index(site_dir / urls.language_root(lang) / "search" / "search_index.json", text, script)
    return {lang: len(docs) for lang, docs in buckets.items()}


def _by_language(docs: list[dict], default: str, others: list[str]) -> dict[str, list]:
    """The stacked index's entries per language, each location made relative to its language's folder,
    without the paragraphs' citation numbers."""
    buckets: dict[str, list] = {lang: [] for lang in [default, *others]}
    for doc in docs:
        lang = urls.language_of(doc["location"], others) or default
        if lang != default:
            doc = {**doc, "location": doc["location"][len(urls.language_root(lang)) :]}
        doc = {**doc, "text": _CITES.sub("", doc["text"])}
        buckets[lang].append(doc)
    return buckets


def _with_keys(config: dict, docs: list[dict], extra: dict) -> tuple[dict, list[dict]]:
    """A language's index with the hidden fields: their weights in the config, each page's values in its
    entry, and the traditional forms of the characters the index holds."""
    docs = [{**doc, **extra.get(doc["location"], {})} for doc in docs]
    held = "".join(doc["title"] + doc["text"] for doc in docs) + json.dumps(extra, ensure_ascii=False)
    config = {
        **config,
        "fields": {**config["fields"], **FIELDS},
        "exhibition": {"t2s": traditional_forms(held)},
    }
    return config, docs


def _write_index(target: Path, text: str, script: bool) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    if script:
        target.with_suffix(".js").write_text(f"var __index = {text}", encoding="utf-8")


PICTURES = "pictures.json"


def write_pictures(site_dir: Path, site, languages: list[str], directory_urls: bool = True) -> None:
    """search/pictures.json in each language's folder: {record page: [its smallest picture, width,
    height, focal point as CSS object-position or ""]} for every record with a picture, both addresses
    from the language's root as the index's locations are."""
    entries = {}
    for record in site.records:
        if lead := site.lead_image(record):
            page = site.catalogue.url("record", record, directory_urls=directory_urls)
            entries[page] = (lead.small.url, lead.small.width, lead.small.height, record.images[0].position)
    for lang in languages:
        root = urls.language_root(lang)
        up = urls.up_to_root(root)
        data = {page: [up + src, width, height, position] for page, (src, width, height, position) in entries.items()}
        target = site_dir / root / "search" / PICTURES
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# --- what visitors type: names, their pinyin, words inside titles, traditional characters ---


def names(record: model.Record) -> list[str]:
    """The Chinese names a record holds: its own (its title when it names a thing: 聊城舰, 范筑先纪念馆;
    a person's name; other names), then the people buried at a memorial."""
    return own_names(record) + [n for n in _clean(b.name.zh for b in getattr(record, "notable_burials", [])) if n]


def own_names(record: model.Record) -> list[str]:
    out = [record.title.zh] if record.kind in NAMED_KINDS else []
    if isinstance(record, model.Person):
        out.append(record.name.zh)
    out += [name.zh for name in getattr(record, "other_names", [])]
    return _clean(out)


def _clean(texts) -> list[str]:
    return list(dict.fromkeys(t.strip() for t in texts if t and t.strip()))


def dictionary_words(records: list[model.Record]) -> set[str]:
    """jieba's user dictionary: proper names as whole words, so 聊城舰 stays one word in any text.
    Not the titles of events, themes, stories and lessons: those are phrases, segmented like
    body text (a whole title as one word hid 家乡 inside it)."""
    words: set[str] = set()
    for record in records:
        words.update(names(record))
        if isinstance(record, model.Vessel):
            words.add(record.ship_type.zh)
    return {w for w in words if w and not re.search(r"[\s\W]", w)}


def _latin(text: str) -> list[str]:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()  # Fàn -> fan
    return _LATIN.findall(plain)


def _name_keys(name: str) -> list[str]:
    """A name as one word of the index (its parts, where brackets split it), its full pinyin, its initials."""
    full, initials = pinyin.keys(name)
    return [*(part for part in re.split(r"[\s\W]+", name) if part), full, initials]


def record_keys(record: model.Record, lang: str) -> dict[str, list[str]]:
    """The hidden fields of a record page's entry in the `lang` index: `names` are the record's own
    (a query equal to one puts the page first); `words` are what else finds it: words inside its
    title and place, and the names (with pinyin) of the people buried there."""
    own = [key for name in own_names(record) for key in _name_keys(name)]
    if isinstance(record, model.Person):
        own += _latin(record.name.pinyin)  # fan, zhuxian: each word of the name as written
    words = [key for burial in getattr(record, "notable_burials", []) for key in _name_keys(burial.name.zh)]
    if lang == "zh":
        words += _inner_words(record)
    out = {"names": _distinct(own), "words": _distinct(words)}
    return {field: value for field, value in out.items() if value}


def _inner_words(record: model.Record) -> list[str]:
    """The words inside a record's Chinese title and place that Material's own segmentation does not
    index already (jieba's cut_for_search); in the place, every word of two characters or more."""
    import jieba

    texts = [record.title.zh, *(t.zh for t in (getattr(record, "address", None), getattr(record, "place", None)) if t)]
    words = []
    for text in texts:
        whole = set(jieba.cut(text))  # what Material's own segmentation already indexes
        for run in _HAN.findall(text):
            words += [w for w in jieba.cut_for_search(run) if len(w) > 1 and (w not in whole or text != record.title.zh)]
    return words


def _distinct(keys: list[str]) -> list[str]:
    """The keys once each, in order, without empty ones."""
    return list(dict.fromkeys(k for k in keys if k))


def search_keys(site, languages: list[str], directory_urls: bool = True) -> dict[str, dict[str, dict]]:
    """{lang: {the record page's location in that language's index: its hidden fields}}."""
    out: dict[str, dict[str, dict]] = {}
    for lang in languages:
        out[lang] = {}
        for record in site.records:
            location = site.catalogue.url("record", record, directory_urls=directory_urls)
            if fields := record_keys(record, lang):
                out[lang][location] = fields
        # The visit page is what 开放时间, 门票, 预约, 电话 or 地址 should find, whether or not the hall has
        # given those yet (the page then says so): its words, in the visitor's language.
        out[lang][site.catalogue.url("visit", directory_urls=directory_urls)] = {
            "words": word("visit_search_words", lang).split()
        }
    return out


def traditional_forms(text: str) -> dict[str, str]:
    """{traditional character: its simplified form} for every simplified character in text that
    has traditional forms (OpenCC's tables): the search worker reads a traditional query as simplified."""
    from opencc import opencc

    folder = Path(opencc.__file__).parent / "dictionary"
    held = set("".join(_HAN.findall(text)))
    out: dict[str, str] = {}
    for traditional, simplified in [*_traditional_of(folder, held), *_simplified_of(folder, held)]:
        out.setdefault(traditional, simplified)
    return dict(sorted(out.items()))


def _traditional_of(folder: Path, held: set[str]):
    """(traditional, simplified) from OpenCC's simplified-to-traditional table, for the held characters'
    traditional forms that the index does not hold itself."""
    for line in (folder / "STCharacters.txt").read_text(encoding="utf-8").splitlines():
        simplified, _, traditional = line.partition("\t")
        if simplified in held:
            yield from ((t, simplified) for t in traditional.split() if t != simplified and t not in held)


def _simplified_of(folder: Path, held: set[str]):
    """(traditional, simplified) from OpenCC's traditional-to-simplified table, where the simplified form
    (its first) is held and the traditional is not."""
    for line in (folder / "TSCharacters.txt").read_text(encoding="utf-8").splitlines():
        traditional, _, simplified = line.partition("\t")
        simplified = simplified.split()[0] if simplified else ""
        if simplified in held and traditional != simplified and traditional not in held:
            yield traditional, simplified
