"""Speed as ratios to the encoder, measured in one process: per-turn overhead, ingestion, CLIP-sized compute.

    python -m benchmarks.speed --encoder lite

Every turn is timed next to the raw encoder call for the same input (the photo through `embed_images`, the
refinement text through `embed_texts`), alternating which goes first, so both see the same machine load.
"""
from __future__ import annotations

import sys
from typing import Any, Sequence

import numpy as np

from benchmarks import common
from benchmarks.degrade import degrade, random_degradation

FULL = {"turns": 100, "warmup": 10, "clip_reps": 20, "clip_batch": 32}
QUICK = {"turns": 4, "warmup": 2, "clip_reps": 2, "clip_batch": 2}
TARGET_TURN_RATIO = 1.3
TARGET_INGEST_RATIO = 0.9
INGEST_BATCH = 64  # what `catalog build` uses

# Refinements a shopper types after a photo, both languages: filters, relative price, references, free text.
REFINEMENTS = (
    "in red", "cheaper", "not white", "under 300", "same but navy", "#2 but in black", "for the beach",
    "换成蓝色", "便宜点", "不要白色的", "300元以下", "适合通勤的",
)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = common.parser(__doc__.splitlines()[0])
    arguments.add_argument("--skip-clip-compute", action="store_true",
                           help="do not time the randomly initialised ViT-B/32")
    args = arguments.parse_args(argv)
    run = common.start("speed", args, argv)
    if run.encoder is None:
        return common.finish_missing(run)
    sizes = QUICK if args.quick else FULL
    catalog = common.open_catalog(run)
    sections: dict[str, Any] = {"catalog": {"products": len(catalog.products)}}
    sections["turns"] = turn_latency(run, catalog, sizes)
    sections["ingestion"] = ingestion(run, catalog)
    if not args.skip_clip_compute:
        sections["clip_compute"] = clip_compute(sizes, sections["turns"])
    sections["targets"] = _targets(sections)
    report = run.report(sections)
    print(render(report))
    common.write_json(run, report)
    common.write_plot(run, lambda figure: draw(figure, report), size=(14, 5))
    return 0


# --- per-turn latency against the encoder ------------------------------------------------------------------

def turn_latency(run, catalog, sizes: dict[str, int]) -> dict[str, Any]:
    from assistant.engine import Assistant
    from catalog.images import load_image

    encoder = common.Timed(run.encoder, common.ENCODER_METHODS)
    index = common.Timed(catalog.index, common.INDEX_METHODS)
    assistant = Assistant(encoder, index)
    assistant.thresholds  # calibration is a one-off at start-up, not part of a turn
    rng = np.random.default_rng([run.args.seed, 11])
    picks = rng.choice(len(catalog.products), size=sizes["turns"] + sizes["warmup"], replace=True)
    photos = [degrade(load_image(catalog.products[i].image), random_degradation(rng), rng) for i in picks]

    photo_rows, text_rows = [], []
    for number, photo in enumerate(photos):
        measuring = number >= sizes["warmup"]
        encoder_first = number % 2 == 0
        # A new-photo turn against the photo's own forward pass.
        photo_turn, reply, forward = _paired(lambda: assistant.turn(assistant.new_session(), image=photo),
                                             lambda: run.encoder.embed_images([photo]), encoder_first, encoder, index)
        # A text refinement turn on that session against the text's own forward pass.
        text = REFINEMENTS[number % len(REFINEMENTS)]
        text_turn, _, text_forward = _paired(lambda: assistant.turn(reply.session, text=text),
                                             lambda: run.encoder.embed_texts([text]), encoder_first, encoder, index)
        if measuring:
            photo_rows.append({**photo_turn, "forward": forward})
            text_rows.append({**text_turn, "forward": text_forward, "text": text})
    return {"photo_turn": _latency(photo_rows, "embed_images([photo])"),
            "text_refinement_turn": _latency(text_rows, "embed_texts([text])"),
            "warmup_turns": sizes["warmup"]}


def _paired(turn, forward, forward_first: bool, encoder: common.Timed, index: common.Timed):
    """(turn timing with its breakdown, the reply, the raw forward time), run in the order asked."""
    if forward_first:
        forward_seconds, _ = common.timed(forward)
    encoder.reset()
    index.reset()
    seconds, reply = common.timed(turn)
    timing = {"turn": seconds, "encoder": encoder.total(),
              **{f"index.{name}": value for name, value in index.seconds.items()}}
    if not forward_first:
        forward_seconds, _ = common.timed(forward)
    return timing, reply, forward_seconds


def _latency(rows: list[dict[str, Any]], forward_label: str) -> dict[str, Any]:
    turn = [r["turn"] for r in rows]
    forward = [r["forward"] for r in rows]
    turn_ms, forward_ms = common.summary_ms(turn), common.summary_ms(forward)
    parts = sorted({key for r in rows for key in r if key == "encoder" or key.startswith("index.")})
    breakdown = {part: round(1000 * float(np.mean([r.get(part, 0.0) for r in rows])), 2) for part in parts}
    breakdown["other (python)"] = round(turn_ms["mean"] - sum(breakdown.values()), 2)
    per_turn = common.distribution([t / f for t, f in zip(turn, forward)])
    return {
        "turn_ms": turn_ms, "encoder_forward_ms": forward_ms, "forward": forward_label,
        "ratio_p50": common.ratio(turn_ms["p50"], forward_ms["p50"]),
        "ratio_p95": common.ratio(turn_ms["p95"], forward_ms["p95"]),
        "per_turn_ratio": {k: v for k, v in per_turn.items() if k != "n"},
        "overhead_ms": common.summary_ms([t - f for t, f in zip(turn, forward)]),
        "breakdown_mean_ms": breakdown,
    }


# --- ingestion against raw batched encoding ------------------------------------------------------------------

def ingestion(run, catalog) -> dict[str, Any]:
    """`ingest` of the catalog into a fresh scratch index vs `embed_images` alone on the same decoded images."""
    from catalog.images import load_image
    from catalog.index import open_index
    from catalog.ingest import ingest
    from catalog.settings import Settings
    from catalog.sources import read_source

    products = catalog.products
    images = [load_image(p.image) for p in products]  # decoded up front: the raw figure is the encoder alone
    texts = [p.embedding_text() for p in products]

    def raw_images() -> float:
        seconds, _ = common.timed(lambda: [run.encoder.embed_images(images[i:i + INGEST_BATCH])
                                           for i in range(0, len(images), INGEST_BATCH)])
        return len(images) / seconds

    def raw_texts() -> float:
        seconds, _ = common.timed(lambda: [run.encoder.embed_texts(texts[i:i + INGEST_BATCH])
                                           for i in range(0, len(texts), INGEST_BATCH)])
        return len(texts) / seconds

    before = raw_images()
    settings = Settings.from_env({"LIKETHIS_HOME": str(run.settings.home / "bench-ingest")})
    index = open_index(settings, f"ingest-{run.encoder.backend}", run.encoder.describe(), create=True)
    index.drop()  # every run encodes everything: an unchanged catalog would encode nothing
    index = common.Timed(open_index(settings, f"ingest-{run.encoder.backend}", run.encoder.describe()),
                         common.INDEX_METHODS)
    encoder = common.Timed(run.encoder, common.ENCODER_METHODS)
    summary = ingest(read_source(catalog.source), index, encoder, progress=False, batch_size=INGEST_BATCH)
    after = raw_images()
    text_rate = raw_texts()
    raw = (before + after) / 2
    both = 1.0 / (1.0 / raw + 1.0 / text_rate)  # images/s if every product needs one image and one text pass
    inside = encoder.seconds["embed_images"]
    parts = {f"encoder.{k}": round(v, 2) for k, v in encoder.seconds.items()}
    parts.update({f"index.{k}": round(v, 2) for k, v in index.seconds.items()})
    parts["other (validate, hash, decode wait, colour, python)"] = round(summary.seconds - sum(parts.values()), 2)
    return {
        "products": summary.encoded, "ingest_seconds": round(summary.seconds, 2),
        "ingest_images_per_second": round(summary.images_per_second, 2),
        "raw_images_per_second": {"before": round(before, 2), "after": round(after, 2), "mean": round(raw, 2)},
        "raw_text_per_second": round(text_rate, 2),
        "raw_image_and_text_per_second": round(both, 2),
        "ratio_to_raw_images": common.ratio(summary.images_per_second, raw),
        "ratio_to_raw_image_and_text": common.ratio(summary.images_per_second, both),
        # Measured over the very same minutes, so other load on the machine cancels out: the share of the
        # build spent in the image encoder, i.e. build throughput / its own image-encoding throughput.
        "ratio_to_image_encoding_within_build": common.ratio(inside, summary.seconds),
        "breakdown_seconds": parts, "batch_size": INGEST_BATCH,
    }


# --- CLIP-sized compute without CLIP weights ---------------------------------------------------------------------

def clip_compute(sizes: dict[str, int], turns: dict[str, Any]) -> dict[str, Any]:
    """A randomly initialised ViT-B/32 (CLIP's architecture, identical FLOPs): its forward times, never its relevance."""
    import torch
    from PIL import Image
    from transformers import CLIPConfig, CLIPImageProcessor, CLIPModel

    torch.manual_seed(0)
    config = CLIPConfig()  # the defaults are ViT-B/32: vision 768×12 / patch 32 / 224 px, text 512×12, proj 512
    model = CLIPModel(config).eval()
    processor = CLIPImageProcessor()  # CLIP's resize-224 / centre-crop / normalise
    rng = np.random.default_rng(3)
    photo = Image.fromarray(rng.integers(0, 255, (320, 240, 3), dtype=np.uint8))
    tokens = torch.from_numpy(rng.integers(1, config.text_config.vocab_size, (1, 12))).long()

    def image_forward(images) -> None:
        with torch.inference_mode():
            model.get_image_features(pixel_values=processor(images=images, return_tensors="pt")["pixel_values"])

    def text_forward() -> None:
        with torch.inference_mode():
            model.get_text_features(input_ids=tokens, attention_mask=torch.ones_like(tokens))

    image_forward([photo])
    text_forward()  # warm-up
    image_times = [common.timed(lambda: image_forward([photo]))[0] for _ in range(sizes["clip_reps"])]
    text_times = [common.timed(text_forward)[0] for _ in range(sizes["clip_reps"])]
    batch = [photo] * sizes["clip_batch"]
    batch_seconds = min(common.timed(lambda: image_forward(batch))[0] for _ in range(2))
    image_ms, text_ms = common.summary_ms(image_times), common.summary_ms(text_times)

    def projected(kind: str, forward_ms: dict[str, float]) -> float | None:
        overhead = turns[kind]["overhead_ms"]["p95"]
        return common.ratio(forward_ms["p95"] + overhead, forward_ms["p95"])

    vision, text = config.vision_config, config.text_config
    return {
        "label": "randomly initialised ViT-B/32 (same architecture and FLOPs as CLIP; compute only, no relevance)",
        "architecture": {"vision": f"{vision.hidden_size}×{vision.num_hidden_layers}, patch {vision.patch_size}, "
                                   f"{vision.image_size} px", "text": f"{text.hidden_size}×{text.num_hidden_layers}",
                         "projection": config.projection_dim,
                         "parameters_millions": round(sum(p.numel() for p in model.parameters()) / 1e6, 1)},
        "image_ms_batch1": image_ms, "text_ms_batch1_12_tokens": text_ms,
        "image_batch": sizes["clip_batch"],
        "images_per_second_batched": round(sizes["clip_batch"] / batch_seconds, 2),
        # Our pipeline's overhead (measured above with this run's encoder) on top of CLIP's forward time.
        "projected_ratio_p95": {"photo_turn": projected("photo_turn", image_ms),
                                "text_refinement_turn": projected("text_refinement_turn", text_ms)},
    }


def _targets(sections: dict[str, Any]) -> dict[str, Any]:
    turns, ingest = sections["turns"], sections["ingestion"]
    targets = {
        f"photo turn p95 ≤ {TARGET_TURN_RATIO}× encoder": turns["photo_turn"]["ratio_p95"],
        f"text refinement turn p95 ≤ {TARGET_TURN_RATIO}× encoder": turns["text_refinement_turn"]["ratio_p95"],
    }
    result = {name: {"value": value, "met": value is not None and value <= TARGET_TURN_RATIO}
              for name, value in targets.items()}
    value = ingest["ratio_to_raw_images"]
    result[f"ingestion ≥ {TARGET_INGEST_RATIO}× raw image encoding"] = {
        "value": value, "met": value is not None and value >= TARGET_INGEST_RATIO}
    return result


# --- output -----------------------------------------------------------------------------------------------------

def render(report: dict[str, Any]) -> str:
    lines = [f"speed - encoder {report['encoder']['name']} - catalog {report['catalog']['products']} products"]
    rows = []
    for kind, values in report["turns"].items():
        if not isinstance(values, dict):
            continue
        turn, forward = values["turn_ms"], values["encoder_forward_ms"]
        rows.append([kind.replace("_", " "), turn["p50"], turn["p95"], turn["max"], forward["p50"], forward["p95"],
                     values["ratio_p50"], values["ratio_p95"], turn["n"]])
    lines.append(common.table(["turn (ms)", "p50", "p95", "max", "enc p50", "enc p95", "ratio p50", "ratio p95", "n"],
                              rows))
    for kind in ("photo_turn", "text_refinement_turn"):
        breakdown = report["turns"][kind]["breakdown_mean_ms"]
        lines.append(f"  {kind} mean breakdown (ms): " + ", ".join(f"{k} {v}" for k, v in breakdown.items()))
    ingest = report["ingestion"]
    lines.append(common.table(
        ["ingestion", "images/s", "raw images/s", "raw image+text/s", "ratio (images)", "ratio (image+text)",
         "ratio within build", "n"],
        [["catalog build", ingest["ingest_images_per_second"], ingest["raw_images_per_second"]["mean"],
          ingest["raw_image_and_text_per_second"], ingest["ratio_to_raw_images"],
          ingest["ratio_to_raw_image_and_text"], ingest["ratio_to_image_encoding_within_build"],
          ingest["products"]]]))
    lines.append("  ingestion breakdown (s): " + ", ".join(f"{k} {v}" for k, v in ingest["breakdown_seconds"].items()))
    clip = report.get("clip_compute")
    if clip:
        lines.append(common.table(
            ["CLIP ViT-B/32, RANDOM weights (compute only)", "p50 ms", "p95 ms", "projected turn ratio p95"],
            [["image, batch 1 (preprocess + forward)", clip["image_ms_batch1"]["p50"], clip["image_ms_batch1"]["p95"],
              clip["projected_ratio_p95"]["photo_turn"]],
             ["text, batch 1, 12 tokens", clip["text_ms_batch1_12_tokens"]["p50"],
              clip["text_ms_batch1_12_tokens"]["p95"], clip["projected_ratio_p95"]["text_refinement_turn"]],
             [f"images/s at batch {clip['image_batch']}", clip["images_per_second_batched"], None, None]]))
    lines.append(common.table(["target", "value", "met"],
                              [[name, t["value"], "yes" if t["met"] else "NO"] for name, t in report["targets"].items()]))
    return "\n".join(lines)


def draw(figure, report: dict[str, Any]) -> None:
    turns = report["turns"]
    kinds = ("photo_turn", "text_refinement_turn")
    axis = figure.add_subplot(1, 3, 1)
    for offset, (label, key) in enumerate((("turn", "turn_ms"), ("encoder forward", "encoder_forward_ms"))):
        p50 = [turns[k][key]["p50"] for k in kinds]
        p95 = [turns[k][key]["p95"] for k in kinds]
        axis.bar(np.arange(2) + 0.4 * offset, p95, 0.38, label=f"{label} p95", alpha=0.5)
        axis.bar(np.arange(2) + 0.4 * offset, p50, 0.38, label=f"{label} p50")
    axis.set_xticks(np.arange(2) + 0.2, ["new photo", "text refinement"])
    axis.set_ylabel("ms")
    axis.set_title("turn vs raw encoder (same inputs)", fontsize=10)
    axis.legend(fontsize=8)

    axis = figure.add_subplot(1, 3, 2)
    bottom = np.zeros(2)
    parts = sorted({p for k in kinds for p in turns[k]["breakdown_mean_ms"]})
    for part in parts:
        values = np.array([max(0.0, turns[k]["breakdown_mean_ms"].get(part, 0.0)) for k in kinds])
        axis.bar(["new photo", "text refinement"], values, bottom=bottom, label=part)
        bottom += values
    axis.set_ylabel("mean ms per turn")
    axis.set_title("where a turn's time goes", fontsize=10)
    axis.legend(fontsize=7)

    axis = figure.add_subplot(1, 3, 3)
    ingest = report["ingestion"]
    labels = ["ingestion", "raw images", "raw image+text"]
    axis.bar(labels, [ingest["ingest_images_per_second"], ingest["raw_images_per_second"]["mean"],
                      ingest["raw_image_and_text_per_second"]], color=["C3", "C0", "C1"])
    axis.set_ylabel("images / s")
    axis.set_title(f"ingestion vs raw encoder: {ingest['ratio_to_raw_images']}×", fontsize=10)
    figure.suptitle(f"speed · {report['encoder']['name']} · {report['catalog']['products']} products")


if __name__ == "__main__":
    sys.exit(main())
