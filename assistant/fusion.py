"""Pure scoring: Rocchio query vectors and the weighted fusion of similarities from the image and text spaces."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

# Rocchio weights: the reference leads, liked items pull, disliked items push (they are also filtered out).
ALPHA, BETA, GAMMA = 1.0, 0.5, 0.25
# What the shopper's likes weigh against the turn's own queries (their words, their liked items' attributes).
PREFERENCE_WEIGHT = 0.2


@dataclass(frozen=True)
class SpaceQuery:
    """One query vector against one stored space ("image" or "text"), with its share of the final score."""

    space: str
    vector: np.ndarray
    weight: float
    role: str  # "reference", "text" or "preference": what the score means when explained to the shopper


def rocchio(
    query: np.ndarray | None, liked: Sequence[np.ndarray], disliked: Sequence[np.ndarray]
) -> np.ndarray | None:
    """Moves a query toward what the shopper liked and away from what they disliked; unit length out."""
    parts = []
    if query is not None:
        parts.append(ALPHA * np.asarray(query, dtype=np.float32))
    if liked:
        parts.append(BETA * np.mean(np.asarray(liked, dtype=np.float32), axis=0))
    if disliked and parts:
        parts.append(-GAMMA * np.mean(np.asarray(disliked, dtype=np.float32), axis=0))
    if not parts:
        return None
    combined = np.sum(parts, axis=0)
    norm = float(np.linalg.norm(combined))
    return combined / norm if norm > 1e-9 else None


def fuse(
    candidate_vectors: Mapping[str, np.ndarray], queries: Sequence[SpaceQuery]
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Scores every candidate against every query exactly, so nobody is penalised for missing a shortlist.

    `candidate_vectors[space]` holds the candidates' unit vectors in that space, rows aligned across spaces.
    Returns the fused score per candidate (a weighted mean of cosine similarities, weights summing to 1) and the
    per-query similarities keyed by "<role>:<space>".
    """
    total_weight = sum(q.weight for q in queries)
    if not queries or total_weight <= 0:
        raise ValueError("fusion needs at least one query with a positive weight")
    count = len(next(iter(candidate_vectors.values())))
    fused = np.zeros(count, dtype=np.float32)
    parts: dict[str, np.ndarray] = {}
    for query in queries:
        similarities = candidate_vectors[query.space] @ query.vector.astype(np.float32)
        parts[f"{query.role}:{query.space}"] = similarities
        fused += (query.weight / total_weight) * similarities
    return fused, parts


def turn_weights(has_reference: bool, has_text: bool, shared_space: bool) -> dict[tuple[str, str], float]:
    """How much each (role, space) counts, by what the turn carries.

    A photo says more about style than a few words, so it leads when both are present. With a shared space
    (CLIP) text also searches the photos; with `lite` the text space alone hears the text.
    """
    weights: dict[tuple[str, str], float] = {}
    if has_reference:
        weights[("reference", "image")] = 0.75 if has_text else 1.0
    if has_text:
        text_share = 0.25 if has_reference else 1.0
        if shared_space:
            weights[("text", "image")] = text_share * 0.5
            weights[("text", "text")] = text_share * 0.5
        else:
            weights[("text", "text")] = text_share
    return weights


def attribute_affinity(
    candidates: Sequence[tuple[str, str]], liked: Sequence[tuple[str, str]], disliked: Sequence[tuple[str, str]]
) -> np.ndarray:
    """How much each (colour, category) candidate shares with what was liked, less what was disliked, in [0, 1].

    Vectors carry colour only loosely (and not at all in a random or colour-blind model); the attributes say
    it outright, so a liked colour rises whatever the encoder.
    """
    def share(attributes: Sequence[tuple[str, str]], position: int, value: str) -> float:
        return sum(a[position] == value for a in attributes) / len(attributes) if attributes else 0.0

    scores = [
        0.5 * (share(liked, 0, colour) + share(liked, 1, category))
        - 0.25 * (share(disliked, 0, colour) + share(disliked, 1, category))
        for colour, category in candidates
    ]
    return np.clip(np.asarray(scores, dtype=np.float32), 0.0, 1.0)
