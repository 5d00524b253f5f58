"""Hostile or odd text and ids through the real assistant: a reply or a clear typed error, never anything else."""
from __future__ import annotations

import pytest

from assistant.engine import Assistant
from assistant.errors import BadReference, TextTooLong, TurnError, UnknownProduct
from catalog.records import Constraint


@pytest.fixture(scope="module")
def assistant(demo_lite_index, lite_encoder) -> Assistant:
    index, _ = demo_lite_index
    return Assistant(lite_encoder, index)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "\x00\x01\x02 red \x1b[31m dress \x7f",
        "🔥👗✨ red dress 🙏",
        "فستان أحمر",  # right-to-left: Arabic "red dress"
        "\u202eesserd der\u202c",  # a right-to-left override wrapped around "red dress"
        '{"$ne": null}',
        '{"color": {"$ne": "red"}, "$or": [{"price": {"$lt": 0}}]}',
        "price<0 or 1=1",
        "'; DROP TABLE products; --",
        "<script>alert(1)</script>",
        "red" * 600,
        "第" * 1000,
        "under -50",
        "between 500 and 100",
    ],
)
def test_odd_text_gets_a_reply_and_filter_syntax_is_only_text(assistant, text):
    reply = assistant.turn(assistant.new_session(), text=text)
    assert reply.text
    for constraint in reply.constraints:
        assert constraint.field in ("color", "category", "price")
        if constraint.field == "price":
            assert constraint.value > 0
    assert all(item.hit.product.price >= 0 for item in reply.results)


def test_filter_looking_text_never_becomes_a_filter(assistant):
    for text in ('{"$ne": null}', "price<0 or 1=1", '{"$or": [{"price": {"$lt": 0}}]}'):
        assert assistant.turn(assistant.new_session(), text=text).constraints == ()
    # A colour word inside JSON is read as a word; the operator around it is never obeyed.
    worded = assistant.turn(assistant.new_session(), text='{"color": {"$ne": "red"}}').constraints
    assert all(c.op != "ne" for c in worded)


def test_a_100000_character_message_is_refused_clearly_in_the_users_language(assistant):
    with pytest.raises(TextTooLong) as english:
        assistant.turn(assistant.new_session(), text="red dress " * 10_000)
    assert "too long" in english.value.message("en")
    with pytest.raises(TextTooLong) as chinese:
        assistant.turn(assistant.new_session(language="zh"), text="红色连衣裙" * 20_000)
    assert "太长" in chinese.value.message("zh")


def test_unknown_ids_and_ranks_are_clear_errors_and_the_session_is_untouched(assistant):
    first = assistant.turn(assistant.new_session(), text="blue shirt")
    before = first.session
    for call in (
        lambda: assistant.turn(before, like=["fm-9999-red"]),
        lambda: assistant.turn(before, dislike=["../../etc/passwd"]),
        lambda: assistant.turn(before, more_like='{"$ne": null}'),
        lambda: assistant.turn(before, text="#12"),
        lambda: assistant.turn(before, text="第十二个"),
    ):
        with pytest.raises(TurnError) as error:
            call()
        assert isinstance(error.value, (UnknownProduct, BadReference))
        assert error.value.message("en") and error.value.message("zh")
    # The same session still works: the failed turns left nothing behind.
    after = assistant.turn(before, text="#2")
    assert after.session.reference.product_id == first.results[1].hit.product.id


def test_a_session_constraint_the_catalog_cannot_satisfy_is_reported_not_crashed(assistant):
    session = assistant.new_session()
    from dataclasses import replace

    from assistant.stacking import stack

    impossible = replace(session, constraints=tuple(stack([], [Constraint("price", "gt", 1e9)], 1)))
    reply = assistant.turn(impossible, text="dress")
    assert reply.results == () and reply.no_good_match
