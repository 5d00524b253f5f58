"""Turns a 28×28 Fashion-MNIST scan into a tinted product photo on a white background."""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np
from PIL import Image

from catalog.palette import COLOR_RGB

# Share of the canvas left white on every side, so the garment sits in frame like a catalog shot.
MARGIN = 0.08
# Scan values at or below this are background (the scans carry faint noise around the garment).
BACKGROUND_LEVEL = 12
# Ink specks smaller than this (in scan pixels) are scanner dust, not part of the garment.
MIN_PART_PIXELS = 6
# Share of a garment's large-scale tone variation removed, so one colourway reads as one colour.
BROAD_TONE_DAMPING = 0.7
LUMINANCE_WEIGHTS = np.array([0.2126, 0.7152, 0.0722], dtype=np.float32)


@dataclass(frozen=True)
class GarmentShape:
    """Everything about a garment's look except its colour; several colourways can share one."""

    size: int
    alpha: np.ndarray  # coverage 0..1 over the inner frame
    relief: np.ndarray  # texture −1..1 (+ = folds and seams, − = highlights)
    rim: np.ndarray  # 0..1, rising towards the outline


def colorize(gray28: np.ndarray, color: str, size: int = 128, variant_seed: int = 0) -> Image.Image:
    """An RGB product photo of the garment in `color`; pure white wherever the garment is absent."""
    return render(garment_shape(gray28, size), color, variant_seed)


def garment_shape(gray28: np.ndarray, size: int = 128) -> GarmentShape:
    """The colour-independent half of colorize: compute it once per garment, render it per colourway."""
    scan = np.asarray(gray28, dtype=np.uint8)
    if scan.shape != (28, 28):
        raise ValueError(f"expected a 28×28 scan, got shape {scan.shape}")
    inner = size - 2 * round(size * MARGIN)
    scale = inner / 28
    silhouette = _silhouette(scan)
    alpha = _smooth_outline(_upsample(silhouette.astype(np.float32), inner), blur=0.6 * scale)
    # The scans are negatives (ink = dark in the original photo). Extending the garment's own tones past
    # its outline keeps the anti-aliased border from reading as a bright seam once upsampled.
    darkness = _upsample(_extend_past_outline(scan.astype(np.float32) / 255.0, silhouette), inner)
    darkness = _blur(darkness, 0.35 * scale)
    darkness = _flatten_broad_tones(darkness, alpha, sigma=3.0 * scale)
    return GarmentShape(size=size, alpha=alpha, relief=_relief(darkness, alpha > 0.5), rim=_rim(alpha, scale))


def render(shape: GarmentShape, color: str, variant_seed: int = 0) -> Image.Image:
    """The garment in `color`; `variant_seed` varies the tone and the light a little, as between shoots."""
    if color not in COLOR_RGB:
        raise ValueError(f"unknown colour {color!r}; expected one of {tuple(COLOR_RGB)}")
    rng = np.random.default_rng(variant_seed)
    base = np.array(COLOR_RGB[color], dtype=np.float32) / 255.0
    base = np.clip(base * (1.0 + rng.uniform(-0.04, 0.04)), 0.0, 1.0)
    inner = shape.alpha.shape[0]
    garment = _shade(base, shape.relief, shape.rim, _key_light(inner, rng))

    alpha = shape.alpha[..., None]
    photo = np.ones((shape.size, shape.size, 3), dtype=np.float32)
    offset = (shape.size - inner) // 2
    photo[offset:offset + inner, offset:offset + inner] = alpha * garment + (1.0 - alpha)
    return Image.fromarray(np.round(photo * 255.0).astype(np.uint8), mode="RGB")


def _silhouette(scan: np.ndarray) -> np.ndarray:
    """Garment mask at scan resolution: its inked parts minus dust, with enclosed light areas filled in.

    Light prints inside a garment are near-empty in the scan; filling them keeps them part of the garment
    instead of punching white holes into it.
    """
    ink = scan > BACKGROUND_LEVEL
    parts = [part for part in _components(ink, diagonal=True) if len(part) >= MIN_PART_PIXELS]
    if not parts:
        return ink
    garment = np.zeros_like(ink)
    for part in parts:
        rows, cols = zip(*part)
        garment[list(rows), list(cols)] = True
    edge_cells = np.zeros_like(ink)
    edge_cells[[0, -1], :] = edge_cells[:, [0, -1]] = True
    enclosed = np.ones_like(ink)
    for part in _components(~garment, diagonal=False):
        rows, cols = zip(*part)
        if edge_cells[list(rows), list(cols)].any():
            enclosed[list(rows), list(cols)] = False
    return enclosed


def _components(mask: np.ndarray, diagonal: bool) -> list[list[tuple[int, int]]]:
    steps = [(-1, 0), (1, 0), (0, -1), (0, 1)]
    if diagonal:
        steps += [(-1, -1), (-1, 1), (1, -1), (1, 1)]
    rows, cols = mask.shape
    open_cells = mask.tolist()  # plain lists: this walk is per pixel, and numpy scalars are slow here
    found = []
    for r0 in range(rows):
        for c0 in range(cols):
            if not open_cells[r0][c0]:
                continue
            open_cells[r0][c0] = False
            part, queue = [], deque([(r0, c0)])
            while queue:
                r, c = queue.popleft()
                part.append((r, c))
                for dr, dc in steps:
                    nr, nc = r + dr, c + dc
                    if 0 <= nr < rows and 0 <= nc < cols and open_cells[nr][nc]:
                        open_cells[nr][nc] = False
                        queue.append((nr, nc))
            found.append(part)
    return found


def _extend_past_outline(tones: np.ndarray, inside: np.ndarray, steps: int = 3) -> np.ndarray:
    """Garment tones with the anti-aliased outline ring replaced by its neighbours' tone, carried outward."""
    ring = inside & (_neighbour_sum((~inside).astype(np.float32)) > 0)
    known = inside & ~ring
    filled = np.where(known, tones, 0.0)
    for _ in range(steps):
        total = _neighbour_sum(filled * known)
        count = _neighbour_sum(known.astype(np.float32))
        grow = ~known & (count > 0)
        filled = np.where(grow, total / np.maximum(count, 1), filled)
        known = known | grow
    # A ring pixel darker than its neighbours is a real seam, not blur; thin straps with no interior to
    # borrow from keep their own tone too.
    return np.where(ring, np.maximum(filled, tones), filled)


def _neighbour_sum(values: np.ndarray) -> np.ndarray:
    padded = np.pad(values, 1)
    rows, cols = values.shape
    return sum(padded[1 + dr:1 + dr + rows, 1 + dc:1 + dc + cols] for dr in (-1, 0, 1) for dc in (-1, 0, 1))


def _upsample(values: np.ndarray, size: int) -> np.ndarray:
    image = Image.fromarray(values.astype(np.float32), mode="F")
    return np.asarray(image.resize((size, size), Image.Resampling.BICUBIC), dtype=np.float32)


def _blur(values: np.ndarray, sigma: float) -> np.ndarray:
    """Separable Gaussian blur in float (Pillow's blur only takes 8-bit images, which would band the tones).

    Summed tap by tap rather than through a matrix product, so no BLAS build can change a single bit.
    """
    reach = max(1, int(np.ceil(3 * sigma)))
    offsets = np.arange(-reach, reach + 1, dtype=np.float32)
    kernel = np.exp(-0.5 * (offsets / sigma) ** 2)
    kernel /= kernel.sum()
    rows, cols = values.shape
    padded = np.pad(values, ((0, 0), (reach, reach)), mode="edge")
    across = sum(weight * padded[:, tap:tap + cols] for tap, weight in enumerate(kernel))
    padded = np.pad(across, ((reach, reach), (0, 0)), mode="edge")
    return sum(weight * padded[tap:tap + rows, :] for tap, weight in enumerate(kernel))


def _smooth_outline(coverage: np.ndarray, blur: float) -> np.ndarray:
    """Rounds the scan's pixel staircase into a smooth, anti-aliased outline."""
    soft = _blur(coverage, blur)
    t = np.clip((soft - 0.38) / 0.24, 0.0, 1.0)
    return t * t * (3.0 - 2.0 * t)


def _flatten_broad_tones(darkness: np.ndarray, alpha: np.ndarray, sigma: float) -> np.ndarray:
    """Damps large two-tone areas (colour blocking, a print across the chest) while keeping local texture.

    A colourway is one colour: a half-light, half-dark scan would otherwise read as two colours.
    """
    weight = _blur(alpha, sigma)
    broad = _blur(darkness * alpha, sigma) / np.maximum(weight, 1e-3)
    inside = alpha > 0.5
    typical = float(np.median(darkness[inside])) if inside.any() else 0.0
    return darkness - BROAD_TONE_DAMPING * (broad - typical)


def _relief(darkness: np.ndarray, inside: np.ndarray) -> np.ndarray:
    """Texture in −1..1 relative to the garment's typical tone (+ = folds and seams, − = highlights).

    Normalising per garment gives a faint (originally white) scan and a heavy (originally black) one the
    same amount of visible texture once tinted.
    """
    if not inside.any():
        return np.zeros_like(darkness)
    low, mid, high = np.percentile(darkness[inside], [5, 50, 95])
    spread = max(high - low, 0.08)
    return np.clip((darkness - mid) / spread * 2.0, -1.0, 1.0)


def _rim(alpha: np.ndarray, scale: float) -> np.ndarray:
    """0 deep inside the garment, rising towards its outline: a soft edge shadow that gives it volume."""
    return np.clip(1.0 - _blur(alpha, 0.8 * scale), 0.0, 0.5) * 2.0


def _key_light(size: int, rng: np.random.Generator) -> np.ndarray:
    """A gentle light falloff (−0.5..0.5 across the frame) from a slightly different side per variant."""
    angle = rng.uniform(0, 2 * np.pi)
    ramp = np.linspace(-0.5, 0.5, size, dtype=np.float32)
    return np.cos(angle) * ramp[None, :] + np.sin(angle) * ramp[:, None]


def _shade(base: np.ndarray, relief: np.ndarray, rim: np.ndarray, light: np.ndarray) -> np.ndarray:
    """Applies texture as shadows and highlights, balanced so dark and light colours both show it."""
    luminance = float((base * LUMINANCE_WEIGHTS).sum())
    # Dark cloth shows its weave as sheen, light cloth as shadow: each gets the cue it can display.
    shadow = (np.clip(relief, 0, None) * (0.12 + 0.26 * luminance)
              + rim * (0.08 + 0.14 * luminance)
              + light * 0.10 * luminance)
    highlight = (np.clip(-relief, 0, None) * (0.08 + 0.30 * (1.0 - luminance))
                 - light * 0.10 * (1.0 - luminance))
    lit = base + (1.0 - base) * np.clip(highlight, 0, 1)[..., None]
    return np.clip(lit * (1.0 - np.clip(shadow, 0, 0.9))[..., None], 0.0, 1.0)
