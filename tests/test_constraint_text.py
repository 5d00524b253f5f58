"""describe_constraint: every kind of constraint said in English and in Chinese, exactly."""
from __future__ import annotations

import pytest

from assistant.constraint_text import describe_constraint
from assistant.understanding import parse_turn
from catalog.records import CATEGORIES, COLORS, Constraint

ROWS = [
    (Constraint("color", "eq", "red"), "red", "红色"),
    (Constraint("color", "eq", "navy"), "navy", "藏青色"),
    (Constraint("color", "ne", "white"), "not white", "不要白色"),
    (Constraint("color", "in", ("red", "blue")), "red or blue", "红色或蓝色"),
    (Constraint("color", "in", ("black", "white", "grey")), "black, white or grey", "黑色、白色或灰色"),
    (Constraint("color", "nin", ("black", "white")), "not black or white", "不要黑色或白色"),
    (Constraint("category", "eq", "sneaker"), "sneakers", "运动鞋"),
    (Constraint("category", "eq", "t-shirt"), "T-shirt", "T恤"),
    (Constraint("category", "eq", "ankle-boot"), "ankle boots", "短靴"),
    (Constraint("category", "ne", "dress"), "not dress", "不要连衣裙"),
    (Constraint("category", "in", ("pullover", "shirt", "coat")), "pullover, shirt or coat", "毛衣、衬衫或外套"),
    (Constraint("category", "nin", ("sandal", "sneaker", "ankle-boot")), "not sandals, sneakers or ankle boots",
     "不要凉鞋、运动鞋或短靴"),
    (Constraint("price", "lt", 200), "under ¥200", "¥200以下"),
    (Constraint("price", "lt", 200.0), "under ¥200", "¥200以下"),
    (Constraint("price", "le", 150.0), "up to ¥150", "不超过¥150"),
    (Constraint("price", "gt", 100.0), "over ¥100", "超过¥100"),
    (Constraint("price", "ge", 50), "¥50 or more", "¥50以上"),
    (Constraint("price", "ge", 1039.2), "¥1,039.20 or more", "¥1,039.20以上"),
    (Constraint("price", "lt", 1299.0), "under ¥1,299", "¥1,299以下"),
    (Constraint("brand", "eq", "Acme"), "Acme", "Acme"),
    (Constraint("brand", "ne", "Harbor & Pine"), "not Harbor & Pine", "不要Harbor & Pine"),
    (Constraint("brand", "in", ("Acme", "Bolt")), "Acme or Bolt", "Acme或Bolt"),
    (Constraint("size", "eq", "M"), "size M", "M码"),
    (Constraint("size", "in", ("38", "39")), "size 38 or size 39", "38码或39码"),
    (Constraint("id", "nin", ("p1", "p2")), "not item p1 or item p2", "不要商品p1或商品p2"),
]


@pytest.mark.parametrize(("constraint", "english", "chinese"), ROWS, ids=[str(r[0].to_dict()) for r in ROWS])
def test_describe_constraint(constraint, english, chinese):
    assert describe_constraint(constraint, "en") == english
    assert describe_constraint(constraint, "zh") == chinese


def test_an_unknown_language_falls_back_to_english():
    assert describe_constraint(Constraint("color", "ne", "white"), "fr") == "not white"


@pytest.mark.parametrize(("field", "slug"), [("color", s) for s in COLORS] + [("category", s) for s in CATEGORIES])
def test_every_slug_has_a_name_in_both_languages(field, slug):
    assert describe_constraint(Constraint(field, "eq", slug), "en").strip()
    assert describe_constraint(Constraint(field, "eq", slug), "zh") not in ("", slug)


@pytest.mark.parametrize("text", ["不要白色的运动鞋，200以内", "red or blue dress between 30 and 60, not long sleeves",
                                  "100左右的长袖"])
def test_whatever_the_parser_produces_can_be_said(text):
    for constraint in parse_turn(text).add:
        for language in ("en", "zh"):
            assert describe_constraint(constraint, language).strip()
