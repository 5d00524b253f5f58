"""Ranking alone: candidates and their vectors in, the ranked list out — no store, no model."""
from __future__ import annotations

import math

import numpy as np
import pytest

from assistant.calibration import Thresholds
from assistant.fusion import PREFERENCE_WEIGHT, SpaceQuery
from assistant.rank import COLOUR_TIE, Preferences, Ranked, match_threshold, no_good_match, photo_colour, rank
from assistant.retrieve import Candidates
from assistant.session import Reference, SessionState
from catalog.records import Constraint, Product

PHOTO = SpaceQuery("image", np.array([1.0, 0.0], np.float32), 1.0, "reference")


def _scoring(score: float) -> list[float]:
    """A unit 2-d vector whose cosine with PHOTO is `score`."""
    return [score, math.sqrt(1.0 - score * score)]


def _product(product_id: str, color: str = "red", category: str = "dress", group: str | None = None) -> Product:
    return Product(id=product_id, group_id=group or product_id, title=product_id, category=category, color=color,
                   price=100.0, image="/x.png")


def _candidates(scores: dict[str, float], same_item: tuple[str, ...] = (), products: tuple[Product, ...] = (),
                text: dict[str, list[float]] | None = None) -> Candidates:
    ids = tuple(scores)
    vectors = {"image": np.array([_scoring(scores[i]) for i in ids], np.float32)}
    if text is not None:
        vectors["text"] = np.array([text[i] for i in ids], np.float32)
    return Candidates(ids, vectors, np.array([i in same_item for i in ids], bool), {p.id: p for p in products})


def test_candidates_are_ordered_by_the_weighted_mean_of_their_similarities():
    candidates = _candidates({"a": 1.0, "b": 0.6, "c": 0.0},
                             text={"a": [0.0, 1.0], "b": [1.0, 0.0], "c": [1.0, 0.0]})
    queries = [SpaceQuery("image", np.array([1.0, 0.0], np.float32), 0.75, "reference"),
               SpaceQuery("text", np.array([1.0, 0.0], np.float32), 0.25, "text")]
    ranked = rank(candidates, queries, k=10)
    assert [r.id for r in ranked] == ["a", "b", "c"]
    assert [r.score for r in ranked] == pytest.approx([0.75, 0.70, 0.25])
    assert ranked[1].parts == pytest.approx({"reference:image": 0.6, "text:text": 1.0})
    assert [r.id for r in rank(candidates, queries, k=2)] == ["a", "b"]


def test_the_same_item_in_another_colourway_comes_first_even_when_it_scores_lower():
    ranked = rank(_candidates({"a": 0.9, "b": 0.8, "c": 0.3, "d": 0.2}, same_item=("c", "d")), [PHOTO], k=10)
    assert [(r.id, r.same_item) for r in ranked] == [("c", True), ("d", True), ("a", False), ("b", False)]


@pytest.mark.parametrize("behind,leads", [(COLOUR_TIE - 0.01, "red"), (COLOUR_TIE + 0.01, "black")])
def test_the_photos_colour_breaks_only_near_ties_among_its_items_colourways(behind, leads):
    products = (_product("black", "black", group="item"), _product("red", "red", group="item"))
    candidates = _candidates({"other": 0.95, "black": 0.9, "red": 0.9 - behind}, same_item=("black", "red"),
                             products=products)
    ranked = rank(candidates, [PHOTO], k=10, photo_colour="red")
    assert ranked[0].id == leads
    assert ranked[2].id == "other"
    # Without a colour read from the photo, the score alone decides within the item.
    assert [r.id for r in rank(candidates, [PHOTO], k=10)] == ["black", "red", "other"]


def test_liked_colours_and_kinds_lift_matching_candidates_by_a_fixed_blend():
    products = (_product("red-dress", "red", "dress"), _product("red-bag", "red", "bag"),
                _product("blue-bag", "blue", "bag"))
    candidates = _candidates({"blue-bag": 0.5, "red-bag": 0.5, "red-dress": 0.5}, products=products)
    preferences = Preferences.of([_product("liked", "red", "dress")], [_product("disliked", "blue", "bag")])
    ranked = rank(candidates, [PHOTO], k=10, preferences=preferences)

    def blended(affinity: float) -> float:
        return (0.5 * 1.0 + PREFERENCE_WEIGHT * affinity) / (1.0 + PREFERENCE_WEIGHT)

    # red dress: colour and kind liked (1.0); red bag: colour liked, kind disliked (0.5 - 0.25); blue bag: both
    # disliked (clipped to 0).
    assert [(r.id, r.parts["preference:attributes"]) for r in ranked] == [
        ("red-dress", 1.0), ("red-bag", 0.25), ("blue-bag", 0.0)]
    assert [r.score for r in ranked] == pytest.approx([blended(1.0), blended(0.25), blended(0.0)])


def test_the_photos_colour_counts_only_for_an_upload_and_only_when_the_shopper_names_no_colour():
    upload = SessionState(catalog="c", reference=Reference("upload", (1.0, 0.0), "p1", "your photo", color="red"))
    product = SessionState(catalog="c", reference=Reference("product", (1.0, 0.0), "p1", "Red dress", color="red"))
    assert photo_colour(upload, []) == "red"
    assert photo_colour(upload, [Constraint("price", "lt", 100.0)]) == "red"
    assert photo_colour(upload, [Constraint("color", "ne", "white")]) is None
    assert photo_colour(product, []) is None
    assert photo_colour(SessionState(catalog="c"), []) is None


def test_a_weak_best_result_is_no_good_match_unless_it_is_the_item_pointed_at():
    thresholds = Thresholds(image=0.6, identity=0.9, text_lift=0.1)
    queries = [SpaceQuery("image", np.array([1.0, 0.0], np.float32), 0.75, "reference"),
               SpaceQuery("text", np.array([1.0, 0.0], np.float32), 0.25, "text")]
    # No text sample to lift from: the text query's baseline is 0, the photo's the image threshold.
    threshold = match_threshold(queries, thresholds)
    assert threshold == pytest.approx(0.75 * 0.6)
    assert no_good_match([Ranked("a", 0.44, {}, False), Ranked("b", 0.30, {}, False)], threshold)
    assert not no_good_match([Ranked("a", 0.46, {}, False)], threshold)
    assert not no_good_match([Ranked("a", 0.44, {}, False), Ranked("b", 0.10, {}, True)], threshold)
