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
from assistant.ui.thumbnails import CARD_PIXELS, STRIP_PIXELS, Picture, Thumbnails
from catalog.records import Product

# Gradio serves files under this route; relative, so the app also works behind a proxy path (Spaces).
FILE_ROUTE = "gradio_api/file="
CHAT_THUMBNAILS = 6
EAGER_CARDS = 4  # the cards of the first screen (two rows on a phone): their photos are not lazy-loaded

# The panel's buttons carry data-action; one delegated listener (scripts.PANEL_JS) turns a click into an event.
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


def header_html(backend: str, reason: str, count: int, language: str) -> str:
    """The page's title (its one <h1>), and behind ⓘ on a phone: the tagline, the operator's details, agent view."""
    info = esc(text("info", language))
    return (
        f'<header class="lt-head" lang="{esc(language)}"><div class="lt-titlebar">'
        f'<h1 class="lt-h1">likethis <span class="lt-sub">— {esc(text("subtitle", language))}</span></h1>'
        f'<button type="button" class="lt-info-toggle" data-flag="lt-info-open" aria-expanded="false" aria-controls="lt-info" '
        f'aria-label="{info}" title="{info}">ⓘ</button></div>'
        f'<div class="lt-info" id="lt-info"><p class="lt-tagline">{esc(text("tagline", language))}</p>'
        f'<p class="lt-status"><span>{esc(status_line(backend, reason, count, language))}</span> '
        f'<button type="button" class="lt-agent-toggle" aria-pressed="false">{esc(text("agent_view", language))}</button>'
        f'</p></div></header>'
    )


def render_panel(session: SessionState, reply: Reply | None, language: str,
                 thumbnails: Thumbnails | None = None) -> str:
    """Chips for the active filters above the cards of the last results."""
    # What copying an id (agent view) says, read by the browser script.
    copied = f'data-copied="{esc(text("copied", language, id="{id}"))}" data-copy-failed="{esc(text("copy_failed", language))}"'
    return (f'<div class="lt-panel" lang="{esc(language)}" {copied}>{render_chips(session, language)}'
            f'{render_cards(session, reply, language, thumbnails)}</div>')


def render_chips(session: SessionState, language: str) -> str:
    label = esc(text("filters", language))
    if not session.constraints:
        return (f'<div class="lt-chips" role="group" aria-label="{label}"><span class="lt-chips-label">{label}:</span>'
                f'<span class="lt-chips-empty">{esc(text("no_filters", language))}</span></div>')
    remove = esc(text("remove_filter", language))
    chips = "".join(
        f'<span class="lt-chip"><span class="lt-chip-text">{esc(describe_constraint(active.constraint, language))}</span>'
        f'<button type="button" class="lt-chip-x" data-action="remove" data-key="{esc(chip_key(active))}" '
        f'title="{remove}" aria-label="{remove}: {esc(describe_constraint(active.constraint, language))}">×</button></span>'
        for active in session.constraints
    )
    return f'<div class="lt-chips" role="group" aria-label="{label}"><span class="lt-chips-label">{label}:</span>{chips}</div>'


def render_cards(session: SessionState, reply: Reply | None, language: str,
                 thumbnails: Thumbnails | None = None) -> str:
    if reply is None:
        return f'<div class="lt-empty">{esc(text("no_results", language))}</div>'
    if not reply.results:  # the answer says why (nothing passes the filters, a reset…) and what to try
        return f'<div class="lt-empty">{esc(reply.text)}</div>'
    liked = set(session.likes)
    cards = "".join(_card(item, reply.language, language, item.hit.product.id in liked, thumbnails)
                    for item in reply.results)
    heading = f'{esc(text("results", language))} · {len(reply.results)}'
    return f'<h2 class="lt-results-head" tabindex="-1">{heading}</h2><div class="lt-grid">{cards}</div>'


def card_picture(product: Product, thumbnails: Thumbnails | None) -> Picture:
    """The product's photo at card size (the original when there is no thumbnail store or it cannot be read)."""
    made = thumbnails.picture(product.image, CARD_PIXELS) if thumbnails is not None else None
    return made or Picture(product.image, 0, 0)


def strip_picture(product: Product, thumbnails: Thumbnails | None) -> Picture:
    """At strip size; a card-size thumbnail that is small already is reused (the browser has it cached)."""
    card = card_picture(product, thumbnails)
    if thumbnails is None or max(card.width, card.height) <= 2 * STRIP_PIXELS:
        return card
    return thumbnails.picture(product.image, STRIP_PIXELS) or card


def _img(picture: Picture, alt: str, css_class: str = "", lazy: bool = True, extra: str = "") -> str:
    size = f' width="{picture.width}" height="{picture.height}"' if picture.width and picture.height else ""
    loading = "lazy" if lazy else "eager"
    cls = f' class="{css_class}"' if css_class else ""
    return (f'<img{cls} src="{esc(file_url(picture.path))}" alt="{esc(alt)}"{size} loading="{loading}" '
            f'decoding="async"{extra}>')


def _card(item, content_language: str, language: str, liked: bool, thumbnails: Thumbnails | None) -> str:
    product = item.hit.product
    title = product.title_in(content_language)
    pid = esc(product.id)
    like, dislike, more, similar = (esc(text(key, language)) for key in ("like", "dislike", "more_like", "more_like_short"))
    copy = esc(text("copy_id", language, id=product.id))
    badge = f'<span class="lt-badge">{esc(text("liked", language))}</span>' if liked else ""
    # The first row is on screen at once: fetched eagerly; the rest when scrolled near.
    picture = _img(card_picture(product, thumbnails), title, lazy=item.rank > EAGER_CARDS)
    return (
        f'<article class="lt-card{" lt-liked" if liked else ""}" data-id="{pid}" data-color="{esc(product.color)}" '
        f'data-category="{esc(product.category)}" data-price="{product.price:g}" aria-labelledby="lt-card-{item.rank}">'
        f'<div class="lt-thumb">{picture}<span class="lt-rank">#{item.rank}</span>{badge}</div>'
        f'<div class="lt-body"><h3 class="lt-title" id="lt-card-{item.rank}" title="{esc(title)}">{esc(title)}</h3>'
        f'<div class="lt-meta"><span class="lt-price">{esc(money(product.price, product.currency))}</span>'
        f'<span class="lt-score">{esc(text("score", language))} {item.hit.score:.2f}</span></div>'
        f'<div class="lt-why">{esc(item.why)}</div>'
        f'<button type="button" class="lt-id" data-action="copy" data-id="{pid}" title="{copy}" aria-label="{copy}">'
        f'<code>{pid}</code><span aria-hidden="true">📋</span></button></div>'
        f'<div class="lt-actions">'
        f'<button type="button" class="lt-btn{" lt-on" if liked else ""}" data-action="like" data-id="{pid}" title="{like}" '
        f'aria-label="{like}" aria-pressed="{"true" if liked else "false"}">👍</button>'
        f'<button type="button" class="lt-btn" data-action="dislike" data-id="{pid}" title="{dislike}" aria-label="{dislike}">👎</button>'
        f'<button type="button" class="lt-btn lt-more" data-action="more" data-id="{pid}" title="{more}" aria-label="{more}">'
        f'<span class="lt-long">{more}</span><span class="lt-short" aria-hidden="true">{similar}</span></button>'
        f'</div></article>'
    )


def result_strip(reply: Reply, thumbnails: Thumbnails | None = None) -> str:
    """A strip of the top results under the assistant's words, so the chat history shows what was found."""
    if not reply.results:
        return ""
    thumbs = "".join(
        _img(strip_picture(item.hit.product, thumbnails),
             f"#{item.rank} {item.hit.product.title_in(reply.language)}", "lt-strip-img",
             extra=f' title="#{item.rank} {esc(item.hit.product.title_in(reply.language))} · '
                   f'{esc(money(item.hit.product.price, item.hit.product.currency))}"')
        for item in reply.results[:CHAT_THUMBNAILS]
    )
    return f'<span class="lt-strip">{thumbs}</span>'


def chat_reply(reply: Reply, thumbnails: Thumbnails | None = None) -> str:
    """The assistant's chat message: its words and a strip of the top results."""
    words = md_escape(reply.text)
    strip = result_strip(reply, thumbnails)
    return f"{words}\n\n{strip}" if strip else words
