"""Splits the free-text part of a search into what the shopper wants and what they negate ("without a logo")."""
from __future__ import annotations

import re

# A negation cue, then the negated phrase up to a word that opens a new thought.
_NEGATED = re.compile(
    r"(?:\b(?:without|no|not|never|minus)\b|不要|别要|别|没有|不带|不是)\s*"
    r"(?P<phrase>.+?)(?=\s*(?:\b(?:for|but|with|and|that|which)\b|[,;，；。、]|但|而且|要|$))",
    re.IGNORECASE,
)


def split_negations(semantic: str) -> tuple[str, str]:
    """("warm", "wool") for "warm but not wool": an encoder would pull toward a negated word, so it is kept apart."""
    negated = [m.group("phrase").strip() for m in _NEGATED.finditer(semantic) if m.group("phrase").strip()]
    wanted = _NEGATED.sub(" ", semantic)
    wanted = re.sub(r"\b(?:but|and)\s*$", "", re.sub(r"^\s*(?:but|and)\b", "", wanted.strip())).strip()
    return re.sub(r"\s+", " ", wanted).strip(" ,;，；"), ", ".join(negated)
