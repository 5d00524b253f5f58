"""Retrieval: a turn's candidates from the catalog store — shortlists per query, the reference item's colourways."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import numpy as np

from assistant.queries import TurnQueries
from assistant.session import SessionState
from catalog.errors import ProductNotFound
from catalog.index import ProductIndex
from catalog.records import Constraint, Neighbour, Product

# How many candidates each space contributes before exact fusion re-scores them all.
POOL_FACTOR, MIN_POOL = 5, 60


def pool_size(k: int) -> int:
    return max(MIN_POOL, POOL_FACTOR * k)


class TurnReads:
    """One turn's reads of the store: a product record is read at most once a turn."""

    def __init__(self, index: ProductIndex) -> None:
        self.index = index
        self.known: dict[str, Product] = {}

    def products(self, ids: Sequence[str]) -> list[Product]:
        """The products of `ids` in order; an id the store does not hold raises ProductNotFound."""
        missing = [i for i in dict.fromkeys(ids) if i not in self.known]
        if missing:
            self.known.update(zip(missing, self.index.get(missing)))
        return [self.known[i] for i in ids]

    def remembered(self, ids: Sequence[str]) -> list[Product]:
        """Products the session remembers; one pruned from the catalog since is simply forgotten."""
        unread = [i for i in dict.fromkeys(ids) if i not in self.known]
        self.known.update((p.id, p) for p in _still_held(self.index.get, unread))
        return [self.known[i] for i in ids if i in self.known]

    def remembered_vectors(self, ids: Sequence[str], space: str) -> list[np.ndarray]:
        """Vectors of remembered products; one pruned from the catalog since is simply forgotten."""
        return _still_held(lambda held: self.index.get_vectors(held, space), list(ids))

    def group_of(self, product_id: str | None) -> str | None:
        """The item (group) a product belongs to; None for no product or one no longer in the catalog."""
        if not product_id:
            return None
        try:
            return self.products([product_id])[0].group_id
        except ProductNotFound:
            return None


def _still_held(read: Callable[[list[str]], Sequence], ids: list[str]) -> list:
    """`read(ids)` as a list, retried without the ids the store says it no longer holds."""
    if not ids:
        return []
    try:
        return list(read(ids))
    except ProductNotFound as missing:
        gone = set(missing.ids)
        held = [i for i in ids if i not in gone]
        return list(read(held)) if held else []


@dataclass(frozen=True)
class Candidates:
    """What ranking scores: candidate ids, their vectors per queried space (rows aligned), and which are the same
    item as the reference. `products` holds the records read so far: every same-item one, every one when asked."""

    ids: tuple[str, ...]
    vectors: Mapping[str, np.ndarray]
    same_item: np.ndarray
    products: Mapping[str, Product]


def search_filters(state: SessionState) -> list[Constraint]:
    """The shopper's active constraints, plus: never a product they disliked."""
    filters = list(state.active)
    if state.dislikes:
        filters.append(Constraint("id", "nin", state.dislikes))
    return filters


def retrieve(
    reads: TurnReads,
    state: SessionState,
    queries: TurnQueries,
    pool: int,
    *,
    photo_neighbours: Sequence[Neighbour] | None = None,
    with_products: bool = False,
) -> Candidates | None:
    """Everything worth scoring for `state`, or None when nothing passes its filters.

    `photo_neighbours` is this turn's own photo look-up, reused when it can be. `with_products` reads every
    candidate's record (ranking by liked attributes needs them).
    """
    filters = search_filters(state)
    # A fresh photo's own look-up is the reference's shortlist when nothing filters or moves that query.
    reuse = (photo_neighbours is not None and state.reference is not None and state.reference.source == "upload"
             and not filters and not queries.reference_moved)
    # Shortlists carry ids and scores only; products are read once, for what is shown.
    candidates: dict[str, None] = {}
    for query in queries.queries:
        found = (photo_neighbours if reuse and query.role == "reference"
                 else reads.index.nearest(query.space, query.vector, pool, filters))
        for neighbour in found:
            candidates.setdefault(neighbour.id, None)
    reference_id = state.reference.product_id if state.reference is not None else None
    reference_group = reads.group_of(reference_id)
    group_ids: set[str] = set()
    if reference_group:
        # Every colourway of the item the shopper pointed at competes, even if the shortlists missed it.
        # The group alone is fetched and the filters applied here: at 100k products Chroma evaluates a
        # combined where in 35-145 ms, the group alone (a handful of rows) in ~6 ms.
        for product in reads.index.find([Constraint("group_id", "eq", reference_group)]):
            reads.known[product.id] = product
            group_ids.add(product.id)
            if all(constraint.holds_for(product) for constraint in filters):
                candidates.setdefault(product.id, None)
    if state.reference is not None and state.reference.source == "product":
        # "More like this one" means others: the product itself is already on the shopper's screen.
        candidates.pop(state.reference.product_id, None)
    if not candidates:
        return None

    ids = list(candidates)
    vectors = {space: reads.index.get_vectors(ids, space) for space in {q.space for q in queries.queries}}
    if with_products:
        reads.products(ids)
    return Candidates(
        ids=tuple(ids), vectors=vectors, same_item=np.array([i in group_ids for i in ids], dtype=bool),
        products={i: reads.known[i] for i in ids if i in reads.known},
    )


@dataclass(frozen=True)
class Relaxation:
    """The nearest way out of an empty result: a price that has products, or one constraint fewer."""

    dropped: Constraint | None = None
    count: int = 0
    # With price bounds: the product at the edge of what exists, and whether the shopper's bound was an upper one.
    edge: Product | None = None
    upper: bool = False


def relaxation(index: ProductIndex, constraints: Sequence[Constraint], dislikes: tuple[str, ...]) -> Relaxation | None:
    """What relaxing the shopper's constraints would show, the price first; None when nothing would."""
    exclusions = [Constraint("id", "nin", dislikes)] if dislikes else []
    price_bounds = [c for c in constraints if c.field == "price"]
    if price_bounds:
        available = index.find([c for c in constraints if c.field != "price"] + exclusions)
        if available:
            upper = any(c.op in ("lt", "le") for c in price_bounds)
            edge = min(available, key=lambda p: p.price) if upper else max(available, key=lambda p: p.price)
            return Relaxation(edge=edge, upper=upper)
    for dropped in reversed(constraints):
        count = len(index.find([c for c in constraints if c != dropped] + exclusions))
        if count:
            return Relaxation(dropped=dropped, count=count)
    return None
