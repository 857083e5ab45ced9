import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { scanBytes, scanText } from '../../src/core/scan';
import { ENCODED_NEEDLES, ENCODED_NEEDLE_PATTERN } from '../../src/core/scan/encoded';
import { decode, triggerOffsets } from '../../src/core/scan/fileScan';
import { KEY_SPELLINGS } from '../../src/core/scan/scanner';
import { countNewlines, findTriggers, hasZeroByte, triggerBuffer, utf16Length } from '../../src/core/scan/triggerKernel';
import { KeyFactory, seededRandom } from './scan-corpus';

// The byte search fileScan.ts did before the kernel, kept here as the kernel's oracle.
function referenceTriggers(bytes: Buffer): { vas: number[]; keyNames: number[] } {
  const vas: number[] = [];
  for (let at = bytes.indexOf('vas_'); at >= 0; at = bytes.indexOf('vas_', at + 1)) vas.push(at);
  const keyNames: number[] = [];
  for (const spelling of KEY_SPELLINGS) {
    for (let at = bytes.indexOf(spelling, 3); at >= 0; at = bytes.indexOf(spelling, at + 1)) if (namedBefore(bytes, at)) keyNames.push(at);
  }
  return { vas, keyNames: keyNames.sort((a, b) => a - b) };
}

function namedBefore(bytes: Buffer, at: number): boolean {
  const sep = bytes[at - 1];
  const end = sep === 0x5f || sep === 0x2d || sep === 0x2e ? at - 1 : at;
  const endsWith = (word: string) => end >= word.length && [...word].every((c, i) => (bytes[end - word.length + i] | 0x20) === c.charCodeAt(0));
  return endsWith('api') || endsWith('valossa');
}

/** Text dense with near misses: every needle's prefixes, case variants, separators and multi-byte characters. */
function noisyText(random: () => number, length: number): string {
  const pieces = [
    'vas_',
    'vas',
    'va',
    'VAS_',
    'key',
    'Key',
    'KEY',
    'kEy',
    'ke',
    'api',
    'API',
    'Api',
    'valossa',
    'VALOSSA',
    'valoss',
    '_',
    '-',
    '.',
    ' ',
    '\n',
    'é',
    '日本',
    '😀',
    'x',
    '@pi',
    '`al',
    '\0',
  ];
  let s = '';
  while (s.length < length) s += pieces[Math.floor(random() * pieces.length)];
  return s;
}

describe('scanner: trigger kernel (WebAssembly)', () => {
  it('is what triggerKernel.wat compiles to (npm run build:wasm)', async () => {
    const { generated } = require('../../scripts/build-wasm.js') as { generated: () => Promise<string> };
    const committed = fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'core', 'scan', 'triggerKernelWasm.ts'), 'utf8');
    assert.equal(committed, await generated());
  });

  it('finds exactly what four indexOf passes found, in noisy text of every length', () => {
    const random = seededRandom(11);
    for (let n = 0; n < 400; n++) {
      const bytes = Buffer.from(noisyText(random, Math.floor(random() * 300)));
      assert.deepEqual(findTriggers(bytes), referenceTriggers(bytes), JSON.stringify(bytes.toString()));
    }
  });

  it('sees needles at the very start and end of the bytes, and nothing in stale bytes past the end', () => {
    for (const text of ['vas_', 'apikey', 'api_KEY', 'valossa.Key', 'xvas_', 'api-key']) {
      assert.deepEqual(findTriggers(Buffer.from(text)), referenceTriggers(Buffer.from(text)), text);
    }
    // A longer input leaves `vas_` and `api_key` behind it in memory; the shorter one must not see them.
    findTriggers(Buffer.from('..............vas_ api_key'));
    assert.deepEqual(findTriggers(Buffer.from('..............va')), { vas: [], keyNames: [] });
    assert.deepEqual(findTriggers(Buffer.from('..............api_')), { vas: [], keyNames: [] });
  });

  it('returns every hit when there are more than one batch of output slots', () => {
    const bytes = Buffer.from('vas_api_key '.repeat(20000)); // 40,000 hits
    const found = findTriggers(bytes);
    assert.equal(found.vas.length, 20000);
    assert.equal(found.keyNames.length, 20000);
    assert.deepEqual(found, referenceTriggers(bytes));
  });

  it('reads in place from its data buffer, and grows it keeping what it holds', () => {
    const small = triggerBuffer();
    small.write('api_key', 0);
    const grown = triggerBuffer(small.length * 3);
    assert.ok(grown.length >= small.length * 3);
    assert.equal(grown.toString('latin1', 0, 7), 'api_key');
    assert.deepEqual(findTriggers(grown.subarray(0, 7)).keyNames, [4]);
  });

  it('finds one needle alone at every offset of a block and across blocks (the two-byte first check)', () => {
    const needles = ['vas_', 'apikey', 'API_KEY', 'api-Key', 'valossa.key', 'VALOSSAKEY', 'kEy', 'vas', 's_', 'ey', 'apiey', 'valossa_kex'];
    for (const needle of needles) {
      for (let at = 0; at < 48; at++) {
        const bytes = Buffer.from('x'.repeat(at) + needle + 'x'.repeat(40), 'latin1');
        assert.deepEqual(findTriggers(bytes), referenceTriggers(bytes), `${needle} at ${at}`);
      }
    }
  });

  it('searches for the base64 (every alignment) and hex forms of the two trigger words', () => {
    // The part of a word's base64 form that its neighbours cannot change, for each of the 3 offsets.
    const base64Parts = (word: string) =>
      [0, 1, 2].map((shift) => {
        const encoded = Buffer.concat([Buffer.alloc(shift), Buffer.from(word)]).toString('base64');
        return encoded.slice(Math.ceil((shift * 8) / 6), Math.floor(((shift + word.length) * 8) / 6));
      });
    const words = ['vas_', 'API_KEY'];
    assert.deepEqual(ENCODED_NEEDLES, [...words.flatMap(base64Parts), ...words.map((w) => Buffer.from(w).toString('hex'))]);
    for (const word of words)
      for (const shift of [0, 1, 2]) {
        const encoded = Buffer.from(`${'x'.repeat(shift)}${word}=value`).toString('base64');
        assert.ok(
          ENCODED_NEEDLES.some((n) => encoded.includes(n)),
          `${word} at offset ${shift}: ${encoded}`,
        );
      }
  });

  it('finds where encoded needles start exactly where the needle regex matches', () => {
    const random = seededRandom(23);
    const pieces = [...ENCODED_NEEDLES, ...ENCODED_NEEDLES.map((n) => n.slice(0, 2)), ...ENCODED_NEEDLES.map((n) => n.slice(0, -1)), 'x', '=', '\n', '0', 'é'];
    for (let n = 0; n < 300; n++) {
      let text = '';
      const length = Math.floor(random() * 400);
      while (text.length < length) text += pieces[Math.floor(random() * pieces.length)];
      const bytes = Buffer.from(text, 'latin1');
      const expected = [...bytes.toString('latin1').matchAll(new RegExp(ENCODED_NEEDLE_PATTERN.source, 'g'))].map((m) => m.index);
      assert.deepEqual(triggerOffsets(bytes, {}, true), expected, text); // the alphabet holds no other trigger
    }
  });

  it('finds a zero byte in a range exactly where indexOf does, never past its end', () => {
    const random = seededRandom(11);
    for (let n = 0; n < 300; n++) {
      const bytes = Buffer.alloc(Math.floor(random() * 100), 0x61);
      for (let z = Math.floor(random() * 3); z > 0 && bytes.length; z--) bytes[Math.floor(random() * bytes.length)] = 0;
      const from = Math.floor(random() * (bytes.length + 1));
      const to = from + Math.floor(random() * (bytes.length - from + 1));
      assert.equal(hasZeroByte(bytes, from, to), bytes.subarray(from, to).includes(0), `${bytes.toString('hex')} [${from}, ${to})`);
    }
    const zeroAtEnd = Buffer.from('abcdefghijklmnopq\0');
    assert.equal(hasZeroByte(zeroAtEnd, 0, zeroAtEnd.length - 1), false); // the zero right after the range
    assert.equal(hasZeroByte(zeroAtEnd, 0, zeroAtEnd.length), true);
  });

  it('counts lines and UTF-16 units as decoding does', () => {
    const random = seededRandom(5);
    for (let n = 0; n < 100; n++) {
      const text = noisyText(random, Math.floor(random() * 200)).replace(/\0/g, '');
      const bytes = Buffer.from(text);
      assert.equal(countNewlines(bytes, 0, bytes.length), text.split('\n').length - 1);
      assert.equal(utf16Length(bytes, 0, bytes.length), text.length);
      const cut = bytes.indexOf(0x0a);
      if (cut >= 0) assert.equal(utf16Length(bytes, cut, bytes.length), text.length - text.indexOf('\n'));
    }
  });
});

describe('scanner: large files scanned around their triggers', () => {
  const keys = new KeyFactory(42);

  /** What a whole-file decode and scan finds: the regions must find the same, at the same places. */
  function wholeFile(bytes: Buffer) {
    return scanText(decode(bytes), { encodedRuns: false }).map(({ ruleId, start, end, line, column, endColumn }) => ({
      ruleId,
      start,
      end,
      line,
      column,
      endColumn,
    }));
  }
  function regions(bytes: Buffer) {
    return scanBytes(bytes, {}, false).findings.map(({ ruleId, start, end, line, column, endColumn }) => ({ ruleId, start, end, line, column, endColumn }));
  }

  it('finds a key in the very first bytes of a large file', () => {
    const key = keys.vurbo();
    const bytes = Buffer.from(`${key} is the key\n` + 'a line of filler text\n'.repeat(400));
    assert.deepEqual(regions(bytes), [{ ruleId: 'vurbo-api-key', start: 0, end: key.length, line: 1, column: 1, endColumn: key.length + 1 }]);
    assert.deepEqual(regions(bytes), wholeFile(bytes));
  });

  const cases: [name: string, filler: string, prefix: Buffer, separator: string][] = [
    ['ASCII', 'const x = 1; // plain', Buffer.alloc(0), '\n'],
    ['UTF-8 with accents, CJK and emoji', 'const café = "日本語 😀"; // ünïcödé', Buffer.alloc(0), '\n'],
    ['UTF-8 with a BOM', 'naïve 😀', Buffer.from([0xef, 0xbb, 0xbf]), '\n'],
    ['latin1 (not valid UTF-8)', 'caf\u00e9 na\u00efve', Buffer.alloc(0), '\n'],
    ['latin1 after a UTF-8 BOM', 'caf\u00e9 d\u00e9j\u00e0 vu, na\u00efve', Buffer.from([0xef, 0xbb, 0xbf]), '\n'],
    // A minified bundle: one long line, cut into windows around each trigger.
    ['one long ASCII line', 'var a=function(b){return b+1}', Buffer.alloc(0), ';'],
    ['one long UTF-8 line', 'var é="日本語😀"', Buffer.from([0xef, 0xbb, 0xbf]), ';'],
    ['one long line in a file with an allow comment (not cut)', 'var a=1', Buffer.from('// speech-api-allow\n'), ';'],
  ];
  for (const [name, filler, prefix, separator] of cases) {
    it(`${name}: the same findings, lines, columns and offsets as a whole-file scan`, () => {
      const encoding = name.startsWith('latin1') ? 'latin1' : 'utf8';
      const lines: string[] = [];
      // On one long line the keys lie further apart than two windows, so most windows start mid-line.
      const spread = separator === '\n' ? 1 : 16;
      for (let i = 0; i < 3000 * spread; i++) {
        lines.push(filler);
        if (i % (97 * spread) === 13) lines.push(`  const token = "${keys.vurbo()}"; ${filler}`);
        if (i % (131 * spread) === 40) lines.push(`VALOSSA_API_KEY=${keys.hex()} # ${filler}`);
        if (i % (211 * spread) === 7) lines.push(`fetch("https://api-eu.valossa.com/core/1.0/job_status?api_key=${keys.hex()}")`);
      }
      const bytes = Buffer.concat([prefix, Buffer.from(lines.join(separator), encoding)]);
      assert.ok(bytes.length > (separator === '\n' ? 16 : 256) * 1024);
      const expected = wholeFile(bytes);
      assert.ok(expected.length >= 8, `${expected.length} findings`);
      assert.deepEqual(regions(bytes), expected);
    });
  }
});
