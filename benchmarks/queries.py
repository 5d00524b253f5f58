"""Ground-truth queries generated from the catalog's true attributes: composed edits and text attribute searches."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from catalog.palette import CATEGORY_NAMES, COLOR_NAMES
from catalog.records import CATEGORIES, COLORS, Constraint, Product

# "like this but in red": the photo says what, the words say which colourway.
COMPOSED_TEMPLATES: dict[str, tuple[str, ...]] = {
    "en": (
        "like this but in {c}", "same but {c}", "in {c}", "do you have this in {c}?", "this one in {c}",
        "show me this in {c}", "can I get it in {c}?", "{c} please", "the same in {c}", "I want it in {c}",
        "same style, {c}", "any in {c}?", "this but {c}", "similar but in {c}", "the {c} version of this",
        "got this in {c}?", "same thing in {c} please", "is there a {c} one?",
    ),
    "zh": (
        "这个有{c}的吗", "要{c}的", "换成{c}", "有没有{c}的", "同款{c}", "我想要{c}的", "这款{c}的有吗",
        "来个{c}的", "{c}的", "一样的但是{c}", "这个的{c}款", "帮我找{c}的这个", "换个{c}的", "有{c}吗",
        "要这个{c}的", "这个{c}的有没有", "同款有{c}的吗", "这件要{c}",
    ),
}

# Other words shoppers use for the same colour (all mapped by the vocabulary); used a quarter of the time.
COLOR_ALIASES = {
    "en": {"grey": ("gray",), "navy": ("navy blue", "dark blue"), "beige": ("cream",), "brown": ("tan",)},
    "zh": {"navy": ("深蓝色",), "grey": ("灰",), "red": ("红",), "black": ("黑",), "white": ("白",)},
}
CATEGORY_ALIASES = {
    "en": {"pullover": ("sweater", "jumper"), "coat": ("jacket",), "sneaker": ("trainers", "sneaker"),
           "bag": ("handbag",), "t-shirt": ("tee", "t-shirt"), "trousers": ("pants",), "dress": ("dresses",)},
    "zh": {"trousers": ("长裤",), "coat": ("大衣",), "ankle-boot": ("靴子",), "pullover": ("针织衫",)},
}

# Text-only searches. Each template names which constraints it states; {c}/{c2} colours, {k} a category,
# {p}/{p2} prices. The truth is judged on the products' real attributes, never on what the parser read.
ATTRIBUTE_TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("{c} {k}", "color,category"),
        ("{c} {k} under {p}", "color,category,below"),
        ("{k} but not {c}", "not_color,category"),
        ("{k} under {p}", "category,below"),
        ("{k} over {p}", "category,above"),
        ("{c} or {c2} {k}", "colors,category"),
        ("{k} between {p} and {p2}", "category,between"),
        ("{k}, no {c}", "not_color,category"),
        ("show me {c} {k}", "color,category"),
        ("{c} {k} for less than {p}", "color,category,below"),
        ("{k} in {c} under {p}", "color,category,below"),
        ("any {k} that isn't {c}?", "not_color,category"),
        ("{c} {k} above {p}", "color,category,above"),
    ),
    "zh": (
        ("{c}{k}", "color,category"),
        ("{p}元以下的{c}{k}", "color,category,below"),
        ("{k}不要{c}的", "not_color,category"),
        ("{p}以内的{k}", "category,below"),
        ("{p}元以上的{k}", "category,above"),
        ("{c}或{c2}的{k}", "colors,category"),
        ("{p}到{p2}元的{k}", "category,between"),
        ("我想要{c}的{k}", "color,category"),
        ("有没有{c}的{k}", "color,category"),
        ("{c}的{k}，{p}以内", "color,category,below"),
        ("除了{c}以外的{k}", "not_color,category"),
        ("{c}{k}{p}元以上", "color,category,above"),
    ),
}


@dataclass(frozen=True)
class AttributeQuery:
    text: str
    language: str
    truth: tuple[Constraint, ...]
    template: str

    def satisfied_by(self, product: Product) -> bool:
        return all(c.holds_for(product) for c in self.truth)


def color_word(color: str, language: str, rng: np.random.Generator) -> str:
    aliases = COLOR_ALIASES[language].get(color, ())
    if aliases and rng.random() < 0.25:
        return str(rng.choice(aliases))
    return COLOR_NAMES[language][color]


def category_word(category: str, language: str, rng: np.random.Generator) -> str:
    aliases = CATEGORY_ALIASES[language].get(category, ())
    if aliases and rng.random() < 0.3:
        return str(rng.choice(aliases))
    return CATEGORY_NAMES[language][category]


def composed_text(color: str, language: str, rng: np.random.Generator) -> tuple[str, str]:
    """(the modification text, its template) asking for the colourway in `color`."""
    template = str(rng.choice(COMPOSED_TEMPLATES[language]))
    return template.format(c=color_word(color, language, rng)), template


def attribute_queries(products: Sequence[Product], count: int, rng: np.random.Generator) -> list[AttributeQuery]:
    """`count` text searches split over both languages, each with at least one product meeting it."""
    queries: list[AttributeQuery] = []
    languages = ("en", "zh")
    attempts = 0
    while len(queries) < count and attempts < count * 50:
        attempts += 1
        language = languages[len(queries) % 2]
        template, stated = ATTRIBUTE_TEMPLATES[language][rng.integers(len(ATTRIBUTE_TEMPLATES[language]))]
        query = _fill(template, stated.split(","), language, products, rng)
        if query is not None and any(query.satisfied_by(p) for p in products):
            queries.append(query)
    return queries


def _fill(template: str, stated: list[str], language: str, products: Sequence[Product],
          rng: np.random.Generator) -> AttributeQuery | None:
    category = CATEGORIES[rng.integers(len(CATEGORIES))]
    c, c2 = (COLORS[i] for i in rng.choice(len(COLORS), size=2, replace=False))
    prices = np.array([p.price for p in products if p.category == category])
    if len(prices) == 0:
        return None
    # Round budgets a shopper would type, inside the category's real price spread.
    low, high = sorted(_round_price(float(np.percentile(prices, q))) for q in rng.uniform(15, 85, size=2))
    if high <= low:
        high = low + 100
    truth = [Constraint("category", "eq", category)]
    if "color" in stated:
        truth.append(Constraint("color", "eq", c))
    if "not_color" in stated:
        truth.append(Constraint("color", "ne", c))
    if "colors" in stated:
        truth.append(Constraint("color", "in", (c, c2)))
    if "below" in stated:
        truth.append(Constraint("price", "le", float(low)))
    if "above" in stated:
        truth.append(Constraint("price", "ge", float(low)))
    if "between" in stated:
        truth += [Constraint("price", "ge", float(low)), Constraint("price", "le", float(high))]
    text = template.format(c=color_word(c, language, rng), c2=COLOR_NAMES[language][c2],
                           k=category_word(category, language, rng), p=low, p2=high)
    return AttributeQuery(text, language, tuple(truth), template)


def _round_price(value: float) -> int:
    return int(max(50, round(value / 50) * 50))
