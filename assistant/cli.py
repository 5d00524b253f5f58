"""The JSON CLI's edge: loads models once, runs turns, turns every failure into an error object — never a traceback."""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

from assistant.engine import Assistant
from assistant.error_report import error_object
from assistant.errors import TurnError
from assistant.session import SessionFormatError, SessionState
from assistant.understanding import parse_turn
from catalog.errors import LikethisError
from catalog.logs import quiet_third_party_logs

EXIT_OK, EXIT_TURN_FAILED, EXIT_SETUP_FAILED = 0, 1, 2
_log = logging.getLogger("likethis")


def build_assistant(encoder_kind: str | None, index_name: str | None, progress: bool = True) -> Assistant:
    from catalog.build import open_demo_index
    from catalog.encoders import build_encoder
    from catalog.index import open_index
    from catalog.settings import Settings

    settings = Settings.from_env()
    encoder = build_encoder(encoder_kind or settings.encoder, settings)
    if index_name:
        index = open_index(settings, index_name, encoder.describe(), create=False)
    else:
        index, _summary = open_demo_index(settings, encoder, progress=progress)
    return Assistant(encoder, index)


def run(args: argparse.Namespace, out: TextIO = sys.stdout) -> int:
    quiet_third_party_logs()
    try:
        assistant = build_assistant(args.encoder, args.index_name)
    except Exception as error:  # the edge: a setup failure is one error object and exit 2, never a traceback
        _emit(out, {"error": _setup_error(error)}, args.pretty)
        return EXIT_SETUP_FAILED
    if args.batch:
        return _run_batch(assistant, Path(args.batch), out, args.pretty)
    turn = {"text": args.text, "image": args.image, "like": args.like, "dislike": args.dislike,
            "reset": args.reset, "more_like": args.more_like, "k": args.k}
    return _run_single(assistant, turn, args.session, out, args.pretty)


def _setup_error(error: Exception) -> dict[str, str]:
    """What stopped the assistant from starting, said for the operator who started it."""
    if isinstance(error, LikethisError):
        return {"code": error.code, "message": str(error)}
    if isinstance(error, ValueError):  # a setting that cannot be used: --encoder foo, a malformed server URL
        return {"code": "bad_setting", "message": str(error)}
    _log.debug("setup failed", exc_info=True)
    return {"code": "setup_failed", "message": f"the assistant could not start: {type(error).__name__}: {error}"}


def _run_single(assistant: Assistant, turn: dict, session_file: str | None, out: TextIO, pretty: bool) -> int:
    language = _language_of(turn.get("text"))
    try:
        state = _read_session(assistant, session_file)
        language = _language_of(turn.get("text"), state.language)
        result, state = _run_turn(assistant, state, turn)
    except Exception as error:  # the edge: every failure becomes an error object
        _emit(out, {"error": _error_object(error, language)}, pretty)
        return EXIT_TURN_FAILED
    if session_file:
        _write_session(Path(session_file), state)
    _emit(out, result, pretty)
    return EXIT_OK


def _run_batch(assistant: Assistant, batch_file: Path, out: TextIO, pretty: bool) -> int:
    try:
        handle = batch_file.open(encoding="utf-8", errors="replace")
    except OSError as error:
        _emit(out, {"error": {"code": "bad_batch", "message": f"cannot read {batch_file}: {error.strerror}"}}, pretty)
        return EXIT_SETUP_FAILED
    sessions: dict[str, SessionState] = {}
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            session_key: Any = None
            try:
                turn = json.loads(line)
                if not isinstance(turn, dict):
                    raise ValueError("each line must be a JSON object")
                session_key = turn.get("session")
                key = json.dumps(session_key)
                state = sessions.get(key) or assistant.new_session()
                result, sessions[key] = _run_turn(assistant, state, turn)
                _emit(out, {"session": session_key, **result}, pretty)
            except Exception as error:  # one bad line must not stop the batch
                language = _language_of(turn.get("text") if isinstance(locals().get("turn"), dict) else None)
                detail = error if not isinstance(error, (json.JSONDecodeError, ValueError)) or isinstance(
                    error, (SessionFormatError, TurnError)) else _BatchLineError(f"line {number}: {error}")
                _emit(out, {"session": session_key, "error": _error_object(detail, language)}, pretty)
    return EXIT_OK


class _BatchLineError(Exception):
    code = "bad_turn"


def _run_turn(assistant: Assistant, state: SessionState, turn: dict) -> tuple[dict, SessionState]:
    from catalog.images import load_image

    text = turn.get("text") or ""
    if not isinstance(text, str):
        raise _BatchLineError("text must be a string")
    image = None
    if turn.get("image"):
        image = load_image(Path(str(turn["image"])))
    like, dislike = _id_list(turn, "like"), _id_list(turn, "dislike")
    k = turn.get("k", 10)
    if not isinstance(k, int) or isinstance(k, bool):
        raise _BatchLineError("k must be an integer")
    reply = assistant.turn(
        state, text=text, image=image, like=like, dislike=dislike, reset=bool(turn.get("reset")),
        more_like=turn.get("more_like"), k=k,
    )
    return reply.to_contract(), reply.session


def _id_list(turn: dict, key: str) -> list[str]:
    value = turn.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _BatchLineError(f"{key} must be a list of product ids")
    return value


def _read_session(assistant: Assistant, session_file: str | None) -> SessionState:
    if not session_file or not Path(session_file).exists():
        return assistant.new_session()
    try:
        raw = Path(session_file).read_bytes()
    except OSError as error:
        raise SessionFormatError(f"cannot read {session_file}: {error.strerror}") from None
    return SessionState.from_json(raw, catalog=assistant.catalog_id)


def _write_session(path: Path, state: SessionState) -> None:
    """Atomic: an interrupted write never leaves a half-written hand-over file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(prefix=".session-", dir=path.parent)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(state.to_json())
    os.replace(temporary, path)


def _language_of(text: Any, fallback: str = "en") -> str:
    if isinstance(text, str) and text.strip():
        try:
            return parse_turn(text[:2000]).language
        except Exception:
            return fallback
    return fallback


def _error_object(error: BaseException, language: str) -> dict[str, str]:
    if isinstance(error, _BatchLineError):
        return {"code": "bad_turn", "message": str(error)}
    return error_object(error, language)


def _emit(out: TextIO, payload: dict, pretty: bool) -> None:
    out.write(json.dumps(payload, ensure_ascii=False, indent=2 if pretty else None) + "\n")
    out.flush()
