"""Typed errors a turn can raise; each carries a stable code and the values its message needs."""
from __future__ import annotations

from assistant.language import say


class TurnError(Exception):
    code = "error"
    message_key = "error_internal"

    def __init__(self, **values) -> None:
        super().__init__(values.get("detail", self.code))
        self.values = values

    def message(self, language: str) -> str:
        return say(self.message_key, language, **self.values)


class UnknownProduct(TurnError):
    code = "unknown_product"
    message_key = "error_unknown_product"


class BadReference(TurnError):
    code = "bad_reference"
    message_key = "error_bad_reference"


class NoResultsYet(TurnError):
    code = "no_results_yet"
    message_key = "error_no_results_yet"


class TextTooLong(TurnError):
    code = "text_too_long"
    message_key = "error_text_too_long"
