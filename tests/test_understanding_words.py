"""The words shoppers and agents actually type: typos, brands, sizes, ids and titles, vague budgets — whole TurnEdits."""
from __future__ import annotations

import random

import pytest

from assistant.understanding import Ambiguity, Correction, parse_turn
from catalog.facets import CatalogFacets
from catalog.records import FILTERABLE_FIELDS, OPERATORS, Constraint, Product
from tests.test_understanding import cat, color, edit, price, zh


def _product(product_id, brand, colour, category, name_en, name_zh, sizes, price_=199.0):
    return Product(id=product_id, group_id=product_id.rsplit("-", 1)[0], title=f"{brand} {colour.title()} {name_en}",
                   title_zh=f"{brand} {name_zh}", category=category, color=colour, price=price_, image="/x.png",
                   brand=brand, sizes=sizes, description=f"A {colour} {name_en.lower()} with a midi hem.")


APPAREL = ("XS", "S", "M", "L", "XL")
SHOES = ("36", "37", "38", "39", "40")
# A small shop, made here: the readers must take brands, sizes, ids and titles from it, never from a fixed list.
FACETS = CatalogFacets.from_products([
    _product("fm-0042-red", "Wrenfield", "red", "dress", "Midi Dress", "红色中长款连衣裙", APPAREL),
    _product("fm-0042-blue", "Wrenfield", "blue", "dress", "Midi Dress", "蓝色中长款连衣裙", APPAREL),
    _product("fm-0043-black", "Oakhollow", "black", "sneaker", "Leather Sneakers", "黑色皮质运动鞋", SHOES),
    _product("fm-0044-navy", "Harbor & Pine", "navy", "coat", "Wool Coat", "藏青色羊毛大衣", ("M", "L")),
    _product("fm-0045-beige", "Linden Fold", "beige", "bag", "Canvas Tote Bag", "米色帆布托特包", ("one size",)),
])


def brand(value):
    return Constraint("brand", "eq", value)


def not_brand(value):
    return Constraint("brand", "ne", value)


def size(value):
    return Constraint("size", "eq", value)


def sizes(*values):
    return Constraint("size", "in", values)


def fix(typed, meant, field):
    return Correction(typed, meant, field)


# --- typos: close misspellings of the vocabulary, never a real word -----------------------------------
TYPO_ROWS = [
    ("red dres under 200", edit(cat("dress"), color("red"), price("lt", 200), fixed=[fix("dres", "dress", "category")])),
    ("shrits please", edit(cat("shirt"), fixed=[fix("shrits", "shirts", "category")])),
    ("biege bagss", edit(cat("bag"), color("beige"),
                         fixed=[fix("biege", "beige", "color"), fix("bagss", "bags", "category")])),
    ("ankel boots", edit(cat("ankle-boot"), fixed=[fix("ankel", "ankle", "category")])),
    ("a blak jakcet", edit(cat("coat"), color("black"),
                           fixed=[fix("blak", "black", "color"), fix("jakcet", "jacket", "category")])),
    ("sneekers, not whte", edit(cat("sneaker"), Constraint("color", "ne", "white"),
                                fixed=[fix("sneekers", "sneakers", "category"), fix("whte", "white", "color")])),
    ("purpel hoddie", edit(cat("pullover"), color("purple"),
                           fixed=[fix("purpel", "purple", "color"), fix("hoddie", "hoodie", "category")])),
    ("sandles 不要红色", zh(cat("sandal"), Constraint("color", "ne", "red"), fixed=[fix("sandles", "sandals", "category")])),
    # Real words are never typos, however close to a vocabulary word.
    ("red bed", edit(color("red"), sem="bed")),
    ("bad bag", edit(cat("bag"), sem="bad")),
    ("tee", edit(cat("t-shirt"))),
    ("dressy", edit(sem="dressy")),
    ("red dress for the beach", edit(cat("dress"), color("red"), sem="for the beach")),
    ("a tan coat", edit(cat("coat"), color("brown"))),
    ("cotton", edit(sem="cotton")),
    ("wedding guest", edit(sem="wedding guest")),
    # Equally close to words that mean different things: a question, not a guess.
    ("gren dress", edit(cat("dress"), unsure=[Ambiguity("gren", (color("grey"), color("green")))])),
    # A misspelt word that would mean nothing stays as typed.
    ("flufy", edit(sem="flufy")),
]

# --- brands and sizes, from the catalog's own facets ---------------------------------------------------
FACET_ROWS = [
    ("Wrenfield dresses", edit(cat("dress"), brand("Wrenfield"))),
    ("dresses by Wrenfield", edit(cat("dress"), brand("Wrenfield"))),
    ("Wrenfield's dresses", edit(cat("dress"), brand("Wrenfield"))),
    ("WRENFIELD", edit(brand("Wrenfield"))),
    ("sneakers, but not from Oakhollow", edit(cat("sneaker"), not_brand("Oakhollow"))),
    ("no Oakhollow please", edit(not_brand("Oakhollow"))),
    ("Wrenfield or Oakhollow", edit(Constraint("brand", "in", ("Wrenfield", "Oakhollow")))),
    ("Harbor & Pine coats", edit(cat("coat"), brand("Harbor & Pine"))),
    ("harbor and pine coats", edit(cat("coat"), brand("Harbor & Pine"))),
    ("Linden bags", edit(cat("bag"), brand("Linden Fold"))),
    ("Wrenfeild dresses", edit(cat("dress"), brand("Wrenfield"), fixed=[fix("wrenfeild", "wrenfield", "brand")])),
    ("Wrenfield的连衣裙", zh(cat("dress"), brand("Wrenfield"))),
    ("Wrenfield家的裙子", zh(cat("dress"), brand("Wrenfield"))),
    ("不要Oakhollow的运动鞋", zh(cat("sneaker"), not_brand("Oakhollow"))),
    ("不要Oakhollow", zh(not_brand("Oakhollow"))),
    ("size M pullover", edit(cat("pullover"), size("M"))),
    ("pants, size XL", edit(cat("trousers"), size("XL"))),
    ("size: s", edit(size("S"))),
    ("sizes M or L", edit(sizes("M", "L"))),
    ("sizes 38/39", edit(sizes("38", "39"))),
    ("do you have it in size 38?", edit(size("38"))),
    ("do you have it in 38?", edit(size("38"))),
    ("red dress in M or L", edit(cat("dress"), color("red"), sizes("M", "L"))),
    ("XL coats", edit(cat("coat"), size("XL"))),
    ("size 50", edit(size("50"))),  # not stocked: still a size, so the reply can say none is in 50
    ("size 38 under 100", edit(price("lt", 100), size("38"))),
    ("in 40 minutes", edit(sem="40 minutes")),  # a number after "in" is a size only if the shop stocks it
    ("38码", zh(size("38"))),
    ("有36码的短靴吗", zh(cat("ankle-boot"), size("36"))),
    ("M码的毛衣", zh(cat("pullover"), size("M"))),
    ("尺码L", zh(size("L"))),
    ("均码的包", zh(cat("bag"), size("one size"))),
    ("Wrenfield 连衣裙 M码", zh(cat("dress"), brand("Wrenfield"), size("M"))),
    ("Oakhollow sneakers 39码 under 500", edit(cat("sneaker"), price("lt", 500), brand("Oakhollow"), size("39"))),
]

# --- look-up by id, group id and title ------------------------------------------------------------------
LOOKUP_ROWS = [
    ("fm-0042-red", edit(lookup=["fm-0042-red"])),
    ("FM-0042-RED", edit(lookup=["fm-0042-red"])),
    ("FM0042RED", edit(lookup=["fm-0042-red"])),
    ("fm 0042 red", edit(lookup=["fm-0042-red"])),
    ("fm_0042_red", edit(lookup=["fm-0042-red"])),
    ("sku fm-0042-red please", edit(lookup=["fm-0042-red"])),
    ("货号fm-0042-red", zh(lookup=["fm-0042-red"])),
    ("fm-0042-red, fm-0043-black", edit(lookup=["fm-0042-red", "fm-0043-black"])),
    ("fm-0042", edit(lookup=["fm-0042-red", "fm-0042-blue"])),  # a group id: all its colourways
    ("fm-0042 in blue", edit(color("blue"), lookup=["fm-0042-red", "fm-0042-blue"])),
    ("do you have fm-0043-black in 38?", edit(size("38"), lookup=["fm-0043-black"])),
    ("fm-9999-red", edit(unknown=["fm-9999-red"])),
    ("fm-0042-purple", edit(unknown=["fm-0042-purple"])),
    ("fm-0042-red and fm-9999", edit(lookup=["fm-0042-red"], unknown=["fm-9999"])),
    ("Wrenfield Red Midi Dress", edit(lookup=["fm-0042-red"])),
    ("wrenfield red midi dress", edit(lookup=["fm-0042-red"])),
    ("Wrenfield Red Midi Dres", edit(lookup=["fm-0042-red"])),
    ("Wrenfeild Blue Midi Dress", edit(lookup=["fm-0042-blue"])),
    ("Oakhollow 黑色皮质运动鞋", zh(lookup=["fm-0043-black"])),
    ("Oakhollow黑色皮质运动鞋", zh(lookup=["fm-0043-black"])),
    ("有没有Oakhollow 黑色皮质运动鞋", zh(lookup=["fm-0043-black"])),
    ("Oakhollow Black Leather Sneakers in 38", edit(size("38"), lookup=["fm-0043-black"])),
    # Not a title: the words are read for what they say.
    ("Wrenfield red dress", edit(cat("dress"), color("red"), brand("Wrenfield"))),
]

# --- budgets without an amount, function words, requests that name nothing ---------------------------
VAGUE_ROWS = [
    ("cheap navy tees", edit(cat("t-shirt"), color("navy"), budget="low")),
    ("affordable blue bags", edit(cat("bag"), color("blue"), budget="low")),
    ("something not too expensive", edit(budget="low")),
    ("on a budget", edit(budget="low")),
    ("budget", edit(budget="low")),
    ("budget 300", edit(price("le", 300))),
    ("cheaper", edit(rel="lower")),
    ("not cheap", edit(rel="higher")),
    ("便宜的", zh(budget="low")),
    ("黑T恤 不要太贵", zh(cat("t-shirt"), color("black"), budget="low")),
    ("实惠的包", zh(cat("bag"), budget="low")),
    ("便宜点", zh(rel="lower")),
    ("比这个便宜", zh(rel="lower")),
    ("cheaper, not with long sleeves", edit(Constraint("category", "nin", ("pullover", "coat", "shirt")), rel="lower")),
    ("with", edit()),
    ("one please", edit()),
    ("的吗", zh()),
    ("a dress with pockets", edit(cat("dress"), sem="with pockets")),
    ("I'm looking for a gift for my mom", edit(sem="gift for my mom", vague=True)),
    ("any ideas?", edit(sem="ideas", vague=True)),
    ("给妈妈买个礼物", zh(sem="给妈妈买个礼物", vague=True)),
    ("a gift for my mom: a red dress", edit(cat("dress"), color("red"), sem="gift for my mom")),  # names a kind
]

ROWS = TYPO_ROWS + FACET_ROWS + LOOKUP_ROWS + VAGUE_ROWS


def test_the_table_has_no_duplicate_phrasings():
    assert len({text for text, _ in ROWS}) == len(ROWS)


@pytest.mark.parametrize(("text", "expected"), ROWS, ids=[repr(text)[:60] for text, _ in ROWS])
def test_parse_turn_with_the_catalog(text, expected):
    assert parse_turn(text, FACETS) == expected


def test_without_a_catalog_brands_sizes_and_ids_stay_words():
    assert parse_turn("Wrenfield dresses in size M") == edit(cat("dress"), sem="wrenfield size m")
    # An id is one word of free text, never the colour inside it.
    assert parse_turn("fm-0042-red") == edit(sem="fm-0042-red")
    assert parse_turn("FM0042RED") == edit(sem="fm0042red")


def test_brands_and_sizes_come_from_the_catalog_served():
    other = CatalogFacets.from_products([_product("zz-1-red", "Quill", "red", "dress", "Wrap Dress", "红色裹身裙", ("S",))])
    assert parse_turn("Wrenfield dresses", other) == edit(cat("dress"), sem="wrenfield")
    assert parse_turn("Quill dresses in S", other) == edit(cat("dress"), brand("Quill"), size("S"))
    assert parse_turn("fm-0042-red", other) == edit(sem="fm-0042-red")  # not this shop's kind of id


_WORDS = ["Wrenfield", "Oakhollow", "Harbor & Pine", "size", "M", "38", "码", "fm-0042-red", "fm-9999", "FM0042",
          "Wrenfield Red Midi Dress", "dres", "biege", "gren", "cheap", "不要", "not", "from", "by", "in", "or", "、",
          "便宜", "sku", "货号", "均码", "'s", "的", "-", "_"]


def test_random_mixes_of_catalog_words_keep_the_invariants():
    rng = random.Random(1107)
    for _ in range(2000):
        text = rng.choice(["", " "]).join(rng.choice(_WORDS) for _ in range(rng.randint(0, 8)))
        result = parse_turn(text, FACETS)
        assert list(result.add) == sorted(result.add, key=lambda c: (FILTERABLE_FIELDS.index(c.field),
                                                                      OPERATORS.index(c.op)))
        assert len({(c.field, c.op) for c in result.add}) == len(result.add)
        for constraint in result.add:
            values = constraint.value if constraint.op in ("in", "nin") else (constraint.value,)
            if constraint.field == "brand":
                assert set(values) <= set(FACETS.brands)
            if constraint.field == "size":
                assert constraint.op in ("eq", "in") and all(isinstance(v, str) and v for v in values)
        assert set(result.lookup_ids) <= set(FACETS.ids)
        assert result.semantic == " ".join(result.semantic.split())
        assert not (result.vague and (result.add or result.lookup_ids))
