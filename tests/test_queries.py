"""A turn's query vectors, from the reference, the shopper's words and what they liked, with the fake encoder."""
from __future__ import annotations

import numpy as np
import pytest

from assistant.fusion import PREFERENCE_WEIGHT, rocchio
from assistant.queries import constraint_query, turn_queries
from assistant.retrieve import TurnReads
from assistant.session import Reference, SessionState
from assistant.stacking import ActiveConstraint
from catalog.records import Constraint


def _state(*constraints: Constraint, **fields) -> SessionState:
    return SessionState(catalog="c", constraints=tuple(ActiveConstraint(c, 1) for c in constraints), **fields)


def _summary(queries):
    return [(q.role, q.space, q.weight) for q in queries.queries]


def test_filters_alone_are_ranked_by_how_well_products_read_as_them():
    assert constraint_query([Constraint("color", "eq", "red"), Constraint("category", "eq", "dress"),
                             Constraint("price", "lt", 100.0)]) == "red dress"
    assert constraint_query([Constraint("color", "in", ("red", "navy")), Constraint("color", "ne", "white")]) == \
        "red or navy"


def test_typed_words_search_the_text_space_and_negated_words_push_away(fake_shop, word_lengths):
    queries = turn_queries(word_lengths, TurnReads(fake_shop), _state(semantic="warm but not wool"))
    assert _summary(queries) == [("text", "text", 1.0)]
    expected = rocchio(word_lengths.embed_text("warm"), [], [word_lengths.embed_text("wool")])
    assert np.allclose(queries.queries[0].vector, expected)
    # The fake's spaces are apart: negated words do not move the photo's query.
    assert not queries.reference_moved


def test_filters_alone_become_words_unless_a_photo_leads(fake_shop, word_lengths):
    red_dress = (Constraint("color", "eq", "red"), Constraint("category", "eq", "dress"))
    words = turn_queries(word_lengths, TurnReads(fake_shop), _state(*red_dress))
    assert np.allclose(words.queries[0].vector, word_lengths.embed_text("red dress"))
    photo = Reference("upload", (0.5, 0.5, 0.5, 0.5), None, "photo")
    assert _summary(turn_queries(word_lengths, TurnReads(fake_shop), _state(*red_dress, reference=photo))) == [
        ("reference", "image", 1.0)]


def test_a_photo_leads_the_words_typed_with_it(fake_shop, word_lengths):
    photo = Reference("upload", (0.5, 0.5, 0.5, 0.5), None, "photo")
    queries = turn_queries(word_lengths, TurnReads(fake_shop), _state(reference=photo, semantic="for the beach"))
    assert _summary(queries) == [("reference", "image", 0.75), ("text", "text", 0.25)]
    assert np.allclose(queries.queries[0].vector, [0.5, 0.5, 0.5, 0.5])


def test_liked_products_pull_even_when_nothing_is_typed(fake_shop, word_lengths):
    state = _state(likes=("dress-a-red", "pruned-since"), dislikes=("bag-a-black",))
    queries = turn_queries(word_lengths, TurnReads(fake_shop), state)
    assert _summary(queries) == [("preference", "text", PREFERENCE_WEIGHT),
                                 ("preference", "image", pytest.approx(1.0 - PREFERENCE_WEIGHT))]
    liked, disliked = (fake_shop.get_vectors([i], "image") for i in ("dress-a-red", "bag-a-black"))
    assert np.allclose(queries.queries[1].vector, rocchio(None, list(liked), list(disliked)))
    assert queries.reference_moved


def test_a_state_that_asks_for_nothing_has_no_queries(fake_shop, word_lengths):
    assert turn_queries(word_lengths, TurnReads(fake_shop), _state(dislikes=("bag-a-black",))).queries == ()
