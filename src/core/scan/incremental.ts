// Keeps a document's findings up to date across edits by rescanning only the lines around each change.
// A finding depends on its own line, the allow comment on the line before, and (for context rules) at
// most CONTEXT_LINES lines either side — so an edit dirties that many lines around it and nothing else.
import type { Finding } from './rules';
import { CONTEXT_LINES, scanText, type ScanOptions } from './scanner';

/** Lines either side of a change whose findings may change, and the context each rescan needs. */
const MARGIN = CONTEXT_LINES + 1;

/** One edit, in the coordinates of the document just before it (VS Code's TextDocumentContentChangeEvent). */
export interface TextChange {
  readonly rangeOffset: number;
  readonly rangeLength: number;
  /** 0-based lines where the replaced range starts and ends. */
  readonly startLine: number;
  readonly endLine: number;
  readonly text: string;
}

/** Read access to the current document by lines. */
export interface LineSource {
  readonly lineCount: number;
  /** Lines [from, to) including their line breaks. */
  text(from: number, to: number): string;
  /** Offset of the first character of `line`. */
  offsetAt(line: number): number;
}

type LineRange = [from: number, to: number]; // inclusive, 0-based

export class IncrementalScan {
  private findings: Finding[] = [];
  private dirty: LineRange[] = [];

  constructor(private options: ScanOptions = {}) {}

  /** Full scan (on open, or when the stored keys change). */
  reset(text: string, options: ScanOptions = this.options): readonly Finding[] {
    this.options = options;
    this.findings = scanText(text, options);
    this.dirty = [];
    return this.findings;
  }

  get current(): readonly Finding[] {
    return this.findings;
  }

  get pending(): boolean {
    return this.dirty.length > 0;
  }

  /** Records an edit: shifts the findings after it, drops those on the edited lines, marks lines dirty. */
  applyChange(change: TextChange): void {
    const inserted = countNewlines(change.text);
    const lineDelta = inserted - (change.endLine - change.startLine);
    const offsetDelta = change.text.length - change.rangeLength;
    const next: Finding[] = [];
    for (const f of this.findings) {
      const line = f.line - 1;
      if (line < change.startLine) next.push(f);
      else if (line > change.endLine) {
        next.push({ ...f, start: f.start + offsetDelta, end: f.end + offsetDelta, line: f.line + lineDelta, endLine: f.endLine + lineDelta });
      }
    }
    this.findings = next;
    const mapStart = (l: number) => (l < change.startLine ? l : l > change.endLine ? l + lineDelta : change.startLine);
    const mapEnd = (l: number) => (l < change.startLine ? l : l > change.endLine ? l + lineDelta : change.startLine + inserted);
    this.dirty = this.dirty.map(([a, b]) => [mapStart(a), mapEnd(b)] as LineRange);
    this.dirty.push([Math.max(0, change.startLine - MARGIN), change.startLine + inserted + MARGIN]);
  }

  /** Rescans the dirty lines of the document as it is now and returns all findings, sorted. */
  flush(source: LineSource): readonly Finding[] {
    if (!this.dirty.length) return this.findings;
    const last = source.lineCount - 1;
    const ranges = mergeRanges(this.dirty.map(([a, b]) => [Math.max(0, Math.min(a, last)), Math.max(0, Math.min(b, last))] as LineRange));
    this.dirty = [];
    const inRanges = (line: number) => ranges.some(([a, b]) => line >= a && line <= b);
    const kept = this.findings.filter((f) => !inRanges(f.line - 1));
    const found: Finding[] = [];
    for (const [a, b] of ranges) {
      const regionStart = Math.max(0, a - MARGIN);
      const regionEnd = Math.min(source.lineCount, b + MARGIN + 1);
      const text = source.text(regionStart, regionEnd);
      const from = offsetOfLine(text, a - regionStart);
      const to = offsetOfLine(text, b + 1 - regionStart);
      found.push(...scanText(text, this.options, from, to, { line: regionStart, offset: source.offsetAt(regionStart) }));
    }
    this.findings = kept.concat(found).sort((x, y) => x.start - y.start);
    return this.findings;
  }
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Offset of the start of the n-th line of `text` (its length when there are fewer lines). */
function offsetOfLine(text: string, n: number): number {
  let at = 0;
  for (let i = 0; i < n; i++) {
    const nl = text.indexOf('\n', at);
    if (nl < 0) return text.length;
    at = nl + 1;
  }
  return at;
}

function mergeRanges(ranges: LineRange[]): LineRange[] {
  ranges.sort((x, y) => x[0] - y[0]);
  const out: LineRange[] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** A LineSource over a plain string (tests, the CLI); builds a line index once. */
export function stringLineSource(text: string): LineSource {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return {
    lineCount: starts.length,
    text: (from, to) => text.slice(starts[from] ?? text.length, to < starts.length ? starts[to] : text.length),
    offsetAt: (line) => starts[line] ?? text.length,
  };
}
