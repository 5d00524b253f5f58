"""A real `chroma run` server for tests: loopback only, killable and restartable on the same port and path."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

# The `chroma` command installed next to the interpreter running the tests (the project's venv).
CHROMA = str(Path(sys.executable).parent / "chroma")


class ChromaServer:
    """A `chroma run` process on 127.0.0.1 that can be killed and started again on the same port and path."""

    def __init__(self, path: Path, port: int) -> None:
        self.path = path
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self._log = path.parent / f"chroma-{port}.log"
        self._process: subprocess.Popen | None = None

    def start(self, timeout: float = 30.0) -> None:
        command = [CHROMA, "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)]
        with self._log.open("ab") as log:
            self._process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"chroma exited with {self._process.returncode}:\n{self._log.read_text()[-2000:]}")
            try:
                httpx.get(f"{self.url}/api/v2/heartbeat", timeout=1.0).raise_for_status()
                return
            except httpx.HTTPError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"chroma did not answer its heartbeat within {timeout} s")

    def stop(self) -> None:
        """SIGKILL, as a crash would: nothing gets a chance to flush."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait(timeout=10)
        self._process = None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
