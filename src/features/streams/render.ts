// What a transcript output channel shows, kept apart from VS Code so it can be tested on its own.
// The channel's content is a list of blocks — a sentence (by sid, rendered from the Transcript as
// it is now) or a literal line — so a late translation, a sentence error or a partial result that
// became final can be re-rendered in place while the transcript is small, and is printed as a
// follow-up line referencing the sid when it is large.
import { formatClock } from '../../core/clock';
import { formatSegmentLines, formatSummaryBlock } from '../../core/transcript/format';
import { Transcript, type TranscriptEvent } from '../../core/transcript/model';

/** Above this many blocks a change to printed text becomes a follow-up line instead of a re-render. */
export const RERENDER_LIMIT = 5000;
const RAW_PREVIEW = 500;

export type Block = number | string;

export interface RenderStep {
  /** Text to append to the channel. */
  append?: string;
  /** The whole new content of the channel (a re-render). */
  replace?: string;
}

export class TranscriptRenderer {
  readonly transcript = new Transcript();
  private readonly committed: Block[] = [];
  private pending: Block[] = [];
  private readonly pendingSids = new Set<number>();
  private readonly committedSids = new Set<number>();
  private dirty = false;
  private summaryDraftShown = false;

  /** Whether something waits to be rendered. */
  get hasPending(): boolean {
    return this.pending.length > 0 || this.dirty;
  }

  /** Whether the next render rewrites the channel (callers may throttle those). */
  get needsReplace(): boolean {
    return this.dirty;
  }

  apply(event: TranscriptEvent): void {
    const change = this.transcript.apply(event);
    switch (change.type) {
      case 'added':
        this.pending.push(change.segment.sid);
        this.pendingSids.add(change.segment.sid);
        return;
      case 'updated':
        this.changed(change.segment.sid, event);
        return;
      case 'duplicate':
        return;
      case 'other':
        this.other(event);
        return;
    }
  }

  note(line: string): void {
    this.pending.push(line.endsWith('\n') ? line : `${line}\n`);
  }

  /** Moves pending blocks into the channel: an append, or a full re-render after in-place changes. */
  render(): RenderStep {
    const pending = this.pending;
    this.pending = [];
    for (const b of pending) if (typeof b === 'number') this.committedSids.add(b);
    this.pendingSids.clear();
    if (this.dirty) {
      this.dirty = false;
      for (const b of pending) this.committed.push(b);
      return { replace: this.text(this.committed) };
    }
    for (const b of pending) this.committed.push(b);
    return pending.length ? { append: this.text(pending) } : {};
  }

  private text(blocks: readonly Block[]): string {
    let out = '';
    for (const b of blocks) {
      if (typeof b === 'string') out += b;
      else {
        const seg = this.transcript.get(b);
        if (seg) out += formatSegmentLines(seg) + '\n';
      }
    }
    return out;
  }

  /** A sentence that is already known changed (translation, error, partial → final). */
  private changed(sid: number, event: TranscriptEvent): void {
    if (this.pendingSids.has(sid)) return; // rendered with its latest state at the next flush
    if (!this.committedSids.has(sid)) return;
    if (this.committed.length <= RERENDER_LIMIT) {
      this.dirty = true;
      return;
    }
    const seg = this.transcript.get(sid);
    if (event.kind === 'translation') this.pending.push(`        ↳ #${sid} ${event.language}: ${event.text}\n`);
    else if (event.kind === 'sentenceError') this.pending.push(`        ⚠ #${sid}: ${event.message} (${event.code})\n`);
    else if (seg) this.pending.push(`        ↳ #${sid} now: ${formatSegmentLines(seg).split('\n')[0]}\n`);
  }

  private other(event: TranscriptEvent): void {
    switch (event.kind) {
      case 'meta': {
        const langs = event.sourceLanguage ? `${event.sourceLanguage}${event.targetLanguages?.length ? ` → ${event.targetLanguages.join(', ')}` : ''}` : '';
        const facts = [event.taskId ? `task ${event.taskId}` : '', langs, event.durationMs ? formatClock(event.durationMs) : ''].filter(Boolean).join(' · ');
        this.note(`${event.title ?? 'Transcript'}${facts ? `\n${facts}` : ''}\n${'─'.repeat(40)}`);
        return;
      }
      case 'translation':
        this.note(`#${event.sid} ${event.language}: ${event.text}`);
        return;
      case 'sentenceError':
        this.note(`⚠ #${event.sid}: ${event.message} (${event.code})`);
        return;
      case 'summary':
        this.pending.push(`\n${formatSummaryBlock(event.text)}`);
        return;
      case 'status':
        this.note(`— ${event.message}`);
        return;
      case 'progress':
        if (event.stage === 'summary') {
          if (!this.summaryDraftShown) this.note('— Generating the summary…');
          this.summaryDraftShown = true;
          return;
        }
        this.note(
          `… ${event.percent !== undefined ? `${Math.round(event.percent)}% ` : ''}${event.stage ?? ''}${event.message ? ` — ${event.message}` : ''}`.trimEnd(),
        );
        return;
      case 'raw': {
        const data = event.data.length > RAW_PREVIEW ? `${event.data.slice(0, RAW_PREVIEW)}… (${event.data.length} characters)` : event.data;
        this.note(`⚠ Event "${event.event}" shown as received: ${data}`);
        return;
      }
      case 'end':
        this.note(`— Finished${event.reason && event.reason !== 'done' ? `: ${event.reason}` : '.'}`);
        return;
      default:
        return;
    }
  }
}

const MAX_APPEND_CHARS = 128 * 1024;
const MIN_APPEND_CHARS = 16 * 1024;
/** Appends a backlog is spread over, at least: ~1 s at one append per 50 ms. */
const APPENDS_PER_BACKLOG = 20;

/**
 * How much of the backlog one append takes. The workbench stalls in proportion to an append's size,
 * so a transcript of meeting size (a few hundred KB) goes out in small appends that keep it
 * responsive, and only a huge backlog (100,000 sentences) earns the largest ones, which keep its
 * total time down (npm run bench -- stream-to-output).
 */
export function appendBudget(backlogChars: number): number {
  return Math.min(MAX_APPEND_CHARS, Math.max(MIN_APPEND_CHARS, Math.ceil(backlogChars / APPENDS_PER_BACKLOG)));
}

/**
 * Removes up to `budget` characters from the front of `backlog`, cut at a line end where one fits, and
 * returns them. A 10 MB append would freeze the workbench for seconds while it ingests the text.
 */
export function takeChunk(backlog: string[], budget: number): string {
  let out = '';
  while (backlog.length && budget > 0) {
    const head = backlog[0];
    if (head.length <= budget) {
      out += head;
      budget -= head.length;
      backlog.shift();
      continue;
    }
    const lineEnd = head.lastIndexOf('\n', budget - 1);
    if (lineEnd < 0 && out) break;
    const cut = lineEnd >= 0 ? lineEnd + 1 : budget;
    out += head.slice(0, cut);
    backlog[0] = head.slice(cut);
    break;
  }
  return out;
}
