"""The app's handlers, called directly on a real Assistant over the real demo index (lite): no browser."""
from __future__ import annotations

import html
import json
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.engine import Assistant
from assistant.session import SessionState
from assistant.ui import handlers
from assistant.ui.api import api_turn
from assistant.reply import RankedResult
from assistant.ui.cards import chat_reply, chip_key, md_escape, render_panel
from catalog.records import Hit, Product
from assistant.ui.examples import EXAMPLES, Example, example_photo, write_example_photos
from assistant.ui.i18n import LABELS, i18n_translations, text, ui_language
from assistant.ui.layout import show_outcome

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def assistant(demo_lite_index, lite_encoder) -> Assistant:
    index, _summary = demo_lite_index
    return Assistant(lite_encoder, index)


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    """A blue T-shirt from the Fashion-MNIST test split: a photo the catalog has never seen."""
    path = tmp_path_factory.mktemp("photos") / "blue-tee.png"
    example_photo(Example("t-shirt", "blue", "", "en")).save(path)
    return path


@pytest.fixture(scope="module")
def red_turn(assistant, photo) -> handlers.Outcome:
    first = handlers.send(assistant, handlers.new_state(assistant, "en"), "", str(photo))
    return handlers.send(assistant, first.state, "in red")


def colors(outcome: handlers.Outcome) -> list[str]:
    return [item.hit.product.color for item in outcome.reply.results]


def test_photo_turn_finds_the_kind_of_item_and_shows_it(assistant, photo):
    outcome = handlers.send(assistant, handlers.new_state(assistant, "en"), "", str(photo))
    assert outcome.error is None
    reply = outcome.reply
    assert reply.results and reply.session.reference.source == "upload"
    top = [item.hit.product.category for item in reply.results[:5]]
    assert top.count("t-shirt") >= 3, top
    assert "like your photo" in outcome.message and "lt-strip-img" in outcome.message
    panel = render_panel(outcome.state.session, reply, "en")
    assert panel.count('class="lt-card') == len(reply.results)
    assert "gradio_api/file=" in panel


def test_in_red_gives_red_results_and_a_chip(red_turn):
    assert red_turn.error is None
    assert set(colors(red_turn)) == {"red"}
    panel = render_panel(red_turn.state.session, red_turn.reply, "en")
    assert ">red<" in panel and 'data-action="remove"' in panel


def test_cheaper_gives_cheaper_results_of_the_same_kind(assistant, red_turn):
    top = red_turn.reply.results[0].hit.product
    cheaper = handlers.send(assistant, red_turn.state, "cheaper")
    assert cheaper.error is None and cheaper.reply.results
    for item in cheaper.reply.results:
        assert item.hit.product.price < top.price
        assert item.hit.product.category == top.category
        assert item.hit.product.color == "red"


def test_removing_a_chip_drops_that_filter_and_searches_again(assistant, red_turn):
    color_chip = next(a for a in red_turn.state.session.constraints if a.constraint.field == "color")
    outcome = handlers.remove_filter(assistant, red_turn.state, chip_key(color_chip))
    assert outcome.error is None
    assert not any(a.constraint.field == "color" for a in outcome.state.session.constraints)
    assert outcome.state.session.turn == red_turn.state.session.turn + 1
    assert set(colors(outcome)) != {"red"}  # the photo's own colour comes back
    assert outcome.said == "✕ Remove “red”"
    # A stale chip (already removed) is a no-op with a message, not an error.
    again = handlers.remove_filter(assistant, outcome.state, chip_key(color_chip))
    assert again.state == outcome.state and again.error is None and "already gone" in again.message


def test_like_dislike_and_more_like_this(assistant, red_turn):
    first, second = (item.hit.product for item in red_turn.reply.results[:2])
    liked = handlers.like(assistant, red_turn.state, first.id)
    assert liked.error is None and first.id in liked.state.session.likes
    assert liked.said == f"👍 {first.title}"
    assert "lt-liked" in render_panel(liked.state.session, liked.reply, "en")
    assert set(colors(liked)) == {"red"}  # the filters stay

    disliked = handlers.dislike(assistant, liked.state, second.id)
    assert disliked.error is None and second.id in disliked.state.session.dislikes
    assert second.id not in [item.hit.product.id for item in disliked.reply.results]

    more = handlers.more_like(assistant, disliked.state, first.id)
    assert more.error is None
    assert more.state.session.reference.source == "product" and more.state.session.reference.product_id == first.id
    assert first.id not in [item.hit.product.id for item in more.reply.results]

    # The panel's click dispatcher routes the same actions; anything else is ignored.
    assert handlers.act(assistant, red_turn.state, "like", first.id).state.session.likes == (first.id,)
    assert handlers.act(assistant, red_turn.state, "explode", first.id) is None


def test_unknown_product_is_a_chat_message_and_the_session_survives(assistant, red_turn):
    outcome = handlers.like(assistant, red_turn.state, "no-such-product")
    assert outcome.error == "unknown_product"
    assert "no-such-product" in outcome.message and outcome.message.startswith("⚠️")
    assert outcome.state.session == red_turn.state.session and outcome.state.reply == red_turn.reply
    follow_up = handlers.send(assistant, outcome.state, "cheaper")
    assert follow_up.error is None and follow_up.reply.results


def test_bad_image_is_a_clear_message_in_the_shoppers_language(assistant, red_turn, tmp_path):
    not_a_photo = tmp_path / "notes.png"
    not_a_photo.write_bytes(b"this is not an image at all")
    outcome = handlers.send(assistant, red_turn.state, "like this", str(not_a_photo))
    assert outcome.error == "bad_image"
    assert "couldn’t read that photo" in outcome.message and "notes.png" not in outcome.message
    assert outcome.state.session == red_turn.state.session
    chinese = handlers.send(assistant, red_turn.state, "要这个", str(not_a_photo))
    assert chinese.error == "bad_image" and "无法读取这张照片" in chinese.message and "不是可识别的图片" in chinese.message
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    assert handlers.send(assistant, red_turn.state, "", str(empty)).error == "bad_image"
    assert handlers.send(assistant, red_turn.state, "", str(tmp_path / "gone.png")).error == "bad_image"
    # The next turn works.
    assert handlers.send(assistant, outcome.state, "cheaper").reply.results


def test_export_then_import_round_trip(assistant, red_turn, tmp_path):
    liked = handlers.like(assistant, red_turn.state, red_turn.reply.results[0].hit.product.id)
    path = handlers.export_session(liked.state, tmp_path / "exports")
    assert path.is_file() and path.suffix == ".json" and path.parent == tmp_path / "exports"
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["likes"] == list(liked.state.session.likes)

    fresh = handlers.new_state(assistant, "en")
    imported = handlers.import_session(assistant, fresh, path.read_bytes())
    assert imported.error is None and imported.said == text("said_import", "en")
    session = imported.state.session
    before = liked.state.session
    assert (session.constraints, session.likes, session.reference, session.semantic) == (
        before.constraints, before.likes, before.reference, before.semantic)
    assert imported.reply.results and set(colors(imported)) == {"red"}  # the search is back on screen
    assert imported.message.startswith("Session imported")


@pytest.mark.parametrize("data, expected", [
    (b"{not json", "not valid JSON"),
    (b"[1, 2, 3]", "must hold a JSON object"),
    (json.dumps({"format": 99}).encode(), "unsupported session format"),
    (json.dumps({"format": 1, "catalog": "other-index|clip:x"}).encode(), "another catalog"),
    (json.dumps({"format": 1, "constraints": [{"field": "color", "op": "eq", "value": "plaid"}]}).encode(),
     "unknown color"),
    (None, "No file was received"),
])
def test_a_malformed_import_is_a_clear_message(assistant, red_turn, data, expected):
    outcome = handlers.import_session(assistant, red_turn.state, data)
    assert outcome.error == "bad_session"
    assert "That session file can’t be used" in outcome.message and expected in outcome.message
    assert "Traceback" not in outcome.message
    assert outcome.state.session == red_turn.state.session  # nothing changed


def test_an_oversized_import_is_refused(assistant, red_turn):
    outcome = handlers.import_session(assistant, red_turn.state, b" " * (handlers.MAX_SESSION_FILE_BYTES + 1))
    assert outcome.error == "bad_session" and "too large" in outcome.message


def test_language_switch_changes_labels_and_reply_language(assistant, photo, red_turn):
    chinese = handlers.switch_language(red_turn.state, "zh")
    assert chinese.language == "zh" and chinese.session.language == "zh"
    panel = render_panel(chinese.session, chinese.reply, "zh")
    assert "筛选条件" in panel and "红色" in panel and "找相似" in panel and "搜索结果" in panel
    assert "Filters" not in panel
    # A turn without words answers in the selected language; typed words choose their own.
    outcome = handlers.send(assistant, handlers.switch_language(handlers.new_state(assistant), "zh"), "", str(photo))
    assert outcome.reply.language == "zh" and "照片" in outcome.message
    english = handlers.send(assistant, outcome.state, "in red")
    assert english.reply.language == "en"
    assert handlers.switch_language(red_turn.state, "fr").language == "en"


def test_switching_language_says_the_cards_on_screen_again_in_that_language(assistant, red_turn):
    shown = [item.hit.product.id for item in red_turn.state.reply.results]
    chinese = handlers.relocalised(assistant, handlers.switch_language(red_turn.state, "zh"))
    assert [item.hit.product.id for item in chinese.reply.results] == shown
    panel = render_panel(chinese.session, chinese.reply, "zh")
    first = chinese.reply.results[0].hit.product
    assert html.escape(first.title_zh) in panel and "与照片相似" in panel
    assert html.escape(first.title) not in panel


def test_every_label_exists_in_both_languages_and_the_browser_picks_one():
    for key, entry in LABELS.items():
        assert entry.get("en") and entry.get("zh"), key
    translations = i18n_translations(backend="lite", reason="lite requested", count="2,360")
    assert set(translations) >= {"en", "zh", "zh-CN"}
    assert "2,360" in translations["zh"]["status"]
    assert ui_language("zh-CN,zh;q=0.9,en;q=0.8") == "zh"
    assert ui_language("en-US,en;q=0.9,zh;q=0.5") == "en"
    assert ui_language("zh-TW") == "zh" and ui_language(None) == "en" and ui_language("*") == "en"


def test_user_and_catalog_text_is_escaped_everywhere(assistant, red_turn):
    outcome = handlers.send(assistant, red_turn.state, '<img src=x onerror=alert(1)> with **stars**')
    assert outcome.error is None and "<img src=x" not in outcome.message
    assert "<img src=x" not in render_panel(outcome.state.session, outcome.reply, "en")
    assert md_escape("<b>**hi**</b> [x](javascript:1) $$y$$") == (
        "&lt;b&gt;\\*\\*hi\\*\\*&lt;/b&gt; \\[x\\](javascript:1) \\$\\$y\\$\\$")
    # A catalog row is input too: a hostile title, id or reason renders as text.
    evil = Product(id='x" onmouseover="alert(1)', group_id="g", title="<script>alert(1)</script>", category="dress",
                   color="red", price=99.0, image='/tmp/a"b.png')
    reply = replace(red_turn.reply, results=(RankedResult(1, Hit(evil, 0.5), "<b>why</b>"),))
    panel = render_panel(red_turn.state.session, reply, "en")
    assert "<script>" not in panel and "<b>why" not in panel and 'onmouseover="alert' not in panel
    assert "&lt;script&gt;" in panel and 'data-id="x&quot; onmouseover=&quot;alert(1)"' in panel
    assert "<script>" not in chat_reply(reply)


def test_quick_replies_become_options_under_the_message(assistant, red_turn):
    # Red items far below any red price: nothing passes, and the reply offers a relaxation to click.
    outcome = handlers.send(assistant, red_turn.state, "under 5")
    assert outcome.error is None and not outcome.reply.results and outcome.reply.quick_replies
    history, panel, state = show_outcome([], outcome)
    options = history[-1]["options"]
    assert options == [{"value": q.text, "label": q.label} for q in outcome.reply.quick_replies]
    clicked = handlers.send(assistant, state, options[0]["value"])
    assert clicked.error is None and clicked.reply.results


def test_reset_clears_the_search(assistant, red_turn):
    outcome = handlers.reset(assistant, red_turn.state)
    assert outcome.error is None and not outcome.state.reply.results
    assert not outcome.state.session.constraints and outcome.state.session.reference is None
    assert "Starting over" in outcome.message
    assert "lt-card" not in render_panel(outcome.state.session, outcome.state.reply, "en")


def test_api_turn_matches_the_cli_contract_and_reports_errors(assistant, photo):
    result, session_json = api_turn(assistant, str(photo), "in red", "")
    assert "error" not in result and result["results"]
    assert {r["color"] for r in result["results"]} == {"red"}
    assert set(result) == {"reply", "language", "encoder", "constraints", "results", "no_good_match", "question", "region",
                           "elapsed_ms"}
    assert SessionState.from_json(session_json, catalog=assistant.catalog_id).reference is not None
    error, same = api_turn(assistant, None, "cheaper", "{broken")
    assert error == {"error": {"code": "bad_session", "message": error["error"]["message"]}} and same == "{broken"
    assert "can’t be used" in error["error"]["message"]
    nothing, _ = api_turn(assistant, None, "", "")
    assert "Show me a photo" in nothing["reply"]


def test_example_photos_come_from_the_test_split_and_cover_both_languages(tmp_path):
    written = write_example_photos(tmp_path)
    assert len(written) == len(EXAMPLES) and all(path.is_file() for _, path in written)
    assert {example.language for example in EXAMPLES} == {"en", "zh"}
    before = {path: path.read_bytes() for _, path in written}
    write_example_photos(tmp_path)  # idempotent: the same files, untouched
    assert {path: path.read_bytes() for _, path in written} == before


def test_a_state_change_never_mutates_the_state_passed_in(assistant, red_turn):
    snapshot = replace(red_turn.state)
    handlers.send(assistant, red_turn.state, "cheaper")
    handlers.like(assistant, red_turn.state, red_turn.reply.results[0].hit.product.id)
    assert red_turn.state == snapshot
