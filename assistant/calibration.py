"""Relevance thresholds measured on the catalog itself, so "no good match" means the same on every backend."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from catalog.encoders.base import Encoder
from catalog.index import ProductIndex
from catalog.palette import CATEGORY_NAMES

SAMPLE = 400
# A photo match must look more alike than this share of unrelated pairs (different category) do.
UNRELATED_QUANTILE = 0.95
# Same-item recognition of uploads: a photo is taken for its nearest catalog item when that item stands out from
# the next-nearest item (`separation`) more than it does for this share of photos of items the shop lacks. Those
# are simulated from the catalog itself: each sampled product searched for with its own item left out.
IDENTITY_QUANTILE = 0.75
IDENTITY_SAMPLE = 200
# Neighbours read per sampled product; an item's own colourways are skipped, two other items are needed.
IDENTITY_NEIGHBOURS = 20
# Text similarities differ in scale from query to query, so text relevance is judged by lift over the query's
# own typical similarity to the catalog; a match must show at least this share of the lift an on-topic
# category query shows.
TEXT_LIFT_SHARE = 0.5


@dataclass(frozen=True)
class Thresholds:
    image: float  # reference photo vs product photo, absolute cosine
    identity: float  # upload vs catalog photo: the least score of a recognised item ("this is that product")
    text_lift: float  # shopper text vs product text: needed lift over the query's median similarity
    text_image_lift: float = 0.0  # shopper text vs product photo (shared spaces only)
    identity_margin: float = 0.0  # the least `separation` of a recognised item from the next-nearest item
    sample_text: np.ndarray = field(default_factory=lambda: np.zeros((0, 1), np.float32), repr=False)
    sample_image: np.ndarray = field(default_factory=lambda: np.zeros((0, 1), np.float32), repr=False)

    def baseline(self, role: str, space: str, vector: np.ndarray) -> float:
        """The score a result must reach for this query to count as a real match."""
        if role == "reference" or (role == "preference" and space == "image"):
            return self.image
        sample = self.sample_image if space == "image" else self.sample_text
        lift = self.text_image_lift if space == "image" else self.text_lift
        if len(sample) == 0 or sample.shape[1] != len(vector):
            return 0.0
        return float(np.median(sample @ vector)) + lift

    def recognises(self, best: float, runner_up: float | None) -> bool:
        """Whether an upload is the item scoring `best`, given the best score of any other item (None: no other)."""
        if best < self.identity:
            return False
        return runner_up is None or separation(best, runner_up) >= self.identity_margin


def separation(best: float, runner_up: float) -> float:
    """The share of the runner-up's distance to a perfect match (cosine 1) that the best item closes."""
    return (best - runner_up) / max(1.0 - runner_up, 1e-6)


def calibrate(index: ProductIndex, encoder: Encoder, seed: int = 0) -> Thresholds:
    rng = np.random.default_rng(seed)
    ids = index.ids()
    if len(ids) < 20:
        return Thresholds(image=0.0, identity=0.99, text_lift=0.0)
    sample = [ids[i] for i in rng.choice(len(ids), size=min(SAMPLE, len(ids)), replace=False)]
    products = index.get(sample)
    categories = np.array([p.category for p in products])
    unrelated = categories[:, None] != categories[None, :]

    image_vectors = index.get_vectors(sample, "image")
    image_sims = image_vectors @ image_vectors.T
    if not unrelated.any():
        # A one-category catalog has no unrelated pairs: distinct products stand in for them.
        unrelated = ~np.eye(len(sample), dtype=bool)
    image_threshold = float(np.quantile(image_sims[unrelated], UNRELATED_QUANTILE))
    identity_margin = _identity_margin(index, [p.group_id for p in products], image_vectors)

    wanted = sorted(set(categories))
    query_vectors = encoder.embed_texts([CATEGORY_NAMES["en"][category] for category in wanted])
    text_vectors = index.get_vectors(sample, "text")
    text_lift = _typical_lift(query_vectors @ text_vectors.T, np.array(wanted)[:, None] == categories[None, :])
    text_image_lift = 0.0
    if encoder.shared_space:
        text_image_lift = _typical_lift(query_vectors @ image_vectors.T,
                                        np.array(wanted)[:, None] == categories[None, :])
    return Thresholds(
        # A recognised item must at least be a match; its separation from the runner-up is what recognises it.
        image=image_threshold, identity=image_threshold, text_lift=text_lift, text_image_lift=text_image_lift,
        identity_margin=identity_margin, sample_text=text_vectors, sample_image=image_vectors,
    )


def _identity_margin(index: ProductIndex, groups: list[str], vectors: np.ndarray) -> float:
    """The separation an item the shop lacks reaches: each product searched for with its own item left out."""
    count = min(IDENTITY_SAMPLE, len(groups))
    separations = []
    for group, hits in zip(groups, index.query_many("image", vectors[:count], IDENTITY_NEIGHBOURS)):
        best_per_item: dict[str, float] = {}
        for hit in hits:
            if hit.product.group_id != group:
                best_per_item.setdefault(hit.product.group_id, hit.score)
        scores = list(best_per_item.values())  # best first, as the hits came
        if len(scores) >= 2:
            separations.append(separation(scores[0], scores[1]))
    return float(np.quantile(separations, IDENTITY_QUANTILE)) if separations else 0.0


def _typical_lift(similarities: np.ndarray, on_topic: np.ndarray) -> float:
    lifts = [
        float(np.median(row[mask]) - np.median(row)) for row, mask in zip(similarities, on_topic) if mask.any()
    ]
    return max(TEXT_LIFT_SHARE * float(np.median(lifts)), 0.0) if lifts else 0.0
