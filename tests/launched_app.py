"""The app as app.py composes it, launched in-process on a free loopback port for a test module."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from assistant.engine import Assistant
from tests.chroma_server import free_port


@contextmanager
def launched_app(assistant: Assistant, tmp_path_factory) -> Iterator[str]:
    """Yields the app's URL; the server is closed when the block ends."""
    from assistant.ui.layout import build_app
    from assistant.ui.serve import launch

    app = build_app(assistant, examples_dir=tmp_path_factory.mktemp("app-examples"),
                    thumbnails_dir=tmp_path_factory.mktemp("thumbnails"), exports_dir=tmp_path_factory.mktemp("exports"))
    port = free_port()
    launch(app, server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        app.demo.close()
