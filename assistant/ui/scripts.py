"""The app's browser scripts: panel clicks and id copying, disclosures, agent view, the crop tool, the locale switch.

Flags that outlive a re-render of their component (which panels are open, agent view) are classes on <html>;
the CSS in theme.py shows and hides by them, and each script re-syncs its aria-* attributes after a re-render.
"""
from __future__ import annotations

# The results panel: one delegated listener survives every re-render of its HTML. Card and chip buttons become a
# server event; "copy" (agent view) stays in the browser.
PANEL_JS = """
let live = document.querySelector('#lt-announce');
if (!live) {
  live = document.createElement('div');
  live.id = 'lt-announce'; live.className = 'lt-sr'; live.setAttribute('aria-live', 'polite');
  document.body.appendChild(live);
}
const say = (message) => { live.textContent = ''; setTimeout(() => { live.textContent = message; }, 30); };
const copyText = async (value) => {
  try { await navigator.clipboard.writeText(value); return true; } catch (error) { /* not a secure context */ }
  const area = document.createElement('textarea');
  area.value = value; area.setAttribute('readonly', ''); area.style.position = 'fixed'; area.style.opacity = '0';
  document.body.appendChild(area); area.select();
  let done = false;
  try { done = document.execCommand('copy'); } catch (error) { done = false; }
  area.remove();
  return done;
};
// After a click redraws the panel, the keyboard keeps its place: the same button on the same card, or the
// results' heading when that button is gone (a removed chip, a hidden card).
let refocus = null;
watch('value', () => {
  if (!refocus) return;
  const wanted = refocus;
  refocus = null;
  const same = [...element.querySelectorAll('button[data-action]')].find((button) =>
    button.dataset.action === wanted.action && (button.dataset.id || '') === wanted.id && (button.dataset.key || '') === wanted.key);
  const target = same || element.querySelector('.lt-results-head') || element.querySelector('.lt-panel');
  if (target) target.focus({preventScroll: true});
});
element.addEventListener('click', async (event) => {
  const button = event.target.closest('button[data-action]');
  if (!button || !element.contains(button)) return;
  event.preventDefault();
  if (button.dataset.action === 'copy') {
    const panel = element.querySelector('.lt-panel');
    const done = await copyText(button.dataset.id || '');
    const template = (panel && panel.dataset[done ? 'copied' : 'copyFailed']) || '{id}';
    say(template.replace('{id}', button.dataset.id || ''));
    button.classList.toggle('lt-copied', done);
    setTimeout(() => button.classList.remove('lt-copied'), 1500);
    return;
  }
  const action = {action: button.dataset.action || '', id: button.dataset.id || '', key: button.dataset.key || ''};
  if (element.contains(document.activeElement)) refocus = action;
  trigger('click', action);
});
"""

# A gr.HTML holding buttons with data-flag="<class>": each toggles that class on <html> (what it shows is CSS).
# The header's agent-view button is remembered across visits (an agent turns it on once).
DISCLOSURE_JS = """
const root = document.documentElement;
const AGENT = 'lt-agent';
try { if (localStorage.getItem('likethis-agent-view') === '1') root.classList.add(AGENT); } catch (error) {}
const sync = () => {
  element.querySelectorAll('[data-flag]').forEach((button) => {
    button.setAttribute('aria-expanded', root.classList.contains(button.dataset.flag) ? 'true' : 'false');
  });
  element.querySelectorAll('.lt-agent-toggle').forEach((button) => {
    button.setAttribute('aria-pressed', root.classList.contains(AGENT) ? 'true' : 'false');
  });
};
element.addEventListener('click', (event) => {
  const flag = event.target.closest('[data-flag]');
  if (flag) root.classList.toggle(flag.dataset.flag);
  if (event.target.closest('.lt-agent-toggle')) {
    const on = root.classList.toggle(AGENT);
    try { localStorage.setItem('likethis-agent-view', on ? '1' : '0'); } catch (error) {}
  }
  sync();
});
watch('value', sync);
sync();
"""

# The crop tool (crop.render_cropper draws it). The photo comes from the message box (ATTACH_JS, no server call) or
# from the server after a turn, with the part that was searched as data-box. The box is dragged with a pointer
# (mouse, pen or touch) or moved with the arrow keys; its position is in the photo's own (upright) pixels, which
# is what the browser sends with the next message (READ_CROP_JS) or with "Search this part".
CROPPER_JS = """
const root = document.documentElement;
const OPEN = 'lt-crop-open';
const $ = (selector) => element.querySelector(selector);
const absolute = (url) => (url ? new URL(url, document.baseURI).href : '');
let state = {url: '', box: null, touched: false, origin: 'server', chosenBy: ''};
let natural = [0, 0];
let drag = null;

const labels = () => { try { return JSON.parse($('.lt-cropper').dataset.labels || '{}'); } catch (e) { return {}; } };
const parseBox = (text) => {
  const values = (text || '').split(',').filter(Boolean).map(Number);
  return values.length === 4 && values.every(Number.isFinite) ? values : null;
};
const whole = () => [0, 0, natural[0], natural[1]];
const syncToggle = () => {
  const toggle = $('.lt-crop-toggle');
  if (toggle) toggle.setAttribute('aria-expanded', root.classList.contains(OPEN) ? 'true' : 'false');
};
// The tag beside the box is placed by measuring, which a closed panel cannot do: paint again once open.
const setOpen = (open) => { root.classList.toggle(OPEN, open); syncToggle(); if (open) requestAnimationFrame(() => paint()); };

function paint() {
  const box = $('.lt-box');
  const tag = $('.lt-box-tag');
  if (!box || !natural[0]) return;
  const [x0, y0, x1, y1] = state.box || whole();
  const [width, height] = natural;
  box.style.left = (100 * x0 / width) + '%';
  box.style.top = (100 * y0 / height) + '%';
  box.style.width = (100 * (x1 - x0) / width) + '%';
  box.style.height = (100 * (y1 - y0) / height) + '%';
  const found = state.chosenBy === 'found' && !state.touched;
  const mine = Boolean(state.box) && (state.touched || state.chosenBy === 'shopper');
  box.classList.toggle('lt-found', found);
  box.dataset.box = (state.box || whole()).map(Math.round).join(',');
  if (tag && box.offsetParent) {
    tag.textContent = found ? (labels().found || '') : (mine ? (labels().yours || '') : '');
    // Above the box when there is room (inside it otherwise), and never past the photo's right edge.
    const stage = $('.lt-stage');
    const above = box.offsetTop >= tag.offsetHeight + 4;
    tag.style.top = above ? `${-tag.offsetHeight - 4}px` : '4px';
    tag.style.left = `${Math.min(above ? -2 : 24, stage.clientWidth - box.offsetLeft - tag.offsetWidth - 2)}px`;
  }
}

function show() {
  const cropper = $('.lt-cropper');
  const img = $('.lt-crop-img');
  if (!cropper || !img) return;
  cropper.classList.toggle('lt-has-photo', Boolean(state.url));
  syncToggle();
  if (!state.url) { img.removeAttribute('src'); natural = [0, 0]; return; }
  const loaded = () => { if (img.naturalWidth) { natural = [img.naturalWidth, img.naturalHeight]; paint(); } };
  img.onload = loaded;
  if (img.getAttribute('src') !== state.url) { natural = [0, 0]; img.src = state.url; }
  if (img.complete) loaded();
}

// What the server drew: the last photo searched and the part searched. A photo attached in the message box
// but not sent yet stays on screen through re-renders (a language switch), until it is sent or removed.
function fromServer(force) {
  const cropper = $('.lt-cropper');
  if (!cropper) return;
  const url = absolute(cropper.dataset.photo);
  if (!force && state.origin === 'attached' && url !== state.url) { show(); return; }
  state = {url, box: parseBox(cropper.dataset.box), touched: false, origin: 'server',
           chosenBy: cropper.dataset.chosenBy || ''};
  show();
}

function attach(url) {
  url = absolute(url);
  if (!url) { if (state.origin === 'attached') fromServer(true); return; }
  if (url === state.url && state.origin === 'attached') return;
  state = {url, box: null, touched: false, origin: 'attached', chosenBy: ''};
  setOpen(true);
  show();
}

function read() {
  if (!state.url || !natural[0]) return '';
  return JSON.stringify({photo: state.url, box: (state.box || whole()).map(Math.round), touched: state.touched});
}

function moved(start, handle, dx, dy) {
  const [width, height] = natural;
  const least = [Math.max(16, width * 0.05), Math.max(16, height * 0.05)];
  let [x0, y0, x1, y1] = start;
  if (handle === 'move') {
    const w = x1 - x0, h = y1 - y0;
    x0 = Math.min(Math.max(0, x0 + dx), width - w); y0 = Math.min(Math.max(0, y0 + dy), height - h);
    return [x0, y0, x0 + w, y0 + h];
  }
  if (handle.includes('w')) x0 = Math.min(Math.max(0, x0 + dx), x1 - least[0]);
  if (handle.includes('e')) x1 = Math.max(Math.min(width, x1 + dx), x0 + least[0]);
  if (handle.includes('n')) y0 = Math.min(Math.max(0, y0 + dy), y1 - least[1]);
  if (handle.includes('s')) y1 = Math.max(Math.min(height, y1 + dy), y0 + least[1]);
  return [x0, y0, x1, y1];
}

let announceTimer = null;
function changed(box) {
  state.box = box;
  state.touched = true;
  paint();
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => {
    const status = $('.lt-crop-status');
    const [x0, y0, x1, y1] = state.box || whole();
    if (status && labels().status) status.textContent = labels().status
      .replace('{width}', Math.round(100 * (x1 - x0) / natural[0]))
      .replace('{height}', Math.round(100 * (y1 - y0) / natural[1]));
  }, 400);
}

element.addEventListener('pointerdown', (event) => {
  const handle = event.target.closest('.lt-corner, .lt-box');
  if (!handle || !natural[0] || event.button > 0) return;
  event.preventDefault();
  const stage = $('.lt-crop-img').getBoundingClientRect();
  drag = {handle: handle.dataset.corner || 'move', x: event.clientX, y: event.clientY, id: event.pointerId,
          start: (state.box || whole()).slice(), scale: [natural[0] / stage.width, natural[1] / stage.height]};
  try { handle.setPointerCapture(event.pointerId); } catch (error) {}
});
element.addEventListener('pointermove', (event) => {
  if (!drag || event.pointerId !== drag.id) return;
  event.preventDefault();
  changed(moved(drag.start, drag.handle, (event.clientX - drag.x) * drag.scale[0], (event.clientY - drag.y) * drag.scale[1]));
});
const release = (event) => { if (drag && event.pointerId === drag.id) drag = null; };
element.addEventListener('pointerup', release);
element.addEventListener('pointercancel', release);

const ARROWS = {ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1]};
element.addEventListener('keydown', (event) => {
  const handle = event.target.closest('.lt-corner, .lt-box');
  const arrow = ARROWS[event.key];
  if (!handle || !arrow || !natural[0]) return;
  event.preventDefault();
  const step = event.shiftKey ? 0.1 : 0.02;
  changed(moved((state.box || whole()).slice(), handle.dataset.corner || 'move',
                arrow[0] * step * natural[0], arrow[1] * step * natural[1]));
});

element.addEventListener('click', (event) => {
  if (event.target.closest('.lt-crop-toggle')) { setOpen(!root.classList.contains(OPEN)); return; }
  if (event.target.closest('.lt-crop-whole')) { state.chosenBy = ''; changed(null); return; }
  if (event.target.closest('.lt-crop-search')) {
    const crop = read();
    if (crop) { setOpen(false); trigger('click', {action: 'search', crop}); }
  }
});

// "Adjust it" under the shopper's photo in the chat opens this tool on that box.
document.addEventListener('click', (event) => {
  const link = event.target.closest('a.lt-adjust, .lt-shot-boxed');
  if (!link) return;
  event.preventDefault();
  event.stopPropagation();
  setOpen(true);
  element.scrollIntoView({block: 'center'});
  const box = $('.lt-box');
  if (box) box.focus({preventScroll: true});
}, true);

window.addEventListener('resize', () => paint());
window.likethisCropper = {attach, read, close: () => setOpen(false)};
watch('value', () => fromServer(false));
fromServer(true);
"""

# The message box's photo goes to the crop tool as soon as it is attached: in the browser, no server call.
ATTACH_JS = """
(message) => {
  const attached = ((message && message.files) || [])[0] || null;
  if (window.likethisCropper) window.likethisCropper.attach(attached ? (attached.url || '') : '');
}
"""

# Sending a message takes the crop tool's box along (in place of the crop tool's own value) and closes the tool.
READ_CROP_JS = """
(...inputs) => {
  const cropper = window.likethisCropper;
  inputs[1] = cropper ? cropper.read() : '';
  if (cropper) cropper.close();
  return inputs;
}
"""

# Runs once when the page loads. Gradio names each chat message by its raw content (HTML source included) in an
# aria-label, which a screen reader would read out tag by tag: the label becomes the words a sighted person sees.
PAGE_JS = """
() => {
  let queued = false;
  const tidy = () => {
    queued = false;
    document.querySelectorAll('#lt-chat [data-testid=user][aria-label], #lt-chat [data-testid=bot][aria-label]')
      .forEach((message) => {
        const label = message.getAttribute('aria-label') || '';
        const who = label.includes(':') ? label.slice(0, label.indexOf(':')) : '';
        const words = (message.innerText || '').replace(/\\s+/g, ' ').trim();
        const wanted = who ? `${who}: ${words}` : words;
        if (label !== wanted) message.setAttribute('aria-label', wanted);
      });
  };
  new MutationObserver(() => { if (!queued) { queued = true; requestAnimationFrame(tidy); } })
    .observe(document.body, {childList: true, subtree: true, characterData: true});
}
"""

# Switches Gradio's own frontend locale (its built-in strings and every gr.I18n label) to match the selector.
# Gradio exposes no public call for this, so the loaded core module is looked up; if that ever fails, the
# server-side label update that runs on the same click still switches our labels.
SWITCH_LOCALE_JS = """
async (language) => {
  const locale = language === 'zh' ? 'zh-CN' : 'en';
  document.documentElement.lang = locale;
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
