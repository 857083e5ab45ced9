/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// What both webviews share: the VS Code webview API (typed with the messages of one view), a small
// element builder, and highlighted text. No UI library: plain DOM keeps the bundles a few KB.
import { matchRanges } from '../core/transcript/view';

interface VsCodeApi<Out, State> {
  postMessage(message: Out): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<Out, State>(): VsCodeApi<Out, State>;

/**
 * The webview's API and its kept state: what it saved before (hide/show, reload), else the state
 * the extension put into the page. `save` merges a change and keeps it.
 */
export function connect<Out, State>(): { post(message: Out): void; state(): State; save(patch: Partial<State>): void } {
  const api = acquireVsCodeApi<Out, State>();
  let state: State = api.getState() ?? (window as unknown as { initialState: State }).initialState;
  api.setState(state);
  return {
    post: (m) => api.postMessage(m),
    state: () => state,
    save(patch) {
      state = { ...state, ...patch };
      api.setState(state);
    },
  };
}

type Attrs = Record<string, string | number | boolean | undefined>;

/** `el('button', { class: 'x', 'aria-label': 'Zoom in' }, 'Zoom')`; false/undefined attributes are left out. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    // The CSP allows no inline style attributes; styles set through the CSSOM are allowed.
    if (k === 'style') node.style.cssText = String(v);
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) node.append(c);
  return node;
}

/** Fills `node` with `text`, the matches of `query` wrapped in <mark>. */
export function setHighlighted(node: HTMLElement, text: string, query: string): number {
  const ranges = matchRanges(text, query);
  if (!ranges.length) {
    node.textContent = text;
    return 0;
  }
  node.textContent = '';
  let at = 0;
  for (const [from, to] of ranges) {
    node.append(text.slice(at, from), el('mark', {}, text.slice(from, to)));
    at = to;
  }
  node.append(text.slice(at));
  return ranges.length;
}

/** Runs `fn` at most once per animation frame with the latest arguments. */
export function perFrame<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  let pending: A | undefined;
  return (...args: A) => {
    const first = pending === undefined;
    pending = args;
    if (first)
      requestAnimationFrame(() => {
        const a = pending!;
        pending = undefined;
        fn(...a);
      });
  };
}

/** Arrow keys (and Home/End) move focus among `items` inside `container`: one tab stop for the list. */
export function rovingFocus(container: HTMLElement, selector: string): void {
  container.addEventListener('keydown', (e) => {
    const items = [...container.querySelectorAll<HTMLElement>(selector)];
    const i = items.indexOf(document.activeElement as HTMLElement);
    if (i < 0) return;
    const next = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : -1;
    if (next < 0 || next >= items.length || next === i) return;
    e.preventDefault();
    items[i].tabIndex = -1;
    items[next].tabIndex = 0;
    items[next].focus();
  });
}

export function clock(seconds: number): string {
  const total = Math.max(0, seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total - h * 3600 - m * 60;
  const ss = s.toFixed(1).padStart(4, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * Marks the page drawn: body[data-ready], and once the frame is painted (a task after the next
 * animation frame) body[data-painted-at] = the wall-clock time, which the benchmarks read (with
 * body[data-received-at], when the content arrived).
 */
export function markReceived(): void {
  document.body.dataset.receivedAt = String(Date.now());
}

export function markDrawn(): void {
  document.body.dataset.ready = 'true';
  document.getElementById('root')?.removeAttribute('aria-busy');
  requestAnimationFrame(() => setTimeout(() => (document.body.dataset.paintedAt = String(Date.now()))));
}
