"""Image derivatives: orientation fixed, EXIF/GPS gone, no upscaling, cached by content."""

from __future__ import annotations

import struct
import zlib

import pytest
from PIL import Image

from conftest import VALID_EVENT, photo_bytes, run_cli, write
from exhibition.images.derivatives import WIDTHS, derive_all
from exhibition.records.validate import inspect_image


def test_camera_photo_is_turned_upright_and_stripped(tmp_path):
    images, out = tmp_path / "images", tmp_path / "media"
    images.mkdir()
    (images / "camera.jpg").write_bytes(photo_bytes(4000, 3000, orientation=6, gps=True))
    with Image.open(images / "camera.jpg") as original:
        assert original.getexif().get_ifd(0x8825), "the test photo must carry GPS"

    derived, errors, stats = derive_all(["camera.jpg"], images, out, workers=1, progress=False)
    assert errors == {}
    variants = derived["camera.jpg"].variants
    assert [v.width for v in variants] == list(WIDTHS)
    for variant in variants:
        with Image.open(out.parent / variant.url) as im:
            assert im.format == "WEBP"
            # Orientation 6 means "rotate 90° clockwise to view": the photo is portrait now.
            assert im.size == (variant.width, variant.height)
            assert im.height > im.width
            # The left (red) half of the sensor image is on top once upright.
            top = im.convert("RGB").getpixel((im.width // 2, im.height // 5))
            bottom = im.convert("RGB").getpixel((im.width // 2, im.height * 4 // 5))
            assert top[0] > 150 and top[2] < 100, top
            assert bottom[2] > 150 and bottom[0] < 100, bottom
            # Nothing from the camera survives: no EXIF block at all, so no GPS.
            assert "exif" not in im.info
            assert len(im.getexif()) == 0
        assert b"TestCam" not in (out.parent / variant.url).read_bytes()


def test_small_image_is_never_upscaled(tmp_path):
    images = tmp_path / "images"
    images.mkdir()
    Image.new("RGB", (300, 200), "white").save(images / "small.png")
    derived, errors, _ = derive_all(["small.png"], images, tmp_path / "media", workers=1, progress=False)
    assert [(v.width, v.height) for v in derived["small.png"].variants] == [(300, 200)]


def test_second_run_is_a_cache_hit_and_touches_nothing(tmp_path):
    images, out = tmp_path / "images", tmp_path / "media"
    images.mkdir()
    for quality, name in enumerate(("a.jpg", "b.jpg", "c.jpg"), 70):
        (images / name).write_bytes(photo_bytes(2000, 1500, orientation=1, quality=quality))
    # Renaming a file keeps its cache entry: the key is the content, not the name.
    first, _, stats = derive_all(["a.jpg", "b.jpg", "c.jpg"], images, out, workers=2, progress=False)
    assert stats == {"made": 3, "cached": 0}
    times = {p: p.stat().st_mtime_ns for p in out.rglob("*.webp")}
    (images / "a.jpg").rename(images / "renamed.jpg")
    second, _, stats = derive_all(["renamed.jpg", "b.jpg", "c.jpg"], images, out, workers=2, progress=False)
    assert stats == {"made": 0, "cached": 3}
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.webp")} == times
    assert second["renamed.jpg"].variants == first["a.jpg"].variants


def test_truncated_photo_is_an_error_not_a_crash(tmp_path):
    images = tmp_path / "images"
    images.mkdir()
    data = photo_bytes(2000, 1500)
    (images / "cut.jpg").write_bytes(data[: len(data) // 3])
    derived, errors, _ = derive_all(["cut.jpg"], images, tmp_path / "media", workers=1, progress=False)
    assert "cut.jpg" not in derived
    assert "cannot be decoded" in errors["cut.jpg"]


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge size: a decompression bomb."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")


def test_decompression_bomb_is_refused(tmp_path):
    for side in (10_000, 50_000):  # above our limit; above Pillow's own hard limit
        bomb = tmp_path / f"bomb{side}.png"
        bomb.write_bytes(_png_claiming(side, side))
        assert "decompression bomb" in inspect_image(bomb)


def test_identical_photos_are_made_once(tmp_path):
    images = tmp_path / "images"
    images.mkdir()
    for name in ("one.jpg", "two.jpg"):
        (images / name).write_bytes(photo_bytes(1200, 900, orientation=1))
    derived, errors, stats = derive_all(["one.jpg", "two.jpg"], images, tmp_path / "media", workers=2, progress=False)
    assert stats["made"] == 1 and errors == {}
    assert derived["one.jpg"].variants == derived["two.jpg"].variants


@pytest.mark.build
def test_truncated_photo_in_a_build_names_record_and_file(project):
    data = photo_bytes(2000, 1500)
    (project / "images/events").mkdir(parents=True)
    (project / "images/events/cut.jpg").write_bytes(data[: len(data) // 3])
    write(
        project,
        "exhibits/events/test-event.yml",
        VALID_EVENT + "images:\n  - file: events/cut.jpg\n    alt: {zh: 照片, en: photo}\n",
    )
    result = run_cli(project, "build")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output
    assert (
        "exhibits/events/test-event.yml:18: images[1].file (第1张图片 / picture 1): images/events/cut.jpg cannot be decoded"
        in output
    )
    assert not (project / "site").exists()
