"""Says a Constraint in the shopper's language, for filter chips and replies ("not white" / "不要白色")."""
from __future__ import annotations

from catalog.palette import CATEGORY_NAMES, COLOR_NAMES
from catalog.records import Constraint

CURRENCY_SIGN = "¥"  # the catalog prices in CNY

_PRICE_PHRASES = {
    "en": {"lt": "under {}", "le": "up to {}", "gt": "over {}", "ge": "{} or more", "eq": "{}", "ne": "not {}"},
    "zh": {"lt": "{}以下", "le": "不超过{}", "gt": "超过{}", "ge": "{}以上", "eq": "{}", "ne": "不要{}"},
}


def describe_constraint(c: Constraint, language: str) -> str:
    language = language if language in ("en", "zh") else "en"
    if c.field == "price" and c.op in _PRICE_PHRASES[language]:
        return _PRICE_PHRASES[language][c.op].format(_amount(c.value))
    values = c.value if c.op in ("in", "nin") else (c.value,)
    listed = _join([_value_name(c.field, v, language) for v in values], language)
    if c.op in ("eq", "in"):
        return listed
    if c.op in ("ne", "nin"):
        return f"不要{listed}" if language == "zh" else f"not {listed}"
    return f"{c.field} {c.op} {listed}"


def _value_name(field: str, value, language: str) -> str:
    if field == "color":
        return COLOR_NAMES[language].get(value, str(value))
    if field == "category":
        return CATEGORY_NAMES[language].get(value, str(value))
    if field in ("id", "group_id"):
        return f"商品{value}" if language == "zh" else f"item {value}"
    if field == "price":
        return _amount(value)
    return str(value)


def _join(names: list[str], language: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    if language == "zh":
        return "、".join(names[:-1]) + "或" + names[-1]
    return ", ".join(names[:-1]) + " or " + names[-1]


def _amount(value) -> str:
    number = float(value)
    # Same form as explain.money: ¥1,299 and ¥99.50.
    return CURRENCY_SIGN + (f"{number:,.0f}" if number.is_integer() else f"{number:,.2f}")
