"""The English pack: the words shoppers and agents type, the cues that structure them, and what we say back."""
from __future__ import annotations

from assistant.language.pack import LanguagePack


def _plurals(*words: str) -> tuple[str, ...]:
    """Each English noun with its plural; enough for the regular nouns in these tables."""
    forms: list[str] = []
    for word in words:
        forms.append(word)
        if word.endswith(("s", "sh", "ch", "x")):
            forms.append(word + "es")
        elif word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
            forms.append(word[:-1] + "ies")
        else:
            forms.append(word + "s")
    return tuple(forms)


# --- colours ------------------------------------------------------------------------------------------
# Catalog files and shoppers share these words, so a shopper's word finds the products labelled with it.
# Decisions: burgundy / maroon / wine are red (the palette has no dark red); off-white and cream are beige,
# ivory is white; tan and camel are brown but khaki is beige; rose and fuchsia are pink; teal, turquoise and
# cyan are blue; indigo is navy; gold is yellow and silver grey.
COLORS = {
    "black": ("black", "blacks", "jet black", "all black", "onyx", "ebony"),
    "white": ("white", "whites", "snow white", "pure white", "bright white", "ivory"),
    "grey": (
        "grey", "greys", "gray", "grays", "charcoal", "silver", "slate", "heather grey", "heather gray", "greyish",
        "grayish", "gunmetal",
    ),
    "red": (
        "red", "reds", "crimson", "scarlet", "burgundy", "maroon", "wine", "wine red", "cherry red", "ruby",
        "oxblood", "reddish", "brick red",
    ),
    "pink": (
        "pink", "pinks", "rose", "hot pink", "fuchsia", "magenta", "blush", "salmon", "rose gold", "pinkish",
        "baby pink", "dusty pink",
    ),
    "orange": ("orange", "oranges", "tangerine", "coral", "peach", "orangey"),
    "yellow": ("yellow", "yellows", "mustard", "lemon", "gold", "golden", "yellowish"),
    "green": (
        "green", "greens", "olive", "khaki green", "army green", "forest green", "mint", "emerald", "sage", "lime",
        "greenish",
    ),
    "blue": (
        "blue", "blues", "blu", "light blue", "sky blue", "baby blue", "royal blue", "cobalt", "cobalt blue", "azure",
        "teal", "turquoise", "cyan", "aqua", "bluish", "powder blue", "denim blue",
    ),
    "navy": ("navy", "navy blue", "dark blue", "deep blue", "midnight blue", "indigo"),
    "purple": (
        "purple", "purples", "violet", "lilac", "lavender", "plum", "mauve", "purplish",
    ),
    "brown": (
        "brown", "browns", "chocolate", "chocolate brown", "coffee", "mocha", "chestnut", "cognac", "tan", "camel",
        "brownish",
    ),
    "beige": (
        "beige", "cream", "off-white", "off white", "khaki", "sand", "oatmeal", "ecru", "nude", "apricot",
        "champagne",
    ),
}

# "dark green", "light grey": a shade word before a colour keeps the colour. Explicit entries above win
# ("dark blue" is navy, "light blue" is blue).
COLOR_SHADES = (
    "dark", "light", "pale", "bright", "deep", "pastel", "neon", "dusty", "muted", "vivid", "soft",
)
# Bare nouns that only restate that a colour is meant ("in red colour"): absorbed next to a colour.
COLOR_NOUNS = ("colour", "color", "colours", "colors", "coloured", "colored", "shade", "tone")

# --- categories ---------------------------------------------------------------------------------------
# "dress shirt" / "dress shoes" / "dress pants" are here so that "dress" does not fire inside them.
# Decisions: skirts are dresses (Fashion-MNIST has no skirt); blazers are coats; shorts are trousers;
# cardigans are pullovers; slippers are sandals; polo shirts are t-shirts.
CATEGORIES = {
    "t-shirt": _plurals("t-shirt", "t shirt", "tshirt", "tee", "tee shirt", "tank top", "crop top", "polo", "polo shirt",
                        "graphic tee"),
    "trousers": ("trousers", "trouser", "pants", "pant", "jeans", "slacks", "chinos", "joggers", "leggings",
                 "sweatpants", "shorts", "khakis", "dress pants", "dress trousers", "track pants", "cargo pants"),
    "pullover": (*_plurals("pullover", "hoodie", "sweater", "jumper", "sweatshirt", "cardigan", "turtleneck", "crewneck",
                           "knit"),
                 "hoody", "knitwear"),
    "dress": _plurals("dress", "gown", "frock", "sundress", "skirt", "maxi dress", "mini dress", "evening dress"),
    "coat": _plurals("coat", "jacket", "parka", "blazer", "windbreaker", "anorak", "trench", "trench coat", "overcoat",
                     "raincoat", "puffer", "puffer jacket", "bomber", "bomber jacket", "down jacket"),
    "sandal": _plurals("sandal", "flip-flop", "flip flop", "flipflop", "slipper", "slide sandal"),
    "shirt": _plurals("shirt", "blouse", "button-down", "button down", "button-up", "button up", "dress shirt",
                      "oxford shirt", "flannel shirt"),
    "sneaker": _plurals("sneaker", "trainer", "running shoe", "tennis shoe", "sports shoe", "gym shoe", "athletic shoe",
                        "basketball shoe"),
    "bag": _plurals("bag", "handbag", "purse", "tote", "tote bag", "backpack", "clutch", "satchel", "shoulder bag",
                    "crossbody", "crossbody bag", "rucksack", "wallet"),
    "ankle-boot": _plurals("boot", "ankle boot", "ankle-boot", "bootie", "chelsea boot", "combat boot", "dress boot"),
}
# Properties that imply a set of categories. Fashion-MNIST shirts, pullovers and coats have long sleeves
# (dresses vary, so they are not in the set). A one-element set is emitted as `eq` / `ne`. Next to a named
# category the category wins and these words stay in the free text: "long sleeve dress".
ATTRIBUTE_CATEGORIES = {
    ("pullover", "coat", "shirt"): ("long sleeve", "long sleeves", "long-sleeve", "long-sleeves", "long-sleeved",
                                    "long sleeved", "longsleeve", "longsleeves"),
    ("t-shirt",): ("short sleeve", "short sleeves", "short-sleeve", "short-sleeves", "short-sleeved", "short sleeved"),
    ("t-shirt", "pullover", "coat", "shirt"): ("long or short sleeves", "short or long sleeves"),
}
# Words for a group of categories. Next to a named category they add nothing and are dropped:
# "shoes, sneakers please" is sneakers.
CATEGORY_GROUPS = {
    ("sandal", "sneaker", "ankle-boot"): (*_plurals("shoe", "dress shoe"), "footwear"),
    ("t-shirt", "pullover", "shirt"): ("top", "tops"),
    ("coat",): ("outerwear",),
    ("trousers",): ("bottoms",),
}
# Fashion-MNIST's own label for its t-shirt class, and the single "top" a catalog row means by it.
CATALOG_CATEGORIES = {"t-shirt": ("t-shirt/top", "top", "tops")}
SIZE_ALIASES = {"one size": ("one size", "one-size", "onesize", "one size fits all", "free size", "os")}

# --- negation and list structure ----------------------------------------------------------------------
# A cue negates the colours, categories, brands and sizes that follow it in the same clause. One that negates
# nothing after it but ends its clause negates what came just before it in that clause ("red isn't my colour";
# "sneakers? no" does not, the "?" ends the clause first). Any other cue that governs nothing ("without a
# logo") is left in the free text, where it pushes the search away from the words it governs.
NEGATION_CUES = (
    'not', 'no', 'without', 'except', 'except for', 'excluding', 'exclude', 'anything but', 'anything except',
    'none of', 'nothing', "don't want", 'dont want', 'do not want', "don't like", 'dont like', 'do not like',
    "don't show", 'do not show', "don't need", 'no more', 'not any', 'avoid', 'other than', 'never', 'neither',
    'non', 'non-', 'rather not', 'rather not have', 'skip', 'hate', 'dislike', "isn't", 'is not', "aren't",
    'are not', 'not into', 'not a fan of', 'not crazy about', 'not keen on', 'no to', "isn't my colour",
    "isn't my color", 'is not my colour', 'is not my color', 'not my colour', 'not my color', "isn't my thing",
    'is not my thing', 'not my thing', 'not my style', "isn't my style", 'is a no',
)
# They negate a description in the free text ("minus the logo") but never a colour or a kind.
DESCRIPTION_NEGATION_CUES = ("minus", "free of")
# Where a negated description ends: "without a logo for the beach" negates "a logo" only.
NEGATION_PHRASE_ENDS = ("for", "but", "with", "and", "that", "which")
# Joins alternatives: "red or blue", "red/blue".
CONNECTORS = ("or", "and", "nor", "/", "&")
# End a negation's clause whatever came before: "not white but red".
HARD_SCOPE_ENDS = ("but", "however", "instead", "rather", "only")
# End a negation's clause only once it has negated something: "nothing in red" negates red, but
# "not white in red" wants red.
SOFT_SCOPE_ENDS = ("in", "with")

# --- price --------------------------------------------------------------------------------------------
# Prefix cues take the amount that follows: "under 50". "around" becomes ±20 %. "and over" is also a
# suffix ("50 and over"), but "under 100 and over 50" reads it as a new bound.
PRICE_PREFIXES = {
    "lt": ("under", "below", "beneath", "less than", "cheaper than", "lower than", "<"),
    "le": (
        "max", "maximum", "at most", "up to", "no more than", "no higher than", "not exceeding", "within", "budget",
        "budget of", "budget is", "my budget is", "<=", "≤", "=<",
    ),
    "gt": (
        "over", "above", "more than", "greater than", "higher than", "pricier than", "more expensive than", ">",
        "exceeding", "and over", "and above",
    ),
    "ge": (
        "at least", "from", "min", "minimum", "starting at", "starting from", "no less than", "upwards of", ">=",
        "≥", "=>",
    ),
    "around": (
        "around", "about", "approximately", "approx", "roughly", "circa", "close to", "~",
    ),
    "between": ("between",),
}
# Suffix cues follow the amount: "$40 max", "50 and up".
PRICE_SUFFIXES = {
    "le": (
        "or less", "or under", "or below", "and under", "and below", "max", "maximum", "tops", "at most",
    ),
    "ge": (
        "or more", "or above", "or higher", "and up", "and above", "and over", "plus", "+", "minimum", "min",
    ),
    "around": ("or so", "ish", "-ish"),
}
# Joins the two ends of a range: "30-60", "30 to 60". "and" counts only after "between", so "red and 60"
# never becomes a range.
RANGE_JOINERS = ("-", "~", "to", "till", "until")
RANGE_WEAK_JOINERS = ("and",)
# Accepted around an amount and dropped: "$40", "100 rmb".
CURRENCY_MARKERS = (
    "¥", "$", "€", "£", "rmb", "cny", "yuan", "kuai", "buck", "bucks", "dollar", "dollars", "usd", "eur", "euro",
    "euros",
)
# A number next to these is a size or a count, never a price: "3 colours", "50 cm".
NON_PRICE_UNITS = (
    "cm", "mm", "kg", "g", "lb", "lbs", "inch", "inches", "%", "percent", "pcs", "pieces", "piece", "pack", "items",
    "item", "colours", "colors", "colour", "color", "pockets", "pocket", "days", "day", "hours", "hour", "minutes",
    "mins", "years", "year", "yrs", "yo", "x", "stars", "star", "results", "options",
)
# The size follows: "size 38", "sz M", "EU 38".
SIZE_WORDS = ("size", "sizes", "sz", "eu", "us", "uk")
# Relative price: "cheaper" compares with what is in view. A negation cue right before one flips it
# ("not cheap" is higher); the phrases with their own negation are read whole.
RELATIVE_PRICE = {
    "lower": ("cheaper", "cheaper ones", "less expensive", "lower price", "lower priced", "lower-priced",
              "more affordable", "too expensive", "too pricey", "less pricey", "cheaper than", "lower than"),
    "higher": ("more premium", "premium", "more expensive", "pricier", "higher end", "high end", "high-end",
               "higher-end", "fancier", "luxury", "luxurious", "upscale", "more upmarket", "upmarket", "too cheap",
               "more expensive than", "pricier than", "higher than"),
}
# A budget said without an amount: the lower part of the prices of what is searched, on any turn.
VAGUE_PRICE = {
    "low": ("cheap", "cheapest", "cheap ones", "affordable", "inexpensive", "budget", "budget-friendly",
            "budget friendly", "on a budget", "low-cost", "low cost", "low price", "low-priced", "low priced",
            "not expensive", "not too expensive", "not so expensive", "not that expensive", "nothing expensive",
            "nothing too expensive", "reasonably priced", "reasonable price", "good value", "value for money",
            "wallet-friendly", "economical", "bargain", "bargains"),
}

# --- pointing at a shown result -----------------------------------------------------------------------
REFERENCE_PREFIXES = (
    "#", "number", "no .", "nr", "nr .", "num", "item", "option", "result", "product", "pic", "picture", "photo",
    "image", "look",
)
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
    "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
}
CARDINAL_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20,
}
# Amounts written as words ("under fifty", "under a hundred bucks"); "one" is left out ("at least one pocket").
AMOUNT_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100, "two hundred": 200, "three hundred": 300,
    "four hundred": 400, "five hundred": 500, "a thousand": 1000, "one thousand": 1000, "a grand": 1000,
}
# Counted from the end (Python style: -1 is the last result shown).
FROM_END_PHRASES = {
    "the last one": -1, "last one": -1, "the last": -1, "the final one": -1, "the bottom one": -1,
    "second to last": -2, "second-to-last": -2, "second last": -2, "penultimate": -2, "third to last": -3,
}
# After a bare ordinal these mean "the third one", not "third time".
REFERENCE_NOUNS = (
    "one", "ones", "item", "result", "option", "pick", "product", "picture", "photo", "image", "pic", "look",
)

# --- turn-level intents -------------------------------------------------------------------------------
# Pivot to a shown result (the engine takes the top one). Plain "like this" is not here: with a freshly
# dropped photo it means the photo, which is already the reference.
MORE_LIKE_THIS = (
    "more like this", "more like these", "more like that", "more of these", "more of this", "more like it",
    "like this one", "like that one", "like these ones", "similar", "similar ones", "similar items",
    "similar products", "similar to this", "similar to this one", "similar to that", "something similar", "the same",
    "same", "same style", "same kind", "same type", "similar style", "look-alike", "lookalike", "look alike",
    "alike", "others like this", "anything like this",
)
RESET_PHRASES = (
    'start over', 'start again', 'start from scratch', 'from scratch', 'new search', 'reset', 'reset all',
    'reset everything', 'clear everything', 'clear all', 'clear filters', 'clear the filters', 'clear all filters',
    'forget it', 'forget everything', 'forget all that', 'restart', 'begin again', "let's start over",
    'lets start over', 'start a new search', 'never mind all that',
)
_REMOVAL_VERBS = ("remove", "drop", "clear", "reset", "forget", "ignore", "lose", "forget about", "no", "never mind")
_REMOVAL_NOUNS = {
    "color": ("colour", "color", "colour filter", "color filter", "colours", "colors"),
    "price": ("price", "price limit", "price filter", "price range", "budget", "budget limit", "price cap"),
    "category": ("category", "category filter", "type", "type filter"),
    "brand": ("brand", "brand filter", "brands", "label"),
    "size": ("size", "size filter", "sizes"),
}


def _removal_phrases(field: str) -> tuple[str, ...]:
    nouns = _REMOVAL_NOUNS[field]
    return tuple(f"{verb}{article} {noun}" for verb in _REMOVAL_VERBS for article in ("", " the") for noun in nouns)


# "any colour" drops the active colour constraints. Decision: "other colours" also drops them (the shopper
# wants to see the other colourways, which a colour filter would hide).
REMOVAL_PHRASES = {
    "color": (*_removal_phrases("color"),
              "any colour", "any color", "any colours", "any colors", "any shade", "whatever colour",
              "whatever color", "all colours", "all colors", "every colour", "every color",
              "colour doesn't matter", "color doesn't matter", "colour does not matter", "color does not matter",
              "colour is not important", "color is not important", "no colour preference", "no color preference",
              "don't care about colour", "don't care about color", "don't care about the colour",
              "don't care about the color", "regardless of colour", "regardless of color", "other colours",
              "other colors", "different colour", "different color", "different colours", "different colors",
              "in other colours", "in other colors", "colour is fine", "any colour is fine",
              "not this colour", "not this color", "not that colour", "not that color", "another colour",
              "another color", "a different colour", "a different color"),
    "price": (*_removal_phrases("price"),
              "any price", "whatever price", "no price limit", "no price limits", "no budget", "no budget limit",
              "price doesn't matter", "price does not matter", "money is no object", "regardless of price",
              "price is not important", "don't care about price", "don't care about the price"),
    "category": (*_removal_phrases("category"),
                 "any type", "any category", "any kind", "any style", "whatever type", "whatever kind",
                 "all categories", "all types", "any item", "type doesn't matter", "category doesn't matter"),
    "brand": (*_removal_phrases("brand"), "any brand", "whatever brand", "all brands", "brand doesn't matter",
              "brand does not matter", "don't care about the brand", "other brands", "another brand"),
    "size": (*_removal_phrases("size"), "any size", "whatever size", "all sizes", "size doesn't matter",
             "size does not matter", "other sizes"),
}

# --- catalog facets and look-up ------------------------------------------------------------------------
# Introduce a brand and add nothing: "by Wrenfield", "from Oakhollow", "not from Oakhollow".
BRAND_CUES = ("by", "from", "made by", "brand", "the brand", "by the brand", "from the brand", "label")
# Introduce a product id: "sku fm-0042-red", "item number FM0042RED".
LOOKUP_CUES = ("sku", "skus", "sku number", "id", "ids", "product id", "item id", "item number", "product number",
               "article number", "style number", "product code", "item code", "ref", "ref .")
# A request that names no kind of item yet: the assistant asks what kind and what budget.
VAGUE_CUES = (*_plurals("gift", "present", "idea", "gift idea", "recommendation", "suggestion"),
              "recommend", "suggest", "surprise", "birthday", "anniversary", "christmas", "xmas",
              "mother's day", "father's day", "valentine's", "valentine's day", "something nice", "anything nice",
              "what do you have", "what have you got", "what's new", "new arrivals", "browse", "browsing",
              "just looking", "help me choose", "mom", "mum", "mother", "dad", "father", "wife", "husband",
              "girlfriend", "boyfriend", "friend", "sister", "brother", "daughter", "son", "grandma", "grandmother",
              "grandpa", "grandfather", "kids", "partner", "boss", "colleague", "teacher")

# --- words that carry no meaning for retrieval ---------------------------------------------------------
# Trimmed from either end of each leftover phrase, never from its middle: "show me something for the
# beach" keeps "for the beach", "with a logo" stays whole.
FILLERS = (
    'a', 'an', 'the', 'this', 'that', 'these', 'those', 'it', 'one', 'ones', 'some', 'something', 'anything',
    'stuff', 'please', 'pls', 'plz', 'thanks', 'thank you', 'thx', 'show', 'show me', 'me', 'i', "i'd", "i'm",
    "i'll", 'im', 'we', 'my', 'you', 'want', 'wanna', 'need', 'would like', 'i would like', 'like', 'like this',
    'like that', 'like these', 'more like', 'similar to', 'looking for', 'look for', 'find', 'find me', 'get',
    'get me', 'give me', 'do you have', 'have you got', 'got', 'any', 'can', 'could', 'is', 'are', 'there',
    "there's", 'also', 'too', 'just', 'really', 'very', 'so', 'even', 'more', 'maybe', 'perhaps', 'actually', 'now',
    'then', 'again', 'still', 'ok', 'okay', 'yes', 'yeah', 'hey', 'hi', 'hello', 'what about', 'how about', "let's",
    'let me see', 'see', 'same colour', 'same color', 'same price', 'price', 'prices', 'priced', 'cost', 'costs',
    'costing', 'range', 'price range', 'either', 'of', 'version', 'items', 'products', 'all', 'only', 'but',
    'however', 'instead', 'rather', 'in', 'and', 'or', 'nor', "that's", "it's", 'is fine', 'are fine', 'will do',
    'would be nice', 'go', 'for me', 'one of those', 'nothing but', 'except that', 'at all', 'have', 'has',
    'everything', 'as',
)
# A leftover phrase made of these alone is dropped: "cheaper, not with long sleeves" must not search "with".
FUNCTION_WORDS = ("with", "without", "for", "to", "on", "at", "by", "from", "about", "into", "onto", "than", "as",
                  "of", "in", "and", "or", "but", "if", "so", "what", "which", "who", "how", "where", "when",
                  "do", "does", "did", "you", "your", "we", "us", "our", "i", "me", "my", "be", "been", "was", "were",
                  "will", "would", "should", "could", "can", "may", "might", "must", "let", "lets", "here", "there",
                  "it", "its", "them", "they", "one", "ones", "please", "a", "an", "the", "some", "any", "this",
                  "that", "these", "those", "have", "has", "had", "got", "get", "want", "need", "like", "ok", "okay")
# Words that contain a cue but mean something else; they stay whole in the free text.
PROTECTED_WORDS = (
    "tank", "nothing else", "no-show", "no show", "not bad", "over the knee", "top rated", "top-rated",
)

# --- what we say back ------------------------------------------------------------------------------------
COLOR_NAMES = {
    "black": "black",
    "white": "white",
    "grey": "grey",
    "red": "red",
    "pink": "pink",
    "orange": "orange",
    "yellow": "yellow",
    "green": "green",
    "blue": "blue",
    "navy": "navy",
    "purple": "purple",
    "brown": "brown",
    "beige": "beige",
}
CATEGORY_NAMES = {
    "t-shirt": "T-shirt",
    "trousers": "trousers",
    "pullover": "pullover",
    "dress": "dress",
    "coat": "coat",
    "sandal": "sandals",
    "shirt": "shirt",
    "sneaker": "sneakers",
    "bag": "bag",
    "ankle-boot": "ankle boots",
}
CATEGORY_PLURALS = {
    "t-shirt": "T-shirts", "trousers": "trousers", "pullover": "pullovers", "dress": "dresses", "coat": "coats",
    "sandal": "sandals", "shirt": "shirts", "sneaker": "sneakers", "bag": "bags", "ankle-boot": "ankle boots",
}
PRICE_PHRASES = {"lt": "under {}", "le": "up to {}", "gt": "over {}", "ge": "{} or more", "eq": "{}", "ne": "not {}"}
REMOVAL_TEXTS = {"color": "any colour", "category": "any category", "price": "any price", "brand": "any brand",
                 "size": "any size"}
MESSAGES = {
    "size_value": "size {size}",
    # what a turn understood beyond the words it was given (the engine words its reply with these)
    "you_typed": "{what} (you typed “{typed}”)",
    "did_you_mean": "Did you mean {options}?",
    "clarify_vague": "What kind of item are you looking for, and roughly what budget? Here are a few ideas meanwhile.",
    "budget_low": "under {price}, the lower part of what {what} cost here",
    "why_exact_match": "exact match",
    "unknown_ids": "I don’t know a product with id {ids}.",
    "photo_set_aside": "Your photo shows {photo}, so it no longer judges how close these {what} are.",
    "found_like_photo": "Here are {what} like your photo{filters}.",
    "found_like_product": "Here are {what} like “{label}”{filters}.",
    "found_text": "Here are {what}{filters}.",
    "found_semantic": "Here are {what} matching “{text}”{filters}.",
    "found_preferences": "Here are more {what} like the ones you liked{filters}.",
    "need_input": "Show me a photo or tell me what you are looking for (e.g. “red dress under 200”).",
    "reset_done": "Starting over — everything is cleared. Show me a photo or tell me what you need.",
    "no_good_match": "Nothing here is a close match{filters}; these are the nearest I have.",
    "nothing_passes": "No {what}",
    "relax_price_cheapest": " — the cheapest is {price}. Show those?",
    "relax_price_dearest": " — the most expensive is {price}. Show those?",
    "relax_drop": " — without “{constraint}” there are {count}. Show those?",
    "relax_none": ". Try removing a filter.",
    "show_those": "Show those",
    "clarify_category": "Which kind of item do you mean?",
    "cheaper_needs_anchor": "Cheaper than what? Show me a photo or search first.",
    "liked": "Noted — I’ll show more like that.",
    "disliked": "Noted — I won’t show that one again.",
    "why_photo": "like your photo {score}",
    "why_product": "like your pick {score}",
    "why_same_item": "same item, other colour",
    "why_text": "matches “{text}” {score}",
    "why_liked": "like ones you liked",
    "reference_photo": "your photo",
    "error_bad_image": "I couldn’t read that photo: {detail}. Try a JPEG or PNG under 20 MB.",
    "error_unknown_product": "I don’t know a product with id “{detail}”.",
    "error_bad_reference": "There is no #{rank} — I showed {count} results.",
    "error_no_results_yet": "There are no results yet to point at — search first.",
    "error_bad_session": "That session file can’t be used: {detail}.",
    "error_index_unavailable": "Search is unavailable right now. Please try again in a moment.",
    "error_encoder": "The image/text model failed on this turn ({detail}). Please try again.",
    "error_text_too_long": "That message is too long — please keep it under {limit} characters.",
    "error_internal": "Something went wrong on this turn; your session is intact — please try again.",
}
LABELS = {
    "page_title": "likethis — shop by photo",
    "title": "likethis — shop by photo",
    "tagline": "Drop a photo, then refine in your own words: “like this but in red”, “cheaper”, “#3 but longer”.",
    "status": "Encoder: {backend} ({reason}) · {count} products indexed",
    "language": "Language",
    "chat": "Chat",
    "chat_placeholder": "Show me a photo (📎: camera or gallery, or paste one) and tell me what you want.",
    "input": "Your message",
    "input_placeholder": "Photo 📎 and/or words",
    "crop": "✂️ Crop the photo",
    "crop_editor": "Drag the box or its corners around the item you mean (arrow keys move a focused corner or the box), then 🔍 Search this part. Sending a message with the photo attached searches the box too.",
    "reset": "🔄 Start over",
    "export": "⬇️ Export session",
    "import": "⬆️ Import session",
    "session_file": "Session file (for support hand-over)",
    "examples": "Try an example (these photos are not in the catalog)",
    "results": "Results",
    "filters": "Filters",
    "no_filters": "none yet — say “red”, “under 200”, “not sneakers”…",
    "no_results": "Results appear here: send a photo or describe what you want.",
    "like": "I like this",
    "dislike": "Not for me — hide it",
    "more_like": "More like this",
    "remove_filter": "Remove this filter",
    "score": "match",
    "liked": "liked",
    "searched_with": "Searched with your photo",
    "said_like": "👍 {title}",
    "said_dislike": "👎 {title}",
    "said_more_like": "🔎 More like “{title}”",
    "said_remove": "✕ Remove “{label}”",
    "said_reset": "🔄 Start over",
    "said_import": "📂 Import a session file",
    "said_photo": "(photo)",
    "imported": "Session imported — picking up where it left off.",
    "imported_empty": "Session imported (it had no search yet).",
    "exported": "Session saved — download it below.",
    "filter_gone": "That filter is already gone.",
    "error_import_too_large": "That session file is too large ({size} KB; the limit is {limit} KB).",
    "error_no_file": "No file was received.",
    "subtitle": "shop by photo",
    "crop_empty": "Attach a photo with 📎 (or take one with the camera) and it appears here.",
    "crop_search": "🔍 Search this part",
    "crop_whole": "🖼️ Whole photo",
    "crop_box": "Area to search: drag it, or move it with the arrow keys",
    "crop_corner_nw": "Top-left corner: drag, or use the arrow keys",
    "crop_corner_ne": "Top-right corner: drag, or use the arrow keys",
    "crop_corner_sw": "Bottom-left corner: drag, or use the arrow keys",
    "crop_corner_se": "Bottom-right corner: drag, or use the arrow keys",
    "crop_found": "found in your photo",
    "crop_yours": "your crop",
    "crop_status": "Box: {width}% × {height}% of the photo",
    "your_photo": "Your photo",
    "searched_part": "🔍 Searched the part in the box ({who}) — adjust it",
    "more": "⋯ More · language · examples",
    "info": "About this app and its catalog",
    "agent_view": "🪪 Agent view: product ids",
    "copy_id": "Copy the id {id}",
    "copied": "Copied {id}",
    "copy_failed": "Could not copy — select the id and copy it by hand",
    "more_like_short": "Similar",
}

PACK = LanguagePack.from_tables(
    globals(),
    code="en",
    name="English",
    script="a-z",
    spaced=True,
    locales=("en",),
    browser_tags=("en",),
    spell_dictionary="en",
    amount_suffixes={"k": 1000.0},
)
