"""Builds the Blocks: the components, their labels in English and 中文, and the events that call the handlers."""
from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.engine import Assistant
from assistant.ui import handlers
from assistant.ui.api import API_NAME, api_turn
from assistant.ui.cards import esc, header_html, md_escape, render_panel, result_strip
from assistant.ui.crop import SHOPPER, SearchedPhoto, read_crop, render_cropper, shot_html
from assistant.ui.examples import write_example_photos
from assistant.ui.handlers import ChatState, Outcome
from assistant.ui.i18n import LANGUAGE_CHOICES, i18n_translations, text, ui_language
from assistant.ui.scripts import (ATTACH_JS, CROPPER_JS, DISCLOSURE_JS, PAGE_JS, PANEL_JS, READ_CROP_JS,
                                  SWITCH_LOCALE_JS)
from assistant.ui.theme import CSS
from assistant.ui.thumbnails import Thumbnails
from catalog.settings import Settings

# Uploaded photos live only in Gradio's cache: checked every 30 minutes, removed after an hour.
DELETE_CACHE = (1800, 3600)
# Seconds an upload may stay in the cache, instead of DELETE_CACHE's hour (a test sets a few seconds).
UPLOAD_TTL_ENV = "LIKETHIS_UPLOAD_TTL"
CHAT_HEIGHT = 540


@dataclass(frozen=True)
class CatalogInfo:
    """What the status line says: which encoder runs, why, and how many products it searches."""

    backend: str
    reason: str
    count: int

    @classmethod
    def of(cls, assistant: Assistant) -> "CatalogInfo":
        encoder = assistant.encoder
        return cls(encoder.backend, getattr(encoder, "choice_reason", "") or encoder.name, assistant.index.count())


@dataclass
class BuiltApp:
    demo: gr.Blocks
    i18n: gr.I18n
    allowed_paths: list[str]  # the catalog's image folders and the thumbnails, so cards can show product photos
    css: str = CSS
    js: str = PAGE_JS


def build_app(assistant: Assistant, *, examples_dir: Path, thumbnails_dir: Path | None = None,
              exports_dir: Path | None = None, info: CatalogInfo | None = None,
              image_dirs: list[Path] | None = None) -> BuiltApp:
    """The page. Thumbnails of catalog photos are kept in `thumbnails_dir` (default: LIKETHIS_HOME/thumbnails)."""
    info = info or CatalogInfo.of(assistant)
    exports_dir = exports_dir or Path(tempfile.mkdtemp(prefix="likethis-exports-"))
    thumbnails = Thumbnails(thumbnails_dir or Settings.from_env().home / "thumbnails")
    i18n = gr.I18n(**i18n_translations(backend=info.backend, reason=info.reason, count=f"{info.count:,}"))
    examples = write_example_photos(examples_dir)

    def header_for(lang: str) -> str:
        return header_html(info.backend, info.reason, info.count, lang)

    def panel_for(chat: ChatState) -> str:
        return render_panel(chat.session, chat.reply, chat.language, thumbnails)

    def cropper_for(chat: ChatState) -> str:
        return render_cropper(chat.photo, chat.language)

    def show(history: list, outcome: Outcome, echo: bool = True) -> tuple[list, str, ChatState]:
        history, chat = show_outcome(history, outcome, echo, thumbnails)
        return history, panel_for(chat), chat

    with gr.Blocks(title="likethis", delete_cache=delete_cache_schedule()) as demo:
        state = gr.State(handlers.new_state(assistant, "en"))
        empty = handlers.new_state(assistant)

        with gr.Row(equal_height=False, elem_id="lt-top"):
            header = gr.HTML(header_for("en"), js_on_load=DISCLOSURE_JS, elem_id="lt-header", padding=False)
            language = gr.Radio(LANGUAGE_CHOICES, value="en", label=i18n("language"), elem_id="lt-language",
                                scale=0, min_width=250)
        with gr.Row(equal_height=False, elem_id="lt-main"):
            with gr.Column(scale=5, min_width=340, elem_id="lt-left"):
                chatbot = gr.Chatbot(label=i18n("chat"), elem_id="lt-chat", height=CHAT_HEIGHT,
                                     placeholder=str(i18n("chat_placeholder")), feedback_options=None,
                                     buttons=["copy"], layout="bubble", allow_file_downloads=False)
                # file_types=["image"] makes the 📎 button's file input accept image/*: a phone offers its camera
                # and its gallery for that (no `capture` attribute, which would allow the camera only).
                textbox = gr.MultimodalTextbox(
                    file_types=["image"], file_count="single", sources=["upload"], show_label=False,
                    placeholder=str(i18n("input_placeholder")), elem_id="lt-input", max_plain_text_length=2000,
                )
                cropper = gr.HTML(render_cropper(None, "en"), js_on_load=CROPPER_JS, elem_id="lt-cropper", padding=False)
                more_toggle = gr.HTML(more_toggle_html("en"), js_on_load=DISCLOSURE_JS, elem_id="lt-more-toggle",
                                      padding=False)
                with gr.Column(elem_id="lt-more"):
                    with gr.Row():
                        reset_button = gr.Button(i18n("reset"), size="sm", elem_id="lt-reset")
                        export_button = gr.Button(i18n("export"), size="sm", elem_id="lt-export")
                        import_button = gr.UploadButton(str(i18n("import")), file_types=[".json"], type="binary",
                                                        size="sm", elem_id="lt-import")
                    export_file = gr.File(label=i18n("session_file"), visible=False, interactive=False,
                                          elem_id="lt-export-file")
                    # The header's selector is hidden on a phone (no room next to the title); this one stands in.
                    language_menu = gr.Radio(LANGUAGE_CHOICES, value="en", label=i18n("language"),
                                             elem_id="lt-language-menu")
                    example_set = gr.Examples(
                        [[{"text": example.text, "files": [str(path)]}] for example, path in examples],
                        inputs=[textbox], label=i18n("examples"), examples_per_page=len(examples),
                        elem_id="lt-examples",
                    )
            with gr.Column(scale=7, min_width=340, elem_id="lt-right"):
                panel = gr.HTML(panel_for(empty), js_on_load=PANEL_JS, elem_id="lt-panel", padding=False)

        with gr.Row(visible=False):  # the named API endpoint's slots; the page never shows them
            api_photo = gr.File(type="filepath", label="photo")
            api_text = gr.Textbox(label="text")
            api_session = gr.Textbox(label="session")
            api_result = gr.JSON(label="result")
            api_session_out = gr.Textbox(label="session")
            api_button = gr.Button("turn")

        # Everything that carries a label, for the language selector (key per property).
        labelled: list[tuple[Any, dict[str, str]]] = [
            (language, {"label": "language"}),
            (language_menu, {"label": "language"}),
            (chatbot, {"label": "chat", "placeholder": "chat_placeholder"}),
            (textbox, {"placeholder": "input_placeholder"}),
            (reset_button, {"value": "reset"}),
            (export_button, {"value": "export"}),
            (import_button, {"label": "import"}),
            (export_file, {"label": "session_file"}),
            (example_set.dataset, {"label": "examples"}),
        ]
        labelled_components = [component for component, _ in labelled]
        drawn_in_language = [header, panel, cropper, more_toggle]

        def relabel(lang: str) -> list[Any]:
            return [gr.update(**{prop: text(key, lang) for prop, key in props.items()}) for _, props in labelled]

        def redraw(chat: ChatState) -> list[Any]:
            return [header_for(chat.language), panel_for(chat), cropper_for(chat), more_toggle_html(chat.language)]

        # --- language: from the browser on load, then from either selector ----------------------------------
        def on_load(chat: ChatState, request: gr.Request):
            lang = ui_language(request.headers.get("accept-language") if request else None)
            chat = handlers.switch_language(chat, lang)
            return [chat, gr.update(value=lang), gr.update(value=lang), *redraw(chat), *relabel(lang)]

        demo.load(on_load, [state], [state, language, language_menu, *drawn_in_language, *labelled_components],
                  queue=False, show_progress="hidden", api_visibility="private")

        def on_language(lang: str, chat: ChatState):
            chat = handlers.relocalised(assistant, handlers.switch_language(chat, lang))
            return [chat, gr.update(value=chat.language), gr.update(value=chat.language), *redraw(chat),
                    *relabel(chat.language)]

        for selector in (language, language_menu):
            selector.input(None, [selector], None, js=SWITCH_LOCALE_JS, api_visibility="private")
            selector.input(on_language, [selector, state],
                           [state, language, language_menu, *drawn_in_language, *labelled_components],
                           queue=False, show_progress="hidden", api_visibility="private")

        # --- a message (typed, or "search this part" in the crop tool): show it at once, then run the turn ---
        def accepted(history: list, chat: ChatState, typed: str, photo: str | None, crop) -> list[Any]:
            content = md_escape(typed) if typed else text("said_photo", chat.language) if photo else "…"
            if photo:
                content = shot_html(photo, chat.language) + "\n\n" + content
            history = [*(history or []), {"role": "user", "content": content}]
            chat = replace(chat, pending=True, pending_text=typed, pending_photo=photo, pending_crop=crop)
            sent = SearchedPhoto(photo, None, crop, SHOPPER if crop else None) if photo else chat.photo
            return [history, gr.update(value=None, interactive=False), render_cropper(sent, chat.language), chat]

        def accept(message: dict | None, crop_json: str | None, history: list, chat: ChatState):
            message = message or {}
            photo = next(iter(message.get("files") or []), None)
            request = read_crop(crop_json)
            # A box the shopper moved on this very photo is what gets searched; an untouched one is not a choice.
            crop = request.box if request and request.touched and request.applies_to(photo) else None
            return accepted(history, chat, (message.get("text") or "").strip(), photo, crop)

        def accept_part(message: dict | None, history: list, chat: ChatState, event: gr.EventData):
            data = getattr(event, "_data", None) or {}
            message = message or {}
            photo = next(iter(message.get("files") or []), None) or (chat.photo.path if chat.photo else None)
            request = read_crop(data.get("crop"))
            if data.get("action") != "search" or photo is None:
                return [gr.skip()] * 4
            crop = request.box if request and request.applies_to(photo) else None
            return accepted(history, chat, (message.get("text") or "").strip(), photo, crop)

        def run_pending(history: list, chat: ChatState):
            if not chat.pending:
                return [gr.skip()] * 5
            typed, photo = chat.pending_text, chat.pending_photo
            outcome = handlers.send(assistant, replace(chat, pending=False), typed, photo, chat.pending_crop)
            if photo:  # the shopper's line again: without a photo that could not be read, or with the part searched
                words = md_escape(typed) if typed else text("said_photo", chat.language)
                shown = outcome.state.photo if outcome.error is None else None
                history = [*history[:-1], {"role": "user", "content": words if outcome.error == "bad_image" else
                                           shot_html(photo, chat.language, shown) + "\n\n" + words}]
            history, panel_html, chat = show(history, outcome, echo=False)
            cropper_html = cropper_for(chat) if photo else gr.skip()
            return history, panel_html, chat, gr.update(interactive=True), cropper_html

        accepted_outputs = [chatbot, textbox, cropper, state]
        pending_outputs = [chatbot, panel, state, textbox, cropper]
        textbox.submit(accept, [textbox, cropper, chatbot, state], accepted_outputs, js=READ_CROP_JS, queue=False,
                       api_visibility="private") \
            .then(run_pending, [chatbot, state], pending_outputs, api_visibility="private", show_progress_on=[panel])
        cropper.click(accept_part, [textbox, chatbot, state], accepted_outputs, queue=False,
                      api_visibility="private", trigger_mode="once") \
            .then(run_pending, [chatbot, state], pending_outputs, api_visibility="private", show_progress_on=[panel])

        # --- quick replies (options under the assistant's message) are the next turn's text ---------------
        def accept_option(history: list, chat: ChatState, selected: gr.SelectData):
            value = str(getattr(selected, "value", "") or "")
            history = [*(history or []), {"role": "user", "content": md_escape(value)}]
            return history, replace(chat, pending=True, pending_text=value, pending_photo=None, pending_crop=None)

        chatbot.option_select(accept_option, [chatbot, state], [chatbot, state], queue=False, api_visibility="private") \
            .then(run_pending, [chatbot, state], pending_outputs, api_visibility="private", show_progress_on=[panel])

        # --- clicks on cards and chips ----------------------------------------------------------------
        def on_panel(history: list, chat: ChatState, event: gr.EventData):
            data = getattr(event, "_data", None) or {}
            outcome = handlers.act(assistant, chat, str(data.get("action", "")), str(data.get("id", "")),
                                   str(data.get("key", "")))
            if outcome is None:
                return gr.skip(), gr.skip(), gr.skip()
            return show(history, outcome)

        panel.click(on_panel, [chatbot, state], [chatbot, panel, state], api_visibility="private",
                    show_progress_on=[panel], trigger_mode="once")

        # --- reset, export, import ----------------------------------------------------------------------
        def on_reset(chat: ChatState):
            history, panel_html, chat = show([], handlers.reset(assistant, chat))
            return history, panel_html, chat, None, cropper_for(chat), gr.update(value=None, visible=False)

        reset_outputs = [chatbot, panel, state, textbox, cropper, export_file]
        reset_button.click(on_reset, [state], reset_outputs, api_visibility="private")
        # The chat's own 🗑 clears the conversation: it starts over too, or the search would outlive what it shows.
        chatbot.clear(on_reset, [state], reset_outputs, api_visibility="private")

        def on_export(history: list, chat: ChatState):
            path = handlers.export_session(chat, exports_dir)
            history, _, chat = show(history, handlers.exported(chat))
            return gr.update(value=str(path), visible=True), history, chat

        export_button.click(on_export, [chatbot, state], [export_file, chatbot, state], queue=False,
                            api_visibility="private")

        def on_import(data: bytes | None, history: list, chat: ChatState):
            return show(history, handlers.import_session(assistant, chat, data))

        import_button.upload(on_import, [import_button, chatbot, state], [chatbot, panel, state],
                             api_visibility="private")

        # --- the crop tool follows the photo attached to the message box (in the browser only) ------------
        textbox.change(None, [textbox], None, js=ATTACH_JS, api_visibility="private")

        # --- the named API: one stateless turn --------------------------------------------------------
        api_button.click(partial(api_turn, assistant), [api_photo, api_text, api_session],
                         [api_result, api_session_out], api_name=API_NAME,
                         api_description="One turn: a photo (or None), text, and the session JSON from the "
                                         "previous turn (or empty) → the CLI's result object (or "
                                         '{"error": {"code", "message"}}) and the new session JSON.')

    image_dirs = image_dirs if image_dirs is not None else catalog_image_dirs(assistant)
    return BuiltApp(demo=demo, i18n=i18n, allowed_paths=[*(str(p) for p in image_dirs), str(thumbnails.directory)])


def more_toggle_html(language: str) -> str:
    """The button that opens the secondary actions on a phone (on a desktop they are always shown)."""
    return (f'<button type="button" class="lt-disclosure" data-flag="lt-more-open" aria-expanded="false" '
            f'aria-controls="lt-more"><span>{esc(text("more", language))}</span>'
            f'<span class="lt-caret" aria-hidden="true"></span></button>')


def delete_cache_schedule(environ: dict[str, str] | None = None) -> tuple[int, int]:
    """(how often, after how long) Gradio deletes uploads, in seconds: DELETE_CACHE, or LIKETHIS_UPLOAD_TTL's."""
    raw = ((os.environ if environ is None else environ).get(UPLOAD_TTL_ENV) or "").strip()
    if not raw:
        return DELETE_CACHE
    try:
        ttl = int(raw)
        if ttl < 1:
            raise ValueError
    except ValueError:
        logging.getLogger("likethis.app").warning("%s must be a whole number of seconds, not %r: uploads are "
                                                  "kept for %d s", UPLOAD_TTL_ENV, raw, DELETE_CACHE[1])
        return DELETE_CACHE
    return max(1, min(DELETE_CACHE[0], ttl // 2)), ttl


def catalog_image_dirs(assistant: Assistant, sample: int = 500) -> list[Path]:
    """The folders holding the catalog's product photos (sampled: a catalog keeps its images together)."""
    return sorted({Path(product.image).resolve().parent for product in assistant.index.find(limit=sample)})


def show_outcome(history: list, outcome: Outcome, echo: bool = True,
                 thumbnails: Thumbnails | None = None) -> tuple[list, ChatState]:
    """An outcome in the chat: the click as the shopper's line, the answer (a strip of its results, quick replies)."""
    history = list(history or [])
    if echo and outcome.said:
        history.append({"role": "user", "content": md_escape(outcome.said)})
    words = outcome.message
    if outcome.answered and outcome.state.reply is not None:
        strip = result_strip(outcome.state.reply, thumbnails)
        words = f"{words}\n\n{strip}" if strip else words
    message: dict[str, Any] = {"role": "assistant", "content": words}
    reply = outcome.reply
    if reply is not None and reply.quick_replies:
        message["options"] = [{"value": quick.text, "label": quick.label} for quick in reply.quick_replies]
    history.append(message)
    return history, outcome.state


__all__ = ["BuiltApp", "CatalogInfo", "build_app", "catalog_image_dirs", "delete_cache_schedule"]
