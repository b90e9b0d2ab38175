"""Pictures as they arrive from people (issue 25, item 3): each kind is made here, derived, and its
published copies checked for colour (a known patch), size and the absence of camera data."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageCms

from conftest import VALID_EVENT, photo_bytes, run_cli, write
from exhibition.images.derivatives import derive_all
from exhibition.records.validate import inspect_image, register_heif

RED, BLUE = (200, 30, 30), (30, 30, 200)


def two_patches(mode: str, size=(1200, 800), top=RED, bottom=BLUE) -> Image.Image:
    """Top half one colour, bottom half another: after any turn or conversion, a sample of each half
    tells whether the colours and the orientation came out right."""
    im = Image.new("RGB", size, bottom)
    im.paste(top, (0, 0, size[0], size[1] // 2))
    return im if mode == "RGB" else im.convert(mode)


def derive_one(tmp_path, name: str, data: bytes):
    images = tmp_path / "images"
    images.mkdir(exist_ok=True)
    (images / name).write_bytes(data)
    derived, errors, _ = derive_all([name], images, tmp_path / "media", workers=1, progress=False)
    assert errors == {}, errors
    return derived[name], [tmp_path / v.url for v in derived[name].variants]


def sample(path, x: float, y: float) -> tuple[int, int, int]:
    with Image.open(path) as im:
        assert im.mode in ("RGB", "RGBA")
        return im.convert("RGB").getpixel((int(im.width * x), int(im.height * y)))


def close(colour, expected, tolerance=30) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour, expected, strict=True))


def no_camera_data(path) -> None:
    data = path.read_bytes()
    with Image.open(path) as im:
        assert "exif" not in im.info and len(im.getexif()) == 0, path
        assert "icc_profile" not in im.info or not im.info["icc_profile"], "sRGB is what a browser assumes: no profile needed"
    assert b"TestCam" not in data and b"GPS" not in data


def encoded(im: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    im.save(buffer, fmt, **options)
    return buffer.getvalue()


@pytest.mark.parametrize("orientation", range(1, 9))
def test_phone_jpeg_every_orientation_comes_out_upright(tmp_path, orientation):
    """The sensor image is red above blue; EXIF says how to turn it. Upright, red must be where the
    orientation puts the sensor's top: orientations 1-4 keep it horizontal (2, 4 mirror), 5-8 turn it."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "TestCam"
    exif[0x8825] = {1: "N", 2: (36.0, 27.0, 0.0), 3: "E", 4: (115.0, 59.0, 0.0)}
    derived, files = derive_one(tmp_path, "phone.jpg", encoded(two_patches("RGB", (1200, 800)), "JPEG", exif=exif))
    # Where the sensor's top (red) ends up once upright, per the EXIF standard's eight transforms.
    red_at = {1: "top", 2: "top", 3: "bottom", 4: "bottom", 5: "left", 6: "right", 7: "right", 8: "left"}[orientation]
    turned = orientation >= 5
    assert (derived.width, derived.height) == ((800, 1200) if turned else (1200, 800))
    spot = {"top": (0.5, 0.2), "bottom": (0.5, 0.8), "left": (0.2, 0.5), "right": (0.8, 0.5)}
    opposite = {"top": "bottom", "bottom": "top", "left": "right", "right": "left"}
    for path in files:
        assert close(sample(path, *spot[red_at]), RED), (orientation, path)
        assert close(sample(path, *spot[opposite[red_at]]), BLUE), (orientation, path)
        no_camera_data(path)


def test_cmyk_jpeg_comes_out_in_its_colours_not_inverted(tmp_path):
    """Pillow writes CMYK JPEGs as Photoshop does (inverted, with Adobe's APP14 marker): a red patch
    read without the marker, or inverted twice, comes out cyan."""
    data = encoded(two_patches("CMYK"), "JPEG", quality=95)
    assert b"Adobe" in data, "the test file must be an Adobe (inverted) CMYK JPEG"
    with Image.open(io.BytesIO(data)) as im:
        assert im.mode == "CMYK"
    derived, files = derive_one(tmp_path, "print-scan.jpg", data)
    for path in files:
        assert close(sample(path, 0.5, 0.25), RED), sample(path, 0.5, 0.25)
        assert close(sample(path, 0.5, 0.75), BLUE)
        no_camera_data(path)


@pytest.mark.parametrize("orientation", [1, 6, 8])
def test_heic_from_an_iphone_is_read_turned_and_stripped(tmp_path, orientation):
    """An iPhone stores the turn as the HEIF's own transform (irot), which pillow-heif writes from the
    picture's EXIF orientation as here; the sensor's top (red) ends up right for 6, left for 8."""
    register_heif()
    exif = gps()
    exif[0x0112] = orientation
    im = two_patches("RGB", (1200, 800))
    im.info["exif"] = exif.tobytes()  # the encoder takes the orientation from the picture's own EXIF
    data = encoded(im, "HEIF", quality=90)
    assert data[4:12] in (b"ftypheic", b"ftypmif1"), data[:16]
    derived, files = derive_one(tmp_path, "IMG_0001.HEIC", data)
    assert (derived.width, derived.height) == ((1200, 800) if orientation == 1 else (800, 1200))
    red, blue = {1: ((0.5, 0.25), (0.5, 0.75)), 6: ((0.75, 0.5), (0.25, 0.5)), 8: ((0.25, 0.5), (0.75, 0.5))}[orientation]
    for path in files:
        assert close(sample(path, *red), RED) and close(sample(path, *blue), BLUE), (orientation, path)
        no_camera_data(path)


def gps() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "TestCam"
    exif[0x8825] = {1: "N", 2: (36.0, 27.0, 0.0), 3: "E", 4: (115.0, 59.0, 0.0)}
    return exif


def test_png_with_transparency_is_flattened_on_white(tmp_path):
    im = Image.new("RGBA", (1000, 600), (0, 0, 0, 0))  # transparent black: must not show black
    im.paste((200, 30, 30, 255), (0, 0, 500, 600))
    derived, files = derive_one(tmp_path, "logo.png", encoded(im, "PNG"))
    for path in files:
        assert close(sample(path, 0.25, 0.5), RED)
        assert close(sample(path, 0.75, 0.5), (255, 255, 255), 5)
        with Image.open(path) as out:
            assert out.mode == "RGB"


def test_greyscale_and_16_bit_scans_keep_their_tones(tmp_path):
    """A 16-bit PNG holds 0-65535: converted naively it clips to white. Mid-grey must stay mid-grey."""
    grey16 = Image.frombytes("I;16", (1000, 600), (b"\x00\x20" * 500 + b"\x00\x80" * 500) * 600)  # little-endian
    assert grey16.getpixel((10, 10)) == 0x2000 and grey16.getpixel((990, 10)) == 0x8000
    _, files = derive_one(tmp_path, "scan16.png", encoded(grey16, "PNG"))
    for path in files:
        assert close(sample(path, 0.75, 0.5), (128, 128, 128), 6)
        assert close(sample(path, 0.25, 0.5), (32, 32, 32), 6)
    # 8-bit values in a 32-bit greyscale TIFF: kept as they are, not darkened 256 times.
    _, files = derive_one(tmp_path, "wide.tif", encoded(two_patches("L").convert("I"), "TIFF"))
    for path in files:
        top = sample(path, 0.5, 0.25)
        assert 60 < top[0] < 110, top
    _, files = derive_one(tmp_path, "grey.jpg", encoded(two_patches("L"), "JPEG"))
    for path in files:
        top = sample(path, 0.5, 0.25)
        assert max(top) - min(top) <= 3 and 60 < top[0] < 110, top  # red's luminance, in grey (WebP rounds ±1)


@pytest.mark.parametrize("mode", ["RGB", "CMYK"])
def test_tiff_scan(tmp_path, mode):
    _, files = derive_one(tmp_path, f"scan-{mode}.tif", encoded(two_patches(mode), "TIFF", compression="tiff_lzw"))
    for path in files:
        assert close(sample(path, 0.5, 0.25), RED) and close(sample(path, 0.5, 0.75), BLUE)


def rgb_profile(red, green, blue, name: str = "swapped primaries") -> bytes:
    """A minimal ICC v2 display profile (matrix and gamma 2.2): its primaries as XYZ (D50)."""
    import struct

    def xyz(v):
        return b"XYZ " + bytes(4) + b"".join(struct.pack(">i", round(c * 65536)) for c in v)

    text = name.encode() + b"\0"
    desc = b"desc" + bytes(4) + struct.pack(">I", len(text)) + text + bytes(4 + 4 + 2 + 1 + 67)
    curve = b"curv" + bytes(4) + struct.pack(">IH", 1, 0x0233) + bytes(2)  # gamma 2.2 (u8Fixed8)
    white = (0.9642, 1.0, 0.8249)
    tags = [(b"desc", desc), (b"wtpt", xyz(white)), (b"rXYZ", xyz(red)), (b"gXYZ", xyz(green)), (b"bXYZ", xyz(blue))]
    tags += [(b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve)]
    offset, table, body = 128 + 4 + 12 * len(tags), b"", b""
    for sig, data in tags:
        data += bytes(-len(data) % 4)
        table += sig + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = struct.pack(">I4sI4s4s4s", size, b"", 0x02100000, b"mntr", b"RGB ", b"XYZ ") + bytes(12) + b"acsp"
    header += bytes(4 + 4 + 4 + 4 + 8 + 4) + b"".join(struct.pack(">i", round(c * 65536)) for c in white)
    header += bytes(128 - len(header))
    return header + struct.pack(">I", len(tags)) + table + body


# sRGB's primaries, adapted to D50 (the profile connection space).
SRGB_RED, SRGB_GREEN, SRGB_BLUE = (0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141)


@pytest.mark.parametrize("fmt, name", [("JPEG", "swapped.jpg"), ("PNG", "swapped.png")])
def test_icc_profile_is_converted_to_srgb(tmp_path, fmt, name):
    """The numbers of a picture mean what its ICC profile says. In this profile red and blue primaries
    are swapped: the numbers (200, 30, 30) are a blue, and the published copy must show blue (taken as
    sRGB numbers, as a browser does with a WebP without profile, they would show red)."""
    profile = rgb_profile(SRGB_BLUE, SRGB_GREEN, SRGB_RED)
    ImageCms.ImageCmsProfile(io.BytesIO(profile))  # a valid profile for littleCMS
    _, files = derive_one(tmp_path, name, encoded(two_patches("RGB"), fmt, icc_profile=profile))
    for path in files:
        assert close(sample(path, 0.5, 0.25), BLUE, 40), sample(path, 0.5, 0.25)
        assert close(sample(path, 0.5, 0.75), RED, 40), sample(path, 0.5, 0.75)
        no_camera_data(path)


def test_tiny_picture_and_misnamed_file_are_used_with_a_note(project):
    """A 300×200 thumbnail is published as it is (never enlarged) with a note that it will look soft;
    a PNG named .jpg is read by its content, with a note to rename it. Neither stops the build."""
    Image.new("RGB", (300, 200), RED).save(project / "images" / "thumb.png")
    (project / "images" / "actually-png.jpg").write_bytes(encoded(two_patches("RGB"), "PNG"))
    record = VALID_EVENT + (
        "images:\n"
        "  - file: thumb.png\n"
        "    alt: {zh: 缩略图, en: A thumbnail}\n"
        "  - file: actually-png.jpg\n"
        "    alt: {zh: 图, en: A picture}\n"
    )
    write(project, "exhibits/events/test-event.yml", record)
    result = run_cli(project, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = record.splitlines()
    thumb_line = lines.index("  - file: thumb.png") + 1
    misnamed_line = lines.index("  - file: actually-png.jpg") + 1
    assert (
        f"note: exhibits/events/test-event.yml:{thumb_line}: images[1].file (第1张图片 / picture 1): images/thumb.png is only 300×200 pixels: "
        "it will look soft" in result.stdout
    ), result.stdout
    assert (
        f"note: exhibits/events/test-event.yml:{misnamed_line}: images[2].file (第2张图片 / picture 2): images/actually-png.jpg is named .jpg "
        "but holds a PNG picture: it is used as PNG. Rename it to end in .png" in result.stdout
    ), result.stdout
    derived, errors, _ = derive_all(["thumb.png"], project / "images", project / "media", workers=1, progress=False)
    assert [(v.width, v.height) for v in derived["thumb.png"].variants] == [(300, 200)]


def test_a_file_that_is_no_picture_is_refused_whatever_its_name(tmp_path):
    fake = tmp_path / "photo.jpg"
    fake.write_bytes(b"%PDF-1.7\n" + b"x" * 2000)
    assert "is not a readable picture" in inspect_image(fake)
    phone = tmp_path / "phone.jpg"
    phone.write_bytes(photo_bytes(800, 600))
    notes: list[str] = []
    assert inspect_image(phone, notes) is None and notes == []


def test_a_profile_that_does_not_fit_is_left_aside(tmp_path):
    """A CMYK picture carrying an RGB profile (a mistake of the program that saved it) or a damaged profile:
    the numbers are converted as plain CMYK, no crash, red stays red."""
    for name, profile in (("wrong.jpg", rgb_profile(SRGB_RED, SRGB_GREEN, SRGB_BLUE)), ("damaged.jpg", b"\0" * 200)):
        _, files = derive_one(tmp_path, name, encoded(two_patches("CMYK"), "JPEG", quality=95, icc_profile=profile))
        for path in files:
            assert close(sample(path, 0.5, 0.25), RED), (name, sample(path, 0.5, 0.25))
