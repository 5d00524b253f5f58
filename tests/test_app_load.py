"""Many sessions at once through the real app's API (benchmarks.load, CI size): no errors, no cross-session leakage.

The timing numbers come from `python -m benchmarks.load --sessions 50`; here only correctness is asserted.
"""
from __future__ import annotations

import json
import threading

import pytest

from assistant.engine import Assistant
from tests.launched_app import launched_app
from benchmarks import load

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting:Warning"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated:Warning"),
]

SESSIONS = 8


@pytest.fixture(scope="module")
def products(demo_lite_index):
    index, _ = demo_lite_index
    return index.find()


@pytest.fixture(scope="module")
def app_url(demo_lite_index, lite_encoder, tmp_path_factory):
    index, _ = demo_lite_index
    with launched_app(Assistant(lite_encoder, index), tmp_path_factory) as url:
        yield url


def test_each_session_has_its_own_item_colour_and_price(products):
    plans = load.plan_sessions(products, SESSIONS)
    by_id = {p.id: p for p in products}
    assert len({p.color for p in plans}) == SESSIONS  # 13 colours: the first 13 sessions never share one
    assert len({p.price for p in plans}) == len({by_id[p.product_id].group_id for p in plans}) == SESSIONS
    for plan in plans:
        assert by_id[plan.product_id].color != plan.color  # "in <colour>" changes what is shown
        assert any(p.color == plan.color and p.price < plan.price for p in products)  # and something passes


def test_the_leak_check_sees_another_sessions_constraints_and_results(products):
    mine, theirs = load.plan_sessions(products, 2)
    session = json.dumps({"turn": 3, "reference": {"source": "upload", "product_id": mine.product_id}})
    own = {"constraints": [{"field": "color", "op": "eq", "value": mine.color},
                           {"field": "price", "op": "lt", "value": float(mine.price)}],
           "results": [{"id": "a", "color": mine.color, "price": mine.price - 1}]}
    assert load.check_turn(mine, 3, own, session) == []
    foreign = {**own, "constraints": own["constraints"][:1] + [{"field": "color", "op": "eq", "value": theirs.color}]}
    assert load.check_turn(mine, 3, foreign, session)
    wrong_result = {**own, "results": [{"id": "b", "color": theirs.color, "price": 1.0}]}
    assert load.check_turn(mine, 3, wrong_result, session)
    assert load.check_turn(mine, 3, own, session.replace(mine.product_id, theirs.product_id))


def test_concurrent_sessions_all_finish_and_each_follows_only_its_own_turns(app_url, products):
    plans = load.plan_sessions(products, SESSIONS)
    results = load.run_load(app_url, plans, timeout=240)
    summary = load.summarise(results)
    assert summary["errors"] == 0, summary["error_samples"]
    assert summary["leaks"] == 0, summary["leak_samples"]
    assert summary["completed"] == SESSIONS and summary["turns_answered"] == SESSIONS * load.TURNS
    for turn in summary["per_turn"].values():
        assert turn["wall_ms"]["n"] == SESSIONS
    # Bounded: every session thread was joined.
    assert not [t for t in threading.enumerate() if t.name.startswith("load-session-")]


def test_the_benchmark_command_serves_the_real_app_and_writes_its_report(demo_settings, demo_lite_index, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    for shared in ("demo-catalog", "index"):  # the demo catalog and its index, read where the fixtures built them
        (home / shared).symlink_to(demo_settings.home / shared, target_is_directory=True)
    out = tmp_path / "out"
    assert load.main(["--quick", "--home", str(home), "--out", str(out)]) == 0
    report = json.loads((out / "load-lite-quick.json").read_text(encoding="utf-8"))
    assert report["benchmark"] == "load" and report["load"]["sessions"] == load.QUICK_SESSIONS
    assert report["load"]["errors"] == report["load"]["leaks"] == report["load"]["tracebacks_in_app_log"] == 0
    assert set(report["load"]["per_turn"]) == {"1", "2", "3"}
    assert {"p50", "p95", "max"} <= set(report["load"]["per_turn"]["1"]["wall_ms"])
