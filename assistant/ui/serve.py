"""How the app is served: address and port from the environment, queue limits for 2 cores, file rules."""
from __future__ import annotations

import os

from assistant.ui.layout import BuiltApp
from assistant.ui.theme import HEAD, THEME

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 7860
# Two turns at once keep a 2-core machine responsive; further ones wait in a bounded queue, long enough for
# 50 shoppers pressing send at the same moment (benchmarks/load.py: with 32 slots, 16 of 50 were turned away).
CONCURRENCY_LIMIT = 2
MAX_QUEUE = 64
MAX_UPLOAD = "20mb"  # the photo limit of catalog.images


def launch(app: BuiltApp, *, server_name: str | None = None, server_port: int | None = None,
           prevent_thread_lock: bool = False, quiet: bool = False):
    """Starts the server; GRADIO_SERVER_NAME / GRADIO_SERVER_PORT apply unless given here (Spaces binds 0.0.0.0)."""
    host = server_name or os.environ.get("GRADIO_SERVER_NAME") or DEFAULT_HOST
    port = server_port or int(os.environ.get("GRADIO_SERVER_PORT") or DEFAULT_PORT)
    app.demo.queue(default_concurrency_limit=CONCURRENCY_LIMIT, max_size=MAX_QUEUE)
    return app.demo.launch(
        server_name=host,
        server_port=port,
        prevent_thread_lock=prevent_thread_lock,
        quiet=quiet,
        i18n=app.i18n,
        css=app.css,
        head=HEAD,
        js=app.js,
        theme=THEME,
        allowed_paths=app.allowed_paths,
        max_file_size=MAX_UPLOAD,
        ssr_mode=False,
        # Past inputs (photos included) are not kept in the browser: uploads live only in Gradio's cache.
        run_history=False,
        enable_monitoring=False,
        footer_links=["api", "gradio"],
        show_error=False,
    )
