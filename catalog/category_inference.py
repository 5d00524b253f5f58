"""Infers a missing category from the photo: zero-shot prompts in a shared space, labelled neighbours otherwise."""
from __future__ import annotations

from collections import defaultdict
from typing import Callable, Sequence

import numpy as np

from catalog.encoders.base import Encoder
from catalog.records import CATEGORIES

_PROMPT_NAMES = {
    "t-shirt": "t-shirt", "trousers": "pair of trousers", "pullover": "pullover sweater", "dress": "dress",
    "coat": "coat", "sandal": "sandal", "shirt": "shirt", "sneaker": "sneaker", "bag": "bag",
    "ankle-boot": "ankle boot",
}

# Returns (vectors, categories) of products whose category a person gave, for the neighbour vote.
LabelledSet = Callable[[], tuple[np.ndarray, Sequence[str]]]


class ZeroShotCategories:
    """CLIP-style: the category whose prompt lies closest to the photo in the shared space."""

    def __init__(self, encoder: Encoder) -> None:
        if not encoder.shared_space:
            raise ValueError(f"{encoder.name} has no shared text-image space; use NeighbourCategories")
        prompts = [f"a product photo of a {_PROMPT_NAMES[slug]}" for slug in CATEGORIES]
        self._prompt_vectors = encoder.embed_texts(prompts)

    def infer(self, image_vectors: np.ndarray) -> list[tuple[str, float]]:
        if len(image_vectors) == 0:
            return []
        logits = 100.0 * image_vectors @ self._prompt_vectors.T
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        best = probabilities.argmax(axis=1)
        return [(CATEGORIES[i], float(probabilities[row, i])) for row, i in enumerate(best)]


class NeighbourCategories:
    """Image-only spaces: a similarity-weighted vote of the nearest products whose category was given."""

    def __init__(self, labelled: LabelledSet, k: int = 15) -> None:
        self._labelled = labelled
        self._k = k
        self._vectors: np.ndarray | None = None
        self._labels: list[str] = []

    def infer(self, image_vectors: np.ndarray) -> list[tuple[str, float]]:
        if len(image_vectors) == 0:
            return []
        if self._vectors is None:
            vectors, labels = self._labelled()
            self._vectors, self._labels = np.asarray(vectors, dtype=np.float32), list(labels)
        if len(self._labels) == 0:
            raise ValueError("no labelled products to infer categories from")
        similarities = image_vectors @ self._vectors.T
        k = min(self._k, len(self._labels))
        nearest = np.argpartition(-similarities, k - 1, axis=1)[:, :k]
        results = []
        for row, neighbours in enumerate(nearest):
            votes: dict[str, float] = defaultdict(float)
            for j in neighbours:
                votes[self._labels[j]] += max(float(similarities[row, j]), 0.0) ** 4
            total = sum(votes.values()) or 1.0
            category, weight = max(votes.items(), key=lambda item: item[1])
            results.append((category, weight / total))
        return results
