// What a reconnect replayed must not be delivered twice: sentences, translations and errors by sid,
// repeated metadata and summaries. Runs once per event on every SSE stream, so the in-order case is
// kept cheap (profiled: a Set insertion per sid was the client's largest cost after JSON.parse).
import type { TranscriptEvent } from '../transcript/model';

/** How far out of order a sid may arrive and still be recognised; older ones count as delivered. */
export const DEDUPE_WINDOW = 4096;

/**
 * Sids seen so far, in bounded memory: exact inside a window of the DEDUPE_WINDOW most recent sids,
 * a floor below it. While sids arrive in ascending order (the usual stream) they are appended to an
 * array that is sorted by construction, and a replayed sid is found by binary search; the first sid
 * out of order moves the window into a Set until the next prune sorts it again.
 */
export class SidWindow {
  private floor = -Infinity;
  private max = -Infinity;
  /** Ascending sids from `head` on, while `unordered` is undefined. */
  private ascending: number[] = [];
  private head = 0;
  private unordered: Set<number> | undefined;

  /** Sids held now (at most 2 × DEDUPE_WINDOW). */
  get size(): number {
    return this.unordered ? this.unordered.size : this.ascending.length - this.head;
  }

  /** True when the sid is new (and records it). */
  add(sid: number): boolean {
    if (sid > this.max) {
      this.max = sid;
      if (this.unordered) this.unordered.add(sid);
      else this.ascending.push(sid);
    } else {
      if (sid <= this.floor || this.has(sid)) return false;
      if (!this.unordered) {
        this.unordered = new Set(this.ascending.slice(this.head));
        this.ascending = [];
        this.head = 0;
      }
      this.unordered.add(sid);
    }
    if (this.size > 2 * DEDUPE_WINDOW) this.prune();
    return true;
  }

  private has(sid: number): boolean {
    if (this.unordered) return this.unordered.has(sid);
    let lo = this.head;
    let hi = this.ascending.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const at = this.ascending[mid];
      if (at === sid) return true;
      if (at < sid) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /** Keeps the DEDUPE_WINDOW highest sids; the highest one dropped becomes the floor. */
  private prune(): void {
    const cut = this.size - DEDUPE_WINDOW;
    if (this.unordered) {
      this.ascending = Array.from(this.unordered).sort((a, b) => a - b);
      this.head = 0;
      this.unordered = undefined;
    }
    this.floor = this.ascending[this.head + cut - 1];
    this.head += cut;
    // Compact now and then rather than shifting on every prune.
    if (this.head >= 4 * DEDUPE_WINDOW) {
      this.ascending = this.ascending.slice(this.head);
      this.head = 0;
    }
  }
}

/** Drops what a reconnect replayed: sentences, translations and errors by sid, repeated metadata. */
export class Deduper {
  private readonly segments = new SidWindow();
  private readonly errors = new SidWindow();
  private readonly translations = new Map<string, SidWindow>();
  private lastMeta: string | undefined;
  private lastSummary: string | undefined;

  accept(e: TranscriptEvent): boolean {
    switch (e.kind) {
      case 'segment':
        return e.segment.final ? this.segments.add(e.segment.sid) : true;
      case 'translation': {
        let w = this.translations.get(e.language);
        if (!w) this.translations.set(e.language, (w = new SidWindow()));
        return w.add(e.sid);
      }
      case 'sentenceError':
        return this.errors.add(e.sid);
      case 'meta': {
        const key = JSON.stringify([e.title, e.taskId, e.sourceLanguage, e.targetLanguages, e.durationMs]);
        if (key === this.lastMeta) return false;
        this.lastMeta = key;
        return true;
      }
      case 'summary':
        if (e.text === this.lastSummary) return false;
        this.lastSummary = e.text;
        return true;
      default:
        return true;
    }
  }
}
