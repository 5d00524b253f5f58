"""Responding alone: a ranked list and the session in, the words a shopper reads out — no store, no model."""
from __future__ import annotations

import pytest

from assistant.rank import Ranked
from assistant.reply import QuickReply
from assistant.respond import Words, explained, found, nothing_passes
from assistant.retrieve import Relaxation
from assistant.session import Reference, SessionState
from assistant.stacking import ActiveConstraint
from catalog.records import Constraint, Product

PHOTO = Reference("upload", (1.0, 0.0), "dress-a-red", "your photo", color="red")
PICK = Reference("product", (1.0, 0.0), "dress-a-red", "Red Wrap dress")
RED, DRESS = Constraint("color", "eq", "red"), Constraint("category", "eq", "dress")
UNDER_150 = Constraint("price", "lt", 150.0)


def _state(*constraints: Constraint, language: str = "en", **fields) -> SessionState:
    return SessionState(catalog="c", language=language, constraints=tuple(ActiveConstraint(c, 1) for c in constraints),
                        **fields)


def _product(product_id: str, category: str = "dress", color: str = "red", price: float = 100.0) -> Product:
    return Product(id=product_id, group_id=product_id.rsplit("-", 1)[0], title=product_id, category=category,
                   color=color, price=price, image="/x.png")


def test_each_result_says_why_it_is_there():
    ranked = [Ranked("dress-a-blue", 0.83, {"reference:image": 0.912}, True),
              Ranked("dress-b-red", 0.80, {"reference:image": 0.887, "preference:attributes": 0.5}, False)]
    products = [_product("dress-a-blue", color="blue", price=120.0), _product("dress-b-red", price=80.0)]
    results = explained(ranked, products, _state(UNDER_150, reference=PHOTO), [UNDER_150])
    assert [(r.rank, r.hit.product.id, r.hit.score) for r in results] == [(1, "dress-a-blue", 0.83),
                                                                          (2, "dress-b-red", 0.80)]
    assert results[0].why == "like your photo 0.91 · same item, other colour · ¥120 < ¥150"
    assert results[1].why == "like your photo 0.89 · ¥80 < ¥150 · like ones you liked"


def test_the_product_pointed_at_is_not_called_another_colourway_of_itself():
    ranked = [Ranked("dress-a-red", 0.99, {"reference:image": 1.0}, True)]
    (result,) = explained(ranked, [_product("dress-a-red")], _state(reference=PHOTO), [])
    assert result.why == "like your photo 1.00 · ¥100"


def test_why_lines_name_the_shoppers_words_and_tick_the_colour_asked_for():
    ranked = [Ranked("dress-b-red", 0.7, {"text:text": 0.7}, False)]
    state = _state(RED, semantic="for a summer wedding by the sea")
    (result,) = explained(ranked, [_product("dress-b-red")], state, [RED])
    assert result.why == "matches “for a summer wedding by…” 0.70 · red ✓ · ¥100"


@pytest.mark.parametrize("fields,constraints,weak,expected", [
    (dict(reference=PHOTO), [RED, DRESS], False, "Here are red dresses like your photo."),
    (dict(reference=PICK), [UNDER_150], False, "Here are products like “Red Wrap dress” — under ¥150."),
    (dict(likes=("dress-a-red",)), [], False, "Here are more products like the ones you liked."),
    (dict(semantic="for the beach"), [DRESS], False, "Here are dresses matching “for the beach”."),
    (dict(), [RED, DRESS], False, "Here are red dresses."),
    (dict(reference=PHOTO), [UNDER_150], True,
     "Nothing here is a close match — under ¥150; these are the nearest I have."),
])
def test_the_reply_says_what_was_searched_for(fields, constraints, weak, expected):
    results = explained([Ranked("dress-a-red", 0.9, {}, False)], [_product("dress-a-red")],
                        _state(*constraints, **fields), constraints)
    assert found(_state(*constraints, **fields), constraints, results, weak) == Words(expected)


def test_chinese_shoppers_read_chinese():
    state = _state(RED, DRESS, language="zh", reference=PHOTO)
    assert found(state, [RED, DRESS], (), False).text == "为你找到和照片相似的红色连衣裙。"


def _spread(categories: list[str], state: SessionState):
    products = [_product(f"{c}-{n}", category=c) for n, c in enumerate(categories)]
    return explained([Ranked(p.id, 0.5, {}, False) for p in products], products, state, state.active)


def test_results_spread_over_many_kinds_ask_which_kind_is_meant():
    state = _state(RED)
    words = found(state, [RED], _spread(["dress", "bag", "coat", "dress", "shirt"], state), False)
    assert words.question == "Which kind of item do you mean?"
    assert words.text == "Here are red items. Which kind of item do you mean?"
    assert words.quick_replies == (QuickReply("dress", "dress"), QuickReply("bag", "bag"), QuickReply("coat", "coat"),
                                   QuickReply("shirt", "shirt"))


@pytest.mark.parametrize("categories,state", [
    (["dress", "dress", "dress", "bag", "coat"], _state(RED)),  # one kind holds half or more
    (["dress", "bag", "coat"], _state(RED)),  # too few to judge
    (["dress", "bag", "coat", "shirt"], _state(RED, reference=PHOTO)),  # a photo already says which kind
    (["dress", "bag", "coat", "shirt"], _state(Constraint("category", "in", ("dress", "bag")))),  # kinds were named
])
def test_no_question_when_the_kind_is_plain(categories, state):
    assert found(state, state.active, _spread(categories, state), False).question is None


def test_nothing_passing_offers_the_nearest_price_that_has_products():
    sandal = Constraint("category", "eq", "sandal")
    cheapest = _product("sandal-a-red", category="sandal", price=50.0)
    words = nothing_passes([RED, sandal, Constraint("price", "lt", 30.0)], "en", Relaxation(edge=cheapest, upper=True))
    assert words.text == "No red sandals under ¥30 — the cheapest is ¥50. Show those?"
    assert words.question == words.text
    assert words.quick_replies == (QuickReply("Show those", "max 50"),)
    dearest = nothing_passes([sandal, Constraint("price", "gt", 900.0)], "zh", Relaxation(edge=cheapest, upper=False))
    assert dearest.quick_replies == (QuickReply("看看这些", "50元以上"),)


def test_nothing_passing_offers_to_drop_a_filter_or_says_to_remove_one():
    green, sandal = Constraint("color", "eq", "green"), Constraint("category", "eq", "sandal")
    words = nothing_passes([green, sandal], "en", Relaxation(dropped=green, count=2))
    assert words.text == "No green sandals — without “green” there are 2. Show those?"
    assert words.quick_replies == (QuickReply("Show those", "any colour"),)
    stuck = nothing_passes([green, sandal], "en", None)
    assert stuck == Words("No green sandals. Try removing a filter.")
