"""Scale: retrieval-only and full-turn latency, and the app's peak memory, at the demo size and padded to 100k.

    python -m benchmarks.scale --encoder lite

The large index holds the demo catalog plus synthetic products drawn like the real ones: each synthetic
item copies a real item's category and price band, its vectors are the real item's vectors plus noise (so
they cluster as real catalogs do), and each comes in 3-5 colourways. They are written straight through
`ProductIndex.upsert` into a scratch LIKETHIS_HOME (<home>/bench-scale-<size>), kept for the next run.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from typing import Any, Sequence

import numpy as np

from benchmarks import common
from benchmarks.degrade import degrade, random_degradation

FULL = {"padded": 100_000, "queries": 40, "turns": 30, "warmup": 5}
QUICK = {"padded": 1_500, "queries": 3, "turns": 3, "warmup": 1}
TARGET_RETRIEVAL_P95_MS = 30.0
POOL = 60  # what the engine asks each space for at k=10 (retrieve.MIN_POOL)
WRITE_CHUNK = 5_000
LAYOUT = 1  # bump when the synthetic generator changes: a cached padded index is then rebuilt


def main(argv: Sequence[str] | None = None) -> int:
    arguments = common.parser(__doc__.splitlines()[0])
    arguments.add_argument("--size", type=int, default=None, help="products in the padded index (default 100000)")
    arguments.add_argument("--memory-probe", nargs=2, metavar=("HOME", "INDEX"), help=argparse.SUPPRESS)
    args = arguments.parse_args(argv)
    if args.memory_probe:
        return _memory_probe(args)
    run = common.start("scale", args, argv)
    if run.encoder is None:
        return common.finish_missing(run)
    sizes = dict(QUICK if args.quick else FULL)
    if args.size:
        sizes["padded"] = args.size
    catalog = common.open_catalog(run)
    padded_settings = _padded_settings(run, sizes["padded"])
    padded = padded_index(run, catalog, padded_settings, sizes["padded"])
    levels = []
    for label, index, home in (("demo", catalog.index, run.settings.home),
                               (f"padded {sizes['padded']:,}", padded, padded_settings.home)):
        print(f"measuring {label} ({index.count():,} products)", file=sys.stderr)
        # --quick probes memory once (the large index): each probe is a fresh process loading the models.
        probe = not args.quick or index is padded
        levels.append({"label": label, "products": index.count(),
                       **measure(run, catalog, index, home if probe else None, sizes)})
    report = run.report({"levels": levels, "targets": _targets(levels)})
    print(render(report))
    common.write_json(run, report)
    common.write_plot(run, lambda figure: draw(figure, report), size=(14, 5))
    return 0


# --- the padded index --------------------------------------------------------------------------------------------

def _padded_settings(run, size: int):
    from catalog.settings import Settings

    return Settings.from_env({"LIKETHIS_HOME": str(run.settings.home / f"bench-scale-{size}")})


def padded_index(run, catalog, settings, size: int):
    """The catalog plus synthetic products up to `size`, built once and reused while its recipe is unchanged."""
    from catalog.index import open_index

    name = f"padded-{run.encoder.backend}"
    recipe = {"layout": LAYOUT, "size": size, "seed": run.args.seed, "encoder": run.encoder.name,
              "real": len(catalog.products)}
    marker = settings.home / f"{name}.recipe.json"
    index = open_index(settings, name, run.encoder.describe(), create=True)
    if marker.is_file() and json.loads(marker.read_text()) == recipe and index.count() == size:
        return index
    index.drop()
    index = open_index(settings, name, run.encoder.describe(), create=True)
    ids = [p.id for p in catalog.products]
    image = catalog.index.get_vectors(ids, "image")
    text = catalog.index.get_vectors(ids, "text")
    index.upsert(catalog.products, [f"real-{i}" for i in ids], image, text)
    rng = np.random.default_rng([run.args.seed, size])
    written, group = len(ids), 0
    while written < size:
        products, image_rows, text_rows = [], [], []
        while len(products) < min(WRITE_CHUNK, size - written):
            made = _synthetic_group(group, catalog.products, image, text, rng, size - written - len(products))
            group += 1
            for product, image_vector, text_vector in made:
                products.append(product)
                image_rows.append(image_vector)
                text_rows.append(text_vector)
        index.upsert(products, [f"synthetic-{p.id}" for p in products], np.stack(image_rows), np.stack(text_rows))
        written += len(products)
        print(f"padded index: {written:,}/{size:,}", file=sys.stderr, flush=True)
    marker.write_text(json.dumps(recipe))
    return index


def _synthetic_group(number: int, real, image: np.ndarray, text: np.ndarray, rng: np.random.Generator, room: int):
    """3-5 colourways of an invented item modelled on a random real one: [(product, image vector, text vector)]."""
    from dataclasses import replace

    from catalog.palette import COLOR_NAMES
    from catalog.records import COLORS

    model = int(rng.integers(len(real)))
    template = real[model]
    count = min(room, int(rng.integers(3, 6)))
    item_image = image[model] + _noise(rng, image.shape[1], 0.5)
    item_text = text[model] + _noise(rng, text.shape[1], 0.3)
    price = template.price * float(rng.uniform(0.8, 1.25))
    made = []
    for colour in rng.choice(COLORS, size=count, replace=False):
        colour = str(colour)
        group_id = f"syn-{number:06d}"
        product = replace(
            template, id=f"{group_id}-{colour}", group_id=group_id, color=colour,
            title=template.title.replace(COLOR_NAMES["en"][template.color].capitalize(),
                                         COLOR_NAMES["en"][colour].capitalize()),
            title_zh=template.title_zh.replace(COLOR_NAMES["zh"][template.color], COLOR_NAMES["zh"][colour]),
            description=template.description.replace(COLOR_NAMES["en"][template.color], COLOR_NAMES["en"][colour]),
            price=float(round(price * float(rng.uniform(0.97, 1.03)) / 10) * 10 - 1),
        )
        made.append((product, _unit(item_image + _noise(rng, image.shape[1], 0.25)),
                     _unit(item_text + _noise(rng, text.shape[1], 0.1))))
    return made


def _noise(rng: np.random.Generator, dim: int, norm: float) -> np.ndarray:
    return (rng.standard_normal(dim) * norm / np.sqrt(dim)).astype(np.float32)


def _unit(vector: np.ndarray) -> np.ndarray:
    return (vector / np.linalg.norm(vector)).astype(np.float32)


# --- measuring one index size -------------------------------------------------------------------------------------

def measure(run, catalog, index, home, sizes: dict[str, int]) -> dict[str, Any]:
    retrieval = retrieval_latency(run, catalog, index, sizes["queries"])
    turns = turn_latency(run, catalog, index, sizes)
    memory = memory_peak(run, home, index.name) if home is not None else {"skipped": "--quick probes one size"}
    return {"retrieval": retrieval, "turns": turns, "memory": memory}


def _filters(catalog, rng: np.random.Generator) -> dict[str, list]:
    """The filters turns actually send, with values drawn from the catalog."""
    from catalog.records import Constraint

    product = catalog.products[rng.integers(len(catalog.products))]
    disliked = [catalog.products[i].id for i in rng.choice(len(catalog.products), size=5, replace=False)]
    return {
        "none": [],
        "category": [Constraint("category", "eq", product.category)],
        "colour + price below": [Constraint("color", "eq", product.color), Constraint("price", "lt", product.price)],
        "category + not colour": [Constraint("category", "eq", product.category),
                                  Constraint("color", "ne", product.color)],
        "category + colour + cheaper": [Constraint("category", "eq", product.category),
                                        Constraint("color", "eq", product.color),
                                        Constraint("price", "lt", product.price)],
        "category + dislikes": [Constraint("category", "eq", product.category), Constraint("id", "nin", disliked)],
    }


def retrieval_latency(run, catalog, index, count: int) -> dict[str, Any]:
    """`ProductIndex.query` alone (k = the engine's pool), per filter and space."""
    rng = np.random.default_rng([run.args.seed, 21])
    sample = [catalog.products[i].id for i in rng.choice(len(catalog.products), size=count, replace=True)]
    image_queries = [_unit(v + _noise(rng, len(v), 0.3)) for v in catalog.index.get_vectors(sample, "image")]
    text_queries = list(run.encoder.embed_texts([f"{p.color} {p.category}" for p in catalog.index.get(sample)]))
    for vector in image_queries[:3]:
        index.query("image", vector, POOL)  # warm-up: the first query loads the HNSW segment
    per_filter: dict[str, Any] = {}
    everything = []
    for number in range(count):
        for name, where in _filters(catalog, rng).items():
            for space, vector in (("image", image_queries[number]), ("text", text_queries[number])):
                seconds, _ = common.timed(lambda: index.query(space, vector, POOL, where))
                per_filter.setdefault(name, {}).setdefault(space, []).append(seconds)
                everything.append(seconds)
    return {"k": POOL, "all": common.summary_ms(everything),
            "by_filter": {name: {space: common.summary_ms(values) for space, values in spaces.items()}
                          for name, spaces in per_filter.items()}}


def turn_latency(run, catalog, index, sizes: dict[str, int]) -> dict[str, Any]:
    """Whole turns on this index: a new photo, a refinement of it, and a text-only search."""
    from assistant.engine import Assistant
    from catalog.images import load_image

    assistant = Assistant(run.encoder, index)
    calibration, _ = common.timed(lambda: assistant.thresholds)
    rng = np.random.default_rng([run.args.seed, 31])
    picks = rng.choice(len(catalog.products), size=sizes["turns"] + sizes["warmup"], replace=True)
    refinements = ("in red", "cheaper", "not white", "换成蓝色", "便宜点", "300元以下")
    searches = ("red dress under 300", "sneakers but not white", "50元以上的黑色运动鞋", "navy coat", "米色的包")
    times: dict[str, list[float]] = {"photo": [], "refinement": [], "text search": []}
    for number, pick in enumerate(picks):
        photo = degrade(load_image(catalog.products[pick].image), random_degradation(rng), rng)
        photo_seconds, reply = common.timed(lambda: assistant.turn(assistant.new_session(), image=photo))
        text = refinements[number % len(refinements)]
        refine_seconds, _ = common.timed(lambda: assistant.turn(reply.session, text=text))
        query = searches[number % len(searches)]
        search_seconds, _ = common.timed(lambda: assistant.turn(assistant.new_session(), text=query))
        if number >= sizes["warmup"]:
            times["photo"].append(photo_seconds)
            times["refinement"].append(refine_seconds)
            times["text search"].append(search_seconds)
    return {"calibration_seconds": round(calibration, 2),
            **{kind: common.summary_ms(values) for kind, values in times.items()}}


def memory_peak(run, home, index_name: str) -> dict[str, Any]:
    """Peak RSS of a fresh process that loads the encoder, opens this index and serves turns (the app's work)."""
    command = [sys.executable, "-m", "benchmarks.scale", "--encoder", run.encoder.backend,
               "--memory-probe", str(home), index_name]
    if run.args.threads:
        command += ["--threads", str(run.args.threads)]
    if run.args.quick:
        command.append("--quick")
    # From the repository root, where `benchmarks` is importable (it is not part of the installed package).
    done = subprocess.run(command, capture_output=True, text=True, timeout=1800, cwd=common.BENCH_DIR.parent)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "probe failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _memory_probe(args: argparse.Namespace) -> int:
    """Runs inside the subprocess `memory_peak` starts; prints one JSON line."""
    home, name = args.memory_probe
    args.home = home
    run = common.start("scale", args, [])
    from assistant.engine import Assistant
    from catalog.index import open_index

    encoder_loaded = common.peak_rss_mib()
    index = open_index(run.settings, name, run.encoder.describe(), create=False)
    assistant = Assistant(run.encoder, index)
    rng = np.random.default_rng(41)
    from PIL import Image

    for number in range(3 if args.quick else 20):
        photo = Image.fromarray(rng.integers(0, 255, (160, 160, 3), dtype=np.uint8))
        reply = assistant.turn(assistant.new_session(), image=photo)
        assistant.turn(reply.session, text=("in red", "cheaper", "not white")[number % 3])
        assistant.turn(assistant.new_session(), text="red dress under 300")
    print(json.dumps({"peak_rss_mib_after_models": encoder_loaded, "peak_rss_mib": common.peak_rss_mib()}))
    return 0


def _targets(levels: list[dict[str, Any]]) -> dict[str, Any]:
    largest = levels[-1]
    value = largest["retrieval"]["all"]["p95"]
    return {f"retrieval-only p95 ≤ {TARGET_RETRIEVAL_P95_MS:g} ms at {largest['products']:,}": {
        "value_ms": value, "met": value <= TARGET_RETRIEVAL_P95_MS}}


# --- output -------------------------------------------------------------------------------------------------------

def render(report: dict[str, Any]) -> str:
    lines = [f"scale - encoder {report['encoder']['name']}"]
    rows = []
    for level in report["levels"]:
        turns, memory = level["turns"], level["memory"]
        rows.append([level["label"], level["products"], level["retrieval"]["all"]["p50"],
                     level["retrieval"]["all"]["p95"], turns["photo"]["p95"], turns["refinement"]["p95"],
                     turns["text search"]["p95"], memory.get("peak_rss_mib"), turns["calibration_seconds"]])
    lines.append(common.table(["index", "products", "retrieval p50 ms", "retrieval p95 ms", "photo turn p95",
                               "refine turn p95", "text turn p95", "peak RSS MiB", "calibration s"], rows))
    rows = []
    for level in report["levels"]:
        for name, spaces in level["retrieval"]["by_filter"].items():
            rows.append([level["label"], name, spaces["image"]["p50"], spaces["image"]["p95"], spaces["text"]["p50"],
                         spaces["text"]["p95"]])
    lines.append(common.table(["index", f"retrieval k={POOL}, filter", "image p50", "image p95", "text p50",
                               "text p95"], rows))
    lines.append(common.table(["target", "value (ms)", "met"],
                              [[n, t["value_ms"], "yes" if t["met"] else "NO"] for n, t in report["targets"].items()]))
    return "\n".join(lines)


def draw(figure, report: dict[str, Any]) -> None:
    levels = report["levels"]
    filters = list(levels[0]["retrieval"]["by_filter"])
    axis = figure.add_subplot(1, 3, 1)
    width = 0.8 / len(levels)
    for j, level in enumerate(levels):
        values = [level["retrieval"]["by_filter"][f]["image"]["p95"] for f in filters]
        axis.bar(np.arange(len(filters)) + j * width, values, width, label=f"{level['label']} (image)")
    axis.axhline(TARGET_RETRIEVAL_P95_MS, color="red", linestyle="--", label="target")
    axis.set_xticks(np.arange(len(filters)) + width / 2, filters, rotation=30, ha="right", fontsize=8)
    axis.set_ylabel("p95 ms")
    axis.set_title(f"retrieval only (k={POOL})", fontsize=10)
    axis.legend(fontsize=8)

    axis = figure.add_subplot(1, 3, 2)
    kinds = ("photo", "refinement", "text search")
    for j, level in enumerate(levels):
        axis.bar(np.arange(3) + j * width, [level["turns"][k]["p95"] for k in kinds], width, label=level["label"])
    axis.set_xticks(np.arange(3) + width / 2, kinds)
    axis.set_ylabel("p95 ms")
    axis.set_title("full turn", fontsize=10)
    axis.legend(fontsize=8)

    axis = figure.add_subplot(1, 3, 3)
    axis.bar([level["label"] for level in levels], [level["memory"].get("peak_rss_mib") or 0 for level in levels])
    axis.set_ylabel("MiB")
    axis.set_title("peak RSS of the app process", fontsize=10)
    figure.suptitle(f"scale · {report['encoder']['name']}")


if __name__ == "__main__":
    sys.exit(main())
