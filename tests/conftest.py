"""Shared fixtures: an isolated data directory per test, the tiny CLIP, the demo indexes, a fake encoder and store."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

import numpy as np
import pytest

# No test may reach a model hub: this machine has none, and CI must not depend on one.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from catalog.encoders.base import Encoder  # noqa: E402  (after the environment above: nothing may reach a hub)


@pytest.fixture(autouse=True)
def likethis_home(tmp_path, monkeypatch) -> Path:
    """Every test gets its own data directory, so nothing leaks between tests or into ~/.likethis."""
    home = tmp_path / "likethis-home"
    home.mkdir()
    monkeypatch.setenv("LIKETHIS_HOME", str(home))
    monkeypatch.delenv("LIKETHIS_CHROMA_URL", raising=False)
    return home


@pytest.fixture(scope="session")
def tiny_clip_path(tmp_path_factory) -> Path:
    from tests.tiny_clip import build_tiny_clip

    return build_tiny_clip(tmp_path_factory.mktemp("tiny-clip") / "model")


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory):
    """A data directory shared by the whole run, holding the demo catalog and its indexes. Tests only read it."""
    from catalog.settings import Settings

    return Settings.from_env({"LIKETHIS_HOME": str(tmp_path_factory.mktemp("demo-home"))})


@pytest.fixture(scope="session")
def demo_catalog_dir(demo_settings) -> Path:
    """The real demo catalog (products.jsonl + images), generated once per run."""
    from catalog.build import ensure_demo_catalog

    return ensure_demo_catalog(demo_settings)


@pytest.fixture(scope="session")
def lite_encoder():
    from catalog.encoders import LiteEncoder

    return LiteEncoder()


@pytest.fixture(scope="session")
def tiny_clip_encoder(tiny_clip_path):
    from catalog.encoders import ClipEncoder

    return ClipEncoder(model=str(tiny_clip_path), text_model=None)


@pytest.fixture(scope="session")
def demo_lite_index(demo_settings, demo_catalog_dir, lite_encoder):
    """The whole demo catalog indexed with `lite` as the app and CLI would build it, once per run."""
    from catalog.build import open_demo_index

    return open_demo_index(demo_settings, lite_encoder, progress=False)


@pytest.fixture(scope="session")
def demo_clip_index(demo_settings, demo_catalog_dir, tiny_clip_encoder):
    """The whole demo catalog indexed with the tiny random CLIP (shared space, 16-d)."""
    from catalog.build import open_demo_index

    return open_demo_index(demo_settings, tiny_clip_encoder, progress=False)


# --- a deterministic fake encoder and a small store, for engine unit tests that run in milliseconds -------------

class WordLengths(Encoder):
    """A deterministic stand-in (as simonw/llm's EmbedDemo) for pure-logic tests, so scores can be worked out by hand.

    A text's vector is the lengths of its first four words (plus one each); an image's is its mean red, green and
    blue (0-1) and its width / height. Both are L2-normalised by the Encoder base, as a real backend's are.
    """

    backend = "fake"
    shared_space = False

    @property
    def name(self) -> str:
        return "word-lengths"

    @property
    def image_dim(self) -> int:
        return 4

    @property
    def text_dim(self) -> int:
        return 4

    def _embed_text_batch(self, texts: Sequence[str]) -> np.ndarray:
        return np.array([[len(w) for w in (t.split() + [""] * 4)[:4]] for t in texts], np.float32) + 1

    def _embed_image_batch(self, images) -> np.ndarray:
        return np.array([[*(np.asarray(image, np.float32).mean(axis=(0, 1)) / 255), image.width / image.height]
                         for image in images], np.float32)


@pytest.fixture(scope="session")
def word_lengths() -> WordLengths:
    return WordLengths()


@pytest.fixture(scope="session")
def open_unit_index(tmp_path_factory):
    """Opens an empty catalog index for an encoder in its own temp directory: a real embedded Chroma.

    Engine unit tests reach a store only through this fixture, so moving them to another backend (the in-process
    one) is a change here alone.
    """
    from catalog.index import open_index
    from catalog.settings import Settings

    def open_unit(encoder: Encoder, name: str = "unit"):
        home = tmp_path_factory.mktemp("unit-store")
        return open_index(Settings.from_env({"LIKETHIS_HOME": str(home)}), name, encoder.describe())

    return open_unit


# A small shop the fake encoder can read: (item, title, category, width / height of its photos, colourways).
FAKE_SHOP = (
    ("dress-a", "Wrap dress", "dress", 0.5, (("red", 100.0), ("blue", 120.0), ("black", 140.0))),
    ("dress-b", "Long summer dress", "dress", 0.6, (("red", 80.0), ("green", 90.0))),
    ("sandal-a", "Strappy sandal", "sandal", 2.0, (("red", 50.0), ("white", 60.0))),
    ("bag-a", "Leather tote bag", "bag", 1.0, (("black", 200.0), ("brown", 220.0))),
    ("coat-a", "Wool coat", "coat", 0.4, (("grey", 300.0),)),
    ("shirt-a", "Oxford shirt", "shirt", 0.8, (("white", 40.0), ("blue", 45.0))),
)


def swatch(colour: str, aspect: float):
    """A product photo as the fake encoder sees it: one colour, one shape (20 px high)."""
    from PIL import Image

    from catalog.palette import COLOR_RGB

    return Image.new("RGB", (round(20 * aspect), 20), COLOR_RGB[colour])


@pytest.fixture(scope="session")
def fake_shop(word_lengths, open_unit_index):
    """FAKE_SHOP stocked in a unit index with the fake encoder's vectors; tests only read it."""
    from catalog.records import Product

    products, photos = [], []
    for item, title, category, aspect, colourways in FAKE_SHOP:
        for colour, price in colourways:
            products.append(Product(id=f"{item}-{colour}", group_id=item, title=f"{colour.title()} {title}",
                                    category=category, color=colour, price=price, image=f"/shop/{item}-{colour}.png"))
            photos.append(swatch(colour, aspect))
    index = open_unit_index(word_lengths, "fake-shop")
    index.upsert(products, [f"h-{p.id}" for p in products], word_lengths.embed_images(photos),
                 word_lengths.embed_texts([p.embedding_text() for p in products]))
    return index


@pytest.fixture(scope="session")
def shop_photo():
    """A photo of a FAKE_SHOP item in a colour, as a shopper would upload it: shop_photo("dress-a", "red")."""
    aspects = {item: aspect for item, _, _, aspect, _ in FAKE_SHOP}
    return lambda item, colour: swatch(colour, aspects[item])
