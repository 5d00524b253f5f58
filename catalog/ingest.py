"""Idempotent, resumable ingestion: validated rows → decoded photos → inferred attributes → vectors → index."""
from __future__ import annotations

import json
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator, Sequence

import numpy as np
from PIL import Image

from catalog.category_inference import NeighbourCategories, ZeroShotCategories
from catalog.color_inference import infer_color
from catalog.encoders.base import Encoder
from catalog.images import ImageLimits, ImageProblem, load_image
from catalog.index import ProductIndex
from catalog.records import Product
from catalog.sources import SourceRows
from catalog.validation import Candidate, Reject, validate_rows

# Below this many labelled products of its own, a catalog borrows the demo catalog's labels for the vote.
MIN_OWN_LABELLED = 100
MAX_LABELLED_FROM_INDEX = 5000

ReferenceLabels = Callable[[Encoder], tuple[np.ndarray, list[str]]]


@dataclass
class IngestSummary:
    source: str
    index_name: str
    encoder: str
    valid_rows: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    pruned: int = 0
    repaired: int = 0  # half-written products from an interrupted run, finished or removed
    inferred: int = 0
    encoded: int = 0
    seconds: float = 0.0
    encode_seconds: float = 0.0
    rejects_path: Path | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def images_per_second(self) -> float:
        return self.encoded / self.seconds if self.seconds > 0 and self.encoded else 0.0

    def render(self) -> str:
        lines = [
            f"catalog  {self.source}",
            f"index    {self.index_name}  ({self.encoder})",
            f"added {self.added} · updated {self.updated} · unchanged {self.unchanged} · "
            f"rejected {self.rejected} · pruned {self.pruned}",
            f"encoded {self.encoded} products in {self.seconds:.1f} s"
            + (f" ({self.images_per_second:.1f} images/s)" if self.encoded else ""),
        ]
        if self.inferred:
            lines.append(f"inferred category or colour for {self.inferred} products (flagged as inferred)")
        if self.repaired:
            lines.append(f"repaired {self.repaired} half-written products from an interrupted run")
        if self.rejected and self.rejects_path:
            lines.append(f"rejected rows and reasons: {self.rejects_path}")
        lines.extend(self.notes)
        return "\n".join(lines)

    def to_dict(self) -> dict:
        data = {k: v for k, v in self.__dict__.items() if k != "rejects_path"}
        data["rejects_path"] = str(self.rejects_path) if self.rejects_path else None
        data["images_per_second"] = round(self.images_per_second, 2)
        return data


@dataclass
class _Decoded:
    candidate: Candidate
    image: Image.Image | None
    problem: str | None


def ingest(
    source: SourceRows,
    index: ProductIndex,
    encoder: Encoder,
    *,
    prune: bool = False,
    batch_size: int = 64,
    progress: bool = True,
    rejects_path: Path | None = None,
    reference_labels: ReferenceLabels | None = None,
    limits: ImageLimits = ImageLimits(),
) -> IngestSummary:
    started = time.perf_counter()
    summary = IngestSummary(source=str(source.root), index_name=index.name, encoder=encoder.name)
    summary.notes.extend(source.notes)
    candidates, rejects = validate_rows(source, limits)
    summary.valid_rows = len(candidates)

    complete, incomplete = index.completeness()
    half_written = set(incomplete)
    todo = [c for c in candidates if complete.get(c.product.id) != c.content_hash]
    summary.unchanged = len(candidates) - len(todo)
    # Labelled products first, so the neighbour vote for the unlabelled ones has this run's labels to use.
    todo.sort(key=lambda c: "category" in c.missing)

    labelled_vectors: list[np.ndarray] = []
    labelled_categories: list[str] = []
    category_inferrer = _CategoryInferrerHolder(
        encoder, lambda: _labelled_set(index, candidates, todo, labelled_vectors, labelled_categories,
                                       encoder, reference_labels)
    )

    bar = _progress_bar(len(todo), progress)
    encode_started = time.perf_counter()
    try:
        for batch in _decoded_batches(todo, batch_size, limits):
            good = []
            for item in batch:
                if item.problem is not None:
                    rejects.append(Reject(item.candidate.line, item.candidate.product.id, item.problem))
                    summary.valid_rows -= 1
                else:
                    good.append(item)
            if good:
                products = _encode_and_store(good, index, encoder, category_inferrer,
                                             labelled_vectors, labelled_categories)
                for product in products:
                    if product.id in complete:
                        summary.updated += 1
                    else:
                        summary.added += 1
                    if product.inferred & {"category", "color"}:
                        summary.inferred += 1
                summary.encoded += len(products)
            bar.update(len(batch))
    finally:
        bar.close()
    summary.encode_seconds = time.perf_counter() - encode_started

    encoded_ids = {c.product.id for c in todo}
    summary.repaired = len(half_written & encoded_ids)
    # A product half-written by an interrupted run and not rewritten now must not linger misaligned.
    stale_halves = half_written - encoded_ids
    if stale_halves:
        index.delete(sorted(stale_halves))
        summary.repaired += len(stale_halves)
    if prune:
        # Rows rejected this time keep their last good version: a typo in the file must not delete a product.
        keep = {c.product.id for c in candidates} | {r.id for r in rejects if r.id}
        gone = [product_id for product_id in index.ids() if product_id not in keep]
        if gone:
            index.delete(gone)
        summary.pruned = len(gone)

    summary.rejected = len(rejects)
    summary.rejects_path = _write_rejects(rejects_path, rejects)
    summary.seconds = time.perf_counter() - started
    return summary


class _CategoryInferrerHolder:
    """Builds the category inferrer only when a product needs one: most catalogs give every category."""

    def __init__(self, encoder: Encoder, labelled: Callable[[], tuple[np.ndarray, list[str]]]) -> None:
        self._encoder = encoder
        self._labelled = labelled
        self._inferrer: ZeroShotCategories | NeighbourCategories | None = None

    def infer(self, image_vectors: np.ndarray) -> list[tuple[str, float]]:
        if self._inferrer is None:
            if self._encoder.shared_space:
                self._inferrer = ZeroShotCategories(self._encoder)
            else:
                self._inferrer = NeighbourCategories(self._labelled)
        return self._inferrer.infer(image_vectors)


def _labelled_set(
    index: ProductIndex,
    candidates: Sequence[Candidate],
    todo: Sequence[Candidate],
    run_vectors: list[np.ndarray],
    run_categories: list[str],
    encoder: Encoder,
    reference_labels: ReferenceLabels | None,
) -> tuple[np.ndarray, list[str]]:
    vectors = list(run_vectors)
    categories = list(run_categories)
    encoded_now = {c.product.id for c in todo}
    from_index = [
        c for c in candidates if "category" not in c.missing and c.product.id not in encoded_now
    ][:MAX_LABELLED_FROM_INDEX]
    if from_index:
        vectors.extend(index.get_vectors([c.product.id for c in from_index], "image"))
        categories.extend(c.product.category for c in from_index)
    if len(categories) < MIN_OWN_LABELLED and reference_labels is not None:
        reference_vectors, reference_categories = reference_labels(encoder)
        vectors.extend(reference_vectors)
        categories.extend(reference_categories)
    if not vectors:
        return np.zeros((0, encoder.image_dim), dtype=np.float32), []
    return np.stack(vectors).astype(np.float32), categories


def _decoded_batches(todo: Sequence[Candidate], batch_size: int, limits: ImageLimits) -> Iterator[list[_Decoded]]:
    """Decodes batch n+1 on a worker thread while batch n is being encoded (PIL releases the GIL)."""
    batches = [todo[start : start + batch_size] for start in range(0, len(todo), batch_size)]
    if not batches:
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="decode") as pool:
        pending: Future = pool.submit(_decode_batch, batches[0], limits)
        for following in batches[1:]:
            ready = pending.result()
            pending = pool.submit(_decode_batch, following, limits)
            yield ready
        yield pending.result()


def _decode_batch(batch: Sequence[Candidate], limits: ImageLimits) -> list[_Decoded]:
    decoded = []
    for candidate in batch:
        try:
            decoded.append(_Decoded(candidate, load_image(Path(candidate.product.image), limits), None))
        except ImageProblem as problem:
            decoded.append(_Decoded(candidate, None, str(problem)))
    return decoded


def _encode_and_store(
    batch: Sequence[_Decoded],
    index: ProductIndex,
    encoder: Encoder,
    category_inferrer: _CategoryInferrerHolder,
    labelled_vectors: list[np.ndarray],
    labelled_categories: list[str],
) -> list[Product]:
    images = [item.image for item in batch]
    image_vectors = encoder.embed_images(images)
    products = []
    needs_category = [row for row, item in enumerate(batch) if "category" in item.candidate.missing]
    inferred_categories = dict(
        zip(needs_category, category_inferrer.infer(image_vectors[needs_category]) if needs_category else [])
    )
    for row, item in enumerate(batch):
        product = item.candidate.product
        if "color" in item.candidate.missing:
            color, _confidence = infer_color(item.image)
            product = replace(product, color=color)
        if row in inferred_categories:
            product = replace(product, category=inferred_categories[row][0])
        else:
            labelled_vectors.append(image_vectors[row])
            labelled_categories.append(product.category)
        products.append(product)
    text_vectors = encoder.embed_texts([product.embedding_text() for product in products])
    index.upsert(products, [item.candidate.content_hash for item in batch], image_vectors, text_vectors)
    return products


def _write_rejects(path: Path | None, rejects: Sequence[Reject]) -> Path | None:
    if path is None:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        for reject in sorted(rejects, key=lambda r: r.line):
            handle.write(json.dumps(reject.to_dict(), ensure_ascii=False) + "\n")
    temporary.replace(path)
    return path


def _progress_bar(total: int, enabled: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="encoding", unit="img", file=sys.stderr, disable=not enabled or total == 0,
                dynamic_ncols=True, leave=False)
