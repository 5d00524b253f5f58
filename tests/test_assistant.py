"""The assistant over the real demo index, with both real backends: what a shopper would notice."""
from __future__ import annotations

import json
import random
from collections import defaultdict
from pathlib import Path

import pytest

from assistant.engine import Assistant
from assistant.errors import BadReference, NoResultsYet, UnknownProduct
from assistant.session import SessionFormatError, SessionState
from catalog.images import load_image
from catalog.palette import COLOR_NAMES
from catalog.records import Constraint

COMPOSED_EN = "like this but in {color}"
COMPOSED_ZH = "这个有{color}的吗"
SAMPLED_GROUPS = 50


@pytest.fixture(scope="module", params=["lite", "tiny-clip"])
def assistant(request) -> Assistant:
    if request.param == "lite":
        index, _ = request.getfixturevalue("demo_lite_index")
        return Assistant(request.getfixturevalue("lite_encoder"), index)
    index, _ = request.getfixturevalue("demo_clip_index")
    return Assistant(request.getfixturevalue("tiny_clip_encoder"), index)


@pytest.fixture(scope="module")
def groups(demo_catalog_dir) -> dict[str, list[dict]]:
    by_group: dict[str, list[dict]] = defaultdict(list)
    for line in (demo_catalog_dir / "products.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        row["image"] = str(demo_catalog_dir / row["image"])
        by_group[row["group_id"]].append(row)
    return dict(by_group)


def _sampled_pairs(groups: dict[str, list[dict]]) -> list[tuple[dict, dict]]:
    rng = random.Random(7)
    pairs = []
    for group_id in rng.sample(sorted(groups), SAMPLED_GROUPS):
        source, target = rng.sample(groups[group_id], 2)
        pairs.append((source, target))
    return pairs


@pytest.mark.parametrize("template,language", [(COMPOSED_EN, "en"), (COMPOSED_ZH, "zh")])
def test_photo_plus_other_colour_ranks_that_colourway_first(assistant, groups, template, language):
    firsts = 0
    for source, target in _sampled_pairs(groups):
        text = template.format(color=COLOR_NAMES[language][target["color"]])
        reply = assistant.turn(assistant.new_session(), text=text, image=load_image(Path(source["image"])))
        assert reply.language == language
        assert all(item.hit.product.color == target["color"] for item in reply.results)
        firsts += bool(reply.results) and reply.results[0].hit.product.id == target["id"]
    # Recorded in the closing note; every sampled pair must land, on both backends and in both languages.
    assert firsts == SAMPLED_GROUPS


def test_cheaper_returns_only_lower_prices_of_the_same_category(assistant, groups):
    checked = 0
    for source, _ in _sampled_pairs(groups)[:15]:
        first = assistant.turn(assistant.new_session(), image=load_image(Path(source["image"])))
        top = first.results[0].hit.product
        cheaper = assistant.turn(first.session, text="cheaper")
        for item in cheaper.results:
            assert item.hit.product.price < top.price
            assert item.hit.product.category == top.category
        if cheaper.results:
            checked += 1
        else:
            assert cheaper.no_good_match and cheaper.question  # nothing cheaper: said so, with an offer
        zh = assistant.turn(first.session, text="便宜点")
        assert [r.hit.product.id for r in zh.results] == [r.hit.product.id for r in cheaper.results]
    assert checked >= 10


def test_exclusion_never_shows_the_excluded_colour(assistant, groups):
    for source, _ in _sampled_pairs(groups)[:10]:
        first = assistant.turn(assistant.new_session(), image=load_image(Path(source["image"])), k=50)
        for text in ("not white", "不要白色的"):
            reply = assistant.turn(first.session, text=text, k=50)
            assert len(reply.results) == 50
            assert all(item.hit.product.color != "white" for item in reply.results)
    text_only = assistant.turn(assistant.new_session(), text="sneakers but not white", k=50)
    assert text_only.results and all(
        r.hit.product.color != "white" and r.hit.product.category == "sneaker" for r in text_only.results
    )


def test_a_liked_colour_rises(assistant):
    session = assistant.turn(assistant.new_session(), text="dress", k=50).session
    before = assistant.turn(session, text="dress", k=20)
    red = next(i for i in assistant.turn(session, text="red dress", k=5).results if i.hit.product.color == "red")
    liked = assistant.turn(before.session, like=[red.hit.product.id], text="dress", k=20)
    reds_before = sum(item.hit.product.color == "red" for item in before.results)
    reds_after = sum(item.hit.product.color == "red" for item in liked.results)
    assert reds_after > reds_before
    assert red.hit.product.id in liked.session.likes


def test_a_disliked_product_never_returns(assistant, groups):
    source, _ = _sampled_pairs(groups)[0]
    reply = assistant.turn(assistant.new_session(), image=load_image(Path(source["image"])))
    disliked = [item.hit.product.id for item in reply.results[:3]]
    session = reply.session
    for product_id in disliked:
        session = assistant.turn(session, dislike=[product_id]).session
    for text in ("", "more like this", "any colour", "in blue", "#2"):
        reply = assistant.turn(session, text=text, k=50) if text else assistant.turn(session, k=50)
        assert not {item.hit.product.id for item in reply.results} & set(disliked)
        session = reply.session
    again = assistant.turn(session, more_like=disliked[0], k=50)
    assert disliked[0] not in {item.hit.product.id for item in again.results}


def test_reset_clears_everything(assistant, groups):
    source, _ = _sampled_pairs(groups)[1]
    reply = assistant.turn(assistant.new_session(), image=load_image(Path(source["image"])), text="in red under 300")
    session = assistant.turn(reply.session, like=[reply.results[0].hit.product.id]).session
    for text in ("start over", "重新开始"):
        cleared = assistant.turn(session, text=text)
        state = cleared.session
        assert (state.reference, state.constraints, state.likes, state.dislikes, state.last_results, state.semantic) == (
            None, (), (), (), (), "")
        assert cleared.results == () and cleared.constraints == ()
    restarted = assistant.turn(session, text="start over: red dresses")
    assert {(c.field, c.value) for c in restarted.constraints} == {("color", "red"), ("category", "dress")}
    assert all(r.hit.product.color == "red" and r.hit.product.category == "dress" for r in restarted.results)


def test_references_and_relative_requests_follow_the_shown_results(assistant):
    first = assistant.turn(assistant.new_session(), text="blue sneakers")
    third = first.results[2].hit.product
    reply = assistant.turn(first.session, text="#3 but in red")
    assert reply.session.reference.product_id == third.id
    assert all(item.hit.product.color == "red" for item in reply.results)
    assert third.id not in {item.hit.product.id for item in reply.results}
    with pytest.raises(BadReference) as error:
        assistant.turn(first.session, text="#12")
    assert "#12" in error.value.message("en") and "10" in error.value.message("en")
    with pytest.raises(NoResultsYet):
        assistant.turn(assistant.new_session(), text="cheaper")
    with pytest.raises(UnknownProduct):
        assistant.turn(first.session, like=["no-such-product"])


def test_newer_colour_replaces_older_and_constraints_stack_with_their_turns(assistant):
    reply = assistant.turn(assistant.new_session(), text="red dress")
    reply = assistant.turn(reply.session, text="blue")
    reply = assistant.turn(reply.session, text="under 400")
    assert [(a.constraint.field, a.constraint.op, a.constraint.value, a.turn) for a in reply.session.constraints] == [
        ("category", "eq", "dress", 1), ("color", "eq", "blue", 2), ("price", "lt", 400.0, 3)]
    assert all(r.hit.product.color == "blue" and r.hit.product.price < 400 for r in reply.results)
    wider = assistant.turn(reply.session, text="颜色不限")
    assert [c.field for c in wider.constraints] == ["category", "price"]


def test_empty_filters_say_so_and_offer_the_nearest_relaxation(assistant):
    reply = assistant.turn(assistant.new_session(), text="red sandals under 20")
    assert reply.results == () and reply.no_good_match
    cheapest = min(p.price for p in assistant.index.find([Constraint("category", "eq", "sandal"),
                                                          Constraint("color", "eq", "red")]))
    assert f"¥{cheapest:,.0f}" in reply.text and reply.question
    follow = assistant.turn(reply.session, text=reply.quick_replies[0].text)
    assert follow.results and all(r.hit.product.price <= cheapest for r in follow.results)
    zh = assistant.turn(assistant.new_session(), text="20元以下的红色凉鞋")
    assert zh.language == "zh" and "没有" in zh.text and f"¥{cheapest:,.0f}" in zh.text


def test_every_result_explains_itself(assistant, groups):
    source, target = _sampled_pairs(groups)[2]
    reply = assistant.turn(assistant.new_session(), image=load_image(Path(source["image"])),
                           text=f"in {target['color']} under 2000")
    top = reply.results[0]
    assert "like your photo" in top.why and f"{target['color']} ✓" in top.why and "< ¥2,000" in top.why
    assert 0.0 < top.hit.score <= 1.0
    contract = reply.to_contract()
    assert set(contract) == {"reply", "language", "encoder", "constraints", "results", "no_good_match", "question", "region",
                             "elapsed_ms"}
    assert set(contract["results"][0]) == {"rank", "id", "group_id", "title", "category", "color", "price", "score",
                                           "why"}


def test_session_survives_export_and_import_and_rejects_foreign_or_broken_files(assistant, groups):
    source, _ = _sampled_pairs(groups)[3]
    reply = assistant.turn(assistant.new_session(), image=load_image(Path(source["image"])), text="in navy")
    exported = reply.session.to_json()
    restored = SessionState.from_json(exported, catalog=assistant.catalog_id)
    assert restored == reply.session
    assert assistant.turn(restored, text="cheaper").results == assistant.turn(reply.session, text="cheaper").results
    with pytest.raises(SessionFormatError, match="another catalog"):
        SessionState.from_json(exported, catalog="other-catalog|other-encoder")
    with pytest.raises(SessionFormatError, match="not valid JSON"):
        SessionState.from_json(exported[:-5], catalog=assistant.catalog_id)
    edited = json.loads(exported)
    edited["constraints"].append({"field": "price", "op": "lt", "value": "cheap", "turn": 1})
    with pytest.raises(SessionFormatError, match="needs a number"):
        SessionState.from_dict(edited, catalog=assistant.catalog_id)
    edited["constraints"][-1] = {"field": "colour; drop table", "op": "eq", "value": "red"}
    with pytest.raises(SessionFormatError, match="invalid constraint"):
        SessionState.from_dict(edited, catalog=assistant.catalog_id)
