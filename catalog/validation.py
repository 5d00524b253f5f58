"""Turns raw catalog rows into Products or rejects with a plain reason; nothing here decodes pixels."""
from __future__ import annotations

import hashlib
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalog.facets import normalise_size
from catalog.images import ImageLimits, ImageProblem, read_image_bytes
from catalog.records import Product, content_hash
from catalog.sources import RawRow, SourceRows
from catalog.vocabulary import normalise_category, normalise_color

# Attributes ingestion may infer when a row leaves them out.
INFERABLE = ("category", "color")
MAX_TEXT = 2000
_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,127}$")


@dataclass(frozen=True)
class Candidate:
    product: Product  # category/colour may still be "" when they are to be inferred
    missing: frozenset[str]  # attributes to infer
    content_hash: str
    line: int


@dataclass(frozen=True)
class Reject:
    line: int
    id: str | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "id": self.id, "reason": self.reason}


class RowInvalid(ValueError):
    pass


def validate_rows(source: SourceRows, limits: ImageLimits = ImageLimits()) -> tuple[list[Candidate], list[Reject]]:
    candidates: list[Candidate] = []
    rejects = [Reject(line, None, reason) for line, reason in source.unreadable]
    first_line_of: dict[str, int] = {}
    root = source.root.resolve()
    for row in source.rows:
        raw_id = _text(row.data.get("id"))
        try:
            candidate = _validate(row, root, limits, prices_given=source.kind != "folder")
        except RowInvalid as problem:
            rejects.append(Reject(row.line, raw_id or None, str(problem)))
            continue
        product_id = candidate.product.id
        if product_id in first_line_of:
            rejects.append(Reject(row.line, product_id, f"duplicate id (first seen on line {first_line_of[product_id]})"))
            continue
        first_line_of[product_id] = row.line
        candidates.append(candidate)
    return candidates, rejects


def _validate(row: RawRow, root: Path, limits: ImageLimits, prices_given: bool) -> Candidate:
    data = row.data
    title = _text(data.get("title") or data.get("name"))
    if not title:
        raise RowInvalid("missing title")
    image_field = _text(data.get("image") or data.get("image_path"))
    if not image_field:
        raise RowInvalid("missing image")
    image_path = _inside(root, image_field)
    try:
        image_bytes = read_image_bytes(image_path, limits)
    except ImageProblem as problem:
        raise RowInvalid(str(problem)) from None
    product_id = _text(data.get("id")) or _derived_id(title, image_field)
    if not _ID_PATTERN.match(product_id):
        raise RowInvalid(f"id {product_id[:40]!r} may only use letters, digits and . _ : - (max 128)")

    missing = set()
    category = _text(data.get("category"))
    if category:
        category_slug = normalise_category(category)
        if category_slug is None:
            raise RowInvalid(f"unknown category {category[:40]!r}")
    else:
        category_slug, _ = "", missing.add("category")
    color = _text(data.get("color") or data.get("colour"))
    if color:
        color_slug = normalise_color(color)
        if color_slug is None:
            raise RowInvalid(f"unknown colour {color[:40]!r}")
    else:
        color_slug, _ = "", missing.add("color")

    inferred = set(missing)
    if "price" in data:
        price = _price(data["price"])
    elif prices_given:
        raise RowInvalid("missing price")
    else:
        # A bare folder of photos has no prices; 0 marks "unknown" and the flag keeps it honest.
        price = 0.0
        inferred.add("price")

    product = Product(
        id=product_id,
        group_id=_text(data.get("group_id")) or product_id,
        title=title[:MAX_TEXT],
        title_zh=_text(data.get("title_zh"))[:MAX_TEXT],
        description=_text(data.get("description"))[:MAX_TEXT],
        category=category_slug,
        color=color_slug,
        price=price,
        currency=(_text(data.get("currency")) or "CNY").upper()[:8],
        brand=" ".join(_text(data.get("brand")).split())[:200],
        sizes=_sizes(data.get("sizes")),
        image=str(image_path),
        inferred=frozenset(inferred),
    )
    # The bytes are dropped here and read again at encoding time: a large catalog must not sit in memory.
    return Candidate(product, frozenset(missing), content_hash(product, image_bytes), row.line)


def _inside(root: Path, relative: str) -> Path:
    candidate = Path(relative)
    if candidate.is_absolute() or "\x00" in relative:
        raise RowInvalid(f"image path {relative[:80]!r} must be relative to the catalog folder")
    resolved = (root / candidate).resolve()
    if not resolved.is_relative_to(root):
        raise RowInvalid(f"image path {relative[:80]!r} escapes the catalog folder")
    if not resolved.is_file():
        raise RowInvalid(f"image not found: {relative[:80]}")
    return resolved


def _price(value: Any) -> float:
    if isinstance(value, bool):
        raise RowInvalid(f"price {value!r} is not a number")
    if isinstance(value, str):
        cleaned = re.sub(r"[\s,¥$€£]|CNY|RMB|USD|EUR|元", "", value, flags=re.IGNORECASE)
        try:
            value = float(cleaned)
        except ValueError:
            raise RowInvalid(f"price {value[:40]!r} is not a number") from None
    if not isinstance(value, (int, float)) or not math.isfinite(value):
        raise RowInvalid(f"price {value!r} is not a number")
    if value < 0:
        raise RowInvalid(f"price {value} is negative")
    return float(round(value, 2))


def _sizes(value: Any) -> tuple[str, ...]:
    """One spelling per size ("m" and "M " are the size M), each once, in the order the row lists them."""
    if value is None:
        return ()
    if isinstance(value, str):
        parts = re.split(r"[|,;]|/(?!s\b)", value, flags=re.IGNORECASE)  # "O/S" is one size, not O and S
    elif isinstance(value, (list, tuple)):
        parts = [str(part) for part in value]
    else:
        parts = [str(value)]
    sizes = (normalise_size(_text(part)[:40]) for part in parts)
    return tuple(dict.fromkeys(size for size in sizes if size))


def _text(value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    # Control characters in titles break terminals and JSON consumers downstream.
    return re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", text).strip()


def _derived_id(title: str, image_field: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "item"
    return f"{slug}-{hashlib.sha1(image_field.encode('utf-8')).hexdigest()[:8]}"
