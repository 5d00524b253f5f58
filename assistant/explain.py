"""Words for results: the one-line "why" of each result and the phrase naming what was searched for."""
from __future__ import annotations

from typing import Sequence

from assistant import language
from assistant.constraint_text import describe_constraint
from assistant.language import say
from catalog.records import Constraint, Product


def money(price: float, currency: str = "CNY") -> str:
    symbol = {"CNY": "¥", "USD": "$", "EUR": "€", "GBP": "£"}.get(currency, currency + " ")
    return f"{symbol}{price:,.0f}" if float(price).is_integer() else f"{symbol}{price:,.2f}"


def search_phrase(constraints: Sequence[Constraint], language: str) -> tuple[str, list[str]]:
    """("red dresses", ["under ¥200", "not white"]): the noun phrase, and the other filters in words."""
    color = next((c.value for c in constraints if c.field == "color" and c.op == "eq"), None)
    category = next((c.value for c in constraints if c.field == "category" and c.op == "eq"), None)
    noun = _noun(color, category, language)
    rest = [
        describe_constraint(c, language)
        for c in constraints
        if not (c.op == "eq" and ((c.field == "color" and c.value == color) or (c.field == "category" and c.value == category)))
        and c.field != "id"
    ]
    return noun, rest


def _noun(color: str | None, category: str | None, language_code: str) -> str:
    pack = language.pack(language_code)
    color_word = language.color_name(color, language_code) if color else ""
    category_word = language.category_plural(category, language_code) if category else ""
    if color and category:
        return pack.what_color_category.format(color=color_word, category=category_word)
    if color:
        return pack.what_color.format(color=color_word)
    if category:
        return pack.what_category.format(category=category_word)
    return pack.what_any


def filters_suffix(filters: Sequence[str], language_code: str) -> str:
    """" — under ¥200 · not white" / "（¥200以下，不要白色）": how a found-reply lists the other filters."""
    if not filters:
        return ""
    pack = language.pack(language_code)
    return pack.filters_open + pack.filters_separator.join(filters) + pack.filters_close


def nothing_phrase(what: str, filters: Sequence[str], language_code: str) -> str:
    """"red sandals under ¥50, not white" / "¥50以下、不要白色的红色凉鞋": what a no-results reply names."""
    if not filters:
        return what
    pack = language.pack(language_code)
    return pack.nothing_with_filters.format(what=what, filters=pack.nothing_separator.join(filters))


def why_line(
    product: Product,
    parts: dict[str, float],
    constraints: Sequence[Constraint],
    language: str,
    *,
    reference_label: str | None,
    reference_is_photo: bool,
    same_item: bool,
    text: str,
    liked: bool,
) -> str:
    pieces = []
    if "reference:image" in parts:
        score = f"{parts['reference:image']:.2f}"
        pieces.append(say("why_photo" if reference_is_photo else "why_product", language, score=score))
    if same_item:
        pieces.append(say("why_same_item", language))
    text_parts = [value for key, value in parts.items() if key.startswith("text:")]
    if text and text_parts:
        shown = text if len(text) <= 24 else text[:23] + "…"
        pieces.append(say("why_text", language, text=shown, score=f"{max(text_parts):.2f}"))
    for constraint in constraints:
        if constraint.field in ("color", "category") and constraint.op in ("eq", "in"):
            label = describe_constraint(Constraint(constraint.field, "eq", getattr(product, constraint.field)), language)
            pieces.append(f"{label} ✓")
    price_text = money(product.price, product.currency)
    bounds = [c for c in constraints if c.field == "price"]
    if bounds:
        comparisons = {"lt": "<", "le": "≤", "gt": ">", "ge": "≥", "eq": "=", "ne": "≠"}
        pieces.extend(
            f"{price_text} {comparisons[c.op]} {money(c.value, product.currency)}"
            for c in bounds if c.op in comparisons
        )
    else:
        pieces.append(price_text)
    if liked:
        pieces.append(say("why_liked", language))
    return " · ".join(pieces)
