"""Page weight and time to the first card on a phone: headless Chromium at 390×844 with 4× CPU throttling.

    python -m benchmarks.page                                             # the app in this checkout
    python -m benchmarks.page --app before=/path/to/old/checkout --app after=.   # side by side, runs alternating

Each target is `python app.py` from its checkout, in its own process on a free loopback port (all share one
LIKETHIS_HOME, so the demo index is built once). Every run is a fresh browser context (empty cache) on a phone
viewport with Chromium's DevTools CPU throttling: load the page, attach a photo, type "like this but in red",
press Enter. Measured in the page: milliseconds from the key press to the first result card in the DOM, and to
that card's photo loaded. Counted from the browser's side: bytes received (headers + encoded bodies) for the page
load and for the search (attaching the photo until the network is quiet after the cards), and bytes sent.
"""
from __future__ import annotations

import contextlib
import os
import shlex
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from benchmarks import common
from benchmarks.load import app_process

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
PHONE = {"width": 390, "height": 844}
THROTTLE = 4.0
RUNS, QUICK_RUNS = 5, 1
TEXT = "like this but in red"
PHOTO_NAME = "page-benchmark-photo.png"  # written into the home for the run, removed after
QUIET_MS = 800  # the network counts as quiet after this long with nothing in flight
WAIT_MS = 120_000

# Marks, in the page's own clock: the Enter that sends, the first card in the DOM, that card's photo loaded.
MARKS_JS = """
() => {
  window.__page = {};
  const box = document.querySelector('#lt-input textarea');
  box.addEventListener('keydown', (event) => { if (event.key === 'Enter') window.__page.sent = performance.now(); },
                       {capture: true, once: true});
  const observer = new MutationObserver(() => {
    const card = document.querySelector('#lt-panel .lt-card');
    if (!card || window.__page.card) return;
    window.__page.card = performance.now();
    observer.disconnect();
    const image = card.querySelector('img');
    const loaded = () => { window.__page.image = performance.now(); };
    if (!image || (image.complete && image.naturalWidth)) loaded(); else image.addEventListener('load', loaded, {once: true});
  });
  observer.observe(document.body, {subtree: true, childList: true});
}
"""


@dataclass
class Traffic:
    """Requests the page makes, with their sizes once finished."""

    in_flight: int = 0
    last_change: float = field(default_factory=time.monotonic)
    received: int = 0
    sent: int = 0
    requests: int = 0

    def started(self, _request) -> None:
        self.in_flight += 1
        self.requests += 1
        self.last_change = time.monotonic()

    def finished(self, request) -> None:
        sizes = request.sizes()
        self.received += sizes["responseHeadersSize"] + max(0, sizes["responseBodySize"])
        self.sent += sizes["requestHeadersSize"] + max(0, sizes["requestBodySize"])
        self.ended(request)

    def ended(self, _request) -> None:
        self.in_flight = max(0, self.in_flight - 1)
        self.last_change = time.monotonic()

    def take(self) -> dict[str, int]:
        counted = {"received": self.received, "sent": self.sent, "requests": self.requests}
        self.received = self.sent = self.requests = 0
        return counted


def wait_quiet(page, traffic: Traffic, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page.wait_for_timeout(100)
        if traffic.in_flight == 0 and time.monotonic() - traffic.last_change > QUIET_MS / 1000:
            return


def measure(browser, url: str, photo: Path, throttle: float) -> dict[str, Any]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="en-US")
    try:
        page = context.new_page()
        page.set_default_timeout(WAIT_MS)
        session = context.new_cdp_session(page)
        session.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
        traffic = Traffic()
        page.on("request", traffic.started)
        page.on("requestfinished", traffic.finished)
        page.on("requestfailed", traffic.ended)

        started = time.monotonic()
        page.goto(url)
        page.wait_for_selector("#lt-panel .lt-panel")
        page.wait_for_function("document.querySelector('#lt-input textarea') !== null")
        ready_ms = (time.monotonic() - started) * 1000
        wait_quiet(page, traffic)
        load = traffic.take()

        page.evaluate(MARKS_JS)
        page.locator("#lt-input input[type=file]").set_input_files(str(photo))
        page.wait_for_function("document.querySelector('#lt-input') && document.querySelector('#lt-input img')")
        page.locator("#lt-input textarea").fill(TEXT)
        page.locator("#lt-input textarea").press("Enter")
        page.wait_for_function("window.__page && window.__page.image")
        wait_quiet(page, traffic)
        search = traffic.take()
        marks = page.evaluate("window.__page")
        return {"page_ready_ms": round(ready_ms, 1), "load": load, "search": search,
                "first_card_ms": round(marks["card"] - marks["sent"], 1),
                "first_card_photo_ms": round(marks["image"] - marks["sent"], 1),
                "cards": page.locator("#lt-panel .lt-card").count()}
    finally:
        context.close()


def summarise(runs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    def median(values: Sequence[float]) -> float:
        return round(float(np.median(values)), 1)

    return {
        "runs": len(runs),
        "page_ready_ms": median([r["page_ready_ms"] for r in runs]),
        "load_kb_received": median([r["load"]["received"] / 1000 for r in runs]),
        "load_requests": median([r["load"]["requests"] for r in runs]),
        "search_kb_received": median([r["search"]["received"] / 1000 for r in runs]),
        "search_kb_sent": median([r["search"]["sent"] / 1000 for r in runs]),
        "search_requests": median([r["search"]["requests"] for r in runs]),
        "first_card_ms": median([r["first_card_ms"] for r in runs]),
        "first_card_photo_ms": median([r["first_card_photo_ms"] for r in runs]),
        "first_card_ms_all": [r["first_card_ms"] for r in runs],
    }


def start(args: Any, argv: Sequence[str] | None) -> common.Run:
    """The run's record. Unlike the other benchmarks it loads no encoder here: only the apps it starts use one."""
    from catalog.settings import Settings

    home = Path(args.home or common.DEFAULT_HOME).resolve()
    settings = Settings.from_env({**os.environ, "LIKETHIS_HOME": str(home)})
    command = shlex.join(["python", "-m", "benchmarks.page", *(sys.argv[1:] if argv is None else argv)])
    info = {"status": "measured", "requested": args.encoder, "where": "in each app's own process"}
    return common.Run("page", args, settings, None, info, command)


def parse_apps(values: Sequence[str] | None) -> list[tuple[str, Path]]:
    if not values:
        return [("this", common.BENCH_DIR.parent)]
    apps = []
    for value in values:
        label, _, directory = value.partition("=")
        if not directory or not (Path(directory) / "app.py").is_file():
            raise SystemExit(f"--app wants LABEL=DIR with DIR/app.py, not {value!r}")
        apps.append((label, Path(directory).resolve()))
    return apps


def main(argv: Sequence[str] | None = None) -> int:
    arguments = common.parser(__doc__.splitlines()[0])
    arguments.add_argument("--app", action="append", metavar="LABEL=DIR",
                           help="an app checkout to measure (repeat to compare; default: this checkout)")
    arguments.add_argument("--runs", type=int, default=None, help=f"runs per app (default {RUNS}; --quick: {QUICK_RUNS})")
    arguments.add_argument("--throttle", type=float, default=THROTTLE, help="Chromium CPU slow-down factor")
    args = arguments.parse_args(argv)
    apps = parse_apps(args.app)
    if not CHROMIUM.exists():
        print(f"page: NOT MEASURED - Debian chromium is not installed at {CHROMIUM}")
        return 0
    run = start(args, argv)
    from playwright.sync_api import sync_playwright

    from assistant.ui.examples import Example, example_photo

    photo = Path(run.settings.home) / PHOTO_NAME
    photo.parent.mkdir(parents=True, exist_ok=True)
    example_photo(Example("t-shirt", "blue", TEXT, "en")).save(photo)
    runs = QUICK_RUNS if args.quick else (args.runs or RUNS)
    results: dict[str, list[dict[str, Any]]] = {label: [] for label, _ in apps}
    logs = [Path(args.out) / f"page-{label}.log" for label, _ in apps]
    # Every app runs at once, so that runs can alternate between them (the machine's load hits all alike).
    with contextlib.ExitStack() as servers, sync_playwright() as playwright:
        urls = {label: servers.enter_context(app_process(run.settings.home, args.encoder, log, repo=directory))
                for (label, directory), log in zip(apps, logs)}
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            if not args.quick:
                for label, url in urls.items():  # a warm-up per app: its first page and turn pay one-off costs
                    measure(browser, url, photo, args.throttle)
            for _ in range(runs):
                for label, url in urls.items():
                    results[label].append(measure(browser, url, photo, args.throttle))
        finally:
            browser.close()
    photo.unlink(missing_ok=True)
    for log in logs:
        log.unlink(missing_ok=True)
    summary = {label: summarise(found) for label, found in results.items()}
    report = run.report({
        "page": {"viewport": PHONE, "cpu_throttling": args.throttle, "text": TEXT, "runs_per_app": runs,
                 "apps": {label: str(directory) for label, directory in apps}, "summary": summary,
                 "runs": results},
    })
    print(render(report))
    common.write_json(run, report)
    return 0


def render(report: dict[str, Any]) -> str:
    page = report["page"]
    rows = [[label, s["page_ready_ms"], s["load_kb_received"], s["load_requests"], s["search_kb_received"],
             s["search_kb_sent"], s["search_requests"], s["first_card_ms"], s["first_card_photo_ms"]]
            for label, s in page["summary"].items()]
    return common.table(
        ["app", "page ready ms", "load kB in", "load requests", "search kB in", "search kB out", "search requests",
         "first card ms", "first card photo ms"], rows,
        title=f"Phone {page['viewport']['width']}×{page['viewport']['height']}, {page['cpu_throttling']:g}× CPU "
              f"throttling, medians of {page['runs_per_app']} runs (search: photo + “{page['text']}”)")


if __name__ == "__main__":
    raise SystemExit(main())
