"""The benchmarks run end to end on a tiny configuration and write their results with the expected keys.

They are not judged here: the numbers live in benchmarks/RESULTS.md. Every run uses --quick (a few demo
items per category, a handful of queries, a small padded index) so the whole file stays well under a minute.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import relevance, scale, speed, tagging, words

pytestmark = pytest.mark.slow
REPORT_KEYS = {"benchmark", "command", "quick", "when", "machine", "encoder", "seconds"}


@pytest.fixture(scope="module")
def bench_dirs(tmp_path_factory) -> tuple[Path, Path]:
    """One data directory for the module, so the quick catalog and its index are built once."""
    root = tmp_path_factory.mktemp("bench")
    return root / "home", root / "out"


def _run(module, encoder: str, dirs: tuple[Path, Path], *extra: str, label: str | None = None) -> dict:
    home, out = dirs
    assert module.main(["--quick", "--encoder", encoder, "--home", str(home), "--out", str(out), *extra]) == 0
    name = module.__name__.rsplit(".", 1)[1]
    report = json.loads((out / f"{name}-{label or encoder}-quick.json").read_text(encoding="utf-8"))
    assert REPORT_KEYS <= set(report)
    assert report["machine"]["cores"] and report["machine"]["cpu"]
    if report["encoder"]["status"] == "measured":
        assert (out / f"{name}-{label or encoder}-quick.png").stat().st_size > 0
    return report


def test_relevance_reports_every_task_and_the_lift_over_baselines(bench_dirs, tiny_clip_path, monkeypatch):
    # The tiny random CLIP shares its text and image space, so the naive-sum baseline runs too.
    monkeypatch.setenv("LIKETHIS_CLIP_MODEL", str(tiny_clip_path))
    monkeypatch.setenv("LIKETHIS_CLIP_TEXT_MODEL", "")
    report = _run(relevance, "clip", bench_dirs)
    assert report["encoder"]["status"] == "measured" and report["encoder"]["shared_space"]
    assert {"R@1", "R@5", "MRR"} <= set(report["exact"]["ours"])
    assert {"R@1", "R@5", "R@10"} <= set(report["composed"]["ours_by_language"]["en"])
    assert set(report["composed"]["ours_by_language"]) == {"en", "zh"}
    assert report["composed"]["baselines"]["naive_sum"]["n"] == report["composed"]["ours"]["n"]
    assert {"P@10 category", "P@10 colour", "P@10 both"} <= set(report["unseen"]["ours"])
    assert {"satisfying@10", "all_constraints_met"} <= set(report["text"]["ours"])
    assert set(report["multi_turn"]["pass_rate"]) == set(relevance.SCRIPT_STEPS)
    assert {"exact", "composed", "text"} <= set(report["lift"])


def test_a_backend_without_weights_is_reported_missing_not_measured(bench_dirs, monkeypatch):
    monkeypatch.setenv("LIKETHIS_CLIP_MODEL", "sentence-transformers/no-such-model-offline")
    report = _run(relevance, "clip", bench_dirs)
    assert report["encoder"]["status"] == "missing" and "not available" in report["encoder"]["reason"]
    assert "exact" not in report


def test_tagging_scores_inferred_labels_against_the_truth(bench_dirs):
    report = _run(tagging, "lite", bench_dirs)
    for condition in tagging.CONDITIONS:
        for attribute, labels in (("category", 10), ("colour", 13)):
            scores = report["conditions"][condition][attribute]
            assert {"accuracy", "macro_precision", "macro_recall", "macro_f1"} <= set(scores)
            assert len(scores["confusion"]) == labels and sum(map(sum, scores["confusion"])) == report["sample"]


def test_speed_reports_turns_and_ingestion_as_ratios_to_the_encoder(bench_dirs):
    report = _run(speed, "lite", bench_dirs, "--skip-clip-compute")
    for kind in ("photo_turn", "text_refinement_turn"):
        turn = report["turns"][kind]
        assert turn["ratio_p95"] > 0 and {"p50", "p95", "max"} <= set(turn["turn_ms"])
    assert report["ingestion"]["ratio_to_raw_images"] > 0
    assert all("met" in target for target in report["targets"].values())


def test_scale_reports_retrieval_turns_and_memory_per_index_size(bench_dirs):
    report = _run(scale, "lite", bench_dirs, "--size", "400")
    assert [level["products"] for level in report["levels"]][1] == 400
    for level in report["levels"]:
        assert level["retrieval"]["all"]["p95"] > 0
        assert {"photo", "refinement", "text search"} <= set(level["turns"])
    memory = report["levels"][-1]["memory"]  # --quick probes the largest index only
    assert memory["peak_rss_mib"] > memory["peak_rss_mib_after_models"] > 0


def test_words_reports_every_kind_of_phrasing_in_both_languages(bench_dirs):
    report = _run(words, "lite", bench_dirs)
    assert report["phrasings"] == words.QUICK
    kinds = report["kinds"]
    assert {"typo", "brand", "brand_exclusion", "size", "id", "title", "vague_budget", "mixed"} <= set(kinds)
    assert sum(k["by_language"]["zh"] for k in kinds.values()) > 0
    assert kinds["id"]["looked_up_first"] is not None and kinds["brand"]["all_met_top10"] is not None
    assert set(report["overall"]) == {"all_met_top10", "looked_up_first"}

