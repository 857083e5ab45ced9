// Keys written encoded: percent-encoded (a URL inside a URL, a proxy log), in JSON or JS string escapes
// (a notebook's sources, a HAR's postData), as hex, or as base64 (a Kubernetes Secret's `data:`).
// As gitleaks does, the text is decoded and scanned again, bounded in depth (MAX_DEPTH layers) and cost:
// percent and escapes are undone only on lines that already hold a trigger and are at most MAX_LINE
// long; hex and base64 runs only where the run contains the encoded form of a trigger (ENCODED_NEEDLES),
// and only runs of at most MAX_RUN characters; and each scan decodes at most BUDGET characters in all.
import type { Encoding } from './rules';

export const MAX_DEPTH = 2;
const MAX_LINE = 8192;
const MAX_RUN = 4096;
const BUDGET = 256 * 1024;

/** A decoded string and, for each of its characters (and its end), the offset of its source in the input. */
export interface Decoded {
  readonly text: string;
  readonly map: Int32Array;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/** `%XX` sequences undone (as bytes read as latin1, enough for ASCII keys), or undefined when there are none. */
export function decodePercent(s: string): Decoded | undefined {
  if (!/%[0-9A-Fa-f]{2}/.test(s)) return undefined;
  return decodeWith(s, (i) => {
    if (s[i] !== '%') return undefined;
    const h = hexValue(s.charCodeAt(i + 1));
    const l = hexValue(s.charCodeAt(i + 2));
    return h < 0 || l < 0 ? undefined : [String.fromCharCode(h * 16 + l), 3];
  });
}

const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', n: '\n', r: '\r', t: '\t', '`': '`' };

/** JSON and JS string escapes (`\"`, `\\`, `\n`, `\uXXXX`, `\xXX`) undone, or undefined when there are none. */
export function decodeEscapes(s: string): Decoded | undefined {
  if (!s.includes('\\')) return undefined;
  return decodeWith(s, (i) => {
    if (s[i] !== '\\') return undefined;
    const c = s[i + 1];
    if (c in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[c], 2];
    const width = c === 'u' ? 4 : c === 'x' ? 2 : 0;
    if (!width || !/^[0-9A-Fa-f]+$/.test(s.slice(i + 2, i + 2 + width)) || i + 2 + width > s.length) return undefined;
    return [String.fromCharCode(parseInt(s.slice(i + 2, i + 2 + width), 16)), 2 + width];
  });
}

function decodeWith(s: string, at: (i: number) => [string, number] | undefined): Decoded {
  let text = '';
  const map = new Int32Array(s.length + 1);
  let n = 0;
  for (let i = 0; i < s.length;) {
    const hit = at(i);
    map[n++] = i;
    if (hit) {
      text += hit[0];
      i += hit[1];
    } else {
      text += s[i];
      i++;
    }
  }
  map[n] = s.length;
  return { text, map: map.subarray(0, n + 1) };
}

/** Mostly printable ASCII: decoded bytes that are text, not a binary blob that happened to decode. */
function printable(bytes: Buffer): boolean {
  if (bytes.length < 8) return false;
  let ok = 0;
  for (const b of bytes) if ((b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09) ok++;
  return ok / bytes.length >= 0.95;
}

export function decodeHex(s: string): string | undefined {
  if (s.length % 2 || !/^[0-9A-Fa-f]+$/.test(s)) return undefined;
  const bytes = Buffer.from(s, 'hex');
  return printable(bytes) ? bytes.toString('latin1') : undefined;
}

/** Standard or URL-safe base64, padded or not. */
export function decodeBase64(s: string): string | undefined {
  const body = s.replace(/=+$/, '');
  if (body.length < 12 || body.length % 4 === 1 || !/^[A-Za-z0-9+/_-]+$/.test(body)) return undefined;
  const bytes = Buffer.from(body.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  return printable(bytes) ? bytes.toString('latin1') : undefined;
}

export function decodeAs(s: string, encoding: Encoding): string | undefined {
  switch (encoding) {
    case 'percent':
      return decodePercent(s)?.text;
    case 'escape':
      return decodeEscapes(s)?.text;
    case 'hex':
      return decodeHex(s);
    case 'base64':
      return decodeBase64(s);
  }
}

/** Undoes `via` (outermost first); undefined when a layer does not decode. */
export function decodeChain(s: string, via: readonly Encoding[]): string | undefined {
  let out: string | undefined = s;
  for (const e of via) {
    if (out === undefined) return undefined;
    out = decodeAs(out, e);
  }
  return out;
}

/**
 * What fileScan.ts and the scanner search for besides the plain triggers: the hex form and, for each
 * of the three base64 alignments, the part of the base64 form that does not depend on its neighbours
 * of a Vurbo key prefix (`vas_`, in a Secret's `data:`) and an env-file assignment (`API_KEY`, a whole
 * .env base64-encoded). A Valossa key base64-encoded under a plain name is found by the name
 * (markBase64Values). Written out rather than computed at load (every CLI start and activation paid
 * ≈ 0.4 ms of cold Buffer code for it); test/unit/scan-kernel.test.ts derives them again.
 */
export const ENCODED_NEEDLES: readonly string[] = ['dmFzX', 'Zhc1', '2YXNf', 'QVBJX0tFW', 'FQSV9LRV', 'BUElfS0VZ', '7661735f', '4150495f4b4559'];

/** All needles in one pattern: one pass over a file instead of one per needle. */
export const ENCODED_NEEDLE_PATTERN = new RegExp(ENCODED_NEEDLES.join('|'), 'g');

const RUN_CHAR = /[A-Za-z0-9+/_-]/;

/** Decoded-character budget of one top-level scan. */
export class DecodeBudget {
  private left = BUDGET;

  take(chars: number): boolean {
    if (chars > this.left) return false;
    this.left -= chars;
    return true;
  }
}

/** A line fit to be percent- or escape-decoded. */
export function decodableLine(length: number): boolean {
  return length <= MAX_LINE;
}

/** The hex or base64 runs in [from, to) that hold a needle, each once: [start, end) pairs (one regex pass). */
export function encodedRuns(text: string, from: number, to: number): [number, number][] {
  const runs = new Map<number, number>();
  const needles = new RegExp(ENCODED_NEEDLE_PATTERN.source, 'g');
  needles.lastIndex = from;
  for (let m = needles.exec(text); m && m.index < to && runs.size < 64; m = needles.exec(text)) {
    const at = m.index;
    let start = at;
    while (start > 0 && at - start <= MAX_RUN && RUN_CHAR.test(text[start - 1])) start--;
    let end = at + m[0].length;
    while (end < text.length && end - start <= MAX_RUN && RUN_CHAR.test(text[end])) end++;
    for (let pad = 0; pad < 2 && text[end] === '='; pad++) end++;
    if (end - start > MAX_RUN || runs.has(start)) continue;
    runs.set(start, end);
    needles.lastIndex = Math.max(needles.lastIndex, end); // the rest of this run holds nothing new
  }
  return [...runs].sort((a, b) => a[0] - b[0]);
}
