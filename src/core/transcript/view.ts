// The transcript model → what a transcript viewer draws: sentences with their clock time, a colour
// slot per speaker (by id, so a renamed speaker keeps its colour), the translation languages, and
// the two lookups a viewer needs on every frame: the sentence playing at a time, and search hits.
import { formatClock } from '../clock';
import type { TranscriptSegment } from './model';

export const SPEAKER_COLOURS = 8;

export interface ViewSentence {
  readonly sid: number;
  readonly startMs?: number;
  readonly endMs?: number;
  /** `m:ss` or `h:mm:ss`. */
  readonly time: string;
  readonly speaker?: string;
  /** 0 … SPEAKER_COLOURS-1; undefined without a speaker. */
  readonly colour?: number;
  readonly text: string;
  readonly translations: Readonly<Record<string, string>>;
  readonly final: boolean;
  readonly failed?: string;
}

export interface TranscriptViewModel {
  readonly title: string;
  readonly summary?: string;
  readonly sentences: readonly ViewSentence[];
  readonly speakers: readonly { readonly label: string; readonly colour: number }[];
  /** Every translation language that occurs, in first-seen order. */
  readonly languages: readonly string[];
}

/** Colour slots by speaker id (or label when there is no id), in order of first appearance. */
export class SpeakerColours {
  private readonly slots = new Map<string, number>();

  of(segment: Pick<TranscriptSegment, 'speakerId' | 'speaker'>): number | undefined {
    const key = segment.speakerId ?? segment.speaker;
    if (key === undefined) return undefined;
    let slot = this.slots.get(key);
    if (slot === undefined) this.slots.set(key, (slot = this.slots.size % SPEAKER_COLOURS));
    return slot;
  }
}

export function viewSentence(segment: TranscriptSegment, colours: SpeakerColours): ViewSentence {
  return {
    sid: segment.sid,
    startMs: segment.startMs,
    endMs: segment.endMs,
    time: formatClock(segment.startMs),
    speaker: segment.speaker,
    colour: colours.of(segment),
    text: segment.text,
    translations: segment.translations ?? {},
    final: segment.final,
    failed: segment.failed ? `${segment.failed.message} (${segment.failed.code})` : undefined,
  };
}

/** `colours` carries speaker slots over to later sentences (a live session's upserts). */
export function transcriptView(
  input: { title: string; summary?: string; segments: readonly TranscriptSegment[] },
  colours = new SpeakerColours(),
): TranscriptViewModel {
  const sentences = input.segments.map((s) => viewSentence(s, colours));
  const speakers = new Map<string, number>();
  const languages = new Set<string>();
  for (const s of sentences) {
    if (s.speaker !== undefined && s.colour !== undefined && !speakers.has(s.speaker)) speakers.set(s.speaker, s.colour);
    for (const lang of Object.keys(s.translations)) languages.add(lang);
  }
  return {
    title: input.title,
    summary: input.summary?.trim() || undefined,
    sentences,
    speakers: [...speakers].map(([label, colour]) => ({ label, colour })),
    languages: [...languages],
  };
}

/**
 * The index of the sentence playing at `ms`: the last one starting at or before it (sentences are
 * in time order), or -1 before the first. Binary search: called on every `timeupdate`.
 */
export function sentenceAt(sentences: readonly Pick<ViewSentence, 'startMs'>[], ms: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = sentences[mid].startMs;
    if (start === undefined || start <= ms) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Case-insensitive match ranges `[start, end)` of `query` in `text`; none for an empty query. */
export function matchRanges(text: string, query: string): [number, number][] {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return [];
  const hay = text.toLocaleLowerCase();
  const out: [number, number][] = [];
  for (let i = hay.indexOf(q); i >= 0; i = hay.indexOf(q, i + q.length)) out.push([i, i + q.length]);
  return out;
}

/** Whether a sentence matches in its text, speaker or any translation. */
export function sentenceMatches(s: Pick<ViewSentence, 'text' | 'speaker' | 'translations'>, query: string): boolean {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return false;
  if (s.text.toLocaleLowerCase().includes(q) || s.speaker?.toLocaleLowerCase().includes(q)) return true;
  return Object.values(s.translations).some((t) => t.toLocaleLowerCase().includes(q));
}
