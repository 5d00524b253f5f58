"""Any failure of a turn → {"code", "message"} in the shopper's language: one wording for the CLI, API and UI."""
from __future__ import annotations

import logging

from assistant import language as languages
from assistant.errors import TurnError
from assistant.language import say
from assistant.session import SessionFormatError
from catalog.errors import BadImage, EncoderUnavailable, IndexUnavailable, LikethisError

_log = logging.getLogger("likethis")


def error_object(error: BaseException, language: str) -> dict[str, str]:
    if isinstance(error, TurnError):
        return {"code": error.code, "message": error.message(language)}
    if isinstance(error, BadImage):
        reason = getattr(error, "reason", None)
        # The decoder's own words are English; a pack may say its reasons in its language.
        detail = languages.pack(language).image_problems.get(reason, str(error))
        return {"code": "bad_image", "message": say("error_bad_image", language, detail=detail)}
    if isinstance(error, SessionFormatError):
        return {"code": "bad_session", "message": say("error_bad_session", language, detail=str(error).rstrip("."))}
    if isinstance(error, IndexUnavailable):
        # Where the store lives is the operator's business (logged), not the shopper's.
        _log.warning("turn failed: %s", error)
        return {"code": "index_unavailable", "message": say("error_index_unavailable", language)}
    if isinstance(error, EncoderUnavailable):
        return {"code": error.code, "message": say("error_encoder", language, detail=str(error))}
    if isinstance(error, LikethisError):
        return {"code": error.code, "message": str(error)}
    # Unexpected: the trace goes to the operator's log (no user content in it), the shopper gets a sentence.
    _log.exception("turn failed")
    return {"code": "internal", "message": say("error_internal", language)}
