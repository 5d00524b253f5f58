"""Maps the category and colour words catalog files use onto our fixed slugs (every language pack's words)."""
from __future__ import annotations

import re
from functools import cache

from assistant import language
from catalog.records import CATEGORIES, COLORS


def normalise_category(word: str) -> str | None:
    return _tables(language.version())[0].get(_key(word))


def normalise_color(word: str) -> str | None:
    return _tables(language.version())[1].get(_key(word))


def _key(word: str) -> str:
    return re.sub(r"[\s_]+", " ", word.strip().lower())


@cache
def _tables(_version: int) -> tuple[dict[str, str], dict[str, str]]:
    """Exact words only: a catalog's labels are data, so a typo there is rejected rather than guessed at."""
    categories = {slug: slug for slug in CATEGORIES}
    colors = {slug: slug for slug in COLORS}
    for pack in language.packs():
        for table, sources in ((categories, (pack.categories, pack.catalog_categories)),
                               (colors, (pack.colors, pack.catalog_colors))):
            for source in sources:
                for slug, words in source.items():
                    for word in words:
                        table.setdefault(_key(word), slug)
    return categories, colors
