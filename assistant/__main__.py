"""JSON command line for agents and scripts: `python -m assistant ask [...]` and `ask --batch TURNS.jsonl`."""
from __future__ import annotations

import argparse
import sys

from assistant.cli import run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant", description="likethis assistant")
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="run one turn (or a batch of turns) and print the result as JSON")
    ask.add_argument("--image", help="path of a photo to search with")
    ask.add_argument("--text", default="", help="what the shopper says")
    ask.add_argument("--session", help="session file: read before the turn, written after it")
    ask.add_argument("--like", action="append", default=[], metavar="ID")
    ask.add_argument("--dislike", action="append", default=[], metavar="ID")
    ask.add_argument("--more-like", metavar="ID", help="make this product the reference")
    ask.add_argument("--reset", action="store_true")
    ask.add_argument("--k", type=int, default=10, help="how many results (1-50)")
    ask.add_argument("--encoder", default=None, help="auto | clip | lite")
    ask.add_argument("--index", dest="index_name", help="index name (default: the demo catalog's)")
    ask.add_argument("--json", action="store_true", help="JSON output (the default; kept for scripts)")
    ask.add_argument("--pretty", action="store_true", help="indent the JSON")
    ask.add_argument("--batch", help="TURNS.jsonl: one turn per line, sessions keyed by the 'session' field")
    args = parser.parse_args(argv)
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
