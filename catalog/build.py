"""Wires settings, encoder, source and index together: build an index, or open one and build it if missing."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import numpy as np

from catalog.encoders.base import Encoder
from catalog.index import ProductIndex, open_index
from catalog.ingest import IngestSummary, ingest
from catalog.records import CATEGORIES
from catalog.settings import Settings
from catalog.sources import read_source

DEMO_NAME = "demo"
# Bump when the demo generator changes its output, so old generated copies are replaced.
DEMO_VERSION = "1"
REFERENCE_PER_CATEGORY = 30


def default_index_name(catalog: str, encoder: Encoder) -> str:
    # One index per catalog and backend: switching between lite and clip never collides with the other's index.
    return f"{catalog}-{encoder.backend}"


def ensure_demo_catalog(settings: Settings) -> Path:
    """The demo catalog in the data directory, generated on first use; never left half-written."""
    target = settings.demo_catalog_dir
    marker = target / ".complete"
    if marker.is_file() and marker.read_text().strip() == DEMO_VERSION:
        return target
    from catalog.demo import generate_demo_catalog

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".demo-catalog-", dir=target.parent))
    try:
        generate_demo_catalog(staging)
        (staging / ".complete").write_text(DEMO_VERSION)
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target


def build_index(
    settings: Settings,
    encoder: Encoder,
    *,
    source: Path | None = None,
    index_name: str | None = None,
    prune: bool = False,
    progress: bool = True,
    batch_size: int = 64,
) -> IngestSummary:
    source_path = Path(source) if source is not None else ensure_demo_catalog(settings)
    rows = read_source(source_path)
    name = index_name or default_index_name(DEMO_NAME if source is None else rows.name, encoder)
    index = open_index(settings, name, encoder.describe(), create=True)
    return ingest(
        rows,
        index,
        encoder,
        prune=prune,
        progress=progress,
        batch_size=batch_size,
        rejects_path=settings.home / "rejects" / f"{_safe(name)}.jsonl",
        reference_labels=lambda enc: demo_reference_labels(settings, enc),
    )


def open_demo_index(settings: Settings, encoder: Encoder, *, progress: bool = True) -> tuple[ProductIndex, IngestSummary | None]:
    """The demo index, built first if it is missing or incomplete (the assistant CLI and the app start here)."""
    name = default_index_name(DEMO_NAME, encoder)
    index = open_index(settings, name, encoder.describe(), create=True)
    if index.count() > 0 and not index.incomplete_ids() and (settings.demo_catalog_dir / ".complete").is_file():
        return index, None
    summary = build_index(settings, encoder, index_name=name, progress=progress)
    return index, summary


def demo_reference_labels(settings: Settings, encoder: Encoder) -> tuple[np.ndarray, list[str]]:
    """Labelled demo photos for the neighbour vote when a catalog has too few labels of its own; cached per encoder."""
    cache = settings.home / "cache" / f"reference-{hashlib.sha1(encoder.name.encode()).hexdigest()[:12]}.npz"
    if cache.is_file():
        with np.load(cache, allow_pickle=False) as stored:
            return stored["vectors"], [str(label) for label in stored["labels"]]
    from catalog.images import load_image

    catalog_dir = ensure_demo_catalog(settings)
    per_category: dict[str, list[Path]] = {slug: [] for slug in CATEGORIES}
    seen_groups: set[str] = set()
    with (catalog_dir / "products.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            paths = per_category[row["category"]]
            # One colourway per item: thirty distinct garments teach the vote more than thirty recolourings.
            if row["group_id"] not in seen_groups and len(paths) < REFERENCE_PER_CATEGORY:
                seen_groups.add(row["group_id"])
                paths.append(catalog_dir / row["image"])
    labels = [slug for slug, paths in per_category.items() for _ in paths]
    images = [load_image(path) for paths in per_category.values() for path in paths]
    vectors = encoder.embed_images(images)
    cache.parent.mkdir(parents=True, exist_ok=True)
    temporary = cache.with_suffix(".tmp.npz")
    np.savez(temporary, vectors=vectors, labels=np.array(labels))
    temporary.replace(cache)
    return vectors, labels


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name)
