"""The words turn understanding recognises, in English and Chinese: synonyms, cues and fillers."""
from __future__ import annotations

# Phrases are matched token by token after normalisation (NFKC, lower case): an English phrase is a
# sequence of whole words ("navy blue", "t-shirt" = t, -, shirt), a Chinese phrase a sequence of
# characters. The longest phrase wins, so "粉红色" is pink before "红色" can be red, and "no more than"
# is a price cue before "no" can be a negation.


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
# Where catalog/vocabulary.py already names a word (ivory, tan, camel, khaki, cream, 驼色 ...), the same
# slug is used here, so a shopper's word finds the products labelled with it.
# Decisions: burgundy / maroon / wine are red (the palette has no dark red); off-white, cream and 米白
# are beige, ivory is white (as in the catalog); tan and camel are brown but 驼色 and 卡其 are beige (as
# in the catalog); rose and fuchsia are pink; teal, turquoise and cyan are blue; indigo is navy;
# gold is yellow and silver grey.
COLOR_SYNONYMS: dict[str, tuple[str, ...]] = {
    "black": ("black", "blacks", "jet black", "all black", "onyx", "ebony",
              "黑", "黑色", "纯黑", "全黑", "乌黑"),
    "white": ("white", "whites", "snow white", "pure white", "bright white", "ivory",
              "白", "白色", "纯白", "雪白", "全白", "象牙白"),
    "grey": ("grey", "greys", "gray", "grays", "charcoal", "silver", "slate", "heather grey", "heather gray",
             "greyish", "grayish", "gunmetal",
             "灰", "灰色", "银色", "银灰", "银灰色", "炭灰", "烟灰", "铁灰", "麻灰"),
    "red": ("red", "reds", "crimson", "scarlet", "burgundy", "maroon", "wine", "wine red", "cherry red",
            "ruby", "oxblood", "reddish", "brick red",
            "红", "红色", "大红", "大红色", "酒红", "酒红色", "枣红", "枣红色", "正红", "正红色", "砖红", "砖红色"),
    "pink": ("pink", "pinks", "rose", "hot pink", "fuchsia", "magenta", "blush", "salmon", "rose gold",
             "pinkish", "baby pink", "dusty pink",
             "粉", "粉色", "粉红", "粉红色", "玫红", "玫红色", "桃红", "桃红色", "玫瑰红", "藕粉", "藕粉色"),
    "orange": ("orange", "oranges", "tangerine", "coral", "peach", "orangey",
               "橙", "橙色", "橘色", "橘", "橘红", "橘红色", "桔色", "橘黄", "橘黄色"),
    "yellow": ("yellow", "yellows", "mustard", "lemon", "gold", "golden", "yellowish",
               "黄", "黄色", "金色", "金黄", "金黄色", "柠檬黄", "姜黄", "姜黄色", "土黄", "土黄色", "鹅黄"),
    "green": ("green", "greens", "olive", "khaki green", "army green", "forest green", "mint", "emerald",
              "sage", "lime", "greenish",
              "绿", "绿色", "军绿", "军绿色", "墨绿", "墨绿色", "草绿", "草绿色", "橄榄绿", "薄荷绿",
              "牛油果绿", "果绿", "湖绿"),
    "blue": ("blue", "blues", "light blue", "sky blue", "baby blue", "royal blue", "cobalt", "cobalt blue",
             "azure", "teal", "turquoise", "cyan", "aqua", "bluish", "powder blue", "denim blue",
             "蓝", "蓝色", "天蓝", "天蓝色", "浅蓝", "浅蓝色", "淡蓝", "淡蓝色", "宝蓝", "宝蓝色",
             "湖蓝", "湖蓝色", "牛仔蓝", "雾霾蓝"),
    "navy": ("navy", "navy blue", "dark blue", "deep blue", "midnight blue", "indigo",
             "藏青", "藏青色", "藏蓝", "藏蓝色", "海军蓝", "深蓝", "深蓝色", "靛蓝", "靛青"),
    "purple": ("purple", "purples", "violet", "lilac", "lavender", "plum", "mauve", "purplish",
               "紫", "紫色", "淡紫", "浅紫", "深紫", "薰衣草紫", "香芋紫"),
    "brown": ("brown", "browns", "chocolate", "chocolate brown", "coffee", "mocha", "chestnut", "cognac",
              "tan", "camel", "brownish",
              "棕", "棕色", "咖啡色", "咖色", "褐色", "褐", "深棕", "巧克力色"),
    "beige": ("beige", "cream", "off-white", "off white", "khaki", "sand", "oatmeal", "ecru", "nude", "apricot",
              "champagne",
              "米色", "米白", "米白色", "卡其", "卡其色", "驼色", "杏色", "奶白", "奶白色", "乳白", "乳白色",
              "奶油色", "香槟色", "米黄", "米黄色"),
}

# "dark green", "light grey", "浅灰色": a shade word before a colour keeps the colour. Explicit entries
# above win ("dark blue" is navy, "深蓝" is navy, "light blue" is blue).
COLOR_SHADES_EN: tuple[str, ...] = ("dark", "light", "pale", "bright", "deep", "pastel", "neon", "dusty", "muted",
                                    "vivid", "soft")
COLOR_SHADES_ZH: tuple[str, ...] = ("深", "浅", "淡", "亮", "暗", "鲜", "纯")
# Bare nouns that only restate that a colour is meant ("in red colour", "红颜色"): absorbed next to a colour.
COLOR_NOUNS: tuple[str, ...] = ("colour", "color", "colours", "colors", "coloured", "colored", "shade", "tone",
                                "颜色", "色", "色系")

# --- categories ---------------------------------------------------------------------------------------
# "dress shirt" / "dress shoes" / "dress pants" are here so that "dress" does not fire inside them.
# Decisions: skirts are dresses (Fashion-MNIST has no skirt); blazers are coats; shorts are trousers;
# cardigans are pullovers; slippers (拖鞋) are sandals; polo shirts are t-shirts.
CATEGORY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "t-shirt": (*_plurals("t-shirt", "t shirt", "tshirt", "tee", "tee shirt", "tank top", "crop top", "polo",
                          "polo shirt", "graphic tee"),
                "t恤", "t恤衫", "体恤", "短袖t", "短袖t恤", "短t", "背心"),
    "trousers": ("trousers", "trouser", "pants", "jeans", "slacks", "chinos", "joggers", "leggings", "sweatpants",
                 "shorts", "khakis", "dress pants", "dress trousers", "track pants", "cargo pants",
                 "裤子", "裤", "长裤", "牛仔裤", "休闲裤", "西裤", "运动裤", "短裤", "卫裤", "打底裤"),
    "pullover": (*_plurals("pullover", "hoodie", "sweater", "jumper", "sweatshirt", "cardigan", "turtleneck",
                           "crewneck", "knit"),
                 "hoody", "knitwear",
                 "毛衣", "卫衣", "针织衫", "套头衫", "开衫", "羊毛衫", "线衣", "连帽衫"),
    "dress": (*_plurals("dress", "gown", "frock", "sundress", "skirt", "maxi dress", "mini dress", "evening dress"),
              "连衣裙", "裙子", "裙", "长裙", "短裙", "半身裙", "礼服", "晚礼服", "吊带裙"),
    "coat": (*_plurals("coat", "jacket", "parka", "blazer", "windbreaker", "anorak", "trench", "trench coat",
                       "overcoat", "raincoat", "puffer", "puffer jacket", "bomber", "bomber jacket", "down jacket"),
             "外套", "大衣", "夹克", "夹克衫", "风衣", "羽绒服", "棉服", "棉衣", "皮衣", "西装", "西服", "冲锋衣"),
    "sandal": (*_plurals("sandal", "flip-flop", "flip flop", "flipflop", "slipper", "slide sandal"),
               "凉鞋", "拖鞋", "人字拖", "凉拖"),
    "shirt": (*_plurals("shirt", "blouse", "button-down", "button down", "button-up", "button up", "dress shirt",
                        "oxford shirt", "flannel shirt"),
              "衬衫", "衬衣"),
    "sneaker": (*_plurals("sneaker", "trainer", "running shoe", "tennis shoe", "sports shoe", "gym shoe",
                          "athletic shoe", "basketball shoe"),
                "运动鞋", "球鞋", "跑鞋", "跑步鞋", "板鞋", "帆布鞋", "篮球鞋", "休闲鞋"),
    "bag": (*_plurals("bag", "handbag", "purse", "tote", "tote bag", "backpack", "clutch", "satchel", "shoulder bag",
                      "crossbody", "crossbody bag", "rucksack", "wallet"),
            "包", "包包", "手提包", "背包", "双肩包", "书包", "挎包", "斜挎包", "钱包", "手袋", "提包",
            "单肩包", "托特包", "腰包"),
    "ankle-boot": (*_plurals("boot", "ankle boot", "ankle-boot", "bootie", "chelsea boot", "combat boot",
                             "dress boot"),
                   "靴子", "靴", "短靴", "马丁靴", "雪地靴", "切尔西靴", "踝靴", "皮靴"),
}

# Properties that imply a set of categories. Fashion-MNIST shirts, pullovers and coats have long sleeves
# (dresses vary, so they are not in the set). A one-element set is emitted as `eq` / `ne`. Next to a named
# category the category wins and these words stay in the semantic text: "long sleeve dress".
ATTRIBUTE_CATEGORIES: dict[tuple[str, ...], tuple[str, ...]] = {
    ("pullover", "coat", "shirt"): ("long sleeve", "long sleeves", "long-sleeve", "long-sleeves", "long-sleeved",
                                    "long sleeved", "longsleeve", "longsleeves", "长袖"),
    ("t-shirt",): ("short sleeve", "short sleeves", "short-sleeve", "short-sleeves", "short-sleeved",
                   "short sleeved", "短袖"),
    ("t-shirt", "pullover", "coat", "shirt"): ("long or short sleeves", "short or long sleeves", "长袖或短袖",
                                               "长短袖"),
}
# Words for a group of categories. Next to a named category they add nothing and are dropped:
# "shoes, sneakers please" is sneakers.
CATEGORY_GROUPS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("sandal", "sneaker", "ankle-boot"): (*_plurals("shoe", "dress shoe"), "footwear",
                                          "鞋", "鞋子", "皮鞋", "高跟鞋", "单鞋"),
    ("t-shirt", "pullover", "shirt"): ("top", "tops", "上衣", "上装"),
    ("coat",): ("outerwear", "外衣"),
    ("trousers",): ("bottoms", "下装", "下身"),
}

# --- negation and list structure ----------------------------------------------------------------------
# A cue negates the colours and categories that follow it in the same clause. One that negates nothing
# after it but ends its clause negates what came just before it in that clause ("黑色的不要", "red isn't
# my colour"; "sneakers? no" does not, the "?" ends the clause first). Any other cue that governs nothing
# ("without a logo", "不错") is left in the semantic text untouched.
NEGATION_CUES: tuple[str, ...] = (
    "not", "no", "without", "except", "except for", "excluding", "exclude", "anything but", "anything except",
    "none of", "nothing", "don't want", "dont want", "do not want", "don't like", "dont like", "do not like",
    "don't show", "do not show", "don't need", "no more", "not any", "avoid", "other than", "never", "neither",
    "non", "non-", "rather not", "rather not have", "skip", "hate", "dislike", "isn't", "is not", "aren't", "are not",
    "not into", "not a fan of", "not crazy about", "not keen on", "no to",
    # usually said after the thing
    "isn't my colour", "isn't my color", "is not my colour", "is not my color", "not my colour", "not my color",
    "isn't my thing", "is not my thing", "not my thing", "not my style", "isn't my style", "is a no",
    "不考虑", "不行", "就算了", "不要了",
    "不要", "别", "不是", "除了", "不想要", "非", "不", "不喜欢", "不需要", "不看", "排除", "去掉", "不含", "不包括",
    "别给我", "不用", "别要", "不想", "除去",
)
# Joins alternatives: "red or blue", "黑色和白色", "red/blue", "红色、蓝色".
CONNECTORS: tuple[str, ...] = ("or", "and", "nor", "/", "&", "、", "或", "或者", "还是", "和", "跟", "与", "及",
                               "以及", "或是")
# End a negation's clause whatever came before: "not white but red", "不是白色而是黑色", "除了黑色都行".
HARD_SCOPE_ENDS: tuple[str, ...] = ("but", "however", "instead", "rather", "only",
                                    "但是", "但", "不过", "可是", "而是", "就行", "都行", "都可以", "可以", "以外",
                                    "之外", "也行")
# End a negation's clause only once it has negated something: "nothing in red" negates red, but
# "not white in red" wants red.
SOFT_SCOPE_ENDS: tuple[str, ...] = ("in", "with", "要", "想要", "我要", "换成", "改成", "是", "只要", "就要")

# --- price --------------------------------------------------------------------------------------------
# Prefix cues take the amount that follows: "under 50", "不超过300". "around" becomes ±20 %.
PRICE_PREFIXES: dict[str, tuple[str, ...]] = {
    "lt": ("under", "below", "beneath", "less than", "cheaper than", "lower than", "<", "低于", "少于", "小于",
           "不到", "便宜于"),
    "le": ("max", "maximum", "at most", "up to", "no more than", "no higher than", "not exceeding", "within",
           "budget", "budget of", "budget is", "my budget is", "<=", "≤", "=<", "最多", "最高", "顶多", "预算",
           "预算是", "预算在"),
    "gt": ("over", "above", "more than", "greater than", "higher than", "pricier than", "more expensive than",
           ">", "exceeding", "高于", "超过", "大于", "多于", "贵于",
           # also suffixes ("50 and over"), but "under 100 and over 50" reads them as a new bound
           "and over", "and above"),
    "ge": ("at least", "from", "min", "minimum", "starting at", "starting from", "no less than", "upwards of",
           ">=", "≥", "=>", "至少", "最少", "最低", "起码"),
    "around": ("around", "about", "approximately", "approx", "roughly", "circa", "close to", "~", "大概", "大约",
               "约", "差不多", "左右是"),
    "between": ("between", "介于", "在"),
}
# Suffix cues follow the amount: "50元以下", "100左右", "$40 max", "50 and up".
PRICE_SUFFIXES: dict[str, tuple[str, ...]] = {
    "le": ("or less", "or under", "or below", "and under", "and below", "max", "maximum", "tops", "at most",
           "以下", "以内", "之内", "内", "封顶", "为止"),
    "ge": ("or more", "or above", "or higher", "and up", "and above", "and over", "plus", "+", "minimum", "min",
           "以上", "起", "起步", "往上"),
    "around": ("or so", "ish", "-ish", "左右", "上下"),
}
# Joins the two ends of a range: "30-60", "30 to 60", "30到60". "and" / "和" count only after "between"
# (or with "之间"), so "red and 60" never becomes a range.
RANGE_JOINERS: tuple[str, ...] = ("-", "~", "to", "till", "until", "到", "至")
RANGE_WEAK_JOINERS: tuple[str, ...] = ("and", "和", "与")
RANGE_SUFFIXES: tuple[str, ...] = ("之间", "的范围", "范围", "区间")
# Accepted around an amount and dropped: "¥200", "$40", "50元", "100 rmb", "两百块钱".
CURRENCY_MARKERS: tuple[str, ...] = ("¥", "$", "€", "£", "元", "块", "块钱", "元钱", "圆", "rmb", "cny", "yuan",
                                     "kuai", "buck", "bucks", "dollar", "dollars", "usd", "eur", "euro", "euros",
                                     "美元", "欧元", "人民币", "刀")
# A number next to these is a size or a count, never a price: "size 38", "3 colours", "38码".
NON_PRICE_UNITS: tuple[str, ...] = ("cm", "mm", "kg", "g", "lb", "lbs", "inch", "inches", "%", "percent", "pcs",
                                    "pieces", "piece", "pack", "items", "item", "colours", "colors", "colour",
                                    "color", "pockets", "pocket", "days", "day", "hours", "hour", "minutes", "mins",
                                    "years", "year", "yrs", "yo", "x", "stars", "star", "results", "options",
                                    "码", "厘米", "公分", "寸", "岁", "件", "天", "小时", "分钟", "年", "斤", "公斤",
                                    "克", "号", "个", "种", "颗", "星", "折", "米")
SIZE_WORDS: tuple[str, ...] = ("size", "sizes", "sz", "eu", "us", "uk", "尺码", "码数", "鞋码", "尺寸", "码")
# "比100便宜" / "比200贵": the comparison word that turns a relative word into a bound.
COMPARISON_WORDS: tuple[str, ...] = ("比",)
# Relative price: "cheaper" without an amount. A negation cue right before one flips it ("不贵" is lower);
# the phrases with their own negation below are read whole.
RELATIVE_PRICE: dict[str, tuple[str, ...]] = {
    "lower": ("cheaper", "cheaper ones", "cheap", "cheapest", "less expensive", "lower price", "lower priced",
              "lower-priced", "more affordable", "affordable", "inexpensive", "budget-friendly", "budget friendly",
              "too expensive", "too pricey", "not too expensive", "not so expensive", "not that expensive",
              "less pricey", "on a budget", "cheaper than", "lower than", "bargain",
              "便宜", "便宜点", "便宜一点", "便宜一点的", "便宜些", "便宜一些", "更便宜", "再便宜", "再便宜些",
              "再便宜点", "再便宜一点", "实惠", "实惠点", "实惠一点", "划算", "平价", "太贵", "太贵了", "不要太贵",
              "别太贵", "不太贵", "不要那么贵", "别那么贵", "低价", "价格低", "价格低一点", "价格低点", "白菜价",
              "性价比高", "省钱", "便宜于", "有点贵", "有点贵了", "贵了", "太贵啦"),
    "higher": ("more premium", "premium", "more expensive", "pricier", "higher end", "high end", "high-end",
               "higher-end", "fancier", "luxury", "luxurious", "upscale", "more upmarket", "upmarket", "too cheap",
               "more expensive than", "pricier than", "higher than",
               "贵", "贵点", "贵一点", "贵一些", "贵些", "更贵", "再贵点", "再贵一点", "昂贵", "高档", "高档点",
               "高档一点", "更高档", "高端", "高端一点", "更高端", "奢华", "奢侈", "轻奢", "太便宜", "太便宜了",
               "档次高", "档次高一点", "贵于"),
}

# --- pointing at a shown result -----------------------------------------------------------------------
REFERENCE_PREFIXES: tuple[str, ...] = ("#", "number", "no .", "nr", "nr .", "num", "item", "option", "result",
                                       "product", "pic", "picture", "photo", "image", "look", "编号", "序号")
ORDINAL_WORDS: dict[str, int] = {
    word: rank for rank, word in enumerate((
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
        "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
        "eighteenth", "nineteenth", "twentieth"), start=1)
}
CARDINAL_WORDS: dict[str, int] = {
    word: value for value, word in enumerate((
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"), start=1)
}
# Amounts written as words ("under fifty", "under a hundred bucks"); "one" is left out ("at least one pocket").
AMOUNT_WORDS: dict[str, int] = {
    **{word: value for word, value in CARDINAL_WORDS.items() if value >= 2},
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "one hundred": 100, "two hundred": 200, "three hundred": 300,
    "four hundred": 400, "five hundred": 500, "a thousand": 1000, "one thousand": 1000, "a grand": 1000,
}
# Counted from the end (Python style: -1 is the last result shown).
FROM_END_PHRASES: dict[str, int] = {
    "the last one": -1, "last one": -1, "the last": -1, "the final one": -1, "the bottom one": -1,
    "second to last": -2, "second-to-last": -2, "second last": -2, "penultimate": -2, "third to last": -3,
    "最后一个": -1, "最后那个": -1, "最后一款": -1, "最后一件": -1, "最后一张": -1, "最后的": -1, "最后一双": -1,
    "最后一条": -1,
}
# "第三个" / "倒数第二个": the Chinese ordinal prefix (its sign) and the measure words that may follow.
CHINESE_ORDINAL_PREFIXES: dict[str, int] = {"第": 1, "倒数第": -1}
MEASURE_WORDS: tuple[str, ...] = ("个", "款", "件", "张", "条", "双", "只", "套", "项", "位", "个商品", "款式",
                                  "幅", "图", "张图", "行", "名")
# After a bare ordinal these mean "the third one", not "third time".
REFERENCE_NOUNS: tuple[str, ...] = ("one", "ones", "item", "result", "option", "pick", "product", "picture",
                                    "photo", "image", "pic", "look")

# --- turn-level intents -------------------------------------------------------------------------------
# Pivot to a shown result (the engine takes the top one). Plain "like this" / "像这个" is not here: with a
# freshly dropped photo it means the photo, which is already the reference.
MORE_LIKE_THIS: tuple[str, ...] = (
    "more like this", "more like these", "more like that", "more of these", "more of this", "more like it",
    "like this one", "like that one", "like these ones", "similar", "similar ones", "similar items",
    "similar products", "similar to this", "similar to this one", "similar to that", "something similar",
    "the same", "same", "same style", "same kind", "same type", "similar style", "look-alike", "lookalike",
    "look alike", "alike", "others like this", "anything like this",
    "类似", "类似的", "类似款", "相似", "相似的", "差不多的", "像这个的", "像这个一样的", "像这款的", "同款",
    "一样的", "跟这个一样", "跟这个一样的", "和这个一样", "和这个一样的", "同样的", "相同的", "类似这个",
    "类似这个的", "相似款", "同类", "同类的", "这类", "这一类",
)
RESET_PHRASES: tuple[str, ...] = (
    "start over", "start again", "start from scratch", "from scratch", "new search", "reset", "reset all",
    "reset everything", "clear everything", "clear all", "clear filters", "clear the filters", "clear all filters",
    "forget it", "forget everything", "forget all that", "restart", "begin again", "let's start over",
    "lets start over", "start a new search", "never mind all that",
    "重新开始", "重新搜索", "重新找", "清空", "重来", "重新来", "重置", "全部清除", "清除所有", "从头开始",
    "从头来", "重新搜", "清除全部", "全部重来",
)
_REMOVAL_VERBS: tuple[str, ...] = ("remove", "drop", "clear", "reset", "forget", "ignore", "lose", "forget about",
                                   "no", "never mind")
_REMOVAL_NOUNS: dict[str, tuple[str, ...]] = {
    "color": ("colour", "color", "colour filter", "color filter", "colours", "colors"),
    "price": ("price", "price limit", "price filter", "price range", "budget", "budget limit", "price cap"),
    "category": ("category", "category filter", "type", "type filter"),
}


def _removal_phrases(field: str) -> tuple[str, ...]:
    nouns = _REMOVAL_NOUNS[field]
    return tuple(f"{verb}{article} {noun}" for verb in _REMOVAL_VERBS for article in ("", " the") for noun in nouns)


# "any colour" drops the active colour constraints. Decision: "other colours" / "别的颜色" also drop them
# (the shopper wants to see the other colourways, which a colour filter would hide).
REMOVAL_PHRASES: dict[str, tuple[str, ...]] = {
    "color": (*_removal_phrases("color"),
              "any colour", "any color", "any colours", "any colors", "any shade", "whatever colour",
              "whatever color", "all colours", "all colors", "every colour", "every color",
              "colour doesn't matter", "color doesn't matter", "colour does not matter", "color does not matter",
              "colour is not important", "color is not important", "no colour preference", "no color preference",
              "don't care about colour", "don't care about color", "don't care about the colour",
              "don't care about the color", "regardless of colour", "regardless of color", "other colours",
              "other colors", "different colour", "different color", "different colours", "different colors",
              "in other colours", "in other colors", "colour is fine", "any colour is fine",
              "颜色不限", "不限颜色", "什么颜色都行", "什么颜色都可以", "颜色无所谓", "颜色随意", "颜色随便",
              "随便什么颜色", "任何颜色", "所有颜色", "各种颜色", "颜色都行", "颜色都可以", "别的颜色",
              "其他颜色", "其它颜色", "换个颜色", "不管什么颜色", "不限色", "颜色不重要", "啥颜色都行",
              "not this colour", "not this color", "not that colour", "not that color", "another colour",
              "another color", "a different colour", "a different color", "不喜欢这个颜色", "不要这个颜色",
              "换一个颜色", "别的颜色的", "这个颜色不要", "这个颜色不喜欢"),
    "price": (*_removal_phrases("price"),
              "any price", "whatever price", "no price limit", "no price limits", "no budget", "no budget limit",
              "price doesn't matter", "price does not matter", "money is no object", "regardless of price",
              "price is not important", "don't care about price", "don't care about the price",
              "价格不限", "不限价格", "价格无所谓", "价钱不限", "多少钱都行", "多少钱都可以", "预算不限",
              "不限预算", "不在乎价格", "价格随意", "价格不重要", "钱不是问题"),
    "category": (*_removal_phrases("category"),
                 "any type", "any category", "any kind", "any style", "whatever type", "whatever kind",
                 "all categories", "all types", "any item", "type doesn't matter", "category doesn't matter",
                 "类别不限", "类型不限", "品类不限", "款式不限", "什么款式都行", "什么类型都行", "什么款都行",
                 "不限类别", "不限款式", "不限类型", "什么款式都可以", "什么类型都可以", "什么都行"),
}

# --- words that carry no meaning for retrieval ---------------------------------------------------------
# Trimmed from either end of each leftover phrase, never from its middle: "show me something for the
# beach" keeps "for the beach", "with a logo" stays whole.
FILLERS: tuple[str, ...] = (
    "a", "an", "the", "this", "that", "these", "those", "it", "one", "ones", "some", "something", "anything",
    "stuff", "please", "pls", "plz", "thanks", "thank you", "thx", "show", "show me", "me", "i", "i'd", "i'm",
    "i'll", "im", "we", "my", "you", "want", "wanna", "need", "would like", "i would like", "like", "like this",
    "like that", "like these", "more like", "similar to", "looking for", "look for", "find", "find me", "get",
    "get me", "give me", "do you have", "have you got", "got", "any", "can", "could", "is", "are", "there",
    "there's", "also", "too", "just", "really", "very", "so", "even", "more", "maybe", "perhaps", "actually",
    "now", "then", "again", "still", "ok", "okay", "yes", "yeah", "hey", "hi", "hello", "what about", "how about",
    "let's", "let me see", "see", "same colour", "same color", "same price", "price", "prices", "priced", "cost",
    "costs", "costing", "range", "price range", "either", "of", "version", "items", "products", "all", "only",
    "but", "however", "instead", "rather", "in", "and", "or", "nor", "that's", "it's", "is fine", "are fine",
    "will do", "would be nice", "go", "for me", "one of those", "nothing but", "except that", "at all",
    "的", "地", "这个", "那个", "这款", "那款", "这件", "那件", "有", "吗", "呢", "吧", "啊", "呀", "哦", "嗯", "了",
    "要", "想要", "我想要", "我要", "我想", "我", "给我", "给我看", "给我看看", "看看", "看一下", "帮我",
    "帮我找", "找", "找一下", "找找", "来", "来点", "来个", "一点", "一些", "些", "请", "麻烦", "谢谢", "有没有",
    "有吗", "一件", "一条", "一双", "一个", "一款", "个", "件", "条", "双", "款", "就行", "都行", "都可以", "可以",
    "也", "还", "再", "换成", "改成", "变成", "换", "而是", "但是", "但", "不过", "可是", "以外", "之外", "在",
    "之间", "和", "或", "或者", "还是", "跟", "与", "像", "像这个", "像这样", "这样", "这样的", "这种", "这种的",
    "价格", "价钱", "价位", "衣服", "东西", "就", "只", "只要", "只想要", "那种", "是", "就是", "比", "一下", "呗",
    "嘛", "千万", "也行", "的话", "款的", "这个的", "同", "买", "想买", "推荐", "推荐一下", "有木有", "哪些",
    "比这个", "比它", "它", "就要", "算了", "have", "has", "everything", "as", "能不能", "能否", "可不可以",
    "那样", "那样的", "那种的", "那个的",
)
# Words that contain a cue but mean something else; they stay whole in the semantic text.
PROTECTED_WORDS: tuple[str, ...] = (
    "非常", "是非", "除非", "并非", "别的", "别人", "特别", "区别", "分别", "别致", "网红", "口红", "红包", "红人",
    "走红", "明白", "白天", "空白", "坦白", "蓝牙", "粉丝", "粉底", "包邮", "包括", "包装", "包含", "面包",
    "不错", "不同", "不一样", "不少", "无袖", "百搭", "一样", "一般", "十分", "万一", "一起", "统一", "波点", "圆点",
    "不管", "不到位", "不合适", "黑科技", "没有", "不用说", "灰尘", "黄金", "白金",
    "tank", "nothing else", "no-show", "no show", "not bad", "over the knee", "top rated", "top-rated",
)
