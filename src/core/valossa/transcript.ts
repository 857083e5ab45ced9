// Valossa core metadata → the common transcript model (valossa-core.md §6.3, options B and C).
import type { TranscriptSegment } from '../transcript/model';
import type { CoreMetadata, Detection } from './types';

const toMs = (s: number | undefined) => (typeof s === 'number' && Number.isFinite(s) ? Math.round(s * 1000) : undefined);

function detectionsOfType(md: CoreMetadata, type: string): Detection[] {
  const ids = md.detection_groupings?.by_detection_type?.[type] ?? [];
  return ids.map((id) => md.detections?.[id]).filter((d): d is Detection => !!d && typeof d.label === 'string');
}

/** `audio.speech` segments, already chronological in by_detection_type. No speech → empty, not an error. */
export function speechSegments(md: CoreMetadata): TranscriptSegment[] {
  return detectionsOfType(md, 'audio.speech').map((d, i) => ({
    sid: i + 1,
    text: d.label,
    startMs: toMs(d.occs?.[0]?.ss),
    endMs: toMs(d.occs?.[0]?.se),
    final: true,
  }));
}

const PUNCTUATION = /^[.,!?;:\u2026]+$/;

/** A pause this long between two words starts a new line even within one speaker's sentence. */
const PAUSE_S = 1.5;
const SENTENCE_END = /[.!?\u2026]$/;

/**
 * `audio.speech_detailed` words grouped into lines: consecutive words of one speaker, cut after each
 * sentence and at a pause, so a long monologue reads (and seeks) sentence by sentence; punctuation
 * (zero-length items) attaches to the previous word without a space.
 */
export function speakerTurns(md: CoreMetadata): TranscriptSegment[] {
  const turns: { speaker: string | undefined; words: string[]; start?: number; end?: number; conf: number[] }[] = [];
  for (const d of detectionsOfType(md, 'audio.speech_detailed')) {
    const speaker = d.a?.s?.id;
    const occ = d.occs?.[0];
    const isPunct = PUNCTUATION.test(d.label) || (occ?.ss !== undefined && occ.ss === occ.se);
    const last = turns[turns.length - 1];
    if (isPunct && last) {
      last.words[last.words.length - 1] += d.label;
      continue;
    }
    const paused = last?.end !== undefined && occ?.ss !== undefined && occ.ss - last.end >= PAUSE_S;
    if (!last || last.speaker !== speaker || SENTENCE_END.test(last.words[last.words.length - 1]) || paused)
      turns.push({ speaker, words: [], start: occ?.ss, conf: [] });
    const turn = turns[turns.length - 1];
    turn.words.push(d.label);
    turn.end = occ?.se ?? turn.end;
    if (typeof d.c === 'number') turn.conf.push(d.c);
  }
  return turns.map((t, i) => ({
    sid: i + 1,
    text: t.words.join(' '),
    startMs: toMs(t.start),
    endMs: toMs(t.end),
    speaker: t.speaker !== undefined ? `Speaker ${t.speaker}` : undefined,
    speakerId: t.speaker,
    confidence: t.conf.length ? t.conf.reduce((a, b) => a + b, 0) / t.conf.length : undefined,
    final: true,
  }));
}
