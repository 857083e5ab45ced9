/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The Vurbo transcript viewer webview: summary on top, sentences with time and speaker colour,
// translation columns with a picker, search with highlights, and the task's audio in a player kept
// in step (click a sentence to play from it; the playing one is highlighted). Live sessions arrive
// as `upsert` messages, partials greyed until their final version replaces them.
import { sentenceAt, sentenceMatches, type TranscriptViewModel, type ViewSentence } from '../core/transcript/view';
import {
  TRANSCRIPT_FIRST_ROWS,
  type FromTranscript,
  type Strings,
  type ToTranscript,
  type TranscriptState,
  type TranscriptStringKey,
} from '../core/views/protocol';
import { TRANSCRIPT_FORMATS } from '../core/vurbo/inferred';
import { connect, el, markDrawn, markReceived, perFrame, rovingFocus, setHighlighted } from './dom';

const page = connect<FromTranscript, TranscriptState>();
const save = page.save;
const root = document.getElementById('root')!;

let t: Strings<TranscriptStringKey>;
let sentences: ViewSentence[] = [];
const rows = new Map<number, HTMLElement>();
let languages: string[] = [];
let playing = -1;

const audio = () => document.getElementById('player') as HTMLAudioElement | null;

function columns(): string[] {
  return (page.state().columns ?? languages).filter((l) => languages.includes(l));
}

function row(s: ViewSentence): HTMLElement {
  const li = el('li', { class: `sentence${s.final ? '' : ' partial'}`, tabindex: -1, 'data-sid': s.sid, 'aria-label': `${s.time} ${s.speaker ?? ''}` });
  if (s.startMs !== undefined) li.dataset.start = String(s.startMs);
  const time = el('span', { class: 'time' }, s.time);
  const speaker = el('span', { class: 'speaker', style: s.colour !== undefined ? `--speaker: var(--speaker-${s.colour})` : undefined }, s.speaker ?? '');
  const cells = el('div', { class: 'cells' });
  const text = el('p', { class: 'text', lang: undefined });
  cells.append(text);
  for (const lang of columns()) cells.append(el('p', { class: 'translation', 'data-lang': lang }));
  li.append(time, speaker, cells);
  if (!s.final) li.append(el('span', { class: 'visually-hidden' }, t.partial));
  if (s.failed) li.append(el('span', { class: 'failed', role: 'note' }, `⚠ ${s.failed}`));
  fillText(li, s);
  return li;
}

function fillText(li: HTMLElement, s: ViewSentence): number {
  const q = page.state().query ?? '';
  let hits = setHighlighted(li.querySelector<HTMLElement>('.text')!, s.text, q);
  for (const p of li.querySelectorAll<HTMLElement>('.translation')) hits += setHighlighted(p, s.translations[p.dataset.lang!] ?? '', q);
  li.classList.toggle('match', hits > 0);
  return hits;
}

function play(s: ViewSentence): void {
  const player = audio();
  if (!player || s.startMs === undefined) return;
  player.currentTime = s.startMs / 1000;
  void player.play().catch(() => undefined);
  markPlaying(sentences.indexOf(s));
}

function markPlaying(i: number): void {
  if (i === playing) return;
  if (playing >= 0) rows.get(sentences[playing]?.sid)?.removeAttribute('aria-current');
  playing = i;
  const li = i >= 0 ? rows.get(sentences[i].sid) : undefined;
  if (li) {
    li.setAttribute('aria-current', 'true');
    if (document.getElementById('follow') && !li.matches(':hover')) li.scrollIntoView({ block: 'nearest' });
  }
}

function drawHeader(): void {
  const cols = document.getElementById('column-picker')!;
  cols.textContent = '';
  for (const lang of languages) {
    const box = el('input', { type: 'checkbox', checked: columns().includes(lang), 'aria-label': `${t.columns}: ${lang}` });
    box.addEventListener('change', () => {
      const next = new Set(columns());
      if (box.checked) next.add(lang);
      else next.delete(lang);
      save({ columns: languages.filter((l) => next.has(l)) });
      drawRows();
    });
    cols.append(el('label', {}, box, ` ${lang}`));
  }
  cols.hidden = !languages.length;
  const head = document.getElementById('column-heads')!;
  head.replaceChildren(el('span', {}, t.original), ...columns().map((l) => el('span', {}, l)));
  head.style.setProperty('--cols', String(columns().length + 1));
}

/** Rows drawn before the first paint; the rest follow in slices, so no task blocks for long. */
const FIRST_ROWS = TRANSCRIPT_FIRST_ROWS;
const SLICE_ROWS = 150;
let drawn = 0;
let slicing: ReturnType<typeof setTimeout> | undefined;

function appendRows(list: HTMLElement, upTo: number): void {
  const frag = document.createDocumentFragment();
  for (; drawn < Math.min(upTo, sentences.length); drawn++) {
    const li = row(sentences[drawn]);
    rows.set(sentences[drawn].sid, li);
    frag.append(li);
  }
  list.append(frag);
}

/** Draws the rows not drawn yet: a few at once, many in slices. */
function drawRest(): void {
  const list = document.getElementById('sentences')!;
  if (sentences.length - drawn <= SLICE_ROWS) {
    clearTimeout(slicing);
    slicing = undefined;
    appendRows(list, Infinity);
  } else
    slicing ??= setTimeout(function slice() {
      appendRows(list, drawn + SLICE_ROWS);
      slicing = drawn < sentences.length ? setTimeout(slice) : undefined;
    });
}

function drawRows(): void {
  drawHeader();
  const list = document.getElementById('sentences')!;
  rows.clear();
  clearTimeout(slicing);
  list.replaceChildren();
  slicing = undefined;
  drawn = 0;
  appendRows(list, FIRST_ROWS);
  if (drawn < sentences.length) drawRest();
  list.style.setProperty('--cols', String(columns().length + 1));
  const first = list.firstElementChild as HTMLElement | null;
  if (first) first.tabIndex = 0;
  countMatches();
  playing = -1;
}

function countMatches(): void {
  const q = page.state().query ?? '';
  const n = q ? sentences.filter((s) => sentenceMatches(s, q)).length : 0;
  document.getElementById('match-count')!.textContent = q ? count(n, t.oneMatch, t.matches) : count(sentences.length, t.oneSentence, t.sentences);
}

/** The index of the first sentence with a sid ≥ `sid` (sentences are in sid order). */
function indexOfSid(sid: number): number {
  let lo = 0;
  let hi = sentences.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].sid < sid) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sentences added or changed: a changed row is redrawn, new ones are drawn in order. */
function upsert(list: readonly ViewSentence[]): void {
  const container = document.getElementById('sentences')!;
  let newLanguage = false;
  for (const s of list) {
    for (const lang of Object.keys(s.translations)) {
      if (languages.includes(lang)) continue;
      languages.push(lang);
      newLanguage = true;
    }
    const i = indexOfSid(s.sid);
    if (sentences[i]?.sid === s.sid) {
      sentences[i] = s;
      const old = rows.get(s.sid);
      if (old) {
        const li = row(s);
        rows.set(s.sid, li);
        old.replaceWith(li);
      }
      continue;
    }
    sentences.splice(i, 0, s);
    // A sentence among the drawn rows is drawn in place; later ones wait for their turn.
    if (i < drawn) {
      const li = row(s);
      rows.set(s.sid, li);
      rows.get(sentences[i + 1].sid)!.before(li);
      drawn++;
    }
  }
  if (newLanguage) drawRows();
  else {
    drawRest();
    countMatches();
  }
  if (document.getElementById('follow')) container.lastElementChild?.scrollIntoView({ block: 'nearest' });
}

function render(msg: Extract<ToTranscript, { type: 'transcript' }>): void {
  t = msg.strings;
  const view: TranscriptViewModel = msg.view;
  sentences = [...view.sentences];
  languages = [...view.languages];
  const search = el('input', { type: 'search', placeholder: t.search, 'aria-label': t.search, value: page.state().query ?? '', id: 'search' });
  const exports = el('div', { class: 'exports', role: 'group', 'aria-label': t.export });
  for (const format of TRANSCRIPT_FORMATS) {
    const b = el('button', { 'data-format': format, title: `${t.export} .${format}` }, format.toUpperCase());
    b.addEventListener('click', () => page.post({ type: 'export', format }));
    exports.append(b);
  }
  exports.hidden = msg.live && !page.state().taskId;
  root.replaceChildren(
    el(
      'header',
      {},
      el('h1', {}, view.title, msg.live ? el('span', { class: 'badge', id: 'live-badge' }, t.live) : ''),
      el(
        'div',
        { class: 'toolbar' },
        search,
        el('span', { id: 'match-count', role: 'status', 'aria-live': 'polite' }),
        el('span', { id: 'column-picker', role: 'group', 'aria-label': t.columns }),
        exports,
      ),
    ),
    el('details', { id: 'summary', open: true, hidden: !view.summary }, el('summary', {}, t.summary), el('p', { id: 'summary-text' }, view.summary ?? '')),
    el('div', { id: 'player-bar', 'aria-label': t.player }, el('span', { id: 'audio-status', class: 'muted' }, msg.live ? '' : t.loadingAudio)),
    el('p', { id: 'status', class: 'muted', role: 'status' }),
    el('div', { id: 'column-heads', class: 'column-heads', 'aria-hidden': 'true' }),
    el('ol', { id: 'sentences', 'aria-label': view.title }),
  );
  if (msg.live) document.body.append(el('span', { id: 'follow', hidden: true }));
  const list = document.getElementById('sentences')!;
  const onSearch = perFrame(() => {
    // Rows not drawn yet are drawn with the query.
    for (const s of sentences) {
      const li = rows.get(s.sid);
      if (li) fillText(li, s);
    }
    countMatches();
    list.querySelector('.match')?.scrollIntoView({ block: 'nearest' });
  });
  search.addEventListener('input', () => {
    save({ query: search.value });
    onSearch();
  });
  const activate = (target: EventTarget | null) => {
    const li = (target as HTMLElement | null)?.closest<HTMLElement>('li.sentence');
    const s = li && sentences.find((x) => x.sid === Number(li.dataset.sid));
    if (s) play(s);
  };
  list.addEventListener('click', (e) => activate(e.target));
  list.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), activate(e.target)));
  rovingFocus(list, 'li.sentence');
  drawRows();
  markDrawn();
}

function attachAudio(src: string): void {
  const player = el('audio', { id: 'player', controls: true, preload: 'auto', src, 'aria-label': t.player });
  player.addEventListener('timeupdate', () => markPlaying(sentenceAt(sentences, player.currentTime * 1000)));
  player.addEventListener('error', () => page.post({ type: 'audioFailed', detail: player.error?.message || String(player.error?.code ?? '') }));
  document.getElementById('player-bar')!.replaceChildren(player);
}

window.addEventListener('message', (e: MessageEvent<ToTranscript>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'transcript':
      markReceived();
      return render(msg);
    case 'upsert':
      return upsert(msg.sentences);
    case 'summary': {
      document.getElementById('summary')!.hidden = false;
      document.getElementById('summary-text')!.textContent = msg.text;
      return;
    }
    case 'audio':
      return attachAudio(msg.src);
    case 'status': {
      document.getElementById('status')!.textContent = msg.text;
      if (msg.ended) {
        document.getElementById('follow')?.remove();
        const badge = document.getElementById('live-badge');
        if (badge) badge.textContent = t.ended;
      }
      return;
    }
    case 'error':
      root.replaceChildren(el('p', { class: 'error', role: 'alert' }, msg.text));
  }
});
page.post({ type: 'ready' });

/** "1 sentence", "{0} sentences": the webview gets both forms, localized by the extension. */
function count(n: number, one: string, many: string): string {
  return n === 1 ? one : many.replace('{0}', String(n));
}
