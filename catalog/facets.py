"""What a catalog offers to filter and look up by (brands, sizes, ids, titles), read from the products it serves."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Mapping

from catalog.records import Product

ONE_SIZE = "one size"
# How catalog files write "one size"; any other spelling of a size is kept as the catalog gives it.
_ONE_SIZE_SPELLINGS = frozenset({"one size", "onesize", "one-size", "os", "o/s", "free size", "one size fits all",
                                 "osfa", "no size", "n/a size"})
_LETTER_SIZE = re.compile(r"[0-9]?x{0,4}[sl]|m", re.IGNORECASE)
_LETTER_ORDER = {"xxxxs": -4, "xxxs": -3, "xxs": -2, "xs": -1, "s": 0, "m": 1, "l": 2, "xl": 3, "xxl": 4, "xxxl": 5,
                 "xxxxl": 6}
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_WORD = re.compile(r"[^\W\d_]+")


def normalise_size(raw: str) -> str:
    """One spelling per size, so "m", " M " and "M" are one filter value: letter sizes upper case, "38.0" → "38",
    every "one size" spelling → "one size"; anything else trimmed, inner whitespace collapsed."""
    size = " ".join(str(raw).split())
    if not size:
        return ""
    if size.lower() in _ONE_SIZE_SPELLINGS:
        return ONE_SIZE
    if _LETTER_SIZE.fullmatch(size):
        return size.upper()
    if _NUMBER.fullmatch(size):
        return f"{float(size):g}"
    return size


def size_order(size: str) -> tuple[int, float, str]:
    """Letter sizes from XS up, then numbers ascending, then anything else alphabetically."""
    letters = size.lower()
    expanded = re.sub(r"^([2-5])x", lambda m: "x" * int(m.group(1)), letters)
    if expanded in _LETTER_ORDER:
        return 0, float(_LETTER_ORDER[expanded]), size
    if _NUMBER.fullmatch(size):
        return 1, float(size), size
    return 2, 0.0, letters


def looks_like_letter_size(text: str) -> bool:
    return bool(_LETTER_SIZE.fullmatch(text))


@dataclass(frozen=True, eq=False)
class CatalogFacets:
    """Read once per catalog; `eq=False` keeps it hashable by identity, so readers can cache what they derive."""

    brands: tuple[str, ...]                  # as the catalog spells them, most products first
    sizes: tuple[str, ...]                   # every stocked size, in size order
    ids: tuple[str, ...]                     # every product id
    groups: Mapping[str, tuple[str, ...]]    # group id → its products' ids
    titles: Mapping[str, tuple[str, ...]]    # a title, in any language → the ids of the products it names
    words: frozenset[str]                    # the words of titles and descriptions, lower case

    @classmethod
    def from_products(cls, products: Iterable[Product]) -> "CatalogFacets":
        brand_counts: Counter[str] = Counter()
        sizes: set[str] = set()
        ids: list[str] = []
        groups: dict[str, list[str]] = {}
        titles: dict[str, list[str]] = {}
        words: set[str] = set()
        for product in products:
            ids.append(product.id)
            groups.setdefault(product.group_id, []).append(product.id)
            if product.brand.strip():
                brand_counts[" ".join(product.brand.split())] += 1
            sizes.update(normalise_size(s) for s in product.sizes if str(s).strip())
            for title in dict.fromkeys((product.title, product.title_zh)):
                if title.strip():
                    titles.setdefault(title.strip(), []).append(product.id)
            words.update(w.lower() for w in _WORD.findall(f"{product.title} {product.description}"))
        return cls(
            brands=tuple(brand for brand, _ in sorted(brand_counts.items(), key=lambda item: (-item[1], item[0]))),
            sizes=tuple(sorted(sizes, key=size_order)),
            ids=tuple(ids),
            groups={group: tuple(members) for group, members in groups.items()},
            titles={title: tuple(members) for title, members in titles.items()},
            words=frozenset(words),
        )

    @classmethod
    def empty(cls) -> "CatalogFacets":
        return cls((), (), (), {}, {}, frozenset())
