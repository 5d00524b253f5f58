"""Says a Constraint in the shopper's language, for filter chips and replies ("not white" / "不要白色")."""
from __future__ import annotations

from assistant import language
from catalog.records import Constraint

CURRENCY_SIGN = "¥"  # the catalog prices in CNY


def describe_constraint(c: Constraint, language_code: str) -> str:
    pack = language.pack(language_code)
    phrases = pack.price_phrases or language.pack(language.DEFAULT_LANGUAGE).price_phrases
    if c.field == "price" and c.op in phrases:
        return phrases[c.op].format(_amount(c.value))
    values = c.value if c.op in ("in", "nin") else (c.value,)
    listed = language.join([_value_name(c.field, v, language_code) for v in values], language_code)
    if c.op in ("eq", "in"):
        return listed
    if c.op in ("ne", "nin"):
        return pack.negated.format(listed)
    return f"{c.field} {c.op} {listed}"


def _value_name(field: str, value, language_code: str) -> str:
    if field == "color":
        return language.color_name(str(value), language_code)
    if field == "category":
        return language.category_name(str(value), language_code)
    if field in ("id", "group_id"):
        return language.pack(language_code).item_label.format(value)
    if field == "size":
        return language.say("size_value", language_code, size=value)
    if field == "price":
        return _amount(value)
    return str(value)


def _amount(value) -> str:
    number = float(value)
    # Same form as explain.money: ¥1,299 and ¥99.50.
    return CURRENCY_SIGN + (f"{number:,.0f}" if number.is_integer() else f"{number:,.2f}")
