"""Builds the encoder the settings ask for; `auto` prefers CLIP when its weights can be had, else `lite`."""
from __future__ import annotations

import logging
import os
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from catalog.encoders.base import Encoder
from catalog.encoders.clip import ClipEncoder, canonical_model_id
from catalog.encoders.lite import LiteEncoder
from catalog.settings import Settings

KINDS = ("auto", "clip", "lite")
HUB_TIMEOUT_SECONDS = 2.0
_WEIGHT_SUFFIXES = (".safetensors", ".bin", ".pt", ".pth")
_TRUTHY = {"1", "ON", "YES", "TRUE"}

_logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class _Availability:
    available: bool
    how: str  # e.g. "cached locally", "huggingface.co unreachable"


def build_encoder(kind: str = "auto", settings: Settings | None = None, *, log: logging.Logger = _logger) -> Encoder:
    """The encoder for `kind`; its `choice_reason` says why, for the app header and the log."""
    settings = settings or Settings.from_env()
    kind = (kind or "auto").strip().lower()
    if kind not in KINDS:
        raise ValueError(f"unknown encoder kind {kind!r}; choose one of: {', '.join(KINDS)}")

    encoder: Encoder
    if kind == "lite":
        encoder, reason = LiteEncoder(), "lite requested"
    elif kind == "clip":
        encoder = ClipEncoder(model=settings.clip_model, text_model=settings.clip_text_model)
        reason = "clip requested"
    else:
        encoder, reason = _choose_automatically(settings)
    encoder.choice_reason = reason
    log.info("encoder: %s (%s)", encoder.backend, reason)
    return encoder


def _choose_automatically(settings: Settings) -> tuple[Encoder, str]:
    clip = _availability(settings.clip_model)
    if not clip.available:
        return LiteEncoder(), f"clip weights {clip.how}"

    reason = f"clip weights {clip.how}"
    text_model = settings.clip_text_model
    if text_model:
        text = _availability(text_model)
        if text.available:
            reason += f"; multilingual text model {text.how}"
        else:
            reason += f"; multilingual text model {text_model} {text.how}, using CLIP's own text tower"
            text_model = None
    return ClipEncoder(model=settings.clip_model, text_model=text_model), reason


def _availability(model: str) -> _Availability:
    """Whether `model` (a local folder or a hub id) can be loaded now, and why or why not."""
    if Path(model).expanduser().is_dir():
        return _Availability(True, f"in local folder {model}")
    repo_id = _hub_repo_id(model)
    if repo_id is None:
        return _Availability(False, f"not found: {model} is neither a folder nor a hub id")
    if _cached(repo_id):
        return _Availability(True, "cached locally")
    if _hub_offline():
        return _Availability(False, "not cached and HF_HUB_OFFLINE is set")
    status = _hub_status(repo_id)
    if status is None:
        return _Availability(False, "not cached and huggingface.co unreachable")
    if 200 <= status < 400:
        return _Availability(True, "not cached but huggingface.co reachable (downloaded on first use)")
    return _Availability(False, f"not cached and huggingface.co answered HTTP {status} for {repo_id}")


def _hub_repo_id(model: str) -> str | None:
    # sentence-transformers treats more than one slash as a path, never as a hub id.
    if model.count("/") > 1 or model.startswith((".", "~", os.sep)):
        return None
    return canonical_model_id(model)


def _cached(repo_id: str) -> bool:
    try:
        from huggingface_hub import snapshot_download
    except ImportError:
        return False
    try:
        # The folder sentence-transformers itself would read; None means the usual Hugging Face cache.
        snapshot = snapshot_download(
            repo_id, local_files_only=True, cache_dir=os.environ.get("SENTENCE_TRANSFORMERS_HOME")
        )
    except Exception:  # noqa: BLE001 - every failure here means "not (fully) in the cache"
        return False
    # A snapshot can hold only configs when an earlier download was interrupted; without weights it is useless.
    return any(path.name.endswith(_WEIGHT_SUFFIXES) for path in Path(snapshot).rglob("*"))


def _hub_offline() -> bool:
    return os.environ.get("HF_HUB_OFFLINE", "").strip().upper() in _TRUTHY


def _hub_status(repo_id: str) -> int | None:
    """The hub's HTTP status for the model, or None when it does not answer within the timeout."""
    # The socket timeout does not bound the DNS lookup, which can hang far longer on a machine without
    # network; a daemon thread with a deadline bounds the whole check.
    answers: list[int | None] = []
    probe = threading.Thread(target=lambda: answers.append(_head_status(repo_id)), daemon=True)
    probe.start()
    probe.join(HUB_TIMEOUT_SECONDS)
    return answers[0] if answers else None


def _head_status(repo_id: str) -> int | None:
    # HF_ENDPOINT is honoured as huggingface_hub does, so a mirror counts as "the hub".
    endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")
    request = urllib.request.Request(f"{endpoint}/api/models/{repo_id}", method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=HUB_TIMEOUT_SECONDS) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except (urllib.error.URLError, OSError, ValueError):
        return None
