"""Reads one chat turn (English, Chinese or mixed) into a TurnEdit: hard constraints, intents and leftover text."""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from assistant import lexicon
from catalog.records import CATEGORIES, COLORS, FILTERABLE_FIELDS, OPERATORS, Constraint

# The engine refuses longer turns (engine.MAX_TEXT_CHARS); reading only this much keeps any input, even
# one that NFKC expands, a few milliseconds of work.
MAX_TURN_CHARS = 2000
MAX_REFERENCE = 100  # beyond what is shown, so "#99" gets a clear "there is no #99"
# "around 100" / "100左右" means 80..120.
AROUND_TOLERANCE = 0.2
# A larger amount is a typo or an attack, not a budget.
MAX_PRICE = 1e9


@dataclass(frozen=True)
class TurnEdit:
    """What one turn changes. The session applies `reset`, then `remove_fields`, then `add`."""

    language: str                        # "en" or "zh": the language the reply should use
    add: tuple[Constraint, ...] = ()     # hard constraints, sorted by (field, op) as listed in records.py
    remove_fields: tuple[str, ...] = ()  # "any colour" → ("color",): drop active constraints on these fields
    relative_price: str | None = None    # "lower" (cheaper / 便宜点) or "higher" (more premium / 贵一点)
    # 1-based rank of a shown result ("#3", "第三个"); negative counts from the end ("the last one" is -1).
    reference: int | None = None
    more_like_this: bool = False         # "more like this" / "similar ones" / "类似的" without a rank
    reset: bool = False                  # "start over", "new search", 重新开始, 清空
    semantic: str = ""                   # the rest, as a free-text query ("for the beach", "with a logo")


def parse_turn(text: str) -> TurnEdit:
    normalized = _normalize(text[:MAX_TURN_CHARS])[:MAX_TURN_CHARS]
    tokens, spaced = _tokenize(normalized)
    items = _segment(tokens, spaced)
    used = [False] * len(items)

    reference = _read_reference(items, used, tokens)
    bounds = _read_prices(items, used)
    intents = _read_intents(items, used)
    groups = _read_terms(items, used, tokens)
    add = _term_constraints(groups, used) + _price_constraints(bounds)
    _absorb_color_nouns(items, used)

    return TurnEdit(
        language=_language(tokens),
        add=tuple(sorted(add, key=_canonical_order)),
        remove_fields=tuple(f for f in FILTERABLE_FIELDS if f in intents.remove_fields),
        relative_price=intents.relative_price,
        reference=reference,
        more_like_this=intents.more_like_this and reference is None,
        reset=intents.reset,
        semantic=_semantic(items, used, tokens, spaced),
    )


# --- text to tokens ---------------------------------------------------------------------------------------

# Control, format and bidi characters (and lone surrogates) carry no words and can hide them.
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ud800-\udfff]")
_UNIFY = str.maketrans({
    "’": "'", "‘": "'", "‛": "'", "′": "'", "“": '"', "”": '"', "„": '"',
    "–": "-", "—": "-", "−": "-", "‐": "-", "‑": "-", "‒": "-", "―": "-", "〜": "~", "｡": "。",
})
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(
    r"(\s*)("
    r"[0-9]+(?:\.[0-9]+)?[kw](?![a-z0-9])"            # 1k, 1.5k, 2w
    r"|[0-9]+(?:st|nd|rd|th)(?![a-z0-9])"             # 3rd
    r"|[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?(?![0-9])"  # 1,299
    r"|[0-9]+(?:\.[0-9]+)?"
    r"|[a-z]+(?:'[a-z]+)*"                            # words, with don't / i'd whole
    f"|[{_HAN}]"                                      # one Han character: Chinese has no spaces
    rf"|[^\W\d_a-z{_HAN}]+"                           # words in other scripts
    r"|\S)"
)


def _normalize(text: str) -> str:
    text = _INVISIBLE.sub(" ", text)
    return unicodedata.normalize("NFKC", text).translate(_UNIFY).lower()


def _tokenize(text: str) -> tuple[list[str], list[bool]]:
    pairs = _TOKEN.findall(text)
    return [token for _, token in pairs], [bool(space) for space, _ in pairs]


def _language(tokens: list[str]) -> str:
    # Han characters against Latin words: "like this but 红色" stays English; "T恤" and "我想要red的" are Chinese.
    han = sum(1 for t in tokens if _is_han(t))
    latin = sum(1 for t in tokens if "a" <= t[0] <= "z")
    return "zh" if han and han >= latin else "en"


# --- tokens to items (phrases, numbers, punctuation) -------------------------------------------------------

@dataclass(frozen=True)
class _Entry:
    """Every role a lexicon phrase can play; most phrases play one."""

    color: str | None = None
    category: str | None = None
    attribute: tuple[str, ...] | None = None  # "long sleeves": the categories it implies
    group: tuple[str, ...] | None = None      # "shoes": the categories it names
    negation: bool = False
    connector: bool = False
    scope_end: str | None = None  # "hard" or "soft"
    price_prefix: str | None = None
    price_suffix: str | None = None
    range_joiner: bool = False
    range_weak_joiner: bool = False
    range_suffix: bool = False
    currency: bool = False
    non_price_unit: bool = False
    size_word: bool = False
    comparison: bool = False
    relative: str | None = None
    reference_prefix: bool = False
    ordinal: int | None = None
    cardinal: int | None = None
    amount: float | None = None
    from_end: int | None = None
    chinese_ordinal: int | None = None
    measure_word: bool = False
    reference_noun: bool = False
    more_like_this: bool = False
    reset: bool = False
    remove: str | None = None
    filler: bool = False
    color_noun: bool = False
    protected: bool = False


_PLAIN = _Entry()


@dataclass(slots=True)
class _Item:
    start: int  # first token
    end: int    # one past the last token
    entry: _Entry = _PLAIN
    number: float | None = None   # "50", "1,299", "1k", "三百五"
    ordinal: int | None = None    # "3rd"
    punct: bool = False           # splits the semantic text
    han: bool = False
    spaced: bool = False          # whitespace before it


def _phrase_roles() -> dict[str, dict]:
    roles: dict[str, dict] = {}

    def put(phrases, role, value=True):
        for phrase in phrases:
            roles.setdefault(phrase, {})[role] = value

    for slug, phrases in lexicon.COLOR_SYNONYMS.items():
        put(phrases, "color", slug)
        for phrase in phrases:
            if phrase.isascii() and " " not in phrase and "-" not in phrase:
                generated = [f"{shade} {phrase}" for shade in lexicon.COLOR_SHADES_EN]
            elif not phrase.isascii():
                generated = [shade + phrase for shade in lexicon.COLOR_SHADES_ZH]
            else:
                generated = []
            for shaded in generated:
                roles.setdefault(shaded, {}).setdefault("color", slug)
    for slug, phrases in lexicon.CATEGORY_SYNONYMS.items():
        put(phrases, "category", slug)
    for slugs, phrases in lexicon.ATTRIBUTE_CATEGORIES.items():
        put(phrases, "attribute", tuple(slugs))
    for slugs, phrases in lexicon.CATEGORY_GROUPS.items():
        put(phrases, "group", tuple(slugs))
    put(lexicon.NEGATION_CUES, "negation")
    put(lexicon.CONNECTORS, "connector")
    put(lexicon.HARD_SCOPE_ENDS, "scope_end", "hard")
    put(lexicon.SOFT_SCOPE_ENDS, "scope_end", "soft")
    for op, phrases in lexicon.PRICE_PREFIXES.items():
        put(phrases, "price_prefix", op)
    for op, phrases in lexicon.PRICE_SUFFIXES.items():
        put(phrases, "price_suffix", op)
    put(lexicon.RANGE_JOINERS, "range_joiner")
    put(lexicon.RANGE_WEAK_JOINERS, "range_weak_joiner")
    put(lexicon.RANGE_SUFFIXES, "range_suffix")
    put(lexicon.CURRENCY_MARKERS, "currency")
    put(lexicon.NON_PRICE_UNITS, "non_price_unit")
    put(lexicon.SIZE_WORDS, "size_word")
    put(lexicon.COMPARISON_WORDS, "comparison")
    for direction, phrases in lexicon.RELATIVE_PRICE.items():
        put(phrases, "relative", direction)
    put(lexicon.REFERENCE_PREFIXES, "reference_prefix")
    for phrase, rank in lexicon.ORDINAL_WORDS.items():
        put((phrase,), "ordinal", rank)
    for phrase, value in lexicon.CARDINAL_WORDS.items():
        put((phrase,), "cardinal", value)
    for phrase, value in lexicon.AMOUNT_WORDS.items():
        put((phrase,), "amount", float(value))
    for phrase, rank in lexicon.FROM_END_PHRASES.items():
        put((phrase,), "from_end", rank)
    for phrase, sign in lexicon.CHINESE_ORDINAL_PREFIXES.items():
        put((phrase,), "chinese_ordinal", sign)
    put(lexicon.MEASURE_WORDS, "measure_word")
    put(lexicon.REFERENCE_NOUNS, "reference_noun")
    put(lexicon.MORE_LIKE_THIS, "more_like_this")
    put(lexicon.RESET_PHRASES, "reset")
    for field_name, phrases in lexicon.REMOVAL_PHRASES.items():
        put(phrases, "remove", field_name)
    put(lexicon.FILLERS, "filler")
    put(lexicon.COLOR_NOUNS, "color_noun")
    for phrase in lexicon.PROTECTED_WORDS:
        roles[phrase] = {"protected": True}
    return roles


@cache
def _phrase_index() -> dict[str, list[tuple[list[str], _Entry]]]:
    """First token → (phrase tokens, entry), longest phrase first."""
    index: dict[str, list[tuple[list[str], _Entry]]] = {}
    for phrase, roles in _phrase_roles().items():
        tokens, _ = _tokenize(_normalize(phrase))
        if tokens:
            index.setdefault(tokens[0], []).append((tokens, _Entry(**roles)))
    for candidates in index.values():
        candidates.sort(key=lambda candidate: -len(candidate[0]))
    return index


_CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                   "八": 8, "九": 9}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_MAX_NUMERAL_RUN = 12
_ORDINAL_TOKEN = re.compile(r"([0-9]+)(?:st|nd|rd|th)")
_PUNCT_CATEGORIES = ("Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk")


def _segment(tokens: list[str], spaced: list[bool]) -> list[_Item]:
    index = _phrase_index()
    items: list[_Item] = []
    i, count = 0, len(tokens)
    while i < count:
        token = tokens[i]
        length, entry = _longest_phrase(index, tokens, i)
        if token in _CHINESE_DIGITS or token in _CHINESE_UNITS:
            run = _numeral_run(tokens, spaced, i)
            after_ordinal = bool(items) and items[-1].entry.chinese_ordinal is not None  # "第一个", not 第 + 一个
            if run > length or after_ordinal:  # otherwise a phrase wins ties: "千万", "一点", "十分"
                number = _chinese_number(tokens[i:i + run]) if run <= _MAX_NUMERAL_RUN else None
                items.append(_Item(i, i + run, number=number, han=True))
                i += run
                continue
        if entry is not None:
            punct = length == 1 and _splits_text(tokens, spaced, i)
            items.append(_Item(i, i + length, entry, punct=punct, han=_is_han(token)))
            i += length
            continue
        if "0" <= token[0] <= "9":  # ASCII only: other scripts' digits are text
            i = _append_number(items, tokens, spaced, i)
            continue
        items.append(_Item(i, i + 1, punct=_splits_text(tokens, spaced, i), han=_is_han(token)))
        i += 1
    for item in items:
        item.spaced = spaced[item.start]
    return items


def _longest_phrase(index, tokens: list[str], i: int) -> tuple[int, _Entry | None]:
    for phrase, entry in index.get(tokens[i], ()):
        if len(phrase) == 1 or tokens[i:i + len(phrase)] == phrase:
            return len(phrase), entry
    return 0, None


def _numeral_run(tokens: list[str], spaced: list[bool], i: int) -> int:
    end = i + 1
    while end < len(tokens) and not spaced[end] and (tokens[end] in _CHINESE_DIGITS or tokens[end] in _CHINESE_UNITS):
        end += 1
    return end - i


def _chinese_number(chars: list[str]) -> float:
    total = section = digit = 0
    last_unit = 0
    after_zero = False
    previous_was_unit = False
    for char in chars:
        if char in _CHINESE_DIGITS:
            value = _CHINESE_DIGITS[char]
            after_zero = after_zero or value == 0
            # "一二三" read digit by digit; a digit after a unit waits for the next unit.
            digit = digit * 10 + value if digit and not previous_was_unit else value
            previous_was_unit = False
        else:
            unit = _CHINESE_UNITS[char]
            if unit == 10000:
                total = (total + section + digit) * unit
                section = 0
            else:
                section += (digit or 1) * unit
            digit, last_unit, previous_was_unit, after_zero = 0, unit, True, False
    # Colloquial "三百五" is 350 and "一千二" is 1200: a trailing digit counts in the next smaller unit,
    # unless a 零 came between ("一百零五" is 105).
    if digit and last_unit and not previous_was_unit and not after_zero:
        digit *= last_unit // 10 if last_unit != 10000 else 1000
    return float(total + section + digit)


def _append_number(items: list[_Item], tokens: list[str], spaced: list[bool], i: int) -> int:
    token = tokens[i]
    ordinal = _ORDINAL_TOKEN.fullmatch(token)
    if ordinal:
        items.append(_Item(i, i + 1, ordinal=int(ordinal.group(1)) if len(ordinal.group(1)) <= 3 else None))
        return i + 1
    scale = 1.0
    if token[-1] in "kw":
        scale, token = (1000.0 if token[-1] == "k" else 10000.0), token[:-1]
    value = float(token.replace(",", "")) * scale
    end = i + 1
    # "2千" / "1.5万": a Chinese unit glued to the digits multiplies them.
    if end < len(tokens) and not spaced[end] and tokens[end] in ("百", "千", "万"):
        value *= _CHINESE_UNITS[tokens[end]]
        end += 1
    items.append(_Item(i, end, number=value if math.isfinite(value) else None))
    return end


def _is_han(token: str) -> bool:
    return len(token) == 1 and ("\u3400" <= token <= "\u9fff" or "\uf900" <= token <= "\ufaff")


@cache
def _is_punctuation(char: str) -> bool:
    return unicodedata.category(char) in _PUNCT_CATEGORIES


def _splits_text(tokens: list[str], spaced: list[bool], i: int) -> bool:
    token = tokens[i]
    if len(token) != 1 or not _is_punctuation(token):
        return False
    # A hyphen inside a word ("long-ish") stays part of it.
    glued = (token == "-" and 0 < i < len(tokens) - 1 and not spaced[i] and not spaced[i + 1]
             and tokens[i - 1][-1].isalnum() and tokens[i + 1][0].isalnum())
    return not glued


def _is_plain(item: _Item) -> bool:
    """An ordinary word: not a cue, not a number, not punctuation."""
    return ((item.entry is _PLAIN or item.entry.protected) and item.number is None and item.ordinal is None
            and not item.punct)


# --- references -------------------------------------------------------------------------------------------

def _read_reference(items: list[_Item], used: list[bool], tokens: list[str]) -> int | None:
    """The last result the turn points at: "#3", "the third one", "第三个", "倒数第二个", "the last one"."""
    reference = None
    for k, item in enumerate(items):
        if used[k]:
            continue
        found = _reference_at(items, tokens, k)
        if found is not None:
            rank, end = found
            if 1 <= abs(rank) <= MAX_REFERENCE:
                reference = rank
                for j in range(k, end):
                    used[j] = True
    return reference


def _reference_at(items: list[_Item], tokens: list[str], k: int) -> tuple[int, int] | None:
    item, entry = items[k], items[k].entry
    following = items[k + 1] if k + 1 < len(items) else None
    if entry.reference_prefix and following is not None:
        value = following.number if following.number is not None else following.entry.cardinal
        if value is not None and float(value).is_integer():
            return int(value), k + 2
        return None
    if entry.chinese_ordinal and following is not None and following.number is not None:
        if not following.number.is_integer():
            return None
        rank = entry.chinese_ordinal * int(following.number)
        after = items[k + 2] if k + 2 < len(items) else None
        if after is not None and after.entry.measure_word:
            return rank, k + 3
        if after is not None and _is_plain(after) and after.han:  # "第一次" is "the first time"
            return None
        return rank, k + 2
    rank = item.ordinal or entry.ordinal or entry.from_end
    if not rank:
        return None
    previous = items[k - 1] if k > 0 else None
    if previous is not None and tokens[previous.start] in ("a", "an"):  # "wait a second"
        return None
    if following is not None and (_is_plain(following) or following.number is not None):  # "first time"
        return None
    if previous is None and following is not None and tokens[following.start] == ",":  # "First, ..."
        return None
    end = k + 2 if following is not None and following.entry.reference_noun else k + 1
    return rank, end


# --- prices -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Bound:
    op: str
    value: float
    position: int  # reading order, so that a later bound wins a contradiction


_FLIPPED = {"lt": "ge", "le": "gt", "gt": "le", "ge": "lt"}


def _read_prices(items: list[_Item], used: list[bool]) -> list[_Bound]:
    bounds: list[_Bound] = []
    k = 0
    while k < len(items):
        found = None if used[k] else _price_at(items, used, k)
        if found is None:
            k += 1
            continue
        pairs, end = found
        bounds.extend(_Bound(op, value, k) for op, value in pairs)
        for j in range(k, end):
            used[j] = True
        k = end
    return bounds


# The bounds a price phrase sets, e.g. (("ge", 30.0), ("le", 60.0)), and the item after it.
_Found = tuple[tuple[tuple[str, float], ...], int]


def _price_at(items: list[_Item], used: list[bool], k: int) -> _Found | None:
    entry = items[k].entry
    negated = (entry.negation and k + 1 < len(items) and not used[k + 1]
               and items[k + 1].entry.price_prefix is not None)  # "不超过300", "not over 100"
    start = k + 1 if negated else k
    prefix = items[start].entry.price_prefix
    if prefix is not None:
        return _prefixed_price(items, used, start, prefix, negated)
    if entry.comparison:  # "比100便宜" / "比200块贵"
        amount = _amount_at(items, used, k + 1)
        if amount and amount[1] < len(items) and items[amount[1]].entry.relative:
            op = "lt" if items[amount[1]].entry.relative == "lower" else "gt"
            return _checked(((op, amount[0]),), amount[1] + 1)
        return None
    amount = _amount_at(items, used, k)
    if amount is None:
        return None
    value, end, has_currency = amount
    ranged = _range_after(items, used, value, end, weak_allowed=False)
    if ranged is not None:
        return ranged
    suffix = items[end].entry.price_suffix if end < len(items) and not used[end] else None
    if suffix is not None:
        return _checked(_bound(suffix, value), end + 1)
    if has_currency:  # a price said on its own ("200元的") is a target, read as "around"
        return _checked(_bound("around", value), end)
    return None


def _prefixed_price(items: list[_Item], used: list[bool], start: int, prefix: str, negated: bool) -> _Found | None:
    position = start + 1
    if position < len(items) and items[position].punct and items[position].entry is _PLAIN:
        position += 1  # "budget: 200"
    amount = _amount_at(items, used, position)
    if amount is None:
        return None
    value, end, _ = amount
    if prefix in ("between", "ge"):  # "between 30 and 60", "from 30 to 60"
        ranged = _range_after(items, used, value, end, weak_allowed=prefix == "between")
        if ranged is not None:
            return ranged
    if prefix == "between":  # "在100以下": 在 only introduces the amount
        suffix = items[end].entry.price_suffix if end < len(items) and not used[end] else None
        return _checked(_bound(suffix, value), end + 1) if suffix else None
    return _checked(_bound(_FLIPPED.get(prefix, prefix) if negated else prefix, value), end)


def _range_after(items: list[_Item], used: list[bool], low: float, end: int, weak_allowed: bool) -> _Found | None:
    if end >= len(items) or used[end]:
        return None
    joiner = items[end].entry
    if not (joiner.range_joiner or joiner.range_weak_joiner):
        return None
    second = _amount_at(items, used, end + 1)
    if second is None:
        return None
    high, stop, _ = second
    closed = stop < len(items) and items[stop].entry.range_suffix  # "30到60之间", "30和60之间"
    if joiner.range_weak_joiner and not joiner.range_joiner and not (weak_allowed or closed):
        return None
    low, high = min(low, high), max(low, high)
    return _checked((("ge", low), ("le", high)), stop + 1 if closed else stop)


def _bound(op: str, value: float) -> tuple[tuple[str, float], ...]:
    if op == "around":
        return (("ge", round(value * (1 - AROUND_TOLERANCE), 2)), ("le", round(value * (1 + AROUND_TOLERANCE), 2)))
    return ((op, value),)


def _checked(pairs: tuple[tuple[str, float], ...], end: int) -> _Found | None:
    """Only positive, finite, plausible amounts become filters: "price<0" stays text."""
    if all(0 < value <= MAX_PRICE for _, value in pairs):
        return tuple((op, float(value)) for op, value in pairs), end
    return None


def _amount_at(items: list[_Item], used: list[bool], k: int) -> tuple[float, int, bool] | None:
    """An amount with optional currency markers around it ("¥200", "50元", "100 rmb"): value, end, currency?"""
    position, has_currency = k, False
    while position < len(items) and not used[position] and items[position].entry.currency and position - k < 2:
        position, has_currency = position + 1, True
    if position >= len(items) or used[position]:
        return None
    value = items[position].number if items[position].number is not None else items[position].entry.amount
    if value is None:
        return None
    number_at = position
    position += 1
    while position < len(items) and not used[position] and items[position].entry.currency:
        position, has_currency = position + 1, True
    # "size 38", "38码", "3 colours": a size or a count, not a price; "1e5" is not an amount either.
    if number_at > 0 and items[number_at - 1].entry.size_word:
        return None
    if position < len(items) and not items[position].spaced and _is_plain(items[position]) and not items[position].han:
        return None
    if position < len(items) and items[position].entry.non_price_unit and not has_currency:
        return None
    return value, position, has_currency


def _price_constraints(bounds: list[_Bound]) -> list[Constraint]:
    upper = next((b for b in reversed(bounds) if b.op in ("lt", "le")), None)
    lower = next((b for b in reversed(bounds) if b.op in ("gt", "ge")), None)
    if upper and lower and _excludes_everything(lower, upper):
        # "over 100 ... under 50": the later statement wins.
        if upper.position > lower.position:
            lower = None
        else:
            upper = None
    return [Constraint("price", b.op, b.value) for b in (upper, lower) if b is not None]


def _excludes_everything(lower: _Bound, upper: _Bound) -> bool:
    if lower.value == upper.value:
        return lower.op == "gt" or upper.op == "lt"
    return lower.value > upper.value


# --- turn-level intents ------------------------------------------------------------------------------------

@dataclass
class _Intents:
    relative_price: str | None = None
    more_like_this: bool = False
    reset: bool = False
    remove_fields: set[str] = field(default_factory=set)


def _read_intents(items: list[_Item], used: list[bool]) -> _Intents:
    intents = _Intents()
    for k, item in enumerate(items):
        if used[k]:
            continue
        entry = item.entry
        if entry.relative:
            direction = entry.relative
            if k > 0 and not used[k - 1] and items[k - 1].entry.negation:  # "不贵", "not cheap"
                direction = "higher" if direction == "lower" else "lower"
                used[k - 1] = True
            intents.relative_price = direction
        elif entry.more_like_this:
            intents.more_like_this = True
        elif entry.reset:
            intents.reset = True
        elif entry.remove:
            intents.remove_fields.add(entry.remove)
        else:
            continue
        used[k] = True
    return intents


# --- colours and categories ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Term:
    field: str
    values: tuple[str, ...]
    specific: bool  # a colour or a named category, not "long sleeves" / "shoes" that imply several
    item: int
    describes: bool = False  # an attribute of the item ("long sleeves"), worth keeping as words


@dataclass
class _Group:
    """Terms joined into one choice ("red or blue"), positive or negated."""

    field: str
    positive: bool
    negation_item: int | None
    terms: list[_Term]
    last_item: int
    joinable: bool = False


def _term_of(item: _Item, k: int) -> _Term | None:
    entry = item.entry
    if entry.color:
        return _Term("color", (entry.color,), True, k)
    if entry.category:
        return _Term("category", (entry.category,), True, k)
    if entry.attribute:
        return _Term("category", entry.attribute, False, k, describes=True)
    if entry.group:
        return _Term("category", entry.group, False, k)
    return None


class _TermReader:
    """Walks the items once, keeping the open negation clause and the groups being built."""

    def __init__(self, items: list[_Item], used: list[bool], tokens: list[str]):
        self.items, self.used, self.tokens = items, used, tokens
        self.groups: list[_Group] = []
        self.open: dict[str, _Group] = {}
        self.negation: int | None = None
        self.negated_colors = self.negated_properties = self.negated_terms = 0
        self.last_term_field: str | None = None
        self.clause_groups: list[_Group] = []
        self.before_negation: list[_Group] = []  # what a cue said afterwards would negate ("黑色的不要")

    def read(self) -> list[_Group]:
        removed: str | None = None  # the field an "any colour" just before this item removed
        for k, item in enumerate(self.items):
            entry = item.entry
            if self.used[k]:
                self.end_clause(boundary=True)
                removed = entry.remove
                continue
            term = _term_of(item, k)
            if term is not None:
                self.add_term(term)
            elif removed and self.tokens[item.start] == "but" and self.next_term_field(k) == removed:
                self.start_negation(k)  # "any colour but red" excludes red; "any colour but a dress" does not
            elif entry.connector:
                self.join()
            elif item.punct and self.comma_continues_list(k):  # "no white, black or grey"
                self.join()
            elif entry.negation:
                self.start_negation(k)
            elif entry.scope_end == "soft":
                if self.negation is not None and self.negated_terms:
                    self.end_clause(boundary=True)
            elif entry.scope_end == "hard":
                self.end_clause(boundary=True)
            elif entry.filler or entry.color_noun:
                continue
            else:  # a plain word ends the clause too, but "red dress not too long" negates nothing
                self.end_clause(boundary=item.punct)
            removed = removed if entry.filler and not entry.scope_end else None
        self.end_clause(boundary=True)
        return self.groups

    def add_term(self, term: _Term) -> None:
        group = self.open.get(term.field)
        adjacent = group is not None and term.field == "color" and group.last_item == term.item - 1  # "黑白"
        if group is not None and (group.joinable or adjacent):
            group.terms.append(term)
            group.last_item, group.joinable = term.item, False
        else:
            # The thing a negated modifier describes stays wanted: "不要白色的运动鞋" wants sneakers.
            is_head = term.field == "category" and (self.negated_colors or (term.specific and self.negated_properties))
            positive = self.negation is None or bool(is_head)
            group = _Group(term.field, positive, None if positive else self.negation, [term], term.item)
            self.groups.append(group)
            self.clause_groups.append(group)
            self.open[term.field] = group
        if not group.positive:
            self.negated_terms += 1
            self.negated_colors += term.field == "color"
            self.negated_properties += not term.specific
        self.last_term_field = term.field

    def join(self) -> None:
        for group in self.open.values():
            group.joinable = True

    def start_negation(self, k: int) -> None:
        before = [group for group in self.clause_groups if group.positive]
        self.end_clause(boundary=False)
        self.negation = k
        self.before_negation = before

    def end_clause(self, boundary: bool) -> None:
        if boundary and self.negation is not None and not self.negated_terms and self.before_negation:
            # A cue at the end of its clause negates what came just before: "黑色的不要" excludes black,
            # and like "不要白色的运动鞋", "白色的运动鞋不要" excludes the colour, not the sneakers.
            colors = [group for group in self.before_negation if group.field == "color"]
            for group in colors or self.before_negation:
                group.positive, group.negation_item = False, self.negation
        self.open.clear()
        self.clause_groups, self.before_negation = [], []
        self.negation = None
        self.negated_colors = self.negated_properties = self.negated_terms = 0
        self.last_term_field = None

    def next_term_field(self, k: int) -> str | None:
        for j in range(k + 1, min(k + 10, len(self.items))):
            term = _term_of(self.items[j], j)
            if term is not None:
                return term.field
            if self.used[j] or not self.items[j].entry.filler:
                return None
        return None

    def comma_continues_list(self, k: int) -> bool:
        """A comma inside a list closed by "or"/"and": "red, blue or green". Otherwise it ends the clause."""
        if self.tokens[self.items[k].start] != "," or self.last_term_field is None:
            return False
        expecting_term, seen_connector = True, False
        for j in range(k + 1, min(k + 30, len(self.items))):
            item = self.items[j]
            if self.used[j]:
                return False
            term = _term_of(item, j)
            if term is not None:
                if not expecting_term or term.field != self.last_term_field:
                    return False
                if seen_connector:
                    return True
                expecting_term = False
            elif item.entry.connector and not expecting_term:
                expecting_term, seen_connector = True, True
            elif self.tokens[item.start] == "," and not expecting_term:
                expecting_term = True
            elif not (item.entry.filler and item.entry.scope_end != "hard"):
                return False
        return False


def _read_terms(items: list[_Item], used: list[bool], tokens: list[str]) -> list[_Group]:
    return _TermReader(items, used, tokens).read()


def _term_constraints(groups: list[_Group], used: list[bool]) -> list[Constraint]:
    # A property ("long sleeves", "鞋") yields to a named category in the same turn: "long sleeve dress"
    # is a dress. An attribute's words return to the semantic text, where they still describe the item.
    named = any(g.positive and g.field == "category" and any(t.specific for t in g.terms) for g in groups)
    kept = []
    for group in groups:
        yields = named and group.field == "category" and not any(t.specific for t in group.terms)
        if not yields:
            kept.append(group)
        if not yields or not any(t.describes for t in group.terms):
            for term in group.terms:
                used[term.item] = True
            if group.negation_item is not None:
                used[group.negation_item] = True
    constraints: list[Constraint] = []
    for field_name, vocabulary in (("category", CATEGORIES), ("color", COLORS)):
        chosen: set[str] | None = None
        excluded: set[str] = set()
        for group in kept:
            if group.field != field_name:
                continue
            values = {value for term in group.terms for value in term.values}
            if group.positive:  # a later choice replaces an earlier one
                chosen = values
                excluded -= values
            else:
                excluded |= values
                if chosen is not None:
                    chosen = (chosen - values) or None
        if chosen:
            constraints.append(_set_constraint(field_name, "eq", "in", chosen, vocabulary))
        if excluded:
            constraints.append(_set_constraint(field_name, "ne", "nin", excluded, vocabulary))
    return constraints


def _set_constraint(field_name: str, single: str, several: str, values: set[str], vocabulary) -> Constraint:
    ordered = tuple(v for v in vocabulary if v in values)
    return Constraint(field_name, single, ordered[0]) if len(ordered) == 1 else Constraint(field_name, several, ordered)


def _absorb_color_nouns(items: list[_Item], used: list[bool]) -> None:
    """ "red colour", "in the colour red", "红颜色": the noun only restates the colour."""
    for k, item in enumerate(items):
        if used[k] or not item.entry.color_noun:
            continue
        for step in (-1, 1):
            j = k + step
            while 0 <= j < len(items) and not used[j] and items[j].entry.filler and not items[j].punct:
                j += step
            if 0 <= j < len(items) and used[j] and items[j].entry.color:
                used[k] = True
                break


def _canonical_order(constraint: Constraint) -> tuple[int, int]:
    return FILTERABLE_FIELDS.index(constraint.field), OPERATORS.index(constraint.op)


# --- what is left ------------------------------------------------------------------------------------------

def _semantic(items: list[_Item], used: list[bool], tokens: list[str], spaced: list[bool]) -> str:
    """Unconsumed words, phrase by phrase, with fillers trimmed from each phrase's ends."""
    phrases: list[str] = []
    run: list[_Item] = []
    for k, item in enumerate(items + [None]):
        if item is not None and not used[k] and not item.punct:
            run.append(item)
            continue
        first, last = 0, len(run)
        while first < last and _trimmable(run[first]):
            first += 1
        while last > first and _trimmable(run[last - 1]):
            last -= 1
        if first < last:
            start, end = run[first].start, run[last - 1].end
            phrases.append("".join((" " if spaced[t] and t != start else "") + tokens[t] for t in range(start, end)))
        run = []
    return " ".join(phrases)


def _trimmable(item: _Item) -> bool:
    return item.entry.filler or item.entry.connector
