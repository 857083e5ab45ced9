// Shared by the leak-class tests (scan-languages, scan-encoded, scan-leak-files): writes a fixture built
// around a key generated at test time to a file with a real name, scans it as the CLI does (byte
// prefilter, file type, decoding) and says whether that key was found: by digest, so an encoded key
// counts only when the scanner recovered the key itself.
import assert from 'node:assert/strict';
import path from 'node:path';
import { keyDigest, scanFile, type RuleId } from '../../src/core/scan';
import { KeyFactory, tempDir, write } from './scan-corpus';

export interface LeakCase {
  readonly name: string;
  /** The file name the fixture is written to (its extension matters). */
  readonly file: string;
  readonly text: (key: string) => string;
  readonly key: 'hex' | 'vurbo' | 'b64';
  /** The rule expected to report it, when it matters. */
  readonly rule?: RuleId;
}

const dir = tempDir('leaks');
let n = 0;

export function scanFixture(file: string, text: string): ReturnType<typeof scanFile> {
  const sub = path.join(dir, String(n++));
  write(sub, { [file]: text });
  return scanFile(path.join(sub, file));
}

/** Registers one `it` per case, and a last one that reports the recall of the whole table. */
export function recallSuite(title: string, cases: readonly LeakCase[], seed: number): void {
  const keys = new KeyFactory(seed);
  let found = 0;
  for (const c of cases) {
    it(`${title}: ${c.name}`, () => {
      const key = keys.generate(c.key);
      const text = c.text(key);
      const result = scanFixture(c.file, text);
      const i = (result.keyDigests ?? []).indexOf(keyDigest(key));
      assert.ok(i >= 0, `not found in ${c.file}:\n${text.replace(key, '<KEY>')}\nfound: ${result.findings.map((f) => f.ruleId).join(', ') || 'nothing'}`);
      if (c.rule) assert.equal(result.findings[i].ruleId, c.rule);
      found++;
    });
  }
  it(`${title}: recall over the table`, () => {
    process.stdout.write(`      recall ${found}/${cases.length}\n`);
    assert.equal(found, cases.length);
  });
}

/** Asserts nothing at all is reported for each text (the look-alikes of a class). */
export function assertNothing(cases: readonly { name: string; file: string; text: string }[]): void {
  for (const c of cases) {
    const result = scanFixture(c.file, c.text);
    assert.deepEqual(
      result.findings.map((f) => `${c.name}: ${f.ruleId} at ${f.line}:${f.column}`),
      [],
    );
  }
}
