/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The Valossa job report webview: media facts, detections per category, a zoomable timeline with a
// lane per chosen detection, and the speech transcript kept in step with the timeline's cursor.
// The report itself stays in the extension: this page draws the first screen it is sent and asks
// for the rest (a lane's occurrences, the rows matching a search, the remaining speech).
import type { TranscriptSegment } from '../core/transcript/model';
import { sentenceAt } from '../core/transcript/view';
import type { CategoryRows, LaneData, ReportFirstScreen } from '../core/valossa/reportScreen';
import type { FromReport, ReportState, ReportStringKey, Strings, ToReport } from '../core/views/protocol';
import { clock, connect, el, markDrawn, markReceived, perFrame, rovingFocus, setHighlighted } from './dom';

const page = connect<FromReport, ReportState>();
const save = page.save;
const root = document.getElementById('root')!;

interface Ctx {
  screen: ReportFirstScreen;
  t: Strings<ReportStringKey>;
  names: Readonly<Record<string, string>>;
  /** Lanes received so far, by detection id. */
  lanes: Map<string, LaneData>;
  /** Lanes asked for and not received yet. */
  asked: Set<string>;
  speech: TranscriptSegment[];
  /** The extension's answer to the latest search. */
  found?: { query: string; categories: readonly CategoryRows[] };
}

let current: Ctx | undefined;

function facts(ctx: Ctx): HTMLElement {
  const m = ctx.screen.media;
  const rows: [string, string | undefined][] = [
    [ctx.t.duration, m.durationS !== undefined ? clock(m.durationS) : undefined],
    [ctx.t.resolution, m.width && m.height ? `${m.width} × ${m.height}` : undefined],
    [ctx.t.fps, m.fps !== undefined ? String(m.fps) : undefined],
    [ctx.t.codecs, [m.videoCodec, m.audioCodec].filter(Boolean).join(' / ') || undefined],
    [ctx.t.format, m.metadataFormat],
  ];
  const dl = el('dl', { class: 'facts', 'aria-label': ctx.t.facts });
  for (const [k, v] of rows) if (v) dl.append(el('div', {}, el('dt', {}, k), el('dd', {}, v)));
  return dl;
}

function categoryTable(ctx: Ctx, c: CategoryRows, query: string): HTMLElement | undefined {
  const shown = c.rows;
  if (!shown.length) return undefined;
  const name = ctx.names[c.type] ?? c.type;
  const section = el('section', { class: 'category', 'aria-label': name });
  section.append(el('h3', {}, `${name} `, el('span', { class: 'muted' }, `(${c.total})`)));
  const table = el('table', {});
  table.append(
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, ctx.t.lane),
        el('th', { scope: 'col' }, ctx.t.detections),
        el('th', { scope: 'col', class: 'num' }, ctx.t.occurrences),
        el('th', { scope: 'col', class: 'num' }, ctx.t.screenTime),
      ),
    ),
  );
  const body = el('tbody');
  for (const d of shown) {
    const label = el('td', {});
    setHighlighted(label, d.label, query);
    const box = el('input', {
      type: 'checkbox',
      'aria-label': `${ctx.t.showLane}: ${d.label}`,
      checked: (page.state().lanes ?? []).includes(d.id),
      disabled: !d.occurrenceCount,
    });
    box.addEventListener('change', () => {
      const lanes = new Set(page.state().lanes ?? []);
      if (box.checked) lanes.add(d.id);
      else lanes.delete(d.id);
      save({ lanes: [...lanes] });
      drawTimeline(ctx);
    });
    body.append(
      el('tr', {}, el('td', {}, box), label, el('td', { class: 'num' }, String(d.occurrenceCount)), el('td', { class: 'num' }, clock(d.screenTimeS))),
    );
  }
  table.append(body);
  section.append(table);
  if (!query.trim() && c.total > shown.length) section.append(el('p', { class: 'muted' }, ctx.t.more.replace('{0}', String(c.total - shown.length))));
  return section;
}

/** The first screen's rows without a query; with one, the extension's answer once it is there. */
function drawCategories(ctx: Ctx): void {
  const query = page.state().query ?? '';
  const categories = !query.trim() ? ctx.screen.categories : ctx.found?.query === query ? ctx.found.categories : undefined;
  if (!categories) return;
  const host = document.getElementById('categories')!;
  host.textContent = '';
  const sections = categories.map((c) => categoryTable(ctx, c, query)).filter((s): s is HTMLElement => !!s);
  if (sections.length) host.append(...sections);
  else host.append(el('p', { class: 'muted' }, ctx.t.noDetections));
}

let cursorS = 0;

function copyTime(seconds: number, what: string): void {
  page.post({ type: 'copyTime', seconds, what });
  moveCursor(seconds, true);
}

function drawTimeline(ctx: Ctx): void {
  const span = Math.max(ctx.screen.timelineS, 1);
  const zoom = page.state().zoom ?? 1;
  const lanes = document.getElementById('lanes')!;
  lanes.textContent = '';
  lanes.style.setProperty('--zoom', String(zoom));
  const axis = el('div', { class: 'axis', 'aria-hidden': 'true' });
  const step = niceStep(span / (8 * zoom));
  for (let s = 0; s <= span; s += step) axis.append(el('span', { style: `left:${(s / span) * 100}%` }, clock(s).replace(/\.0$/, '')));
  lanes.append(el('div', { class: 'lane' }, el('div', { class: 'lane-label' }), el('div', { class: 'track' }, axis)));
  const missing = (page.state().lanes ?? []).filter((id) => !ctx.lanes.has(id) && !ctx.asked.has(id));
  if (missing.length) {
    missing.forEach((id) => ctx.asked.add(id));
    page.post({ type: 'lanes', ids: missing });
  }
  for (const id of page.state().lanes ?? []) {
    const d = ctx.lanes.get(id);
    if (!d) continue;
    const track = el('div', { class: 'track', role: 'group', 'aria-label': d.label });
    const frag = document.createDocumentFragment();
    for (const o of d.occurrences) {
      const conf = o.confidence !== undefined ? ` · ${ctx.t.confidence} ${Math.round(o.confidence * 100)}%` : '';
      const tip = `${d.label}: ${clock(o.startS)}–${clock(o.endS)}${conf}`;
      const bar = el('button', {
        class: 'occ',
        title: tip,
        'aria-label': tip,
        'data-start': o.startS,
        style: `left:${(o.startS / span) * 100}%;width:max(2px, ${((o.endS - o.startS) / span) * 100}%)`,
      });
      bar.addEventListener('click', () => copyTime(o.startS, d.label));
      frag.append(bar);
    }
    track.append(frag);
    const name = el('div', { class: 'lane-label', title: `${ctx.names[d.type] ?? d.type}: ${d.label}` }, d.label);
    lanes.append(el('div', { class: 'lane', 'data-id': id }, name, track));
  }
  lanes.append(el('div', { id: 'cursor', 'aria-hidden': 'true' }));
  moveCursor(cursorS, false);
}

function niceStep(raw: number): number {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  return steps.find((s) => s >= raw) ?? 3600;
}

let reportSpan = 1;

function moveCursor(seconds: number, follow: boolean): void {
  cursorS = seconds;
  const cursor = document.getElementById('cursor');
  if (cursor) cursor.style.left = `calc(var(--label-width) + (100% - var(--label-width)) * ${seconds / reportSpan})`;
  const lines = [...document.querySelectorAll<HTMLElement>('#speech li')];
  const i = sentenceAt(
    lines.map((l) => ({ startMs: Number(l.dataset.start) })),
    seconds * 1000 + 1,
  );
  document.querySelector('#speech li.current')?.classList.remove('current');
  const line = lines[i];
  if (line) {
    line.classList.add('current');
    if (follow) line.scrollIntoView({ block: 'nearest' });
  }
  const scroller = document.getElementById('timeline-scroll')!;
  if (follow) {
    const x = (seconds / reportSpan) * scroller.scrollWidth;
    if (x < scroller.scrollLeft || x > scroller.scrollLeft + scroller.clientWidth) scroller.scrollLeft = x - scroller.clientWidth / 3;
  }
}

function speechLine(s: TranscriptSegment, i: number, query: string): HTMLElement {
  const startS = (s.startMs ?? 0) / 1000;
  const text = el('span', { class: 'text' });
  const hits = setHighlighted(text, s.text, query);
  const li = el(
    'li',
    {
      tabindex: i === 0 ? 0 : -1,
      'data-start': s.startMs ?? 0,
      class: query && !hits ? 'dim' : undefined,
      'aria-label': `${clock(startS)} ${s.speaker ?? ''} ${s.text}`,
    },
    el('span', { class: 'time' }, clock(startS)),
    ' ',
    s.speaker ? el('span', { class: 'speaker' }, `${s.speaker}: `) : '',
    text,
  );
  const act = () => copyTime(startS, s.text);
  li.addEventListener('click', act);
  li.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), act()));
  return li;
}

/** Draws the speech lines from `from` on (all of them from 0). */
function drawSpeech(ctx: Ctx, from = 0): void {
  const list = document.getElementById('speech')!;
  if (from === 0) list.textContent = '';
  const query = page.state().query ?? '';
  if (!ctx.screen.speechTotal) {
    list.append(el('li', { class: 'muted' }, ctx.t.noSpeech));
    return;
  }
  const frag = document.createDocumentFragment();
  for (let i = from; i < ctx.speech.length; i++) frag.append(speechLine(ctx.speech[i], i, query));
  list.append(frag);
}

function render(msg: Extract<ToReport, { type: 'report' }>): void {
  const { screen, strings: t } = msg;
  const ctx: Ctx = { screen, t, names: msg.categoryNames, lanes: new Map(screen.lanes.map((l) => [l.id, l])), asked: new Set(), speech: [...screen.speech] };
  current = ctx;
  reportSpan = Math.max(screen.timelineS, 1);
  if (!page.state().lanes) save({ lanes: [...screen.defaultLanes] });
  root.textContent = '';
  const search = el('input', { type: 'search', id: 'search', placeholder: t.search, 'aria-label': t.search, value: page.state().query ?? '' });
  const openJson = el('button', { id: 'open-json' }, t.openJson);
  openJson.addEventListener('click', () => page.post({ type: 'openJson' }));
  const zoomBy = (f: number) => () => {
    save({ zoom: f === 0 ? 1 : Math.min(64, Math.max(1, (page.state().zoom ?? 1) * f)) });
    drawTimeline(ctx);
  };
  const zoom = el('div', { class: 'zoom', role: 'toolbar', 'aria-label': t.timeline });
  for (const [label, f, text] of [
    [t.zoomOut, 0.5, '−'],
    [t.zoomReset, 0, '1×'],
    [t.zoomIn, 2, '+'],
  ] as const) {
    const b = el('button', { 'aria-label': label, title: label }, text);
    b.addEventListener('click', zoomBy(f));
    zoom.append(b);
  }
  root.append(
    el('header', {}, el('h1', {}, screen.media.title ?? page.state().title), el('div', { class: 'actions' }, search, openJson)),
    facts(ctx),
    el(
      'div',
      { class: 'columns' },
      el(
        'div',
        { class: 'main' },
        el(
          'section',
          { 'aria-label': t.timeline },
          el('h2', {}, t.timeline, ' ', zoom),
          el('div', { id: 'timeline-scroll', tabindex: 0 }, el('div', { id: 'lanes' })),
        ),
        el('div', { id: 'categories' }),
      ),
      el('aside', { 'aria-label': t.transcript }, el('h2', {}, t.transcript), el('ol', { id: 'speech' })),
    ),
    el('div', { id: 'toast', role: 'status', 'aria-live': 'polite' }),
  );
  const onSearch = perFrame(() => {
    const query = page.state().query ?? '';
    if (query.trim()) page.post({ type: 'search', query });
    drawCategories(ctx);
    drawSpeech(ctx);
  });
  search.addEventListener('input', () => {
    save({ query: search.value });
    onSearch();
  });
  drawTimeline(ctx);
  drawCategories(ctx);
  drawSpeech(ctx);
  rovingFocus(document.getElementById('speech')!, 'li[data-start]');
  markDrawn();
  // After the first paint: the rest of the speech, and the rows of a search kept over a reload.
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (ctx.speech.length < screen.speechTotal) page.post({ type: 'speech', from: ctx.speech.length });
      if ((page.state().query ?? '').trim()) page.post({ type: 'search', query: page.state().query! });
    }),
  );
}

function received(msg: Extract<ToReport, { type: 'lanes' | 'found' | 'speech' }>): void {
  const ctx = current;
  if (!ctx) return;
  if (msg.type === 'lanes') {
    for (const lane of msg.lanes) {
      ctx.lanes.set(lane.id, lane);
      ctx.asked.delete(lane.id);
    }
    drawTimeline(ctx);
  } else if (msg.type === 'found') {
    ctx.found = msg;
    drawCategories(ctx);
  } else if (msg.from === ctx.speech.length) {
    ctx.speech.push(...msg.lines);
    drawSpeech(ctx, msg.from);
  }
}

window.addEventListener('message', (e: MessageEvent<ToReport>) => {
  const msg = e.data;
  if (msg.type === 'report') {
    markReceived();
    render(msg);
  } else if (msg.type === 'error') root.replaceChildren(el('p', { class: 'error', role: 'alert' }, msg.text));
  else if (msg.type === 'copied') document.getElementById('toast')!.textContent = msg.text;
  else received(msg);
});
page.post({ type: 'ready' });
