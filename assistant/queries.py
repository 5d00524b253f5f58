"""What one turn asks the store: query vectors from the reference, the shopper's words and what they liked."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import numpy as np

from assistant.fusion import PREFERENCE_WEIGHT, SpaceQuery, rocchio, turn_weights
from assistant.semantic import split_negations
from assistant.session import SessionState
from catalog.encoders.base import Encoder
from catalog.palette import CATEGORY_NAMES, COLOR_NAMES
from catalog.records import Constraint

if TYPE_CHECKING:
    from assistant.retrieve import TurnReads


@dataclass(frozen=True)
class TurnQueries:
    queries: tuple[SpaceQuery, ...]
    # Likes, dislikes or negated words pulled the reference's vector away from the photo's own.
    reference_moved: bool


def turn_queries(encoder: Encoder, reads: "TurnReads", state: SessionState) -> TurnQueries:
    """The turn's query vectors, each with its space, weight and role; none when the state asks for nothing."""
    liked, liked_text = reads.remembered_vectors(state.likes, "image"), reads.remembered_vectors(state.likes, "text")
    disliked = reads.remembered_vectors(state.dislikes, "image")
    disliked_text = reads.remembered_vectors(state.dislikes, "text")
    wanted_text, negated_text = split_negations(state.semantic)
    query_text = wanted_text or (constraint_query(state.active) if state.reference is None else "")
    if negated_text:
        # "without a logo": the words are pushed away from, never searched for.
        negated = encoder.embed_text(negated_text)
        disliked_text = [*disliked_text, negated]
        if encoder.shared_space:
            disliked = [*disliked, negated]
    queries = _queries(encoder, state, query_text, liked, disliked, liked_text, disliked_text)
    return TurnQueries(tuple(queries), reference_moved=bool(liked or disliked))


def _queries(
    encoder: Encoder, state: SessionState, query_text: str, liked: list[np.ndarray], disliked: list[np.ndarray],
    liked_text: list[np.ndarray], disliked_text: list[np.ndarray],
) -> list[SpaceQuery]:
    has_reference = state.reference is not None
    weights = turn_weights(has_reference, bool(query_text), encoder.shared_space)
    queries = []
    if has_reference:
        vector = rocchio(np.asarray(state.reference.vector, dtype=np.float32), liked, disliked)
        queries.append(SpaceQuery("image", vector, weights[("reference", "image")], "reference"))
    if query_text:
        text_vector = encoder.embed_text(query_text)
        queries.append(SpaceQuery("text", rocchio(text_vector, liked_text, disliked_text),
                                  weights[("text", "text")], "text"))
        if ("text", "image") in weights:
            queries.append(SpaceQuery("image", rocchio(text_vector, liked, disliked),
                                      weights[("text", "image")], "text"))
    if liked_text and not query_text:
        # A liked colour or kind should rise even when nothing was typed: the liked items' words pull too.
        queries.append(SpaceQuery("text", rocchio(None, liked_text, disliked_text), PREFERENCE_WEIGHT, "preference"))
    if liked and not has_reference and not query_text:
        queries.append(SpaceQuery("image", rocchio(None, liked, disliked), 1.0 - PREFERENCE_WEIGHT, "preference"))
    return [q for q in queries if q.vector is not None]


def constraint_query(constraints: Sequence[Constraint]) -> str:
    """Constraints alone ("red dress") still need an order: rank by how well products read as that phrase."""
    words = []
    for c in constraints:
        if c.op == "eq" and c.field == "color":
            words.append(COLOR_NAMES["en"][c.value])
        elif c.op == "eq" and c.field == "category":
            words.append(CATEGORY_NAMES["en"][c.value])
        elif c.op == "in" and c.field in ("color", "category"):
            names = COLOR_NAMES["en"] if c.field == "color" else CATEGORY_NAMES["en"]
            words.append(" or ".join(names[v] for v in c.value))
    return " ".join(words)
