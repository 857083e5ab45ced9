// rescan-latency: one keystroke in a 10 MB document, time until its findings are up to date again
// (core/scan incremental rescan, in-process), against a full scan of the same document.
import fs from 'node:fs';
import path from 'node:path';
import { IncrementalScan, scanText, type LineSource, type TextChange } from '../src/core/scan';
import { KeyFactory, seededRandom } from '../test/unit/scan-corpus';
import { median, percentile, type Benchmark, type Figure } from './lib';
import { ensureRawCorpus } from './npmCorpus';

const DOC_BYTES = 10 * 1024 * 1024;
const EDITS = 3000;
const FULL_SCANS = 15;

/**
 * A document held as lines with a Fenwick tree of line lengths, like an editor's buffer: a keystroke
 * changes one line, and the offset of any line is O(log n). The scan reads only the lines it asks for.
 */
class EditableDocument implements LineSource {
  private tree: Float64Array;

  constructor(private readonly lines: string[]) {
    this.tree = new Float64Array(lines.length + 1);
    lines.forEach((l, i) => this.add(i, l.length + 1));
  }

  get lineCount(): number {
    return this.lines.length;
  }

  text(from: number, to: number): string {
    const end = Math.min(to, this.lines.length);
    return this.lines.slice(from, end).join('\n') + (end < this.lines.length ? '\n' : '');
  }

  offsetAt(line: number): number {
    let sum = 0;
    for (let i = line; i > 0; i -= i & -i) sum += this.tree[i];
    return sum;
  }

  lineText(line: number): string {
    return this.lines[line];
  }

  /** Types `text` (no line breaks, or a single "\n" for Enter) at line/column; returns the change event. */
  type(line: number, column: number, text: string): TextChange {
    const change: TextChange = { rangeOffset: this.offsetAt(line) + column, rangeLength: 0, startLine: line, endLine: line, text };
    const old = this.lines[line];
    if (text === '\n') {
      this.lines.splice(line, 1, old.slice(0, column), old.slice(column));
      this.rebuild();
    } else {
      this.lines[line] = old.slice(0, column) + text + old.slice(column);
      this.add(line, text.length);
    }
    return change;
  }

  fullText(): string {
    return this.lines.join('\n');
  }

  private add(line: number, delta: number): void {
    for (let i = line + 1; i < this.tree.length; i += i & -i) this.tree[i] += delta;
  }

  private rebuild(): void {
    // Enter is rare next to ordinary keys; rebuilding the tree keeps this class short.
    this.tree = new Float64Array(this.lines.length + 1);
    this.lines.forEach((l, i) => this.add(i, l.length + 1));
  }
}

/** ~10 MB of real JavaScript/TypeScript from the corpus, with keys planted every few thousand lines. */
function buildDocument(): { lines: string[]; keys: number } {
  const raw = ensureRawCorpus();
  // Each tarball unpacks into one top folder (`package`, or `node v20.19` for @types/node).
  const top = (pkg: string) =>
    path.join(
      pkg,
      fs.readdirSync(path.join(raw, pkg)).find((d) => !d.startsWith('.'))!,
    );
  const sources = [
    path.join(top('typescript-5.9.3'), 'lib/typescript.js'),
    path.join(top('types-node-20.19.9'), 'fs.d.ts'),
    path.join(top('monaco-editor-0.52.2'), 'esm/vs/editor/editor.api.d.ts'),
    path.join(top('typescript-5.9.3'), 'lib/_tsc.js'),
  ];
  const lines: string[] = [];
  let bytes = 0;
  for (const s of sources) {
    for (const l of fs.readFileSync(path.join(raw, s), 'utf8').split('\n')) {
      if (bytes >= DOC_BYTES) break;
      lines.push(l);
      bytes += l.length + 1;
    }
  }
  const keys = new KeyFactory(77);
  let planted = 0;
  for (let i = 1000; i < lines.length; i += 4000) {
    lines.splice(i, 0, i % 8000 === 1000 ? `const apiKey = "${keys.vurbo()}";` : `VALOSSA_API_KEY=${keys.hex()}`);
    planted++;
  }
  return { lines, keys: planted };
}

const benchmark: Benchmark = {
  title: 'one keystroke in a 10 MB document: incremental rescan vs full scan',
  async run(): Promise<Figure[]> {
    const { lines, keys } = buildDocument();
    const doc = new EditableDocument(lines);
    const text = doc.fullText();

    const full: number[] = [];
    let fullFindings = 0;
    for (let i = 0; i < FULL_SCANS; i++) {
      const t = performance.now();
      fullFindings = scanText(text).length;
      full.push(performance.now() - t);
    }

    const inc = new IncrementalScan();
    inc.reset(text);
    const random = seededRandom(99);
    const typed = 'abcdefghijklmnopqrstuvwxyz0123456789_ ;"=';
    const times: number[] = [];
    let mismatches = 0;
    for (let i = 0; i < EDITS; i++) {
      // Mostly ordinary typing anywhere; now and then right inside a planted key (breaking it) or Enter.
      let line = Math.floor(random() * doc.lineCount);
      if (i % 50 === 0) line = lines.findIndex((l, n) => n >= line && /vas_|VALOSSA_API_KEY/.test(l));
      if (line < 0) line = 0;
      const column = Math.floor(random() * (doc.lineText(line).length + 1));
      const ch = i % 97 === 0 ? '\n' : typed[Math.floor(random() * typed.length)];
      const change = doc.type(line, column, ch); // the editor's own buffer update, before it tells us
      const started = performance.now();
      inc.applyChange(change);
      inc.flush(doc);
      times.push(performance.now() - started);
      if (i % 500 === 499) {
        const expected = scanText(doc.fullText())
          .map((f) => `${f.ruleId}@${f.start}`)
          .join();
        if (inc.current.map((f) => `${f.ruleId}@${f.start}`).join() !== expected) mismatches++;
      }
    }
    if (mismatches) throw new Error(`incremental findings differed from a full scan ${mismatches} times`);

    const med = median(times);
    const p99 = percentile(times, 99);
    const fullMedian = median(full);
    const note = `${(text.length / 1024 / 1024).toFixed(1)} MB, ${lines.length} lines, ${keys} keys planted (${fullFindings} found); ${EDITS} keystrokes`;
    return [
      {
        name: 'rescan-latency',
        value: med,
        unit: 'ms',
        peer: 'full scan',
        peerValue: fullMedian,
        ratio: fullMedian / med,
        target: 'median < 2 ms',
        met: med < 2,
        note,
      },
      {
        name: 'rescan-latency-p99',
        value: p99,
        unit: 'ms',
        peer: 'limit',
        peerValue: 10,
        ratio: p99 / 10,
        target: 'p99 < 10 ms (ratio = p99 ÷ limit < 1)',
        met: p99 < 10,
      },
      { name: 'rescan-latency-full-scan', value: fullMedian, unit: 'ms', note: `median of ${FULL_SCANS} full scans of the same document` },
    ];
  },
};

export default benchmark;
