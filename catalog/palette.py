"""The fixed colour palette, and the display names of colours and categories (read from the language packs)."""
from __future__ import annotations

from assistant.language import NamesByLanguage
from catalog.records import COLORS

# The typical tone of a garment of that colour under soft studio light (mid-tones, not pure primaries):
# the colorizer tints towards these and colour inference matches against them.
COLOR_RGB: dict[str, tuple[int, int, int]] = {
    "black": (34, 34, 36),
    "white": (240, 240, 236),
    "grey": (138, 138, 136),
    "red": (196, 32, 42),
    "pink": (238, 152, 182),
    "orange": (236, 124, 30),
    "yellow": (242, 202, 46),
    "green": (44, 128, 64),
    "blue": (42, 104, 196),
    "navy": (30, 40, 86),
    "purple": (118, 62, 148),
    "brown": (112, 70, 42),
    "beige": (214, 194, 160),
}

# {language: {slug: name}}, e.g. COLOR_NAMES["zh"]["navy"] == "藏青色".
COLOR_NAMES = NamesByLanguage("color_names")
CATEGORY_NAMES = NamesByLanguage("category_names")

# Fail at import, not in a user's reply, if the palette ever drifts from the vocabulary in records.py.
assert set(COLOR_RGB) == set(COLORS)
