"""Auto-tagging quality: ingestion's inferred category and colour against the held-out true labels.

    python -m benchmarks.tagging --encoder lite

A sample of catalog items is ingested, as a shop's unlabelled catalog would be, into a scratch index with
category and colour removed; with `lite` the neighbour vote borrows labelled demo photos exactly as ingestion
does, except that the sampled items' own groups (their other colourways) are left out, so no item is tagged
by a recolouring of itself.
"""
from __future__ import annotations

import json
import shutil
import sys
from typing import Any, Sequence

import numpy as np

from benchmarks import common
from benchmarks.degrade import degrade, random_degradation
from catalog.records import CATEGORIES, COLORS

PER_CATEGORY = {"full": 30, "quick": 1}
CONDITIONS = ("catalog photo", "degraded photo")


def main(argv: Sequence[str] | None = None) -> int:
    args = common.parser(__doc__.splitlines()[0]).parse_args(argv)
    run = common.start("tagging", args, argv)
    if run.encoder is None:
        return common.finish_missing(run)
    catalog = common.open_catalog(run)
    rng = np.random.default_rng([args.seed, 7])
    sample = _sample(catalog, PER_CATEGORY["quick" if args.quick else "full"], rng)
    reference = _reference(run, catalog, {p.group_id for p in sample})
    conditions = {}
    for condition in CONDITIONS:
        predicted = _ingest_unlabelled(run, sample, condition, reference, rng)
        conditions[condition] = {
            "category": _scores([p.category for p in sample], [predicted[p.id][0] for p in sample], CATEGORIES),
            "colour": _scores([p.color for p in sample], [predicted[p.id][1] for p in sample], COLORS),
        }
    method = ("zero-shot prompts (shared space)" if run.encoder.shared_space
              else f"neighbour vote over {len(reference[1])} labelled demo photos from other groups")
    report = run.report({"sample": len(sample), "category_method": method, "colour_method": "pixels (infer_color)",
                         "conditions": conditions})
    print(render(report))
    common.write_json(run, report)
    common.write_plot(run, lambda figure: draw(figure, report), size=(15, 12))
    return 0


def _sample(catalog, per_category: int, rng: np.random.Generator) -> list:
    """`per_category` items of every category, one colourway each."""
    chosen = []
    for category in CATEGORIES:
        groups = sorted(g for g, members in catalog.groups.items() if members[0].category == category)
        for group in rng.choice(groups, size=min(per_category, len(groups)), replace=False):
            members = catalog.groups[str(group)]
            chosen.append(members[rng.integers(len(members))])
    return chosen


def _reference(run, catalog, held_out_groups: set[str]) -> tuple[np.ndarray, list[str]]:
    """What `demo_reference_labels` gives ingestion (one colourway per item, a few per category), minus held-out groups."""
    from catalog.build import REFERENCE_PER_CATEGORY
    from catalog.images import load_image

    picked: dict[str, list] = {category: [] for category in CATEGORIES}
    for group, members in sorted(catalog.groups.items()):
        slot = picked[members[0].category]
        if group not in held_out_groups and len(slot) < REFERENCE_PER_CATEGORY:
            slot.append(members[0])
    products = [p for category in CATEGORIES for p in picked[category]]
    if run.encoder.shared_space or not products:
        return np.zeros((0, run.encoder.image_dim), dtype=np.float32), []
    return run.encoder.embed_images([load_image(p.image) for p in products]), [p.category for p in products]


def _ingest_unlabelled(run, sample, condition: str, reference, rng) -> dict[str, tuple[str, str]]:
    """Ingests the sample with category and colour removed into a fresh scratch index; id → (category, colour)."""
    from catalog.images import load_image
    from catalog.index import open_index
    from catalog.ingest import ingest
    from catalog.settings import Settings
    from catalog.sources import read_source

    slug = condition.replace(" ", "-")
    scratch = run.settings.home / "bench-tagging" / slug
    source = scratch / "source"
    shutil.rmtree(source, ignore_errors=True)
    (source / "images").mkdir(parents=True)
    lines = []
    for product in sample:
        if condition == "catalog photo":
            name = f"images/{product.id}.png"
            shutil.copyfile(product.image, source / name)
        else:
            name = f"images/{product.id}.jpg"
            degrade(load_image(product.image), random_degradation(rng), rng).save(source / name, quality=95)
        row = {key: value for key, value in product.to_dict().items() if key not in ("category", "color", "inferred")}
        # The title and description name the colour and kind; a shop that has no labels has no such words either.
        row.update(image=name, title=f"{product.brand} item {product.id}", title_zh="", description="")
        lines.append(json.dumps(row, ensure_ascii=False))
    (source / "products.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    settings = Settings.from_env({"LIKETHIS_HOME": str(scratch / "home")})
    index = open_index(settings, "tagging", run.encoder.describe(), create=True)
    index.drop()  # a re-run must infer again, not find every row unchanged
    index = open_index(settings, "tagging", run.encoder.describe(), create=True)
    summary = ingest(read_source(source), index, run.encoder, progress=False,
                     reference_labels=lambda _encoder: reference)
    if summary.rejected or summary.encoded != len(sample):
        raise RuntimeError(f"tagging ingest lost rows: {summary.render()}")
    tagged = index.get([p.id for p in sample])
    return {p.id: (p.category, p.color) for p in tagged}


def _scores(truth: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    position = {label: i for i, label in enumerate(labels)}
    matrix = np.zeros((len(labels), len(labels)), dtype=int)
    for t, p in zip(truth, predicted):
        matrix[position[t], position[p]] += 1
    present = [i for i in range(len(labels)) if matrix[i].sum()]  # labels that occur in the truth
    true_positive = np.diag(matrix).astype(float)
    precision = np.divide(true_positive, matrix.sum(axis=0), out=np.zeros(len(labels)), where=matrix.sum(axis=0) > 0)
    recall = np.divide(true_positive, matrix.sum(axis=1), out=np.zeros(len(labels)), where=matrix.sum(axis=1) > 0)
    f1 = np.divide(2 * precision * recall, precision + recall, out=np.zeros(len(labels)),
                   where=(precision + recall) > 0)
    return {
        "n": len(truth),
        "accuracy": round(float(true_positive.sum() / max(1, len(truth))), 4),
        "macro_precision": round(float(precision[present].mean()), 4),
        "macro_recall": round(float(recall[present].mean()), 4),
        "macro_f1": round(float(f1[present].mean()), 4),
        "labels": list(labels),
        "confusion": matrix.tolist(),  # rows: true label, columns: inferred label
    }


def render(report: dict[str, Any]) -> str:
    rows = []
    for condition, attributes in report["conditions"].items():
        for attribute, s in attributes.items():
            rows.append([condition, attribute, s["accuracy"], s["macro_precision"], s["macro_recall"], s["macro_f1"],
                         s["n"]])
    return (f"auto-tagging - encoder {report['encoder']['name']}\n"
            f"category: {report['category_method']}; colour: {report['colour_method']}\n"
            + common.table(["photos", "attribute", "accuracy", "macro P", "macro R", "macro F1", "n"], rows))


def draw(figure, report: dict[str, Any]) -> None:
    panels = [(c, a) for c in report["conditions"] for a in ("category", "colour")]
    for position, (condition, attribute) in enumerate(panels, start=1):
        scores = report["conditions"][condition][attribute]
        matrix = np.asarray(scores["confusion"], dtype=float)
        shares = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)
        axis = figure.add_subplot(2, 2, position)
        axis.imshow(shares, cmap="Blues", vmin=0, vmax=1)
        labels = scores["labels"]
        axis.set_xticks(range(len(labels)), labels, rotation=60, ha="right", fontsize=8)
        axis.set_yticks(range(len(labels)), labels, fontsize=8)
        for (row, column), count in np.ndenumerate(matrix):
            if count:
                axis.text(column, row, int(count), ha="center", va="center", fontsize=7,
                          color="white" if shares[row, column] > 0.6 else "black")
        axis.set_xlabel("inferred")
        axis.set_ylabel("true")
        axis.set_title(f"{attribute}, {condition}: accuracy {scores['accuracy']:.2f}, macro F1 {scores['macro_f1']:.2f}",
                       fontsize=10)
    figure.suptitle(f"auto-tagging · {report['encoder']['name']}")


if __name__ == "__main__":
    sys.exit(main())
