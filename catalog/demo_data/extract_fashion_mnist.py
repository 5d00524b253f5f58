"""Extracts the committed Fashion-MNIST subsets from the Debian-packaged dataset."""
from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np

SOURCE_DIR = Path("/usr/share/datasets/fashion-mnist")
OUT_DIR = Path(__file__).resolve().parent
TRAIN_SUBSET = OUT_DIR / "fashion_mnist_train_subset.npz"
TEST_SUBSET = OUT_DIR / "fashion_mnist_test_subset.npz"

TRAIN_PER_CLASS = 60
TEST_PER_CLASS = 20
NUM_CLASSES = 10
SEED = 20240601
# A few scans are nearly blank or cropped to a sliver; they make useless products. Inked area is judged
# against the class median, because a sandal is naturally far sparser than a coat.
INK_LEVEL = 24
MIN_INK_VS_CLASS_MEDIAN = 0.5


def read_idx_images(path: Path) -> np.ndarray:
    with gzip.open(path, "rb") as handle:
        raw = handle.read()
    # IDX header: magic, count, rows, cols as big-endian int32, then the pixels row-major.
    magic, count, rows, cols = np.frombuffer(raw[:16], dtype=">i4")
    if magic != 2051:
        raise ValueError(f"{path} is not an IDX image file (magic {magic})")
    return np.frombuffer(raw[16:], dtype=np.uint8).reshape(count, rows, cols)


def read_idx_labels(path: Path) -> np.ndarray:
    with gzip.open(path, "rb") as handle:
        raw = handle.read()
    magic, count = np.frombuffer(raw[:8], dtype=">i4")
    if magic != 2049:
        raise ValueError(f"{path} is not an IDX label file (magic {magic})")
    return np.frombuffer(raw[8:], dtype=np.uint8)[:count]


def pick_per_class(images: np.ndarray, labels: np.ndarray, per_class: int, seed: int) -> np.ndarray:
    """Indices into `images`: `per_class` well-inked items of every class, sorted by class then index."""
    rng = np.random.default_rng(seed)
    ink_fraction = (images > INK_LEVEL).mean(axis=(1, 2))
    chosen = []
    for label in range(NUM_CLASSES):
        in_class = labels == label
        enough_ink = ink_fraction >= MIN_INK_VS_CLASS_MEDIAN * np.median(ink_fraction[in_class])
        candidates = np.flatnonzero(in_class & enough_ink)
        chosen.append(np.sort(rng.choice(candidates, size=per_class, replace=False)))
    return np.concatenate(chosen)


def extract_split(split: str, per_class: int, seed: int, out_path: Path) -> int:
    images = read_idx_images(SOURCE_DIR / f"{split}-images-idx3-ubyte.gz")
    labels = read_idx_labels(SOURCE_DIR / f"{split}-labels-idx1-ubyte.gz")
    indices = pick_per_class(images, labels, per_class, seed)
    np.savez_compressed(
        out_path,
        images=images[indices],
        labels=labels[indices],
        source_indices=indices.astype(np.int32),
    )
    return out_path.stat().st_size


def main() -> None:
    for split, per_class, out_path in (("train", TRAIN_PER_CLASS, TRAIN_SUBSET), ("t10k", TEST_PER_CLASS, TEST_SUBSET)):
        size = extract_split(split, per_class, SEED, out_path)
        print(f"{out_path.name}: {per_class * NUM_CLASSES} items, {size} bytes")


if __name__ == "__main__":
    main()
