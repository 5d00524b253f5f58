"""Every kind of bad or odd photo a shopper or a catalog can send: a clear reason, or an upright RGB image."""
from __future__ import annotations

import io
import zlib
import struct

import numpy as np
import pytest
from PIL import Image

from catalog.errors import BadImage
from catalog.images import ImageLimits, decode_image


def _png(image: Image.Image, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", **options)
    return buffer.getvalue()


def _jpeg(image: Image.Image, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", **options)
    return buffer.getvalue()


def _garment(size=(64, 48)) -> Image.Image:
    image = Image.new("RGB", size, (255, 255, 255))
    image.paste((200, 30, 40), (8, 8, size[0] - 8, size[1] - 8))
    return image


def _bomb_png(width: int, height: int) -> bytes:
    """A valid PNG header claiming a huge canvas, with a tiny compressed body: a few KB on disk."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * width
    body = zlib.compress(row * 64, 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


@pytest.mark.parametrize(
    "label,data,reason",
    [
        ("zero-byte file", b"", "empty"),
        ("text named .jpg", b"hello, this is not a photo\n" * 10, "not_an_image"),
        ("HTML named .jpg", b"<!doctype html><html><body><img src=x onerror=alert(1)></body></html>", "not_an_image"),
        ("SVG named .jpg", b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>',
         "not_an_image"),
        ("truncated JPEG", _jpeg(_garment((200, 200)))[:300], "truncated"),
        ("corrupt PNG", _png(_garment())[:40] + b"garbage" * 20, "not_an_image"),
        ("JPEG cut in half", _jpeg(_garment((200, 200)))[:1200], "truncated"),
        ("decompression bomb", _bomb_png(30000, 30000), "bomb"),
        ("1-pixel image", _png(Image.new("RGB", (1, 1))), "too_small"),
    ],
)
def test_bad_photos_are_refused_with_a_reason(label, data, reason):
    with pytest.raises(BadImage) as refused:
        decode_image(data, label="photo")
    assert refused.value.reason == reason, label
    assert "photo" in str(refused.value)


def test_bomb_is_refused_before_decoding_and_is_small_on_disk():
    data = _bomb_png(30000, 30000)
    assert len(data) < 20_000
    with pytest.raises(BadImage, match="too large to decode safely"):
        decode_image(data)


def test_over_the_size_limit_is_refused_before_decoding():
    with pytest.raises(BadImage, match="over the 1 MB limit") as refused:
        decode_image(b"\xff\xd8" + b"0" * 1_500_000, ImageLimits(max_bytes=1_000_000))
    assert refused.value.reason == "too_large"


@pytest.mark.parametrize(
    "label,make",
    [
        ("animated GIF", lambda: _animated_gif()),
        ("16-bit greyscale PNG", lambda: _png(Image.fromarray((np.linspace(0, 65535, 64 * 48).reshape(48, 64))
                                                              .astype(np.uint16)))),
        ("palette PNG with transparency", lambda: _png(_garment().convert("P"), transparency=0)),
        ("CMYK JPEG", lambda: _jpeg(_garment().convert("CMYK"))),
        ("greyscale JPEG", lambda: _jpeg(_garment().convert("L"))),
        ("RGBA PNG", lambda: _png(_garment().convert("RGBA"))),
        ("WebP", lambda: _webp(_garment())),
    ],
)
def test_odd_but_valid_photos_become_8_bit_rgb(label, make):
    image = decode_image(make())
    assert image.mode == "RGB" and min(image.size) >= 8, label
    pixels = np.asarray(image)
    assert pixels.dtype == np.uint8 and pixels.std() > 0, f"{label} lost its content"


def test_16_bit_greys_keep_their_gradient():
    ramp = (np.linspace(0, 65535, 64 * 48).reshape(48, 64)).astype(np.uint16)
    image = np.asarray(decode_image(_png(Image.fromarray(ramp))))
    assert image[0, 0, 0] < 10 and image[-1, -1, 0] > 245 and 100 < image[24, 32, 0] < 160


def test_exif_rotated_photo_is_searched_upright():
    upright = _garment((60, 30))
    exif = Image.Exif()
    exif[0x0112] = 8  # camera held sideways: stored rotated, EXIF says how to turn it back
    stored = upright.rotate(-90, expand=True)
    image = decode_image(_jpeg(stored, exif=exif, quality=95))
    assert image.size == (30, 60)[::-1] or image.size == (60, 30)
    assert image.size == upright.size


def _animated_gif() -> bytes:
    frames = [_garment().convert("P"), Image.new("RGB", (64, 48), (0, 0, 255)).convert("P")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return buffer.getvalue()


def _webp(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="WEBP")
    return buffer.getvalue()
