"""Every sentence the assistant says to a shopper, by key: the language packs hold them, `say` picks one."""
from __future__ import annotations

from assistant import language
from assistant.language import say

__all__ = ["MESSAGES", "say"]

# {key: {language: template}}: the packs' messages in the shape callers read before the packs existed.
MESSAGES: dict[str, dict[str, str]] = {
    key: {p.code: p.messages[key] for p in language.packs() if key in p.messages} for key in language.message_keys()
}
