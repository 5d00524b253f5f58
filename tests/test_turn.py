"""Whole turns composed of retrieve → rank → respond, over the small stocked store with the fake encoder."""
from __future__ import annotations

import pytest

from assistant.calibration import Thresholds
from assistant.engine import Assistant


@pytest.fixture(scope="module")
def assistant(word_lengths, fake_shop) -> Assistant:
    # A photo is recognised only when it is the very product photo; nothing is judged "no good match".
    return Assistant(word_lengths, fake_shop, Thresholds(image=-1.0, identity=0.999, text_lift=-1.0))


def test_a_recognised_photo_shows_its_item_first_then_the_nearest_others(assistant, shop_photo):
    reply = assistant.turn(assistant.new_session(), image=shop_photo("dress-a", "blue"), k=5)
    ids = [item.hit.product.id for item in reply.results]
    assert ids[0] == "dress-a-blue" and set(ids[:3]) == {"dress-a-red", "dress-a-blue", "dress-a-black"}
    assert reply.results[1].why.startswith("like your photo") and "same item, other colour" in reply.results[1].why
    assert reply.text == "Here are products like your photo."
    assert reply.session.reference.product_id == "dress-a-blue" and reply.session.last_results == tuple(ids)


def test_an_empty_search_offers_a_way_out_that_works_when_taken(assistant):
    empty = assistant.turn(assistant.new_session(), text="red sandal under 30")
    assert (empty.results, empty.no_good_match) == ((), True)
    assert empty.text == "No red sandals under ¥30 — the cheapest is ¥50. Show those?"
    (offer,) = empty.quick_replies
    taken = assistant.turn(empty.session, text=offer.text)
    assert [item.hit.product.id for item in taken.results] == ["sandal-a-red"]
    assert taken.text == "Here are red sandals — up to ¥50."


def test_a_like_alone_searches_for_more_like_it(assistant):
    reply = assistant.turn(assistant.new_session(), like=["dress-b-green"], k=6)
    assert reply.text == "Here are more products like the ones you liked."
    assert [item.hit.product.id for item in reply.results[:3]] == ["dress-b-green", "dress-a-black", "dress-a-blue"]
    assert all(item.why.endswith("like ones you liked") for item in reply.results[:3])
    assert not any(item.why.endswith("like ones you liked") for item in reply.results[3:])
