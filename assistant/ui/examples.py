"""Clickable examples: photos from the Fashion-MNIST test split (never in the catalog), colourized, with refinements."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from catalog.colorize import colorize
from catalog.demo import LABEL_CATEGORIES, load_scans

EXAMPLE_SIZE = 256
EXAMPLE_QUALITY = 90


@dataclass(frozen=True)
class Example:
    category: str  # the kind of garment (a test-split label)
    color: str  # the colour it is photographed in
    text: str  # the refinement sent with it
    language: str
    nth: int = 0  # which scan of that category in the test split


EXAMPLES: tuple[Example, ...] = (
    Example("t-shirt", "blue", "like this but in red", "en"),
    Example("dress", "green", "同款红色的，300元以内", "zh"),
    Example("sneaker", "white", "not white, under 400", "en", nth=1),
    Example("ankle-boot", "brown", "要黑色的", "zh"),
    Example("bag", "beige", "like this but in black", "en"),
    Example("pullover", "grey", "类似的，要蓝色", "zh"),
)


def example_photo(example: Example, size: int = EXAMPLE_SIZE):
    scans = load_scans("test")
    wanted = LABEL_CATEGORIES.index(example.category)
    rows = [i for i, label in enumerate(scans.labels) if int(label) == wanted]
    row = rows[example.nth]
    return colorize(scans.images[row], example.color, size=size)


def write_example_photos(directory: Path, examples: tuple[Example, ...] = EXAMPLES) -> list[tuple[Example, Path]]:
    """WebP files for the examples (written once; same bytes every time), paired with their example.

    WebP, not PNG: every visitor's page loads all of them, and WebP is several times smaller.
    """
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for example in examples:
        path = directory / f"example-{example.category}-{example.nth}-{example.color}.webp"
        if not path.is_file():
            temporary = path.with_suffix(".tmp.webp")
            example_photo(example).save(temporary, format="WEBP", quality=EXAMPLE_QUALITY)
            temporary.replace(path)
        written.append((example, path))
    return written
