"""Splits the free-text part of a search into what the shopper wants and what they negate ("without a logo")."""
from __future__ import annotations

from assistant.phrases import Item, normalize, segment, text_of, tokenize


def split_negations(semantic: str) -> tuple[str, str]:
    """("warm", "wool") for "warm but not wool": an encoder would pull toward a negated word, so it is kept apart.

    The cues are the language packs' (the same that negate colours and kinds), plus those that only ever negate a
    description ("没有logo"); a negated phrase runs to punctuation, a phrase end ("for", "but") or the next cue."""
    tokens, spaced = tokenize(normalize(semantic))
    items = segment(tokens, spaced)
    wanted: list[list[Item]] = [[]]
    negated: list[list[Item]] = []
    negating = False
    for item in items:
        entry = item.entry
        if (entry.negation and not entry.protected) or entry.description_negation:
            negated.append([])
            negating = True
        elif item.punct or entry.negation_phrase_end:
            negating = False
            wanted.append([] if item.punct else [item])
        elif negating:
            negated[-1].append(item)
        else:
            wanted[-1].append(item)
    wanted_text = " ".join(_phrase(run, tokens, spaced) for run in wanted)
    negated_text = ", ".join(text for text in (_phrase(run, tokens, spaced) for run in negated) if text)
    return " ".join(wanted_text.split()), negated_text


def _phrase(run: list[Item], tokens: list[str], spaced: list[bool]) -> str:
    """The words of a run, without the "but" / "and" left dangling at either end when a negation was cut out."""
    while run and _dangling(run[0], tokens):
        run = run[1:]
    while run and _dangling(run[-1], tokens):
        run = run[:-1]
    return text_of(run, tokens, spaced)


def _dangling(item: Item, tokens: list[str]) -> bool:
    return item.entry.connector or item.entry.scope_end == "hard"
