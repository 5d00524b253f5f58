"""Language packs: the built-in ones are complete, and adding a language is adding a pack (one built here)."""
from __future__ import annotations

import pytest

from assistant import language
from assistant.constraint_text import describe_constraint
from assistant.explain import filters_suffix, search_phrase
from assistant.language import LanguagePack
from assistant.semantic import split_negations
from assistant.session import SessionState
from assistant.understanding import TurnEdit, parse_turn
from catalog.palette import CATEGORY_NAMES, COLOR_NAMES
from catalog.records import CATEGORIES, COLORS, Constraint
from catalog.vocabulary import normalise_category, normalise_color

# A small Russian pack: a few words, a negation, a price cue, two messages. Everything it leaves out is English.
RUSSIAN = LanguagePack(
    code="ru",
    name="Русский",
    script="\u0400-\u04ff",
    locales=("ru",),
    browser_tags=("ru",),
    colors={"red": ("красный", "красное", "красная", "красные"), "blue": ("синий", "синее", "синяя")},
    categories={"dress": ("платье", "платья"), "bag": ("сумка", "сумки", "сумку")},
    negation_cues=("не", "без", "кроме"),
    connectors=("или",),
    price_prefixes={"lt": ("до", "дешевле")},
    currency_markers=("руб", "рублей"),
    fillers=("покажите", "мне", "пожалуйста", "хочу"),
    vague_price={"low": ("недорогое", "недорогую", "дешёвое")},
    color_names={"red": "красные", "blue": "синие"},
    category_names={"dress": "платья", "bag": "сумки"},
    what_color_category="{color} {category}",
    what_any="товары",
    negated="не {}",
    list_last_separator=" или ",
    price_phrases={"lt": "до {}", "le": "не дороже {}", "gt": "дороже {}", "ge": "от {}"},
    filters_open=" — ",
    messages={"found_text": "Вот {what}{filters}.", "need_input": "Пришлите фото или опишите, что вы ищете."},
    labels={"title": "likethis — поиск по фото"},
)


@pytest.fixture
def russian():
    language.register(RUSSIAN)
    yield RUSSIAN
    language.unregister("ru")


def test_a_third_pack_is_understood_and_answered_in(russian):
    edit = parse_turn("покажите мне красное платье до 300 руб")
    assert edit == TurnEdit(language="ru", add=(Constraint("category", "eq", "dress"), Constraint("color", "eq", "red"),
                                                Constraint("price", "lt", 300.0)))
    assert parse_turn("сумку или платье, не синее").add == (
        Constraint("category", "in", ("dress", "bag")), Constraint("color", "ne", "blue"))
    assert parse_turn("не синее платье").add == (Constraint("category", "eq", "dress"), Constraint("color", "ne", "blue"))
    assert parse_turn("недорогую сумку").vague_price == "low"
    # What the engine composes its reply from, said in Russian.
    what, filters = search_phrase(edit.add, edit.language)
    reply = language.say("found_text", edit.language, what=what, filters=filters_suffix(filters, edit.language))
    assert reply == "Вот красные платья — до ¥300."
    assert describe_constraint(Constraint("color", "ne", "blue"), "ru") == "не синие"
    assert language.label("title", "ru") == "likethis — поиск по фото"
    # What the pack leaves out falls back to English rather than failing a reply.
    assert language.say("reset_done", "ru").startswith("Starting over")
    assert describe_constraint(Constraint("category", "eq", "coat"), "ru") == "coat"
    assert COLOR_NAMES["ru"]["red"] == "красные" and CATEGORY_NAMES["ru"]["coat"] == "coat"
    # Sessions in the new language can be saved and handed over.
    state = SessionState(catalog="c", language="ru")
    assert SessionState.from_json(state.to_json()).language == "ru"
    # A catalog written in it can be ingested.
    assert normalise_color("Красный") == "red" and normalise_category("платье") == "dress"


def test_a_pack_leaves_the_others_alone(russian):
    assert parse_turn("red dress under 300") == TurnEdit(
        language="en", add=(Constraint("category", "eq", "dress"), Constraint("color", "eq", "red"),
                            Constraint("price", "lt", 300.0)))
    assert parse_turn("红色连衣裙").language == "zh"
    language.unregister("ru")
    assert parse_turn("красное платье").semantic == "красное платье"
    language.register(RUSSIAN)


@pytest.mark.parametrize("code", ["en", "zh"])
def test_the_built_in_packs_are_complete(code):
    pack = language.pack(code)
    assert set(pack.colors) == set(COLORS) and set(pack.color_names) == set(COLORS)
    assert set(pack.categories) == set(CATEGORIES) and set(pack.category_names) == set(CATEGORIES)
    assert set(pack.messages) == set(language.pack("en").messages)
    assert set(pack.labels) == set(language.pack("en").labels)
    assert set(pack.price_phrases) >= {"lt", "le", "gt", "ge"}
    assert set(pack.removal_texts) >= {"color", "category", "price", "brand", "size"}
    for table in (pack.colors, pack.categories):
        for phrases in table.values():
            assert all(phrase == phrase.lower().strip() for phrase in phrases)


def test_one_negation_reader_for_constraints_and_free_text():
    assert split_negations("warm but avoid wool") == ("warm", "wool")  # "avoid" negates colours too
    assert split_negations("没有logo的") == ("", "logo的")
    assert split_negations("非常舒服") == ("非常舒服", "")  # 非 negates, 非常 does not
    assert parse_turn("avoid yellow").add == (Constraint("color", "ne", "yellow"),)


def test_the_default_language_cannot_be_removed():
    with pytest.raises(ValueError):
        language.unregister("en")
