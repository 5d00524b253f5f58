"""Relevance thresholds measured on the catalog itself, so "no good match" means the same on every backend."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from catalog.encoders.base import Encoder
from catalog.index import ProductIndex
from catalog.palette import CATEGORY_NAMES, COLOR_NAMES

SAMPLE = 400
# A result must look more alike than this share of unrelated pairs (different category) do.
UNRELATED_QUANTILE = 0.95
# Same-item detection for uploads: a photo this close to a catalog photo is taken to show that product.
IDENTITY_MARGIN = 0.5


@dataclass(frozen=True)
class Thresholds:
    image: float  # reference photo vs product photo
    text: float  # shopper text vs product text
    text_image: float  # shopper text vs product photo (shared spaces only)
    identity: float  # upload vs catalog photo: "this is that product"

    def for_space(self, role: str, space: str) -> float:
        if role == "text" and space == "image":
            return self.text_image
        return self.image if space == "image" else self.text


def calibrate(index: ProductIndex, encoder: Encoder, seed: int = 0) -> Thresholds:
    rng = np.random.default_rng(seed)
    ids = index.ids()
    if len(ids) < 20:
        return Thresholds(image=0.0, text=0.0, text_image=0.0, identity=0.99)
    sample = [ids[i] for i in rng.choice(len(ids), size=min(SAMPLE, len(ids)), replace=False)]
    products = index.get(sample)
    categories = np.array([p.category for p in products])
    unrelated = categories[:, None] != categories[None, :]

    image_vectors = index.get_vectors(sample, "image")
    image_sims = image_vectors @ image_vectors.T
    image_threshold = float(np.quantile(image_sims[unrelated], UNRELATED_QUANTILE))
    # Identity sits between "unrelated" and "the same picture": near-duplicates, not merely similar garments.
    related = (~unrelated) & ~np.eye(len(sample), dtype=bool)
    related_high = float(np.quantile(image_sims[related], 0.99)) if related.any() else image_threshold
    identity = max(related_high, image_threshold + IDENTITY_MARGIN * (1.0 - image_threshold))

    queries, wanted = [], []
    for product in products[:60]:
        queries.append(f"{COLOR_NAMES['en'][product.color]} {CATEGORY_NAMES['en'][product.category]}")
        wanted.append(product.category)
    query_vectors = encoder.embed_texts(queries)
    text_vectors = index.get_vectors(sample, "text")
    text_sims = query_vectors @ text_vectors.T
    off_topic = np.array(wanted)[:, None] != categories[None, :]
    text_threshold = float(np.quantile(text_sims[off_topic], UNRELATED_QUANTILE))
    text_image_threshold = 0.0
    if encoder.shared_space:
        cross = query_vectors @ image_vectors.T
        text_image_threshold = float(np.quantile(cross[off_topic], UNRELATED_QUANTILE))
    return Thresholds(image=image_threshold, text=text_threshold, text_image=text_image_threshold,
                      identity=min(identity, 0.995))
