import assert from 'node:assert/strict';
import { IncrementalScan, StoredKeyMatcher, scanText, stringLineSource, type Finding, type TextChange } from '../../src/core/scan';
import { KeyFactory, plantedCorpus, seededRandom } from './scan-corpus';

/** Applies a change to a string and describes it the way VS Code does (coordinates before the change). */
function applyChange(text: string, offset: number, length: number, insert: string): { text: string; change: TextChange } {
  const before = text.slice(0, offset);
  const startLine = before.split('\n').length - 1;
  const endLine = startLine + (text.slice(offset, offset + length).split('\n').length - 1);
  return { text: before + insert + text.slice(offset + length), change: { rangeOffset: offset, rangeLength: length, startLine, endLine, text: insert } };
}

const key = (f: Finding) => `${f.ruleId}@${f.start}-${f.end}:${f.line}:${f.column}:${f.endColumn}`;

describe('scanner: incremental rescan', () => {
  const keys = new KeyFactory(31);

  it('equals a full scan after random edits (fixed seed, 12 documents × 60 edits)', () => {
    const random = seededRandom(4242);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
    const snippets = [
      () => keys.vurbo(),
      () => keys.hex(),
      () => `\nVALOSSA_API_KEY=${keys.hex()}\n`,
      () => `X-API-Key: ${keys.b64()}`,
      () => ' // speech-api-allow',
      () => '# speech-api-allow-next-line\n',
      () => '\n',
      () => '\r\n',
      () => 'https://vas-poc.vurbo.ai/api/v1/tasks',
      () => 'valossa',
      () => '"api_key": "',
      () => 'x',
      () => '',
      () => '\n\n\n\n\n\n\n\n\n\n\n\n',
    ];
    const stored = keys.hex();
    const options = { storedKeys: new StoredKeyMatcher([{ provider: 'valossa', origin: 'https://a.example', key: stored }]) };
    const docs = [...plantedCorpus(99).values()].map((d) => d.text);
    docs.push(`a ${stored} b\n`.repeat(20));
    let compared = 0;
    for (const start of docs) {
      let text = start;
      const inc = new IncrementalScan(options);
      inc.reset(text);
      for (let step = 0; step < 60; step++) {
        const changes = 1 + Math.floor(random() * 3); // several changes before one flush, like a debounced burst
        for (let c = 0; c < changes; c++) {
          const offset = Math.floor(random() * (text.length + 1));
          const length = Math.min(text.length - offset, Math.floor(random() * (random() < 0.2 ? 400 : 12)));
          const r = applyChange(text, offset, length, pick(snippets)());
          text = r.text;
          inc.applyChange(r.change);
        }
        const incremental = inc.flush(stringLineSource(text)).map(key);
        const full = scanText(text, options).map(key);
        assert.deepEqual(incremental, full, `document ${docs.indexOf(start)}, step ${step}`);
        compared++;
      }
    }
    assert.equal(compared, docs.length * 60);
  });

  it('shifts findings below an edit without rescanning them', () => {
    const k = keys.vurbo();
    const lines = Array.from({ length: 200 }, (_, i) => (i === 150 ? `key = "${k}"` : `line ${i}`));
    let text = lines.join('\n');
    const inc = new IncrementalScan();
    const [before] = inc.reset(text);
    const r = applyChange(text, 0, 0, 'inserted\nlines\n');
    text = r.text;
    inc.applyChange(r.change);
    let asked: [number, number] | undefined;
    const source = stringLineSource(text);
    const [after] = inc.flush({ ...source, text: (from, to) => ((asked = [from, to]), source.text(from, to)) });
    assert.equal(after.line, before.line + 2);
    assert.equal(after.start, before.start + 'inserted\nlines\n'.length);
    assert.ok(asked && asked[1] < 40, `only the lines near the edit are read (read ${asked})`);
  });

  it('re-evaluates a finding whose context changed lines away', () => {
    const h = keys.hex();
    let text = `# notes\n\n\n{"api_key": "${h}"}\n`;
    const inc = new IncrementalScan();
    assert.equal(inc.reset(text).length, 0);
    const r = applyChange(text, 2, 0, 'valossa');
    text = r.text;
    inc.applyChange(r.change);
    assert.deepEqual(
      inc.flush(stringLineSource(text)).map((f) => f.ruleId),
      ['valossa-api-key-field'],
    );
  });
});
