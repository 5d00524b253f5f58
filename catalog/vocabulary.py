"""Maps the category and colour words catalog files use onto our fixed slugs."""
from __future__ import annotations

import re

from catalog.records import CATEGORIES, COLORS

_CATEGORY_ALIASES = {
    "t-shirt": ["t-shirt", "tshirt", "t shirt", "tee", "tees", "t-shirt/top", "top", "tops", "t恤", "短袖"],
    "trousers": ["trousers", "trouser", "pants", "jeans", "slacks", "chinos", "裤子", "长裤", "牛仔裤"],
    "pullover": ["pullover", "pullovers", "sweater", "sweaters", "jumper", "hoodie", "sweatshirt", "毛衣", "卫衣",
                 "针织衫"],
    "dress": ["dress", "dresses", "gown", "连衣裙", "裙子"],
    "coat": ["coat", "coats", "jacket", "jackets", "parka", "外套", "大衣", "夹克"],
    "sandal": ["sandal", "sandals", "flip-flops", "凉鞋"],
    "shirt": ["shirt", "shirts", "blouse", "blouses", "button-down", "衬衫", "衬衣"],
    "sneaker": ["sneaker", "sneakers", "trainer", "trainers", "running shoes", "运动鞋", "球鞋"],
    "bag": ["bag", "bags", "handbag", "purse", "tote", "包", "手提包", "包包"],
    "ankle-boot": ["ankle-boot", "ankle boot", "ankle boots", "ankle-boots", "boot", "boots", "booties", "靴子",
                   "短靴"],
}
_COLOR_ALIASES = {
    "black": ["black", "黑", "黑色"],
    "white": ["white", "ivory", "白", "白色"],
    "grey": ["grey", "gray", "charcoal", "silver", "灰", "灰色"],
    "red": ["red", "crimson", "scarlet", "burgundy", "maroon", "红", "红色", "大红", "酒红"],
    "pink": ["pink", "rose", "粉", "粉色", "粉红", "粉红色"],
    "orange": ["orange", "橙", "橙色", "橘色"],
    "yellow": ["yellow", "mustard", "黄", "黄色"],
    "green": ["green", "olive", "khaki green", "绿", "绿色"],
    "blue": ["blue", "light blue", "sky blue", "蓝", "蓝色"],
    "navy": ["navy", "navy blue", "dark blue", "藏青", "藏青色", "海军蓝", "深蓝", "深蓝色"],
    "purple": ["purple", "violet", "lilac", "紫", "紫色"],
    "brown": ["brown", "chocolate", "tan", "camel", "棕", "棕色", "咖啡色", "褐色"],
    "beige": ["beige", "cream", "off-white", "khaki", "sand", "米色", "卡其色", "驼色"],
}


def _index(aliases: dict[str, list[str]], slugs: tuple[str, ...]) -> dict[str, str]:
    table = {slug: slug for slug in slugs}
    for slug, words in aliases.items():
        for word in words:
            table[_key(word)] = slug
    return table


def _key(word: str) -> str:
    return re.sub(r"[\s_]+", " ", word.strip().lower())


_CATEGORY_TABLE = _index(_CATEGORY_ALIASES, CATEGORIES)
_COLOR_TABLE = _index(_COLOR_ALIASES, COLORS)


def normalise_category(word: str) -> str | None:
    return _CATEGORY_TABLE.get(_key(word))


def normalise_color(word: str) -> str | None:
    return _COLOR_TABLE.get(_key(word))
