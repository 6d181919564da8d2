/**
 * The preview's script and stylesheet, served as `/_/preview.js` and
 * `/_/preview.css` to our own pages only (never to the report page). Plain
 * browser JavaScript kept as a string, so nothing is bundled or fetched.
 *
 * The script listens to `/events` (server-sent events). On a change of its
 * report it fetches `state.json`, replaces the panel, and loads the new page
 * into the hidden frame; once loaded it takes the visible frame's scroll
 * position and the two frames swap, so the page never flashes or jumps.
 */

/** Styles the script adds inside the report frame: marks, never layout. */
const frameCss = `
[data-nb-error]{background-color:rgba(217,48,37,.10)!important}
[data-nb-warning]{background-color:rgba(227,160,8,.14)!important}
[data-nb-selected]{outline:3px solid #d93025!important;outline-offset:1px;background-color:rgba(217,48,37,.22)!important}
`

export const previewScript = `'use strict';
(() => {
  const body = document.body;
  const live = document.querySelector('.nb-live');
  const events = new EventSource('/events');
  let connectedOnce = false;
  let catchUp = () => location.reload();
  events.addEventListener('open', () => {
    if (live) live.classList.remove('nb-off');
    // Back after the server restarted or the laptop slept: catch up.
    if (connectedOnce) catchUp();
    connectedOnce = true;
  });
  events.addEventListener('error', () => { if (live) live.classList.add('nb-off'); });

  if (body.dataset.page === 'index') {
    events.addEventListener('report', (event) => {
      const r = JSON.parse(event.data);
      const row = Array.from(document.querySelectorAll('tr[data-id]')).find((tr) => tr.dataset.id === r.id);
      if (!row) { location.reload(); return; }
      row.dataset.status = r.status;
      const status = row.querySelector('.nb-status');
      status.className = 'nb-status nb-status-' + r.status;
      status.textContent = r.label;
      row.querySelector('.nb-errors').textContent = String(r.errors);
      row.querySelector('.nb-warnings').textContent = String(r.warnings);
      row.querySelector('a').textContent = r.title;
    });
    events.addEventListener('list', () => location.reload());
    return;
  }

  const id = body.dataset.id;
  const panel = document.getElementById('nb-panel');
  const broken = document.querySelector('.nb-broken');
  const statusBadge = document.querySelector('.nb-status');
  const title = document.querySelector('.nb-title');
  let front = document.querySelector('.nb-front');
  let back = document.querySelector('.nb-back');
  let version = Number(body.dataset.version);
  let scroll = { x: 0, y: 0 };
  let selected = null;
  let busy = false;

  function frameDoc(frame) {
    try { return frame.contentDocument; } catch (e) { return null; }
  }

  function targets(doc, anchor) {
    const el = doc && doc.querySelector(anchor.target);
    if (!el) return [];
    if (anchor.cells) {
      const wanted = new Set(anchor.cells);
      const cells = Array.from(el.querySelectorAll('td[headers]')).filter((td) => wanted.has(td.getAttribute('headers')));
      return cells.length ? cells : [el];
    }
    if (typeof anchor.block === 'number') {
      if (anchor.block < 0) return [el.querySelector('h2') || el];
      const blocks = Array.from(el.children).filter((c) => c.tagName !== 'H2' && !c.classList.contains('stats-table'));
      return [blocks[anchor.block] || el];
    }
    return [el];
  }

  function anchorOf(item) {
    return item && item.dataset.anchor ? JSON.parse(item.dataset.anchor) : null;
  }

  /** Marks every place the panel names, in the frame's document only. */
  function decorate(frame) {
    const doc = frameDoc(frame);
    if (!doc || !doc.head) return;
    let style = doc.getElementById('nb-preview-marks');
    if (!style) {
      style = doc.createElement('style');
      style.id = 'nb-preview-marks';
      style.textContent = ${JSON.stringify(frameCss)};
      doc.head.appendChild(style);
    }
    for (const el of doc.querySelectorAll('[data-nb-error],[data-nb-warning],[data-nb-selected]')) {
      el.removeAttribute('data-nb-error'); el.removeAttribute('data-nb-warning'); el.removeAttribute('data-nb-selected');
    }
    for (const item of panel.querySelectorAll('.nb-diag[data-anchor]')) {
      const severity = item.dataset.severity;
      if (severity !== 'error' && severity !== 'warning') continue;
      for (const el of targets(doc, anchorOf(item))) el.setAttribute('data-nb-' + severity, '');
    }
    const item = selected && Array.from(panel.querySelectorAll('.nb-diag')).find((li) => li.dataset.key === selected);
    if (item) select(item, false);
  }

  function select(item, reveal) {
    for (const li of panel.querySelectorAll('.nb-selected')) li.classList.remove('nb-selected');
    item.classList.add('nb-selected');
    selected = item.dataset.key;
    const doc = frameDoc(front);
    if (!doc) return;
    for (const el of doc.querySelectorAll('[data-nb-selected]')) el.removeAttribute('data-nb-selected');
    const anchor = anchorOf(item);
    if (!anchor) return;
    const els = targets(doc, anchor);
    for (const el of els) el.setAttribute('data-nb-selected', '');
    if (reveal && els[0]) els[0].scrollIntoView({ block: 'center' });
  }

  panel.addEventListener('click', (event) => {
    const item = event.target.closest('.nb-diag');
    if (item) select(item, true);
  });
  panel.addEventListener('keydown', (event) => {
    const item = event.target.closest('.nb-diag');
    if (item && event.key === 'Enter') select(item, true);
  });

  function saveScroll() {
    const win = front.contentWindow;
    if (!front.hidden && win && frameDoc(front) && frameDoc(front).body) scroll = { x: win.scrollX, y: win.scrollY };
  }

  function swap(v) {
    return new Promise((resolve) => {
      saveScroll();
      back.onload = () => {
        back.onload = null;
        try { back.contentWindow.scrollTo(scroll.x, scroll.y); } catch (e) { /* frame gone */ }
        const old = front;
        front = back;
        back = old;
        front.classList.replace('nb-back', 'nb-front');
        back.classList.replace('nb-front', 'nb-back');
        front.hidden = false;
        broken.hidden = true;
        decorate(front);
        resolve();
      };
      back.src = 'page.html?v=' + v;
    });
  }

  /**
   * Put the new page into the visible frame's document in place: the same
   * bytes parsed the same way, without a navigation, so the update is quick
   * and the reader stays where they were. Navigates instead when the frame
   * holds no page yet (first load, or after a file that did not parse).
   */
  async function patch(v) {
    const doc = frameDoc(front);
    if (front.hidden || !doc || !doc.body || !front.getAttribute('src')) return swap(v);
    const response = await fetch('page.html?v=' + v, { cache: 'no-store' });
    if (!response.ok) return swap(v);
    const html = await response.text();
    const win = front.contentWindow;
    const x = win.scrollX;
    const y = win.scrollY;
    // Parsed by the frame's own document, so the page's own policy (its inline styles) applies.
    doc.documentElement.innerHTML = html;
    win.scrollTo(x, y);
    decorate(front);
  }

  /** Show a state (from an event, or from state.json after a reconnect). */
  async function show(state) {
    if (state.version === version) return;
    version = state.version;
    panel.innerHTML = state.panel;
    statusBadge.className = 'nb-status nb-status-' + state.status;
    statusBadge.textContent = state.label;
    title.textContent = state.title;
    body.dataset.status = state.status;
    body.dataset.version = String(version);
    if (state.status === 'broken') {
      saveScroll();
      front.hidden = true;
      broken.hidden = false;
    } else {
      await patch(version);
    }
  }

  let pending = null;
  /** One update at a time; of those arriving meanwhile only the latest is shown. */
  async function update(state) {
    if (busy) { pending = state; return; }
    busy = true;
    try {
      await show(state);
    } finally {
      busy = false;
      if (pending) { const next = pending; pending = null; update(next); }
    }
  }

  async function refresh() {
    try {
      const response = await fetch('state.json', { cache: 'no-store' });
      if (!response.ok) { broken.hidden = false; front.hidden = true; return; }
      await update(await response.json());
    } catch (e) {
      // The server is restarting: the next event or reconnect brings us up to date.
    }
  }

  events.addEventListener('report', (event) => {
    const state = JSON.parse(event.data);
    if (state.id === id) update(state);
  });
  events.addEventListener('list', () => refresh());
  catchUp = refresh;
  if (front.getAttribute('src')) front.addEventListener('load', () => decorate(front), { once: true });
  else front.hidden = true;
})();
`

export const previewCss = `
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body.nb-shell{font:14px/1.5 system-ui,"Noto Sans SC","Noto Sans CJK SC",sans-serif;color:#1f1f1f;background:#eef0f3;display:flex;flex-direction:column}
.nb-bar{display:flex;align-items:center;gap:12px;padding:8px 16px;background:#1f2937;color:#f9fafb;flex:none}
.nb-bar a{color:#bfdbfe}
.nb-title{font-weight:600;flex:1;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.nb-status{padding:1px 8px;border-radius:10px;font-size:12px;background:#374151}
.nb-status-ok{background:#166534;color:#fff}
.nb-status-warnings{background:#a16207;color:#fff}
.nb-status-errors,.nb-status-broken{background:#b91c1c;color:#fff}
.nb-live{color:#4ade80}
.nb-live.nb-off{color:#9ca3af}
.nb-main{flex:1;display:flex;min-height:0}
.nb-page{flex:1;position:relative;min-width:0}
.nb-frame{position:absolute;inset:0;width:100%;height:100%;border:0;background:#fff}
.nb-frame.nb-back{visibility:hidden}
.nb-frame[hidden]{display:none}
.nb-broken{position:absolute;inset:0;padding:48px;background:#fff;color:#b91c1c;font-size:16px}
.nb-broken[hidden]{display:none}
.nb-panel{width:380px;flex:none;overflow:auto;background:#fff;border-left:1px solid #d1d5db;padding:12px 14px}
.nb-panel h2{font-size:15px;margin:0 0 8px}
.nb-counts{font-weight:normal;color:#6b7280;font-size:12px;margin-left:6px}
.nb-none{color:#166534}
.nb-diags{list-style:none;margin:0;padding:0}
.nb-diag{padding:7px 8px;margin:0 0 6px;border-left:4px solid #9ca3af;background:#f9fafb;cursor:pointer;border-radius:2px}
.nb-diag.nb-error{border-color:#d93025}
.nb-diag.nb-warning{border-color:#e3a008}
.nb-diag.nb-info{border-color:#3b82f6}
.nb-diag:hover,.nb-diag:focus{background:#eef2ff;outline:none}
.nb-diag.nb-selected{background:#fee2e2}
.nb-loc{font-family:ui-monospace,monospace;font-size:12px;margin-right:4px}
.nb-sev{font-size:12px;font-weight:600}
.nb-error .nb-sev{color:#d93025}
.nb-warning .nb-sev{color:#a16207}
.nb-rule{display:block;color:#6b7280;font-size:11px;margin-top:2px}
.nb-index{margin:16px;border-collapse:collapse;background:#fff;min-width:60%}
.nb-index th,.nb-index td{border:1px solid #d1d5db;padding:6px 10px;text-align:left}
.nb-index td.nb-errors,.nb-index td.nb-warnings{text-align:right;font-variant-numeric:tabular-nums}
.nb-file{font-family:ui-monospace,monospace;font-size:12px;color:#4b5563}
`
