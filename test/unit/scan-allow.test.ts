import assert from 'node:assert/strict';
import { allowMarkers, scanText } from '../../src/core/scan';
import { KeyFactory } from './scan-corpus';

describe('scanner: allow comments', () => {
  const keys = new KeyFactory(21);

  const sameLine: [string, (k: string) => string][] = [
    ['//', (k) => `const key = "${k}"; // speech-api-allow`],
    ['#', (k) => `KEY = "${k}"  # speech-api-allow: sandbox key`],
    ['/* */', (k) => `key = "${k}"; /* speech-api-allow */`],
    ['<!-- -->', (k) => `<p>${k}</p> <!-- speech-api-allow -->`],
    ['--', (k) => `SELECT '${k}'; -- speech-api-allow`],
    [';', (k) => `key=${k} ; speech-api-allow`],
    ['%', (k) => `\\newcommand{\\key}{${k}} % speech-api-allow`],
  ];
  for (const [syntax, make] of sameLine) {
    it(`honours speech-api-allow after ${syntax} on the same line`, () => {
      const k = keys.vurbo();
      assert.deepEqual(scanText(make(k)), []);
      assert.equal(scanText(make(k).replace('speech-api-allow', 'nothing-to-see')).length, 1, 'the key is found without the marker');
    });
  }

  const nextLine: [string, string][] = [
    ['//', '// speech-api-allow-next-line'],
    ['#', '    # speech-api-allow-next-line'],
    ['/* */', '/* speech-api-allow-next-line */'],
    ['<!-- -->', '<!-- speech-api-allow-next-line -->'],
    ['--', '-- speech-api-allow-next-line'],
    [';', '; speech-api-allow-next-line'],
  ];
  for (const [syntax, comment] of nextLine) {
    it(`honours speech-api-allow-next-line in ${syntax} for the next line only`, () => {
      const [a, b] = [keys.vurbo(), keys.vurbo()];
      const text = `${comment}\nkey1 = "${a}"\nkey2 = "${b}"\n`;
      assert.deepEqual(
        scanText(text).map((f) => text.slice(f.start, f.end)),
        [b],
      );
    });
  }

  it('works with CRLF line endings', () => {
    const k = keys.vurbo();
    assert.deepEqual(scanText(`# speech-api-allow-next-line\r\nkey = "${k}"\r\n`), []);
    assert.deepEqual(scanText(`key = "${k}" # speech-api-allow\r\nnext\r\n`), []);
  });

  it('ignores the marker outside a comment, misspelt, or meant for another line', () => {
    const k = keys.vurbo();
    for (const text of [
      `key = "${k}" speech-api-allow`,
      `key = "${k}" // speech-api-allowed`,
      `key = "${k}" // speech-api-allow-next-line`,
      `// speech-api-allow\nkey = "${k}"`,
      `// speech-api-allow-next-line\n\nkey = "${k}"`,
      `key = "${k}" // speech-api-allow-everything`,
    ]) {
      assert.equal(scanText(text).length, 1, text.replace(k, '<key>'));
    }
  });

  it('parses markers on a line', () => {
    assert.deepEqual(allowMarkers('x // speech-api-allow'), { sameLine: true, nextLine: false });
    assert.deepEqual(allowMarkers('# speech-api-allow-next-line'), { sameLine: false, nextLine: true });
    assert.deepEqual(allowMarkers('/* speech-api-allow */ y /* speech-api-allow-next-line */'), { sameLine: true, nextLine: true });
    assert.deepEqual(allowMarkers('speech-api-allow'), { sameLine: false, nextLine: false });
    assert.deepEqual(allowMarkers('no marker at all'), { sameLine: false, nextLine: false });
  });
});
