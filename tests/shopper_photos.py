"""Photos as a shopper takes them, made from catalog photos: the product small and off-centre on a table top."""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

PHOTO_SIZE = (480, 360)


def table_top_photo(product_image: Path, path: Path, size: tuple[int, int] = PHOTO_SIZE,
                    at: tuple[int, int] = (300, 70), side: int = 150) -> tuple[Path, tuple[int, int, int, int]]:
    """Writes the photo (JPEG) and returns it with the box the product fills, (x0, y0, x1, y1) in its pixels."""
    width, height = size
    ramp = np.linspace(0, 1, height, dtype=np.float32)[:, None, None]
    background = np.array([214, 196, 170], np.float32) * (1 - ramp) + np.array([150, 128, 104], np.float32) * ramp
    canvas = Image.fromarray(np.repeat(background, width, axis=1).astype(np.uint8), "RGB")
    canvas.paste(Image.open(product_image).convert("RGB").resize((side, side)), at)
    canvas.save(path, quality=90)
    return path, (at[0], at[1], at[0] + side, at[1] + side)
