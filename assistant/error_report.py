"""Any failure of a turn → {"code", "message"} in the shopper's language: one wording for the CLI, API and UI."""
from __future__ import annotations

import logging

from assistant.errors import TurnError
from assistant.messages import say
from assistant.session import SessionFormatError
from catalog.errors import BadImage, EncoderUnavailable, IndexUnavailable, LikethisError

_log = logging.getLogger("likethis")

# The decoder's reasons, said in Chinese (its own messages are English).
IMAGE_PROBLEMS_ZH: dict[str, str] = {
    "too_large": "文件超过 20 MB",
    "empty": "文件是空的",
    "not_an_image": "这不是可识别的图片文件",
    "bomb": "图片像素过多，无法安全解码",
    "truncated": "图片已损坏或不完整",
    "too_small": "图片太小",
    "unreadable": "无法读取文件",
}


def error_object(error: BaseException, language: str) -> dict[str, str]:
    if isinstance(error, TurnError):
        return {"code": error.code, "message": error.message(language)}
    if isinstance(error, BadImage):
        reason = getattr(error, "reason", None)
        detail = IMAGE_PROBLEMS_ZH.get(reason, str(error)) if language == "zh" else str(error)
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
