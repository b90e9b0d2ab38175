"""A synthetic collection for the benchmark: N valid event records, each with camera-like photos.

Making thousands of real 4000×3000 photos would take longer than the builds we
want to time, so a handful of distinct base JPEGs (smooth shapes plus sensor-like
noise, EXIF with orientation, camera and GPS) are encoded once, and every file is
a copy of one of them with a unique serial number written into its EXIF
ImageDescription. Same length, so no offset moves: each file decodes exactly like
its base (same decode and encode cost) but has its own content hash, so the build
cannot deduplicate it.
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

# What a project needs to build, besides its records and images (as tests/conftest.py copies).
SKELETON = ("mkdocs.yml", "docs", "overrides", "settings", "audio", "sources")  # audio: the tour stops' recordings (hall.yml)
SERIAL = b"bench-photo-serial-000000000000"  # replaced, same length, in every copy
BASES = 6  # distinct photos; every file is one of these with its own serial


def copy_skeleton(repo: Path, root: Path) -> None:
    """The project's configuration and hand-written pages, never its records, images or site."""
    for name in SKELETON:
        src = repo / name
        if src.is_dir():
            shutil.copytree(src, root / name, ignore=shutil.ignore_patterns("exhibits", "media"))
        elif src.exists():
            shutil.copy(src, root / name)
    (root / "exhibits" / "events").mkdir(parents=True)
    (root / "images" / "events").mkdir(parents=True)
    # The home page leads with the first synthetic record (the real home.yml names real records).
    (root / "settings" / "home.yml").write_text(
        f"hero: {record_id(1)}\npurpose: {{zh: 基准测试, en: Benchmark}}\n", encoding="utf-8"
    )
    # The zones' highlights name real records too: the synthetic zones have none.
    hall = root / "settings" / "hall.yml"
    hall.write_text(re.sub(r"(?m)^ +highlights: \[.*\]\n", "", hall.read_text(encoding="utf-8")), encoding="utf-8")


def base_photo(seed: int, size: tuple[int, int], quality: int = 90) -> bytes:
    """A camera-like JPEG: shapes, soft gradients and sensor noise; EXIF with GPS and a serial slot."""
    rng = random.Random(seed)
    width, height = size
    coarse = Image.new("RGB", (16, 12))
    coarse.putdata([tuple(rng.randrange(40, 220) for _ in range(3)) for _ in range(16 * 12)])
    image = coarse.resize(size, Image.Resampling.BICUBIC)
    draw = ImageDraw.Draw(image)
    scale = max(width, height) / 4000
    for _ in range(50):
        x, y, r = rng.randrange(width), rng.randrange(height), int(rng.randrange(40, 500) * scale) + 1
        draw.ellipse((x - r, y - r, x + r, y + r), fill=tuple(rng.randrange(256) for _ in range(3)))
    for _ in range(40):
        draw.line(
            (rng.randrange(width), rng.randrange(height), rng.randrange(width), rng.randrange(height)),
            fill=tuple(rng.randrange(256) for _ in range(3)),
            width=rng.randrange(1, 12),
        )
    image = image.filter(ImageFilter.GaussianBlur(2))
    noise = Image.effect_noise(size, 8).convert("RGB")
    image = ImageChops.add(image, noise, scale=1.0, offset=-128)
    exif = Image.Exif()
    exif[0x0112] = 6 if seed % 3 == 2 else 1  # some photos were taken upright: the build must turn them
    exif[0x010F] = "BenchCam"  # Make
    exif[0x0110] = "Synthetic 12MP"  # Model
    exif[0x010E] = SERIAL.decode()  # ImageDescription: the serial slot
    exif[0x8825] = {1: "N", 2: (36.0, 27.0, 0.0), 3: "E", 4: (115.0, 59.0, 0.0)}
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality, exif=exif)
    data = buffer.getvalue()
    assert data.count(SERIAL) == 1, "the serial slot must appear once in the EXIF"
    return data


def unique_copy(base: bytes, serial: int) -> bytes:
    stamp = f"{serial:0{len(SERIAL) - len('bench-photo-serial-')}d}".encode()
    return base.replace(SERIAL, b"bench-photo-serial-" + stamp)


def record_id(index: int) -> str:
    return f"bench-{index:05d}"


def photo_name(index: int, photo: int) -> str:
    return f"events/{record_id(index)}-{photo}.jpg"


IMAGE_ENTRY = """\
  - file: {file}
    alt:
      zh: 合成测试照片 {rid} 第{n}张：彩色圆形与线条。
      en: "Synthetic test photo {n} of {rid}: coloured circles and lines."
    caption:
      zh: 基准测试用的合成照片。
      en: A synthetic photo made for the benchmark.
    creator: 基准测试
    credit:
      zh: 合成图片
      en: Synthetic picture
    licence: CC0
"""

RECORD = """\
kind: event
id: {rid}
title:
  zh: 基准测试活动 {index} 号
  en: Benchmark event no. {index}
summary:
  zh: {summary_zh}
  en: {summary_en}
body:
  zh: |
{body_zh}
  en: |
{body_en}
date: "{date}"
place:
  zh: 聊城市东昌府区
  en: Dongchangfu District, Liaocheng
organisers:
  - zh: 聊城市退役军人事务局
    en: Liaocheng Veterans Affairs Bureau
participants:
  label:
    zh: 参加人数
    en: People taking part
  value: {people}
  unit:
    zh: 人
    en: people
  qualifier: about
  year: {year}
  source: yearbook
images:
{images}related:
{related}sources:
  - id: yearbook
    title: 聊城年鉴（合成）
    publisher: 聊城市退役军人事务局
    date: "2020"
    # The numbers the synthetic texts state, so that the check of every paragraph passes as for real records.
    quote: 基准测试合成记录{index}号，分第1、2、3、4段；约{people}人参加。
review:
  status: verified
  date: "2026-11-28"
"""

PARAGRAPH_ZH = (
    "这是基准测试生成的第{index}条记录的第{p}段。活动在聊城市举行，退役军人、现役军人和群众代表共同参加，"
    "纪念英烈，传承红色基因，弘扬拥军优属、拥政爱民的优良传统。"
)
PARAGRAPH_EN = (
    "This is paragraph {p} of record {index}, made by the benchmark. The event took place in Liaocheng; "
    "veterans, serving soldiers and residents took part together, honouring the martyrs and carrying on "
    "the tradition of supporting the army and cherishing the people."
)


def record_text(index: int, total: int, photos: int, *, edit: str = "", extra_photos: int = 0) -> str:
    rid = record_id(index)
    images = "".join(IMAGE_ENTRY.format(file=photo_name(index, n), rid=rid, n=n) for n in range(1, photos + extra_photos + 1))
    others = [record_id(1 + (index + k) % total) for k in (1, 7)]
    related = "".join(f"  - {o}\n" for o in dict.fromkeys(others) if o != rid)
    year = 1990 + index % 35
    return RECORD.format(
        rid=rid,
        index=index,
        date=f"{year}-{1 + index % 12:02d}-{1 + index % 28:02d}",
        year=year,
        people=100 + index * 7 % 5000,
        summary_zh=f"基准测试合成记录{index}号，用于衡量网站构建速度。{edit}",
        summary_en=f"Synthetic record {index}, made to measure how fast the site builds.{edit}",
        body_zh="".join(f"    {PARAGRAPH_ZH.format(index=index, p=p)}\n\n" for p in range(1, 5)),
        body_en="".join(f"    {PARAGRAPH_EN.format(index=index, p=p)}\n\n" for p in range(1, 5)),
        images=images,
        related=related or "  []\n",
    )


def make_collection(root: Path, records: int, photos: int, size: tuple[int, int], progress=None) -> dict:
    """Write N records and N×photos unique JPEGs under root; return what was made.

    The photos get a modification time an hour back, as a copy that keeps the camera's
    time would: a file changed in the last seconds is hashed again on the next build
    (its mtime could still change within the same clock tick), and a benchmark that
    builds right after writing would measure that instead of a real rebuild.
    """
    taken = time.time_ns() - 3600 * 10**9
    bases = [base_photo(seed, size) for seed in range(min(BASES, records * photos) or 1)]
    serial = 0
    written = 0
    for index in range(1, records + 1):
        (root / "exhibits" / "events" / f"{record_id(index)}.yml").write_text(
            record_text(index, records, photos), encoding="utf-8"
        )
        for n in range(1, photos + 1):
            serial += 1
            data = unique_copy(bases[serial % len(bases)], serial)
            path = root / "images" / photo_name(index, n)
            path.write_bytes(data)
            os.utime(path, ns=(taken, taken))
            written += len(data)
        if progress:
            progress(index)
    return {"photos": serial, "photo_bytes": written, "bases": len(bases), "base_bytes": sum(map(len, bases))}


def add_photo(root: Path, index: int, records: int, photos: int, size: tuple[int, int], serial: int) -> Path:
    """One more photo on one record: the file, and the record's new image entry."""
    data = unique_copy(base_photo(serial % BASES, size), serial)
    path = root / "images" / photo_name(index, photos + 1)
    path.write_bytes(data)
    (root / "exhibits" / "events" / f"{record_id(index)}.yml").write_text(
        record_text(index, records, photos, extra_photos=1), encoding="utf-8"
    )
    return path


def edit_record(root: Path, index: int, records: int, photos: int, marker: str) -> None:
    (root / "exhibits" / "events" / f"{record_id(index)}.yml").write_text(
        record_text(index, records, photos, edit=marker), encoding="utf-8"
    )
