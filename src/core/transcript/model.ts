// The one transcript model. Valossa metadata, Vurbo SSE history, retranslation and live WebSocket
// results are all normalised into TranscriptEvents; `Transcript` assembles them with exactly-once,
// in-order semantics keyed by sentence id, whatever reconnects replayed.

export type SentenceId = number;

export interface TranscriptSegment {
  /** Stable sentence id: Vurbo `sid`, or the 1-based position for Valossa segments. */
  readonly sid: SentenceId;
  readonly text: string;
  readonly startMs?: number;
  readonly endMs?: number;
  /** Display label of the speaker (after renames). */
  readonly speaker?: string;
  readonly speakerId?: string;
  readonly language?: string;
  /** Target language -> translated text. */
  readonly translations?: Readonly<Record<string, string>>;
  /** False for a live partial result that a later event overwrites. */
  readonly final: boolean;
  readonly confidence?: number;
  /** Set when the server reported a sentence-level error for this sid. */
  readonly failed?: { readonly code: string; readonly message: string };
}

export type TranscriptEvent =
  | {
      readonly kind: 'meta';
      readonly title?: string;
      readonly taskId?: string;
      readonly sourceLanguage?: string;
      readonly targetLanguages?: readonly string[];
      readonly durationMs?: number;
      readonly raw?: unknown;
    }
  | { readonly kind: 'segment'; readonly segment: TranscriptSegment }
  | { readonly kind: 'translation'; readonly sid: SentenceId; readonly language: string; readonly text: string }
  | { readonly kind: 'sentenceError'; readonly sid: SentenceId; readonly code: string; readonly message: string }
  | { readonly kind: 'summary'; readonly text: string; readonly language?: string }
  | { readonly kind: 'status'; readonly message: string; readonly raw?: unknown }
  | { readonly kind: 'progress'; readonly percent?: number; readonly stage?: string; readonly message?: string }
  /** An event we do not understand: shown as-is, never dropped. */
  | { readonly kind: 'raw'; readonly event: string; readonly data: string }
  | { readonly kind: 'end'; readonly reason?: string };

/** What applying an event changed, so renderers can draw only the difference. */
export type TranscriptChange =
  | { readonly type: 'added'; readonly segment: TranscriptSegment }
  | { readonly type: 'updated'; readonly segment: TranscriptSegment; readonly previous: TranscriptSegment }
  | { readonly type: 'duplicate' }
  | { readonly type: 'other'; readonly event: TranscriptEvent };

/**
 * Ordered sentences with dedupe by sid. A final segment is never replaced by a partial, and a
 * replay of a final segment with the same content is reported as a duplicate.
 */
export class Transcript {
  private readonly bySid = new Map<SentenceId, TranscriptSegment>();
  private ordered: TranscriptSegment[] | undefined = [];
  title?: string;
  summary?: string;

  get size(): number {
    return this.bySid.size;
  }

  get segments(): readonly TranscriptSegment[] {
    if (!this.ordered) this.ordered = [...this.bySid.values()].sort((a, b) => a.sid - b.sid);
    return this.ordered;
  }

  get(sid: SentenceId): TranscriptSegment | undefined {
    return this.bySid.get(sid);
  }

  apply(event: TranscriptEvent): TranscriptChange {
    switch (event.kind) {
      case 'segment':
        return this.upsert(event.segment);
      case 'translation': {
        const prev = this.bySid.get(event.sid);
        if (!prev) return { type: 'other', event };
        if (prev.translations?.[event.language] === event.text) return { type: 'duplicate' };
        return this.replace(prev, { ...prev, translations: { ...prev.translations, [event.language]: event.text }, failed: undefined });
      }
      case 'sentenceError': {
        const prev = this.bySid.get(event.sid);
        if (!prev) return { type: 'other', event };
        return this.replace(prev, { ...prev, failed: { code: event.code, message: event.message } });
      }
      case 'meta':
        if (event.title) this.title = event.title;
        return { type: 'other', event };
      case 'summary':
        this.summary = event.text;
        return { type: 'other', event };
      default:
        return { type: 'other', event };
    }
  }

  private upsert(segment: TranscriptSegment): TranscriptChange {
    const prev = this.bySid.get(segment.sid);
    if (!prev) {
      const lastSid = this.ordered && this.ordered.length ? this.ordered[this.ordered.length - 1].sid : -Infinity;
      this.bySid.set(segment.sid, segment);
      // Appending in order keeps `segments` valid without a sort: the common case for every stream.
      if (this.ordered && segment.sid > lastSid) this.ordered.push(segment);
      else this.ordered = undefined;
      return { type: 'added', segment };
    }
    if (prev.final && !segment.final) return { type: 'duplicate' };
    if (sameSegment(prev, segment)) return { type: 'duplicate' };
    const merged: TranscriptSegment = {
      ...segment,
      translations: segment.translations || prev.translations ? { ...prev.translations, ...segment.translations } : undefined,
    };
    return this.replace(prev, merged);
  }

  private replace(prev: TranscriptSegment, next: TranscriptSegment): TranscriptChange {
    this.bySid.set(next.sid, next);
    if (this.ordered) {
      const i = this.ordered.lastIndexOf(prev);
      if (i >= 0) this.ordered[i] = next;
      else this.ordered = undefined;
    }
    return { type: 'updated', segment: next, previous: prev };
  }
}

function sameSegment(a: TranscriptSegment, b: TranscriptSegment): boolean {
  return (
    a.final === b.final &&
    a.text === b.text &&
    a.speaker === b.speaker &&
    a.startMs === b.startMs &&
    a.endMs === b.endMs &&
    JSON.stringify(a.translations ?? {}) === JSON.stringify({ ...a.translations, ...b.translations })
  );
}
