"""Many shoppers at once through the app's named API: N concurrent 3-turn sessions, no errors, no leakage, p50/p95.

    python -m benchmarks.load --sessions 50

The app runs as it is deployed (`python app.py` in its own process, on a free loopback port). Each session is one
gradio_client Client in its own thread, and every session runs its own script: a catalog product's photo →
"in <colour>" → "under <price>", with a colour and price of its own. Every turn is checked: the constraints are
exactly the session's own, every result has its colour and is under its price, the session JSON carries its own
photo. All sessions start together (a barrier), the whole run has one deadline, and every thread is joined.
"""
from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterator, Sequence

import numpy as np

from benchmarks import common

REPO = common.BENCH_DIR.parent
DEFAULT_SESSIONS = 50
QUICK_SESSIONS = 8
TURNS = 3
API_NAME = "/turn"
# The share of a colour's products a session's price lets through: low enough to bite, high enough for results.
PRICE_QUANTILE = 0.4


@dataclass(frozen=True)
class Plan:
    """One session's script: the photo of `product_id`, then "in <color>", then "under <price>"."""

    session: int
    product_id: str
    photo: str  # the catalog photo's path
    color: str
    price: int

    @property
    def texts(self) -> tuple[str, str, str]:
        return "", f"in {self.color}", f"under {self.price}"


@dataclass
class TurnResult:
    turn: int
    seconds: float | None = None  # the client's wall time: upload, queue, turn, answer
    engine_ms: float | None = None  # the turn itself, as the engine measured it
    error: str | None = None  # the request failed, or the app answered with an error object
    problems: list[str] = field(default_factory=list)  # the answer broke the session's own script


@dataclass
class SessionResult:
    plan: Plan
    turns: list[TurnResult] = field(default_factory=list)

    @property
    def completed(self) -> bool:
        return len(self.turns) == TURNS and not any(t.error or t.problems for t in self.turns)


# --- the sessions' scripts ---------------------------------------------------------------------------------

def plan_sessions(products: Sequence[Any], count: int, seed: int = 5) -> list[Plan]:
    """`count` scripts, each with its own product (of its own item), its own price, and a colour taken in turn.

    The price is the PRICE_QUANTILE price of the session's colour (made unique by a few yuan), so the catalog
    always holds products that pass both of its filters, and a result from another session's filters shows.
    """
    rng = np.random.default_rng([seed, 17])
    by_color: dict[str, list[float]] = {}
    for product in products:
        by_color.setdefault(product.color, []).append(product.price)
    colors = sorted(by_color)
    rng.shuffle(colors)
    groups: dict[str, list[Any]] = {}
    for product in products:
        groups.setdefault(product.group_id, []).append(product)
    group_ids = sorted(groups)
    rng.shuffle(group_ids)
    if count > len(group_ids):
        raise ValueError(f"{count} sessions need {count} items; the catalog has {len(group_ids)}")
    plans, prices = [], set()
    for session in range(count):
        color = colors[session % len(colors)]
        # A photo in another colour, so "in <colour>" changes what is shown.
        others = [p for p in sorted(groups[group_ids[session]], key=lambda p: p.id) if p.color != color]
        photo = others[0] if others else groups[group_ids[session]][0]
        price = int(np.quantile(by_color[color], PRICE_QUANTILE)) + 1
        while price in prices:
            price += 1
        prices.add(price)
        plans.append(Plan(session, photo.id, str(photo.image), color, price))
    return plans


def check_turn(plan: Plan, turn: int, result: Any, session_json: str) -> list[str]:
    """What is wrong with this answer for this session's script (empty when nothing is)."""
    if not isinstance(result, dict) or "results" not in result:
        return [f"not a result object: {str(result)[:200]}"]
    problems = []
    own = [("color", "eq", plan.color)] if turn >= 2 else []
    own += [("price", "lt", float(plan.price))] if turn >= 3 else []
    got = sorted((c["field"], c["op"], c["value"]) for c in result["constraints"])
    if got != sorted(own):
        problems.append(f"turn {turn}: constraints {got}, expected exactly {sorted(own)}")
    results = result["results"]
    if not results:
        problems.append(f"turn {turn}: no results")
    if turn == 1 and results and results[0]["id"] != plan.product_id:
        problems.append(f"turn 1: the photo of {plan.product_id} found {results[0]['id']} first")
    for item in results:
        if turn >= 2 and item["color"] != plan.color:
            problems.append(f"turn {turn}: {item['id']} is {item['color']}, not {plan.color}")
        if turn >= 3 and not item["price"] < plan.price:
            problems.append(f"turn {turn}: {item['id']} costs {item['price']}, not under {plan.price}")
    try:
        session = json.loads(session_json)
        reference = session.get("reference") or {}
        if session.get("turn") != turn:
            problems.append(f"turn {turn}: the session says turn {session.get('turn')}")
        if reference.get("source") != "upload" or reference.get("product_id") != plan.product_id:
            problems.append(f"turn {turn}: the session's photo is {reference.get('product_id')}, not {plan.product_id}")
    except (ValueError, AttributeError) as error:
        problems.append(f"turn {turn}: the session JSON is unreadable ({error})")
    return problems


# --- running them ------------------------------------------------------------------------------------------

def run_load(url: str, plans: Sequence[Plan], *, timeout: float = 600.0) -> list[SessionResult]:
    """Every plan in its own thread and Client, started together; returns once all are done or the deadline passed."""
    deadline = time.monotonic() + timeout
    barrier = threading.Barrier(len(plans))
    results = [SessionResult(plan) for plan in plans]
    threads = [threading.Thread(target=_session, args=(url, result, barrier, deadline), daemon=True,
                                name=f"load-session-{result.plan.session}") for result in results]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()) + 5.0)
    for thread, result in zip(threads, results):
        if thread.is_alive():  # a daemon thread: it cannot outlive the process, and its result is final here
            late = f"still running after the {timeout:.0f} s deadline"
            if result.turns and result.turns[-1].seconds is None:
                result.turns[-1].error = late
            else:
                result.turns.append(TurnResult(len(result.turns) + 1, error=late))
    return results


def _session(url: str, result: SessionResult, barrier: threading.Barrier, deadline: float) -> None:
    from gradio_client import Client, handle_file

    plan, client = result.plan, None
    try:
        client = Client(url, verbose=False, download_files=False)
        barrier.wait(timeout=max(0.1, deadline - time.monotonic()))
        session = ""
        for turn, text in enumerate(plan.texts, start=1):
            record = TurnResult(turn)
            result.turns.append(record)
            started = time.perf_counter()
            job = client.submit(handle_file(plan.photo) if turn == 1 else None, text, session, api_name=API_NAME)
            try:
                answer, session = job.result(timeout=max(0.1, deadline - time.monotonic()))
            except BaseException:
                job.cancel()
                raise
            record.seconds = time.perf_counter() - started
            if isinstance(answer, dict) and "error" in answer:
                record.error = f"{answer['error'].get('code')}: {answer['error'].get('message')}"
                return
            record.engine_ms = answer.get("elapsed_ms") if isinstance(answer, dict) else None
            record.problems = check_turn(plan, turn, answer, session)
            if record.problems:
                return
    except Exception as error:  # noqa: BLE001 - every failure is one session's error, reported, never raised
        message = f"{type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''}"[:300]
        if result.turns and result.turns[-1].seconds is None:
            result.turns[-1].error = message
        else:
            result.turns.append(TurnResult(len(result.turns) + 1, error=message))
        if not isinstance(error, threading.BrokenBarrierError):
            barrier.abort()  # a session that cannot connect must not keep the others waiting for it
    finally:
        if client is not None:
            client.close()


def summarise(results: Sequence[SessionResult]) -> dict[str, Any]:
    per_turn = {}
    for turn in range(1, TURNS + 1):
        records = [r.turns[turn - 1] for r in results if len(r.turns) >= turn]
        per_turn[str(turn)] = {
            "wall_ms": common.summary_ms([t.seconds for t in records if t.seconds is not None and not t.error]),
            "engine_ms": common.distribution([t.engine_ms for t in records if t.engine_ms is not None], digits=1),
            "errors": sum(1 for t in records if t.error),
            "leaks": sum(1 for t in records if t.problems),
        }
    errors = [{"session": r.plan.session, "turn": t.turn, "error": t.error}
              for r in results for t in r.turns if t.error]
    leaks = [{"session": r.plan.session, "turn": t.turn, "problems": t.problems[:5]}
             for r in results for t in r.turns if t.problems]
    return {
        "sessions": len(results),
        "completed": sum(1 for r in results if r.completed),
        "turns_answered": sum(1 for r in results for t in r.turns if t.seconds is not None and not t.error),
        "errors": len(errors),
        "leaks": len(leaks),
        "per_turn": per_turn,
        "error_samples": errors[:10],
        "leak_samples": leaks[:10],
    }


# --- the app, as deployed ----------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def app_process(home: Path, encoder: str, log_path: Path, *, startup_timeout: float = 1800.0,
                env: dict[str, str] | None = None, repo: Path = REPO) -> Iterator[str]:
    """`python app.py` of the checkout `repo` on 127.0.0.1:<free port>, its output in `log_path`; yields its URL
    once it answers.

    The first start on an empty `home` builds the demo index (minutes); later starts take seconds.
    """
    import httpx

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    environment = {**os.environ, "LIKETHIS_HOME": str(home), "LIKETHIS_ENCODER": encoder,
                   "GRADIO_SERVER_NAME": "127.0.0.1", "GRADIO_SERVER_PORT": str(port),
                   "GRADIO_ANALYTICS_ENABLED": "False", **(env or {})}
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("ab") as log:
        process = subprocess.Popen([sys.executable, "app.py"], cwd=repo, env=environment, stdout=log,
                                   stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + startup_timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the app exited with {process.returncode}:\n{_tail(log_path)}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"the app did not answer within {startup_timeout:.0f} s:\n{_tail(log_path)}")
            try:
                if httpx.get(f"{url}config", timeout=2.0).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        yield url
    finally:
        stop_process(process)


def stop_process(process: subprocess.Popen, grace: float = 20.0) -> None:
    """Ctrl-C (Gradio closes cleanly and deletes its cache), then SIGKILL if it lingers."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _tail(path: Path, chars: int = 3000) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[-chars:]
    except OSError:
        return ""


def read_products(source: Path) -> list[Any]:
    """The catalog's products from its products.jsonl, with absolute photo paths (no index needed)."""
    from catalog.records import Product

    products = []
    with (source / "products.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                product = Product.from_dict(json.loads(line))
                products.append(replace(product, image=str((source / product.image).resolve())))
    return products


# --- the command -------------------------------------------------------------------------------------------

def main(argv: Sequence[str] | None = None) -> int:
    arguments = common.parser(__doc__.splitlines()[0])
    arguments.add_argument("--sessions", type=int, default=DEFAULT_SESSIONS,
                           help=f"concurrent sessions (default {DEFAULT_SESSIONS}; --quick: {QUICK_SESSIONS})")
    arguments.add_argument("--timeout", type=float, default=600.0, help="deadline for the whole load, seconds")
    args = arguments.parse_args(argv)
    run = common.start("load", args, argv)
    if run.encoder is None:
        return common.finish_missing(run)
    from catalog.build import ensure_demo_catalog

    sessions = QUICK_SESSIONS if args.quick else args.sessions
    products = read_products(ensure_demo_catalog(run.settings))
    plans = plan_sessions(products, sessions, seed=args.seed)
    log_path = common.result_path(run, "log")
    log_path.unlink(missing_ok=True)
    with app_process(run.settings.home, args.encoder, log_path) as url:
        started = time.perf_counter()
        results = run_load(url, plans, timeout=args.timeout)
        seconds = time.perf_counter() - started
    summary = summarise(results)
    log = _tail(log_path, 1_000_000)
    report = run.report({
        "load": {**summary, "load_seconds": round(seconds, 1),
                 "turns_per_second": common.ratio(summary["turns_answered"], seconds),
                 "app": "python app.py in its own process; clients: one gradio_client per session, one thread each",
                 "tracebacks_in_app_log": log.count("Traceback")},
        "scripts": [{"session": p.session, "photo_of": p.product_id, "color": p.color, "under": p.price}
                    for p in plans],
        "catalog": {"products": len(products)},
    })
    log_path.unlink(missing_ok=True)
    print(render(report))
    common.write_json(run, report)
    return 0 if summary["errors"] == summary["leaks"] == 0 else 1


def render(report: dict[str, Any]) -> str:
    load = report["load"]
    rows = [[f"{turn} ({label})", s["wall_ms"].get("n", 0), s["wall_ms"].get("p50"), s["wall_ms"].get("p95"),
             s["wall_ms"].get("max"), s["engine_ms"].get("p50"), s["errors"], s["leaks"]]
            for (turn, s), label in zip(load["per_turn"].items(), ("photo", "in <colour>", "under <price>"))]
    title = (f"load [{report['encoder'].get('backend', '?')}]: {load['sessions']} concurrent sessions, "
             f"{load['completed']} completed, {load['errors']} errors, {load['leaks']} with another session's "
             f"constraints or results; {load['turns_per_second']} turns/s")
    text = common.table(["turn", "n", "p50 ms", "p95 ms", "max ms", "engine p50 ms", "errors", "leaks"], rows, title)
    for sample in load["error_samples"][:3] + load["leak_samples"][:3]:
        text += f"  e.g. {json.dumps(sample, ensure_ascii=False)[:300]}\n"
    return text


if __name__ == "__main__":
    sys.exit(main())
