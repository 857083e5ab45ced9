// The scanner's second look: decode what encoded.ts can undo and scan the result again, then place
// each key found back on the text it was decoded from (its exact span for percent and escapes, the
// whole run for hex and base64) with the EncodedKey that recovers it.
import { decodableLine, decodeBase64, decodeEscapes, decodeHex, decodePercent, encodedRuns, type DecodeBudget, type Decoded } from './encoded';
import { CONTEXT_LINES, type Candidate } from './literals';
import { looksLikeKey } from './placeholders';
import type { Encoding } from './rules';

/** Scans `text` between `from` and `to` one layer deeper. */
export type Rescan = (text: string, from: number, to: number, depth: number) => Candidate[];

interface Line {
  readonly start: number;
  readonly end: number;
}

/** `runs`: also decode the hex and base64 runs that hold an encoded trigger. */
export function encodedCandidates(
  text: string,
  from: number,
  to: number,
  triggerLines: readonly Line[],
  depth: number,
  budget: DecodeBudget,
  rescan: Rescan,
  runs: boolean,
): Candidate[] {
  const out: Candidate[] = [];
  for (const line of triggerLines) {
    if (!decodableLine(line.end - line.start)) continue;
    const source = text.slice(line.start, line.end);
    const layers: [Encoding, Decoded | undefined][] = [
      ['percent', decodePercent(source)],
      ['escape', decodeEscapes(source)],
    ];
    for (const [encoding, decoded] of layers) {
      if (decoded && budget.take(decoded.text.length)) out.push(...inDecodedLine(text, line, encoding, decoded, depth, rescan));
    }
  }
  for (const [start, end] of runs ? encodedRuns(text, from, to) : []) {
    const run = text.slice(start, end);
    const hex = /^[0-9A-Fa-f]+$/.test(run) ? decodeHex(run) : undefined;
    const decoded = hex ?? decodeBase64(run);
    if (decoded === undefined || !budget.take(decoded.length)) continue;
    const via: Encoding = hex !== undefined ? 'hex' : 'base64';
    for (const c of rescan(decoded, 0, decoded.length, depth + 1)) {
      if (c.encoded) continue; // a run is decoded whole: nested layers inside it are not located
      out.push({ ruleId: c.ruleId, provider: c.provider, start, end, encoded: { via: [via], keyStart: c.start, keyEnd: c.end } });
    }
  }
  return out;
}

/** Rescans a decoded line between its raw neighbours (so a host named nearby still counts). */
function inDecodedLine(text: string, line: Line, encoding: Encoding, decoded: Decoded, depth: number, rescan: Rescan): Candidate[] {
  const before = text.slice(linesBack(text, line.start), line.start);
  const after = text.slice(line.end, linesForward(text, line.end));
  const window = before + decoded.text + after;
  const from = before.length;
  const to = from + decoded.text.length;
  const out: Candidate[] = [];
  for (const c of rescan(window, from, to, depth + 1)) {
    if (c.start < from || c.end > to) continue;
    const start = line.start + decoded.map[c.start - from];
    const end = line.start + decoded.map[c.end - from];
    const plain = !c.encoded && text.slice(start, end) === window.slice(c.start, c.end);
    const encoded = plain
      ? undefined
      : { via: [encoding, ...(c.encoded?.via ?? [])], keyStart: c.encoded?.keyStart ?? 0, keyEnd: c.encoded?.keyEnd ?? c.end - c.start };
    out.push({ ruleId: c.ruleId, provider: c.provider, start, end, ...(encoded ? { encoded } : {}) });
  }
  return out;
}

function linesBack(text: string, at: number): number {
  let start = at;
  for (let n = 0; n < CONTEXT_LINES && start > 0; n++) start = text.lastIndexOf('\n', start - 2) + 1;
  return Math.max(start, at - 4096);
}

function linesForward(text: string, at: number): number {
  let end = at;
  for (let n = 0; n < CONTEXT_LINES && end < text.length; n++) {
    const nl = text.indexOf('\n', end + 1);
    end = nl < 0 ? text.length : nl;
  }
  return Math.min(end, at + 4096);
}

const BASE64_VALUE = /^[A-Za-z0-9+/]{16,}={0,2}$/;

/**
 * A value found by name that is itself base64 of a key (`VALOSSA_API_KEY: <base64>` in a Secret's
 * `data:`): the key is the decoded value. A real key is almost never base64 of printable text.
 */
export function markBase64Values(text: string, candidates: Candidate[]): void {
  for (const c of candidates) {
    if (c.encoded || c.ruleId === 'vurbo-api-key' || c.ruleId === 'stored-api-key') continue;
    const value = text.slice(c.start, c.end);
    if (value.length % 4 || !BASE64_VALUE.test(value)) continue;
    const decoded = decodeBase64(value);
    if (decoded !== undefined && looksLikeKey(decoded)) c.encoded = { via: ['base64'], keyStart: 0, keyEnd: decoded.length };
  }
}
