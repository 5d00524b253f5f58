"""Ingestion with real encoders and a real Chroma: validation, idempotence, pruning, inference, resumability."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from catalog.build import build_index
from catalog.index import open_index
from catalog.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def _demo_rows(demo_catalog_dir: Path) -> list[dict]:
    return [json.loads(line) for line in (demo_catalog_dir / "products.jsonl").read_text(encoding="utf-8").splitlines()]


def _small_catalog(demo_catalog_dir: Path, target: Path, count: int, *, step: int = 7) -> list[dict]:
    """A catalog of `count` demo products spread over all categories, images copied next to the file."""
    rows = _demo_rows(demo_catalog_dir)[::step][:count]
    (target / "images").mkdir(parents=True, exist_ok=True)
    for row in rows:
        shutil.copy(demo_catalog_dir / row["image"], target / row["image"])
    _write_jsonl(target / "products.jsonl", rows)
    return rows


def _write_jsonl(path: Path, rows: list[dict], extra_lines: tuple[str, ...] = ()) -> None:
    lines = [json.dumps(row, ensure_ascii=False) for row in rows] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def settings(likethis_home) -> Settings:
    return Settings.from_env()


def test_bad_rows_are_rejected_with_reasons_and_the_rest_land(tmp_path, demo_catalog_dir, settings, lite_encoder):
    rows = _small_catalog(demo_catalog_dir, tmp_path, 12)
    good_image = rows[0]["image"]
    (tmp_path / "images" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really a png")
    (tmp_path / "images" / "empty.jpg").write_bytes(b"")
    bad = [
        {**rows[0], "id": "no-title", "title": ""},
        {**rows[0], "id": "negative", "price": -5},
        {**rows[0], "id": "not-a-number", "price": "cheap"},
        {**rows[0], "id": "odd-category", "category": "spaceship"},
        {**rows[0], "id": "odd-colour", "color": "ultraviolet"},
        {**rows[0], "id": "escape", "image": "../../etc/passwd"},
        {**rows[0], "id": "absolute", "image": "/etc/hostname"},
        {**rows[0], "id": "missing-file", "image": "images/nope.png"},
        {**rows[0], "id": "broken", "image": "images/broken.png"},
        {**rows[0], "id": "empty", "image": "images/empty.jpg"},
        {**rows[1]},  # duplicate id
        {k: v for k, v in rows[2].items() if k != "price"} | {"id": "no-price"},
    ]
    _write_jsonl(tmp_path / "products.jsonl", rows + bad, extra_lines=("{not json",))

    summary = build_index(settings, lite_encoder, source=tmp_path, progress=False)

    assert summary.added == len(rows)
    assert summary.rejected == len(bad) + 1
    rejects = [json.loads(line) for line in summary.rejects_path.read_text(encoding="utf-8").splitlines()]
    reasons = {r["id"]: r["reason"] for r in rejects}
    assert reasons["no-title"] == "missing title"
    assert "negative" in reasons["negative"]
    assert "not a number" in reasons["not-a-number"]
    assert "unknown category" in reasons["odd-category"]
    assert "unknown colour" in reasons["odd-colour"]
    assert "escapes the catalog folder" in reasons["escape"]
    assert "relative" in reasons["absolute"]
    assert "not found" in reasons["missing-file"]
    assert "not a photo" in reasons["broken"] or "damaged" in reasons["broken"]
    assert "empty" in reasons["empty"]
    assert "duplicate id" in reasons[rows[1]["id"]]
    assert reasons["no-price"] == "missing price"
    assert any("not valid JSON" in r["reason"] for r in rejects if r["id"] is None)
    index = open_index(settings, summary.index_name, lite_encoder.describe(), create=False)
    assert sorted(index.ids()) == sorted(r["id"] for r in rows)
    assert good_image  # the good rows' images were untouched by the bad ones


def test_second_run_encodes_nothing_a_changed_row_is_reencoded_and_prune_removes(
    tmp_path, demo_catalog_dir, settings, lite_encoder
):
    rows = _small_catalog(demo_catalog_dir, tmp_path, 10)
    first = build_index(settings, lite_encoder, source=tmp_path, progress=False)
    assert (first.added, first.encoded) == (10, 10)
    index = open_index(settings, first.index_name, lite_encoder.describe(), create=False)
    before = index.fingerprints()

    again = build_index(settings, lite_encoder, source=tmp_path, progress=False)
    assert (again.encoded, again.added, again.updated, again.unchanged) == (0, 0, 0, 10)
    assert index.fingerprints() == before

    rows[3]["price"] = rows[3]["price"] + 10
    _write_jsonl(tmp_path / "products.jsonl", rows[:-1])
    changed = build_index(settings, lite_encoder, source=tmp_path, progress=False)
    assert (changed.encoded, changed.updated, changed.unchanged, changed.pruned) == (1, 1, 8, 0)
    assert index.get([rows[3]["id"]])[0].price == rows[3]["price"]
    assert index.count() == 10  # the removed row stays until --prune

    pruned = build_index(settings, lite_encoder, source=tmp_path, prune=True, progress=False)
    assert (pruned.encoded, pruned.pruned) == (0, 1)
    assert rows[-1]["id"] not in index.ids() and index.count() == 9


def test_csv_source_in_a_legacy_chinese_encoding(tmp_path, demo_catalog_dir, settings, lite_encoder):
    rows = _small_catalog(demo_catalog_dir, tmp_path, 4)
    header = "id,title,title_zh,category,colour,price,image\n"
    body = "".join(
        f"{r['id']},{r['title']},{r['title_zh']},{r['category']},{r['color']},{r['price']},{r['image']}\n" for r in rows
    )
    (tmp_path / "catalog.csv").write_bytes((header + body).encode("gb18030"))

    summary = build_index(settings, lite_encoder, source=tmp_path / "catalog.csv", progress=False)

    assert summary.added == 4 and summary.rejected == 0
    assert any("GB18030" in note for note in summary.notes)
    index = open_index(settings, summary.index_name, lite_encoder.describe(), create=False)
    stored = index.get([rows[0]["id"]])[0]
    assert stored.title_zh == rows[0]["title_zh"] and stored.color == rows[0]["color"]


def test_folder_of_photos_gets_category_and_colour_inferred_and_flagged(
    tmp_path, demo_catalog_dir, settings, lite_encoder
):
    rows = _demo_rows(demo_catalog_dir)[3::37][:30]
    folder = tmp_path / "photos"
    folder.mkdir()
    for row in rows:
        shutil.copy(demo_catalog_dir / row["image"], folder / f"{row['id']}.png")

    summary = build_index(settings, lite_encoder, source=folder, progress=False)

    assert summary.added == len(rows) and summary.inferred == len(rows)
    index = open_index(settings, summary.index_name, lite_encoder.describe(), create=False)
    stored = {p.id: p for p in index.get(index.ids())}
    truth = {row["id"]: row for row in rows}
    colour_hits = category_hits = 0
    for product in stored.values():
        assert product.inferred >= {"category", "color", "price"}
        original = truth[product.id]
        colour_hits += product.color == original["color"]
        category_hits += product.category == original["category"]
        assert product.title == original["id"][:1].upper() + original["id"][1:].replace("-", " ")
    assert colour_hits / len(rows) >= 0.9
    # Borrowed demo labels and ImageNet features: well above the 10% of guessing among ten categories.
    assert category_hits / len(rows) >= 0.6


def test_tiny_clip_infers_categories_zero_shot_and_index_refuses_the_other_encoder(
    tmp_path, demo_catalog_dir, settings, tiny_clip_encoder, lite_encoder
):
    rows = _small_catalog(demo_catalog_dir, tmp_path, 6)
    for row in rows[:2]:
        row.pop("category")
    _write_jsonl(tmp_path / "products.jsonl", rows)

    summary = build_index(settings, tiny_clip_encoder, source=tmp_path, index_name="shop", progress=False)

    assert summary.added == 6 and summary.inferred == 2
    index = open_index(settings, "shop", tiny_clip_encoder.describe(), create=False)
    inferred = index.get([rows[0]["id"]])[0]
    assert "category" in inferred.inferred and inferred.category  # a valid slug, flagged
    from catalog.errors import IndexMismatch

    with pytest.raises(IndexMismatch, match="lite"):
        build_index(settings, lite_encoder, source=tmp_path, index_name="shop", progress=False)
    assert index.count() == 6  # the refused build touched nothing


def _cli(*args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "catalog", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=600)


def test_build_killed_with_sigkill_finishes_on_rerun_with_nothing_lost(tmp_path, demo_catalog_dir, likethis_home):
    rows = _small_catalog(demo_catalog_dir, tmp_path / "cat", 160, step=3)
    env = {**os.environ, "LIKETHIS_HOME": str(likethis_home), "HF_HUB_OFFLINE": "1"}
    command = [sys.executable, "-m", "catalog", "build", "--source", str(tmp_path / "cat"), "--encoder", "lite",
               "--batch-size", "8", "--index", "killed"]
    process = subprocess.Popen(command, cwd=REPO, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL)
    progress = bytearray()

    def read_progress() -> None:
        for chunk in iter(lambda: process.stderr.read(1), b""):
            progress.extend(chunk)

    threading.Thread(target=read_progress, daemon=True).start()
    deadline = time.monotonic() + 300
    # Kill mid-build: once a few batches have landed, so the index holds part of the catalog.
    while b" 40/160" not in progress and b" 48/160" not in progress and process.poll() is None:
        assert time.monotonic() < deadline, progress.decode(errors="replace")[-500:]
        time.sleep(0.05)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL

    rerun = _cli("build", "--source", str(tmp_path / "cat"), "--encoder", "lite", "--index", "killed", "--json",
                 "--quiet", env=env)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["unchanged"] >= 32, summary  # the batches that landed before the kill were kept
    assert summary["unchanged"] + summary["added"] == 160
    from catalog.encoders import LiteEncoder

    index = open_index(Settings.from_env(env), "killed", LiteEncoder().describe(), create=False)
    assert index.count() == 160 and index.incomplete_ids() == []
    assert sorted(index.ids()) == sorted(row["id"] for row in rows)
    assert len(index.get([row["id"] for row in rows])) == 160
    again = json.loads(_cli("build", "--source", str(tmp_path / "cat"), "--encoder", "lite", "--index", "killed",
                            "--json", "--quiet", env=env).stdout)
    assert again["encoded"] == 0 and again["unchanged"] == 160


def test_cli_demo_and_build_print_a_summary_and_bad_source_is_a_clear_error(tmp_path, likethis_home):
    env = {**os.environ, "LIKETHIS_HOME": str(likethis_home), "HF_HUB_OFFLINE": "1"}
    missing = _cli("build", "--source", str(tmp_path / "nope.jsonl"), "--encoder", "lite", env=env)
    assert missing.returncode == 1
    assert "catalog source not found" in missing.stderr and "Traceback" not in missing.stderr
    wrong_kind = _cli("build", "--encoder", "quantum", env=env)
    assert wrong_kind.returncode == 1 and "unknown encoder kind" in wrong_kind.stderr

    demo = _cli("demo", "--out", str(tmp_path / "demo"), env=env)
    assert demo.returncode == 0 and "products" in demo.stdout
    assert sum(1 for _ in (tmp_path / "demo" / "products.jsonl").open()) >= 1200


def test_transparent_and_rotated_photos_are_read_upright_on_white(tmp_path):
    from catalog.images import load_image

    photo = Image.new("RGBA", (40, 20), (0, 0, 0, 0))
    photo.paste((200, 0, 0, 255), (0, 0, 10, 20))
    exif = Image.Exif()
    exif[0x0112] = 6  # rotated 90° clockwise by the camera
    photo.convert("RGB").save(tmp_path / "rotated.jpg", exif=exif)
    photo.save(tmp_path / "transparent.png")

    upright = load_image(tmp_path / "rotated.jpg")
    assert upright.size == (20, 40)
    flattened = np.asarray(load_image(tmp_path / "transparent.png"))
    assert flattened[10, 30].tolist() == [255, 255, 255]
    assert flattened[10, 5].tolist() == [200, 0, 0]
