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
