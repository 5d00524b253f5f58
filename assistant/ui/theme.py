"""The app's look (CSS) and the two small browser scripts it needs (panel clicks, switching Gradio's locale)."""
from __future__ import annotations

CSS = """
#lt-header h2 { margin: 0 0 .2rem 0; }
#lt-header small { color: var(--body-text-color-subdued); }
#lt-language { margin-left: auto; }
#lt-language .wrap { flex-wrap: nowrap; }

/* the chat: the shopper's photo stays a thumbnail next to its results */
#lt-chat img:not(.lt-strip-img) { max-height: 140px; max-width: 140px; width: auto; object-fit: contain; border-radius: 6px; }
.lt-strip { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 4px; }
.lt-strip-img { width: 56px !important; height: 56px !important; object-fit: contain; background: #fff;
  border: 1px solid var(--border-color-primary); border-radius: 6px; margin: 0 !important; }

/* examples: a compact grid of photo + words instead of a tall list */
#lt-examples .gallery { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 6px; }
#lt-examples .gallery-item { margin: 0; width: 100%; }
#lt-examples .gallery-item .container { display: flex; flex-direction: row-reverse; justify-content: flex-end;
  align-items: center; gap: 8px; padding: 4px; width: 100% !important; min-width: 0 !important; max-width: 100% !important; }
#lt-examples .gallery-item .container p { margin: 0; font-size: .85em; line-height: 1.3; text-align: left;
  white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: anywhere; flex: 1; min-width: 0; }
#lt-examples .gallery-item img { width: 52px !important; height: 52px !important; object-fit: contain; flex: none; }

/* the crop editor is for cropping only: hide the brush and eraser (the 2nd and 3rd tools) */
#lt-editor .toolbar-wrap > .half-container:not(.right) > button:nth-of-type(n+2) { display: none; }

/* filter chips */
.lt-chips { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-bottom: 10px; min-height: 32px; }
.lt-chips-label { font-weight: 600; margin-right: 2px; }
.lt-chips-empty { color: var(--body-text-color-subdued); font-size: .9em; }
.lt-chip { display: inline-flex; align-items: center; gap: 2px; padding: 3px 4px 3px 11px; border-radius: 999px;
  background: var(--color-accent-soft); border: 1px solid var(--color-accent); color: var(--body-text-color);
  font-size: .92em; line-height: 1.3; white-space: nowrap; }
.lt-chip-x { border: 0; background: transparent; cursor: pointer; font-size: 1.15em; line-height: 1; width: 22px; height: 22px;
  border-radius: 999px; color: var(--body-text-color); padding: 0; }
.lt-chip-x:hover, .lt-chip-x:focus-visible { background: var(--color-accent); color: #fff; }

/* result cards */
.lt-results-head { font-weight: 600; margin: 2px 0 8px 0; }
.lt-empty { color: var(--body-text-color-subdued); padding: 24px 8px; text-align: center;
  border: 1px dashed var(--border-color-primary); border-radius: 8px; }
.lt-grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 10px; }
.lt-card { display: flex; flex-direction: column; border: 1px solid var(--border-color-primary); border-radius: 10px;
  overflow: hidden; background: var(--background-fill-primary); min-width: 0; }
.lt-card.lt-liked { border-color: var(--color-accent); box-shadow: 0 0 0 1px var(--color-accent); }
.lt-thumb { position: relative; background: #fff; aspect-ratio: 1 / 1; display: flex; align-items: center; justify-content: center; }
.lt-thumb img { width: 100%; height: 100%; object-fit: contain; margin: 0; }
.lt-rank, .lt-badge { position: absolute; top: 6px; padding: 1px 7px; border-radius: 999px; font-size: .78em;
  background: rgba(0,0,0,.62); color: #fff; }
.lt-rank { left: 6px; }
.lt-badge { right: 6px; background: var(--color-accent); }
.lt-body { padding: 7px 9px 4px 9px; display: flex; flex-direction: column; gap: 3px; flex: 1; min-width: 0; }
.lt-title { font-weight: 600; font-size: .92em; line-height: 1.25; display: -webkit-box; -webkit-line-clamp: 2;
  -webkit-box-orient: vertical; overflow: hidden; overflow-wrap: anywhere; }
.lt-meta { display: flex; justify-content: space-between; align-items: baseline; gap: 6px; }
.lt-price { font-weight: 700; font-size: 1.05em; }
.lt-score { color: var(--body-text-color-subdued); font-size: .8em; white-space: nowrap; }
.lt-why { color: var(--body-text-color-subdued); font-size: .8em; line-height: 1.3; overflow-wrap: anywhere; }
.lt-actions { display: flex; gap: 4px; padding: 6px 8px 8px 8px; }
.lt-btn { border: 1px solid var(--border-color-primary); background: var(--button-secondary-background-fill);
  color: var(--button-secondary-text-color); border-radius: 6px; padding: 3px 7px; cursor: pointer; font-size: .9em; line-height: 1.4; }
.lt-btn:hover, .lt-btn:focus-visible { border-color: var(--color-accent); }
.lt-btn.lt-on { background: var(--color-accent-soft); border-color: var(--color-accent); }
.lt-more { flex: 1; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
"""

# One delegated listener for the whole panel: survives every re-render of its HTML.
PANEL_JS = """
element.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-action]');
  if (!button || !element.contains(button)) return;
  event.preventDefault();
  trigger('click', {action: button.dataset.action || '', id: button.dataset.id || '', key: button.dataset.key || ''});
});
"""

# Switches Gradio's own frontend locale (its built-in strings and every gr.I18n label) to match the selector.
# Gradio exposes no public call for this, so the loaded core module is looked up; if that ever fails, the
# server-side label update that runs on the same click still switches our labels.
SWITCH_LOCALE_JS = """
async (language) => {
  const locale = language === 'zh' ? 'zh-CN' : 'en';
  try {
    const urls = performance.getEntriesByType('resource').map((entry) => entry.name)
      .filter((name) => /\\/assets\\/core-[^\\/]*\\.js(\\?.*)?$/.test(name));
    for (const url of urls) {
      const core = await import(url);
      if (typeof core.changeLocale === 'function') { core.changeLocale(locale); break; }
    }
  } catch (error) { console.warn('likethis: could not switch the Gradio locale', error); }
  return language;
}
"""

# Copies the photo attached to the message box into the crop editor, as if the shopper had dropped it there
# (Gradio 6.31 loses a crop made on an image the server put into the editor, but keeps one made on an upload),
# opens the crop panel and selects the crop tool. Runs in the browser only: typing costs no server call.
# When the attached photo is removed, the hidden #lt-clear-editor button asks the server to empty the editor.
MIRROR_JS = """
async (message) => {
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const attached = ((message && message.files) || [])[0] || null;
  const url = attached ? (attached.url || null) : null;
  if (url === (window.__likethisMirrored || null)) return;
  const hadMirror = Boolean(window.__likethisMirrored);
  window.__likethisMirrored = url;
  if (!url) {
    if (hadMirror) document.querySelector('#lt-clear-editor')?.click();
    return;
  }
  try {
    const panel = document.querySelector('#lt-crop .label-wrap');
    if (panel && !panel.classList.contains('open')) { panel.click(); await pause(250); }
    const editor = document.querySelector('#lt-editor');
    const input = editor && editor.querySelector('input[type=file]');
    if (!input) return;
    const blob = await (await fetch(url)).blob();
    const transfer = new DataTransfer();
    transfer.items.add(new File([blob], attached.orig_name || 'photo.png', {type: blob.type || 'image/png'}));
    input.files = transfer.files;
    input.dispatchEvent(new Event('change', {bubbles: true}));
    // Gradio starts the editor on the brush: pick the Image tool, then its only sub-tool (crop). Found by
    // position, since labels follow the locale; an empty editor's sub-tools are sources, never clicked.
    for (let attempt = 0; attempt < 40; attempt++) {
      await pause(150);
      if (editor.querySelector('.empty')) continue;
      if (editor.querySelector('.pixi-target-crop.visible')) return;
      const image = editor.querySelector('.toolbar-wrap > .half-container:not(.right) > button');
      if (!image) continue;
      image.click();
      await pause(120);
      const subtools = editor.querySelectorAll('.toolbar-wrap > .half-container.right > button');
      if (subtools.length === 1) { subtools[0].click(); return; }
    }
  } catch (error) { console.warn('likethis: could not copy the photo into the crop editor', error); }
}
"""
