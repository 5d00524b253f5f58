"""The app's edge under bad input, faults and privacy checks: a clear message, no trace, nothing kept, session intact.

Two apps, each launched once: the real one (`python app.py` in its own process, its log captured) serving a copy
of the demo index from a real Chroma server through LIKETHIS_CHROMA_URL, with Gradio's cache in a temp dir and a
short upload TTL; and an in-process one whose encoder and index fail on command. The UI handlers are also called
directly with the same inputs. What the decoder and the engine do with each input is tested in test_bad_images,
test_bad_turns and test_faults; here it is what a shopper (or an API client) sees.
"""
from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import httpx
import numpy as np
import pytest
from PIL import Image

from assistant.engine import Assistant
from assistant.session import SessionState
from assistant.ui import handlers
from catalog.errors import IndexUnavailable
from catalog.images import MAX_IMAGE_BYTES, MB
from tests.chroma_server import ChromaServer, free_port
from tests.test_bad_images import _animated_gif, _bomb_png, _garment, _jpeg, _png

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting:Warning"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated:Warning"),
]

UPLOAD_TTL = 6  # seconds an upload may stay in the real app's Gradio cache
TRACE_WORDS = ("Traceback", "ERROR", "Exception")
# A catalog photo whose item, stored sideways, is found by another garment unless EXIF turns it upright.
ROTATED_PRODUCT = "fm-0002-green"


# --- the inputs --------------------------------------------------------------------------------------------

def _exif_rotated(photo: Path) -> bytes:
    """The catalog photo as a phone stores it when held sideways: pixels rotated, EXIF saying how to turn back."""
    exif = Image.Exif()
    exif[0x0112] = 8
    return _jpeg(Image.open(photo).convert("RGB").rotate(-90, expand=True), quality=95, exif=exif)


_JPEG = _jpeg(_garment((200, 200)))
_PNG = _png(_garment((120, 90)))

# (what, file name, bytes, the decoder's reason) — each must come back as a clear "couldn't read that photo".
BAD_PHOTOS = [
    ("corrupt JPEG", "holiday.jpg", _JPEG[:600] + bytes(range(256)) * 8, "not_an_image"),
    ("truncated JPEG", "holiday.jpg", _JPEG[: len(_JPEG) // 2], "truncated"),
    ("corrupt PNG", "holiday.png", _PNG[:60] + b"\x00garbage" * 40, "truncated"),
    ("truncated PNG", "holiday.png", _PNG[: len(_PNG) // 2], "truncated"),
    ("zero-byte file", "holiday.jpg", b"", "empty"),
    ("text named .jpg", "holiday.jpg", b"hello, this is not a photo\n" * 10, "not_an_image"),
    ("HTML named .jpg", "holiday.jpg", b"<!doctype html><html><body><img src=x onerror=alert(1)></body></html>",
     "not_an_image"),
    ("SVG named .jpg", "holiday.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>',
     "not_an_image"),
    ("decompression bomb (30000x30000 PNG)", "holiday.png", _bomb_png(30000, 30000), "bomb"),
]
REASONS_EN = {"not_an_image": "not a photo in a format we read", "truncated": "damaged or truncated",
              "empty": "an empty file", "bomb": "too large to decode safely", "too_large": "over the 20 MB limit"}
REASONS_ZH = {"not_an_image": "这不是可识别的图片文件", "truncated": "图片已损坏或不完整", "empty": "文件是空的",
              "bomb": "图片像素过多，无法安全解码", "too_large": "文件超过 20 MB"}

# Odd but valid photos: searched like any other.
ODD_PHOTOS = [
    ("animated GIF", "odd.gif", _animated_gif()),
    ("16-bit greyscale PNG", "odd.png", _png(Image.fromarray(np.linspace(0, 65535, 96 * 72).reshape(72, 96)
                                                             .astype(np.uint16)))),
    ("palette PNG with transparency", "odd.png", _png(_garment((96, 72)).convert("P"), transparency=0)),
    ("CMYK JPEG", "odd.jpg", _jpeg(_garment((96, 72)).convert("CMYK"))),
]

# Text a shopper may type that must get an answer (never an error, never a filter from its syntax).
ODD_TEXTS = [
    "\x00\x01\x02 red \x1b[31m dress \x7f",
    "🔥👗✨ red dress 🙏",
    "فستان أحمر",  # right-to-left: Arabic "red dress"
    "\u202eesserd der\u202c",  # a right-to-left override around "red dress"
    '{"$ne": null}',
    "price<0 or 1=1",
]
FILTER_SYNTAX = ['{"$ne": null}', "price<0 or 1=1"]


def _edited(session_json: str, **changes: Any) -> str:
    return json.dumps({**json.loads(session_json), **changes}, ensure_ascii=False)


# Session JSON that must be refused: (what, make from a good session JSON, words of the English message).
BAD_SESSIONS: list[tuple[str, Callable[[str], str], str]] = [
    ("malformed JSON", lambda good: good[: len(good) // 2], "not valid JSON"),
    ("not an object", lambda good: "[1, 2, 3]", "must hold a JSON object"),
    ("from another catalog", lambda good: _edited(good, catalog="demo-clip|clip:some-other-model"),
     "saved against another catalog"),
    ("unknown colour", lambda good: _edited(good, constraints=[{"field": "color", "op": "eq", "value": "chartreuse",
                                                                "turn": 1}]), "unknown color"),
    ("negative price", lambda good: _edited(good, constraints=[{"field": "price", "op": "lt", "value": -5, "turn": 1}]),
     "non-negative number"),
    ("operator injection", lambda good: _edited(good, constraints=[{"field": "$where", "op": "eq", "value": "1=1"}]),
     "invalid constraint"),
    ("wrong types", lambda good: _edited(good, turn="3", likes="fm-0001-grey"), "must be a non-negative integer"),
]


def _no_trace(*texts: str) -> None:
    for text in texts:
        for word in TRACE_WORDS:
            assert word not in text, f"{word!r} shown: {text[:300]}"


def _files(root: Path) -> dict[str, int]:
    """Every file under `root` (symlinks not followed) with its size."""
    found = {}
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            found[str(path.relative_to(root))] = path.lstat().st_size
    return found


# --- the real app ------------------------------------------------------------------------------------------

@dataclass
class RealApp:
    url: str
    client: Any
    home: Path  # its LIKETHIS_HOME
    log: Path  # its stdout and stderr
    gradio_temp: Path  # GRADIO_TEMP_DIR: where uploads are cached
    chroma: ChromaServer

    def turn(self, photo: Path | None, text: str, session: str = "") -> tuple[dict, str]:
        from gradio_client import handle_file

        return self.client.predict(handle_file(str(photo)) if photo else None, text, session, api_name="/turn")


@pytest.fixture(scope="module")
def chroma(demo_lite_index, demo_settings, tmp_path_factory):
    """A real `chroma run` serving a copy of the demo index: the same bytes, in seconds instead of a rebuild."""
    root = tmp_path_factory.mktemp("chroma")
    shutil.copytree(demo_settings.index_dir, root / "data")
    server = ChromaServer(root / "data", free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def real_app(chroma, demo_catalog_dir, tmp_path_factory):
    from gradio_client import Client

    from benchmarks.load import app_process

    root = tmp_path_factory.mktemp("real-app")
    home = root / "home"
    home.mkdir()
    (home / "demo-catalog").symlink_to(demo_catalog_dir, target_is_directory=True)
    env = {"LIKETHIS_CHROMA_URL": chroma.url, "GRADIO_TEMP_DIR": str(root / "gradio"),
           "LIKETHIS_UPLOAD_TTL": str(UPLOAD_TTL), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    with app_process(home, "lite", root / "app.log", startup_timeout=300, env=env) as url:
        client = Client(url, verbose=False, download_files=False)
        try:
            yield RealApp(url, client, home, root / "app.log", root / "gradio", chroma)
        finally:
            client.close()


@pytest.fixture
def app(real_app):
    """The real app, checked after each test: LIKETHIS_HOME unchanged, and no trace in what it logged meanwhile."""
    before, offset = _files(real_app.home), real_app.log.stat().st_size
    yield real_app
    assert _files(real_app.home) == before, "a turn left files in LIKETHIS_HOME"
    with real_app.log.open("rb") as log:
        log.seek(offset)
        _no_trace(log.read().decode("utf-8", errors="replace"))


@pytest.fixture(scope="module")
def catalog_photo(demo_catalog_dir) -> Path:
    return demo_catalog_dir / "images" / f"{ROTATED_PRODUCT}.png"


@pytest.fixture(scope="module")
def good_session(real_app, catalog_photo) -> str:
    """A session after one photo turn (10 results on screen): every bad input is sent with it."""
    result, session = real_app.turn(catalog_photo, "")
    assert "error" not in result and len(result["results"]) == 10
    return session


def _still_usable(app: RealApp, session: str) -> None:
    result, after = app.turn(None, "in red", session)
    assert "error" not in result, result
    assert result["results"] and {r["color"] for r in result["results"]} == {"red"}
    assert json.loads(after)["turn"] == json.loads(session)["turn"] + 1


# --- 1. bad input through the API ---------------------------------------------------------------------------

@pytest.mark.parametrize("what,name,data,reason", BAD_PHOTOS, ids=[b[0] for b in BAD_PHOTOS])
def test_bad_photo_through_the_api_is_a_clear_message_and_the_session_goes_on(app, good_session, tmp_path,
                                                                             what, name, data, reason):
    photo = tmp_path / name
    photo.write_bytes(data)
    result, session = app.turn(photo, "", good_session)
    assert result == {"error": {"code": "bad_image", "message": result["error"]["message"]}}
    message = result["error"]["message"]
    assert message.startswith("I couldn’t read that photo: ") and REASONS_EN[reason] in message, message
    assert name not in message  # messages never name the shopper's file
    assert session == good_session  # the session comes back unchanged
    _no_trace(message)
    _still_usable(app, session)


def test_bad_photos_are_explained_in_chinese_when_the_shopper_writes_chinese(app, good_session, tmp_path):
    for what, name, data, reason in BAD_PHOTOS[::2]:
        photo = tmp_path / name
        photo.write_bytes(data)
        result, kept = app.turn(photo, "像这个", good_session)
        message = result["error"]["message"]
        assert message.startswith("无法读取这张照片：") and REASONS_ZH[reason] in message, (what, message)
        assert kept == good_session


@pytest.mark.parametrize("what,name,data", ODD_PHOTOS, ids=[o[0] for o in ODD_PHOTOS])
def test_odd_but_valid_photos_are_searched(app, tmp_path, what, name, data):
    photo = tmp_path / name
    photo.write_bytes(data)
    result, session = app.turn(photo, "", "")
    assert "error" not in result and result["results"], result
    assert SessionState.from_json(session).reference.source == "upload"


def test_an_exif_rotated_photo_is_searched_upright(app, catalog_photo, tmp_path):
    rotated = tmp_path / "sideways.jpg"
    rotated.write_bytes(_exif_rotated(catalog_photo))
    upright, _ = app.turn(rotated, "")
    assert upright["results"][0]["id"] == ROTATED_PRODUCT, upright["results"][:3]
    # The control: the same sideways pixels without the EXIF tag find another garment first.
    plain = tmp_path / "sideways-no-exif.jpg"
    Image.open(rotated).save(plain, format="JPEG", quality=95)
    assert Image.open(plain).getexif().get(0x0112) is None
    sideways, _ = app.turn(plain, "")
    assert sideways["results"][0]["id"] != ROTATED_PRODUCT


def test_an_upload_over_20_mb_is_refused_by_the_server_with_a_clear_message(app, tmp_path):
    big = tmp_path / "huge.jpg"
    big.write_bytes(_JPEG[:2] + os.urandom(MAX_IMAGE_BYTES + MB - 2))
    # The browser reads the limit from the config and refuses before uploading...
    assert httpx.get(f"{app.url}config", timeout=10).json()["max_file_size"] == MAX_IMAGE_BYTES == 20 * MB
    # ...a client that uploads anyway is stopped by the server...
    with big.open("rb") as handle:
        refused = httpx.post(f"{app.url}gradio_api/upload", files={"files": (big.name, handle, "image/jpeg")},
                             timeout=60)
    assert refused.status_code == 413
    assert refused.text == f"File size exceeded maximum allowed size of {MAX_IMAGE_BYTES} bytes."
    # ...and gradio_client says so before sending a byte.
    with pytest.raises(ValueError, match=f"exceeds the maximum file size of {MAX_IMAGE_BYTES} bytes"):
        app.turn(big, "")
    assert not [name for name, size in _files(app.gradio_temp).items() if size > MAX_IMAGE_BYTES // 2]


def test_empty_message_asks_for_a_photo_or_words(app):
    result, session = app.turn(None, "", "")
    assert "error" not in result and result["results"] == []
    assert result["reply"].startswith("Show me a photo or tell me what you are looking for")
    chinese = SessionState(catalog=SessionState.from_json(session).catalog, language="zh").to_json()
    result, _ = app.turn(None, "", chinese)
    assert result["reply"].startswith("发一张照片，或者告诉我你想找什么")


def test_a_100000_character_message_is_refused_in_the_shoppers_language(app, good_session):
    english, session = app.turn(None, "red dress " * 10_000, good_session)
    assert english["error"] == {"code": "text_too_long",
                                "message": "That message is too long — please keep it under 2000 characters."}
    assert session == good_session
    chinese, _ = app.turn(None, "红色连衣裙" * 20_000, good_session)
    assert chinese["error"]["message"] == "消息太长了，请控制在 2000 个字符以内。"
    _still_usable(app, session)


@pytest.mark.parametrize("text", ODD_TEXTS, ids=["control", "emoji", "rtl", "rtl-override", "ne-null", "sql-ish"])
def test_odd_text_gets_an_answer_and_filter_syntax_stays_text(app, good_session, text):
    result, session = app.turn(None, text, good_session)
    assert "error" not in result and result["reply"], result
    _no_trace(result["reply"])
    fresh, _ = app.turn(None, text, "")
    assert "error" not in fresh
    if text in FILTER_SYNTAX:
        assert fresh["constraints"] == [] and result["constraints"] == []
    assert all(r["price"] >= 0 for r in result["results"] + fresh["results"])
    _still_usable(app, session)


def test_pointing_past_the_results_is_a_clear_message(app, good_session):
    english, session = app.turn(None, "#12", good_session)
    assert english["error"] == {"code": "bad_reference", "message": "There is no #12 — I showed 10 results."}
    chinese, _ = app.turn(None, "第十二个", good_session)
    assert chinese["error"] == {"code": "bad_reference", "message": "没有第12个——当前只显示了10个结果。"}
    assert session == good_session
    second, _ = app.turn(None, "#2", good_session)
    assert "error" not in second and second["results"]


@pytest.mark.parametrize("what,make,words", BAD_SESSIONS, ids=[b[0] for b in BAD_SESSIONS])
def test_a_bad_session_json_is_refused_with_the_reason(app, good_session, what, make, words):
    bad = make(good_session)
    result, session = app.turn(None, "in red", bad)
    assert result["error"]["code"] == "bad_session", result
    message = result["error"]["message"]
    assert message.startswith("That session file can’t be used: ") and words in message, message
    assert session == bad  # given back as sent: the client decides what to do with it
    _no_trace(message)
    _still_usable(app, good_session)


def test_a_bad_session_is_refused_in_chinese_too(app, good_session):
    result, _ = app.turn(None, "要红色的", good_session[:40])
    assert result["error"]["code"] == "bad_session"
    assert result["error"]["message"].startswith("无法使用这个会话文件（")


# --- 1. the same through the UI handlers ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def assistant(demo_lite_index, lite_encoder) -> Assistant:
    index, _ = demo_lite_index
    return Assistant(lite_encoder, index)


@pytest.fixture(scope="module")
def on_screen(assistant, catalog_photo) -> handlers.ChatState:
    """A tab with 10 results on screen after a photo turn."""
    outcome = handlers.send(assistant, handlers.new_state(assistant, "en"), "", str(catalog_photo))
    assert outcome.error is None and len(outcome.reply.results) == 10
    return outcome.state


@pytest.fixture
def ui(assistant, on_screen, likethis_home, caplog):
    """Checks after each handler test: the handlers wrote nothing to LIKETHIS_HOME and logged no warning or trace."""
    yield assistant, on_screen
    assert _files(likethis_home) == {}
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR", "CRITICAL") or r.exc_info]


def _failed_cleanly(outcome: handlers.Outcome, before: handlers.ChatState, code: str) -> str:
    assert outcome.error == code, (outcome.error, outcome.message)
    assert outcome.reply is None and outcome.message.startswith("⚠️ ")
    # Nothing changed: the same search, the same cards on screen.
    assert outcome.state.session == before.session and outcome.state.reply is before.reply
    _no_trace(outcome.message)
    return outcome.message


def _next_turn_works(assistant: Assistant, state: handlers.ChatState) -> None:
    outcome = handlers.send(assistant, state, "in red")
    assert outcome.error is None and outcome.reply.results
    assert {item.hit.product.color for item in outcome.reply.results} == {"red"}


@pytest.mark.parametrize("what,name,data,reason", BAD_PHOTOS, ids=[b[0] for b in BAD_PHOTOS])
def test_bad_photo_through_the_ui_is_a_chat_message(ui, tmp_path, what, name, data, reason):
    assistant, state = ui
    photo = tmp_path / name
    photo.write_bytes(data)
    message = _failed_cleanly(handlers.send(assistant, state, "", str(photo)), state, "bad_image")
    assert REASONS_EN[reason] in message and name not in message
    zh = handlers.switch_language(state, "zh")
    assert REASONS_ZH[reason] in _failed_cleanly(handlers.send(assistant, zh, "", str(photo)), zh, "bad_image")
    _next_turn_works(assistant, state)


@pytest.mark.parametrize("what,name,data", ODD_PHOTOS, ids=[o[0] for o in ODD_PHOTOS])
def test_odd_but_valid_photos_through_the_ui_are_searched(ui, tmp_path, what, name, data):
    assistant, state = ui
    photo = tmp_path / name
    photo.write_bytes(data)
    outcome = handlers.send(assistant, state, "", str(photo))
    assert outcome.error is None and outcome.reply.results


def test_an_exif_rotated_photo_through_the_ui_finds_its_product_first(ui, catalog_photo, tmp_path):
    assistant, _ = ui
    rotated = tmp_path / "sideways.jpg"
    rotated.write_bytes(_exif_rotated(catalog_photo))
    outcome = handlers.send(assistant, handlers.new_state(assistant), "", str(rotated))
    assert outcome.reply.results[0].hit.product.id == ROTATED_PRODUCT


def test_a_photo_over_20_mb_through_the_ui_is_refused_before_reading_it(ui, tmp_path):
    assistant, state = ui
    big = tmp_path / "huge.jpg"
    with big.open("wb") as handle:  # sparse: the size is what is checked, before a byte is read
        handle.write(_JPEG[:2])
        handle.truncate(MAX_IMAGE_BYTES + MB)
    message = _failed_cleanly(handlers.send(assistant, state, "", str(big)), state, "bad_image")
    assert "this file is 21.0 MB, over the 20 MB limit" in message, message
    zh = handlers.switch_language(state, "zh")
    assert "文件超过 20 MB" in _failed_cleanly(handlers.send(assistant, zh, "", str(big)), zh, "bad_image")


def test_text_edge_cases_through_the_ui(ui):
    assistant, state = ui
    empty = handlers.send(assistant, handlers.new_state(assistant), "")
    assert empty.error is None and "Show me a photo" in empty.message
    assert "please keep it under 2000" in _failed_cleanly(handlers.send(assistant, state, "x" * 100_000), state,
                                                          "text_too_long")
    assert "There is no \\#12" in _failed_cleanly(handlers.send(assistant, state, "#12"), state, "bad_reference")
    zh = handlers.switch_language(state, "zh")
    assert "没有第12个" in _failed_cleanly(handlers.send(assistant, zh, "第十二个"), zh, "bad_reference")
    for text in ODD_TEXTS:
        outcome = handlers.send(assistant, state, text)
        assert outcome.error is None, (text, outcome.message)
        if text in FILTER_SYNTAX:
            assert outcome.state.session.constraints == ()
    _next_turn_works(assistant, state)


@pytest.mark.parametrize("action", ["like", "dislike", "more"])
@pytest.mark.parametrize("product_id", ["fm-9999-red", "../../etc/passwd", '{"$ne": null}', ""])
def test_clicking_an_unknown_product_is_a_clear_message(ui, action, product_id):
    assistant, state = ui
    message = _failed_cleanly(handlers.act(assistant, state, action, product_id), state, "unknown_product")
    assert "I don’t know a product with id" in message
    zh = handlers.switch_language(state, "zh")
    assert "找不到编号为" in _failed_cleanly(handlers.act(assistant, zh, action, product_id), zh, "unknown_product")
    _next_turn_works(assistant, state)


def test_importing_a_bad_session_file_is_a_clear_message(ui):
    assistant, state = ui
    good = state.session.to_json()
    for what, make, words in BAD_SESSIONS:
        message = _failed_cleanly(handlers.import_session(assistant, state, make(good).encode()), state, "bad_session")
        assert "can’t be used" in message and words in message, (what, message)
    assert "not valid JSON" in _failed_cleanly(handlers.import_session(assistant, state, b"\xff\xfe\x00garbage"),
                                               state, "bad_session")
    too_large = handlers.import_session(assistant, state, b" " * 2_000_000)
    assert too_large.error == "bad_session" and "too large" in too_large.message
    assert too_large.state.session == state.session
    zh = handlers.switch_language(state, "zh")
    assert "无法使用这个会话文件" in _failed_cleanly(handlers.import_session(assistant, zh, b"{not json"), zh,
                                                    "bad_session")
    assert "没有收到文件" in _failed_cleanly(handlers.import_session(assistant, zh, None), zh, "bad_session")
    _next_turn_works(assistant, state)


# --- 3. faults: an encoder and an index that fail on command, in an app that keeps serving -----------------

class Flaky:
    """Stands in for an encoder or an index; `fail_next(method, error)` makes that method's next call raise."""

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        self._armed: dict[str, BaseException] = {}

    def fail_next(self, method: str, error: BaseException) -> None:
        self._armed[method] = error

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        if not callable(value):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            error = self._armed.pop(name, None)
            if error is not None:
                raise error
            return value(*args, **kwargs)

        return call


@dataclass
class FlakyApp:
    client: Any
    encoder: Flaky
    index: Flaky
    assistant: Assistant

    def turn(self, photo: Path | None, text: str, session: str = "") -> tuple[dict, str]:
        from gradio_client import handle_file

        return self.client.predict(handle_file(str(photo)) if photo else None, text, session, api_name="/turn")


@pytest.fixture(scope="module")
def flaky_app(demo_lite_index, lite_encoder, tmp_path_factory):
    from gradio_client import Client

    from assistant.ui.layout import build_app
    from assistant.ui.serve import launch

    index, _ = demo_lite_index
    encoder, flaky_index = Flaky(lite_encoder), Flaky(index)
    assistant = Assistant(encoder, flaky_index)
    app = build_app(assistant, examples_dir=tmp_path_factory.mktemp("app-examples"),
                    exports_dir=tmp_path_factory.mktemp("exports"))
    port = free_port()
    launch(app, server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True)
    client = Client(f"http://127.0.0.1:{port}/", verbose=False, download_files=False)
    try:
        yield FlakyApp(client, encoder, flaky_index, assistant)
    finally:
        client.close()
        app.demo.close()


def test_an_encoder_crash_in_one_turn_is_a_message_and_the_app_keeps_serving(flaky_app, catalog_photo, caplog):
    first, session = flaky_app.turn(catalog_photo, "")
    assert "error" not in first
    flaky_app.encoder.fail_next("embed_image", RuntimeError("injected: the model fell over"))
    failed, kept = flaky_app.turn(catalog_photo, "like this but in red", session)
    assert failed["error"] == {"code": "internal", "message": "Something went wrong on this turn; your session is "
                                                               "intact — please try again."}
    assert kept == session
    flaky_app.encoder.fail_next("embed_image", RuntimeError("injected: the model fell over"))
    failed_zh, _ = flaky_app.turn(catalog_photo, "像这个，要红色的", session)
    assert failed_zh["error"]["message"] == "本轮处理出错了，你的会话没有丢失，请重试。"
    # The same photo and words again, on the same app: it works.
    again, after = flaky_app.turn(catalog_photo, "like this but in red", kept)
    assert "error" not in again and {r["color"] for r in again["results"]} == {"red"}
    assert json.loads(after)["turn"] == json.loads(session)["turn"] + 1
    # The operator's log has each failure with its trace; nothing the shopper typed is in it.
    failures = [r for r in caplog.records if r.getMessage() == "turn failed"]
    assert len(failures) == 2 and all("injected" in str(r.exc_info[1]) for r in failures)
    assert "like this but in red" not in caplog.text and "像这个" not in caplog.text


def test_an_index_outage_in_one_turn_says_search_is_unavailable_and_the_next_turn_works(flaky_app, catalog_photo):
    _, session = flaky_app.turn(catalog_photo, "")
    outage = IndexUnavailable("search is unavailable: cannot reach the Chroma server at http://127.0.0.1:9")
    flaky_app.index.fail_next("nearest", outage)
    failed, kept = flaky_app.turn(None, "in red", session)
    assert failed["error"]["code"] == "index_unavailable"
    assert failed["error"]["message"].startswith("Search is unavailable right now")
    assert "127.0.0.1" not in failed["error"]["message"]  # where the store lives is not the shopper's business
    assert kept == session
    flaky_app.index.fail_next("nearest", outage)
    failed_zh, _ = flaky_app.turn(None, "要红色的", session)
    assert failed_zh["error"]["message"].startswith("搜索暂时不可用")
    again, _ = flaky_app.turn(None, "in red", kept)
    assert "error" not in again and {r["color"] for r in again["results"]} == {"red"}


def test_faults_through_the_ui_handlers_keep_the_tab_as_it_was(flaky_app, catalog_photo, likethis_home):
    assistant = flaky_app.assistant
    state = handlers.send(assistant, handlers.new_state(assistant), "", str(catalog_photo)).state
    flaky_app.encoder.fail_next("embed_image", RuntimeError("injected"))
    assert "your session is intact" in _failed_cleanly(handlers.send(assistant, state, "", str(catalog_photo)),
                                                       state, "internal")
    flaky_app.index.fail_next("nearest", IndexUnavailable("search is unavailable: the test said so"))
    zh = handlers.switch_language(state, "zh")
    assert "搜索暂时不可用" in _failed_cleanly(handlers.send(assistant, zh, "要红色的"), zh, "index_unavailable")
    _next_turn_works(assistant, state)
    assert _files(likethis_home) == {}


# --- 4. privacy: the photo and the session never reach the catalog, the index or the logs --------------------

def test_an_uploaded_photo_reaches_neither_data_nor_logs_and_leaves_the_cache_after_its_ttl(
    app, catalog_photo, demo_catalog_dir, tmp_path
):
    marker, typed = uuid.uuid4().hex, f"zq{uuid.uuid4().hex[:12]}"
    name = f"private-holiday-{marker}.png"
    photo = tmp_path / name
    photo.write_bytes(catalog_photo.read_bytes() + f"PRIVATE-{marker}".encode())  # PNG readers skip trailing bytes
    first, session = app.turn(photo, "like this but in red")
    uploaded = [Path(folder) / found for folder, _, names in os.walk(app.gradio_temp) for found in names
                if found == name]
    assert len(uploaded) == 1, "the upload should be in Gradio's cache until its TTL"
    second, session = app.turn(None, f"under 500 with {typed}", session)
    assert "error" not in first and "error" not in second
    assert typed in session  # what the shopper typed is the session's (theirs to keep), the photo is not
    assert marker not in session and "private-holiday" not in session

    needles = [marker.encode(), name.encode(), b"private-holiday", typed.encode()]
    places = {"LIKETHIS_HOME": app.home, "the catalog": demo_catalog_dir, "the index": app.chroma.path.parent}
    for place, root in places.items():
        for relative in _files(root):
            content = (root / relative).read_bytes()
            assert not any(needle in content or needle.decode() in relative for needle in needles), (place, relative)
    log = app.log.read_bytes()
    assert not any(needle in log for needle in needles), "the app logged the photo or the session"

    deadline = time.monotonic() + UPLOAD_TTL + 30
    while uploaded[0].exists() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not uploaded[0].exists(), f"the upload outlived its {UPLOAD_TTL} s TTL"
    for relative in _files(app.gradio_temp):
        content = (app.gradio_temp / relative).read_bytes()
        assert marker.encode() not in content and name not in relative, relative


def test_the_upload_ttl_comes_from_the_environment():
    from assistant.ui.layout import DELETE_CACHE, delete_cache_schedule

    assert delete_cache_schedule({}) == DELETE_CACHE == (1800, 3600)
    assert delete_cache_schedule({"LIKETHIS_UPLOAD_TTL": "6"}) == (3, 6)
    assert delete_cache_schedule({"LIKETHIS_UPLOAD_TTL": "1"}) == (1, 1)
    assert delete_cache_schedule({"LIKETHIS_UPLOAD_TTL": "86400"}) == (1800, 86400)
    assert delete_cache_schedule({"LIKETHIS_UPLOAD_TTL": "soon"}) == DELETE_CACHE


# --- 3. a real Chroma server stopped mid-session and restarted, the app never restarted ---------------------

def test_chroma_dying_mid_session_is_search_unavailable_then_the_same_app_recovers(app, catalog_photo):
    first, session = app.turn(catalog_photo, "")
    assert "error" not in first
    app.chroma.stop()
    try:
        failed, kept = app.turn(None, "in red", session)
        assert failed["error"]["code"] == "index_unavailable", failed
        assert failed["error"]["message"].startswith("Search is unavailable right now")
        assert kept == session
        failed_zh, _ = app.turn(None, "要红色的", session)
        assert failed_zh["error"]["message"].startswith("搜索暂时不可用")
        assert httpx.get(f"{app.url}config", timeout=10).status_code == 200  # still serving
    finally:
        app.chroma.start()
    again, after = app.turn(None, "in red", kept)
    assert "error" not in again and again["results"] and {r["color"] for r in again["results"]} == {"red"}
    assert json.loads(after)["turn"] == json.loads(session)["turn"] + 1
