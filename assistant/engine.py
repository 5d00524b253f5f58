"""The assistant: one turn of photo and/or text against the session → ranked, explained products."""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import replace
from typing import Sequence

import numpy as np
from PIL import Image

from assistant.calibration import Thresholds, calibrate
from assistant.constraint_text import describe_constraint
from assistant.errors import BadReference, NoResultsYet, TextTooLong, UnknownProduct
from assistant.explain import filters_suffix, money, nothing_phrase, search_phrase, why_line
from assistant.fusion import SpaceQuery, attribute_affinity, fuse, rocchio, turn_weights
from assistant.messages import say
from assistant.reply import QuickReply, RankedResult, Reply
from assistant.semantic import split_negations
from assistant.session import Reference, SessionState
from assistant.stacking import stack, without_fields
from assistant.understanding import TurnEdit, parse_turn
from catalog.color_inference import infer_color
from catalog.encoders.base import Encoder
from catalog.errors import ProductNotFound
from catalog.index import ProductIndex
from catalog.palette import CATEGORY_NAMES, COLOR_NAMES
from catalog.records import Constraint, Hit, Neighbour, Product

MAX_TEXT_CHARS = 2000
DEFAULT_K = 10
MAX_K = 50
# How many candidates each space contributes before exact fusion re-scores them all.
POOL_FACTOR, MIN_POOL = 5, 60
# An upload's nearest products read to tell its best item from the next one (an item has a few colourways).
IDENTITY_READ = 10
PREFERENCE_WEIGHT = 0.2
# The photo's colour only breaks near-ties among its item's colourways: a colourway in that colour leads when it
# scores within this of the item's best. On benchmark seeds 11 and 17 the colourways it rightly promoted trailed
# by ≤ 0.043 and those it wrongly promoted (a white or beige garment read as grey) by ≥ 0.054.
COLOUR_TIE = 0.05


class Assistant:
    def __init__(self, encoder: Encoder, index: ProductIndex, thresholds: Thresholds | None = None) -> None:
        self.encoder = encoder
        self.index = index
        self._thresholds = thresholds

    @property
    def catalog_id(self) -> str:
        return f"{self.index.name}|{self.encoder.name}"

    @property
    def thresholds(self) -> Thresholds:
        if self._thresholds is None:
            self._thresholds = calibrate(self.index, self.encoder)
        return self._thresholds

    def new_session(self, language: str = "en") -> SessionState:
        return SessionState(catalog=self.catalog_id, language=language)

    def product(self, product_id: str) -> Product:
        if not isinstance(product_id, str) or not product_id:
            raise UnknownProduct(detail=str(product_id)[:80])
        try:
            return self.index.get([product_id])[0]
        except ProductNotFound:
            raise UnknownProduct(detail=product_id[:80]) from None

    def turn(
        self,
        state: SessionState,
        *,
        text: str = "",
        image: Image.Image | None = None,
        like: Sequence[str] = (),
        dislike: Sequence[str] = (),
        reset: bool = False,
        more_like: str | None = None,
        k: int = DEFAULT_K,
    ) -> Reply:
        """Runs one turn; raises a TurnError (or BadImage / IndexUnavailable) and leaves `state` untouched."""
        started = time.perf_counter()
        text = text or ""
        if len(text) > MAX_TEXT_CHARS:
            raise TextTooLong(limit=MAX_TEXT_CHARS)
        k = max(1, min(int(k), MAX_K))
        edit = parse_turn(text) if text.strip() else None
        language = edit.language if edit else state.language

        if reset or (edit and edit.reset):
            state = state.cleared()
        state = replace(state, language=language, turn=state.turn + 1)
        for product_id in like:
            state = state.liking(self.product(product_id).id)
        for product_id in dislike:
            state = state.disliking(self.product(product_id).id)
        known: dict[str, Product] = {}  # products already read this turn
        photo_neighbours: list[Neighbour] | None = None
        if image is not None:
            state, photo_neighbours = self._with_photo(state, image, _pool(k), known)
        if more_like is not None:
            state = self._with_product_reference(state, self.product(more_like))
        if edit is not None:
            state = self._apply_edit(state, edit, new_photo=image is not None)

        if (reset or (edit and edit.reset)) and not self._has_query(state):
            return self._bare_reply(state, say("reset_done", language), started)
        if not self._has_query(state):
            if (like or dislike) and not text.strip() and image is None:
                message = say("liked" if like else "disliked", language)
            else:
                message = say("need_input", language)
            return self._bare_reply(state, message, started)
        return self._search(state, k, started, known=known, photo_neighbours=photo_neighbours)

    # --- applying what the shopper said -------------------------------------------------------------

    def _with_photo(
        self, state: SessionState, image: Image.Image, pool: int, known: dict[str, Product]
    ) -> tuple[SessionState, list[Neighbour]]:
        """The photo as the reference, and its `pool` nearest products (the shortlist, if no filter applies)."""
        vector = self.encoder.embed_image(image)
        neighbours = self.index.nearest("image", vector, pool)
        matched = self._recognised(neighbours, known)
        # The colour only breaks near-ties among the recognised item's colourways: it is read (~2.5 ms) only
        # when another colourway is about as close as the best (about one recognised photo in five).
        color = infer_color(image)[0] if matched and self._near_tie(neighbours, known) else None
        reference = Reference("upload", tuple(float(v) for v in vector), matched,
                              say("reference_photo", state.language), color=color)
        # A new photo defines the kind of item; the other filters the shopper set stay (they stay visible as chips).
        state = replace(state, reference=reference, semantic="",
                        constraints=tuple(without_fields(state.constraints, ["category"])))
        return state, neighbours

    def _recognised(self, neighbours: Sequence[Neighbour], known: dict[str, Product]) -> str | None:
        """The product an upload shows, if its item stands out from the next-nearest item; else None."""
        if not neighbours:
            return None
        read = neighbours[:IDENTITY_READ]
        known.update((p.id, p) for p in self._known_products([n.id for n in read if n.id not in known]))
        best = known.get(read[0].id)
        if best is None:
            return None
        others = [n.score for n in read if n.id in known and known[n.id].group_id != best.group_id]
        # All read show one item: the next item scores at most the last one read, judged by that (conservatively);
        # when nothing is left unread, the catalog has no other item.
        runner_up = others[0] if others else (read[-1].score if len(neighbours) > len(read) else None)
        return best.id if self.thresholds.recognises(read[0].score, runner_up) else None

    @staticmethod
    def _near_tie(neighbours: Sequence[Neighbour], known: dict[str, Product]) -> bool:
        """Whether another colourway of the nearest item scores within COLOUR_TIE of it."""
        best = known[neighbours[0].id]
        return any(n.id != best.id and n.id in known and known[n.id].group_id == best.group_id
                   and n.score >= neighbours[0].score - COLOUR_TIE for n in neighbours[:IDENTITY_READ])

    def _with_product_reference(self, state: SessionState, product: Product) -> SessionState:
        vector = self.index.get_vectors([product.id], "image")[0]
        reference = Reference("product", tuple(float(v) for v in vector), product.id, product.title_in(state.language))
        return replace(state, reference=reference)

    def _apply_edit(self, state: SessionState, edit: TurnEdit, *, new_photo: bool) -> SessionState:
        anchor: Product | None = None
        if edit.reference is not None:
            if not state.last_results:
                raise NoResultsYet()
            # Negative ranks count from the end: "the last one" is -1.
            rank = edit.reference if edit.reference > 0 else len(state.last_results) + edit.reference + 1
            if not 1 <= rank <= len(state.last_results):
                raise BadReference(rank=edit.reference, count=len(state.last_results))
            anchor = self.product(state.last_results[rank - 1])
            state = self._with_product_reference(state, anchor)
        elif edit.more_like_this and state.last_results and not new_photo:
            # With a photo in the same message, "more like this" means the photo.
            anchor = self.product(state.last_results[0])
            state = self._with_product_reference(state, anchor)

        constraints = without_fields(state.constraints, edit.remove_fields)
        added = list(edit.add)
        if edit.relative_price:
            anchor = anchor or self._looked_at(state)
            if anchor is None:
                raise NoResultsYet()
            op = "lt" if edit.relative_price == "lower" else "gt"
            added = [Constraint("category", "eq", anchor.category), Constraint("price", op, float(anchor.price))] + added
        constraints = stack(constraints, added, state.turn)
        semantic = edit.semantic if edit.semantic else state.semantic
        return replace(state, constraints=tuple(constraints), semantic=semantic)

    def _looked_at(self, state: SessionState) -> Product | None:
        """The product a relative request ("cheaper") is relative to: the top result, else the reference."""
        if state.last_results:
            return self.product(state.last_results[0])
        if state.reference is not None and state.reference.product_id:
            return self.product(state.reference.product_id)
        return None

    @staticmethod
    def _has_query(state: SessionState) -> bool:
        return bool(state.reference or state.semantic or state.constraints or state.likes)

    # --- retrieval ----------------------------------------------------------------------------------

    def _search(
        self, state: SessionState, k: int, started: float, *, known: dict[str, Product] | None = None,
        photo_neighbours: Sequence[Neighbour] | None = None,
    ) -> Reply:
        """Ranks the catalog for `state`; `photo_neighbours` is this turn's photo look-up, reused when it can be."""
        known = {} if known is None else known
        language = state.language
        constraints = state.active
        filters = list(constraints)
        if state.dislikes:
            filters.append(Constraint("id", "nin", state.dislikes))
        liked, liked_text = self._vectors(state.likes, "image"), self._vectors(state.likes, "text")
        disliked, disliked_text = self._vectors(state.dislikes, "image"), self._vectors(state.dislikes, "text")

        wanted_text, negated_text = split_negations(state.semantic)
        query_text = wanted_text or (self._constraint_query(constraints) if state.reference is None else "")
        if negated_text:
            # "without a logo": the words are pushed away from, never searched for.
            negated = self.encoder.embed_text(negated_text)
            disliked_text = [*disliked_text, negated]
            if self.encoder.shared_space:
                disliked = [*disliked, negated]
        queries = self._queries(state, query_text, list(liked), list(disliked), list(liked_text), list(disliked_text))
        if not queries:
            return self._bare_reply(state, say("need_input", language), started)
        pool = _pool(k)
        # A fresh photo's own look-up is the reference's shortlist when nothing filters or moves that query.
        reuse = (photo_neighbours is not None and state.reference is not None and state.reference.source == "upload"
                 and not filters and not liked and not disliked)
        # Shortlists carry ids and scores only; products are read once, for what is shown.
        candidates: dict[str, None] = {}
        for query in queries:
            found = (photo_neighbours if reuse and query.role == "reference"
                     else self.index.nearest(query.space, query.vector, pool, filters))
            for neighbour in found:
                candidates.setdefault(neighbour.id, None)
        reference_group = self._reference_group(state, known)
        group_ids: set[str] = set()
        if reference_group:
            # Every colourway of the item the shopper pointed at competes, even if the shortlists missed it.
            # The group alone is fetched and the filters applied here: at 100k products Chroma evaluates a
            # combined where in 35-145 ms, the group alone (a handful of rows) in ~6 ms.
            for product in self.index.find([Constraint("group_id", "eq", reference_group)]):
                known[product.id] = product
                group_ids.add(product.id)
                if all(constraint.holds_for(product) for constraint in filters):
                    candidates.setdefault(product.id, None)

        if state.reference is not None and state.reference.source == "product":
            # "More like this one" means others: the product itself is already on the shopper's screen.
            candidates.pop(state.reference.product_id, None)
        if not candidates:
            return self._empty_reply(state, constraints, started)

        ids = list(candidates)
        vectors = {space: self.index.get_vectors(ids, space) for space in {q.space for q in queries}}
        fused, parts = fuse(vectors, queries)
        if state.likes:
            fused, parts = self._with_attribute_preferences(state, self._products(ids, known), queries, fused, parts)
        same_item = np.array([i in group_ids for i in ids], dtype=bool)
        # Among a recognised photo's colourways, one in the photo's colour leads when it is about as close as the
        # best (unless the shopper asks for a colour).
        colour = self._photo_colour(state, constraints)
        in_colour = np.zeros(len(ids), dtype=bool)
        if colour is not None and same_item.any():
            tie = float(fused[same_item].max()) - COLOUR_TIE
            in_colour = np.array([same and known[i].color == colour and score >= tie
                                  for i, same, score in zip(ids, same_item, fused)], dtype=bool)
        # The same item in another colourway comes first; within each tier, the honest fused score decides.
        order = sorted(range(len(ids)), key=lambda row: (not same_item[row], not in_colour[row], -fused[row]))[:k]
        shown = self._products([ids[row] for row in order], known)
        threshold = self._threshold(queries)
        hits = []
        for rank, (row, product) in enumerate(zip(order, shown), start=1):
            row_parts = {key: float(values[row]) for key, values in parts.items()}
            why = why_line(
                product, row_parts, constraints, language,
                reference_label=self._reference_label(state),
                reference_is_photo=bool(state.reference and state.reference.source == "upload"),
                same_item=bool(same_item[row]) and product.id != (state.reference.product_id if state.reference else None),
                text=state.semantic,
                liked=row_parts.get("preference:attributes", 0.0) > 0.25,
            )
            hits.append(RankedResult(rank, Hit(product, float(fused[row]), row_parts), why))
        best = max(float(fused[row]) for row in order)
        no_good_match = best < threshold and not any(same_item[row] for row in order)
        state = replace(state, last_results=tuple(item.hit.product.id for item in hits))

        question, quick = None, ()
        if state.reference is None and not any(c.field == "category" and c.op in ("eq", "in") for c in constraints):
            question, quick = self._clarify(hits, language)
        what, filter_words = search_phrase(constraints, language)
        filters_text = filters_suffix(filter_words, language)
        if no_good_match:
            text = say("no_good_match", language, filters=filters_text)
        elif state.reference is not None:
            text = (say("found_like_photo", language, what=what, filters=filters_text) if state.reference.source == "upload"
                    else say("found_like_product", language, what=what, label=state.reference.label, filters=filters_text))
        elif not state.semantic and not constraints and state.likes:
            text = say("found_preferences", language, what=what, filters=filters_text)
        elif state.semantic:
            text = say("found_semantic", language, what=what, text=state.semantic[:60], filters=filters_text)
        else:
            text = say("found_text", language, what=what, filters=filters_text)
        if question:
            text = f"{text} {question}"
        return Reply(
            text=text, language=language, encoder=self.encoder.name, constraints=tuple(constraints),
            results=tuple(hits), no_good_match=no_good_match, question=question, quick_replies=quick,
            elapsed_ms=(time.perf_counter() - started) * 1000, session=state,
            reference_label=self._reference_label(state),
        )

    def _queries(self, state, query_text, liked, disliked, liked_text, disliked_text) -> list[SpaceQuery]:
        has_reference = state.reference is not None
        weights = turn_weights(has_reference, bool(query_text), self.encoder.shared_space)
        queries = []
        if has_reference:
            vector = rocchio(np.asarray(state.reference.vector, dtype=np.float32), liked, disliked)
            queries.append(SpaceQuery("image", vector, weights[("reference", "image")], "reference"))
        if query_text:
            text_vector = self.encoder.embed_text(query_text)
            queries.append(SpaceQuery("text", rocchio(text_vector, liked_text, disliked_text),
                                      weights[("text", "text")], "text"))
            if ("text", "image") in weights:
                queries.append(SpaceQuery("image", rocchio(text_vector, liked, disliked),
                                          weights[("text", "image")], "text"))
        if liked_text and not query_text:
            # A liked colour or kind should rise even when nothing was typed: the liked items' words pull too.
            queries.append(SpaceQuery("text", rocchio(None, liked_text, disliked_text), PREFERENCE_WEIGHT, "preference"))
        if liked and not has_reference and not query_text:
            queries.append(SpaceQuery("image", rocchio(None, liked, disliked), 1.0 - PREFERENCE_WEIGHT, "preference"))
        return [q for q in queries if q.vector is not None]

    def _with_attribute_preferences(self, state, products, queries, fused, parts):
        liked = [(p.color, p.category) for p in self._known_products(state.likes)]
        disliked = [(p.color, p.category) for p in self._known_products(state.dislikes)]
        affinity = attribute_affinity([(p.color, p.category) for p in products], liked, disliked)
        total = sum(q.weight for q in queries)
        blended = (fused * total + PREFERENCE_WEIGHT * affinity) / (total + PREFERENCE_WEIGHT)
        return blended.astype(np.float32), {**parts, "preference:attributes": affinity}

    def _known_products(self, ids: Sequence[str]) -> list[Product]:
        try:
            return self.index.get(list(ids)) if ids else []
        except ProductNotFound as missing:
            known = [i for i in ids if i not in set(missing.ids)]
            return self.index.get(known) if known else []

    def _vectors(self, ids: Sequence[str], space: str) -> list[np.ndarray]:
        """Vectors of remembered products; one pruned from the catalog since is simply forgotten."""
        if not ids:
            return []
        try:
            return list(self.index.get_vectors(list(ids), space))
        except ProductNotFound as missing:
            known = [i for i in ids if i not in set(missing.ids)]
            return list(self.index.get_vectors(known, space)) if known else []

    def _threshold(self, queries: Sequence[SpaceQuery]) -> float:
        total = sum(q.weight for q in queries)
        return sum(q.weight * self.thresholds.baseline(q.role, q.space, q.vector) for q in queries) / total

    def _reference_group(self, state: SessionState, known: dict[str, Product]) -> str | None:
        if state.reference is None or not state.reference.product_id:
            return None
        product_id = state.reference.product_id
        if product_id not in known:
            try:
                known[product_id] = self.product(product_id)
            except UnknownProduct:
                return None
        return known[product_id].group_id

    def _products(self, ids: Sequence[str], known: dict[str, Product]) -> list[Product]:
        """The products of `ids` in order, reading from the index only those not yet read this turn."""
        missing = [i for i in dict.fromkeys(ids) if i not in known]
        if missing:
            known.update(zip(missing, self.index.get(missing)))
        return [known[i] for i in ids]

    @staticmethod
    def _photo_colour(state: SessionState, constraints: Sequence[Constraint]) -> str | None:
        """The colour read from a recognised photo, unless the shopper asks for colours themselves."""
        reference = state.reference
        if reference is None or reference.source != "upload" or any(c.field == "color" for c in constraints):
            return None
        return reference.color

    @staticmethod
    def _reference_label(state: SessionState) -> str | None:
        return state.reference.label if state.reference else None

    @staticmethod
    def _constraint_query(constraints: Sequence[Constraint]) -> str:
        """Constraints alone ("red dress") still need an order: rank by how well products read as that phrase."""
        words = []
        for c in constraints:
            if c.op == "eq" and c.field == "color":
                words.append(COLOR_NAMES["en"][c.value])
            elif c.op == "eq" and c.field == "category":
                words.append(CATEGORY_NAMES["en"][c.value])
            elif c.op == "in" and c.field in ("color", "category"):
                names = COLOR_NAMES["en"] if c.field == "color" else CATEGORY_NAMES["en"]
                words.append(" or ".join(names[v] for v in c.value))
        return " ".join(words)

    def _clarify(self, hits: Sequence[RankedResult], language: str) -> tuple[str | None, tuple[QuickReply, ...]]:
        categories = Counter(item.hit.product.category for item in hits)
        if len(hits) < 4 or len(categories) < 3 or categories.most_common(1)[0][1] / len(hits) >= 0.5:
            return None, ()
        names = CATEGORY_NAMES[language]
        quick = tuple(QuickReply(names[c], names[c]) for c, _ in categories.most_common(4))
        return say("clarify_category", language), quick

    # --- replies without results --------------------------------------------------------------------

    def _bare_reply(self, state: SessionState, message: str, started: float) -> Reply:
        return Reply(
            text=message, language=state.language, encoder=self.encoder.name, constraints=tuple(state.active),
            results=(), no_good_match=False, question=None, quick_replies=(),
            elapsed_ms=(time.perf_counter() - started) * 1000, session=state,
            reference_label=self._reference_label(state),
        )

    def _empty_reply(self, state: SessionState, constraints: list[Constraint], started: float) -> Reply:
        """Nothing passes the filters: say so, and offer the nearest relaxation that has products."""
        language = state.language
        what, filter_words = search_phrase(constraints, language)
        text = say("nothing_passes", language, what=nothing_phrase(what, filter_words, language))
        question, quick = None, ()
        exclusions = [Constraint("id", "nin", state.dislikes)] if state.dislikes else []
        price_bounds = [c for c in constraints if c.field == "price"]
        others = [c for c in constraints if c.field != "price"]
        relaxed = False
        if price_bounds:
            available = self.index.find(others + exclusions)
            if available:
                upper = any(c.op in ("lt", "le") for c in price_bounds)
                chosen = min(available, key=lambda p: p.price) if upper else max(available, key=lambda p: p.price)
                price = money(chosen.price, chosen.currency)
                text += say("relax_price_cheapest" if upper else "relax_price_dearest", language, price=price)
                question = text
                follow_up = (f"{chosen.price:g}元以内" if language == "zh" else f"max {chosen.price:g}") if upper else (
                    f"{chosen.price:g}元以上" if language == "zh" else f"at least {chosen.price:g}")
                quick = (QuickReply(say("show_those", language), follow_up),)
                relaxed = True
        if not relaxed:
            for dropped in reversed(constraints):
                remaining = [c for c in constraints if c != dropped]
                count = len(self.index.find(remaining + exclusions))
                if count:
                    label = describe_constraint(dropped, language)
                    text += say("relax_drop", language, constraint=label, count=count)
                    question = text
                    quick = (QuickReply(say("show_those", language), _removal_text(dropped.field, language)),)
                    relaxed = True
                    break
        if not relaxed:
            text += say("relax_none", language)
        return Reply(
            text=text, language=language, encoder=self.encoder.name, constraints=tuple(constraints), results=(),
            no_good_match=True, question=question, quick_replies=quick,
            elapsed_ms=(time.perf_counter() - started) * 1000, session=replace(state, last_results=()),
            reference_label=self._reference_label(state),
        )


def _pool(k: int) -> int:
    return max(MIN_POOL, POOL_FACTOR * k)


def _removal_text(field: str, language: str) -> str:
    phrases = {
        "color": {"en": "any colour", "zh": "颜色不限"},
        "category": {"en": "any category", "zh": "类别不限"},
        "price": {"en": "any price", "zh": "价格不限"},
    }
    return phrases.get(field, phrases["price"])[language]
