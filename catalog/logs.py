"""Logging for our command lines and the app: our own lines on stderr, third-party chatter turned down."""
from __future__ import annotations

import logging
import os
import sys


def quiet_third_party_logs(level: int = logging.INFO) -> None:
    logging.basicConfig(level=level, format="%(message)s", stream=sys.stderr)
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    for noisy in ("sentence_transformers", "transformers", "chromadb", "httpx", "urllib3", "huggingface_hub"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    try:
        # transformers 5 draws a "Loading weights" bar for every model load; ours is the only bar people need.
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        transformers_logging.set_verbosity_error()
    except ImportError:
        pass
