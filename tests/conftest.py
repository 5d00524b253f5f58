"""Shared fixtures: an isolated data directory for every test, and the tiny CLIP built once per run."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

# No test may reach a model hub: this machine has none, and CI must not depend on one.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


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
