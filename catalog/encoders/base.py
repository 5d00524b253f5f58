"""The encoder contract every backend fulfils: images and texts in, L2-normalised vectors out."""
from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Sequence

import numpy as np
from PIL import Image

from catalog.images import to_upright_rgb


class Encoder(ABC):
    """Turns product photos and shopper text into vectors.

    Capabilities are class attributes (as in simonw/llm): `shared_space` says whether a text vector may be
    compared with an image vector. Backends that do not share a space must say so; the assistant then keeps
    text in the text space only.
    """

    backend: str = ""  # "clip" or "lite"
    shared_space: bool = False
    batch_size: int = 32
    choice_reason: str = ""  # set by `auto`: why this backend was picked (shown in logs and the app header)

    @property
    @abstractmethod
    def name(self) -> str:
        """Identifies the exact models; an index built with one name refuses vectors from another."""

    @property
    @abstractmethod
    def image_dim(self) -> int: ...

    @property
    @abstractmethod
    def text_dim(self) -> int: ...

    @abstractmethod
    def _embed_image_batch(self, images: Sequence[Image.Image]) -> np.ndarray:
        """One batch of RGB images → (n, image_dim) float32, not necessarily normalised."""

    @abstractmethod
    def _embed_text_batch(self, texts: Sequence[str]) -> np.ndarray:
        """One batch of texts → (n, text_dim) float32, not necessarily normalised."""

    def embed_images(self, images: Sequence[Image.Image]) -> np.ndarray:
        # Transparent areas become white (a product photo's background), not the black that convert() gives.
        return self._embed_batched([to_upright_rgb(image) for image in images], self._embed_image_batch, self.image_dim)

    def embed_texts(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed_batched(list(texts), self._embed_text_batch, self.text_dim)

    def embed_image(self, image: Image.Image) -> np.ndarray:
        return self.embed_images([image])[0]

    def embed_text(self, text: str) -> np.ndarray:
        return self.embed_texts([text])[0]

    def describe(self) -> dict:
        return {
            "name": self.name,
            "backend": self.backend,
            "image_dim": self.image_dim,
            "text_dim": self.text_dim,
            "shared_space": self.shared_space,
        }

    def _embed_batched(self, items: list, embed_batch, dim: int) -> np.ndarray:
        if not items:
            return np.zeros((0, dim), dtype=np.float32)
        chunks = [
            np.asarray(embed_batch(items[start : start + self.batch_size]), dtype=np.float32)
            for start in range(0, len(items), self.batch_size)
        ]
        return l2_normalise(np.concatenate(chunks, axis=0))


def l2_normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


def preferred_device() -> str:
    """CUDA when present (Spaces with a GPU), else the CPU; torch is imported only when a model loads."""
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"
