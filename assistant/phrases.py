"""Text to items: normalised tokens, grouped into the phrases the language packs (and a catalog's facets) know."""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Mapping, Sequence

from assistant import language

# Control, format and bidi characters (and lone surrogates) carry no words and can hide them.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ud800-\udfff]")
_UNIFY = str.maketrans({
    "’": "'", "‘": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"',
    "–": "-", "—": "-", "−": "-", "‐": "-", "‑": "-", "‒": "-", "―": "-", "〜": "~", "｡": "。",
})
_PUNCT_CATEGORIES = ("Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk")
_ORDINAL_TOKEN = re.compile(r"([0-9]+)(?:st|nd|rd|th)")
_MAX_NUMERAL_RUN = 12


def normalize(text: str) -> str:
    text = _INVISIBLE.sub(" ", text)
    return unicodedata.normalize("NFKC", text).translate(_UNIFY).lower()


def tokenize(text: str) -> tuple[list[str], list[bool]]:
    """Tokens and, for each, whether whitespace came before it."""
    pairs = _token_pattern(language.version()).findall(text)
    return [token for _, token in pairs], [bool(space) for space, _ in pairs]


@cache
def _token_pattern(_version: int) -> re.Pattern[str]:
    unspaced = "".join(p.script for p in language.packs() if not p.spaced)
    suffixes = "".join(sorted({s for p in language.packs() for s in p.amount_suffixes}))
    parts = [
        rf"[0-9]+(?:\.[0-9]+)?[{re.escape(suffixes)}](?![a-z0-9])" if suffixes else None,  # 1k, 1.5k, 2w
        r"[0-9]+(?:st|nd|rd|th)(?![a-z0-9])",               # 3rd
        r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])",  # 1,299
        r"[0-9]+(?:\.[0-9]+)?",
        r"[a-z]+(?:'[a-z]+)*",                              # words, with don't / i'd whole
        f"[{unspaced}]" if unspaced else None,              # one character of a script written without spaces
        rf"[^\W\d_a-z{unspaced}]+",                         # words in other scripts
        r"\S",
    ]
    return re.compile(r"(\s*)(" + "|".join(p for p in parts if p) + ")")


def is_unspaced(token: str) -> bool:
    """One character of a script written without spaces (a Han character)."""
    return len(token) == 1 and bool(_unspaced_pattern(language.version()).fullmatch(token))


@cache
def _unspaced_pattern(_version: int) -> re.Pattern[str]:
    unspaced = "".join(p.script for p in language.packs() if not p.spaced)
    return re.compile(f"[{unspaced}]" if unspaced else "(?!)")


# --- phrases ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """Every role a phrase can play; most phrases play one."""

    color: str | None = None
    category: str | None = None
    attribute: tuple[str, ...] | None = None  # "long sleeves": the categories it implies
    group: tuple[str, ...] | None = None      # "shoes": the categories it names
    brand: str | None = None                  # a catalog's brand, as the catalog spells it
    size_alias: str | None = None             # "均码": a size said in words (the catalog's spelling)
    title_ids: tuple[str, ...] | None = None  # a catalog title: the products it names
    negation: bool = False
    description_negation: bool = False
    connector: bool = False
    scope_end: str | None = None  # "hard" or "soft"
    negation_phrase_end: bool = False
    price_prefix: str | None = None
    price_suffix: str | None = None
    range_joiner: bool = False
    range_weak_joiner: bool = False
    range_suffix: bool = False
    currency: bool = False
    non_price_unit: bool = False
    size_word: bool = False
    size_suffix: bool = False
    comparison: bool = False
    relative: str | None = None
    vague_price: str | None = None
    reference_prefix: bool = False
    ordinal: int | None = None
    cardinal: int | None = None
    amount: float | None = None
    from_end: int | None = None
    ordinal_prefix: int | None = None
    measure_word: bool = False
    reference_noun: bool = False
    more_like_this: bool = False
    reset: bool = False
    remove: str | None = None
    brand_cue: bool = False
    lookup_cue: bool = False
    vague_cue: bool = False
    filler: bool = False
    function_word: bool = False
    color_noun: bool = False
    protected: bool = False


PLAIN = Entry()


@dataclass(slots=True)
class Item:
    start: int  # first token
    end: int    # one past the last token
    entry: Entry = PLAIN
    number: float | None = None   # "50", "1,299", "1k", "三百五"
    ordinal: int | None = None    # "3rd"
    punct: bool = False           # splits the free text
    han: bool = False             # a character of an unspaced script
    spaced: bool = False          # whitespace before it
    lookup: tuple[str, ...] | None = None  # product ids an id or title names (an unknown id: empty)


# First token → (phrase tokens, entry), longest phrase first.
PhraseIndex = Mapping[str, Sequence[tuple[list[str], Entry]]]


def _pack_roles() -> dict[str, dict]:
    roles: dict[str, dict] = {}

    def put(phrases, role, value=True):
        for phrase in phrases:
            roles.setdefault(phrase, {})[role] = value

    for pack in language.packs():
        joiner = " " if pack.spaced else ""
        for slug, phrases in pack.colors.items():
            put(phrases, "color", slug)
            for phrase in phrases:
                if " " in phrase or "-" in phrase:
                    continue
                for shade in pack.color_shades:
                    roles.setdefault(shade + joiner + phrase, {}).setdefault("color", slug)
        for slug, phrases in pack.categories.items():
            put(phrases, "category", slug)
        for slugs, phrases in pack.attribute_categories.items():
            put(phrases, "attribute", tuple(slugs))
        for slugs, phrases in pack.category_groups.items():
            put(phrases, "group", tuple(slugs))
        for canonical, phrases in pack.size_aliases.items():
            put(phrases, "size_alias", canonical)
        put(pack.negation_cues, "negation")
        put(pack.description_negation_cues, "description_negation")
        put(pack.connectors, "connector")
        put(pack.hard_scope_ends, "scope_end", "hard")
        put(pack.soft_scope_ends, "scope_end", "soft")
        put(pack.negation_phrase_ends, "negation_phrase_end")
        for op, phrases in pack.price_prefixes.items():
            put(phrases, "price_prefix", op)
        for op, phrases in pack.price_suffixes.items():
            put(phrases, "price_suffix", op)
        put(pack.range_joiners, "range_joiner")
        put(pack.range_weak_joiners, "range_weak_joiner")
        put(pack.range_suffixes, "range_suffix")
        put(pack.currency_markers, "currency")
        put(pack.non_price_units, "non_price_unit")
        put(pack.size_words, "size_word")
        put(pack.size_suffixes, "size_suffix")
        put(pack.comparison_words, "comparison")
        for direction, phrases in pack.relative_price.items():
            put(phrases, "relative", direction)
        for level, phrases in pack.vague_price.items():
            put(phrases, "vague_price", level)
        put(pack.reference_prefixes, "reference_prefix")
        for phrase, rank in pack.ordinal_words.items():
            put((phrase,), "ordinal", rank)
        for phrase, value in pack.cardinal_words.items():
            put((phrase,), "cardinal", value)
        for phrase, value in pack.amount_words.items():
            put((phrase,), "amount", float(value))
        for phrase, rank in pack.from_end_phrases.items():
            put((phrase,), "from_end", rank)
        for phrase, sign in pack.ordinal_prefixes.items():
            put((phrase,), "ordinal_prefix", sign)
        put(pack.measure_words, "measure_word")
        put(pack.reference_nouns, "reference_noun")
        put(pack.more_like_this, "more_like_this")
        put(pack.reset_phrases, "reset")
        for field_name, phrases in pack.removal_phrases.items():
            put(phrases, "remove", field_name)
        put(pack.brand_cues, "brand_cue")
        put(pack.lookup_cues, "lookup_cue")
        put(pack.vague_cues, "vague_cue")
        put(pack.fillers, "filler")
        put(pack.function_words, "function_word")
        put(pack.color_nouns, "color_noun")
    for pack in language.packs():
        for phrase in pack.protected_words:
            # "没有" is no colour negation ("有没有红色的" asks for red) but still negates a description ("没有logo").
            kept = {"description_negation": True} if roles.get(phrase, {}).get("description_negation") else {}
            roles[phrase] = {"protected": True, **kept}
    return roles


def build_index(roles: Mapping[str, Mapping]) -> dict[str, list[tuple[list[str], Entry]]]:
    index: dict[str, list[tuple[list[str], Entry]]] = {}
    for phrase, phrase_roles in roles.items():
        tokens, _ = tokenize(normalize(phrase))
        if tokens:
            index.setdefault(tokens[0], []).append((tokens, Entry(**phrase_roles)))
    for candidates in index.values():
        candidates.sort(key=lambda candidate: -len(candidate[0]))
    return index


def pack_index() -> PhraseIndex:
    """The phrases of every registered pack."""
    return _pack_index(language.version())


@cache
def _pack_index(_version: int) -> dict[str, list[tuple[list[str], Entry]]]:
    return build_index(_pack_roles())


def pack_tokens() -> frozenset[str]:
    """Every token some pack phrase uses: such a token is a word we know, never a typo."""
    return _pack_tokens(language.version())


@cache
def _pack_tokens(_version: int) -> frozenset[str]:
    return frozenset(token for candidates in pack_index().values() for phrase, _ in candidates for token in phrase)


@cache
def _numerals(_version: int) -> tuple[dict[str, int], dict[str, int]]:
    digits: dict[str, int] = {}
    units: dict[str, int] = {}
    for pack in language.packs():
        digits.update(pack.numeral_digits)
        units.update(pack.numeral_units)
    return digits, units


# --- segmentation -----------------------------------------------------------------------------------------

def segment(tokens: list[str], spaced: list[bool], indexes: Sequence[PhraseIndex] = (),
            forced: Mapping[int, Item] | None = None) -> list[Item]:
    """Tokens → items, longest phrase first across `indexes` (the packs' when empty); `forced` items (ids and
    titles found beforehand) replace the tokens they cover."""
    indexes = indexes or (pack_index(),)
    forced = forced or {}
    digits, units = _numerals(language.version())
    items: list[Item] = []
    i, count = 0, len(tokens)
    while i < count:
        if i in forced:
            items.append(forced[i])
            i = forced[i].end
            continue
        token = tokens[i]
        length, entry = _longest_phrase(indexes, tokens, i, forced)
        if token in digits or token in units:
            run = _numeral_run(tokens, spaced, i, digits, units)
            after_ordinal = bool(items) and items[-1].entry.ordinal_prefix is not None  # "第一个", not 第 + 一个
            if run > length or after_ordinal:  # otherwise a phrase wins ties: "千万", "一点", "十分"
                number = _numeral_value(tokens[i:i + run], digits, units) if run <= _MAX_NUMERAL_RUN else None
                items.append(Item(i, i + run, number=number, han=True))
                i += run
                continue
        if entry is not None:
            punct = length == 1 and _splits_text(tokens, spaced, i)
            items.append(Item(i, i + length, entry, punct=punct, han=is_unspaced(token)))
            i += length
            continue
        if "0" <= token[0] <= "9":  # ASCII only: other scripts' digits are text
            i = _append_number(items, tokens, spaced, i, units)
            continue
        items.append(Item(i, i + 1, punct=_splits_text(tokens, spaced, i), han=is_unspaced(token)))
        i += 1
    for item in items:
        item.spaced = spaced[item.start]
    return items


def _longest_phrase(indexes: Sequence[PhraseIndex], tokens: list[str], i: int,
                    forced: Mapping[int, Item]) -> tuple[int, Entry | None]:
    best: tuple[int, Entry | None] = (0, None)
    for index in indexes:
        for phrase, entry in index.get(tokens[i], ()):
            length = len(phrase)
            if length <= best[0]:
                break
            if (length == 1 or tokens[i:i + length] == phrase) and not any(j in forced for j in range(i + 1, i + length)):
                best = (length, entry)
                break
    return best


def _numeral_run(tokens: list[str], spaced: list[bool], i: int, digits, units) -> int:
    end = i + 1
    while end < len(tokens) and not spaced[end] and (tokens[end] in digits or tokens[end] in units):
        end += 1
    return end - i


def _numeral_value(chars: list[str], digits: Mapping[str, int], units: Mapping[str, int]) -> float:
    total = section = digit = 0
    last_unit = 0
    after_zero = False
    previous_was_unit = False
    largest = max(units.values(), default=0)
    for char in chars:
        if char in digits:
            value = digits[char]
            after_zero = after_zero or value == 0
            # "一二三" read digit by digit; a digit after a unit waits for the next unit.
            digit = digit * 10 + value if digit and not previous_was_unit else value
            previous_was_unit = False
        else:
            unit = units[char]
            if unit == largest:
                total = (total + section + digit) * unit
                section = 0
            else:
                section += (digit or 1) * unit
            digit, last_unit, previous_was_unit, after_zero = 0, unit, True, False
    # Colloquial "三百五" is 350 and "一千二" is 1200: a trailing digit counts in the next smaller unit,
    # unless a 零 came between ("一百零五" is 105).
    if digit and last_unit and not previous_was_unit and not after_zero:
        digit *= last_unit // 10 if last_unit != largest else largest // 10
    return float(total + section + digit)


def _append_number(items: list[Item], tokens: list[str], spaced: list[bool], i: int, units: Mapping[str, int]) -> int:
    token = tokens[i]
    ordinal = _ORDINAL_TOKEN.fullmatch(token)
    if ordinal:
        items.append(Item(i, i + 1, ordinal=int(ordinal.group(1)) if len(ordinal.group(1)) <= 3 else None))
        return i + 1
    scale = 1.0
    suffixes = _amount_suffixes(language.version())
    if token[-1] in suffixes:
        scale, token = suffixes[token[-1]], token[:-1]
    value = float(token.replace(",", "")) * scale
    end = i + 1
    # "2千" / "1.5万": a unit glued to the digits multiplies them (not 十: "2十" is no way to write 20).
    if end < len(tokens) and not spaced[end] and units.get(tokens[end], 0) >= 100:
        value *= units[tokens[end]]
        end += 1
    items.append(Item(i, end, number=value if math.isfinite(value) else None))
    return end


@cache
def _amount_suffixes(_version: int) -> dict[str, float]:
    return {suffix: scale for p in language.packs() for suffix, scale in p.amount_suffixes.items()}


@cache
def is_punctuation(char: str) -> bool:
    return unicodedata.category(char) in _PUNCT_CATEGORIES


def _splits_text(tokens: list[str], spaced: list[bool], i: int) -> bool:
    token = tokens[i]
    if len(token) != 1 or not is_punctuation(token):
        return False
    # A hyphen inside a word ("long-ish") stays part of it.
    glued = (token == "-" and 0 < i < len(tokens) - 1 and not spaced[i] and not spaced[i + 1]
             and tokens[i - 1][-1].isalnum() and tokens[i + 1][0].isalnum())
    return not glued


def is_plain(item: Item) -> bool:
    """An ordinary word: not a cue, not a number, not punctuation, not a product named by id or title."""
    return ((item.entry is PLAIN or item.entry.protected) and item.number is None and item.ordinal is None
            and not item.punct and item.lookup is None)


def text_of(items: Sequence[Item], tokens: Sequence[str], spaced: Sequence[bool]) -> str:
    """The tokens the items cover, spaced as they were typed."""
    if not items:
        return ""
    start, end = items[0].start, items[-1].end
    return "".join((" " if spaced[t] and t != start else "") + tokens[t] for t in range(start, end))
