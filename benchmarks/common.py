"""What every benchmark shares: arguments, the machine, the catalog it runs on, timing, tables and result files."""
from __future__ import annotations

import argparse
import io
import json
import os
import platform
import shlex
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

BENCH_DIR = Path(__file__).resolve().parent
RESULTS_DIR = BENCH_DIR / "results"
CACHE_DIR = BENCH_DIR / ".cache"
DEFAULT_HOME = CACHE_DIR / "home"
# --quick runs on this many demo items per category (each in 3-5 colourways), rendered on the spot rather than
# waiting ~10 s for the whole demo catalog.
QUICK_ITEMS = 2


def parser(description: str) -> argparse.ArgumentParser:
    arguments = argparse.ArgumentParser(description=description)
    arguments.add_argument("--encoder", choices=("lite", "clip", "auto"), default="lite",
                           help="backend to measure (clip needs its weights cached or the hub reachable)")
    arguments.add_argument("--home", type=Path, default=None,
                           help=f"LIKETHIS_HOME holding the demo catalog and its index, built if missing "
                                f"(default {DEFAULT_HOME.relative_to(BENCH_DIR.parent)})")
    arguments.add_argument("--out", type=Path, default=RESULTS_DIR, help="where the JSON and PNG results go")
    arguments.add_argument("--quick", action="store_true", help="a tiny configuration, for the test suite")
    arguments.add_argument("--seed", type=int, default=5)
    arguments.add_argument("--threads", type=int, default=None,
                           help="torch intra-op threads (default: torch's, one per core, as the app runs)")
    return arguments


# --- the run ---------------------------------------------------------------------------------------------

@dataclass
class Run:
    """One benchmark invocation: settings, encoder (None when it cannot be had) and what is reported about them."""

    name: str
    args: argparse.Namespace
    settings: Any
    encoder: Any
    encoder_info: dict[str, Any]
    command: str
    started: float = field(default_factory=time.perf_counter)
    # Other work on the machine inflates every absolute time (ratios less so): recorded at both ends.
    load_at_start: list[float] | None = field(default_factory=lambda: _load_average())

    @property
    def label(self) -> str:
        return self.args.encoder if self.encoder is None else self.encoder.backend

    def report(self, sections: dict[str, Any]) -> dict[str, Any]:
        return {
            "benchmark": self.name,
            "command": self.command,
            "quick": bool(self.args.quick),
            "when": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "machine": {**machine(), "load_average_at_start": self.load_at_start},
            "encoder": self.encoder_info,
            "seconds": round(time.perf_counter() - self.started, 1),
            **sections,
        }


def start(name: str, args: argparse.Namespace, argv: Sequence[str] | None) -> Run:
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    _quiet_libraries()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    from catalog.settings import Settings

    home = args.home or DEFAULT_HOME
    settings = Settings.from_env({**os.environ, "LIKETHIS_HOME": str(Path(home).resolve())})
    encoder, info = open_encoder(args.encoder, settings)
    command = shlex.join(["python", "-m", f"benchmarks.{name}", *(sys.argv[1:] if argv is None else argv)])
    return Run(name, args, settings, encoder, info, command)


def open_encoder(kind: str, settings) -> tuple[Any, dict[str, Any]]:
    """The encoder, loaded; for `clip` without weights, (None, a record saying the numbers are missing and why)."""
    from catalog.encoders import build_encoder
    from catalog.errors import EncoderUnavailable

    if kind == "clip":
        # `auto` checks the cache and the hub within 2 s; when it falls back, clip cannot be had here.
        chosen = build_encoder("auto", settings)
        if chosen.backend != "clip":
            return None, _missing("clip", chosen.choice_reason)
        encoder = chosen
    else:
        encoder = build_encoder(kind, settings)
    try:
        described = encoder.describe()  # loads the models: a broken download fails here, not mid-benchmark
        encoder.embed_texts(["warm-up"])
    except EncoderUnavailable as error:
        return None, _missing(kind, str(error))
    return encoder, {"status": "measured", "requested": kind, **described, "choice_reason": encoder.choice_reason}


def _missing(kind: str, reason: str) -> dict[str, Any]:
    return {"status": "missing", "requested": kind,
            "reason": f"{kind} weights are not available on this machine ({reason}); no number is reported"}


def finish_missing(run: Run) -> int:
    """Writes the 'missing' result, says so plainly, and exits cleanly: an absent backend is not a failure."""
    print(f"{run.name} [{run.args.encoder}]: NOT MEASURED - {run.encoder_info['reason']}")
    write_json(run, run.report({}))
    return 0


def machine() -> dict[str, Any]:
    import torch

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gib = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gib = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return {
        "cores": os.cpu_count(), "cpu": cpu, "ram_gib": ram_gib, "python": platform.python_version(),
        "torch": torch.__version__, "torch_threads": torch.get_num_threads(), "load_average": _load_average(),
    }


def _load_average() -> list[float] | None:
    """1, 5 and 15 minute load averages."""
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except OSError:
        return None


def _quiet_libraries() -> None:
    # transformers 5 prints a "Loading weights" bar per model; a benchmark's stdout is its table.
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
    except ImportError:
        pass


# --- the catalog a benchmark runs on ---------------------------------------------------------------------

@dataclass
class Catalog:
    index: Any  # ProductIndex
    products: list  # every Product, with its true attributes and absolute image path
    source: Path  # the folder holding products.jsonl and images/

    @cached_property
    def by_id(self) -> dict[str, Any]:
        return {p.id: p for p in self.products}

    @cached_property
    def groups(self) -> dict[str, list]:
        grouped: dict[str, list] = {}
        for product in self.products:
            grouped.setdefault(product.group_id, []).append(product)
        return grouped


def open_catalog(run: Run) -> Catalog:
    """The whole demo catalog's index (built if missing); with --quick, a few demo items in their own index."""
    from catalog.build import build_index, ensure_demo_catalog, open_demo_index
    from catalog.index import open_index

    if run.args.quick:
        source = demo_subset(run.settings, QUICK_ITEMS)
        name = f"quick{QUICK_ITEMS}x10-{run.encoder.backend}"
        build_index(run.settings, run.encoder, source=source, index_name=name, progress=False)
        index = open_index(run.settings, name, run.encoder.describe(), create=False)
    else:
        source = ensure_demo_catalog(run.settings)
        index, summary = open_demo_index(run.settings, run.encoder, progress=True)
        if summary is not None:
            print(f"built the demo index: {summary.encoded} products in {summary.seconds:.0f} s", file=sys.stderr)
    products = sorted(index.find(), key=lambda p: p.id)
    return Catalog(index, products, source)


def demo_subset(settings, per_category: int) -> Path:
    """The first `per_category` demo items of every category in all their colourways, in their own folder."""
    from catalog.colorize import garment_shape, render
    from catalog.demo import IMAGE_SIZE, IMAGES_DIR, PRODUCTS_FILE, iter_demo_listings

    target = settings.home / f"demo-subset-{per_category}"
    if (target / ".complete").is_file():
        return target
    (target / IMAGES_DIR).mkdir(parents=True, exist_ok=True)
    lines, shapes, items = [], {}, Counter()
    for listing in iter_demo_listings():
        if listing.source_index not in shapes:
            if items[listing.product.category] >= per_category:
                continue
            items[listing.product.category] += 1
            shapes[listing.source_index] = garment_shape(listing.scan, IMAGE_SIZE)
        render(shapes[listing.source_index], listing.product.color, listing.variant_seed).save(
            target / listing.product.image)
        lines.append(listing.product.to_json())
    (target / PRODUCTS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    (target / ".complete").write_text("1")
    return target


# --- numbers ---------------------------------------------------------------------------------------------

def distribution(values: Sequence[float], digits: int = 3) -> dict[str, float]:
    """n / p50 / p95 / max / mean of `values`."""
    array = np.asarray(values, dtype=np.float64)
    if len(array) == 0:
        return {"n": 0}
    return {
        "n": int(len(array)), "p50": round(float(np.percentile(array, 50)), digits),
        "p95": round(float(np.percentile(array, 95)), digits), "max": round(float(array.max()), digits),
        "mean": round(float(array.mean()), digits),
    }


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    """`distribution` of durations given in seconds, reported in milliseconds."""
    return distribution(np.asarray(seconds, dtype=np.float64) * 1000.0, digits=2)


def timed(function: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def peak_rss_mib() -> float | None:
    """This process's peak resident memory (VmHWM), in MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# --- output ----------------------------------------------------------------------------------------------

def table(headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str = "") -> str:
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [max(len(str(h)), *(len(row[i]) for row in cells)) if cells else len(str(h))
              for i, h in enumerate(headers)]
    out = io.StringIO()
    if title:
        out.write(f"\n{title}\n")
    out.write("  ".join(str(h).ljust(w) for h, w in zip(headers, widths)).rstrip() + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write("  ".join(value.ljust(w) for value, w in zip(row, widths)).rstrip() + "\n")
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 10 else f"{value:.1f}"
    return str(value)


def result_path(run: Run, suffix: str) -> Path:
    threads = f"-{run.args.threads}thread" if run.args.threads else ""
    return Path(run.args.out) / f"{run.name}-{run.label}{threads}{'-quick' if run.args.quick else ''}.{suffix}"


def write_json(run: Run, report: dict[str, Any]) -> Path:
    machine_info = report["machine"]
    busiest = max((load[0] for load in (machine_info["load_average"], machine_info["load_average_at_start"]) if load),
                  default=0.0)
    if busiest > (machine_info["cores"] or 1) + 0.5:  # the benchmark itself keeps every core busy
        print(f"WARNING: the machine was busy (1-minute load {busiest} on {machine_info['cores']} cores): "
              "absolute times are inflated; ratios measured side by side are less affected", file=sys.stderr)
    path = result_path(run, "json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=_jsonable) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return path


def _jsonable(value: Any) -> Any:
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def write_plot(run: Run, draw: Callable[[Any], None], *, size: tuple[float, float] = (12, 7)) -> Path | None:
    """Draws with matplotlib (the `dev` extra) into <name>-<encoder>.png; without matplotlib, says so and skips."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (pip install -e '.[dev]'): no plot drawn", file=sys.stderr)
        return None
    figure = plt.figure(figsize=size)
    draw(figure)
    figure.tight_layout()
    path = result_path(run, "png")
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=90)
    plt.close(figure)
    print(f"wrote {path}")
    return path


class Timed:
    """Stands in for an object (an encoder, an index) and adds up the wall time spent in the named methods.

    Only calls made through the stand-in count, so a method calling another of its own object is counted once.
    """

    def __init__(self, inner: Any, methods: Sequence[str]) -> None:
        self._inner = inner
        self._methods = frozenset(methods)
        self.seconds: Counter = Counter()
        self.calls: Counter = Counter()

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        if name not in self._methods or not callable(value):
            return value

        def timed_call(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return value(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - started
                self.calls[name] += 1

        return timed_call

    def reset(self) -> None:
        self.seconds.clear()
        self.calls.clear()

    def total(self) -> float:
        return sum(self.seconds.values())


ENCODER_METHODS = ("embed_image", "embed_images", "embed_text", "embed_texts")
INDEX_METHODS = ("query", "query_many", "nearest", "get", "get_vectors", "find", "ids", "upsert", "completeness",
                 "count")
