"""What each thing a person does in the app means: plain functions of (assistant, chat state, inputs) → Outcome."""
from __future__ import annotations

import logging
import os
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from assistant.constraint_text import describe_constraint
from assistant.engine import Assistant
from assistant.reply import Reply
from assistant.session import SessionFormatError, SessionState
from assistant.stacking import without
from assistant.ui.cards import chip_key, md_escape
from assistant.ui.crop import FOUND, SHOPPER, Box, SearchedPhoto, fitted
from assistant.error_report import error_object
from assistant.ui.i18n import LANGUAGES, text as label
from assistant.understanding import parse_turn
from catalog.images import MAX_IMAGE_BYTES, MB, ImageProblem, decode_image

MAX_SESSION_FILE_BYTES = 1_000_000
EXPORT_MAX_AGE_SECONDS = 3600

_log = logging.getLogger("likethis.app")


@dataclass(frozen=True)
class ChatState:
    """One browser tab's state (kept in gr.State): the engine's session plus what the screen needs."""

    session: SessionState
    language: str = "en"  # the UI's language (selector or browser); replies follow what the shopper types
    reply: Reply | None = None  # the last answer, whose results are on screen as cards
    pending: bool = False  # a message was accepted and shown; its turn has not run yet
    pending_text: str = ""  # that message's words
    pending_photo: str | None = None  # its photo: a path in Gradio's upload cache, never copied elsewhere
    pending_crop: Box | None = None  # the part of it the shopper chose, in its upright pixels
    photo: SearchedPhoto | None = None  # the last photo searched and the part of it that was searched


@dataclass(frozen=True)
class Outcome:
    state: ChatState
    message: str  # the assistant's chat message (Markdown, escaped)
    said: str | None = None  # the shopper's action as a chat line, for clicks (typed messages are echoed as typed)
    error: str | None = None  # the error code, when the turn failed (the state is then the one before it)
    answered: bool = False  # a search ran and its results are the state's reply (the chat shows a strip of them)

    @property
    def reply(self) -> Reply | None:
        return None if self.error else self.state.reply


def new_state(assistant: Assistant, language: str = "en") -> ChatState:
    language = language if language in LANGUAGES else "en"
    return ChatState(session=assistant.new_session(language), language=language)


def switch_language(state: ChatState, language: str) -> ChatState:
    """The UI follows the selector at once; replies use it too until the shopper types in another language."""
    language = language if language in LANGUAGES else "en"
    return replace(state, language=language, session=replace(state.session, language=language))


def relocalised(assistant: Assistant, state: ChatState) -> ChatState:
    """The cards on screen, said again in the session's language (titles, why-lines): the same search, re-run."""
    if state.reply is None or not state.reply.results or state.reply.language == state.session.language:
        return state
    try:
        reply = assistant.turn(state.session, k=len(state.reply.results))
    except Exception:  # the old cards stay; the next turn will speak the new language anyway
        return state
    return replace(state, session=reply.session, reply=reply)


def send(assistant: Assistant, state: ChatState, text: str = "", photo: str | Path | Image.Image | None = None,
         crop: Box | None = None) -> Outcome:
    """A typed message, with or without a photo (a path in the upload cache, or an image already decoded).

    `crop` is the part of the photo the shopper chose (upright pixels): only that part is searched. Without it
    the engine may locate the product itself; either way the state remembers which part was searched.
    """
    text = text or ""
    language = language_of(text, state.session.language)
    searched: SearchedPhoto | None = None
    try:
        image = read_photo(photo) if isinstance(photo, (str, Path)) else photo
        if image is not None:
            size = image.size
            box = fitted(crop, size)
            if box is not None:
                image = image.crop(box)
            if isinstance(photo, (str, Path)):
                searched = SearchedPhoto(str(photo), size, box, SHOPPER if box else None)
        reply = assistant.turn(state.session, text=text, image=image)
    except Exception as error:  # the edge: every failure becomes a chat message, the session survives
        return _failed(state, error, language)
    if searched is not None and searched.box is None:
        # Without the shopper's crop, the part searched is what the engine located (if it reports one); with it,
        # the crop is shown: the shopper's choice wins over what the engine finds inside it.
        found = fitted(tuple(reply.region), searched.size) if reply.region is not None else None
        if found is not None:
            searched = replace(searched, box=found, chosen_by=FOUND)
    outcome = _answered(state, reply)
    return replace(outcome, state=replace(outcome.state, photo=searched)) if searched else outcome


def like(assistant: Assistant, state: ChatState, product_id: str) -> Outcome:
    return _feedback(assistant, state, product_id, "said_like", lambda session: assistant.turn(session, like=[product_id]))


def dislike(assistant: Assistant, state: ChatState, product_id: str) -> Outcome:
    return _feedback(assistant, state, product_id, "said_dislike",
                     lambda session: assistant.turn(session, dislike=[product_id]))


def more_like(assistant: Assistant, state: ChatState, product_id: str) -> Outcome:
    return _feedback(assistant, state, product_id, "said_more_like",
                     lambda session: assistant.turn(session, more_like=product_id))


def remove_filter(assistant: Assistant, state: ChatState, key: str) -> Outcome:
    """A chip's ×: drop that one constraint and search again with everything else as it was."""
    active = next((a for a in state.session.constraints if chip_key(a) == key), None)
    if active is None:
        return Outcome(state, md_escape(label("filter_gone", state.language)))
    said = label("said_remove", state.language, label=describe_constraint(active.constraint, state.language))
    session = replace(state.session, constraints=tuple(without(state.session.constraints, active.constraint)))
    try:
        reply = assistant.turn(session)
    except Exception as error:
        return _failed(state, error, state.session.language, said)
    return _answered(state, reply, said)


def act(assistant: Assistant, state: ChatState, action: str, product_id: str = "", key: str = "") -> Outcome | None:
    """A click in the results panel, as the browser reports it; None for anything it does not recognise."""
    if action == "like":
        return like(assistant, state, product_id)
    if action == "dislike":
        return dislike(assistant, state, product_id)
    if action == "more":
        return more_like(assistant, state, product_id)
    if action == "remove":
        return remove_filter(assistant, state, key)
    return None


def reset(assistant: Assistant, state: ChatState) -> Outcome:
    try:
        reply = assistant.turn(state.session, reset=True)
    except Exception as error:
        return _failed(state, error, state.session.language, label("said_reset", state.language))
    return _answered(replace(state, reply=None, photo=None), reply, label("said_reset", state.language))


def export_session(state: ChatState, directory: Path) -> Path:
    """Writes the session as a JSON file for a support hand-over; older exports in `directory` are pruned."""
    directory.mkdir(parents=True, exist_ok=True)
    _prune(directory, EXPORT_MAX_AGE_SECONDS)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    descriptor, name = tempfile.mkstemp(prefix=f"likethis-session-{stamp}-", suffix=".json", dir=directory)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(state.session.to_json())
    return Path(name)


def exported(state: ChatState) -> Outcome:
    return Outcome(state, md_escape(label("exported", state.language)), said=label("export", state.language))


def import_session(assistant: Assistant, state: ChatState, data: bytes | str | None) -> Outcome:
    """A session file from an agent or a shopper: validated; errors come back as a message, never a trace."""
    said = label("said_import", state.language)
    language = state.language
    try:
        if data is None:
            raise SessionFormatError(label("error_no_file", language))
        if len(data) > MAX_SESSION_FILE_BYTES:
            return Outcome(state, md_escape(label("error_import_too_large", language, size=len(data) // 1000,
                                                  limit=MAX_SESSION_FILE_BYTES // 1000)), said, "bad_session")
        session = SessionState.from_json(data, catalog=assistant.catalog_id)
    except Exception as error:
        return _failed(state, error, language, said)
    imported = replace(state, session=session, reply=None)
    if not (session.reference or session.semantic or session.constraints or session.likes):
        return Outcome(imported, md_escape(label("imported_empty", language)), said)
    try:
        reply = assistant.turn(session)
    except Exception as error:
        return _failed(imported, error, language, said)
    outcome = _answered(imported, reply, said)
    return replace(outcome, message=md_escape(label("imported", language)) + "\n\n" + outcome.message)


def read_photo(path: str | Path) -> Image.Image:
    """An uploaded photo → RGB, through the catalog's safe decoder; messages never name the file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_IMAGE_BYTES:
            raise ImageProblem("too_large", f"this file is {size / MB:.1f} MB, over the {MAX_IMAGE_BYTES / MB:.0f} MB limit")
        data = path.read_bytes()
    except OSError:
        raise ImageProblem("unreadable", "this file could not be read") from None
    return decode_image(data, label="this file")


# --- helpers ------------------------------------------------------------------------------------------

def _feedback(assistant: Assistant, state: ChatState, product_id: str, said_key: str, run) -> Outcome:
    product_id = str(product_id or "")
    title = _title_on_screen(state, product_id) or product_id
    said = label(said_key, state.language, title=title)
    try:
        reply = run(state.session)
    except Exception as error:
        return _failed(state, error, state.session.language, said)
    return _answered(state, reply, said)


def _title_on_screen(state: ChatState, product_id: str) -> str | None:
    if state.reply is not None:
        for item in state.reply.results:
            if item.hit.product.id == product_id:
                return item.hit.product.title_in(state.language)
    return None


def _answered(state: ChatState, reply: Reply, said: str | None = None) -> Outcome:
    new = replace(state, session=reply.session, reply=reply, pending=False, pending_text="", pending_photo=None,
                  pending_crop=None)
    return Outcome(new, md_escape(reply.text), said, answered=True)


def _failed(state: ChatState, error: BaseException, language: str, said: str | None = None) -> Outcome:
    problem = error_object(error, language)
    return Outcome(replace(state, pending=False, pending_text="", pending_photo=None, pending_crop=None),
                   "⚠️ " + md_escape(problem["message"]), said, problem["code"])


def language_of(text: str, fallback: str) -> str:
    if not text.strip():
        return fallback
    try:
        return parse_turn(text).language
    except Exception:
        return fallback


def _prune(directory: Path, max_age: float) -> None:
    cutoff = time.time() - max_age
    for old in directory.glob("likethis-session-*.json"):
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass
