// Formatters over the transcript model: output-channel lines, SRT, WebVTT and plain text.
import { formatClock } from '../clock';
import type { TranscriptSegment } from './model';

function pad(n: number, width: number): string {
  return String(Math.floor(n)).padStart(width, '0');
}

/** `HH:MM:SS<sep>mmm` — SRT uses ',', WebVTT uses '.'. */
export function formatTimestamp(ms: number, separator: ',' | '.'): string {
  const total = Math.max(0, Math.round(ms));
  const h = Math.floor(total / 3_600_000);
  const m = Math.floor((total % 3_600_000) / 60_000);
  const s = Math.floor((total % 60_000) / 1000);
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${separator}${pad(total % 1000, 3)}`;
}

export interface LineOptions {
  /** Prefix partial results so users see they will be overwritten. */
  showPartialMarker?: boolean;
}

/** One sentence as output-channel text: `[0:05] Speaker: text`, translations indented below. */
export function formatSegmentLines(seg: TranscriptSegment, opts: LineOptions = {}): string {
  const speaker = seg.speaker ? `${seg.speaker}: ` : '';
  const marker = !seg.final && opts.showPartialMarker !== false ? '… ' : '';
  const failed = seg.failed ? `  ⚠ ${seg.failed.message} (${seg.failed.code})` : '';
  const lines = [`[${formatClock(seg.startMs)}] ${marker}${speaker}${seg.text}${failed}`];
  for (const [lang, text] of Object.entries(seg.translations ?? {})) {
    lines.push(`        ${lang}: ${text}`);
  }
  return lines.join('\n');
}

export function formatSummaryBlock(summary: string): string {
  const rule = '─'.repeat(40);
  return `${rule}\nSummary\n${rule}\n${summary.trim()}\n`;
}

function cueText(seg: TranscriptSegment, withSpeakers: boolean): string {
  return withSpeakers && seg.speaker ? `${seg.speaker}: ${seg.text}` : seg.text;
}

function timed(segments: readonly TranscriptSegment[]): TranscriptSegment[] {
  return segments.filter((s) => s.final && s.startMs !== undefined && s.text.trim() !== '');
}

export function toSrt(segments: readonly TranscriptSegment[], opts: { speakers?: boolean } = {}): string {
  return timed(segments)
    .map((seg, i) => {
      const end = seg.endMs ?? seg.startMs!;
      return `${i + 1}\n${formatTimestamp(seg.startMs!, ',')} --> ${formatTimestamp(end, ',')}\n${cueText(seg, !!opts.speakers)}\n`;
    })
    .join('\n');
}

export function toVtt(segments: readonly TranscriptSegment[], opts: { speakers?: boolean } = {}): string {
  const cues = timed(segments).map((seg) => {
    const end = seg.endMs ?? seg.startMs!;
    const text = opts.speakers && seg.speaker ? `<v ${seg.speaker}>${seg.text}` : seg.text;
    return `${formatTimestamp(seg.startMs!, '.')} --> ${formatTimestamp(end, '.')}\n${text}\n`;
  });
  return ['WEBVTT', '', ...cues.flatMap((c) => [c])].join('\n');
}

export function toPlainText(segments: readonly TranscriptSegment[], opts: { speakers?: boolean } = {}): string {
  return (
    segments
      .filter((s) => s.final)
      .map((s) => cueText(s, !!opts.speakers))
      .join('\n') + '\n'
  );
}
