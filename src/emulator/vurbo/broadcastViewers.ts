// The open viewer streams of one emulator's broadcasts (`/broadcast/{token}/text`, vurbo-vas.md §7):
// who watches what, fan-out of events with the `lang` filter, keep-alives, and the caption generator
// of the seeded live broadcasts (it runs only while someone watches and no host drives the broadcast).
import type { SseWriter } from '../sse';
import type { BroadcastRecord } from './broadcastRecords';
import { sentenceFor, translationFor } from './liveScript';

export interface ViewerResult {
  sid: number;
  is_final: boolean;
  text: string;
  language: string;
  translations: Record<string, string>;
  start_ms?: number;
  end_ms?: number;
}

export interface Viewer {
  writer: SseWriter;
  lang: string | undefined;
}

export interface BroadcastViewerSettings {
  /** Seeded live broadcasts: one caption every this many ms while someone watches. */
  captionIntervalMs: number;
  keepAliveMs: number;
}

export class BroadcastViewers {
  private readonly viewers = new Map<string, Set<Viewer>>();
  private readonly generators = new Map<string, { timer: ReturnType<typeof setInterval>; sid: number }>();
  private readonly keepAlives = new Set<ReturnType<typeof setInterval>>();

  /** `countChanged` tells the broadcast's host (if any) how many watch now. */
  constructor(
    private readonly settings: BroadcastViewerSettings,
    private readonly hasHost: (broadcastId: string) => boolean,
    private readonly countChanged: (broadcastId: string, count: number) => void,
  ) {}

  count(broadcastId: string): number {
    return this.viewers.get(broadcastId)?.size ?? 0;
  }

  /** Adds a viewer stream (the caller checked the viewer limit); it leaves when its response closes. */
  add(b: BroadcastRecord, viewer: Viewer, onClose: (listener: () => void) => void): number {
    const set = this.viewers.get(b.id) ?? new Set<Viewer>();
    this.viewers.set(b.id, set);
    set.add(viewer);
    b.total_viewers++;
    b.peak_viewers = Math.max(b.peak_viewers, set.size);
    this.countChanged(b.id, set.size);
    const keepAlive = setInterval(() => viewer.writer.comment('keep-alive'), this.settings.keepAliveMs);
    keepAlive.unref?.();
    this.keepAlives.add(keepAlive);
    onClose(() => {
      clearInterval(keepAlive);
      this.keepAlives.delete(keepAlive);
      this.drop(b.id, viewer);
    });
    return set.size;
  }

  send(b: BroadcastRecord, event: string, data: Record<string, unknown>, filter?: (v: Viewer) => Record<string, unknown>): void {
    for (const v of this.viewers.get(b.id) ?? []) {
      if (!v.writer.send(event, filter ? filter(v) : data)) this.drop(b.id, v);
    }
  }

  sendResult(b: BroadcastRecord, r: ViewerResult): void {
    this.send(b, 'result', {}, (v) => ({
      ...r,
      // `lang` narrows the stream to one translation language (DOCUMENTED query).
      translations: v.lang ? Object.fromEntries(Object.entries(r.translations).filter(([l]) => l === v.lang)) : r.translations,
    }));
  }

  /** Tells every viewer the session ended and closes their streams. */
  endAll(b: BroadcastRecord, reason: string): void {
    this.send(b, 'broadcast_ended', { reason, ended_at: new Date().toISOString() });
    for (const v of [...(this.viewers.get(b.id) ?? [])]) this.drop(b.id, v);
  }

  startGenerator(b: BroadcastRecord): void {
    if (!b.synthetic || this.generators.has(b.id) || this.hasHost(b.id)) return;
    const state = { sid: 0, timer: setInterval(() => tick(), this.settings.captionIntervalMs) };
    const tick = () => {
      const sid = ++state.sid;
      const text = sentenceFor(sid - 1, b.transcription_language);
      const translations = Object.fromEntries(b.translation_languages.map((l) => [l, translationFor(sid - 1, l, text)]));
      const interval = this.settings.captionIntervalMs;
      const startMs = (sid - 1) * interval;
      const words = text.split(' ');
      this.sendResult(b, {
        sid,
        is_final: false,
        text: words.slice(0, Math.ceil(words.length / 2)).join(' '),
        language: b.transcription_language,
        translations: {},
        start_ms: startMs,
      });
      this.sendResult(b, { sid, is_final: true, text, language: b.transcription_language, translations, start_ms: startMs, end_ms: startMs + interval });
    };
    state.timer.unref?.();
    this.generators.set(b.id, state);
  }

  stopGenerator(broadcastId: string): void {
    const g = this.generators.get(broadcastId);
    if (g) clearInterval(g.timer);
    this.generators.delete(broadcastId);
  }

  /** Stops the generators and keep-alives and closes every viewer stream. */
  dispose(): void {
    for (const id of [...this.generators.keys()]) this.stopGenerator(id);
    for (const t of this.keepAlives) clearInterval(t);
    this.keepAlives.clear();
    for (const [id, set] of this.viewers) for (const v of [...set]) this.drop(id, v);
  }

  private drop(broadcastId: string, v: Viewer): void {
    const set = this.viewers.get(broadcastId);
    if (!set?.delete(v)) return;
    v.writer.end();
    this.countChanged(broadcastId, set.size);
    if (set.size === 0) this.stopGenerator(broadcastId);
  }
}
