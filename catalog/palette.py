"""The fixed colour palette and the display names of colours and categories, in English and Chinese."""
from __future__ import annotations

from catalog.records import CATEGORIES, COLORS

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

COLOR_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "black": "black", "white": "white", "grey": "grey", "red": "red", "pink": "pink",
        "orange": "orange", "yellow": "yellow", "green": "green", "blue": "blue", "navy": "navy",
        "purple": "purple", "brown": "brown", "beige": "beige",
    },
    "zh": {
        "black": "黑色", "white": "白色", "grey": "灰色", "red": "红色", "pink": "粉色",
        "orange": "橙色", "yellow": "黄色", "green": "绿色", "blue": "蓝色", "navy": "藏青色",
        "purple": "紫色", "brown": "棕色", "beige": "米色",
    },
}

CATEGORY_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "t-shirt": "T-shirt", "trousers": "trousers", "pullover": "pullover", "dress": "dress",
        "coat": "coat", "sandal": "sandals", "shirt": "shirt", "sneaker": "sneakers", "bag": "bag",
        "ankle-boot": "ankle boots",
    },
    "zh": {
        "t-shirt": "T恤", "trousers": "裤子", "pullover": "毛衣", "dress": "连衣裙", "coat": "外套",
        "sandal": "凉鞋", "shirt": "衬衫", "sneaker": "运动鞋", "bag": "包", "ankle-boot": "短靴",
    },
}

# Fail at import, not in a user's reply, if the vocabularies in records.py ever drift from these tables.
assert set(COLOR_RGB) == set(COLORS)
assert all(set(names) == set(COLORS) for names in COLOR_NAMES.values())
assert all(set(names) == set(CATEGORIES) for names in CATEGORY_NAMES.values())
