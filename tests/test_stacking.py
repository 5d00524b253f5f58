"""Constraint stacking and the session's JSON form: pure logic, exact expectations."""
from __future__ import annotations

import json

import pytest

from assistant.fusion import SpaceQuery, fuse, rocchio, turn_weights
from assistant.semantic import split_negations
from assistant.session import Reference, SessionFormatError, SessionState
from assistant.stacking import ActiveConstraint, stack, without, without_fields
from catalog.records import Constraint

import numpy as np


def C(field, op, value):
    return Constraint(field, op, value)


def _stacked(*turns):
    active: list[ActiveConstraint] = []
    for turn, constraints in enumerate(turns, start=1):
        active = stack(active, constraints, turn)
    return [(a.constraint.field, a.constraint.op, a.constraint.value, a.turn) for a in active]


@pytest.mark.parametrize(
    "turns,expected",
    [
        # a newer choice replaces the older one
        ([[C("color", "eq", "red")], [C("color", "eq", "blue")]], [("color", "eq", "blue", 2)]),
        # exclusions accumulate
        ([[C("color", "ne", "white")], [C("color", "ne", "black")]],
         [("color", "ne", "white", 1), ("color", "ne", "black", 2)]),
        # choosing what was excluded lifts the exclusion
        ([[C("color", "ne", "red")], [C("color", "eq", "red")]], [("color", "eq", "red", 2)]),
        # a choice and a compatible exclusion stand together
        ([[C("color", "eq", "red")], [C("color", "ne", "white")]],
         [("color", "eq", "red", 1), ("color", "ne", "white", 2)]),
        # excluding the chosen value drops the choice
        ([[C("color", "eq", "red")], [C("color", "ne", "red")]], [("color", "ne", "red", 2)]),
        # an "in" narrowed by a later exclusion
        ([[C("color", "in", ("red", "blue"))], [C("color", "ne", "blue")]],
         [("color", "eq", "red", 1), ("color", "ne", "blue", 2)]),
        # price: a new upper bound replaces the old one, the lower bound stays when compatible
        ([[C("price", "ge", 50.0), C("price", "le", 300.0)], [C("price", "lt", 200.0)]],
         [("price", "ge", 50.0, 1), ("price", "lt", 200.0, 2)]),
        # price: a new bound that contradicts the other side replaces it
        ([[C("price", "lt", 100.0)], [C("price", "gt", 150.0)]], [("price", "gt", 150.0, 2)]),
        # fields do not interfere
        ([[C("category", "eq", "dress")], [C("color", "eq", "red")], [C("price", "lt", 200.0)]],
         [("category", "eq", "dress", 1), ("color", "eq", "red", 2), ("price", "lt", 200.0, 3)]),
        # repeating a constraint keeps the turn that first set it
        ([[C("color", "eq", "red")], [C("color", "eq", "red")]], [("color", "eq", "red", 1)]),
        # category set then a specific category
        ([[C("category", "in", ("pullover", "coat", "shirt"))], [C("category", "eq", "coat")]],
         [("category", "eq", "coat", 2)]),
    ],
)
def test_stacking_rules(turns, expected):
    assert _stacked(*turns) == expected


def test_removing_fields_and_single_constraints():
    active = stack([], [C("color", "eq", "red"), C("price", "lt", 200.0), C("category", "ne", "bag")], 1)
    assert [a.constraint.field for a in without_fields(active, ["color"])] == ["price", "category"]
    assert [a.constraint.field for a in without(active, C("price", "lt", 200.0))] == ["color", "category"]


def test_session_json_round_trip_is_exact():
    state = SessionState(
        catalog="demo-lite|lite:x", language="zh", turn=3,
        reference=Reference("upload", (0.1, -0.25, 0.3333333333), "fm-0001-red", "你的照片"),
        constraints=tuple(stack([], [C("color", "eq", "red"), C("category", "nin", ("bag", "sandal"))], 2)),
        semantic="for the beach", likes=("a",), dislikes=("b", "c"), last_results=("x", "y"),
    )
    assert SessionState.from_json(state.to_json(), catalog="demo-lite|lite:x") == state
    assert json.loads(state.to_json())["constraints"][1] == {"field": "category", "op": "nin",
                                                             "value": ["bag", "sandal"], "turn": 2}


@pytest.mark.parametrize(
    "edit,message",
    [
        (lambda d: d.update(format=99), "unsupported session format"),
        (lambda d: d.update(language="fr"), "language"),
        (lambda d: d.update(turn=-1), "turn"),
        (lambda d: d.update(constraints="red"), "constraints must be a list"),
        (lambda d: d["constraints"].append({"field": "color", "op": "eq", "value": "rojo"}), "unknown color"),
        (lambda d: d["constraints"].append({"field": "price", "op": "lt", "value": -5}), "non-negative"),
        (lambda d: d["constraints"].append({"field": "price", "op": "regex", "value": 5}), "invalid constraint"),
        (lambda d: d["constraints"].append({"$ne": None}), "invalid constraint"),
        (lambda d: d.update(likes=[1, 2]), "likes must be a list of product ids"),
        (lambda d: d.update(reference={"source": "upload", "vector": ["x"]}), "reference vector"),
        (lambda d: d.update(reference={"source": "disk", "vector": [1.0]}), "reference source"),
        (lambda d: d.update(semantic=7), "semantic must be text"),
    ],
)
def test_hand_edited_sessions_are_refused_with_a_reason(edit, message):
    data = SessionState(catalog="c").to_dict()
    edit(data)
    with pytest.raises(SessionFormatError, match=message):
        SessionState.from_dict(data, catalog="c")


def test_rocchio_moves_toward_likes_and_away_from_dislikes():
    query = np.array([1.0, 0.0, 0.0], dtype=np.float32)
    liked, disliked = np.array([0.0, 1.0, 0.0], np.float32), np.array([0.0, 0.0, 1.0], np.float32)
    moved = rocchio(query, [liked], [disliked])
    assert abs(np.linalg.norm(moved) - 1) < 1e-6
    assert moved @ liked > 0 > moved @ disliked and moved @ query > moved @ liked
    assert rocchio(None, [], [disliked]) is None


def test_fusion_is_a_weighted_mean_of_exact_similarities():
    candidates = {"image": np.eye(3, dtype=np.float32), "text": np.eye(3, dtype=np.float32)[::-1]}
    queries = [SpaceQuery("image", np.array([1, 0, 0], np.float32), 0.75, "reference"),
               SpaceQuery("text", np.array([1, 0, 0], np.float32), 0.25, "text")]
    fused, parts = fuse(candidates, queries)
    assert fused.tolist() == pytest.approx([0.75, 0.0, 0.25])
    assert parts["reference:image"].tolist() == [1, 0, 0] and parts["text:text"].tolist() == [0, 0, 1]


def test_turn_weights_never_let_lite_text_touch_photos():
    assert turn_weights(True, True, shared_space=False) == {("reference", "image"): 0.75, ("text", "text"): 0.25}
    assert turn_weights(False, True, shared_space=True) == {("text", "image"): 0.5, ("text", "text"): 0.5}
    assert turn_weights(True, False, shared_space=True) == {("reference", "image"): 1.0}


@pytest.mark.parametrize(
    "semantic,expected",
    [
        ("without a logo for the beach", ("for the beach", "a logo")),
        ("warm but not wool", ("warm", "wool")),
        ("不要长袖", ("", "长袖")),
        ("with a logo", ("with a logo", "")),
        ("knot", ("knot", "")),
        ("", ("", "")),
    ],
)
def test_negated_words_are_kept_apart_from_the_search_words(semantic, expected):
    assert split_negations(semantic) == expected


def test_calibration_of_a_one_category_catalog(word_lengths, open_unit_index):
    """A shop that sells only one kind of item still gets thresholds (no unrelated pairs to measure)."""
    from assistant.calibration import calibrate
    from catalog.records import Product

    index = open_unit_index(word_lengths, "one-kind")
    rng = np.random.default_rng(0)
    products = [Product(id=f"d{i}", group_id=f"d{i}", title=f"Dress {i}", category="dress", color="red",
                        price=100.0 + i, image="/x.png") for i in range(30)]
    vectors = rng.normal(size=(30, 4)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index.upsert(products, ["h"] * 30, vectors, vectors)
    thresholds = calibrate(index, word_lengths)
    assert -1.0 <= thresholds.image <= 1.0 and thresholds.identity <= 0.995
