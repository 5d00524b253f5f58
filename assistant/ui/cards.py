"""HTML for what the app shows: product cards, filter chips, the status line and chat messages — all escaped."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import quote

from assistant.constraint_text import describe_constraint
from assistant.explain import money
from assistant.reply import Reply
from assistant.session import SessionState
from assistant.stacking import ActiveConstraint
from assistant.ui.i18n import text

# Gradio serves files under this route; relative, so the app also works behind a proxy path (Spaces).
FILE_ROUTE = "gradio_api/file="
CHAT_THUMBNAILS = 6

# The panel's buttons carry data-action; one delegated listener (layout.PANEL_JS) turns a click into an event.
# Enough to keep Markdown from forming emphasis, links, images, code, tables, headings or $$ maths.
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]#|~$])")


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def md_escape(value: str) -> str:
    """Text shown inside a Markdown message exactly as typed: no HTML, no Markdown formatting."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", html.escape(value, quote=False))


def file_url(path: str | Path) -> str:
    return FILE_ROUTE + quote(str(path), safe="/")


def chip_key(active: ActiveConstraint) -> str:
    """Identifies one active constraint across a round trip through the browser."""
    return json.dumps(active.constraint.to_dict(), sort_keys=True, ensure_ascii=False)


def status_line(backend: str, reason: str, count: int, language: str) -> str:
    return text("status", language, backend=backend, reason=reason, count=f"{count:,}")


def header_markdown(backend: str, reason: str, count: int, language: str) -> str:
    return (f"## {md_escape(text('title', language))}\n{md_escape(text('tagline', language))}\n\n"
            f"<small>{md_escape(status_line(backend, reason, count, language))}</small>")


def render_panel(session: SessionState, reply: Reply | None, language: str) -> str:
    """Chips for the active filters above the cards of the last results."""
    return f'<div class="lt-panel" lang="{esc(language)}">{render_chips(session, language)}{render_cards(session, reply, language)}</div>'


def render_chips(session: SessionState, language: str) -> str:
    label = esc(text("filters", language))
    if not session.constraints:
        return (f'<div class="lt-chips" aria-label="{label}"><span class="lt-chips-label">{label}:</span>'
                f'<span class="lt-chips-empty">{esc(text("no_filters", language))}</span></div>')
    remove = esc(text("remove_filter", language))
    chips = "".join(
        f'<span class="lt-chip"><span class="lt-chip-text">{esc(describe_constraint(active.constraint, language))}</span>'
        f'<button type="button" class="lt-chip-x" data-action="remove" data-key="{esc(chip_key(active))}" '
        f'title="{remove}" aria-label="{remove}: {esc(describe_constraint(active.constraint, language))}">×</button></span>'
        for active in session.constraints
    )
    return f'<div class="lt-chips" aria-label="{label}"><span class="lt-chips-label">{label}:</span>{chips}</div>'


def render_cards(session: SessionState, reply: Reply | None, language: str) -> str:
    if reply is None:
        return f'<div class="lt-empty">{esc(text("no_results", language))}</div>'
    if not reply.results:  # the answer says why (nothing passes the filters, a reset…) and what to try
        return f'<div class="lt-empty">{esc(reply.text)}</div>'
    liked = set(session.likes)
    cards = "".join(_card(item, reply.language, language, item.hit.product.id in liked) for item in reply.results)
    heading = f'{esc(text("results", language))} · {len(reply.results)}'
    return f'<div class="lt-results-head">{heading}</div><div class="lt-grid">{cards}</div>'


def _card(item, content_language: str, language: str, liked: bool) -> str:
    product = item.hit.product
    title = product.title_in(content_language)
    pid = esc(product.id)
    like, dislike, more = (esc(text(key, language)) for key in ("like", "dislike", "more_like"))
    badge = f'<span class="lt-badge">{esc(text("liked", language))}</span>' if liked else ""
    return (
        f'<article class="lt-card{" lt-liked" if liked else ""}" data-id="{pid}" data-color="{esc(product.color)}" '
        f'data-category="{esc(product.category)}" data-price="{product.price:g}">'
        f'<div class="lt-thumb"><img src="{esc(file_url(product.image))}" alt="{esc(title)}" loading="lazy">'
        f'<span class="lt-rank">#{item.rank}</span>{badge}</div>'
        f'<div class="lt-body"><div class="lt-title" title="{esc(title)}">{esc(title)}</div>'
        f'<div class="lt-meta"><span class="lt-price">{esc(money(product.price, product.currency))}</span>'
        f'<span class="lt-score" title="{esc(text("score", language))}">{esc(text("score", language))} {item.hit.score:.2f}</span></div>'
        f'<div class="lt-why">{esc(item.why)}</div></div>'
        f'<div class="lt-actions">'
        f'<button type="button" class="lt-btn{" lt-on" if liked else ""}" data-action="like" data-id="{pid}" title="{like}" aria-label="{like}">👍</button>'
        f'<button type="button" class="lt-btn" data-action="dislike" data-id="{pid}" title="{dislike}" aria-label="{dislike}">👎</button>'
        f'<button type="button" class="lt-btn lt-more" data-action="more" data-id="{pid}" title="{more}">{more}</button>'
        f'</div></article>'
    )


def chat_reply(reply: Reply) -> str:
    """The assistant's chat message: its words and a strip of the top results, so history shows what was found."""
    words = md_escape(reply.text)
    if not reply.results:
        return words
    thumbs = "".join(
        f'<img class="lt-strip-img" src="{esc(file_url(item.hit.product.image))}" '
        f'alt="#{item.rank} {esc(item.hit.product.title_in(reply.language))}" '
        f'title="#{item.rank} {esc(item.hit.product.title_in(reply.language))} · '
        f'{esc(money(item.hit.product.price, item.hit.product.currency))}" width="56" height="56">'
        for item in reply.results[:CHAT_THUMBNAILS]
    )
    return f'{words}\n\n<span class="lt-strip">{thumbs}</span>'
