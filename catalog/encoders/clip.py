"""The `clip` backend: a sentence-transformers CLIP whose text and image vectors share one space."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Sequence

import numpy as np
from PIL import Image

from catalog.encoders.base import Encoder, preferred_device
from catalog.errors import EncoderUnavailable
from catalog.settings import DEFAULT_CLIP_MODEL

# sentence-transformers reads a bare name such as "clip-ViT-B-32" as a model of this organisation.
DEFAULT_HUB_ORGANISATION = "sentence-transformers"


class ClipEncoder(Encoder):
    """Photos through CLIP's image tower; texts through CLIP's own text tower or a text model distilled into it.

    `model` and `text_model` are hub ids or local folders: `SentenceTransformer` loads both the same way and
    honours HF_HUB_OFFLINE, so nothing here forces the network on or off.
    """

    backend = "clip"
    shared_space = True

    def __init__(self, model: str = DEFAULT_CLIP_MODEL, text_model: str | None = None, device: str | None = None):
        self.model_id = canonical_model_id(str(model))
        self.text_model_id = canonical_model_id(str(text_model)) if text_model else None
        self._device = device
        self._load_lock = threading.Lock()
        self._image_net = None
        self._text_net = None

    @property
    def name(self) -> str:
        return f"clip:{self.model_id}+{self.text_model_id or 'own-text'}"

    @property
    def image_dim(self) -> int:
        return _output_dim(self.image_model, probe=Image.new("RGB", (32, 32), "white"))

    @property
    def text_dim(self) -> int:
        return _output_dim(self.text_model, probe="a")

    @property
    def device(self) -> str:
        if self._device is None:
            self._device = preferred_device()
        return self._device

    @property
    def image_model(self):
        with self._load_lock:
            if self._image_net is None:
                self._image_net = _load(self.model_id, self.device)
        return self._image_net

    @property
    def text_model(self):
        if self.text_model_id is None:
            return self.image_model
        image_model = self.image_model
        with self._load_lock:
            if self._text_net is None:
                text_net = _load(self.text_model_id, self.device)
                _require_same_width(text_net, self.text_model_id, image_model, self.model_id)
                self._text_net = text_net
        return self._text_net

    def _embed_image_batch(self, images: Sequence[Image.Image]) -> np.ndarray:
        return _encode(self.image_model, list(images))

    def _embed_text_batch(self, texts: Sequence[str]) -> np.ndarray:
        return _encode(self.text_model, list(texts))


def canonical_model_id(model: str) -> str:
    """One spelling per model, so "clip-ViT-B-32" and its full hub id give the same encoder name."""
    if "/" in model or Path(model).expanduser().is_dir():
        return model
    return f"{DEFAULT_HUB_ORGANISATION}/{model}"


def _load(model_id: str, device: str):
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise EncoderUnavailable(f"clip backend needs sentence-transformers ({exc})") from exc
    try:
        return SentenceTransformer(model_id, device=device)
    except Exception as exc:  # noqa: BLE001 - HF raises OSError, ValueError, HTTP errors...; all mean "cannot load"
        raise EncoderUnavailable(
            f"cannot load CLIP model {model_id!r}: {_first_line(exc)} "
            "(a hub id needs its weights in the local Hugging Face cache or a reachable huggingface.co; "
            "a local folder must hold a sentence-transformers model)"
        ) from exc


def _encode(model, inputs: list) -> np.ndarray:
    return model.encode(inputs, batch_size=len(inputs), convert_to_numpy=True, show_progress_bar=False)


def _output_dim(model, probe) -> int:
    # sentence-transformers 6 renamed get_sentence_embedding_dimension (now a deprecated alias); a module
    # that cannot tell its width still answers through one probe encode.
    dim = model.get_embedding_dimension()
    return int(dim) if dim else int(_encode(model, [probe]).shape[-1])


def _require_same_width(text_net, text_model_id: str, image_net, model_id: str) -> None:
    text_dim = _output_dim(text_net, probe="a")
    image_dim = _output_dim(image_net, probe=Image.new("RGB", (32, 32), "white"))
    if text_dim != image_dim:
        raise EncoderUnavailable(
            f"text model {text_model_id!r} gives {text_dim}-d vectors but {model_id!r} gives {image_dim}-d: "
            "it was not distilled into this CLIP's space"
        )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
