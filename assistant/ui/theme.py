"""The app's look: the Gradio theme and the CSS, phone first (one column under PHONE_MAX px), desktop side by side."""
from __future__ import annotations

import gradio as gr

# Below this width the chat and results columns stack (their min widths no longer fit side by side), and the
# page switches to its phone layout.
PHONE_MAX = 720

# System fonts: the default theme would fetch web fonts, which an offline machine cannot reach. Text colours are
# set a step darker than Soft's, which fail WCAG AA contrast (4.5:1) on its light label and button backgrounds.
THEME = gr.themes.Soft(
    font=["system-ui", "-apple-system", "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "sans-serif"],
    font_mono=["ui-monospace", "SFMono-Regular", "Menlo", "monospace"],
).set(
    body_text_color_subdued="*neutral_600",
    body_text_color_subdued_dark="*neutral_300",
    block_label_text_color="*primary_800",
    block_label_text_color_dark="*primary_100",
    block_title_text_color="*primary_800",
    block_title_text_color_dark="*primary_100",
    block_info_text_color="*neutral_600",
    block_info_text_color_dark="*neutral_300",
    checkbox_label_text_color_selected="white",
    checkbox_label_background_fill_selected="*primary_700",
    checkbox_label_background_fill_selected_dark="*primary_700",
    input_placeholder_color="*neutral_500",
    input_placeholder_color_dark="*neutral_400",
    link_text_color="*primary_700",
    link_text_color_dark="*primary_200",
)

# Gradio scopes the rules of `css` inside @media blocks to its `.contain` element, so a rule there cannot name <html>
# or the page's outer padding. Hence: panels open by flags on <html> through top-level rules (!important beats the
# phone's scoped "hidden"), and the outer padding on a phone goes in HEAD, which Gradio leaves as it is.
HEAD = """<style>
@media (max-width: {PHONE}px) { .gradio-container .main.fillable { padding: 8px 10px !important; } }
</style>""".replace("{PHONE}", str(PHONE_MAX))

CSS = """
:root { --lt-subdued: #4b5563; --lt-focus: #1d4ed8; --lt-box: #1d4ed8; }
.dark { --lt-subdued: #d1d5db; --lt-focus: #93c5fd; }
.lt-sr { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  clip-path: inset(50%); white-space: nowrap; }
.lt-btn:focus-visible, .lt-chip-x:focus-visible, .lt-id:focus-visible, .lt-disclosure:focus-visible,
.lt-agent-toggle:focus-visible, .lt-crop-actions button:focus-visible, .lt-box:focus-visible, a.lt-adjust:focus-visible {
  outline: 3px solid var(--lt-focus); outline-offset: 2px; }

/* --- header: the title (the page's h1); its details behind ⓘ on a phone -------------------------------- */
#lt-top { align-items: flex-start; }
.lt-head { padding: 2px 0; }
.lt-titlebar { display: flex; align-items: center; gap: 8px; min-width: 0; }
.lt-h1 { margin: 0 !important; font-size: 1.55rem !important; line-height: 1.25 !important; font-weight: 700 !important;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; min-width: 0; }
.lt-sub { font-weight: 600; }
.lt-info p { margin: .3rem 0 0 0 !important; }
.lt-status { font-size: .82rem; color: var(--lt-subdued); display: flex; flex-wrap: wrap; align-items: center; gap: 4px 10px; }
.lt-info-toggle { display: none; }
.lt-disclosure, .lt-agent-toggle, .lt-info-toggle { cursor: pointer; font: inherit; color: var(--body-text-color);
  background: var(--button-secondary-background-fill); border: 1px solid var(--border-color-primary); border-radius: 8px; }
.lt-agent-toggle { padding: 2px 10px; font-size: .82rem; line-height: 1.6; }
.lt-agent-toggle[aria-pressed=true] { background: var(--lt-box); border-color: var(--lt-box); color: #fff; }

/* --- the chat: the shopper's photo stays a thumbnail; the part searched is boxed on it --------------- */
#lt-chat img:not(.lt-strip-img) { max-height: 140px; max-width: 140px; width: auto; height: auto; object-fit: contain; border-radius: 6px; }
#lt-chat .lt-shot { position: relative; display: inline-block; line-height: 0; overflow: hidden; border-radius: 6px; vertical-align: top; }
#lt-chat .lt-shot img { display: block; margin: 0 !important; }
.lt-region { position: absolute; border: 2px solid #fff; outline: 2px solid var(--lt-box);
  box-shadow: 0 0 0 999px rgba(0, 0, 0, .35); pointer-events: none; }
.lt-shot-boxed { cursor: pointer; }
a.lt-adjust { font-size: .85em; }
.lt-strip { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; }
.lt-strip-img { width: 56px !important; height: 56px !important; object-fit: contain; background: #fff;
  border: 1px solid var(--border-color-primary); border-radius: 6px; margin: 0 !important; }

/* --- the crop tool ---------------------------------------------------------------------------------- */
.lt-disclosure { display: flex; align-items: center; justify-content: space-between; gap: 8px; width: 100%;
  min-height: 44px; padding: 6px 12px; text-align: left; font-weight: 600; }
.lt-caret::before { content: "▸"; display: inline-block; transition: transform .15s; }
.lt-disclosure[aria-expanded=true] .lt-caret::before { transform: rotate(90deg); }
.lt-crop-body { display: none; padding: 8px 2px 2px 2px; }
html.lt-crop-open .lt-crop-body { display: block !important; }
html.lt-info-open .lt-info { display: block !important; }
html.lt-more-open #lt-more { display: flex !important; }
/* while the crop tool is open the chat gives it room, so the photo is on screen next to the message box */
html.lt-crop-open #lt-chat { height: min(320px, 40svh) !important; }
.lt-crop-body p { margin: 0 0 8px 0; font-size: .9em; }
.lt-crop-empty { color: var(--lt-subdued); }
.lt-cropper.lt-has-photo .lt-crop-empty, .lt-cropper:not(.lt-has-photo) .lt-crop-hint,
.lt-cropper:not(.lt-has-photo) .lt-stage, .lt-cropper:not(.lt-has-photo) .lt-crop-actions { display: none; }
.lt-stage { position: relative; display: table; margin: 0 auto; line-height: 0; overflow: hidden; border-radius: 6px;
  touch-action: none; user-select: none; -webkit-user-select: none; background: #fff; }
.lt-crop-img { display: block; max-width: 100%; max-height: 340px; width: auto; height: auto; margin: 0 !important;
  pointer-events: none; }
.lt-box { position: absolute; left: 0; top: 0; width: 100%; height: 100%; box-sizing: border-box; cursor: move;
  border: 2px solid #fff; outline: 2px solid var(--lt-box); outline-offset: 0; touch-action: none;
  box-shadow: 0 0 0 9999px rgba(0, 0, 0, .45); }
.lt-box.lt-found { border-style: dashed; }
.lt-box:focus-visible { outline: 3px solid #facc15; }
.lt-box-tag { position: absolute; left: 24px; top: 4px; white-space: nowrap; font-size: 12px; line-height: 1.4; padding: 1px 6px;
  border-radius: 4px; background: var(--lt-box); color: #fff; pointer-events: none; }
.lt-box-tag:empty { display: none; }
/* corner handles: 44 px to touch, drawn as an L inside the box's corner */
.lt-corner { position: absolute; width: 44px; height: 44px; padding: 0; border: 0; touch-action: none;
  background: transparent !important; box-shadow: none !important; min-width: 0 !important; }
.lt-corner::before { content: ""; position: absolute; width: 18px; height: 18px; border: 0 solid #fff;
  filter: drop-shadow(0 0 1px #000) drop-shadow(0 0 1px #000); }
.lt-nw { left: -2px; top: -2px; cursor: nwse-resize; } .lt-nw::before { left: 0; top: 0; border-width: 5px 0 0 5px; }
.lt-ne { right: -2px; top: -2px; cursor: nesw-resize; } .lt-ne::before { right: 0; top: 0; border-width: 5px 5px 0 0; }
.lt-sw { left: -2px; bottom: -2px; cursor: nesw-resize; } .lt-sw::before { left: 0; bottom: 0; border-width: 0 0 5px 5px; }
.lt-se { right: -2px; bottom: -2px; cursor: nwse-resize; } .lt-se::before { right: 0; bottom: 0; border-width: 0 5px 5px 0; }
.lt-corner:focus-visible { outline: 3px solid #facc15; outline-offset: -3px; }
.lt-crop-actions { display: flex; gap: 8px; margin-top: 8px; }
.lt-crop-actions button { flex: 0 0 auto; padding: 4px 12px; min-height: 44px; border-radius: 8px; cursor: pointer; font: inherit; font-weight: 600;
  border: 1px solid var(--border-color-primary); background: var(--button-secondary-background-fill);
  color: var(--body-text-color); }
.lt-crop-actions .lt-crop-search { flex: 1 1 auto; background: var(--lt-box); border-color: var(--lt-box); color: #fff; }

/* --- secondary actions (start over, session, language, examples): behind "More" on a phone ------------ */
#lt-more-toggle { display: none; }
#lt-language-menu { display: none; }

/* --- examples: a compact grid of photo + words ------------------------------------------------------- */
#lt-examples .gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 6px; }
#lt-examples .gallery-item { margin: 0; width: 100%; }
#lt-examples .gallery-item .container { display: flex; flex-direction: row-reverse; justify-content: flex-end;
  align-items: center; gap: 8px; padding: 4px; width: 100% !important; min-width: 0 !important; max-width: 100% !important; }
#lt-examples .gallery-item .container p { margin: 0; font-size: .85em; line-height: 1.3; text-align: left;
  white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: anywhere; flex: 1; min-width: 0; }
#lt-examples .gallery-item img { width: 52px !important; height: 52px !important; object-fit: contain; flex: none; }

/* --- filter chips ------------------------------------------------------------------------------------ */
.lt-chips { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-bottom: 10px; min-height: 32px; }
.lt-chips-label { font-weight: 600; margin-right: 2px; }
.lt-chips-empty { color: var(--lt-subdued); font-size: .9em; }
.lt-chip { display: inline-flex; align-items: center; gap: 2px; padding: 3px 4px 3px 11px; border-radius: 999px;
  background: var(--color-accent-soft); border: 1px solid var(--color-accent); color: var(--body-text-color);
  font-size: .92em; line-height: 1.3; white-space: nowrap; max-width: 100%; }
.lt-chip-text { overflow: hidden; text-overflow: ellipsis; }
.lt-chip-x { border: 0; background: transparent; cursor: pointer; font-size: 1.15em; line-height: 1; width: 26px; height: 26px;
  border-radius: 999px; color: var(--body-text-color); padding: 0; flex: none; }
.lt-chip-x:hover, .lt-chip-x:focus-visible { background: var(--lt-box); color: #fff; }

/* --- result cards ------------------------------------------------------------------------------------ */
.lt-results-head { font-weight: 600; font-size: 1rem !important; margin: 2px 0 8px 0 !important; }
.lt-empty { color: var(--lt-subdued); padding: 24px 8px; text-align: center;
  border: 1px dashed var(--border-color-primary); border-radius: 8px; }
.lt-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; }
.lt-card { display: flex; flex-direction: column; border: 1px solid var(--border-color-primary); border-radius: 10px;
  overflow: hidden; background: var(--background-fill-primary); min-width: 0; }
.lt-card.lt-liked { border-color: var(--color-accent); box-shadow: 0 0 0 1px var(--color-accent); }
.lt-thumb { position: relative; background: #fff; aspect-ratio: 1 / 1; display: flex; align-items: center; justify-content: center; }
.lt-thumb img { width: 100%; height: 100%; object-fit: contain; margin: 0 !important; }
.lt-rank, .lt-badge { position: absolute; top: 6px; padding: 1px 7px; border-radius: 999px; font-size: .78em;
  background: rgba(0,0,0,.72); color: #fff; }
.lt-rank { left: 6px; }
.lt-badge { right: 6px; background: var(--lt-box); }
.lt-body { padding: 7px 9px 4px 9px; display: flex; flex-direction: column; gap: 3px; flex: 1; min-width: 0; }
.lt-title { font-weight: 600 !important; font-size: .92em !important; line-height: 1.25 !important; margin: 0 !important;
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; overflow-wrap: anywhere; }
.lt-meta { display: flex; justify-content: space-between; align-items: baseline; gap: 6px; flex-wrap: wrap; }
.lt-price { font-weight: 700; font-size: 1.05em; }
.lt-score { color: var(--lt-subdued); font-size: .8em; white-space: nowrap; }
.lt-why { color: var(--lt-subdued); font-size: .8em; line-height: 1.3; overflow-wrap: anywhere; }
.lt-id { display: none; align-items: center; gap: 6px; align-self: flex-start; max-width: 100%; margin-top: 2px;
  padding: 2px 8px; min-height: 32px; cursor: copy; font-size: .8em; border-radius: 6px; color: var(--body-text-color);
  border: 1px dashed var(--lt-box); background: var(--background-fill-secondary); }
.lt-id code { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; background: none; padding: 0; font-size: 1em; }
html.lt-agent .lt-id { display: inline-flex !important; }
.lt-id.lt-copied { border-style: solid; background: var(--color-accent-soft); }
.lt-actions { display: flex; gap: 4px; padding: 6px 8px 8px 8px; }
.lt-btn { border: 1px solid var(--border-color-primary); background: var(--button-secondary-background-fill);
  color: var(--button-secondary-text-color); border-radius: 6px; padding: 3px 7px; cursor: pointer; font-size: .9em; line-height: 1.4; }
.lt-btn:hover { border-color: var(--color-accent); }
.lt-btn.lt-on { background: var(--color-accent-soft); border-color: var(--color-accent); }
.lt-more { flex: 1; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.lt-short { display: none; }

/* --- touch screens: every target at least 44 px ------------------------------------------------------- */
@media (pointer: coarse), (max-width: {PHONE}px) {
  .lt-btn, .lt-id, .lt-agent-toggle { min-height: 44px; }
  .lt-btn:not(.lt-more) { min-width: 44px; }
  /* the chip stays compact; its × reaches 44 px beyond the chip's edge */
  .lt-chip { position: relative; padding-right: 30px; min-height: 30px; }
  .lt-chip-x { position: absolute; right: -8px; top: 50%; width: 44px; height: 44px; margin-top: -22px; z-index: 1;
    background: transparent !important; }
  .lt-chip-x::before { content: ""; position: absolute; inset: 9px; border-radius: 999px; z-index: -1; }
  .lt-chip-x:hover::before, .lt-chip-x:focus-visible::before { background: var(--lt-box); }
  .lt-chips { gap: 8px 10px; }
  #lt-input button, #lt-chat button { min-width: 44px; min-height: 44px; }
  #lt-chat button.icon-button { border: 0 !important; background: transparent !important; }
  #lt-chat .bubble-wrap { padding-top: 56px; }
  #lt-more button, #lt-more label { min-height: 44px; }
}

/* --- phones --------------------------------------------------------------------------------------------- */
@media (max-width: {PHONE}px) {
  #lt-top { flex-wrap: nowrap; gap: 4px; }
  #lt-top > .form:has(#lt-language) { display: none; }
  .lt-h1 { font-size: clamp(1.05rem, 5vw, 1.25rem) !important; }
  .lt-info-toggle { display: inline-flex; align-items: center; justify-content: center; width: 44px; min-width: 44px;
    height: 44px; margin-left: auto; padding: 0; font-size: 1.2rem; }
  .lt-info { display: none; }
  #lt-chat { height: clamp(300px, calc(100svh - 330px), 520px) !important; }
  #lt-more-toggle { display: block; }
  #lt-more { display: none; }
  #lt-language-menu { display: block; }
  #lt-examples .gallery { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .lt-crop-img { max-height: 46svh; }
  .lt-grid { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  .lt-body { padding: 6px 8px 2px 8px; }
  .lt-title { font-size: .88em !important; }
  .lt-why { font-size: .75em; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
  .lt-actions { padding: 4px 6px 6px 6px; gap: 3px; }
  .lt-btn { padding: 0 4px; }
  .lt-more { font-size: .85em; }
  .lt-long { display: none; }
  .lt-short { display: inline; }
  #lt-left { gap: 10px; }
}
""".replace("{PHONE}", str(PHONE_MAX))
