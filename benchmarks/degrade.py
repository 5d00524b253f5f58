"""Makes a clean catalog photo look like one a shopper took: background, tilt, crop, scale, light and JPEG."""
from __future__ import annotations

import io
from dataclasses import asdict, dataclass

import numpy as np
from PIL import Image, ImageEnhance

BACKGROUNDS = ("white", "off-white", "textured")
# Tints of paper, wall and bedsheet a photo is taken against.
OFF_WHITES = ((246, 242, 234), (240, 238, 229), (236, 240, 245), (250, 245, 236), (232, 232, 228))
TEXTURE_BASES = ((226, 214, 192), (210, 210, 206), (222, 206, 186), (200, 204, 212))
# Pixels this close to pure white are the catalog's backdrop (garments, even white ones, are shaded below it).
BACKDROP_LEVEL = 250


@dataclass(frozen=True)
class Degradation:
    background: str
    angle: float  # degrees, counter-clockwise
    crop: float  # share of each side kept
    side: int  # longest side of the final photo, pixels
    brightness: float
    jpeg_quality: int

    def to_dict(self) -> dict:
        return asdict(self)


def random_degradation(rng: np.random.Generator) -> Degradation:
    return Degradation(
        background=str(rng.choice(BACKGROUNDS, p=(0.3, 0.35, 0.35))),
        angle=round(float(rng.uniform(-8, 8)), 1),
        crop=round(float(rng.uniform(0.84, 0.97)), 3),
        side=int(rng.choice((96, 160, 224, 320, 480))),
        brightness=round(float(rng.uniform(0.82, 1.15)), 3),
        jpeg_quality=int(rng.integers(45, 91)),
    )


def degrade(image: Image.Image, how: Degradation, rng: np.random.Generator) -> Image.Image:
    """`image` (a garment on pure white) as a shopper's photo: deterministic for a given rng state."""
    rgb = np.asarray(image.convert("RGB"), dtype=np.float32)
    backdrop = _backdrop(rgb.shape[:2], how.background, rng)
    is_backdrop = (rgb >= BACKDROP_LEVEL).all(axis=-1, keepdims=True)
    photo = Image.fromarray(np.where(is_backdrop, backdrop, rgb).clip(0, 255).astype(np.uint8))

    fill = tuple(int(v) for v in backdrop.reshape(-1, 3).mean(axis=0))
    photo = photo.rotate(how.angle, resample=Image.Resampling.BILINEAR, fillcolor=fill)
    width, height = photo.size
    kept_w, kept_h = round(width * how.crop), round(height * how.crop)
    left = int(rng.integers(0, width - kept_w + 1))
    top = int(rng.integers(0, height - kept_h + 1))
    photo = photo.crop((left, top, left + kept_w, top + kept_h))
    scale = how.side / max(photo.size)
    photo = photo.resize((max(8, round(photo.width * scale)), max(8, round(photo.height * scale))),
                         Image.Resampling.BICUBIC)
    photo = ImageEnhance.Brightness(photo).enhance(how.brightness)
    buffer = io.BytesIO()
    photo.save(buffer, format="JPEG", quality=how.jpeg_quality)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB")


def _backdrop(shape: tuple[int, int], kind: str, rng: np.random.Generator) -> np.ndarray:
    height, width = shape
    if kind == "white":
        return np.full((height, width, 3), 255.0, dtype=np.float32)
    if kind == "off-white":
        tint = np.array(OFF_WHITES[rng.integers(len(OFF_WHITES))], dtype=np.float32)
        # A soft light fall-off across the frame, as from a window.
        ramp = np.linspace(1.0, float(rng.uniform(0.9, 1.0)), width, dtype=np.float32)[None, :, None]
        return np.broadcast_to(tint * ramp, (height, width, 3)).copy()
    base = np.array(TEXTURE_BASES[rng.integers(len(TEXTURE_BASES))], dtype=np.float32)
    # Low-frequency blotches (fabric folds, wood) plus fine grain.
    coarse = rng.normal(0, 1, (6, 6)).astype(np.float32)
    blotches = np.asarray(Image.fromarray(coarse, mode="F").resize((width, height), Image.Resampling.BICUBIC))
    grain = rng.normal(0, 1, (height, width)).astype(np.float32)
    texture = 9.0 * blotches + 6.0 * grain
    return (base[None, None, :] + texture[..., None]).clip(0, 255)
