"""The phone page benchmark runs end to end on one run of the real app (its numbers live in benchmarks/RESULTS.md)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from benchmarks import page

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not page.CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium"),
]


def test_the_page_benchmark_measures_a_throttled_phone_search(demo_lite_index, demo_settings, demo_catalog_dir,
                                                              tmp_path):
    # The app runs in its own process: it gets a copy of the demo index (two processes never share one Chroma
    # directory) and the demo catalog's photos, so it starts in seconds instead of building an index.
    home = tmp_path / "home"
    shutil.copytree(demo_settings.index_dir, home / "index")
    (home / "demo-catalog").symlink_to(demo_catalog_dir, target_is_directory=True)
    out = tmp_path / "out"
    assert page.main(["--quick", "--home", str(home), "--out", str(out)]) == 0
    report = json.loads((out / "page-lite-quick.json").read_text(encoding="utf-8"))
    summary = report["page"]["summary"]["this"]
    assert report["page"]["cpu_throttling"] == 4 and report["page"]["viewport"] == {"width": 390, "height": 844}
    run = report["page"]["runs"]["this"][0]
    assert run["cards"] == 10 and 0 < run["first_card_ms"] <= run["first_card_photo_ms"]
    assert summary["load_kb_received"] > 100 and summary["search_kb_received"] > 5 and summary["search_kb_sent"] > 1
    assert not list(out.glob("*.log")) and not (home / page.PHOTO_NAME).exists()
