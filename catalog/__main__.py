"""Command line: `python -m catalog demo --out DIR` and `python -m catalog build [--source PATH] [--encoder ...]`."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from catalog.errors import LikethisError
from catalog.logs import quiet_third_party_logs

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m catalog", description="likethis catalog tools")
    commands = parser.add_subparsers(dest="command", required=True)

    demo = commands.add_parser("demo", help="write the demo catalog (products.jsonl + images/)")
    demo.add_argument("--out", type=Path, required=True, help="folder to write into")

    build = commands.add_parser("build", help="ingest a catalog into the vector index")
    build.add_argument("--source", type=Path, help="products.jsonl, a CSV with an image column, or a folder of "
                                                   "images (default: the demo catalog)")
    build.add_argument("--encoder", default=None, help="auto | clip | lite (default: $LIKETHIS_ENCODER or auto)")
    build.add_argument("--index", dest="index_name", help="index name (default: <catalog>-<backend>)")
    build.add_argument("--prune", action="store_true", help="remove products whose rows left the source")
    build.add_argument("--batch-size", type=int, default=64)
    build.add_argument("--json", action="store_true", help="print the summary as JSON")
    build.add_argument("--quiet", action="store_true", help="no progress bar")

    info = commands.add_parser("info", help="show what an index holds")
    info.add_argument("--encoder", default=None)
    info.add_argument("--index", dest="index_name")

    args = parser.parse_args(argv)
    quiet_third_party_logs()
    try:
        if args.command == "demo":
            return _demo(args.out)
        if args.command == "build":
            return _build(args)
        return _info(args)
    except (LikethisError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("interrupted: run the same command again to finish (nothing done so far is lost)", file=sys.stderr)
        return 130
    except OSError as error:
        print(f"error: {error.strerror or error}: {getattr(error, 'filename', '') or ''}", file=sys.stderr)
        return EXIT_ERROR


def _demo(out: Path) -> int:
    from catalog.demo import generate_demo_catalog

    started = time.perf_counter()
    generate_demo_catalog(out)
    count = sum(1 for _ in (out / "products.jsonl").open(encoding="utf-8"))
    print(f"wrote {count} products to {out / 'products.jsonl'} ({time.perf_counter() - started:.1f} s)")
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from catalog.build import build_index
    from catalog.encoders import build_encoder
    from catalog.settings import Settings

    settings = Settings.from_env()
    if args.batch_size < 1:
        print("error: --batch-size must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    encoder = build_encoder(args.encoder or settings.encoder, settings)
    summary = build_index(
        settings, encoder, source=args.source, index_name=args.index_name, prune=args.prune,
        progress=not args.quiet, batch_size=args.batch_size,
    )
    print(json.dumps(summary.to_dict(), ensure_ascii=False) if args.json else summary.render())
    return EXIT_OK


def _info(args: argparse.Namespace) -> int:
    from catalog.build import DEMO_NAME, default_index_name
    from catalog.encoders import build_encoder
    from catalog.index import open_index
    from catalog.settings import Settings

    settings = Settings.from_env()
    encoder = build_encoder(args.encoder or settings.encoder, settings)
    name = args.index_name or default_index_name(DEMO_NAME, encoder)
    index = open_index(settings, name, encoder.describe(), create=False)
    print(json.dumps(index.describe(), ensure_ascii=False, indent=2))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
