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
def demo_catalog_dir(tmp_path_factory) -> Path:
    """The real demo catalog (products.jsonl + images), generated once per run."""
    from catalog.demo import generate_demo_catalog

    out = tmp_path_factory.mktemp("demo-catalog")
    generate_demo_catalog(out)
    return out


@pytest.fixture(scope="session")
def lite_encoder():
    from catalog.encoders import LiteEncoder

    return LiteEncoder()


@pytest.fixture(scope="session")
def tiny_clip_encoder(tiny_clip_path):
    from catalog.encoders import ClipEncoder

    return ClipEncoder(model=str(tiny_clip_path), text_model=None)


def _session_settings(tmp_path_factory, label: str):
    from catalog.settings import Settings

    return Settings.from_env({"LIKETHIS_HOME": str(tmp_path_factory.mktemp(label))})


@pytest.fixture(scope="session")
def demo_lite_index(tmp_path_factory, demo_catalog_dir, lite_encoder):
    """The whole demo catalog indexed with `lite`, built once per run (the assistant tests search it)."""
    from catalog.build import build_index

    settings = _session_settings(tmp_path_factory, "demo-lite-home")
    summary = build_index(settings, lite_encoder, source=demo_catalog_dir, index_name="demo-lite", progress=False)
    from catalog.index import open_index

    return open_index(settings, "demo-lite", lite_encoder.describe(), create=False), summary


@pytest.fixture(scope="session")
def demo_clip_index(tmp_path_factory, demo_catalog_dir, tiny_clip_encoder):
    """The whole demo catalog indexed with the tiny random CLIP (shared space, 16-d)."""
    from catalog.build import build_index
    from catalog.index import open_index

    settings = _session_settings(tmp_path_factory, "demo-clip-home")
    summary = build_index(settings, tiny_clip_encoder, source=demo_catalog_dir, index_name="demo-clip", progress=False)
    return open_index(settings, "demo-clip", tiny_clip_encoder.describe(), create=False), summary
