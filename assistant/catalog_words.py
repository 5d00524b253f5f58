"""The words a catalog adds to understanding: its brands, sizes, product ids and titles, and the typo vocabulary."""
from __future__ import annotations

import re
import weakref
from collections import Counter
from functools import cache
from typing import Sequence

from rapidfuzz import fuzz, process

from assistant import language
from assistant.phrases import Item, PhraseIndex, build_index, normalize, pack_index, pack_tokens, tokenize
from assistant.spelling import Speller
from catalog.facets import CatalogFacets, looks_like_letter_size, normalise_size

MAX_ID_TOKENS = 8
# A whole message this close to one title (rapidfuzz ratio, 0-100) looks that product up, if no other title is
# within TITLE_MARGIN of it: "Wrenfield Red Midi Dres" is the Wrenfield Red Midi Dress, not the blue one.
TITLE_SIMILARITY = 90.0
TITLE_MARGIN = 3.0
MIN_TITLE_TOKENS = 3
# A brand's first word alone names it when it is at least this long and no other brand starts with it.
MIN_BRAND_WORD = 4
_SEPARATORS = frozenset("-_./")
_CODE_SEPARATORS = frozenset("-_")  # "no.3" is a reference and "50/60" two numbers; "fm-0042-red" one code
_VOCABULARY_ROLES = ("color", "category", "attribute", "group", "vague_price", "relative")


class CatalogWords:
    """Derived once per catalog (facets) and language set; readers ask it, never the raw facets."""

    def __init__(self, facets: CatalogFacets) -> None:
        self.facets = facets
        self.index: PhraseIndex = build_index(_brand_roles(facets))
        self.sizes = {size.lower(): size for size in facets.sizes}
        self._ids: dict[str, tuple[str, ...]] = {}
        for group, members in facets.groups.items():
            self._ids.setdefault(_id_key(group), members)
        for product_id in facets.ids:
            self._ids[_id_key(product_id)] = (product_id,)
        self._prefixes = frozenset(_prefix(product_id) for product_id in facets.ids) - {""}
        self._titles: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._title_starts: dict[str, list[tuple[str, ...]]] = {}
        for title, members in facets.titles.items():
            tokens = tuple(tokenize(normalize(title))[0])
            if tokens:
                self._titles[tokens] = tuple(dict.fromkeys(self._titles.get(tokens, ()) + members))
        for tokens in sorted(self._titles, key=len, reverse=True):
            self._title_starts.setdefault(tokens[0], []).append(tokens)
        self._title_texts = [" ".join(tokens) for tokens in self._titles]
        self._title_ids = list(self._titles.values())
        self._titles_with: dict[str, list[int]] = {}  # token → the titles using it, to compare few titles only
        for number, tokens in enumerate(self._titles):
            for token in set(tokens):
                self._titles_with.setdefault(token, []).append(number)
        self.speller = Speller(_typo_vocabulary(self.index), known=pack_tokens() | facets.words)

    # --- sizes ---------------------------------------------------------------------------------------------

    def size(self, text: str, explicit: bool) -> str | None:
        """The catalog's spelling of a size typed as `text`; an explicit size ("size 50") the catalog does not
        stock is still a size (the reply can say none is in stock), a bare one is not."""
        known = self.sizes.get(text.lower())
        if known is not None:
            return known
        if not explicit:
            return None
        normalised = normalise_size(text)
        return normalised if (looks_like_letter_size(text) or normalised[:1].isdigit()) else None

    # --- product ids and titles ------------------------------------------------------------------------------

    def spans(self, tokens: list[str], spaced: list[bool]) -> dict[int, Item]:
        """Items for the products a turn names by id, group id or exact title; unknown id-looking words; and
        codes ("fm-0042-red") that must be read whole, never as the colour inside them."""
        found: dict[int, Item] = {}
        i = 0
        while i < len(tokens):
            item = self._title_at(tokens, i) if tokens[i] in self._title_starts else None
            if item is None and _is_alnum(tokens[i]):
                glued = i + 1 < len(tokens) and not spaced[i + 1]
                item = (self._id_at(tokens, spaced, i) if self._ids else None) or (
                    self._code_at(tokens, spaced, i) if glued else None)
            if item is None:
                i += 1
                continue
            found[i] = item
            i = item.end
        return found

    def title_span(self, tokens: list[str], start: int, end: int) -> Item | None:
        """The one title `tokens[start:end]` nearly is (a typo or two), if no other title is about as near."""
        if end - start < MIN_TITLE_TOKENS or not self._title_texts:
            return None
        typed_tokens = set(tokens[start:end])
        shared = Counter(number for token in typed_tokens for number in self._titles_with.get(token, ()))
        # A near title shares most of its words exactly: only those titles are compared, however large the catalog.
        needed = max(2, len(typed_tokens) // 2)
        candidates = [number for number, count in shared.items() if count >= needed]
        if not candidates:
            return None
        typed = " ".join(tokens[start:end])
        close = process.extract(typed, {number: self._title_texts[number] for number in candidates},
                                scorer=fuzz.ratio, score_cutoff=TITLE_SIMILARITY - TITLE_MARGIN, limit=2)
        if not close or close[0][1] < TITLE_SIMILARITY:
            return None
        if len(close) > 1 and close[1][1] > close[0][1] - TITLE_MARGIN:
            return None
        return Item(start, end, lookup=self._title_ids[close[0][2]])

    def _title_at(self, tokens: list[str], i: int) -> Item | None:
        for title in self._title_starts.get(tokens[i], ()):
            if tuple(tokens[i:i + len(title)]) == title:
                return Item(i, i + len(title), lookup=self._titles[title])
        return None

    def _id_at(self, tokens: list[str], spaced: list[bool], i: int) -> Item | None:
        if not _is_alnum(tokens[i]) or (i > 0 and not spaced[i] and (tokens[i - 1] in _SEPARATORS
                                                                       or _is_alnum(tokens[i - 1]))):
            return None
        key, best, j = "", None, i
        while j < len(tokens) and j - i < MAX_ID_TOKENS * 2:
            token = tokens[j]
            if _is_alnum(token):
                key += token
                if key in self._ids and _glued_end(tokens, spaced, j) == j + 1:  # a whole code, not part of one
                    best = (j + 1, self._ids[key])
            elif not (token in _SEPARATORS and not spaced[j] and j + 1 < len(tokens) and not spaced[j + 1]):
                break
            j += 1
        if best is None:
            return self._unknown_id_at(tokens, spaced, i)
        return Item(i, best[0], lookup=best[1])

    def _unknown_id_at(self, tokens: list[str], spaced: list[bool], i: int) -> Item | None:
        end = _glued_end(tokens, spaced, i)
        key = "".join(t for t in tokens[i:end] if _is_alnum(t))
        if (end - i >= 2 and len(key) >= 5 and any(c.isdigit() for c in key) and any(c.isalpha() for c in key)
                and _prefix(key) in self._prefixes):
            return Item(i, end, lookup=())
        return None

    @staticmethod
    def _code_at(tokens: list[str], spaced: list[bool], i: int) -> Item | None:
        """"fm-0042-red", "ab12cd": letters and digits glued into one code are one word of free text."""
        if not _is_alnum(tokens[i]) or (i > 0 and not spaced[i] and tokens[i - 1] in _CODE_SEPARATORS):
            return None
        end = _glued_end(tokens, spaced, i, _CODE_SEPARATORS)
        parts = [t for t in tokens[i:end] if _is_alnum(t)]
        separated = end - i > len(parts)
        mixed = any(t[0].isdigit() for t in parts) and any(t[0].isalpha() for t in parts)
        if mixed and (separated or len(parts) >= 3):
            return Item(i, end)
        return None


def catalog_words(facets: CatalogFacets | None) -> CatalogWords:
    """The derived words of `facets` (of no catalog when None), built once per catalog and set of packs."""
    if facets is None:
        return _without_catalog(language.version())
    version = language.version()
    cached = _BY_FACETS.get(facets)
    if cached is None or cached[0] != version:
        cached = (version, CatalogWords(facets))
        _BY_FACETS[facets] = cached
    return cached[1]


_BY_FACETS: "weakref.WeakKeyDictionary[CatalogFacets, tuple[int, CatalogWords]]" = weakref.WeakKeyDictionary()


@cache
def _without_catalog(_version: int) -> CatalogWords:
    return CatalogWords(CatalogFacets.empty())


def _brand_roles(facets: CatalogFacets) -> dict[str, dict]:
    """"Harbor & Pine" is also "harbor and pine", "harbor pine", "Harbor & Pine's" and, its first word being its
    own, "harbor"."""
    roles: dict[str, dict] = {}
    first_words: dict[str, list[str]] = {}
    for brand in facets.brands:
        words = normalize(brand).split()
        first_words.setdefault(words[0], []).append(brand)
    known = pack_tokens()
    for brand in facets.brands:
        spelled = normalize(brand)
        variants = {spelled, spelled.replace("&", "and"), " ".join(w for w in spelled.split() if w != "&")}
        words = spelled.split()
        if len(words) > 1 and len(words[0]) >= MIN_BRAND_WORD and len(first_words[words[0]]) == 1 \
                and words[0] not in known:
            variants.add(words[0])
        for variant in variants:
            if variant.strip():
                roles.setdefault(variant, {"brand": brand})
                roles.setdefault(variant + "'s", {"brand": brand})
    return roles


def _typo_vocabulary(brand_index: PhraseIndex) -> dict[str, frozenset]:
    """Every word of a colour, kind, budget or brand phrase → what the phrases it belongs to mean."""
    own: dict[str, set] = {}
    part_of: dict[str, set] = {}
    for index in (pack_index(), brand_index):
        for candidates in index.values():
            for phrase, entry in candidates:
                meanings = {(role, getattr(entry, role)) for role in (*_VOCABULARY_ROLES, "brand")
                            if getattr(entry, role) is not None}
                if not meanings:
                    continue
                for token in phrase:
                    if token.isascii() and token.isalpha():
                        (own if len(phrase) == 1 else part_of).setdefault(token, set()).update(meanings)
    return {token: frozenset(own.get(token) or part_of[token]) for token in {*own, *part_of}}


def _id_key(product_id: str) -> str:
    return "".join(tokenize(normalize(product_id))[0]).translate({ord(c): None for c in _SEPARATORS})


def _prefix(key: str) -> str:
    """The letters an id starts with ("fm" of "fm-0042-red"): what ids of this catalog look like."""
    match = re.match(r"[a-z]+", _id_key(key))
    return match.group(0) if match and len(match.group(0)) <= 6 else ""


def _is_alnum(token: str) -> bool:
    return token.isascii() and token.isalnum()


def _glued_end(tokens: Sequence[str], spaced: Sequence[bool], i: int, separators: frozenset[str] = _SEPARATORS) -> int:
    """One past the last token glued to tokens[i] (no space between) by letters, digits or separators."""
    end = i + 1
    while end < len(tokens) and not spaced[end] and (_is_alnum(tokens[end]) or (
            tokens[end] in separators and end + 1 < len(tokens) and not spaced[end + 1]
            and _is_alnum(tokens[end + 1]))):
        end += 1
    return end
