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
from assistant.ui.cards import header_markdown, md_escape, render_panel
from assistant.ui.examples import write_example_photos
from assistant.ui.handlers import ChatState, Outcome
from assistant.ui.i18n import LANGUAGE_CHOICES, i18n_translations, text, ui_language
from assistant.ui.theme import CSS, MIRROR_JS, PANEL_JS, SWITCH_LOCALE_JS

# Uploaded photos live only in Gradio's cache: checked every 30 minutes, removed after an hour.
DELETE_CACHE = (1800, 3600)
# Seconds an upload may stay in the cache, instead of DELETE_CACHE's hour (a test sets a few seconds).
UPLOAD_TTL_ENV = "LIKETHIS_UPLOAD_TTL"
CHAT_HEIGHT = 540
EDITOR_CANVAS = (1024, 1024)


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
    allowed_paths: list[str]  # the catalog's image folders, so cards can show product photos
    css: str = CSS


def build_app(assistant: Assistant, *, examples_dir: Path, exports_dir: Path | None = None,
              info: CatalogInfo | None = None, image_dirs: list[Path] | None = None) -> BuiltApp:
    info = info or CatalogInfo.of(assistant)
    exports_dir = exports_dir or Path(tempfile.mkdtemp(prefix="likethis-exports-"))
    translations = i18n_translations(backend=info.backend, reason=info.reason, count=f"{info.count:,}")
    for locale, table in translations.items():
        table["header"] = header_markdown(info.backend, info.reason, info.count, "zh" if locale.startswith("zh") else "en")
    i18n = gr.I18n(**translations)
    examples = write_example_photos(examples_dir)

    with gr.Blocks(title="likethis", delete_cache=delete_cache_schedule()) as demo:
        state = gr.State(handlers.new_state(assistant, "en"))

        with gr.Row(equal_height=False):
            header = gr.Markdown(i18n("header"), elem_id="lt-header")
            language = gr.Radio(LANGUAGE_CHOICES, value="en", label=i18n("language"), elem_id="lt-language",
                                scale=0, min_width=250)
        with gr.Row(equal_height=False):
            with gr.Column(scale=5, min_width=340):
                chatbot = gr.Chatbot(label=i18n("chat"), elem_id="lt-chat", height=CHAT_HEIGHT,
                                     placeholder=str(i18n("chat_placeholder")), feedback_options=None,
                                     buttons=["copy"], layout="bubble", allow_file_downloads=False)
                textbox = gr.MultimodalTextbox(
                    file_types=["image"], file_count="single", sources=["upload"], show_label=False,
                    placeholder=str(i18n("input_placeholder")), elem_id="lt-input", max_plain_text_length=2000,
                )
                with gr.Accordion(i18n("crop"), open=False, elem_id="lt-crop") as crop:
                    crop_hint = gr.Markdown(i18n("crop_editor"), elem_id="lt-crop-hint")
                    editor = gr.ImageEditor(
                        type="filepath", image_mode="RGB", sources=("upload", "webcam", "clipboard"),
                        # brush/eraser stay on: in Gradio 6.31 switching them off hides the whole toolbar, crop
                        # included; theme.CSS hides their buttons and MIRROR_JS selects crop instead.
                        transforms=("crop",), layers=False, format="png",
                        # A phone photo is fitted into this canvas (white margins), so the edited image the
                        # browser uploads stays a few MB; the encoders look at far fewer pixels anyway.
                        fixed_canvas=True, canvas_size=EDITOR_CANVAS,
                        show_label=False, height=340, elem_id="lt-editor",
                    )
                with gr.Row():
                    reset_button = gr.Button(i18n("reset"), size="sm", elem_id="lt-reset")
                    export_button = gr.Button(i18n("export"), size="sm", elem_id="lt-export")
                    import_button = gr.UploadButton(str(i18n("import")), file_types=[".json"], type="binary",
                                                    size="sm", elem_id="lt-import")
                clear_editor = gr.Button("clear", visible="hidden", elem_id="lt-clear-editor")
                export_file = gr.File(label=i18n("session_file"), visible=False, interactive=False, elem_id="lt-export-file")
                example_set = gr.Examples(
                    [[{"text": example.text, "files": [str(path)]}] for example, path in examples],
                    inputs=[textbox], label=i18n("examples"), examples_per_page=len(examples), elem_id="lt-examples",
                )
            with gr.Column(scale=7, min_width=340):
                panel = gr.HTML(render_panel(handlers.new_state(assistant).session, None, "en"),
                                js_on_load=PANEL_JS, elem_id="lt-panel", padding=False)

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
            (chatbot, {"label": "chat", "placeholder": "chat_placeholder"}),
            (textbox, {"placeholder": "input_placeholder"}),
            (crop, {"label": "crop"}),
            (crop_hint, {"value": "crop_editor"}),
            (reset_button, {"value": "reset"}),
            (export_button, {"value": "export"}),
            (import_button, {"label": "import"}),
            (export_file, {"label": "session_file"}),
            (example_set.dataset, {"label": "examples"}),
        ]
        labelled_components = [component for component, _ in labelled]

        def relabel(lang: str) -> list[Any]:
            return [gr.update(**{prop: text(key, lang) for prop, key in props.items()}) for _, props in labelled]

        def header_for(lang: str) -> str:
            return header_markdown(info.backend, info.reason, info.count, lang)

        # --- language: from the browser on load, then from the selector ----------------------------------
        def on_load(chat: ChatState, request: gr.Request):
            lang = ui_language(request.headers.get("accept-language") if request else None)
            chat = handlers.switch_language(chat, lang)
            return [chat, gr.update(value=lang), header_for(lang), render_panel(chat.session, chat.reply, lang),
                    *relabel(lang)]

        demo.load(on_load, [state], [state, language, header, panel, *labelled_components],
                  queue=False, show_progress="hidden", api_visibility="private")

        def on_language(lang: str, chat: ChatState):
            chat = handlers.relocalised(assistant, handlers.switch_language(chat, lang))
            return [chat, header_for(chat.language), render_panel(chat.session, chat.reply, chat.language),
                    *relabel(chat.language)]

        language.input(None, [language], None, js=SWITCH_LOCALE_JS, api_visibility="private")
        language.input(on_language, [language, state], [state, header, panel, *labelled_components],
                       queue=False, show_progress="hidden", api_visibility="private")

        # --- a typed message: show it at once, then run the turn ----------------------------------------
        def accept(message: dict | None, edited: dict | None, history: list, chat: ChatState):
            message = message or {}
            typed = (message.get("text") or "").strip()
            photo = _edited_photo(edited) or next(iter(message.get("files") or []), None)
            content: list[Any] = []
            if photo:
                content.append({"path": photo, "alt_text": text("searched_with", chat.language)})
            content.append(md_escape(typed) if typed else text("said_photo", chat.language) if photo else "…")
            history = [*(history or []), {"role": "user", "content": content}]
            chat = replace(chat, pending_text=typed, pending_photo=photo)
            return history, gr.update(value=None, interactive=False), None, gr.update(open=False), chat

        def run_pending(history: list, chat: ChatState):
            outcome = handlers.send(assistant, chat, chat.pending_text, chat.pending_photo)
            if outcome.error == "bad_image":
                history = _without_last_photo(history)  # a file that is no photo shows as a broken image
            history, panel_html, chat = show_outcome(history, outcome, echo=False)
            return history, panel_html, chat, gr.update(interactive=True)

        accepted = [chatbot, textbox, editor, crop, state]
        textbox.submit(accept, [textbox, editor, chatbot, state], accepted, queue=False, api_visibility="private") \
            .then(run_pending, [chatbot, state], [chatbot, panel, state, textbox], api_visibility="private",
                  show_progress_on=[panel])

        # --- quick replies (options under the assistant's message) are the next turn's text ---------------
        def accept_option(history: list, chat: ChatState, selected: gr.SelectData):
            value = str(getattr(selected, "value", "") or "")
            history = [*(history or []), {"role": "user", "content": md_escape(value)}]
            return history, replace(chat, pending_text=value, pending_photo=None)

        chatbot.option_select(accept_option, [chatbot, state], [chatbot, state], queue=False, api_visibility="private") \
            .then(run_pending, [chatbot, state], [chatbot, panel, state, textbox], api_visibility="private",
                  show_progress_on=[panel])

        # --- clicks on cards and chips ----------------------------------------------------------------
        def on_panel(history: list, chat: ChatState, event: gr.EventData):
            data = getattr(event, "_data", None) or {}
            outcome = handlers.act(assistant, chat, str(data.get("action", "")), str(data.get("id", "")),
                                   str(data.get("key", "")))
            if outcome is None:
                return gr.skip(), gr.skip(), gr.skip()
            return show_outcome(history, outcome)

        panel.click(on_panel, [chatbot, state], [chatbot, panel, state], api_visibility="private",
                    show_progress_on=[panel], trigger_mode="once")

        # --- reset, export, import ----------------------------------------------------------------------
        def on_reset(chat: ChatState):
            outcome = handlers.reset(assistant, chat)
            history, panel_html, chat = show_outcome([], outcome)
            return history, panel_html, chat, None, None, gr.update(value=None, visible=False)

        reset_button.click(on_reset, [state], [chatbot, panel, state, textbox, editor, export_file],
                           api_visibility="private")

        def on_export(history: list, chat: ChatState):
            path = handlers.export_session(chat, exports_dir)
            history, _, chat = show_outcome(history, handlers.exported(chat))
            return gr.update(value=str(path), visible=True), history, chat

        export_button.click(on_export, [chatbot, state], [export_file, chatbot, state], queue=False,
                            api_visibility="private")

        def on_import(data: bytes | None, history: list, chat: ChatState):
            return show_outcome(history, handlers.import_session(assistant, chat, data))

        import_button.upload(on_import, [import_button, chatbot, state], [chatbot, panel, state],
                             api_visibility="private")

        # --- the crop editor follows the photo attached to the message box (in the browser: MIRROR_JS) -----
        textbox.change(None, [textbox], None, js=MIRROR_JS, api_visibility="private")
        clear_editor.click(lambda: None, None, editor, queue=False, api_visibility="private")

        # --- the named API: one stateless turn --------------------------------------------------------
        api_button.click(partial(api_turn, assistant), [api_photo, api_text, api_session],
                         [api_result, api_session_out], api_name=API_NAME,
                         api_description="One turn: a photo (or None), text, and the session JSON from the "
                                         "previous turn (or empty) → the CLI's result object (or "
                                         '{"error": {"code", "message"}}) and the new session JSON.')

    return BuiltApp(demo=demo, i18n=i18n,
                    allowed_paths=[str(p) for p in (image_dirs if image_dirs is not None else catalog_image_dirs(assistant))])


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


def show_outcome(history: list, outcome: Outcome, echo: bool = True) -> tuple[list, str, ChatState]:
    """An outcome on screen: the click as the shopper's line, the answer (with quick replies), the panel."""
    history = list(history or [])
    if echo and outcome.said:
        history.append({"role": "user", "content": md_escape(outcome.said)})
    message: dict[str, Any] = {"role": "assistant", "content": outcome.message}
    reply = outcome.reply
    if reply is not None and reply.quick_replies:
        message["options"] = [{"value": quick.text, "label": quick.label} for quick in reply.quick_replies]
    history.append(message)
    chat = outcome.state
    return history, render_panel(chat.session, chat.reply, chat.language), chat


def _without_last_photo(history: list) -> list:
    history = list(history or [])
    for position in range(len(history) - 1, -1, -1):
        message = history[position]
        if message.get("role") == "user":
            content = message.get("content")
            parts = content if isinstance(content, list) else [content]
            kept = [part for part in parts if isinstance(part, str) or (isinstance(part, dict) and part.get("type") == "text")]
            history[position] = {**message, "content": kept or ["…"]}
            break
    return history


def _edited_photo(edited: dict | None) -> str | None:
    """The crop editor's image, if it holds one: the composite is what the shopper cropped to."""
    if not edited:
        return None
    return edited.get("composite") or edited.get("background") or None


__all__ = ["BuiltApp", "CatalogInfo", "build_app", "catalog_image_dirs", "delete_cache_schedule"]
