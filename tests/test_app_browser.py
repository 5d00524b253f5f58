"""The app as a shopper uses it: headless Debian Chromium (Playwright) against the real app on a loopback port.

Phone (390×844, touch) and desktop (1400×1000), English and Chinese: layout, accessibility (axe-core), the crop tool
and the region found in a photo, agent view. Screenshots land in test-artifacts/ (gitignored) for a person to look at.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageOps

from assistant.engine import Assistant
from assistant.ui.examples import Example, example_photo
from catalog.records import Constraint
from tests.launched_app import launched_app
from tests.shopper_photos import table_top_photo

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
WAIT_MS = 60_000  # a turn is ~1 s; this covers a busy 2-core machine
TAP = 44  # px: the smallest tap target on a touch screen

pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium"),
    # Gradio's queue statistics use pandas options that pandas 3 deprecates; not ours to fix.
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting:Warning"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated:Warning"),
]


class RecordingAssistant(Assistant):
    """The real assistant, keeping the photos it searched (to check what a crop sent). With `region` set, a photo
    turn reports that region as found: what the localiser (issue 9, built elsewhere) will report."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.photos: list[Image.Image] = []
        self.region: tuple[int, int, int, int] | None = None

    def turn(self, state, **kwargs):
        reply = super().turn(state, **kwargs)
        if kwargs.get("image") is not None:
            self.photos.append(kwargs["image"].copy())
            if self.region is not None:
                reply = replace(reply, region=self.region)
        return reply


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
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def photo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("photos") / "blue-tee.png"
    example_photo(Example("t-shirt", "blue", "", "en")).save(path)
    return path


def open_page(browser, url: str, locale: str, viewport: dict = DESKTOP, permissions: tuple[str, ...] = ()):
    phone = viewport["width"] < 700
    context = browser.new_context(viewport=viewport, locale=locale, is_mobile=phone, has_touch=phone)
    if permissions:
        context.grant_permissions(list(permissions), origin=url.rstrip("/"))
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(url)
    # The load event sets the language from the browser (Accept-Language) and redraws the panel in it.
    page.wait_for_selector(f"#lt-panel .lt-panel[lang={lang_of(locale)}]")
    return context, page


def lang_of(locale: str) -> str:
    return "zh" if locale.startswith("zh") else "en"


def shot(page, name: str, full_page: bool = True) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    if full_page:  # lazy images load as they come near the screen: pass by all of them first
        page.evaluate("""async () => {
          for (const image of document.querySelectorAll('img[loading=lazy]')) {
            image.scrollIntoView({block: 'center'});
            if (!image.complete) await new Promise((done) => { image.onload = image.onerror = done; setTimeout(done, 3000); });
          }
          window.scrollTo(0, 0);
        }""")
    page.screenshot(path=str(ARTIFACTS / f"app-{name}.png"), full_page=full_page)


def card_colors(page) -> list[str]:
    return page.eval_on_selector_all("#lt-panel .lt-card", "cards => cards.map(c => c.dataset.color)")


def serious_violations(axe, page) -> list[str]:
    settled(page)
    found = axe.run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {[node['target'] for node in v['nodes']][:5]}"
            for v in found if v["impact"] in ("serious", "critical")]


def no_horizontal_overflow(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page is {width} px wide"


def send(page, text: str, photo: Path | None = None) -> None:
    """Types a message (with a photo) and waits until its answer is in the chat and the panel is redrawn."""
    answers = page.locator("#lt-chat [data-testid=bot]").count()
    if photo is not None:
        page.locator("#lt-input input[type=file]").set_input_files(str(photo))
        page.wait_for_selector("#lt-cropper .lt-cropper.lt-has-photo")
    page.locator("#lt-input textarea").fill(text)
    page.locator("#lt-input textarea").press("Enter")
    wait_for_answer(page, answers)


def wait_for_answer(page, answers_before: int) -> None:
    page.wait_for_function(f"document.querySelectorAll('#lt-chat [data-testid=bot]').length > {answers_before}")
    page.wait_for_function("document.querySelector('#lt-input textarea') && !document.querySelector('#lt-input textarea').disabled")
    settled(page)


def settled(page) -> None:
    """No progress overlay left over the panel (it fades out; axe would judge the text under it half-covered)."""
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid=status-tracker]')]
        .every((tracker) => getComputedStyle(tracker).opacity === '0' || getComputedStyle(tracker).display === 'none')""")


def small_tap_targets(page) -> list[str]:
    """Our interactive elements on screen that a finger would miss (smaller than 44×44 px)."""
    return page.evaluate("""(least) => [...document.querySelectorAll(
        '#lt-header button, #lt-chat button, #lt-input button, #lt-cropper button, #lt-more-toggle button, ' +
        '#lt-more button, #lt-more label, #lt-panel button')]
      .filter((e) => e.offsetParent !== null && !e.disabled)
      .map((e) => [e, e.getBoundingClientRect()])
      .filter(([e, r]) => r.width < least || r.height < least)
      .map(([e, r]) => `${e.className || e.tagName} ${Math.round(r.width)}×${Math.round(r.height)}`)""", TAP)


def tab_to(page, reached: str, presses: int, what: str) -> None:
    """Presses Tab until the `reached` expression holds, at most `presses` times."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate(reached):
            return
    pytest.fail(f"{what} is not reachable with Tab")


def searched_is(searched: Image.Image, expected: Image.Image) -> None:
    assert searched.size == expected.size, (searched.size, expected.size)
    assert np.array_equal(np.asarray(searched.convert("RGB")), np.asarray(expected.convert("RGB")))


def upright(path: Path) -> Image.Image:
    return ImageOps.exif_transpose(Image.open(path)).convert("RGB")


# --- the phone ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_on_a_phone_the_chat_comes_first_and_results_follow_the_answer_two_a_row(browser, app_url, photo, axe, locale):
    lang = lang_of(locale)
    context, page = open_page(browser, app_url, locale, PHONE)
    try:
        # The first screen: the title on one line, the chat and the message box with its photo button.
        assert page.evaluate("window.scrollY") == 0
        box = page.locator("#lt-input").bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], box
        title = page.locator("h1")
        assert title.count() == 1
        assert page.evaluate("""() => { const h = document.querySelector('h1');
            return h.scrollWidth <= h.clientWidth && h.getBoundingClientRect().height < 2 * parseFloat(getComputedStyle(h).lineHeight); }""")
        # The operator's details wait behind ⓘ.
        assert page.locator(".lt-status").is_hidden()
        page.locator(".lt-info-toggle").tap()
        assert page.locator(".lt-status").is_visible() and "2,360" in page.locator(".lt-status").inner_text()
        page.locator(".lt-info-toggle").tap()
        assert page.locator(".lt-status").is_hidden()
        # The photo button takes the camera or the gallery: image/* without `capture` (which forces the camera).
        picker = page.locator("#lt-input input[type=file]")
        assert picker.get_attribute("accept") == "image/*" and picker.get_attribute("capture") is None
        no_horizontal_overflow(page)
        assert serious_violations(axe, page) == []
        assert small_tap_targets(page) == []
        shot(page, f"phone-{lang}-01-start", full_page=False)

        send(page, "like this but in red" if lang == "en" else "同款红色的", photo)
        page.wait_for_selector("#lt-panel .lt-card")
        assert set(card_colors(page)) == {"red"}
        # The first card is within one screen of the answer it belongs to.
        answer = page.locator("#lt-chat [data-testid=bot]").last.bounding_box()
        first = page.locator("#lt-panel .lt-card").first.bounding_box()
        assert first["y"] - (answer["y"] + answer["height"]) < PHONE["height"], (answer, first)
        # Two cards a row, filling the width.
        cards = page.locator("#lt-panel .lt-card")
        one, two, three = (cards.nth(i).bounding_box() for i in range(3))
        assert abs(one["y"] - two["y"]) < 1 and two["x"] > one["x"] + one["width"] - 1 and three["y"] > one["y"] + 10
        assert 2 * one["width"] > 0.8 * PHONE["width"] - 40
        no_horizontal_overflow(page)
        assert serious_violations(axe, page) == []
        assert small_tap_targets(page) == []
        shot(page, f"phone-{lang}-02-results")

        # Start over, session files, the language and the examples are behind "More".
        assert page.locator("#lt-reset").is_hidden()
        page.locator("#lt-more-toggle button").tap()
        assert page.locator("#lt-reset").is_visible() and page.locator("#lt-examples").is_visible()
        assert small_tap_targets(page) == []
        other, other_lang = ("中文", "zh") if lang == "en" else ("English", "en")
        page.locator("#lt-language-menu").get_by_text(other).tap()
        page.wait_for_selector(f"#lt-panel .lt-panel[lang={other_lang}]")
        page.wait_for_selector(f"#lt-header .lt-head[lang={other_lang}]")
        assert set(card_colors(page)) == {"red"}
        no_horizontal_overflow(page)
        shot(page, f"phone-{lang}-03-more-and-switched")
        # An example fills the message box, and its photo goes to the crop tool.
        page.locator("#lt-examples .gallery-item").first.tap()
        page.wait_for_function("document.querySelector('#lt-input textarea').value.length > 0")
        page.wait_for_selector("#lt-cropper .lt-cropper.lt-has-photo")

        # The narrowest common phone: still one line of title, no sideways scrolling.
        page.set_viewport_size({"width": 360, "height": 740})
        page.evaluate("window.scrollTo(0, 0)")
        no_horizontal_overflow(page)
        assert page.evaluate("document.querySelector('h1').scrollWidth <= document.querySelector('h1').clientWidth")
        cards = page.locator("#lt-panel .lt-card")
        assert abs(cards.nth(0).bounding_box()["y"] - cards.nth(1).bounding_box()["y"]) < 1
    finally:
        context.close()


def test_a_region_found_in_the_photo_is_boxed_preselected_and_a_touch_correction_is_searched(
    browser, app_url, assistant, tmp_path
):
    bag = next(p for p in assistant.index.find(where=[Constraint("category", "eq", "bag")], limit=60) if p.color == "blue")
    path, placed = table_top_photo(Path(bag.image), tmp_path / "bag-on-table.jpg")
    x0, y0, x1, y1 = placed
    # What a localiser might find: the bag, minus its top-left quarter (the shopper will fix that).
    assistant.region = (x0 + 40, y0 + 40, x1, y1)
    context, page = open_page(browser, app_url, "en-US", PHONE)
    try:
        send(page, "", path)
        # The box is drawn on the shopper's photo in the chat...
        region = page.locator("#lt-chat .lt-shot-boxed .lt-region").last
        region.wait_for()
        style = region.get_attribute("style")
        assert f"left:{100 * (x0 + 40) / 480:.2f}%" in style and f"top:{100 * (y0 + 40) / 360:.2f}%" in style
        assert "found in your photo" in page.locator("#lt-chat a.lt-adjust").last.inner_text()
        # ...and "adjust it" opens the crop tool on that box.
        assert page.locator("#lt-cropper .lt-crop-body").is_hidden()
        page.locator("#lt-chat a.lt-adjust").last.tap()
        crop_box = page.locator("#lt-cropper .lt-box")
        crop_box.wait_for()
        page.locator("#lt-cropper .lt-stage").scroll_into_view_if_needed()
        assert crop_box.get_attribute("data-box") == f"{x0 + 40},{y0 + 40},{x1},{y1}"
        assert page.evaluate("document.activeElement.classList.contains('lt-box')")
        assert "lt-found" in crop_box.get_attribute("class")
        shot(page, "phone-en-04-region-found", full_page=False)

        # A finger drags the top-left corner out to the bag's corner.
        corner = page.locator("#lt-cropper .lt-nw").bounding_box()
        shown = page.locator("#lt-cropper .lt-crop-img").bounding_box()
        scale = shown["width"] / 480
        start = (corner["x"] + 10, corner["y"] + 10)
        touch_drag(page, start, (start[0] - 40 * scale, start[1] - 40 * scale))
        dragged = tuple(int(v) for v in crop_box.get_attribute("data-box").split(","))
        assert all(abs(a - b) <= 4 for a, b in zip(dragged, placed)), (dragged, placed)
        assert "lt-found" not in crop_box.get_attribute("class")
        shot(page, "phone-en-05-region-corrected", full_page=False)

        answers = page.locator("#lt-chat [data-testid=bot]").count()
        page.locator("#lt-cropper .lt-crop-search").tap()
        wait_for_answer(page, answers)
        # What was searched is exactly the corrected box of the photo, and it wins over what the engine reports.
        searched_is(assistant.photos[-1], upright(path).crop(dragged))
        assert page.locator("#lt-chat .lt-shot-boxed").count() == 2
        assert "your crop" in page.locator("#lt-chat a.lt-adjust").last.inner_text()
        assert page.locator("#lt-cropper .lt-cropper").get_attribute("data-chosen-by") == "shopper"
        # The results are that bag's colourways.
        page.wait_for_function(f"document.querySelector('#lt-panel .lt-card') && "
                               f"document.querySelectorAll('#lt-panel .lt-card').length > 0")
        first_id = page.locator("#lt-panel .lt-card").first.get_attribute("data-id")
        assert assistant.product(first_id).group_id == bag.group_id
        shot(page, "phone-en-06-corrected-search")
    finally:
        assistant.region = None
        context.close()


def touch_drag(page, start: tuple[float, float], end: tuple[float, float], steps: int = 12) -> None:
    """A finger on the screen: touch events through the DevTools protocol (Chromium turns them into pointer events)."""
    session = page.context.new_cdp_session(page)
    try:
        point = lambda x, y: {"touchPoints": [{"x": x, "y": y, "id": 1}]}  # noqa: E731
        session.send("Input.dispatchTouchEvent", {"type": "touchStart", **point(*start)})
        for step in range(1, steps + 1):
            f = step / steps
            session.send("Input.dispatchTouchEvent",
                         {"type": "touchMove", **point(start[0] + f * (end[0] - start[0]), start[1] + f * (end[1] - start[1]))})
        session.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    finally:
        session.detach()


# --- the desktop ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_on_a_desktop_chat_and_results_sit_side_by_side_and_work_by_keyboard(browser, app_url, photo, axe, locale):
    lang = lang_of(locale)
    context, page = open_page(browser, app_url, locale, DESKTOP)
    try:
        assert page.locator(".lt-status").is_visible() and page.locator(".lt-info-toggle").is_hidden()
        assert page.locator("#lt-language").is_visible() and page.locator("#lt-reset").is_visible()
        assert page.locator("#lt-more-toggle button").is_hidden()
        chat, panel = page.locator("#lt-chat").bounding_box(), page.locator("#lt-panel").bounding_box()
        assert chat["x"] + chat["width"] <= panel["x"] and abs(chat["y"] - panel["y"]) < 40
        no_horizontal_overflow(page)
        assert serious_violations(axe, page) == []
        shot(page, f"desktop-{lang}-01-start", full_page=False)

        send(page, "like this but in red" if lang == "en" else "同款红色的", photo)
        page.wait_for_selector("#lt-panel .lt-card")
        tops = page.eval_on_selector_all("#lt-panel .lt-card", "cards => cards.map(c => Math.round(c.getBoundingClientRect().top))")
        assert 3 <= tops.count(tops[0]) <= 5, tops
        no_horizontal_overflow(page)
        assert serious_violations(axe, page) == []
        shot(page, f"desktop-{lang}-02-results")

        # Chips and cards by keyboard, with a visible focus ring: Tab to the chip's ×, Enter removes that filter.
        page.locator("#lt-input textarea").focus()
        tab_to(page, "document.activeElement.classList.contains('lt-chip-x')", 80, "the chip's ×")
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
        page.keyboard.press("Enter")
        page.wait_for_function("document.querySelectorAll('#lt-panel .lt-chip').length === 0")
        page.wait_for_function("[...document.querySelectorAll('#lt-panel .lt-card')].some(c => c.dataset.color !== 'red')")
        # The redrawn panel keeps the keyboard's place: focus is on the results' heading, the cards come next.
        page.wait_for_function("document.activeElement.classList.contains('lt-results-head')")
        tab_to(page, "document.activeElement.dataset.action === 'like'", 3, "the first card's 👍")
        liked = page.evaluate("document.activeElement.dataset.id")
        page.keyboard.press(" ")
        page.wait_for_selector(f"#lt-panel .lt-card.lt-liked[data-id='{liked}']")
    finally:
        context.close()


def test_photo_red_like_chip_and_chinese(browser, app_url, photo, assistant):
    context, page = open_page(browser, app_url, "en-US")
    try:
        assert "products indexed" in page.locator("#lt-header").inner_text()
        page.locator("#lt-input input[type=file]").set_input_files(str(photo))
        # The attached photo opens in the crop tool, the box on the whole photo.
        page.wait_for_selector("#lt-cropper .lt-cropper.lt-has-photo")
        assert page.locator("#lt-cropper .lt-crop-body").is_visible()
        page.wait_for_function("document.querySelector('#lt-cropper .lt-box').dataset.box === '0,0,256,256'")
        page.locator("#lt-input textarea").fill("like this but in red")
        shot(page, "desktop-en-03-photo-and-text", full_page=False)
        answers = page.locator("#lt-chat [data-testid=bot]").count()
        page.locator("#lt-input textarea").press("Enter")
        wait_for_answer(page, answers)
        page.wait_for_selector("#lt-panel .lt-card")
        colors = card_colors(page)
        assert colors and set(colors) == {"red"}, colors
        # Uncropped, the photo searched is the one attached, pixel for pixel; no region was reported: no box.
        searched_is(assistant.photos[-1], upright(photo))
        assert page.locator("#lt-chat .lt-region").count() == 0
        assert page.locator("#lt-panel .lt-chip").count() == 1
        assert page.locator("#lt-panel .lt-chip-text").inner_text() == "red"
        # The photo searched with stays in the chat, next to the answer and its thumbnails.
        assert page.locator("#lt-chat img.lt-shot-img").count() == 1
        assert page.locator("#lt-chat .lt-strip-img").count() > 0
        # A screen reader hears the chat's words, not its HTML.
        labels = page.eval_on_selector_all("#lt-chat [data-testid][aria-label]", "ms => ms.map(m => m.getAttribute('aria-label'))")
        assert labels and not any("<" in label for label in labels), labels
        assert page.locator("#lt-chat [role=log][aria-live]").count() == 1

        first = page.locator("#lt-panel .lt-card").first
        liked_id = first.get_attribute("data-id")
        first.locator("button[data-action=like]").click()
        page.wait_for_selector(f"#lt-panel .lt-card.lt-liked[data-id='{liked_id}']")
        assert "👍" in page.locator("#lt-chat").inner_text()

        page.locator("#lt-panel .lt-chip-x").first.click()
        page.wait_for_function("document.querySelectorAll('#lt-panel .lt-chip').length === 0")
        page.wait_for_function("[...document.querySelectorAll('#lt-panel .lt-card')].some(c => c.dataset.color !== 'red')")
        assert "Remove “red”" in page.locator("#lt-chat").inner_text()

        page.locator("#lt-language").get_by_text("中文").click()
        page.wait_for_function("document.querySelector('#lt-panel').innerText.includes('筛选条件')")
        page.wait_for_function("document.querySelector('#lt-reset').innerText.includes('重新开始')")
        assert "拍照找同款" in page.locator("#lt-header").inner_text()
        assert "已索引" in page.locator("#lt-header").inner_text()
        assert "找相似" in page.locator("#lt-panel").inner_text()
        assert page.locator("#lt-input textarea").get_attribute("placeholder").startswith("照片")
        assert "导出会话" in page.locator("#lt-export").inner_text()
        assert "搜索框内部分" in page.locator("#lt-cropper .lt-crop-search").text_content()

        # A turn without words now answers in Chinese.
        page.locator("#lt-panel .lt-card button[data-action=more]").first.click()
        page.wait_for_function("document.querySelector('#lt-chat').innerText.includes('为你找到')")
        shot(page, "desktop-zh-04-more-like")
    finally:
        context.close()


def test_a_mouse_crop_in_chinese_is_what_gets_searched(browser, app_url, photo, assistant):
    context, page = open_page(browser, app_url, "zh-CN")
    try:
        page.wait_for_function("document.querySelector('#lt-header').innerText.includes('拍照找同款')")
        page.locator("#lt-input input[type=file]").set_input_files(str(photo))
        crop_box = page.locator("#lt-cropper .lt-box")
        page.wait_for_function("document.querySelector('#lt-cropper .lt-box').dataset.box === '0,0,256,256'")
        # Drag the bottom-right corner towards the middle with the mouse; then nudge the box with the keyboard.
        page.locator("#lt-cropper .lt-stage").scroll_into_view_if_needed()
        corner = page.locator("#lt-cropper .lt-se").bounding_box()
        x, y = corner["x"] + corner["width"] - 8, corner["y"] + corner["height"] - 8
        page.mouse.move(x, y)
        page.mouse.down()
        for step in range(1, 21):
            page.mouse.move(x - 4 * step, y - 4 * step)
        page.mouse.up()
        before = [int(v) for v in crop_box.get_attribute("data-box").split(",")]
        assert before[0] == before[1] == 0 and 100 < before[2] < 230 and before[2] == before[3], before
        crop_box.focus()
        page.keyboard.press("ArrowRight")
        moved = [int(v) for v in crop_box.get_attribute("data-box").split(",")]
        assert moved[0] > 0 and moved[2] - moved[0] == before[2] - before[0], moved
        assert "你的裁剪" in page.locator("#lt-cropper .lt-box-tag").inner_text()
        shot(page, "desktop-zh-05-cropped", full_page=False)

        page.locator("#lt-input textarea").fill("像这个")
        answers = page.locator("#lt-chat [data-testid=bot]").count()
        page.locator("#lt-input textarea").press("Enter")
        wait_for_answer(page, answers)
        page.wait_for_selector("#lt-panel .lt-card")
        searched_is(assistant.photos[-1], upright(photo).crop(tuple(moved)))
        assert "为你找到和照片相似" in page.locator("#lt-chat").inner_text()
        assert "你的裁剪" in page.locator("#lt-chat a.lt-adjust").inner_text()
        shot(page, "desktop-zh-06-cropped-search")
    finally:
        context.close()


def test_agent_view_shows_ids_on_cards_and_copies_one_with_a_click_or_a_key(browser, app_url):
    context, page = open_page(browser, app_url, "en-US", permissions=("clipboard-read", "clipboard-write"))
    try:
        send(page, "red dress under 300")
        page.wait_for_selector("#lt-panel .lt-card")
        assert page.locator("#lt-panel .lt-id").first.is_hidden()
        page.locator(".lt-agent-toggle").click()
        assert page.locator(".lt-agent-toggle").get_attribute("aria-pressed") == "true"
        first = page.locator("#lt-panel .lt-card").first
        product_id = first.get_attribute("data-id")
        assert first.locator(".lt-id").inner_text().startswith(product_id)
        first.locator(".lt-id").click()
        page.wait_for_function(f"document.querySelector('#lt-announce').textContent === 'Copied {product_id}'")
        assert page.evaluate("navigator.clipboard.readText()") == product_id
        second = page.locator("#lt-panel .lt-card").nth(1)
        second.locator(".lt-id").focus()
        page.keyboard.press("Enter")
        page.wait_for_function(f"document.querySelector('#lt-announce').textContent.endsWith('{second.get_attribute('data-id')}')")
        assert page.evaluate("navigator.clipboard.readText()") == second.get_attribute("data-id")
        shot(page, "desktop-en-07-agent-view", full_page=False)
        # An agent turns it on once: it stays on in the next visit.
        page.reload()
        page.wait_for_selector("#lt-panel .lt-panel[lang=en]")
        assert page.locator(".lt-agent-toggle").get_attribute("aria-pressed") == "true"
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
        assert page.locator("#lt-chat img.lt-shot-img").count() == 0  # a broken file is not shown as a photo
        send(page, "red dress under 300")
        page.wait_for_selector("#lt-panel .lt-card")
        assert set(card_colors(page)) == {"red"}
        shot(page, "desktop-en-08-bad-photo-then-text")
        # The chat's 🗑 starts over, like "Start over": no search is left behind the empty chat.
        page.locator("#lt-chat button[aria-label=Clear]").click()
        page.wait_for_function("document.querySelectorAll('#lt-panel .lt-card').length === 0")
        page.wait_for_function("document.querySelector('#lt-chat').innerText.includes('Start over')")
        assert page.locator("#lt-panel .lt-chip").count() == 0
    finally:
        context.close()
