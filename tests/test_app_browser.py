"""The app as a shopper uses it: headless Debian Chromium (Playwright) against the real app on a loopback port.

Screenshots land in test-artifacts/ (gitignored) so a person can look at what the page showed.
"""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from assistant.engine import Assistant
from tests.launched_app import launched_app
from assistant.ui.examples import Example, example_photo
from assistant.ui.layout import EDITOR_CANVAS

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
VIEWPORT = {"width": 1400, "height": 1000}
WAIT_MS = 60_000  # a turn is ~1 s; this covers a busy 2-core machine

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium"),
    # Gradio's queue statistics use pandas options that pandas 3 deprecates; not ours to fix.
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting:Warning"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated:Warning"),
]




class RecordingAssistant(Assistant):
    """The real assistant, keeping the photos it was asked to search with (to check what a crop sent)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.photos = []

    def turn(self, state, **kwargs):
        if kwargs.get("image") is not None:
            self.photos.append(kwargs["image"].copy())
        return super().turn(state, **kwargs)


@pytest.fixture(scope="module")
def assistant(demo_lite_index, lite_encoder) -> RecordingAssistant:
    index, _summary = demo_lite_index
    return RecordingAssistant(lite_encoder, index)


@pytest.fixture(scope="module")
def app_url(assistant, tmp_path_factory):
    with launched_app(assistant, tmp_path_factory) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("photos") / "blue-tee.png"
    example_photo(Example("t-shirt", "blue", "", "en")).save(path)
    return path


def open_page(browser, url: str, locale: str):
    context = browser.new_context(viewport=VIEWPORT, locale=locale)
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(url)
    # The load event sets the language from the browser (Accept-Language) and redraws the panel in it.
    page.wait_for_selector(f"#lt-panel .lt-panel[lang={'zh' if locale.startswith('zh') else 'en'}]")
    return context, page


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"app-{name}.png"), full_page=True)


def card_colors(page) -> list[str]:
    return page.eval_on_selector_all("#lt-panel .lt-card", "cards => cards.map(c => c.dataset.color)")


def test_photo_red_like_chip_and_chinese(browser, app_url, photo, assistant):
    context, page = open_page(browser, app_url, "en-US")
    try:
        assert "products indexed" in page.locator("#lt-header").inner_text()
        shot(page, "01-start")

        page.locator("#lt-input input[type=file]").set_input_files(str(photo))
        # The attached photo is copied into the crop editor, which opens on the crop tool.
        page.wait_for_selector("#lt-editor .pixi-target-crop.visible")
        page.locator("#lt-input textarea").fill("like this but in red")
        shot(page, "02-photo-and-text")
        page.locator("#lt-input textarea").press("Enter")
        page.wait_for_selector("#lt-panel .lt-card")
        colors = card_colors(page)
        assert colors and set(colors) == {"red"}, colors
        # Uncropped, the photo searched is the one attached (fitted into the editor's canvas).
        searched = np.asarray(assistant.photos[-1].convert("RGB"), dtype=np.float32)
        whole = np.asarray(Image.open(photo).convert("RGB").resize(assistant.photos[-1].size), dtype=np.float32)
        assert np.abs(searched - whole).mean() < 8, np.abs(searched - whole).mean()
        assert page.locator("#lt-panel .lt-chip").count() == 1
        assert page.locator("#lt-panel .lt-chip-text").inner_text() == "red"
        # The photo searched with stays in the chat, next to the answer and its thumbnails.
        assert page.locator("#lt-chat img:not(.lt-strip-img)").count() >= 1
        assert page.locator("#lt-chat .lt-strip-img").count() > 0
        shot(page, "03-red-results")

        first = page.locator("#lt-panel .lt-card").first
        liked_id = first.get_attribute("data-id")
        first.locator("button[data-action=like]").click()
        page.wait_for_selector(f"#lt-panel .lt-card.lt-liked[data-id='{liked_id}']")
        assert "👍" in page.locator("#lt-chat").inner_text()
        shot(page, "04-liked")

        page.locator("#lt-panel .lt-chip-x").first.click()
        page.wait_for_function("document.querySelectorAll('#lt-panel .lt-chip').length === 0")
        page.wait_for_function("[...document.querySelectorAll('#lt-panel .lt-card')].some(c => c.dataset.color !== 'red')")
        assert "Remove “red”" in page.locator("#lt-chat").inner_text()
        shot(page, "05-chip-removed")

        page.locator("#lt-language").get_by_text("中文").click()
        page.wait_for_function("document.querySelector('#lt-panel').innerText.includes('筛选条件')")
        page.wait_for_function("document.querySelector('#lt-reset').innerText.includes('重新开始')")
        assert "拍照找同款" in page.locator("#lt-header").inner_text()
        assert "已索引" in page.locator("#lt-header").inner_text()
        assert "找相似" in page.locator("#lt-panel").inner_text()
        assert page.locator("#lt-input textarea").get_attribute("placeholder").startswith("添加照片")
        assert "导出会话" in page.locator("#lt-export").inner_text()
        shot(page, "06-chinese")

        # A turn without words now answers in Chinese.
        page.locator("#lt-panel .lt-card button[data-action=more]").first.click()
        page.wait_for_function("document.querySelector('#lt-chat').innerText.includes('为你找到')")
        shot(page, "07-chinese-more-like")
    finally:
        context.close()


def test_a_chinese_browser_gets_chinese_labels_and_crop_is_what_gets_searched(browser, app_url, photo, assistant):
    context, page = open_page(browser, app_url, "zh-CN")
    try:
        page.wait_for_function("document.querySelector('#lt-header').innerText.includes('拍照找同款')")
        assert "筛选条件" in page.locator("#lt-panel").inner_text()

        page.locator("#lt-input input[type=file]").set_input_files(str(photo))
        page.wait_for_selector("#lt-editor .pixi-target-crop.visible")
        canvas = page.locator("#lt-editor .pixi-target-crop canvas")
        canvas.scroll_into_view_if_needed()
        time.sleep(0.3)
        box = canvas.bounding_box()
        # Drag the crop frame's bottom-left corner towards the middle, then confirm the crop.
        x, y = box["x"] + box["width"] / 2 - 121, box["y"] + box["height"] / 2 + 117
        page.mouse.move(x, y)
        page.mouse.down()
        for step in range(1, 21):
            page.mouse.move(x + 4 * step, y - 4 * step)
        page.mouse.up()
        page.locator("#lt-editor .crop-confirm-button button").click()
        page.wait_for_selector("#lt-editor .pixi-target-crop.visible", state="hidden")
        shot(page, "08-cropped")

        page.locator("#lt-input textarea").fill("像这个")
        page.locator("#lt-input textarea").press("Enter")
        page.wait_for_selector("#lt-panel .lt-card")
        # What was searched is the crop: far from the whole photo fitted into the editor's canvas.
        searched = np.asarray(assistant.photos[-1].convert("RGB"), dtype=np.float32)
        whole = np.asarray(Image.open(photo).convert("RGB").resize(assistant.photos[-1].size), dtype=np.float32)
        assert assistant.photos[-1].size[0] <= EDITOR_CANVAS[0]
        assert np.abs(searched - whole).mean() > 20, np.abs(searched - whole).mean()
        assert "为你找到和照片相似" in page.locator("#lt-chat").inner_text()
        shot(page, "09-chinese-cropped-search")
    finally:
        context.close()


def test_bad_photo_shows_a_message_and_the_next_turn_works(browser, app_url, tmp_path, photo):
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n not really a png")
    context, page = open_page(browser, app_url, "en-US")
    try:
        page.locator("#lt-input input[type=file]").set_input_files(str(broken))
        page.locator("#lt-input textarea").fill("like this")
        page.locator("#lt-input textarea").press("Enter")
        page.wait_for_function("document.querySelector('#lt-chat').innerText.includes('couldn’t read that photo')")
        assert "Traceback" not in page.content()
        page.locator("#lt-input textarea").fill("red dress under 300")
        page.locator("#lt-input textarea").press("Enter")
        page.wait_for_selector("#lt-panel .lt-card")
        assert set(card_colors(page)) == {"red"}
        shot(page, "10-bad-photo-then-text")
    finally:
        context.close()
