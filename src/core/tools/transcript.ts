// A Vurbo transcript as a language-model tool result: one line per sentence with its time and
// speaker, optionally one translation under it, cut to a budget with a note saying how to read on.
import { formatClock } from '../clock';
import type { TranscriptSegment } from '../transcript/model';
import { ToolInputError } from './errors';
import { DEFAULT_MAX_CHARS, textWindow } from './window';

export interface TranscriptRange {
  /** Target language of the one translation to include (e.g. "de-DE"). */
  readonly language?: string;
  /** 1-based sentence positions, inclusive. */
  readonly fromSentence?: number;
  readonly toSentence?: number;
  readonly maxChars?: number;
}

export interface TranscriptSource {
  readonly title: string;
  readonly taskId: string;
  readonly sourceLanguage?: string;
  readonly segments: readonly TranscriptSegment[];
  readonly summary?: string;
}

function sentenceBlock(seg: TranscriptSegment, position: number, language: string | undefined): string {
  const speaker = seg.speaker ? `${seg.speaker}: ` : '';
  const failed = seg.failed ? ` [sentence error: ${seg.failed.message}]` : '';
  const line = `${position}. [${formatClock(seg.startMs)}] ${speaker}${seg.text}${failed}`;
  const translated = language && seg.translations?.[language];
  return translated ? `${line}\n   (${language}) ${translated}` : line;
}

function availableTranslations(segments: readonly TranscriptSegment[]): string[] {
  return [...new Set(segments.flatMap((s) => Object.keys(s.translations ?? {})))].sort();
}

export function formatTranscript(source: TranscriptSource, range: TranscriptRange = {}): string {
  const { segments } = source;
  const total = segments.length;
  const from = range.fromSentence ?? 1;
  const to = Math.min(range.toSentence ?? total, total);
  if (range.toSentence !== undefined && range.toSentence < from) throw new ToolInputError('toSentence must not be before fromSentence.');
  const languages = availableTranslations(segments);
  const speakers = [...new Set(segments.map((s) => s.speaker).filter(Boolean))];
  const head =
    [
      `Transcript of "${source.title}" (task id ${source.taskId}): ${total} sentences`,
      source.sourceLanguage && `spoken language ${source.sourceLanguage}`,
      speakers.length > 0 && `speakers ${speakers.join(', ')}`,
      `translations ${languages.length ? languages.join(', ') : 'none'}`,
    ]
      .filter(Boolean)
      .join('; ') + '.';
  const notes: string[] = [];
  if (range.language && !languages.includes(range.language)) {
    notes.push(`[No ${range.language} translation is stored for this task${languages.length ? `; available: ${languages.join(', ')}` : ''}.]`);
  }
  if (total === 0) return [head, ...notes].join('\n');
  if (from > total) return [head, ...notes, `[fromSentence ${from} is past the last sentence, ${total}.]`].join('\n');
  const blocks = segments.slice(0, to).map((s, i) => sentenceBlock(s, i + 1, range.language));
  const window = textWindow(blocks, from, range.maxChars ?? DEFAULT_MAX_CHARS);
  const lines = [head, ...notes, `Sentences ${window.first}–${window.last}:`, window.text];
  if (window.truncated) {
    lines.push(
      `[Truncated: sentences ${window.first}–${window.last} of ${total} shown. To read on, call this tool again with fromSentence ${window.last + 1} (and toSentence to bound the range).]`,
    );
  }
  if (source.summary && window.first === 1) lines.push(`Summary stored with the task:\n${source.summary}`);
  return lines.join('\n');
}
