// Encoded keys: percent-encoded, in JSON/JS string escapes, hex and base64 (a Kubernetes Secret), found
// with the key itself recovered (its digest is the plain key's), plus the bounds and the look-alikes.
import assert from 'node:assert/strict';
import { decodeChain, keyOf, scanText } from '../../src/core/scan';
import { KeyFactory } from './scan-corpus';
import { assertNothing, recallSuite, type LeakCase } from './scan-leak-fixtures';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const hex = (s: string) => Buffer.from(s).toString('hex');

const ENCODED: LeakCase[] = [
  {
    name: 'Vurbo key percent-encoded inside a proxy log URL',
    file: 'access.log',
    key: 'vurbo',
    text: (k) => `10.0.0.7 - - [01/Dec/2026] "GET /redirect?next=https%3A%2F%2Fvas-poc.vurbo.ai%2Fapi%2Fv1%2Fsse%2Ftasks%3Fapi_key%3D${k} HTTP/1.1" 302\n`,
  },
  {
    name: 'Valossa key in a percent-encoded URL',
    file: 'proxy.log',
    key: 'hex',
    text: (k) => `forward=${encodeURIComponent(`https://api-eu.valossa.com/core/1.0/job_status?api_key=${k}&job_id=1`)}\n`,
  },
  { name: 'key in JSON string escapes', file: 'event.json', key: 'hex', text: (k) => JSON.stringify({ body: JSON.stringify({ VALOSSA_API_KEY: k }) }) + '\n' },
  { name: 'Vurbo key after a \\n escape', file: 'out.json', key: 'vurbo', text: (k) => JSON.stringify({ log: `starting\n${k}\n` }) + '\n' },
  {
    name: 'key in JS \\u escapes',
    file: 'obf.js',
    key: 'vurbo',
    text: (k) => `const k = "${[...k].map((c) => `\\u00${c.charCodeAt(0).toString(16)}`).join('')}"; // VURBO_API_KEY\n`,
  },
  {
    name: 'Kubernetes Secret data: (base64 value under the key name)',
    file: 'secret.yaml',
    key: 'hex',
    text: (k) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: valossa\ntype: Opaque\ndata:\n  VALOSSA_API_KEY: ${b64(k)}\n`,
  },
  { name: 'Kubernetes Secret data: (base64 Vurbo key)', file: 'vurbo-secret.yml', key: 'vurbo', text: (k) => `kind: Secret\ndata:\n  token: ${b64(k)}\n` },
  {
    name: 'base64 of a whole .env',
    file: 'env-secret.yaml',
    key: 'hex',
    text: (k) => `kind: Secret\ndata:\n  .env: ${b64(`DEBUG=0\nVALOSSA_API_KEY=${k}\n`)}\n`,
  },
  {
    name: 'URL-safe base64',
    file: 'blob.txt',
    key: 'vurbo',
    text: (k) => `blob=${b64(`x=${k}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}\n`,
  },
  { name: 'hex-encoded key', file: 'dump.txt', key: 'vurbo', text: (k) => `payload: ${hex(k)}\n` },
  { name: 'base64 inside percent-encoding', file: 'redirect.log', key: 'vurbo', text: (k) => `GET /cb?state=${encodeURIComponent(b64(`{"k":"${k}"}`))}\n` },
];

describe('scanner: encoded keys', () => {
  recallSuite('encoded', ENCODED, 1903);

  it('points an encoded finding at the encoded text and recovers the key through its layers', () => {
    const key = new KeyFactory(1904).vurbo();
    const text = `line one\ndata: ${b64(key)}\n`;
    const [f] = scanText(text);
    assert.equal(f.ruleId, 'vurbo-api-key');
    assert.equal(text.slice(f.start, f.end), b64(key));
    assert.deepEqual(f.encoded?.via, ['base64']);
    assert.equal(keyOf(text, f), key);
    assert.match(f.message, /base64-encoded/);
    assert.equal(f.line, 2);
    assert.equal(decodeChain(encodeURIComponent('a=b'), ['percent']), 'a=b');
  });

  it('keeps decoding bounded: long lines and huge runs are not decoded', () => {
    const key = new KeyFactory(1905).vurbo();
    const longLine = 'x'.repeat(9000) + ' ' + `q=${encodeURIComponent(`https://vas-poc.vurbo.ai/api/v1/sse?api_key=%3D${key}`)}`;
    assert.equal(scanText(`// VURBO_API_KEY\n${longLine}\n`).filter((f) => f.encoded).length, 0);
    const hugeRun = b64('p'.repeat(5000) + key);
    assert.deepEqual(scanText(`data: ${hugeRun}\n`), []);
  });

  it('finds nothing in encoded look-alikes', () => {
    assertNothing([
      {
        name: 'base64 of random bytes',
        file: 'a.yaml',
        text: `data:\n  VALOSSA_API_KEY: ${Buffer.from(Array.from({ length: 24 }, (_, i) => (i * 97 + 13) % 256)).toString('base64')}\n`.replace(
          /VALOSSA_API_KEY/,
          'ca.crt',
        ),
      },
      { name: 'base64 of a placeholder', file: 'b.yaml', text: `data:\n  VURBO_API_KEY: ${b64('vas_' + 'x'.repeat(32))}\n` },
      {
        name: 'percent-encoded other host',
        file: 'c.log',
        text: `next=${encodeURIComponent('https://maps.example.com/?api_key=9f8e7d6c5b4a39281706f5e4d3c2b1a0')}\n`,
      },
      { name: 'escaped placeholder', file: 'd.json', text: JSON.stringify({ s: JSON.stringify({ VALOSSA_API_KEY: 'YOUR_VALOSSA_API_KEY' }) }) + '\n' },
      {
        name: 'source map with a trigger-looking base64 blob',
        file: 'e.js.map',
        text: `{"mappings":"${b64('const api_key = process.env.VALOSSA_API_KEY;')}"}\n`,
      },
    ]);
  });
});
