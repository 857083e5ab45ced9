/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The Valossa job report webview: media facts, detections per category, a zoomable timeline with a
// lane per chosen detection, and the speech transcript kept in step with the timeline's cursor.
import { sentenceAt } from '../core/transcript/view';
import type { ReportCategory, ReportDetection, ReportModel } from '../core/valossa/report';
import type { FromReport, ReportState, ReportStringKey, Strings, ToReport } from '../core/views/protocol';
import { clock, connect, el, markDrawn, markReceived, perFrame, rovingFocus, setHighlighted } from './dom';

const TOP = 10;
const page = connect<FromReport, ReportState>();
const save = page.save;
const root = document.getElementById('root')!;

interface Ctx {
  report: ReportModel;
  t: Strings<ReportStringKey>;
  names: Readonly<Record<string, string>>;
  byId: Map<string, ReportDetection>;
}

function facts(ctx: Ctx): HTMLElement {
  const m = ctx.report.media;
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

function categoryTable(ctx: Ctx, c: ReportCategory, query: string): HTMLElement | undefined {
  const q = query.trim().toLocaleLowerCase();
  const shown = q ? c.detections.filter((d) => d.label.toLocaleLowerCase().includes(q)) : c.detections.slice(0, TOP);
  if (!shown.length) return undefined;
  const name = ctx.names[c.type] ?? c.type;
  const section = el('section', { class: 'category', 'aria-label': name });
  section.append(el('h3', {}, `${name} `, el('span', { class: 'muted' }, `(${c.detections.length})`)));
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
      disabled: !d.occurrences.length,
    });
    box.addEventListener('change', () => {
      const lanes = new Set(page.state().lanes ?? []);
      if (box.checked) lanes.add(d.id);
      else lanes.delete(d.id);
      save({ lanes: [...lanes] });
      drawTimeline(ctx);
    });
    body.append(
      el('tr', {}, el('td', {}, box), label, el('td', { class: 'num' }, String(d.occurrences.length)), el('td', { class: 'num' }, clock(d.screenTimeS))),
    );
  }
  table.append(body);
  section.append(table);
  if (!q && c.detections.length > TOP) section.append(el('p', { class: 'muted' }, ctx.t.more.replace('{0}', String(c.detections.length - TOP))));
  return section;
}

function drawCategories(ctx: Ctx): void {
  const host = document.getElementById('categories')!;
  host.textContent = '';
  const sections = ctx.report.categories.map((c) => categoryTable(ctx, c, page.state().query ?? '')).filter((s): s is HTMLElement => !!s);
  if (sections.length) host.append(...sections);
  else host.append(el('p', { class: 'muted' }, ctx.t.noDetections));
}

let cursorS = 0;

function copyTime(seconds: number, what: string): void {
  page.post({ type: 'copyTime', seconds, what });
  moveCursor(seconds, true);
}

function drawTimeline(ctx: Ctx): void {
  const span = Math.max(ctx.report.timelineS, 1);
  const zoom = page.state().zoom ?? 1;
  const lanes = document.getElementById('lanes')!;
  lanes.textContent = '';
  lanes.style.setProperty('--zoom', String(zoom));
  const axis = el('div', { class: 'axis', 'aria-hidden': 'true' });
  const step = niceStep(span / (8 * zoom));
  for (let s = 0; s <= span; s += step) axis.append(el('span', { style: `left:${(s / span) * 100}%` }, clock(s).replace(/\.0$/, '')));
  lanes.append(el('div', { class: 'lane' }, el('div', { class: 'lane-label' }), el('div', { class: 'track' }, axis)));
  for (const id of page.state().lanes ?? []) {
    const d = ctx.byId.get(id);
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

function drawSpeech(ctx: Ctx): void {
  const list = document.getElementById('speech')!;
  list.textContent = '';
  const query = page.state().query ?? '';
  if (!ctx.report.speech.length) {
    list.append(el('li', { class: 'muted' }, ctx.t.noSpeech));
    return;
  }
  const frag = document.createDocumentFragment();
  ctx.report.speech.forEach((s, i) => {
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
    frag.append(li);
  });
  list.append(frag);
}

function render(msg: Extract<ToReport, { type: 'report' }>): void {
  const { report, strings: t } = msg;
  const byId = new Map<string, ReportDetection>();
  for (const c of report.categories) for (const d of c.detections) byId.set(d.id, d);
  const ctx: Ctx = { report, t, names: msg.categoryNames, byId };
  reportSpan = Math.max(report.timelineS, 1);
  if (!page.state().lanes) save({ lanes: [...msg.defaultLanes] });
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
    el('header', {}, el('h1', {}, report.media.title ?? page.state().title), el('div', { class: 'actions' }, search, openJson)),
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
}

window.addEventListener('message', (e: MessageEvent<ToReport>) => {
  const msg = e.data;
  if (msg.type === 'report') {
    markReceived();
    render(msg);
  } else if (msg.type === 'error') root.replaceChildren(el('p', { class: 'error', role: 'alert' }, msg.text));
  else if (msg.type === 'copied') document.getElementById('toast')!.textContent = msg.text;
});
page.post({ type: 'ready' });
