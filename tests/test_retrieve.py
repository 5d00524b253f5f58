"""Retrieval over a small stocked store with the fake encoder: which products a turn gets to score."""
from __future__ import annotations

import numpy as np
import pytest

from assistant.fusion import SpaceQuery
from assistant.queries import TurnQueries
from assistant.retrieve import Relaxation, TurnReads, relaxation, retrieve
from assistant.session import Reference, SessionState
from assistant.stacking import ActiveConstraint
from catalog.records import Constraint, Neighbour, Product

DRESS_A = {"dress-a-red", "dress-a-blue", "dress-a-black"}


@pytest.fixture
def photo_of(word_lengths, shop_photo):
    """The turn's queries and reference for an uploaded photo of a shop item (recognised as `recognised`)."""
    def photo(item: str, colour: str, recognised: str | None = None) -> tuple[TurnQueries, Reference]:
        vector = word_lengths.embed_image(shop_photo(item, colour))
        query = SpaceQuery("image", vector, 1.0, "reference")
        return TurnQueries((query,), reference_moved=False), Reference("upload", tuple(vector), recognised, "photo")
    return photo


def _state(reference: Reference | None = None, *constraints: Constraint, **fields) -> SessionState:
    return SessionState(catalog="c", reference=reference,
                        constraints=tuple(ActiveConstraint(c, 1) for c in constraints), **fields)


def test_every_colourway_of_the_recognised_item_competes_even_beyond_the_shortlist(fake_shop, photo_of):
    queries, reference = photo_of("dress-a", "red", recognised="dress-a-red")
    candidates = retrieve(TurnReads(fake_shop), _state(reference), queries, pool=1)
    assert set(candidates.ids) == DRESS_A
    assert candidates.same_item.all()
    assert {p.color for p in candidates.products.values()} == {"red", "blue", "black"}


def test_the_shoppers_filters_and_dislikes_hold_for_those_colourways_too(fake_shop, photo_of):
    queries, reference = photo_of("dress-a", "red", recognised="dress-a-red")
    state = _state(reference, Constraint("color", "ne", "blue"), dislikes=("dress-a-black", "dress-b-red"))
    candidates = retrieve(TurnReads(fake_shop), state, queries, pool=20)
    assert "dress-a-red" in candidates.ids
    assert not {"dress-a-blue", "dress-a-black", "dress-b-red"} & set(candidates.ids)
    assert all(p.color != "blue" for p in TurnReads(fake_shop).products(candidates.ids))
    assert [bool(same) for same in candidates.same_item] == [i.startswith("dress-a") for i in candidates.ids]


def test_more_like_a_product_leaves_that_product_out(fake_shop, word_lengths):
    vector = fake_shop.get_vectors(["bag-a-black"], "image")[0]
    reference = Reference("product", tuple(float(v) for v in vector), "bag-a-black", "Black Leather tote bag")
    queries = TurnQueries((SpaceQuery("image", vector, 1.0, "reference"),), reference_moved=False)
    candidates = retrieve(TurnReads(fake_shop), _state(reference), queries, pool=20)
    assert "bag-a-black" not in candidates.ids
    assert "bag-a-brown" in candidates.ids and len(candidates.ids) == 11
    assert candidates.vectors["image"].shape == (11, 4) and "text" not in candidates.vectors


def test_a_fresh_photos_own_lookup_is_reused_only_while_nothing_filters_or_moves_it(fake_shop, photo_of):
    queries, reference = photo_of("coat-a", "grey")
    looked_up = [Neighbour("coat-a-grey", 0.99), Neighbour("shirt-a-white", 0.9)]
    reused = retrieve(TurnReads(fake_shop), _state(reference), queries, pool=20, photo_neighbours=looked_up)
    assert reused.ids == ("coat-a-grey", "shirt-a-white")

    filtered = retrieve(TurnReads(fake_shop), _state(reference, Constraint("price", "lt", 100.0)), queries, pool=20,
                        photo_neighbours=looked_up)
    assert set(filtered.ids) == {"dress-b-red", "dress-b-green", "sandal-a-red", "sandal-a-white", "shirt-a-white",
                                 "shirt-a-blue"}
    moved = TurnQueries(queries.queries, reference_moved=True)
    assert len(retrieve(TurnReads(fake_shop), _state(reference), moved, pool=20, photo_neighbours=looked_up).ids) == 12


def test_liked_attributes_need_every_candidates_record(fake_shop, photo_of):
    queries, reference = photo_of("sandal-a", "white")
    candidates = retrieve(TurnReads(fake_shop), _state(reference), queries, pool=5, with_products=True)
    assert set(candidates.products) == set(candidates.ids) and len(candidates.ids) == 5


def test_nothing_passing_is_none_and_the_price_is_relaxed_first(fake_shop, word_lengths):
    constraints = [Constraint("color", "eq", "red"), Constraint("category", "eq", "sandal"),
                   Constraint("price", "lt", 30.0)]
    query = SpaceQuery("text", word_lengths.embed_text("red sandal"), 1.0, "text")
    state = _state(None, *constraints)
    assert retrieve(TurnReads(fake_shop), state, TurnQueries((query,), False), pool=20) is None
    offer = relaxation(fake_shop, constraints, ())
    assert (offer.edge.id, offer.upper) == ("sandal-a-red", True)
    dearest = relaxation(fake_shop, [Constraint("category", "eq", "dress"), Constraint("price", "gt", 500.0)], ())
    assert (dearest.edge.id, dearest.upper) == ("dress-a-black", False)


def test_without_a_price_to_relax_the_last_filter_that_frees_products_is_offered(fake_shop):
    green_sandal = [Constraint("color", "eq", "green"), Constraint("category", "eq", "sandal")]
    # Dropping the newest filter first: sandals in any colour.
    assert relaxation(fake_shop, green_sandal, ()) == Relaxation(dropped=green_sandal[1], count=1)
    # ...unless the shopper's dislikes leave none of those.
    assert relaxation(fake_shop, green_sandal, ("dress-b-green",)) == Relaxation(dropped=green_sandal[0], count=2)
    assert relaxation(fake_shop, [Constraint("color", "eq", "pink"), Constraint("price", "gt", 1000.0)], ()) is None


class _CountingIndex:
    """The store, counting the product reads that reach it."""

    def __init__(self, index) -> None:
        self.index, self.reads = index, []

    def get(self, ids):
        self.reads.append(list(ids))
        return self.index.get(ids)

    def __getattr__(self, name):
        return getattr(self.index, name)


def test_a_turn_reads_each_product_from_the_store_once(fake_shop):
    counting = _CountingIndex(fake_shop)
    reads = TurnReads(counting)
    assert [p.id for p in reads.products(["coat-a-grey", "bag-a-black"])] == ["coat-a-grey", "bag-a-black"]
    assert [p.id for p in reads.products(["bag-a-black", "coat-a-grey", "shirt-a-blue"])] == [
        "bag-a-black", "coat-a-grey", "shirt-a-blue"]
    assert reads.group_of("shirt-a-blue") == "shirt-a"
    assert counting.reads == [["coat-a-grey", "bag-a-black"], ["shirt-a-blue"]]


def test_products_pruned_from_the_catalog_since_are_forgotten(open_unit_index, word_lengths):
    index = open_unit_index(word_lengths)
    products = [Product(id=f"p{i}", group_id=f"g{i}", title=f"Item {i}", category="bag", color="black",
                        price=10.0 * (i + 1), image="/x.png") for i in range(3)]
    vectors = word_lengths.embed_texts([p.title for p in products])
    index.upsert(products, ["h"] * 3, vectors, vectors)
    index.delete(["p1"])
    reads = TurnReads(index)
    assert [p.id for p in reads.remembered(["p0", "p1", "p2"])] == ["p0", "p2"]
    assert np.allclose(reads.remembered_vectors(["p1", "p2"], "text"), vectors[2:])
    assert reads.remembered_vectors(["p1"], "image") == []
    assert reads.group_of("p1") is None
