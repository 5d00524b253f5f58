"""The assistant: one turn of photo and/or text against the session → ranked, explained products."""
from __future__ import annotations

import time
from dataclasses import replace
from typing import Sequence

from PIL import Image

from assistant.calibration import Thresholds, calibrate
from assistant.errors import BadReference, NoResultsYet, TextTooLong, UnknownProduct
from assistant.messages import say
from assistant.queries import turn_queries
from assistant.rank import COLOUR_TIE, Preferences, match_threshold, no_good_match, photo_colour, rank
from assistant.reply import RankedResult, Reply
from assistant.respond import Words, explained, found, nothing_passes
from assistant.retrieve import TurnReads, pool_size, relaxation, retrieve
from assistant.session import Reference, SessionState
from assistant.stacking import stack, without_fields
from assistant.understanding import TurnEdit, parse_turn
from catalog.color_inference import infer_color
from catalog.encoders.base import Encoder
from catalog.errors import ProductNotFound
from catalog.index import ProductIndex
from catalog.records import Constraint, Neighbour, Product

MAX_TEXT_CHARS = 2000
DEFAULT_K = 10
MAX_K = 50
# An upload's nearest products read to tell its best item from the next one (an item has a few colourways).
IDENTITY_READ = 10


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
        reads = TurnReads(self.index)
        photo_neighbours: list[Neighbour] | None = None
        if image is not None:
            state, photo_neighbours = self._with_photo(state, image, pool_size(k), reads)
        if more_like is not None:
            state = self._with_product_reference(state, self.product(more_like))
        if edit is not None:
            state = self._apply_edit(state, edit, new_photo=image is not None)

        if (reset or (edit and edit.reset)) and not self._has_query(state):
            return self._reply(state, Words(say("reset_done", language)), started)
        if not self._has_query(state):
            if (like or dislike) and not text.strip() and image is None:
                message = say("liked" if like else "disliked", language)
            else:
                message = say("need_input", language)
            return self._reply(state, Words(message), started)
        return self._search(state, k, started, reads, photo_neighbours)

    # --- applying what the shopper said -------------------------------------------------------------

    def _with_photo(
        self, state: SessionState, image: Image.Image, pool: int, reads: TurnReads
    ) -> tuple[SessionState, list[Neighbour]]:
        """The photo as the reference, and its `pool` nearest products (the shortlist, if no filter applies)."""
        vector = self.encoder.embed_image(image)
        neighbours = self.index.nearest("image", vector, pool)
        matched = self._recognised(neighbours, reads)
        # The colour only breaks near-ties among the recognised item's colourways: it is read (~2.5 ms) only
        # when another colourway is about as close as the best (about one recognised photo in five).
        color = infer_color(image)[0] if matched and self._near_tie(neighbours, reads.known) else None
        reference = Reference("upload", tuple(float(v) for v in vector), matched,
                              say("reference_photo", state.language), color=color)
        # A new photo defines the kind of item; the other filters the shopper set stay (they stay visible as chips).
        state = replace(state, reference=reference, semantic="",
                        constraints=tuple(without_fields(state.constraints, ["category"])))
        return state, neighbours

    def _recognised(self, neighbours: Sequence[Neighbour], reads: TurnReads) -> str | None:
        """The product an upload shows, if its item stands out from the next-nearest item; else None."""
        if not neighbours:
            return None
        read = neighbours[:IDENTITY_READ]
        reads.remembered([n.id for n in read])
        known = reads.known
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

    # --- the search: retrieve → rank → respond ---------------------------------------------------------

    def _search(
        self, state: SessionState, k: int, started: float, reads: TurnReads | None = None,
        photo_neighbours: Sequence[Neighbour] | None = None,
    ) -> Reply:
        """Ranks the catalog for `state`; `photo_neighbours` is this turn's photo look-up, reused when it can be."""
        reads = reads or TurnReads(self.index)
        queries = turn_queries(self.encoder, reads, state)
        if not queries.queries:
            return self._reply(state, Words(say("need_input", state.language)), started)
        constraints = state.active
        candidates = retrieve(reads, state, queries, pool_size(k), photo_neighbours=photo_neighbours,
                              with_products=bool(state.likes))
        if candidates is None:
            words = nothing_passes(constraints, state.language, relaxation(self.index, constraints, state.dislikes))
            return self._reply(replace(state, last_results=()), words, started, no_good_match=True)

        preferences = (Preferences.of(reads.remembered(state.likes), reads.remembered(state.dislikes))
                       if state.likes else None)
        ranked = rank(candidates, queries.queries, k, preferences=preferences,
                      photo_colour=photo_colour(state, constraints))
        results = explained(ranked, reads.products([r.id for r in ranked]), state, constraints)
        weak = no_good_match(ranked, match_threshold(queries.queries, self.thresholds))
        state = replace(state, last_results=tuple(item.hit.product.id for item in results))
        words = found(state, constraints, results, weak)
        return self._reply(state, words, started, results=results, no_good_match=weak)

    def _reply(
        self, state: SessionState, words: Words, started: float, *,
        results: tuple[RankedResult, ...] = (), no_good_match: bool = False,
    ) -> Reply:
        return Reply(
            text=words.text, language=state.language, encoder=self.encoder.name, constraints=tuple(state.active),
            results=results, no_good_match=no_good_match, question=words.question, quick_replies=words.quick_replies,
            elapsed_ms=(time.perf_counter() - started) * 1000, session=state,
            reference_label=state.reference.label if state.reference else None,
        )


