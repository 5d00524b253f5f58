"""Typo tolerance: a misspelt vocabulary word ("dres", "biege") is read as the word meant, when one is clearly meant."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Iterable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA

from assistant import language

# A word the language's dictionary counts at least this often (pyspellchecker's English counts run over ~1.6e9
# words) is a real word the shopper meant, never a typo: "bed" is not "red", "dressy" not "dress". Rarer entries
# are mostly misspellings that made it into the corpus ("cheep", "tope").
REAL_WORD_MIN_COUNT = 100
MIN_LENGTH = 3
MAX_LENGTH = 24  # longer than any vocabulary word or brand by a wide margin: never a typo of one
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Guess:
    """What a typed word may have meant: one word, or several equally close ones that mean different things."""

    words: tuple[str, ...]  # closest first; one when the reading is unambiguous

    @property
    def ambiguous(self) -> bool:
        return len(self.words) > 1


class Speller:
    """Guesses against a vocabulary of words, each with what it means (so "shirt"/"shirts" are not a choice)."""

    def __init__(self, vocabulary: Mapping[str, frozenset], known: Iterable[str] = ()) -> None:
        self._meanings = {word: meaning for word, meaning in vocabulary.items() if len(word) >= MIN_LENGTH}
        self._choices = list(self._meanings)
        self._known = frozenset(known) | frozenset(vocabulary)
        self._guesses: dict[str, Guess | None] = {}

    def guess(self, typed: str) -> Guess | None:
        """None when `typed` is a word in its own right or nothing in the vocabulary is close enough."""
        if typed in self._guesses:
            return self._guesses[typed]
        found = self._guess(typed)
        if len(self._guesses) < 10_000:  # a turn has at most a few hundred words; the cache stays small
            self._guesses[typed] = found
        return found

    def _guess(self, typed: str) -> Guess | None:
        if not MIN_LENGTH <= len(typed) <= MAX_LENGTH or not _WORD.fullmatch(typed) or typed in self._known:
            return None
        limit = 2 if len(typed) >= 7 else 1
        close = process.extract(typed, self._choices, scorer=OSA.distance, score_cutoff=limit, limit=None)
        # The dictionary is asked last: most words are near no vocabulary word and never need it.
        if not close or is_real_word(typed):
            return None
        best = min(distance for _, distance, _ in close)
        # Short words keep their first letter: "pnik" is pink, but "tan" must not reach "can" through a typo.
        candidates = [word for word, distance, _ in close
                      if distance == best and (len(typed) > 4 or word[0] == typed[0])]
        if not candidates:
            return None
        candidates.sort(key=lambda word: (abs(len(word) - len(typed)), word))
        chosen: list[str] = []
        meanings: list[frozenset] = []
        for word in candidates:
            if self._meanings[word] not in meanings:
                chosen.append(word)
                meanings.append(self._meanings[word])
        return Guess(tuple(chosen))


def is_real_word(word: str) -> bool:
    return any(_count(word, code) >= REAL_WORD_MIN_COUNT for code in _dictionaries(language.version()))


def _count(word: str, code: str) -> int:
    frequencies = _word_frequency(code)
    return frequencies[word] if word in frequencies else 0


@cache
def _dictionaries(_version: int) -> tuple[str, ...]:
    return tuple(p.spell_dictionary for p in language.packs() if p.spell_dictionary)


def warm_up() -> None:
    """Loads the dictionaries now (~1-2 s), so a server's first misspelt word is answered as fast as the rest."""
    for code in _dictionaries(language.version()):
        _word_frequency(code)


@cache
def _word_frequency(code: str):
    """The dictionary's word counts, loaded on the first word that might be a typo (~0.5 s, once)."""
    from spellchecker import SpellChecker

    return SpellChecker(language=code, distance=1).word_frequency
