"""The app's handlers, called directly on a real Assistant over the real demo index (lite): no browser."""
from __future__ import annotations

import html
import json
import os
import re
import time
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import numpy as np
import pytest
from PIL import Image, ImageOps

from assistant.engine import Assistant
from assistant.session import SessionState
from assistant.ui import handlers
from assistant.ui.api import api_turn
from assistant.reply import RankedResult
from assistant.ui.cards import (EAGER_CARDS, card_picture, chat_reply, chip_key, header_html, md_escape,
                                render_panel, result_strip, strip_picture)
from assistant.ui.crop import FOUND, SHOPPER, CropRequest, SearchedPhoto, fitted, read_crop, render_cropper, shot_html
from assistant.ui.thumbnails import CARD_PIXELS, STRIP_PIXELS, Thumbnails
from catalog.records import Constraint, Hit, Product
from tests.shopper_photos import PHOTO_SIZE, table_top_photo
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
    assert "like your photo" in outcome.message and outcome.answered
    history, _ = show_outcome([], outcome)
    assert history[-1]["content"].startswith(outcome.message) and "lt-strip-img" in history[-1]["content"]
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
    assert "<script>" not in header_html("lite", "<script>x</script>", 3, "en")


def test_quick_replies_become_options_under_the_message(assistant, red_turn):
    # Red items far below any red price: nothing passes, and the reply offers a relaxation to click.
    outcome = handlers.send(assistant, red_turn.state, "under 5")
    assert outcome.error is None and not outcome.reply.results and outcome.reply.quick_replies
    history, state = show_outcome([], outcome)
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


# --- the part of the photo that was searched: found by the engine, or cropped by the shopper ----------------

@pytest.fixture(scope="module")
def bag(assistant) -> Product:
    return next(p for p in assistant.index.find(where=[Constraint("category", "eq", "bag")], limit=50)
                if p.color == "blue")


@pytest.fixture(scope="module")
def shopper_photo(bag, tmp_path_factory) -> tuple[Path, tuple[int, int, int, int]]:
    """A catalog bag small and off-centre on a table-top gradient, as a phone takes it; and where the bag is."""
    return table_top_photo(Path(bag.image), tmp_path_factory.mktemp("shopper") / "bag-on-table.jpg")


class Locating:
    """Wraps the real engine's turn: records each image it searched, and reports `region` for a photo turn —
    what the localiser (issue 9, being built elsewhere) will report; until it lands the engine says None."""

    def __init__(self, assistant: Assistant) -> None:
        self.real_turn = assistant.turn
        self.region: tuple[int, int, int, int] | None = None
        self.searched: list[Image.Image] = []

    def __call__(self, state, **kwargs):
        reply = self.real_turn(state, **kwargs)
        if kwargs.get("image") is None:
            return reply
        self.searched.append(kwargs["image"].copy())
        return replace(reply, region=self.region)


@pytest.fixture
def locating(assistant, monkeypatch) -> Locating:
    wrapper = Locating(assistant)
    monkeypatch.setattr(assistant, "turn", wrapper)
    return wrapper


def upright_pixels(path: Path) -> Image.Image:
    return ImageOps.exif_transpose(Image.open(path)).convert("RGB")


def test_a_region_the_engine_found_is_boxed_on_the_photo_and_preselected_in_the_crop_tool(assistant, shopper_photo,
                                                                                         locating):
    path, placed = shopper_photo
    locating.region = placed
    outcome = handlers.send(assistant, handlers.new_state(assistant, "en"), "", str(path))
    assert outcome.error is None
    assert locating.searched[-1].size == PHOTO_SIZE  # the engine was given the whole frame to search
    assert outcome.state.photo == SearchedPhoto(str(path), PHOTO_SIZE, placed, FOUND)

    shot = shot_html(str(path), "en", outcome.state.photo)
    x0, y0, x1, y1 = placed
    assert f'left:{100 * x0 / 480:.2f}%;top:{100 * y0 / 360:.2f}%;width:{100 * (x1 - x0) / 480:.2f}%' in shot
    assert "lt-region" in shot and "found in your photo" in shot and 'href="#lt-cropper"' in shot
    cropper = render_cropper(outcome.state.photo, "zh")
    assert f'data-box="{x0},{y0},{x1},{y1}"' in cropper and 'data-chosen-by="found"' in cropper
    assert "搜索框内部分" in cropper and "在照片中找到的商品" in cropper


def test_the_real_engine_draws_a_box_only_when_it_reports_a_region(assistant, shopper_photo):
    path, _ = shopper_photo
    outcome = handlers.send(assistant, handlers.new_state(assistant, "en"), "", str(path))
    assert outcome.error is None
    region = outcome.reply.region
    assert (outcome.state.photo.box is None) == (region is None or fitted(tuple(region), PHOTO_SIZE) is None)
    assert ("lt-region" in shot_html(str(path), "en", outcome.state.photo)) == (outcome.state.photo.box is not None)


def test_the_shoppers_crop_is_what_gets_searched_and_wins_over_the_engines_region(assistant, shopper_photo, bag,
                                                                                 locating):
    path, placed = shopper_photo
    locating.region = (0, 0, 90, 90)  # the engine would point at the table's corner
    crop = (placed[0] - 8, placed[1] - 8, placed[2] + 8, placed[3] + 8)
    outcome = handlers.send(assistant, handlers.new_state(assistant, "en"), "", str(path), crop=crop)
    assert outcome.error is None
    searched = np.asarray(locating.searched[-1])
    assert np.array_equal(searched, np.asarray(upright_pixels(path).crop(crop)))
    assert outcome.state.photo == SearchedPhoto(str(path), PHOTO_SIZE, crop, SHOPPER)
    assert "your crop" in shot_html(str(path), "en", outcome.state.photo)
    # Cropped to the bag, the photo finds that bag's colourways first.
    assert outcome.reply.results[0].hit.product.group_id == bag.group_id


def test_a_crop_is_in_the_upright_photos_pixels(assistant, tmp_path, locating):
    sideways = tmp_path / "sideways.jpg"
    pixels = np.zeros((200, 300, 3), np.uint8)
    pixels[:, :150] = (200, 30, 30)
    exif = Image.Exif()
    exif[0x0112] = 6  # shown rotated by 90°: upright it is 200 wide, 300 tall
    Image.fromarray(pixels).save(sideways, exif=exif)
    outcome = handlers.send(assistant, handlers.new_state(assistant), "", str(sideways), crop=(0, 0, 200, 150))
    assert outcome.error is None and outcome.state.photo.size == (200, 300)
    assert np.array_equal(np.asarray(locating.searched[-1]), np.asarray(upright_pixels(sideways).crop((0, 0, 200, 150))))


def test_a_failed_photo_turn_keeps_the_photo_on_screen_and_reset_forgets_it(assistant, shopper_photo, tmp_path):
    path, _ = shopper_photo
    shown = handlers.send(assistant, handlers.new_state(assistant), "", str(path))
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8 not a jpeg")
    failed = handlers.send(assistant, shown.state, "", str(broken), crop=(0, 0, 50, 50))
    assert failed.error == "bad_image" and failed.state.photo == shown.state.photo
    text_turn = handlers.send(assistant, shown.state, "in red")
    assert text_turn.state.photo == shown.state.photo  # still the photo in the crop tool
    assert handlers.reset(assistant, text_turn.state).state.photo is None


@pytest.mark.parametrize("raw, expected", [
    ('{"photo": "http://h/gradio_api/file=/tmp/gradio/ab/p.jpg", "box": [1.4, 2, 30, 40], "touched": true}',
     CropRequest("http://h/gradio_api/file=/tmp/gradio/ab/p.jpg", (1, 2, 30, 40), True)),
    ({"photo": "gradio_api/file=/x.png", "box": None}, CropRequest("gradio_api/file=/x.png", None, False)),
    ('{"photo": "u", "box": [1, 2, 3]}', None),
    ('{"photo": "u", "box": ["a", 2, 3, 4]}', None),
    ('{"box": [1, 2, 3, 4]}', None),
    ("<section class=lt-cropper>", None),  # the crop tool's own HTML, when no script replaced it
    ("", None),
    (None, None),
    ('{"photo": "u", "box": [1e400, 0, 1, 1]}', None),
])
def test_the_crop_the_browser_sends_is_read_or_ignored_never_an_error(raw, expected):
    assert read_crop(raw) == expected


def test_a_crop_applies_only_to_the_photo_it_was_drawn_on_and_is_clamped_into_it():
    request = read_crop({"photo": "http://127.0.0.1:7/gradio_api/file=/tmp/gradio/a%20b/p.jpg", "box": [0, 0, 9, 9]})
    assert request.applies_to("/tmp/gradio/a b/p.jpg")
    assert not request.applies_to("/tmp/gradio/other/p.jpg") and not request.applies_to(None)
    assert fitted((-20, -5, 100, 80), (200, 100)) == (0, 0, 100, 80)
    assert fitted((150, 90, 40, 10), (200, 100)) == (40, 10, 150, 90)  # corners given in any order
    assert fitted((0, 0, 200, 100), (200, 100)) is None  # the whole photo: no crop
    assert fitted((10, 10, 20, 80), (200, 100)) is None  # a sliver: a slip of the finger
    assert fitted(None, (200, 100)) is None


# --- thumbnails: catalog photos at the size a card shows ---------------------------------------------------

def test_cards_show_thumbnails_with_their_size_and_only_the_first_row_eagerly(red_turn, tmp_path):
    thumbnails = Thumbnails(tmp_path / "thumbnails")
    panel = render_panel(red_turn.state.session, red_turn.reply, "en", thumbnails)
    tags = re.findall(r'<img [^>]*>', panel)
    assert len(tags) == len(red_turn.reply.results)
    for position, tag in enumerate(tags):
        path = Path(unquote(re.search(r'src="gradio_api/file=([^"]+)"', tag).group(1)))
        assert path.is_relative_to(tmp_path / "thumbnails") and path.suffix == ".webp"
        with Image.open(path) as made:
            assert f'width="{made.width}" height="{made.height}"' in tag
            assert max(made.size) <= CARD_PIXELS
        assert f'loading="{"eager" if position < EAGER_CARDS else "lazy"}"' in tag
        assert 'alt="' in tag and 'alt=""' not in tag
    made = {path: path.stat().st_mtime_ns for path in (tmp_path / "thumbnails").rglob("*.webp")}
    assert len(made) == len({item.hit.product.image for item in red_turn.reply.results})
    render_panel(red_turn.state.session, red_turn.reply, "en", Thumbnails(tmp_path / "thumbnails"))
    assert {path: path.stat().st_mtime_ns for path in (tmp_path / "thumbnails").rglob("*.webp")} == made
    # The chat's strip reuses a card's small thumbnail (one download for both).
    strip_sources = re.findall(r'src="([^"]+)"', result_strip(red_turn.reply, thumbnails))
    assert set(strip_sources) <= set(re.findall(r'src="([^"]+)"', panel))


def test_a_large_catalog_photo_is_served_small_and_a_changed_one_gets_a_new_thumbnail(tmp_path):
    original = tmp_path / "shop" / "coat.jpg"
    original.parent.mkdir()
    Image.fromarray(np.random.default_rng(1).integers(0, 255, (1500, 2000, 3), np.uint8)).save(original, quality=90)
    thumbnails = Thumbnails(tmp_path / "thumbnails")
    card = thumbnails.picture(original, CARD_PIXELS)
    assert (card.width, card.height) == (CARD_PIXELS, CARD_PIXELS * 3 // 4)
    assert Path(card.path).stat().st_size < original.stat().st_size / 4
    product = Product(id="c1", group_id="c", title="Coat", category="coat", color="black", price=1.0,
                      image=str(original))
    strip = strip_picture(product, thumbnails)
    assert max(strip.width, strip.height) == STRIP_PIXELS and strip.path != card.path
    Image.new("RGB", (800, 800), "red").save(original)
    os.utime(original, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    changed = thumbnails.picture(original, CARD_PIXELS)
    assert changed.path != card.path and (changed.width, changed.height) == (CARD_PIXELS, CARD_PIXELS)
    # An unreadable photo has no thumbnail: the card falls back to the original file.
    original.write_bytes(b"not an image")
    os.utime(original, ns=(time.time_ns(), time.time_ns() + 2_000_000))
    assert thumbnails.picture(original, CARD_PIXELS) is None
    assert card_picture(product, thumbnails).path == str(original)
    assert not list((tmp_path / "thumbnails").rglob(".tmp-*"))


def test_the_header_has_one_h1_and_the_operators_details_behind_a_toggle():
    header = header_html("lite", "lite requested", 2360, "zh")
    assert header.count("<h1") == 1 and "拍照找同款" in header
    assert 'aria-controls="lt-info"' in header and 'id="lt-info"' in header and "已索引 2,360 件商品" in header
    assert 'class="lt-agent-toggle" aria-pressed="false"' in header
