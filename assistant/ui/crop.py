"""The shopper's photo on screen: which part of it was searched, the crop the browser sends, and their HTML."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from assistant.ui.cards import esc, file_url
from assistant.ui.i18n import text

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in the upright photo's own pixels; x1, y1 exclusive
# A crop smaller than this (either side, in the photo's pixels) is a slip of the finger, not a choice.
MIN_CROP_PIXELS = 16
CORNERS = ("nw", "ne", "sw", "se")
FOUND, SHOPPER = "found", "shopper"  # who chose the part that was searched


@dataclass(frozen=True)
class SearchedPhoto:
    """The last photo searched: a path in Gradio's upload cache (never copied elsewhere) and the part searched."""

    path: str
    size: tuple[int, int] | None  # upright width, height; None until the photo is read
    box: Box | None = None  # None: the whole frame
    chosen_by: str | None = None  # FOUND (located by the engine) or SHOPPER (their crop); None with no box


@dataclass(frozen=True)
class CropRequest:
    """What the crop tool in the browser reports: the photo it shows and the box drawn on it."""

    photo_url: str
    box: Box | None
    touched: bool  # the shopper moved the box (rather than leaving what was shown)

    def applies_to(self, path: str | Path | None) -> bool:
        """True when the box was drawn on this photo (a file the server itself holds)."""
        return bool(path) and photo_path_in_url(self.photo_url) == str(path)


def read_crop(raw: Any) -> CropRequest | None:
    """The browser's crop (JSON text or a dict); anything malformed is no crop at all, never an error."""
    try:
        data = json.loads(raw) if isinstance(raw, str) else raw
        if not isinstance(data, dict) or not isinstance(data.get("photo"), str):
            return None
        box = data.get("box")
        if box is not None:
            if not (isinstance(box, (list, tuple)) and len(box) == 4):
                return None
            x0, y0, x1, y1 = (int(round(float(v))) for v in box)
            box = (x0, y0, x1, y1)
        return CropRequest(data["photo"], box, bool(data.get("touched")))
    except (TypeError, ValueError, OverflowError):
        return None


def photo_path_in_url(url: str) -> str:
    """The file path inside a Gradio file URL (`…/gradio_api/file=/tmp/gradio/…/photo.jpg`), or ""."""
    _, found, path = unquote(url or "").partition("file=")
    return path.split("?", 1)[0] if found else ""


def fitted(box: Box | None, size: tuple[int, int]) -> Box | None:
    """`box` clamped into a photo of `size`; None when it is (almost) the whole photo or too small to mean much."""
    if box is None:
        return None
    width, height = size
    x0, x1 = sorted((max(0, min(width, box[0])), max(0, min(width, box[2]))))
    y0, y1 = sorted((max(0, min(height, box[1])), max(0, min(height, box[3]))))
    if x1 - x0 < MIN_CROP_PIXELS or y1 - y0 < MIN_CROP_PIXELS:
        return None
    if x0 <= 1 and y0 <= 1 and x1 >= width - 1 and y1 >= height - 1:
        return None
    return x0, y0, x1, y1


# --- HTML --------------------------------------------------------------------------------------------------

def box_style(box: Box, size: tuple[int, int]) -> str:
    width, height = size
    return (f"left:{100 * box[0] / width:.2f}%;top:{100 * box[1] / height:.2f}%;"
            f"width:{100 * (box[2] - box[0]) / width:.2f}%;height:{100 * (box[3] - box[1]) / height:.2f}%")


def shot_html(photo: str, language: str, searched: SearchedPhoto | None = None) -> str:
    """The shopper's photo in the chat; once a part of it was searched, that part boxed, with a link to adjust it."""
    alt = esc(text("your_photo", language))
    if searched is None or searched.box is None or searched.size is None:
        return f'<span class="lt-shot"><img class="lt-shot-img" src="{esc(file_url(photo))}" alt="{alt}"></span>'
    width, height = searched.size
    who = text("crop_found" if searched.chosen_by == FOUND else "crop_yours", language)
    return (
        f'<span class="lt-shot lt-shot-boxed"><img class="lt-shot-img" src="{esc(file_url(photo))}" alt="{alt}" '
        f'width="{width}" height="{height}"><span class="lt-region" style="{box_style(searched.box, searched.size)}">'
        f'</span></span>\n\n<a class="lt-adjust" href="#lt-cropper">{esc(text("searched_part", language, who=who))}</a>'
    )


def render_cropper(searched: SearchedPhoto | None, language: str) -> str:
    """The crop tool (its behaviour is scripts.CROPPER_JS): the photo, the box on it, and its two buttons."""
    photo = file_url(searched.path) if searched else ""
    box = ",".join(str(v) for v in searched.box) if searched and searched.box else ""
    chosen_by = (searched.chosen_by or "") if searched else ""
    labels = {"found": text("crop_found", language), "yours": text("crop_yours", language),
              "status": text("crop_status", language, width="{width}", height="{height}")}
    corners = "".join(
        f'<button type="button" class="lt-corner lt-{corner}" data-corner="{corner}" '
        f'aria-label="{esc(text(f"crop_corner_{corner}", language))}"></button>' for corner in CORNERS)
    return (
        f'<section class="lt-cropper" lang="{esc(language)}" data-photo="{esc(photo)}" data-box="{esc(box)}" '
        f'data-chosen-by="{esc(chosen_by)}" data-labels="{esc(json.dumps(labels, ensure_ascii=False))}">'
        f'<button type="button" class="lt-crop-toggle lt-disclosure" aria-expanded="false" aria-controls="lt-crop-body">'
        f'<span>{esc(text("crop", language))}</span><span class="lt-caret" aria-hidden="true"></span></button>'
        f'<div class="lt-crop-body" id="lt-crop-body">'
        f'<p class="lt-crop-empty">{esc(text("crop_empty", language))}</p>'
        f'<p class="lt-crop-hint">{esc(text("crop_editor", language))}</p>'
        f'<div class="lt-stage"><img class="lt-crop-img" alt="{esc(text("your_photo", language))}" draggable="false">'
        f'<div class="lt-box" tabindex="0" role="group" aria-label="{esc(text("crop_box", language))}">'
        f'<span class="lt-box-tag" aria-hidden="true"></span>{corners}</div></div>'
        f'<div class="lt-crop-actions">'
        f'<button type="button" class="lt-crop-whole">{esc(text("crop_whole", language))}</button>'
        f'<button type="button" class="lt-crop-search">{esc(text("crop_search", language))}</button></div>'
        f'<p class="lt-crop-status lt-sr" aria-live="polite"></p>'
        f'</div></section>'
    )
