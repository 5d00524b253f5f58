"""Turn understanding: hundreds of phrasings (English, Chinese, mixed), each asserting the exact TurnEdit."""
from __future__ import annotations

import random
import time

import pytest

from assistant import language
from assistant import understanding
from assistant.understanding import TurnEdit, parse_turn
from catalog.records import CATEGORIES, COLORS, FILTERABLE_FIELDS, OPERATORS, Constraint
from catalog.vocabulary import normalise_color


def edit(*add: Constraint, lang="en", remove=(), rel=None, ref=None, like=False, reset=False, sem="", budget=None,
         lookup=(), unknown=(), fixed=(), unsure=(), vague=False) -> TurnEdit:
    """The expected TurnEdit: whatever a row does not mention must be at its default."""
    return TurnEdit(language=lang, add=tuple(add), remove_fields=tuple(remove), relative_price=rel, reference=ref,
                    more_like_this=like, reset=reset, semantic=sem, vague_price=budget, lookup_ids=tuple(lookup),
                    unknown_ids=tuple(unknown), corrections=tuple(fixed), ambiguous=tuple(unsure), vague=vague)


def zh(*add: Constraint, **kwargs) -> TurnEdit:
    return edit(*add, lang="zh", **kwargs)


def color(value):
    return Constraint("color", "eq", value)


def not_color(value):
    return Constraint("color", "ne", value)


def colors(*values):
    return Constraint("color", "in", values)


def not_colors(*values):
    return Constraint("color", "nin", values)


def cat(value):
    return Constraint("category", "eq", value)


def not_cat(value):
    return Constraint("category", "ne", value)


def cats(*values):
    return Constraint("category", "in", values)


def not_cats(*values):
    return Constraint("category", "nin", values)


def price(op, value):
    return Constraint("price", op, float(value))


def between(low, high):
    """A closed range, in canonical order (le before ge, as OPERATORS lists them)."""
    return price("le", high), price("ge", low)


LONG_SLEEVES = ("pullover", "coat", "shirt")
SHOES = ("sandal", "sneaker", "ankle-boot")
TOPS = ("t-shirt", "pullover", "shirt")

# --- colours ------------------------------------------------------------------------------------------
COLOR_ROWS = [
    ("red", edit(color("red"))),
    ("Red", edit(color("red"))),
    ("RED", edit(color("red"))),
    ("reds", edit(color("red"))),
    ("crimson", edit(color("red"))),
    ("scarlet", edit(color("red"))),
    ("burgundy", edit(color("red"))),
    ("maroon", edit(color("red"))),
    ("wine red", edit(color("red"))),
    ("dark red", edit(color("red"))),
    ("reddish", edit(color("red"))),
    ("navy", edit(color("navy"))),
    ("navy blue", edit(color("navy"))),
    ("Navy Blue", edit(color("navy"))),
    ("dark blue", edit(color("navy"))),
    ("DARK BLUE", edit(color("navy"))),
    ("midnight blue", edit(color("navy"))),
    ("indigo", edit(color("navy"))),
    ("blue", edit(color("blue"))),
    ("light blue", edit(color("blue"))),
    ("sky blue", edit(color("blue"))),
    ("baby blue", edit(color("blue"))),
    ("turquoise", edit(color("blue"))),
    ("teal", edit(color("blue"))),
    ("grey", edit(color("grey"))),
    ("gray", edit(color("grey"))),
    ("charcoal", edit(color("grey"))),
    ("light grey", edit(color("grey"))),
    ("silver", edit(color("grey"))),
    ("cream", edit(color("beige"))),
    ("off-white", edit(color("beige"))),
    ("off white", edit(color("beige"))),
    ("ivory", edit(color("white"))),
    ("beige", edit(color("beige"))),
    ("khaki", edit(color("beige"))),
    ("tan", edit(color("brown"))),
    ("camel", edit(color("brown"))),
    ("chocolate brown", edit(color("brown"))),
    ("violet", edit(color("purple"))),
    ("lilac", edit(color("purple"))),
    ("lavender", edit(color("purple"))),
    ("rose", edit(color("pink"))),
    ("hot pink", edit(color("pink"))),
    ("fuchsia", edit(color("pink"))),
    ("olive", edit(color("green"))),
    ("dark green", edit(color("green"))),
    ("mustard", edit(color("yellow"))),
    ("gold", edit(color("yellow"))),
    ("orange", edit(color("orange"))),
    ("white", edit(color("white"))),
    ("black", edit(color("black"))),
    ("红", zh(color("red"))),
    ("红色", zh(color("red"))),
    ("大红", zh(color("red"))),
    ("酒红", zh(color("red"))),
    ("酒红色", zh(color("red"))),
    ("深红色", zh(color("red"))),
    ("藏青", zh(color("navy"))),
    ("藏青色", zh(color("navy"))),
    ("海军蓝", zh(color("navy"))),
    ("深蓝", zh(color("navy"))),
    ("深蓝色", zh(color("navy"))),
    ("蓝", zh(color("blue"))),
    ("蓝色", zh(color("blue"))),
    ("天蓝", zh(color("blue"))),
    ("天蓝色", zh(color("blue"))),
    ("浅蓝色", zh(color("blue"))),
    ("黑", zh(color("black"))),
    ("黑色", zh(color("black"))),
    ("白", zh(color("white"))),
    ("白色", zh(color("white"))),
    ("米白", zh(color("beige"))),
    ("米白色", zh(color("beige"))),
    ("灰", zh(color("grey"))),
    ("灰色", zh(color("grey"))),
    ("浅灰色", zh(color("grey"))),
    ("粉", zh(color("pink"))),
    ("粉色", zh(color("pink"))),
    ("粉红", zh(color("pink"))),
    ("粉红色", zh(color("pink"))),
    ("玫红色", zh(color("pink"))),
    ("橙", zh(color("orange"))),
    ("橙色", zh(color("orange"))),
    ("橘色", zh(color("orange"))),
    ("黄", zh(color("yellow"))),
    ("黄色", zh(color("yellow"))),
    ("金色", zh(color("yellow"))),
    ("绿", zh(color("green"))),
    ("绿色", zh(color("green"))),
    ("军绿", zh(color("green"))),
    ("军绿色", zh(color("green"))),
    ("墨绿色", zh(color("green"))),
    ("紫", zh(color("purple"))),
    ("紫色", zh(color("purple"))),
    ("棕", zh(color("brown"))),
    ("棕色", zh(color("brown"))),
    ("咖啡色", zh(color("brown"))),
    ("褐色", zh(color("brown"))),
    ("米色", zh(color("beige"))),
    ("卡其色", zh(color("beige"))),
    ("驼色", zh(color("beige"))),
    ("银色", zh(color("grey"))),
    # Two colours joined, in vocabulary order whatever order they were said in.
    ("red or blue", edit(colors("red", "blue"))),
    ("blue or red", edit(colors("red", "blue"))),
    ("red/blue", edit(colors("red", "blue"))),
    ("red, blue or green", edit(colors("red", "green", "blue"))),
    ("black and white", edit(colors("black", "white"))),
    ("红色或蓝色", zh(colors("red", "blue"))),
    ("红色或者蓝色", zh(colors("red", "blue"))),
    ("红色还是蓝色", zh(colors("red", "blue"))),
    ("红色、蓝色", zh(colors("red", "blue"))),
    ("黑色和白色", zh(colors("black", "white"))),
    ("黑白", zh(colors("black", "white"))),
    ("黑白的运动鞋", zh(cat("sneaker"), colors("black", "white"))),
    ("红色 or 蓝色", zh(colors("red", "blue"))),
    ("a red or blue dress", edit(cat("dress"), colors("red", "blue"))),
    ("red dress or blue dress", edit(cat("dress"), colors("red", "blue"))),
    # Said twice: the later colour wins.
    ("red. actually blue", edit(color("blue"))),
    ("red dress, hmm, make it green", edit(cat("dress"), color("green"), sem="hmm make")),
    ("红色的，算了，蓝色吧", zh(color("blue"))),
    ("red red red", edit(color("red"))),
    ("in the colour red", edit(color("red"))),
    ("red colour", edit(color("red"))),
    ("红颜色的", zh(color("red"))),
    ("颜色要红的", zh(color("red"))),
]

# --- categories ---------------------------------------------------------------------------------------
CATEGORY_ROWS = [
    ("tee", edit(cat("t-shirt"))),
    ("tees", edit(cat("t-shirt"))),
    ("t-shirt", edit(cat("t-shirt"))),
    ("T-Shirts", edit(cat("t-shirt"))),
    ("tshirt", edit(cat("t-shirt"))),
    ("t shirt", edit(cat("t-shirt"))),
    ("T恤", zh(cat("t-shirt"))),
    ("t恤", zh(cat("t-shirt"))),
    ("短袖T", zh(cat("t-shirt"))),
    ("短袖T恤", zh(cat("t-shirt"))),
    ("jeans", edit(cat("trousers"))),
    ("pants", edit(cat("trousers"))),
    ("trousers", edit(cat("trousers"))),
    ("slacks", edit(cat("trousers"))),
    ("shorts", edit(cat("trousers"))),
    ("裤子", zh(cat("trousers"))),
    ("长裤", zh(cat("trousers"))),
    ("牛仔裤", zh(cat("trousers"))),
    ("hoodie", edit(cat("pullover"))),
    ("hoodies", edit(cat("pullover"))),
    ("sweater", edit(cat("pullover"))),
    ("jumper", edit(cat("pullover"))),
    ("pullover", edit(cat("pullover"))),
    ("sweatshirt", edit(cat("pullover"))),
    ("cardigan", edit(cat("pullover"))),
    ("毛衣", zh(cat("pullover"))),
    ("卫衣", zh(cat("pullover"))),
    ("针织衫", zh(cat("pullover"))),
    ("dress", edit(cat("dress"))),
    ("dresses", edit(cat("dress"))),
    ("gown", edit(cat("dress"))),
    ("skirt", edit(cat("dress"))),
    ("连衣裙", zh(cat("dress"))),
    ("裙子", zh(cat("dress"))),
    ("jacket", edit(cat("coat"))),
    ("coat", edit(cat("coat"))),
    ("parka", edit(cat("coat"))),
    ("blazer", edit(cat("coat"))),
    ("raincoat", edit(cat("coat"))),
    ("外套", zh(cat("coat"))),
    ("大衣", zh(cat("coat"))),
    ("夹克", zh(cat("coat"))),
    ("羽绒服", zh(cat("coat"))),
    ("sandals", edit(cat("sandal"))),
    ("flip-flops", edit(cat("sandal"))),
    ("flip flops", edit(cat("sandal"))),
    ("凉鞋", zh(cat("sandal"))),
    ("拖鞋", zh(cat("sandal"))),
    ("shirt", edit(cat("shirt"))),
    ("blouse", edit(cat("shirt"))),
    ("button-down", edit(cat("shirt"))),
    ("dress shirt", edit(cat("shirt"))),
    ("衬衫", zh(cat("shirt"))),
    ("衬衣", zh(cat("shirt"))),
    ("sneakers", edit(cat("sneaker"))),
    ("trainers", edit(cat("sneaker"))),
    ("running shoes", edit(cat("sneaker"))),
    ("运动鞋", zh(cat("sneaker"))),
    ("球鞋", zh(cat("sneaker"))),
    ("bag", edit(cat("bag"))),
    ("handbag", edit(cat("bag"))),
    ("purse", edit(cat("bag"))),
    ("tote", edit(cat("bag"))),
    ("backpack", edit(cat("bag"))),
    ("包", zh(cat("bag"))),
    ("手提包", zh(cat("bag"))),
    ("包包", zh(cat("bag"))),
    ("boots", edit(cat("ankle-boot"))),
    ("ankle boots", edit(cat("ankle-boot"))),
    ("booties", edit(cat("ankle-boot"))),
    ("靴子", zh(cat("ankle-boot"))),
    ("短靴", zh(cat("ankle-boot"))),
    # Properties that imply a set of categories.
    ("long sleeves", edit(cats(*LONG_SLEEVES))),
    ("long-sleeved", edit(cats(*LONG_SLEEVES))),
    ("long sleeve", edit(cats(*LONG_SLEEVES))),
    ("长袖", zh(cats(*LONG_SLEEVES))),
    ("short sleeves", edit(cat("t-shirt"))),
    ("短袖", zh(cat("t-shirt"))),
    ("shoes", edit(cats(*SHOES))),
    ("footwear", edit(cats(*SHOES))),
    ("鞋", zh(cats(*SHOES))),
    ("鞋子", zh(cats(*SHOES))),
    ("tops", edit(cats(*TOPS))),
    ("上衣", zh(cats(*TOPS))),
    ("outerwear", edit(cat("coat"))),
    ("bottoms", edit(cat("trousers"))),
    ("下装", zh(cat("trousers"))),
    ("red shoes", edit(cats(*SHOES), color("red"))),
    # A named category beats a property; the property's words stay as a description.
    ("long sleeve shirt", edit(cat("shirt"), sem="long sleeve")),
    ("long sleeve dress", edit(cat("dress"), sem="long sleeve")),
    ("shirts with long sleeves", edit(cat("shirt"), sem="with long sleeves")),
    ("长袖T恤", zh(cat("t-shirt"), sem="长袖")),
    ("短袖衬衫", zh(cat("shirt"), sem="短袖")),
    ("白色的鞋子，要运动鞋", zh(cat("sneaker"), color("white"))),
    ("red shoes, sneakers please", edit(cat("sneaker"), color("red"))),
    ("tops, shirts really", edit(cat("shirt"))),
    ("no shoes, bags only", edit(cat("bag"))),
    ("long or short sleeves", edit(cats("t-shirt", "pullover", "coat", "shirt"))),
    ("长袖或者短袖", zh(cats("t-shirt", "pullover", "coat", "shirt"))),
    ("一百以内的白色或米色连衣裙，不要长袖", zh(cat("dress"), colors("white", "beige"), price("le", 100), sem="不要长袖")),
    # Alternatives mix named categories and properties.
    ("sneakers or boots", edit(cats("sneaker", "ankle-boot"))),
    ("shirts or shoes", edit(cats("sandal", "shirt", "sneaker", "ankle-boot"))),
    ("毛衣或者外套", zh(cats("pullover", "coat"))),
    ("dresses or skirts", edit(cat("dress"))),
    ("jeans. no wait, a jacket", edit(cat("coat"), sem="no wait")),
]

# --- negation -----------------------------------------------------------------------------------------
NEGATION_ROWS = [
    ("not white", edit(not_color("white"))),
    ("no white", edit(not_color("white"))),
    ("not white, in red", edit(color("red"), not_color("white"))),
    ("not white but red", edit(color("red"), not_color("white"))),
    ("red but not sneakers", edit(not_cat("sneaker"), color("red"))),
    ("no white or black", edit(not_colors("black", "white"))),
    ("not white and not black", edit(not_colors("black", "white"))),
    ("no red, no blue", edit(not_colors("red", "blue"))),
    ("no white, black or grey", edit(not_colors("black", "white", "grey"))),
    ("neither white nor black", edit(not_colors("black", "white"))),
    ("not red or blue, green", edit(color("green"), not_colors("red", "blue"))),
    ("dark red, not black", edit(color("red"), not_color("black"))),
    ("anything but red", edit(not_color("red"))),
    ("anything except red", edit(not_color("red"))),
    ("except red", edit(not_color("red"))),
    ("excluding black", edit(not_color("black"))),
    ("other than black", edit(not_color("black"))),
    ("nothing red", edit(not_color("red"))),
    ("nothing in red", edit(not_color("red"))),
    ("none of the white ones", edit(not_color("white"))),
    ("I don't want red", edit(not_color("red"))),
    ("I don’t want red", edit(not_color("red"))),
    ("don't want anything red", edit(not_color("red"))),
    ("do not want black", edit(not_color("black"))),
    ("avoid yellow", edit(not_color("yellow"))),
    ("I hate orange", edit(not_color("orange"))),
    ("not a dress", edit(not_cat("dress"))),
    ("no sneakers or sandals", edit(not_cats("sandal", "sneaker"))),
    ("not sneakers, boots", edit(cat("ankle-boot"), not_cat("sneaker"))),
    ("no white sneakers", edit(cat("sneaker"), not_color("white"))),
    ("sneakers but not white", edit(cat("sneaker"), not_color("white"))),
    ("shoes but not sandals", edit(not_cat("sandal"), cats("sneaker", "ankle-boot"))),
    ("tops except t-shirts", edit(not_cat("t-shirt"), cats("pullover", "shirt"))),
    ("no long sleeves", edit(not_cats(*LONG_SLEEVES))),
    ("without long sleeves", edit(not_cats(*LONG_SLEEVES))),
    ("not red, not sneakers", edit(not_cat("sneaker"), not_color("red"))),
    ("red, then not red", edit(not_color("red"))),
    ("not red... ok red after all", edit(color("red"), sem="after")),
    ("不要白色", zh(not_color("white"))),
    ("不要白色的", zh(not_color("white"))),
    ("别要红色", zh(not_color("red"))),
    ("别红色的", zh(not_color("red"))),
    ("不是红色", zh(not_color("red"))),
    ("不是红色是蓝色", zh(color("blue"), not_color("red"))),
    ("不是红色而是蓝色", zh(color("blue"), not_color("red"))),
    ("除了黑色都行", zh(not_color("black"))),
    ("除了黑色以外都可以", zh(not_color("black"))),
    ("除了黑色和白色", zh(not_colors("black", "white"))),
    ("不想要红色", zh(not_color("red"))),
    ("我不想要红色的", zh(not_color("red"))),
    ("非黑色", zh(not_color("black"))),
    ("不要黑白的", zh(not_colors("black", "white"))),
    ("不要白色、黑色", zh(not_colors("black", "white"))),
    ("不要白色，要黑色", zh(color("black"), not_color("white"))),
    ("不要白色要黑色", zh(color("black"), not_color("white"))),
    # The thing a negated colour describes is still wanted.
    ("不要白色的运动鞋", zh(cat("sneaker"), not_color("white"))),
    ("不要白色运动鞋", zh(cat("sneaker"), not_color("white"))),
    ("不要红色的鞋", zh(cats(*SHOES), not_color("red"))),
    ("不要长袖", zh(not_cats(*LONG_SLEEVES))),
    ("不要短袖", zh(not_cat("t-shirt"))),
    ("不要鞋", zh(not_cats(*SHOES))),
    ("不要包", zh(not_cat("bag"))),
    ("除了包以外都行", zh(not_cat("bag"))),
    ("不要运动鞋和凉鞋", zh(not_cats("sandal", "sneaker"))),
    # A negated property that would empty a named category yields to it, words kept.
    ("不要长袖的衬衫", zh(cat("shirt"), sem="不要长袖")),
    ("不要长袖的连衣裙", zh(cat("dress"), sem="不要长袖")),
    # Said the other way round: the thing, then the negation.
    ("bags that aren't black", edit(cat("bag"), not_color("black"))),
    ("dresses that aren't red", edit(cat("dress"), not_color("red"))),
    ("a bag that is not black", edit(cat("bag"), not_color("black"))),
    ("red isn't my colour", edit(not_color("red"))),
    ("pink is not my thing", edit(not_color("pink"))),
    ("I'm not into pink", edit(not_color("pink"))),
    ("not crazy about orange", edit(not_color("orange"))),
    ("I'd rather not have yellow", edit(not_color("yellow"))),
    ("everything except shoes", edit(not_cats(*SHOES))),
    ("I want sneakers, not white ones", edit(cat("sneaker"), not_color("white"))),
    ("no more sneakers", edit(not_cat("sneaker"))),
    ("黑色的不要", zh(not_color("black"))),
    ("红色的不要了", zh(not_color("red"))),
    ("红色不行", zh(not_color("red"))),
    ("黑色不要，要白色", zh(color("white"), not_color("black"))),
    ("红色就算了，看看蓝色", zh(color("blue"), not_color("red"))),
    ("运动鞋不要", zh(not_cat("sneaker"))),
    ("白色的运动鞋不要", zh(cat("sneaker"), not_color("white"))),
    ("长袖的不考虑", zh(not_cats(*LONG_SLEEVES))),
    ("不要黑色的，白色的有吗", zh(color("white"), not_color("black"))),
    # ... but only at the end of a clause, and not across punctuation.
    ("red dress not too long", edit(cat("dress"), color("red"), sem="not too long")),
    ("red dress, no", edit(cat("dress"), color("red"), sem="no")),
    ("sneakers? no", edit(cat("sneaker"), sem="no")),
    # Negations that govern no colour or category stay as words for retrieval.
    ("without a logo", edit(sem="without a logo")),
    ("red dress without a logo", edit(cat("dress"), color("red"), sem="without a logo")),
    ("no logo, in red", edit(color("red"), sem="no logo")),
    ("not too long", edit(sem="not too long")),
    ("dress without sleeves", edit(cat("dress"), sem="without sleeves")),
    ("不要logo", zh(sem="不要logo")),
    ("不带logo的", zh(sem="不带logo")),
    ("没有logo的", zh(sem="没有logo")),
    ("不错", zh(sem="不错")),
    ("非常红", zh(color("red"), sem="非常")),
    ("特别的红色裙子", zh(cat("dress"), color("red"), sem="特别")),
    ("别的款式", zh(sem="别的款式")),
]

# --- price --------------------------------------------------------------------------------------------
PRICE_ROWS = [
    ("under 50", edit(price("lt", 50))),
    ("under $50", edit(price("lt", 50))),
    ("below ¥200", edit(price("lt", 200))),
    ("below ￥200", edit(price("lt", 200))),
    ("less than 80", edit(price("lt", 80))),
    ("cheaper than 100", edit(price("lt", 100))),
    ("< 60", edit(price("lt", 60))),
    ("<60", edit(price("lt", 60))),
    ("under 50 kuai", edit(price("lt", 50))),
    ("under 50rmb", edit(price("lt", 50))),
    ("under 1k", edit(price("lt", 1000))),
    ("under 1.5k", edit(price("lt", 1500))),
    ("under fifty", edit(price("lt", 50))),
    ("under a hundred bucks", edit(price("lt", 100))),
    ("低于100元", zh(price("lt", 100))),
    ("小于100", zh(price("lt", 100))),
    ("不到一百", zh(price("lt", 100))),
    ("max $40", edit(price("le", 40))),
    ("$40 max", edit(price("le", 40))),
    ("at most 50", edit(price("le", 50))),
    ("up to 80 dollars", edit(price("le", 80))),
    ("no more than 100", edit(price("le", 100))),
    ("not more than 100", edit(price("le", 100))),
    ("not over 100", edit(price("le", 100))),
    ("<= 100", edit(price("le", 100))),
    ("100 or less", edit(price("le", 100))),
    ("budget 300", edit(price("le", 300))),
    ("budget: 300", edit(price("le", 300))),
    ("my budget is 300", edit(price("le", 300))),
    ("50元以下", zh(price("le", 50))),
    ("200以内", zh(price("le", 200))),
    ("200元以内", zh(price("le", 200))),
    ("不超过300", zh(price("le", 300))),
    ("不要超过200", zh(price("le", 200))),
    ("最多300", zh(price("le", 300))),
    ("最多三百", zh(price("le", 300))),
    ("预算200", zh(price("le", 200))),
    ("两百以内", zh(price("le", 200))),
    ("一百块钱以下", zh(price("le", 100))),
    ("五十块以下", zh(price("le", 50))),
    ("三百五以内", zh(price("le", 350))),
    ("一千以内", zh(price("le", 1000))),
    ("1千以内", zh(price("le", 1000))),
    ("over 100", edit(price("gt", 100))),
    ("above $50", edit(price("gt", 50))),
    ("more than 200 rmb", edit(price("gt", 200))),
    ("> 100", edit(price("gt", 100))),
    ("超过500", zh(price("gt", 500))),
    ("高于100", zh(price("gt", 100))),
    ("at least 30", edit(price("ge", 30))),
    ("from 50", edit(price("ge", 50))),
    (">= 100", edit(price("ge", 100))),
    ("50 and up", edit(price("ge", 50))),
    ("50+", edit(price("ge", 50))),
    ("not under 50", edit(price("ge", 50))),
    ("50以上", zh(price("ge", 50))),
    ("100起", zh(price("ge", 100))),
    ("100元起", zh(price("ge", 100))),
    ("不低于100", zh(price("ge", 100))),
    ("不要低于50", zh(price("ge", 50))),
    ("至少一百", zh(price("ge", 100))),
    ("between 30 and 60", edit(*between(30, 60))),
    ("between 60 and 30", edit(*between(30, 60))),
    ("30-60", edit(*between(30, 60))),
    ("30 - 60", edit(*between(30, 60))),
    ("30–60", edit(*between(30, 60))),
    ("30 to 60", edit(*between(30, 60))),
    ("30 to 60 yuan", edit(*between(30, 60))),
    ("from 30 to 60", edit(*between(30, 60))),
    ("$30-$60", edit(*between(30, 60))),
    ("¥30-¥60", edit(*between(30, 60))),
    ("30到60之间", zh(*between(30, 60))),
    ("在30到60之间", zh(*between(30, 60))),
    ("30和60之间", zh(*between(30, 60))),
    ("30~60元", zh(*between(30, 60))),
    ("30～60元", zh(*between(30, 60))),
    ("30至60", zh(*between(30, 60))),
    ("五十到一百", zh(*between(50, 100))),
    ("around 100", edit(*between(80, 120))),
    ("about 100", edit(*between(80, 120))),
    ("roughly 50 bucks", edit(*between(40, 60))),
    ("~100", edit(*between(80, 120))),
    ("100 or so", edit(*between(80, 120))),
    ("100左右", zh(*between(80, 120))),
    ("大概200块", zh(*between(160, 240))),
    ("三百块左右", zh(*between(240, 360))),
    ("一千二左右", zh(*between(960, 1440))),
    # An amount said on its own, with a currency, is a target: around it.
    ("¥200", edit(*between(160, 240))),
    ("200块的", zh(*between(160, 240))),
    ("¥1,299", edit(*between(1039.2, 1558.8))),
    ("1,299 max", edit(price("le", 1299))),
    ("比100便宜", zh(price("lt", 100))),
    ("比200块贵的", zh(price("gt", 200))),
    ("price under 100", edit(price("lt", 100))),
    ("价格100以下", zh(price("le", 100))),
    ("100以下的红色裙子", zh(cat("dress"), color("red"), price("le", 100))),
    ("red dress under $80", edit(cat("dress"), color("red"), price("lt", 80))),
    ("under 100 and over 50", edit(price("lt", 100), price("gt", 50))),
    ("under 100, actually under 80", edit(price("lt", 80))),
    ("over 100 under 50", edit(price("lt", 50))),
    ("under 0.5", edit(price("lt", 0.5))),
]

# --- relative price -----------------------------------------------------------------------------------
RELATIVE_ROWS = [
    ("cheaper", edit(rel="lower")),
    ("cheaper please", edit(rel="lower")),
    ("less expensive", edit(rel="lower")),
    ("lower price", edit(rel="lower")),
    ("more affordable", edit(rel="lower")),
    ("too expensive", edit(rel="lower")),
    ("not too expensive", edit(budget="low")),  # issue 11: a vague budget, not "cheaper than what is in view"
    ("like this but cheaper", edit(rel="lower")),
    ("cheaper than #2", edit(rel="lower", ref=2)),
    ("便宜点", zh(rel="lower")),
    ("便宜一点", zh(rel="lower")),
    ("便宜一点的", zh(rel="lower")),
    ("更便宜", zh(rel="lower")),
    ("再便宜些", zh(rel="lower")),
    ("太贵了", zh(rel="lower")),
    ("有点贵", zh(rel="lower")),
    ("不贵的", zh(budget="low")),
    ("不要太贵", zh(budget="low")),
    ("比这个便宜", zh(rel="lower")),
    ("more premium", edit(rel="higher")),
    ("more expensive", edit(rel="higher")),
    ("higher end", edit(rel="higher")),
    ("high-end", edit(rel="higher")),
    ("fancier", edit(rel="higher")),
    ("not cheap", edit(rel="higher")),
    ("贵一点", zh(rel="higher")),
    ("更贵", zh(rel="higher")),
    ("高档一点", zh(rel="higher")),
    ("更高端的", zh(rel="higher")),
    ("cheaper, then fancier", edit(rel="higher")),
    ("cheaper in red", edit(color("red"), rel="lower")),
    ("便宜点的红色连衣裙", zh(cat("dress"), color("red"), rel="lower")),
    ("cheaper, under 100", edit(price("lt", 100), rel="lower")),
]

# --- pointing at results ------------------------------------------------------------------------------
REFERENCE_ROWS = [
    ("#3", edit(ref=3)),
    ("# 3", edit(ref=3)),
    ("＃３", edit(ref=3)),
    ("#12", edit(ref=12)),
    ("number 3", edit(ref=3)),
    ("number three", edit(ref=3)),
    ("no. 3", edit(ref=3)),
    ("no.3", edit(ref=3)),
    ("item 4", edit(ref=4)),
    ("option 2", edit(ref=2)),
    ("the third one", edit(ref=3)),
    ("third", edit(ref=3)),
    ("the 3rd one", edit(ref=3)),
    ("3rd", edit(ref=3)),
    ("the second", edit(ref=2)),
    ("second one", edit(ref=2)),
    ("the first one", edit(ref=1)),
    ("第三个", zh(ref=3)),
    ("第3个", zh(ref=3)),
    ("第三款", zh(ref=3)),
    ("第二件", zh(ref=2)),
    ("第十个", zh(ref=10)),
    ("第二十个", zh(ref=20)),
    ("第三", zh(ref=3)),
    ("第一个", zh(ref=1)),
    ("第一款", zh(ref=1)),
    ("第一个的红色", zh(color("red"), ref=1)),
    ("像第一个那样的包", zh(cat("bag"), ref=1)),
    ("第二个有没有红色的", zh(color("red"), ref=2)),
    ("can I see the 2nd one in blue", edit(color("blue"), ref=2)),
    ("do you have #4 in other colours", edit(remove=("color",), ref=4)),
    ("show more like the first one but cheaper", edit(rel="lower", ref=1)),
    ("give me something like #2 but under 80 dollars", edit(price("lt", 80), ref=2)),
    ("more like the second", edit(ref=2)),
    ("similar to the second one", edit(ref=2)),
    ("more like #3", edit(ref=3)),
    ("like #2 but red", edit(color("red"), ref=2)),
    ("#3 but longer", edit(ref=3, sem="longer")),
    ("#2 in navy please", edit(color("navy"), ref=2)),
    ("the third one but cheaper", edit(rel="lower", ref=3)),
    ("像第三个", zh(ref=3)),
    ("类似第二个的", zh(ref=2)),
    ("第三个但是更长", zh(ref=3, sem="更长")),
    ("#3 但是长一点", zh(ref=3, sem="长")),
    ("第2个，红色的", zh(color("red"), ref=2)),
    ("#3 and #5", edit(ref=5)),
    # Counted from the end.
    ("the last one", edit(ref=-1)),
    ("last one", edit(ref=-1)),
    ("second to last", edit(ref=-2)),
    ("最后一个", zh(ref=-1)),
    ("倒数第二个", zh(ref=-2)),
    ("#25", edit(ref=25)),  # past what is shown: the engine answers "there is no #25"
    # Not references.
    ("#0", edit(sem="0")),
    ("wait a second", edit(sem="wait a second")),
    ("first time buyer", edit(sem="first time buyer")),
    ("第一次买", zh(sem="第一次")),
    ("second hand", edit(sem="second hand")),
    # Pivot to a shown result without a rank.
    ("more like this", edit(like=True)),
    ("more like these", edit(like=True)),
    ("like this one", edit(like=True)),
    ("similar ones", edit(like=True)),
    ("something similar", edit(like=True)),
    ("similar but cheaper", edit(rel="lower", like=True)),
    ("the same in blue", edit(color("blue"), like=True)),
    ("类似的", zh(like=True)),
    ("像这个的", zh(like=True)),
    ("同款", zh(like=True)),
    ("一样的", zh(like=True)),
    ("类似的，红色", zh(color("red"), like=True)),
    # Plain "like this" keeps the current reference (often the photo just dropped): no pivot.
    ("like this but in red", edit(color("red"))),
    ("like this", edit()),
    ("this one but in black", edit(color("black"))),
    ("像这个但是红色", zh(color("red"))),
]

# --- reset and removal --------------------------------------------------------------------------------
RESET_ROWS = [
    ("start over", edit(reset=True)),
    ("Start over!", edit(reset=True)),
    ("new search", edit(reset=True)),
    ("reset", edit(reset=True)),
    ("clear everything", edit(reset=True)),
    ("forget it", edit(reset=True)),
    ("start again", edit(reset=True)),
    ("重新开始", zh(reset=True)),
    ("重新搜索", zh(reset=True)),
    ("清空", zh(reset=True)),
    ("重来", zh(reset=True)),
    ("start over: red dresses", edit(cat("dress"), color("red"), reset=True)),
    ("new search: blue bags under 100", edit(cat("bag"), color("blue"), price("lt", 100), reset=True)),
    ("重新开始，找黑色的靴子", zh(cat("ankle-boot"), color("black"), reset=True)),
    ("清空，重新找黑色的靴子", zh(cat("ankle-boot"), color("black"), reset=True)),
    ("any colour", edit(remove=("color",))),
    ("any color", edit(remove=("color",))),
    ("whatever colour", edit(remove=("color",))),
    ("colour doesn't matter", edit(remove=("color",))),
    ("color does not matter", edit(remove=("color",))),
    ("remove the colour filter", edit(remove=("color",))),
    ("other colours", edit(remove=("color",))),
    ("颜色不限", zh(remove=("color",))),
    ("什么颜色都行", zh(remove=("color",))),
    ("颜色无所谓", zh(remove=("color",))),
    ("别的颜色", zh(remove=("color",))),
    ("any price", edit(remove=("price",))),
    ("no price limit", edit(remove=("price",))),
    ("forget the budget", edit(remove=("price",))),
    ("价格不限", zh(remove=("price",))),
    ("不限价格", zh(remove=("price",))),
    ("any type", edit(remove=("category",))),
    ("any category", edit(remove=("category",))),
    ("类别不限", zh(remove=("category",))),
    ("什么款式都行", zh(remove=("category",))),
    ("any colour, any price", edit(remove=("color", "price"))),
    ("any colour but red", edit(not_color("red"), remove=("color",))),
    ("any colour except red", edit(not_color("red"), remove=("color",))),
    ("any color other than blue", edit(not_color("blue"), remove=("color",))),
    ("颜色不限，除了红色", zh(not_color("red"), remove=("color",))),
    ("any type but dresses", edit(not_cat("dress"), remove=("category",))),
    ("any colour, dresses only", edit(cat("dress"), remove=("color",))),
    ("any colour but a dress", edit(cat("dress"), remove=("color",))),
    ("any colour only red", edit(color("red"), remove=("color",))),
    ("any price, just cheaper", edit(remove=("price",), rel="lower")),
    ("not this color", edit(remove=("color",))),
    ("不喜欢这个颜色", zh(remove=("color",))),
    ("这个颜色不要", zh(remove=("color",))),
    ("这个有别的颜色吗", zh(remove=("color",))),
    ("换个颜色", zh(remove=("color",))),
]

# --- what stays semantic ------------------------------------------------------------------------------
SEMANTIC_ROWS = [
    ("red dress for the beach", edit(cat("dress"), color("red"), sem="for the beach")),
    ("with a logo", edit(sem="with a logo")),
    ("show me something for the beach", edit(sem="for the beach")),
    ("I want a red dress with a logo", edit(cat("dress"), color("red"), sem="with a logo")),
    ("a dress with a logo in red please", edit(cat("dress"), color("red"), sem="with a logo")),
    ("something casual for the office", edit(sem="casual for the office")),
    ("can you show me blue jeans?", edit(cat("trousers"), color("blue"))),
    ("do you have any red ones?", edit(color("red"))),
    ("oversized hoodie for winter", edit(cat("pullover"), sem="oversized for winter")),
    ("wedding guest dress under 300", edit(cat("dress"), price("lt", 300), sem="wedding guest")),
    ("longer", edit(sem="longer")),
    ("cotton", edit(sem="cotton")),
    ("for my mom", edit(sem="for my mom", vague=True)),  # issue 11: worth a clarifying question
    ("over the knee", edit(sem="over the knee")),
    ("under armour", edit(sem="under armour")),
    ("from the summer collection", edit(sem="from the summer collection")),
    ("long-ish", edit(sem="long-ish")),
    ("size 38", edit(sem="size 38")),
    ("size 38 under 100", edit(price("lt", 100), sem="size 38")),
    ("3 colours", edit(sem="3 colours")),
    ("3 colours under 50", edit(price("lt", 50), sem="3 colours")),
    ("at least one pocket", edit(sem="at least one pocket")),
    ("50% off", edit(sem="50 off")),
    ("38码", zh(sem="38码")),
    ("38码以下", zh(sem="38码以下")),
    ("红色的连衣裙，适合海边穿的", zh(cat("dress"), color("red"), sem="适合海边穿")),
    ("有没有适合海边的", zh(sem="适合海边")),
    ("给我看看黑色的外套", zh(cat("coat"), color("black"))),
    ("我想要一条红色的裙子", zh(cat("dress"), color("red"))),
    ("帮我找一双白色运动鞋", zh(cat("sneaker"), color("white"))),
    ("这个但是红色的", zh(color("red"))),
    ("有logo的", zh(sem="logo")),
    ("适合约会的连衣裙", zh(cat("dress"), sem="适合约会")),
    ("👗 red dress 🏖️", edit(cat("dress"), color("red"), sem="👗 🏖️")),
    ("RED   DRESS    for   the   beach", edit(cat("dress"), color("red"), sem="for the beach")),
    ("red dress, for the beach!!!", edit(cat("dress"), color("red"), sem="for the beach")),
    ("this but as a hoodie", edit(cat("pullover"))),
    ("show me red dresses under 200 but not too short", edit(cat("dress"), color("red"), price("lt", 200),
                                                             sem="not too short")),
    ("I'd like a navy blazer, nothing over $150", edit(cat("coat"), color("navy"), price("le", 150))),
    ("looking for black ankle boots between 50 and 100 euros",
     edit(cat("ankle-boot"), color("black"), *between(50, 100))),
    ("something warm for winter, no coats", edit(not_cat("coat"), sem="warm for winter")),
    ("plain white tee", edit(cat("t-shirt"), color("white"), sem="plain")),
    ("white tee with no print", edit(cat("t-shirt"), color("white"), sem="with no print")),
    ("jeans, no rips", edit(cat("trousers"), sem="no rips")),
    ("我要一件红色的毛衣，200以内", zh(cat("pullover"), color("red"), price("le", 200))),
    ("有没有便宜点的黑色运动鞋", zh(cat("sneaker"), color("black"), rel="lower")),
    ("能不能再便宜一点", zh(rel="lower")),
    ("来个500左右的包", zh(cat("bag"), *between(400, 600))),
    ("三百到五百的外套", zh(cat("coat"), *between(300, 500))),
    ("五百块以上的大衣", zh(cat("coat"), price("ge", 500))),
    ("一百五以内的T恤", zh(cat("t-shirt"), price("le", 150))),
    ("价格在100到200之间的裙子", zh(cat("dress"), *between(100, 200))),
    ("不要太贵的白色衬衫", zh(cat("shirt"), color("white"), budget="low")),
    ("换成蓝色", zh(color("blue"))),
    ("要长袖的", zh(cats(*LONG_SLEEVES))),
    ("夏天穿的凉鞋", zh(cat("sandal"), sem="夏天穿")),
    ("长一点的裙子", zh(cat("dress"), sem="长")),
    ("more like this in black or navy", edit(colors("black", "navy"), like=True)),
    ("red or blue but not green", edit(not_color("green"), colors("red", "blue"))),
    ("anything but black or white", edit(not_colors("black", "white"))),
    ("nothing pink or purple", edit(not_colors("pink", "purple"))),
    ("no pink please!", edit(not_color("pink"))),
    ("the red one", edit(color("red"))),
    ("just black please", edit(color("black"))),
    ("please", edit()),
    ("show me", edit()),
    ("给我看", zh()),
    ("吗", zh()),
]

# --- language -----------------------------------------------------------------------------------------
LANGUAGE_ROWS = [
    ("", edit()),
    ("   ", edit()),
    ("like this but 红色", edit(color("red"))),
    ("我想要red的", zh(color("red"))),
    ("red 连衣裙", zh(cat("dress"), color("red"))),
    ("T恤 红色", zh(cat("t-shirt"), color("red"))),
    ("red 红", zh(color("red"))),
    ("red dress 红", edit(cat("dress"), color("red"))),
    ("красное платье", edit(sem="красное платье")),
    ("赤いドレス", zh(sem="赤いドレス")),
]

# --- traps --------------------------------------------------------------------------------------------
TRAP_ROWS = [
    ("bred", edit(sem="bred")),
    ("tired", edit(sem="tired")),
    ("hundred", edit(sem="hundred")),
    ("important", edit(sem="important")),
    ("importantly tan", edit(color("brown"), sem="importantly")),
    ("address", edit(sem="address")),
    ("petticoat", edit(sem="petticoat")),
    ("a t-shirt and a shirt", edit(cats("t-shirt", "shirt"))),
    ("navy blue jeans", edit(cat("trousers"), color("navy"))),
    ("blue jeans", edit(cat("trousers"), color("blue"))),
    ("dark blue coat", edit(cat("coat"), color("navy"))),
    ("粉红色的裙子", zh(cat("dress"), color("pink"))),
    ("深蓝色的外套", zh(cat("coat"), color("navy"))),
    ("白色的包", zh(cat("bag"), color("white"))),
    ("网红款", zh(sem="网红")),
    ("包邮吗", zh(sem="包邮")),
    ("明白", zh(sem="明白")),
    ("蓝牙耳机", zh(sem="蓝牙耳机")),
    ("百搭的", zh(sem="百搭")),
    ("dress shoes", edit(cats(*SHOES))),
    ("dress pants", edit(cat("trousers"))),
    ("dressy", edit(sem="dressy")),
    ("coats", edit(cat("coat"))),
    ("bags", edit(cat("bag"))),
    ("reddish brown", edit(colors("red", "brown"))),
]

# --- text that looks like a filter ---------------------------------------------------------------------
FILTER_LOOKING_ROWS = [
    ("price<0 or 1=1", edit(sem="0 or 1 1")),
    ('{"$ne": null}', edit(sem="ne null")),
    ("price < -5", edit(sem="5")),
    ("under 0", edit(sem="under 0")),
    ("under -10", edit(sem="under 10")),
    ("between -5 and 10", edit(sem="between 5 and 10")),
    ("under 99999999999999999999", edit(sem="under 99999999999999999999")),
    ("under 1e5", edit(sem="under 1e5")),
    ("color=red", edit(color("red"), sem="color")),
    ("'; DROP TABLE products; --", edit(sem="drop table")),
    ("<script>alert(1)</script>", edit(sem="script alert 1 script")),
    ("$$$", edit()),
    ("####", edit()),
    ("\x00\x07 red \x1b", edit(color("red"))),
    ("\u202ered dress\u202c", edit(cat("dress"), color("red"))),
    ("red\u200bdress", edit(cat("dress"), color("red"))),
]

ROWS = (COLOR_ROWS + CATEGORY_ROWS + NEGATION_ROWS + PRICE_ROWS + RELATIVE_ROWS + REFERENCE_ROWS + RESET_ROWS
        + SEMANTIC_ROWS + LANGUAGE_ROWS + TRAP_ROWS + FILTER_LOOKING_ROWS)


def test_the_table_is_large_and_has_no_duplicate_phrasings():
    texts = [text for text, _ in ROWS]
    assert len(texts) >= 300
    assert len(set(texts)) == len(texts), sorted({t for t in texts if texts.count(t) > 1})


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[repr(text)[:60] for text, _ in ROWS])
def test_parse_turn(text, expected):
    assert parse_turn(text) == expected


# --- the lexicon, read back ---------------------------------------------------------------------------

def _merged(table: str) -> dict:
    """One of the packs' tables, every registered language's phrases together."""
    merged: dict = {}
    for pack in language.packs():
        for key, phrases in getattr(pack, table).items():
            merged[key] = merged.get(key, ()) + tuple(phrases)
    return merged


def _lexicon_rows(table, make):
    return [(phrase, make(slug)) for slug, phrases in table.items() for phrase in phrases]


@pytest.mark.parametrize(("phrase", "expected"), _lexicon_rows(_merged("colors"), color))
def test_every_colour_synonym_alone_is_that_colour(phrase, expected):
    assert parse_turn(phrase).add == (expected,)


@pytest.mark.parametrize(("phrase", "expected"), _lexicon_rows(_merged("categories"), cat))
def test_every_category_synonym_alone_is_that_category(phrase, expected):
    assert parse_turn(phrase).add == (expected,)


@pytest.mark.parametrize("phrase", [p for pack in language.packs() for p in pack.reset_phrases])
def test_every_reset_phrase_resets(phrase):
    assert parse_turn(phrase) == TurnEdit(language=parse_turn(phrase).language, reset=True)


@pytest.mark.parametrize(("field", "phrase"), [(f, p) for f, ps in _merged("removal_phrases").items() for p in ps])
def test_every_removal_phrase_removes_its_field(field, phrase):
    assert parse_turn(phrase).remove_fields == (field,)


def test_colour_words_mean_what_the_catalog_means_by_them():
    """A word the catalog labels products with must find those products when a shopper types it."""
    for slug, phrases in _merged("colors").items():
        for phrase in phrases:
            if normalise_color(phrase) is not None:
                assert normalise_color(phrase) == slug, phrase


def test_every_vocabulary_slug_is_reachable():
    assert set(_merged("colors")) == set(COLORS)
    assert set(_merged("categories")) == set(CATEGORIES)
    for slugs in [*_merged("attribute_categories"), *_merged("category_groups")]:
        assert set(slugs) <= set(CATEGORIES)
        assert list(slugs) == [c for c in CATEGORIES if c in slugs]  # already in canonical order


# --- properties over any input -------------------------------------------------------------------------

_ALPHABETS = [
    "abcdefghijklmnopqrstuvwxyz ABCXYZ",
    "0123456789 .,-~<>=#$¥%+/&'\"",
    "红色蓝黑白灰粉橙黄绿紫棕米不要别除了非是和或还第个款件以下内上左右块元之间到至便宜贵长袖鞋包裙",
    "，。、！？；：“”（）《》～＃￥１２３",
    "🙂👗🏖️\u200b\u200d\u202e\u202c\x00\x1b\t\n\r\ufeff",
    "فستان красное 赤いドレス 빨간 é ß İ",
]
_WORDS = ["red", "not", "no", "or", "and", "but", "under", "between", "around", "#", "third", "last", "one",
          "any colour", "start over", "cheaper", "like this", "shirt", "t-shirt", "long sleeve", "shoes", "50",
          "1,299", "1k", "不要", "除了", "第", "三", "百", "左右", "以内", "红色", "运动鞋", "长袖", "颜色不限", "便宜点",
          "的", "、", ",", "-", "~", "比", "倒数第", "size", "码", "$", "¥"]


def _random_text(rng: random.Random) -> str:
    pieces = []
    for _ in range(rng.randint(0, 12)):
        if rng.random() < 0.5:
            pieces.append(rng.choice(_WORDS))
        else:
            alphabet = rng.choice(_ALPHABETS)
            pieces.append("".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6))))
        if rng.random() < 0.15:
            pieces.append(chr(rng.randint(0, 0x2FFFF)))
    return rng.choice(["", " "]).join(pieces)


def _check_invariants(result: TurnEdit) -> None:
    assert result.language in ("en", "zh")
    assert list(result.add) == sorted(result.add, key=lambda c: (FILTERABLE_FIELDS.index(c.field),
                                                                  OPERATORS.index(c.op)))
    assert len(set(result.add)) == len(result.add)
    for constraint in result.add:
        if constraint.field == "price":
            assert constraint.op in ("lt", "le", "gt", "ge")
            assert isinstance(constraint.value, float) and 0 < constraint.value <= understanding.MAX_PRICE
        else:
            vocabulary = COLORS if constraint.field == "color" else CATEGORIES
            assert constraint.field in ("color", "category")
            values = constraint.value if constraint.op in ("in", "nin") else (constraint.value,)
            assert values and all(v in vocabulary for v in values)
            if constraint.op in ("in", "nin"):
                assert len(values) >= 2 and list(values) == [v for v in vocabulary if v in values]
    assert len({(c.field, c.op) for c in result.add}) == len(result.add)
    assert set(result.remove_fields) <= set(FILTERABLE_FIELDS)
    assert result.relative_price in (None, "lower", "higher")
    assert result.reference is None or 1 <= abs(result.reference) <= understanding.MAX_REFERENCE
    assert not (result.reference is not None and result.more_like_this)
    assert result.semantic == " ".join(result.semantic.split())


def test_random_unicode_never_raises_and_keeps_the_invariants():
    rng = random.Random(20240611)
    for _ in range(3000):
        _check_invariants(parse_turn(_random_text(rng)))


def test_every_table_row_keeps_the_invariants():
    for text, _ in ROWS:
        _check_invariants(parse_turn(text))


@pytest.mark.parametrize("text", [
    "red dress under 50, not white, 不要长袖的衬衫 #3 " * 3000,
    "红" * 100_000,
    "a" * 100_000,
    "1" * 100_000,
    "一" * 100_000,
    "﷽" * 100_000,  # NFKC turns each into 18 characters
    "(" * 50_000 + ")" * 50_000,
    "不要" * 50_000,
    "1,000," * 20_000,
    "no white, " * 10_000,
])
def test_a_huge_turn_returns_quickly(text):
    # A guard against a hang (catastrophic backtracking on 100k characters takes hours), not a speed target: the
    # bound is loose enough for a busy shared machine.
    started = time.perf_counter()
    result = parse_turn(text)
    assert time.perf_counter() - started < 30.0
    _check_invariants(result)


def test_only_the_first_max_turn_chars_are_read():
    padding = "x " * understanding.MAX_TURN_CHARS
    assert parse_turn("red " + padding + "blue").add == (color("red"),)


def test_the_reader_is_linear_even_without_the_length_cap(monkeypatch):
    monkeypatch.setattr(understanding, "MAX_TURN_CHARS", 10 ** 7)
    phrase = "red or blue dress under 50, not white, 不要长袖的衬衫 #3 "
    # Four times the text may take at most ~four times as long (a quadratic reader takes sixteen); the best of three
    # runs of each, side by side, keeps a busy machine from deciding.
    quarter = _best_seconds(lambda: parse_turn(phrase * 625))
    whole = _best_seconds(lambda: parse_turn(phrase * 2500))  # ~120k characters
    assert whole < 8 * quarter + 0.05
    _check_invariants(parse_turn(phrase * 2500))


def _best_seconds(run) -> float:
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        run()
        timings.append(time.perf_counter() - started)
    return min(timings)


def test_same_constraints_whatever_the_order_of_alternatives():
    assert parse_turn("blue, red or black").add == parse_turn("black, blue or red").add
