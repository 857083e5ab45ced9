// Reading the literal a rule found a key name in front of: quoted or bare, and only if it looks like a key.
// Shared by the rules of scanner.ts and valossaNames.ts.
import type { ProviderId } from '../providers';
import { looksLikeKey } from './placeholders';
import type { EncodedKey, RuleId } from './rules';

/** How many lines either side a context rule (provider mention) may look at. */
export const CONTEXT_LINES = 10;
/** …and at most this many characters either side, so a 1 MB minified line costs no more than a short one. */
export const CONTEXT_CHARS = 4096;

export interface Candidate {
  ruleId: RuleId;
  provider: ProviderId;
  start: number;
  end: number;
  origin?: string;
  encoded?: EncodedKey;
}

export const BARE_END = /[\s"'`,;#)}\]<>|\\]/;

/** A quoted or bare literal starting after blanks at `i`, if it looks like a key. */
export function literal(text: string, i: number, lineEnd: number, ruleId: RuleId, provider: ProviderId, bareEnd = BARE_END): Candidate | undefined {
  i = skipBlanks(text, i, lineEnd);
  const q = text[i];
  if (q === '"' || q === "'" || q === '`') return quotedLiteral(text, i, lineEnd, ruleId, provider);
  let end = i;
  while (end < lineEnd && end - i <= 256 && !bareEnd.test(text[end])) end++;
  if (end > i && text[end - 1] === '\r') end--;
  return keyCandidate(text, i, end, ruleId, provider);
}

export function quotedLiteral(text: string, i: number, lineEnd: number, ruleId: RuleId, provider: ProviderId): Candidate | undefined {
  i = skipBlanks(text, i, lineEnd);
  const q = text[i];
  if (q !== '"' && q !== "'" && q !== '`') return undefined;
  let close = i + 1;
  while (close < lineEnd && close - i <= 257 && text[close] !== q) close++;
  if (text[close] !== q) return undefined;
  return keyCandidate(text, i + 1, close, ruleId, provider);
}

export function keyCandidate(text: string, start: number, end: number, ruleId: RuleId, provider: ProviderId): Candidate | undefined {
  if (!looksLikeKey(text.slice(start, end))) return undefined;
  return { ruleId, provider, start, end };
}

export function skipBlanks(text: string, i: number, lineEnd: number): number {
  while (i < lineEnd && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** Up to CONTEXT_LINES lines (and CONTEXT_CHARS characters) either side of `at`'s line. */
export function contextAround(text: string, at: number, lineStart: number): string {
  const windowStart = Math.max(0, at - CONTEXT_CHARS);
  const window = text.slice(windowStart, Math.min(text.length, at + CONTEXT_CHARS));
  const here = at - windowStart;
  let start = Math.max(0, lineStart - windowStart);
  for (let n = 0; n < CONTEXT_LINES && start > 0; n++) start = window.lastIndexOf('\n', start - 2) + 1;
  let end = here;
  for (let n = 0; n <= CONTEXT_LINES && end < window.length; n++) {
    const nl = window.indexOf('\n', end + 1);
    end = nl < 0 ? window.length : nl;
  }
  return window.slice(start, end);
}
