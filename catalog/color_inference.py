"""Names the dominant colour of the product in a photo, as one of the palette's colour slugs."""
from __future__ import annotations

import numpy as np
from PIL import Image

from catalog.palette import COLOR_RGB

# Photos are judged at this size: colour needs no detail, and it keeps the flood fill cheap.
WORKING_SIZE = 128
# Width in pixels of the frame whose typical colour is taken to be the background.
BORDER = 3
# ΔE (CIELAB) a pixel must differ from the background to count as product, at the least.
MIN_FOREGROUND_DELTA = 8.0
# Lightness percentiles kept when summarising: drops crevices and shadows below, specular glints above.
KEPT_LIGHTNESS = (35, 95)
# Softness of the confidence: ΔE by which a runner-up must trail before confidence approaches 1.
CONFIDENCE_SCALE = 6.0


def infer_color(image: Image.Image) -> tuple[str, float]:
    """(colour slug, confidence in 0..1) of the product in `image`, read against its background."""
    lab = srgb_to_lab(_working_pixels(image))
    product = _product_mask(lab)
    core = _shrink(product)
    summary = _summarise(lab[core] if core.sum() >= 20 else lab[product])
    slugs = list(COLOR_RGB)
    palette_lab = srgb_to_lab(np.array([COLOR_RGB[slug] for slug in slugs], dtype=np.float64))
    distances = np.linalg.norm(palette_lab - summary, axis=1)
    order = np.argsort(distances, kind="stable")
    nearest, runner_up = distances[order[0]], distances[order[1]]
    confidence = 1.0 - float(np.exp(-(runner_up - nearest) / CONFIDENCE_SCALE))
    return slugs[order[0]], round(confidence, 4)


def srgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of sRGB values in 0..255, any leading shape."""
    c = np.asarray(rgb, dtype=np.float64) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    xyz = linear @ np.array([
        [0.4124564, 0.2126729, 0.0193339],
        [0.3575761, 0.7151522, 0.1191920],
        [0.1804375, 0.0721750, 0.9503041],
    ])
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], axis=-1)


def _working_pixels(image: Image.Image) -> np.ndarray:
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        # A cut-out product sits on white, the way a shop would show it.
        rgba = image.convert("RGBA")
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba)
    image = image.convert("RGB")
    scale = WORKING_SIZE / max(image.size)
    if scale < 1:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.BOX)
    return np.asarray(image, dtype=np.float64)


def _product_mask(lab: np.ndarray) -> np.ndarray:
    """Pixels that stand out from the background, plus whatever they enclose.

    Filling enclosed areas is what finds a white shirt on a white backdrop: only its shading and outline
    differ from the background, but they fence in the cloth itself.
    """
    height, width, _ = lab.shape
    border = min(BORDER, max(1, min(height, width) // 4))
    frame = np.ones((height, width), dtype=bool)
    frame[border:height - border, border:width - border] = False
    background = np.median(lab[frame], axis=0)
    delta = np.linalg.norm(lab - background, axis=-1)
    # Noisy or gradient backdrops vary; the threshold rises above whatever variation the frame shows.
    threshold = max(MIN_FOREGROUND_DELTA, float(np.percentile(delta[frame], 90)) + 4.0)
    standing_out = delta > threshold
    if standing_out.sum() < 0.01 * height * width:
        # No separable product (a close-up of fabric, a blank image): the whole photo is the product.
        return np.ones((height, width), dtype=bool)
    return ~_reachable_from_edge(~standing_out)


def _reachable_from_edge(passable: np.ndarray) -> np.ndarray:
    reached = np.zeros_like(passable)
    reached[[0, -1], :] = passable[[0, -1], :]
    reached[:, [0, -1]] |= passable[:, [0, -1]]
    while True:
        grown = reached.copy()
        grown[1:, :] |= reached[:-1, :]
        grown[:-1, :] |= reached[1:, :]
        grown[:, 1:] |= reached[:, :-1]
        grown[:, :-1] |= reached[:, 1:]
        grown &= passable
        if (grown == reached).all():
            return reached
        reached = grown


def _shrink(mask: np.ndarray) -> np.ndarray:
    """The mask minus its outline pixels, which blend product and background."""
    inner = mask.copy()
    inner[1:, :] &= mask[:-1, :]
    inner[:-1, :] &= mask[1:, :]
    inner[:, 1:] &= mask[:, :-1]
    inner[:, :-1] &= mask[:, 1:]
    return inner


def _summarise(product_lab: np.ndarray) -> np.ndarray:
    """A robust typical colour: the median over pixels of ordinary lightness for this product."""
    lightness = product_lab[:, 0]
    low, high = np.percentile(lightness, KEPT_LIGHTNESS)
    kept = product_lab[(lightness >= low) & (lightness <= high)]
    return np.median(kept if len(kept) else product_lab, axis=0)
