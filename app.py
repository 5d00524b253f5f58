"""The app's entry point (also Hugging Face Spaces'): settings → encoder → index → Assistant → UI → launch."""
from __future__ import annotations

import logging
import sys


# Turns run two at a time on 2 cores; one torch thread each keeps a turn's time steady on a shared host
# (benchmarks/RESULTS.md: one photo under load took 105 ms p50 / 2.3 s p95 with 2 threads, 14 / 19 ms with 1).
TORCH_THREADS_PER_TURN = 1


def limit_torch_threads(threads: int) -> None:
    import torch

    torch.set_num_threads(threads)


def main() -> int:
    from catalog.logs import quiet_third_party_logs

    quiet_third_party_logs()
    log = logging.getLogger("likethis.app")

    from assistant.engine import Assistant
    from assistant.ui.layout import build_app
    from assistant.ui.serve import launch
    from catalog.build import open_demo_index
    from catalog.encoders import build_encoder
    from catalog.errors import LikethisError
    from catalog.settings import Settings

    settings = Settings.from_env()
    try:
        encoder = build_encoder(settings.encoder, settings)
        log.info("opening the demo index in %s (built first if missing; progress below)", settings.home)
        index, summary = open_demo_index(settings, encoder, progress=True)
        if summary is not None:
            log.info("demo index built")
        assistant = Assistant(encoder, index)
        log.info("calibrating match thresholds")
        assistant.thresholds  # now, not in the first shopper's turn
        limit_torch_threads(TORCH_THREADS_PER_TURN)
    except (LikethisError, ValueError) as error:
        log.error("cannot start: %s", error)
        return 2
    app = build_app(assistant, examples_dir=settings.home / "app-examples", thumbnails_dir=settings.home / "thumbnails")
    launch(app)
    return 0


if __name__ == "__main__":
    sys.exit(main())
