"""Responding: a turn's words — each result's why-line, what was found, a clarifying question, a relaxation offer."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from assistant.constraint_text import describe_constraint
from assistant.explain import filters_suffix, money, nothing_phrase, search_phrase, why_line
from assistant.messages import say
from assistant.rank import Ranked
from assistant.reply import QuickReply, RankedResult
from assistant.retrieve import Relaxation
from assistant.session import SessionState
from catalog.palette import CATEGORY_NAMES
from catalog.records import Constraint, Hit, Product


@dataclass(frozen=True)
class Words:
    """What the assistant says: the reply, the question in it (if any) and the buttons that answer it."""

    text: str
    question: str | None = None
    quick_replies: tuple[QuickReply, ...] = ()


def explained(
    ranked: Sequence[Ranked], products: Sequence[Product], state: SessionState, constraints: Sequence[Constraint]
) -> tuple[RankedResult, ...]:
    """The ranked products (`products` aligned with `ranked`), each with the one line saying why it is there."""
    reference = state.reference
    results = []
    for position, (item, product) in enumerate(zip(ranked, products), start=1):
        why = why_line(
            product, item.parts, constraints, state.language,
            reference_label=reference.label if reference else None,
            reference_is_photo=bool(reference and reference.source == "upload"),
            same_item=item.same_item and product.id != (reference.product_id if reference else None),
            text=state.semantic,
            liked=item.parts.get("preference:attributes", 0.0) > 0.25,
        )
        results.append(RankedResult(position, Hit(product, item.score, item.parts), why))
    return tuple(results)


def found(
    state: SessionState, constraints: Sequence[Constraint], results: Sequence[RankedResult], no_good_match: bool
) -> Words:
    """What was found, in the shopper's language, with a question when the results spread over many kinds."""
    language = state.language
    question, quick = None, ()
    if state.reference is None and not any(c.field == "category" and c.op in ("eq", "in") for c in constraints):
        question, quick = clarify(results, language)
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
    return Words(text, question, quick)


def clarify(results: Sequence[RankedResult], language: str) -> tuple[str | None, tuple[QuickReply, ...]]:
    """Which kind of item? — asked when no kind holds half of at least four results spread over three or more."""
    categories = Counter(item.hit.product.category for item in results)
    if len(results) < 4 or len(categories) < 3 or categories.most_common(1)[0][1] / len(results) >= 0.5:
        return None, ()
    names = CATEGORY_NAMES[language]
    quick = tuple(QuickReply(names[c], names[c]) for c, _ in categories.most_common(4))
    return say("clarify_category", language), quick


def nothing_passes(constraints: Sequence[Constraint], language: str, relaxation: Relaxation | None) -> Words:
    """Nothing passes the filters: say so, and offer the nearest relaxation that has products."""
    what, filter_words = search_phrase(constraints, language)
    text = say("nothing_passes", language, what=nothing_phrase(what, filter_words, language))
    if relaxation is None:
        return Words(text + say("relax_none", language))
    if relaxation.edge is not None:
        edge, upper = relaxation.edge, relaxation.upper
        text += say("relax_price_cheapest" if upper else "relax_price_dearest", language,
                    price=money(edge.price, edge.currency))
        follow_up = (f"{edge.price:g}元以内" if language == "zh" else f"max {edge.price:g}") if upper else (
            f"{edge.price:g}元以上" if language == "zh" else f"at least {edge.price:g}")
    else:
        label = describe_constraint(relaxation.dropped, language)
        text += say("relax_drop", language, constraint=label, count=relaxation.count)
        follow_up = _removal_text(relaxation.dropped.field, language)
    return Words(text, text, (QuickReply(say("show_those", language), follow_up),))


def _removal_text(field: str, language: str) -> str:
    phrases = {
        "color": {"en": "any colour", "zh": "颜色不限"},
        "category": {"en": "any category", "zh": "类别不限"},
        "price": {"en": "any price", "zh": "价格不限"},
    }
    return phrases.get(field, phrases["price"])[language]
