"""Reads one chat turn (any registered language, or several mixed) into a TurnEdit: constraints, intents, free text."""
from __future__ import annotations

from dataclasses import dataclass, field

from assistant import language
from assistant.catalog_words import CatalogWords, catalog_words
from assistant.phrases import PLAIN, Entry, Item, is_plain, normalize, pack_index, segment, text_of, tokenize
from catalog.facets import CatalogFacets
from catalog.records import CATEGORIES, COLORS, FILTERABLE_FIELDS, OPERATORS, Constraint

# The engine refuses longer turns (engine.MAX_TEXT_CHARS); reading only this much keeps any input, even
# one that NFKC expands, a few milliseconds of work.
MAX_TURN_CHARS = 2000
MAX_REFERENCE = 100  # beyond what is shown, so "#99" gets a clear "there is no #99"
# "around 100" / "100左右" means 80..120.
AROUND_TOLERANCE = 0.2
# A larger amount is a typo or an attack, not a budget.
MAX_PRICE = 1e9
# Roles whose words a typo may stand for; a correction that ends up anywhere else is undone.
_CORRECTABLE = ("color", "category", "attribute", "group", "brand", "vague_price", "relative")


@dataclass(frozen=True)
class Correction:
    """A misspelt word read as the word meant: the reply can say "dresses (you typed “dres”)"."""

    typed: str   # as the shopper typed it: "dres"
    meant: str   # the word it was read as: "dress"
    field: str   # what it set: "category", "color", "brand", or "price" for a budget word ("cheep")


@dataclass(frozen=True)
class Ambiguity:
    """A misspelt word as near to several words that mean different things: worth a question with quick replies."""

    typed: str                          # "gren"
    options: tuple[Constraint, ...]     # what each reading would add, nearest first: green, grey


@dataclass(frozen=True)
class TurnEdit:
    """What one turn changes. The session applies `reset`, then `remove_fields`, then `add`."""

    language: str                        # a registered language's code: the language the reply should use
    add: tuple[Constraint, ...] = ()     # hard constraints, sorted by (field, op) as listed in records.py
    remove_fields: tuple[str, ...] = ()  # "any colour" → ("color",): drop active constraints on these fields
    relative_price: str | None = None    # "lower" (cheaper / 便宜点) or "higher" (more premium / 贵一点)
    # 1-based rank of a shown result ("#3", "第三个"); negative counts from the end ("the last one" is -1).
    reference: int | None = None
    more_like_this: bool = False         # "more like this" / "similar ones" / "类似的" without a rank
    reset: bool = False                  # "start over", "new search", 重新开始, 清空
    semantic: str = ""                   # the rest, as a free-text query ("for the beach", "with a logo")
    # "cheap", "not too expensive", "实惠": "low" = the lower part of the prices of what is searched, on any turn
    # (unlike relative_price, which compares with a product in view).
    vague_price: str | None = None
    lookup_ids: tuple[str, ...] = ()     # products named by id, group id or title, in the order named
    unknown_ids: tuple[str, ...] = ()    # id-looking words this catalog does not know, as typed
    corrections: tuple[Correction, ...] = ()
    ambiguous: tuple[Ambiguity, ...] = ()
    vague: bool = False                  # asks for help ("a gift for my mom") without naming anything to search by


def parse_turn(text: str, facets: CatalogFacets | None = None) -> TurnEdit:
    """Pure: the same text and facets always give the same TurnEdit. Brands, sizes and look-ups by id or title
    need `facets` (what the catalog being served stocks); without them those words stay free text."""
    normalized = normalize(text[:MAX_TURN_CHARS])[:MAX_TURN_CHARS]
    tokens, spaced = tokenize(normalized)
    words = catalog_words(facets)
    indexes = (pack_index(), words.index)
    forced = words.spans(tokens, spaced)
    if facets is not None and not forced:
        forced = _near_title(words, tokens, spaced, indexes)
    typed = list(tokens)
    guesses = _spell(words, tokens, forced)
    items = segment(tokens, spaced, indexes, forced)
    used = [False] * len(items)

    lookups = _read_lookups(items, used, typed, spaced)
    reference = _read_reference(items, used, tokens)
    sizes = _read_sizes(items, used, tokens, words) if facets is not None else []
    bounds = _read_prices(items, used)
    intents = _read_intents(items, used)
    groups = _read_terms(items, used, tokens)
    add = (_term_constraints(groups, used, words.facets.brands) + _price_constraints(bounds)
           + _size_constraints(sizes, words))
    _absorb_color_nouns(items, used)
    _absorb_cues(items, used)
    corrections, ambiguous = _report_spelling(items, used, typed, tokens, guesses)
    edit = TurnEdit(
        language=language.detect(tokens),
        add=tuple(sorted(add, key=_canonical_order)),
        remove_fields=tuple(f for f in FILTERABLE_FIELDS if f in intents.remove_fields),
        relative_price=intents.relative_price,
        reference=reference,
        more_like_this=intents.more_like_this and reference is None,
        reset=intents.reset,
        semantic=_semantic(items, used, typed, spaced),
        vague_price=intents.vague_price,
        lookup_ids=lookups.ids,
        unknown_ids=lookups.unknown,
        corrections=corrections,
        ambiguous=ambiguous,
    )
    return _with_vagueness(edit, items)


# --- look-ups by id and title -------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Lookups:
    ids: tuple[str, ...] = ()
    unknown: tuple[str, ...] = ()


def _near_title(words: CatalogWords, tokens: list[str], spaced: list[bool], indexes) -> dict[int, Item]:
    """A whole message that is nearly one title (fillers aside) looks that product up: "Wrenfield Red Midi Dres"."""
    items = segment(tokens, spaced, indexes)
    first, last = 0, len(items)
    while first < last and (items[first].punct or items[first].entry.filler or items[first].entry.lookup_cue):
        first += 1
    while last > first and (items[last - 1].punct or items[last - 1].entry.filler):
        last -= 1
    if first >= last:
        return {}
    found = words.title_span(tokens, items[first].start, items[last - 1].end)
    return {found.start: found} if found is not None else {}


def _read_lookups(items: list[Item], used: list[bool], typed: list[str], spaced: list[bool]) -> _Lookups:
    ids: list[str] = []
    unknown: list[str] = []
    for k, item in enumerate(items):
        if item.lookup is None:
            continue
        used[k] = True
        if item.lookup:
            ids.extend(item.lookup)
        else:
            unknown.append(text_of([item], typed, spaced))
    return _Lookups(tuple(dict.fromkeys(ids)), tuple(dict.fromkeys(unknown)))


def _absorb_cues(items: list[Item], used: list[bool]) -> None:
    """ "by Wrenfield", "Wrenfield家的", "sku fm-0042-red": a cue next to what it introduces adds nothing more."""
    for k, item in enumerate(items):
        entry = item.entry
        if used[k] or not (entry.brand_cue or entry.lookup_cue):
            continue
        for step in (1, -1):
            j = k + step
            while 0 <= j < len(items) and not used[j] and (items[j].entry.filler or (
                    items[j].punct and items[j].entry is PLAIN)) and abs(j - k) < 3:
                j += step
            if 0 <= j < len(items) and used[j] and (
                    (entry.brand_cue and items[j].entry.brand) or (entry.lookup_cue and items[j].lookup is not None)):
                used[k] = True
                break


# --- sizes ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Size:
    value: str
    position: int


def _read_sizes(items: list[Item], used: list[bool], tokens: list[str], words: CatalogWords) -> list[_Size]:
    """ "size M", "sizes 38 or 39", "38码", "M号", "in 38" (a size this catalog stocks), "XL", "均码"."""
    sizes: list[_Size] = []
    for k, item in enumerate(items):
        if used[k]:
            continue
        entry = item.entry
        if entry.size_word:
            position = k + 1
            if position < len(items) and items[position].punct and items[position].entry is PLAIN:
                position += 1  # "size: M"
            found = _size_list(items, used, tokens, words, position)
            if found:
                used[k] = True
                sizes.extend(found)
        elif entry.size_suffix and k > 0 and not used[k - 1]:
            value = _size_at(items, tokens, words, k - 1, explicit=True)
            if value is not None:
                used[k - 1] = used[k] = True
                sizes.append(_Size(value, k - 1))
        elif entry.size_alias:
            value = words.sizes.get(entry.size_alias)
            if value is not None:
                used[k] = True
                sizes.append(_Size(value, k))
        elif tokens[item.start] == "in" and k + 1 < len(items) and not used[k + 1]:
            following = items[k + 2] if k + 2 < len(items) else None
            unit = following is not None and (following.entry.non_price_unit or following.entry.currency)
            # "in 38", "in M or L": only sizes this catalog stocks ("in 40 minutes" is no size).
            if not unit and _size_at(items, tokens, words, k + 1, explicit=False) is not None:
                used[k] = True
                sizes.extend(_size_list(items, used, tokens, words, k + 1, explicit=False))
        elif is_plain(item) and len(tokens[item.start]) >= 2:  # "XL", "xs": a letter size the catalog stocks
            value = _size_at(items, tokens, words, k, explicit=False)
            if value is not None and not value[:1].isdigit():
                used[k] = True
                sizes.append(_Size(value, k))
    return sizes


def _size_list(items, used, tokens, words: CatalogWords, start: int, explicit: bool = True) -> list[_Size]:
    """The sizes after a size word: one, or several joined by "or", "/" or commas."""
    found: list[_Size] = []
    k = start
    while k < len(items) and not used[k]:
        value = _size_at(items, tokens, words, k, explicit=explicit)
        if value is None:
            break
        used[k] = True
        found.append(_Size(value, k))
        joiner = items[k + 1] if k + 1 < len(items) else None
        if joiner is None or used[k + 1] or not (joiner.entry.connector or tokens[joiner.start] == ","):
            break
        if k + 2 >= len(items) or _size_at(items, tokens, words, k + 2, explicit=explicit) is None:
            break
        used[k + 1] = True
        k += 2
    return found


def _size_at(items: list[Item], tokens: list[str], words: CatalogWords, k: int, *, explicit: bool) -> str | None:
    if k >= len(items):
        return None
    item = items[k]
    if item.number is not None and not item.han:
        return words.size(f"{item.number:g}", explicit)
    if item.end - item.start == 1 and tokens[item.start].isascii() and tokens[item.start].isalnum() and (
            is_plain(item) or item.entry.filler):
        return words.size(tokens[item.start], explicit)
    return None


def _size_constraints(sizes: list[_Size], words: CatalogWords) -> list[Constraint]:
    if not sizes:
        return []
    order = {size: rank for rank, size in enumerate(words.facets.sizes)}
    values = sorted({s.value for s in sizes}, key=lambda value: (order.get(value, len(order)), value))
    return [Constraint("size", "eq", values[0]) if len(values) == 1 else Constraint("size", "in", tuple(values))]


# --- typos ------------------------------------------------------------------------------------------------

def _spell(words: CatalogWords, tokens: list[str], forced: dict[int, Item]) -> dict[int, object]:
    """Replaces each clearly misspelt word by the word meant (in place); returns every guess by token position."""
    covered = {t for item in forced.values() for t in range(item.start, item.end)}
    guesses = {}
    for position, token in enumerate(tokens):
        if position in covered:
            continue
        guess = words.speller.guess(token)
        if guess is None:
            continue
        guesses[position] = guess
        if not guess.ambiguous:
            tokens[position] = guess.words[0]
    return guesses


def _report_spelling(items: list[Item], used: list[bool], typed: list[str], tokens: list[str],
                     guesses: dict) -> tuple[tuple[Correction, ...], tuple[Ambiguity, ...]]:
    """A correction counts where it made a colour, kind, brand or budget; elsewhere the typed word stands."""
    corrections: list[Correction] = []
    ambiguous: list[Ambiguity] = []
    for k, item in enumerate(items):
        for position in range(item.start, item.end):
            guess = guesses.get(position)
            if guess is None:
                continue
            if guess.ambiguous:
                options = _options(guess.words)
                if len(options) > 1 and not used[k]:
                    used[k] = True
                    ambiguous.append(Ambiguity(typed[position], options))
                continue
            role = next((r for r in _CORRECTABLE if getattr(item.entry, r) is not None), None)
            if used[k] and role is not None:
                field_name = {"attribute": "category", "group": "category", "vague_price": "price",
                              "relative": "price"}.get(role, role)
                corrections.append(Correction(typed[position], tokens[position], field_name))
            else:
                tokens[position] = typed[position]
    return tuple(corrections), tuple(ambiguous)


def _options(candidates: tuple[str, ...]) -> tuple[Constraint, ...]:
    options: list[Constraint] = []
    for word in candidates:
        for _, entry in (pack_index().get(word, ())):
            constraint = _constraint_of(entry)
            if constraint is not None and constraint not in options:
                options.append(constraint)
                break
    return tuple(options)


def _constraint_of(entry: Entry) -> Constraint | None:
    if entry.color:
        return Constraint("color", "eq", entry.color)
    if entry.category:
        return Constraint("category", "eq", entry.category)
    values = entry.attribute or entry.group
    if values:
        return Constraint("category", "eq", values[0]) if len(values) == 1 else Constraint("category", "in", values)
    return None


# --- a turn that asks for help --------------------------------------------------------------------------------

def _with_vagueness(edit: TurnEdit, items: list[Item]) -> TurnEdit:
    """ "I'm looking for a gift for my mom": nothing to search by yet, so the engine can ask what kind and budget."""
    concrete = (edit.add or edit.remove_fields or edit.relative_price or edit.reference is not None
                or edit.more_like_this or edit.reset or edit.vague_price or edit.lookup_ids or edit.unknown_ids
                or edit.ambiguous)
    if concrete or not any(item.entry.vague_cue for item in items):
        return edit
    return TurnEdit(**{**edit.__dict__, "vague": True})


# --- references -------------------------------------------------------------------------------------------

def _read_reference(items: list[Item], used: list[bool], tokens: list[str]) -> int | None:
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


def _reference_at(items: list[Item], tokens: list[str], k: int) -> tuple[int, int] | None:
    item, entry = items[k], items[k].entry
    following = items[k + 1] if k + 1 < len(items) else None
    if entry.reference_prefix and following is not None:
        value = following.number if following.number is not None else following.entry.cardinal
        if value is not None and float(value).is_integer():
            return int(value), k + 2
        return None
    if entry.ordinal_prefix and following is not None and following.number is not None:
        if not following.number.is_integer():
            return None
        rank = entry.ordinal_prefix * int(following.number)
        after = items[k + 2] if k + 2 < len(items) else None
        if after is not None and after.entry.measure_word:
            return rank, k + 3
        if after is not None and is_plain(after) and after.han:  # "第一次" is "the first time"
            return None
        return rank, k + 2
    rank = item.ordinal or entry.ordinal or entry.from_end
    if not rank:
        return None
    previous = items[k - 1] if k > 0 else None
    if previous is not None and tokens[previous.start] in ("a", "an"):  # "wait a second"
        return None
    if following is not None and (is_plain(following) or following.number is not None):  # "first time"
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


def _read_prices(items: list[Item], used: list[bool]) -> list[_Bound]:
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


def _price_at(items: list[Item], used: list[bool], k: int) -> _Found | None:
    entry = items[k].entry
    negated = (entry.negation and k + 1 < len(items) and not used[k + 1]
               and items[k + 1].entry.price_prefix is not None)  # "不超过300", "not over 100"
    start = k + 1 if negated else k
    prefix = items[start].entry.price_prefix
    if prefix is not None:
        return _prefixed_price(items, used, start, prefix, negated)
    if entry.comparison:  # "比100便宜" / "比200块贵"
        amount = _amount_at(items, used, k + 1)
        after = items[amount[1]].entry if amount and amount[1] < len(items) else PLAIN
        direction = after.relative or ("lower" if after.vague_price == "low" else None)
        if direction:
            return _checked((("lt" if direction == "lower" else "gt", amount[0]),), amount[1] + 1)
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


def _prefixed_price(items: list[Item], used: list[bool], start: int, prefix: str, negated: bool) -> _Found | None:
    position = start + 1
    if position < len(items) and items[position].punct and items[position].entry is PLAIN:
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


def _range_after(items: list[Item], used: list[bool], low: float, end: int, weak_allowed: bool) -> _Found | None:
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


def _amount_at(items: list[Item], used: list[bool], k: int) -> tuple[float, int, bool] | None:
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
    if position < len(items) and not items[position].spaced and is_plain(items[position]) and not items[position].han:
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
    vague_price: str | None = None
    more_like_this: bool = False
    reset: bool = False
    remove_fields: set[str] = field(default_factory=set)


def _read_intents(items: list[Item], used: list[bool]) -> _Intents:
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
        elif entry.vague_price:
            if k > 0 and not used[k - 1] and items[k - 1].entry.negation:  # "not cheap" asks for dearer
                intents.relative_price = "higher"
                used[k - 1] = True
            elif k > 0 and not used[k - 1] and items[k - 1].entry.comparison:  # "比这个便宜": cheaper than this
                intents.relative_price = "lower"
                used[k - 1] = True
            else:
                intents.vague_price = entry.vague_price
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


def _term_of(item: Item, k: int) -> _Term | None:
    entry = item.entry
    if entry.color:
        return _Term("color", (entry.color,), True, k)
    if entry.category:
        return _Term("category", (entry.category,), True, k)
    if entry.attribute:
        return _Term("category", entry.attribute, False, k, describes=True)
    if entry.group:
        return _Term("category", entry.group, False, k)
    if entry.brand:
        return _Term("brand", (entry.brand,), True, k)
    return None


class _TermReader:
    """Walks the items once, keeping the open negation clause and the groups being built."""

    def __init__(self, items: list[Item], used: list[bool], tokens: list[str]):
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
            elif entry.filler or entry.color_noun or (entry.brand_cue and self.next_term_field(k) == "brand"):
                continue  # "not from Oakhollow": the cue only introduces the brand
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
            self.negated_colors += term.field in ("color", "brand")  # modifiers: "不要Oakhollow的运动鞋" wants sneakers
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


def _read_terms(items: list[Item], used: list[bool], tokens: list[str]) -> list[_Group]:
    return _TermReader(items, used, tokens).read()


def _term_constraints(groups: list[_Group], used: list[bool], brands: tuple[str, ...]) -> list[Constraint]:
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
    for field_name, vocabulary in (("category", CATEGORIES), ("color", COLORS), ("brand", brands)):
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


def _absorb_color_nouns(items: list[Item], used: list[bool]) -> None:
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

def _semantic(items: list[Item], used: list[bool], tokens: list[str], spaced: list[bool]) -> str:
    """Unconsumed words as typed, phrase by phrase, with fillers trimmed from each phrase's ends."""
    phrases: list[str] = []
    run: list[Item] = []
    for k, item in enumerate(items + [None]):
        if item is not None and not used[k] and not item.punct:
            run.append(item)
            continue
        first, last = 0, len(run)
        while first < last and _trimmable(run[first]):
            first += 1
        while last > first and _trimmable(run[last - 1]):
            last -= 1
        # A phrase of function words alone says nothing to search for: "cheaper, not with long sleeves".
        if first < last and not all(item.entry.function_word or _trimmable(item) for item in run[first:last]):
            phrases.append(text_of(run[first:last], tokens, spaced))
        run = []
    return " ".join(phrases)


def _trimmable(item: Item) -> bool:
    return item.entry.filler or item.entry.connector
