"""Safe image loading for catalog photos and shopper uploads: size limits, bombs, odd modes, EXIF rotation."""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from catalog.errors import BadImage

MB = 1024 * 1024  # sizes are said in this unit, the one of MAX_IMAGE_BYTES and of Gradio's "20mb" upload limit
MAX_IMAGE_BYTES = 20 * MB
# A real product photo is far below this; a few-KB PNG that claims 30000×30000 is a decompression bomb.
MAX_IMAGE_PIXELS = 40_000_000
MIN_IMAGE_SIDE = 8


@dataclass(frozen=True)
class ImageLimits:
    max_bytes: int = MAX_IMAGE_BYTES
    max_pixels: int = MAX_IMAGE_PIXELS


class ImageProblem(BadImage):
    """BadImage with a machine-readable reason: too_large, empty, not_an_image, bomb, truncated, too_small."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason


def read_image_bytes(path: Path, limits: ImageLimits = ImageLimits()) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ImageProblem("unreadable", f"cannot read image {path.name}: {error.strerror or error}") from None
    if size > limits.max_bytes:
        raise ImageProblem(
            "too_large", f"image {path.name} is {size / MB:.1f} MB, over the {limits.max_bytes / MB:.0f} MB limit"
        )
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImageProblem("unreadable", f"cannot read image {path.name}: {error.strerror or error}") from None


def decode_image(data: bytes, limits: ImageLimits = ImageLimits(), label: str = "image") -> Image.Image:
    """Bytes → an upright RGB image on white, or ImageProblem saying what is wrong in plain words."""
    if not data:
        raise ImageProblem("empty", f"{label} is an empty file")
    if len(data) > limits.max_bytes:
        raise ImageProblem(
            "too_large", f"{label} is {len(data) / MB:.1f} MB, over the {limits.max_bytes / MB:.0f} MB limit"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            width, height = image.size
            # Checked before any pixel is decoded, so a bomb costs nothing.
            if width * height > limits.max_pixels:
                raise ImageProblem(
                    "bomb", f"{label} claims {width}×{height} pixels, over the {limits.max_pixels // 1_000_000} MP limit"
                )
            image.seek(0)  # animated images: the first frame stands for the product
            image.load()
    except ImageProblem:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageProblem(
            "bomb", f"{label} is too large to decode safely (over {limits.max_pixels // 1_000_000} MP)"
        ) from None
    except UnidentifiedImageError:
        raise ImageProblem("not_an_image", f"{label} is not a photo in a format we read (JPEG, PNG, WebP, GIF)") from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ImageProblem("truncated", f"{label} is damaged or truncated ({error})") from None
    if min(image.size) < MIN_IMAGE_SIDE:
        raise ImageProblem("too_small", f"{label} is only {image.size[0]}×{image.size[1]} pixels")
    return to_upright_rgb(image)


def load_image(path: Path, limits: ImageLimits = ImageLimits()) -> Image.Image:
    return decode_image(read_image_bytes(Path(path), limits), limits, label=f"image {Path(path).name}")


def to_upright_rgb(image: Image.Image) -> Image.Image:
    """Rotates by EXIF and flattens every mode (16-bit, palette, CMYK, alpha) to 8-bit RGB on white."""
    try:
        image = ImageOps.exif_transpose(image)
    except Exception:  # a broken EXIF block must not cost the photo; the pixels are still good
        pass
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale: scale down instead of clipping, or every light pixel turns white.
        image = image.point(lambda value: value / 256).convert("L")
    elif image.mode == "F":
        image = image.convert("L")
    if image.mode == "P":
        image = image.convert("RGBA")
    if image.mode in ("RGBA", "LA", "PA"):
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return image.convert("RGB")
