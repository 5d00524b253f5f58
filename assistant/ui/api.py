"""The app's named API endpoint: one stateless turn (photo, text, session JSON) → (the CLI's result, new session JSON)."""
from __future__ import annotations

from typing import Any

from assistant.engine import Assistant
from assistant.session import SessionState
from assistant.error_report import error_object
from assistant.ui.handlers import language_of, read_photo

API_NAME = "turn"


def api_turn(assistant: Assistant, photo: str | None, text: str | None, session_json: str | None) -> tuple[dict[str, Any], str]:
    """Returns `reply.to_contract()` (or {"error": {"code", "message"}}) and the session to send with the next turn.

    On an error the session comes back unchanged, so a client can retry or continue.
    """
    text = text if isinstance(text, str) else ""
    session_json = session_json if isinstance(session_json, str) else ""
    language = language_of(text, "en")
    try:
        if session_json.strip():
            state = SessionState.from_json(session_json, catalog=assistant.catalog_id)
            language = language_of(text, state.language)
        else:
            state = assistant.new_session(language)
        image = read_photo(photo) if photo else None
        reply = assistant.turn(state, text=text, image=image)
    except Exception as error:  # the edge: an error object in the result slot, never a trace
        return {"error": error_object(error, language)}, session_json
    return reply.to_contract(), reply.session.to_json()
