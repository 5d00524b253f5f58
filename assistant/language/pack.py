"""What one language pack holds: the words a shopper types, the cues that give them structure, and what we say back."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Mapping

Phrases = tuple[str, ...]


@dataclass(frozen=True, kw_only=True, eq=False)
class LanguagePack:
    """Everything language-specific, as data. A pack may leave a table empty: English fills what is said, and an
    empty vocabulary simply recognises nothing in that language.

    Phrases are matched token by token after normalisation (NFKC, lower case): a phrase in a spaced language is a
    sequence of whole words ("navy blue", "t-shirt" = t, -, shirt), one in an unspaced script a sequence of
    characters. Across all registered packs the longest phrase wins, so "粉红色" is pink before "红色" can be red.
    """

    code: str                       # "en": what sessions, replies and the UI call the language
    name: str                       # "English": what the language selector shows
    script: str                     # regex character class of the script its words use: detects the language
    spaced: bool = True             # words separated by spaces (English) or not (Chinese)
    locales: Phrases = ()           # the UI framework's locales for it, the first the one it switches to
    browser_tags: Phrases = ()      # Accept-Language primary tags that choose it ("zh" for zh-CN, zh-TW …)
    spell_dictionary: str | None = None  # pyspellchecker's language: tells a real word from a typo

    # --- vocabulary: slug → what a shopper calls it -----------------------------------------------------
    colors: Mapping[str, Phrases] = field(default_factory=dict)
    color_shades: Phrases = ()      # "dark", "深": before a colour they keep the colour ("dark green")
    color_nouns: Phrases = ()       # "colour", "颜色": restate that a colour is meant
    categories: Mapping[str, Phrases] = field(default_factory=dict)
    attribute_categories: Mapping[tuple[str, ...], Phrases] = field(default_factory=dict)  # "long sleeves"
    category_groups: Mapping[tuple[str, ...], Phrases] = field(default_factory=dict)       # "shoes"
    # Words catalog files use for a slug that a shopper's word would not mean the same ("top" is one t-shirt
    # row in a catalog, but "tops" from a shopper names three kinds): ingestion only.
    catalog_colors: Mapping[str, Phrases] = field(default_factory=dict)
    catalog_categories: Mapping[str, Phrases] = field(default_factory=dict)
    size_aliases: Mapping[str, Phrases] = field(default_factory=dict)  # a catalog's "one size" said as "均码"

    # --- cues ---------------------------------------------------------------------------------------------
    negation_cues: Phrases = ()
    description_negation_cues: Phrases = ()  # negate words of the free text only ("没有logo"), never a colour
    negation_phrase_ends: Phrases = ()  # besides scope ends and punctuation: "for", "that" end a negated phrase
    connectors: Phrases = ()
    hard_scope_ends: Phrases = ()
    soft_scope_ends: Phrases = ()
    price_prefixes: Mapping[str, Phrases] = field(default_factory=dict)  # op → "under", "低于"
    price_suffixes: Mapping[str, Phrases] = field(default_factory=dict)  # op → "or less", "以下"
    range_joiners: Phrases = ()
    range_weak_joiners: Phrases = ()
    range_suffixes: Phrases = ()
    currency_markers: Phrases = ()
    non_price_units: Phrases = ()
    size_words: Phrases = ()        # "size 38", "尺码M": the size follows
    size_suffixes: Phrases = ()     # "38码", "M号": the size comes first
    comparison_words: Phrases = ()
    relative_price: Mapping[str, Phrases] = field(default_factory=dict)  # "lower" / "higher" → "cheaper"
    vague_price: Mapping[str, Phrases] = field(default_factory=dict)     # "low" → "cheap", "实惠"
    reference_prefixes: Phrases = ()
    ordinal_words: Mapping[str, int] = field(default_factory=dict)
    cardinal_words: Mapping[str, int] = field(default_factory=dict)
    amount_words: Mapping[str, int] = field(default_factory=dict)
    from_end_phrases: Mapping[str, int] = field(default_factory=dict)
    ordinal_prefixes: Mapping[str, int] = field(default_factory=dict)  # "第" 1, "倒数第" -1: a number follows
    measure_words: Phrases = ()
    reference_nouns: Phrases = ()
    more_like_this: Phrases = ()
    reset_phrases: Phrases = ()
    removal_phrases: Mapping[str, Phrases] = field(default_factory=dict)  # field → "any colour"
    brand_cues: Phrases = ()        # "by", "from", "品牌": introduce a brand, and say nothing more
    lookup_cues: Phrases = ()       # "sku", "货号": introduce a product id
    vague_cues: Phrases = ()        # "gift", "礼物": a request that names no kind of item yet
    fillers: Phrases = ()           # trimmed from either end of the free text
    function_words: Phrases = ()    # never a free-text query on their own ("with", "for")
    protected_words: Phrases = ()   # contain a cue but mean something else ("非常", "not bad")

    # --- numbers ------------------------------------------------------------------------------------------
    numeral_digits: Mapping[str, int] = field(default_factory=dict)  # "三" 3
    numeral_units: Mapping[str, int] = field(default_factory=dict)   # "百" 100
    amount_suffixes: Mapping[str, float] = field(default_factory=dict)  # "1.5k", "2w": letter glued to digits

    # --- saying things ------------------------------------------------------------------------------------
    color_names: Mapping[str, str] = field(default_factory=dict)
    category_names: Mapping[str, str] = field(default_factory=dict)
    category_plurals: Mapping[str, str] = field(default_factory=dict)  # "dresses"; the name when absent
    # The noun phrase of a search: {color} and {category} (its plural) filled in.
    what_color_category: str = "{color} {category}"
    what_color: str = "{color} items"
    what_category: str = "{category}"
    what_any: str = "products"
    list_separator: str = ", "
    list_last_separator: str = " or "
    negated: str = "not {}"
    item_label: str = "item {}"
    price_phrases: Mapping[str, str] = field(default_factory=dict)  # op → "under {}"
    filters_open: str = " — "
    filters_separator: str = " · "
    filters_close: str = ""
    nothing_separator: str = ", "
    nothing_with_filters: str = "{what} {filters}"
    relax_upper: str = "max {amount}"      # what a "show those" quick reply sends to lift a price bound
    relax_lower: str = "at least {amount}"
    removal_texts: Mapping[str, str] = field(default_factory=dict)  # field → "any colour"
    messages: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)
    image_problems: Mapping[str, str] = field(default_factory=dict)  # catalog.images reason → words

    @classmethod
    def from_tables(cls, tables: Mapping[str, Any], **settings: Any) -> "LanguagePack":
        """A pack from a module's tables, each named as its field in capitals (COLORS → colors)."""
        found = {f.name: tables[f.name.upper()] for f in fields(cls) if f.name.upper() in tables}
        return cls(**found, **settings)

    @property
    def ui_locale(self) -> str:
        return self.locales[0] if self.locales else self.code
