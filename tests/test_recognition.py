"""Recognising an upload as a catalog item, and ordering that item's colourways by the photo's colour."""
from __future__ import annotations

import json
from collections import defaultdict

import numpy as np
import pytest
from PIL import Image

from assistant.calibration import Thresholds, separation
from assistant.engine import COLOUR_TIE, Assistant
from assistant.session import Reference, SessionFormatError, SessionState
from benchmarks.degrade import Degradation, degrade, random_degradation
from catalog.color_inference import infer_color
from catalog.images import load_image

# A shopper's photo of a catalog item: off-white paper, a slight tilt and crop, a smaller JPEG.
SHOPPER_PHOTO = Degradation(background="off-white", angle=4.0, crop=0.92, side=224, brightness=0.95, jpeg_quality=70)


@pytest.fixture(scope="module")
def assistant(demo_lite_index, lite_encoder) -> Assistant:
    index, _ = demo_lite_index
    return Assistant(lite_encoder, index)


@pytest.fixture(scope="module")
def groups(assistant) -> list[list]:
    """Items with at least three colourways, in a fixed order."""
    by_group = defaultdict(list)
    for product in sorted(assistant.index.find(), key=lambda p: p.id):
        by_group[product.group_id].append(product)
    return [members for _, members in sorted(by_group.items()) if len(members) >= 3]


def _sample(groups: list[list], count: int) -> list[list]:
    return [groups[i] for i in np.random.default_rng(3).choice(len(groups), size=count, replace=False)]


def _unseen_photos(count: int) -> list[Image.Image]:
    """Fashion-MNIST test items (never in the catalog), coloured and photographed as the benchmark does."""
    from catalog.colorize import colorize
    from catalog.demo import load_scans
    from catalog.records import COLORS

    scans = load_scans("test")
    rng = np.random.default_rng(4)
    photos = []
    for i in rng.choice(len(scans.labels), size=count, replace=False):
        clean = colorize(scans.images[i], COLORS[rng.integers(len(COLORS))], size=128, variant_seed=int(i))
        photos.append(degrade(clean, random_degradation(rng), rng))
    return photos


# --- the rule -----------------------------------------------------------------------------------------------

def test_separation_is_the_share_of_the_gap_to_a_perfect_match_the_best_closes():
    assert separation(0.9, 0.8) == pytest.approx(0.5)
    assert separation(0.8, 0.8) == 0.0
    assert separation(1.0, 0.6) == pytest.approx(1.0)


def test_an_item_is_recognised_only_when_it_stands_out_from_the_next_item():
    thresholds = Thresholds(image=0.6, identity=0.6, text_lift=0.0, identity_margin=0.2)
    assert thresholds.recognises(0.90, 0.80)  # closes half the gap
    assert not thresholds.recognises(0.82, 0.80)  # high, but another item is about as close
    assert not thresholds.recognises(0.55, 0.10)  # stands out, but is no match at all
    assert thresholds.recognises(0.70, None)  # nothing else in the catalog


def test_calibration_measures_the_margin_on_the_catalog_itself(assistant):
    thresholds = assistant.thresholds
    assert thresholds.identity == thresholds.image
    # Between "anything stands out a little" and "only the very same picture".
    assert 0.02 < thresholds.identity_margin < 0.6


# --- on the real demo catalog -------------------------------------------------------------------------------

def test_a_catalog_photo_is_recognised_as_exactly_that_product(assistant, groups):
    for members in _sample(groups, 6):
        product = members[1]
        reply = assistant.turn(assistant.new_session(), image=load_image(product.image))
        # Its own colourways are as close as photos get; they are the same item, so they do not count against it.
        assert reply.session.reference.product_id == product.id
        assert reply.results[0].hit.product.id == product.id


def test_shoppers_photos_of_catalog_items_are_mostly_recognised(assistant, groups):
    rng = np.random.default_rng(5)
    sampled = [members[0] for members in _sample(groups, 12)]
    recognised = []
    for product in sampled:
        reply = assistant.turn(assistant.new_session(), image=degrade(load_image(product.image), SHOPPER_PHOTO, rng))
        matched = reply.session.reference.product_id
        assert matched is None or assistant.product(matched).group_id == product.group_id  # never another item
        recognised.append(matched is not None)
    assert sum(recognised) >= 9, recognised


def test_photos_of_items_the_shop_lacks_are_rarely_taken_for_a_catalog_item(assistant):
    recognised = [assistant.turn(assistant.new_session(), image=photo).session.reference.product_id is not None
                  for photo in _unseen_photos(40)]
    # Many unseen garments are near-twins of catalog ones (plain t-shirts, trousers); these 40 give 8 (the old
    # absolute threshold: 10); on the benchmark's 200, 0.12 (before: 0.19).
    assert sum(recognised) <= 10, recognised


def test_a_fresh_photo_turn_searches_the_index_once(assistant, groups):
    calls = defaultdict(int)

    class Counting:
        def __getattr__(self, name):
            value = getattr(assistant.index, name)
            if not callable(value):
                return value

            def counted(*args, **kwargs):
                calls[name] += 1
                return value(*args, **kwargs)

            return counted

    counting = Assistant(assistant.encoder, Counting(), assistant.thresholds)
    photo = load_image(groups[0][0].image)
    plain = counting.turn(counting.new_session(), image=photo)
    assert (calls["nearest"], calls["query"]) == (1, 0)  # the identity look-up is the shortlist
    # The same ranking as searching again: rebuild the state and search without the look-up.
    again = assistant._search(plain.session, 10, 0.0)
    assert [r.hit.product.id for r in again.results] == [r.hit.product.id for r in plain.results]
    assert [r.hit.score for r in again.results] == [r.hit.score for r in plain.results]
    calls.clear()
    counting.turn(counting.new_session(), image=photo, text="like this but in red")
    assert calls["nearest"] == 2  # a colour filter: the shortlist is searched for under it


# --- the colour of the photo orders the recognised item's colourways ----------------------------------------

def _upload(assistant: Assistant, pictured, color: str | None, *, like=None) -> SessionState:
    """A session whose photo was recognised as `pictured` and read as `color`; its vector lies between `pictured`
    and `like` when given (a photo about equally close to both colourways)."""
    vectors = assistant.index.get_vectors([pictured.id] + ([like.id] if like else []), "image")
    vector = vectors.sum(axis=0) / np.linalg.norm(vectors.sum(axis=0))
    reference = Reference("upload", tuple(float(v) for v in vector), pictured.id, "your photo", color=color)
    return SessionState(catalog=assistant.catalog_id, reference=reference)


def _ids(reply) -> list[str]:
    return [item.hit.product.id for item in reply.results]


def test_the_colourway_in_the_photos_colour_breaks_a_near_tie(assistant, groups):
    for members in _sample(groups, 8):
        first, second = members[0], members[1]
        # A photo as close to one colourway as to the other: its colour decides, either way.
        assert _ids(assistant.turn(_upload(assistant, first, second.color, like=second)))[0] == second.id
        assert _ids(assistant.turn(_upload(assistant, first, first.color, like=second)))[0] == first.id
        # Only the order inside the item's tier changes.
        plain = _ids(assistant.turn(_upload(assistant, first, None, like=second)))
        coloured = _ids(assistant.turn(_upload(assistant, first, second.color, like=second)))
        assert set(coloured[:len(members)]) == {m.id for m in members}
        assert coloured[len(members):] == plain[len(members):]


def test_the_photos_colour_does_not_overrule_a_clear_image_lead(assistant, groups):
    checked = 0
    for members in _sample(groups, 8):
        pictured = members[0]
        vectors = assistant.index.get_vectors([m.id for m in members], "image")
        # A colourway the photo is clearly less like (colourways of one item: cosine ~0.8, rarely above 0.94).
        far = [m for m, v in zip(members[1:], vectors[1:]) if float(v @ vectors[0]) < 1.0 - 2 * COLOUR_TIE]
        if not far:
            continue
        reply = assistant.turn(_upload(assistant, pictured, far[0].color))
        assert _ids(reply)[0] == pictured.id
        checked += 1
    assert checked >= 6


def test_an_asked_colour_overrides_the_photos_colour(assistant, groups):
    members = _sample(groups, 1)[0]
    first, second, asked = members[0], members[1], members[2]
    reply = assistant.turn(_upload(assistant, first, second.color, like=second), text=f"in {asked.color}")
    assert _ids(reply)[0] == asked.id
    assert all(item.hit.product.color == asked.color for item in reply.results)
    # Once the asked colour is dropped, the photo's colour orders the colourways again.
    back = assistant.turn(reply.session, text="any colour")
    assert _ids(back)[0] == second.id


def test_the_photos_colour_is_read_when_it_can_break_a_tie(assistant, groups):
    """Reading the colour costs a few ms: only a recognised photo close to two of its item's colourways needs it."""
    rng = np.random.default_rng(6)
    seen = {"tie": 0, "clear": 0}
    for members in _sample(groups, 40):
        photo = degrade(load_image(members[0].image), SHOPPER_PHOTO, rng)
        reply = assistant.turn(assistant.new_session(), image=photo)
        reference = reply.session.reference
        if reference.product_id is None:
            assert reference.color is None
            continue
        scores = sorted((r.hit.score for r in reply.results if r.hit.product.group_id == members[0].group_id),
                        reverse=True)
        tie = len(scores) > 1 and scores[1] >= scores[0] - COLOUR_TIE
        assert reference.color == (infer_color(photo)[0] if tie else None)
        seen["tie" if tie else "clear"] += 1
    assert seen["tie"] >= 2 and seen["clear"] >= 10, seen


# --- the session file ---------------------------------------------------------------------------------------

def test_the_photos_colour_survives_the_session_file_and_older_files_still_load(assistant, groups):
    state = _upload(assistant, groups[0][0], "navy")
    loaded = SessionState.from_json(state.to_json(), catalog=assistant.catalog_id)
    assert loaded.reference == state.reference
    data = json.loads(state.to_json())
    del data["reference"]["color"]  # a file saved before the colour was kept
    assert SessionState.from_dict(data).reference.color is None
    unrecognised = _upload(assistant, groups[0][0], None)
    assert "color" not in json.loads(unrecognised.to_json())["reference"]
    data["reference"]["color"] = "plaid"
    with pytest.raises(SessionFormatError):
        SessionState.from_dict(data)
