// The key scanner: one pass over the text looking for cheap triggers (`vas_`, `api_key`, `API_KEY`,
// `X-API-Key`, …); only around a trigger do the rules look closer, each with bounded, linear work.
// Every finding stays on one line; context rules look at most CONTEXT_LINES lines (and CONTEXT_CHARS
// characters) either side, which is what lets incremental.ts rescan only the lines around an edit.
// Encoded keys (encoded.ts) get a second look at the decoded text, at most MAX_DEPTH layers deep.
import type { ProviderId } from '../providers';
import { allowMarkers } from './allow';
import { DecodeBudget, MAX_DEPTH } from './encoded';
import { encodedCandidates, markBase64Values } from './encodedScan';
import { contextAround, literal, quotedLiteral, skipBlanks, type Candidate } from './literals';
import { isPlaceholderVurboBody } from './placeholders';
import { RULES, type Encoding, type Finding } from './rules';
import { isTokenChar, type StoredKeyMatcher } from './storedKeys';
import { NAME_TRIGGER_SOURCE, valossaNamedAt } from './valossaNames';

export { CONTEXT_LINES } from './literals';
/** How far back on the line a URL may start before its `api_key=`. */
const URL_LOOKBACK = 2048;

/**
 * Every finding other than a stored key or an encoded one contains `vas_`, or `key`, `KEY` or `Key`
 * after `api`, `api_`, `api-`, `valossa` or `valossa` and a separator (any case): fileScan.ts searches
 * bytes for exactly these (and encoded.ts's needles) before decoding a file.
 */
export const KEY_SPELLINGS = ['key', 'KEY', 'Key'] as const;

const TRIGGER = new RegExp(`vas_|${NAME_TRIGGER_SOURCE}`, 'gi');
const KEY_TAILS = new Set<string>(KEY_SPELLINGS);

const VALOSSA_CONTEXT =
  /valossa|\/core\/1\.0\b|\b(?:new_job|job_status|job_results|list_jobs|cancel_job|delete_job|initialize_file_upload|send_file_chunk|finalize_file_upload)\b/i;
const VURBO_CONTEXT = /vurbo|vas-poc|\/api\/v1\/(?:tasks|sse|auth\/ticket|summary|imports?|webhooks?)\b/i;
const VALOSSA_PATH = /\/core\/1\.0\/|\/(?:job_status|job_results|list_jobs)\b/;
const VURBO_PATH = /\/api\/v1\/sse\b/;

export interface ScanOptions {
  /** The user's stored keys (in memory only). */
  readonly storedKeys?: StoredKeyMatcher;
  /** Look for hex and base64 runs holding an encoded trigger (default true; off for source code, see fileScan.ts). */
  readonly encodedRuns?: boolean;
}

/** Where `text` sits in a larger document (for region scans); all 0-based. */
export interface TextOrigin {
  readonly line: number;
  readonly offset: number;
  /** The column `text` starts at when it starts inside a line (a window of a long minified line). */
  readonly column?: number;
}

/** The line a trigger is on: found once per line, so a 1 MB line with many triggers stays linear. */
interface Line {
  readonly start: number;
  readonly end: number;
}

/**
 * Scans `text` and returns its findings sorted by offset. With `from`/`to`, only triggers in that range
 * (which should be whole lines) are considered; the rest of `text` serves as context.
 */
export function scanText(text: string, options: ScanOptions = {}, from = 0, to = text.length, origin: TextOrigin = { line: 0, offset: 0 }): Finding[] {
  const budget = new DecodeBudget();
  const runs = options.encodedRuns !== false;
  const rescan = (t: string, f: number, e: number, depth: number): Candidate[] => candidatesIn(t, f, e, depth, budget, rescan, runs);
  const candidates = rescan(text, from, to, 0);
  if (options.storedKeys?.size) {
    for (const hit of options.storedKeys.find(text, from, to)) {
      candidates.push({ ruleId: 'stored-api-key', provider: hit.provider, start: hit.start, end: hit.end, origin: hit.origin });
    }
  }
  if (candidates.length === 0) return [];
  const allowed = new AllowedLines(text);
  return toFindings(
    text,
    withoutOverlaps(candidates).filter((c) => !allowed.has(c.start)),
    origin,
  );
}

/** Rule candidates from the triggers in [from, to), then from what decodes there (one layer deeper). */
function candidatesIn(
  text: string,
  from: number,
  to: number,
  depth: number,
  budget: DecodeBudget,
  rescan: (t: string, f: number, e: number, d: number) => Candidate[],
  runs: boolean,
): Candidate[] {
  const candidates: Candidate[] = [];
  const lines: Line[] = [];
  const trigger = new RegExp(TRIGGER.source, TRIGGER.flags);
  trigger.lastIndex = from;
  let line: Line = { start: 0, end: -1 };
  for (let m = trigger.exec(text); m && m.index < to; m = trigger.exec(text)) {
    if (m.index > line.end) lines.push((line = lineAround(text, m.index)));
    const found = m[0] === 'vas_' ? vurboKeyAt(text, m.index) : keyNameAt(text, m.index, m[0], line);
    if (found) candidates.push(found);
  }
  markBase64Values(text, candidates);
  if (depth < MAX_DEPTH) candidates.push(...encodedCandidates(text, from, to, lines, depth, budget, rescan, runs));
  return candidates;
}

function lineAround(text: string, at: number): Line {
  const end = text.indexOf('\n', at);
  return { start: text.lastIndexOf('\n', at - 1) + 1, end: end < 0 ? text.length : end };
}

// ---------------------------------------------------------------- Vurbo keys by format

function vurboKeyAt(text: string, at: number): Candidate | undefined {
  // canvas_…, my_vas_… are not keys; `…%3Dvas_…` (a percent-encoded `=` before it) is.
  if (isTokenChar(text.charCodeAt(at - 1), true) && !afterPercentEscape(text, at)) return undefined;
  const end = at + 36;
  if (end > text.length || isTokenChar(text.charCodeAt(end), false)) return undefined; // 33+ characters
  for (let i = at + 4; i < end; i++) if (!isTokenChar(text.charCodeAt(i), false)) return undefined;
  if (isPlaceholderVurboBody(text.slice(at + 4, end))) return undefined;
  return { ruleId: 'vurbo-api-key', provider: 'vurbo', start: at, end };
}

function afterPercentEscape(text: string, at: number): boolean {
  return text[at - 3] === '%' && /[0-9A-Fa-f]{2}/.test(text.slice(at - 2, at));
}

// ---------------------------------------------------------------- keys found by their context

/** A key name: the `api_key`/`api-key` rules first (at the `api` inside the name), then Valossa names. */
function keyNameAt(text: string, at: number, name: string, line: Line): Candidate | undefined {
  if (!KEY_TAILS.has(name.slice(-3))) return undefined; // the byte prefilter only knows these spellings
  const api = /api[_-]key$/i.exec(name);
  if (api) {
    const found = apiKeyNameAt(text, at + api.index, name.slice(api.index), line);
    if (found) return found;
    if (name[api.index + 3] === '-' && !/valossa/i.test(name)) return undefined; // headers: headerAt only
  }
  return valossaNamedAt(text, at, name, line.start, line.end);
}

function apiKeyNameAt(text: string, at: number, name: string, line: Line): Candidate | undefined {
  const { start: lineStart, end: lineEnd } = line;
  if (name[3] === '-') return headerAt(text, at, lineStart, lineEnd);
  return envAssignmentAt(text, at, lineStart, lineEnd) ?? urlParamAt(text, at, lineStart, lineEnd) ?? bodyFieldAt(text, at, lineStart, lineEnd);
}

/** `VURBO_API_KEY = "…"`, `export VALOSSA_API_KEY=…`, `ENV VURBO_API_KEY …`, `VURBO_API_KEY: …`, fallbacks. */
function envAssignmentAt(text: string, at: number, lineStart: number, lineEnd: number): Candidate | undefined {
  let provider: ProviderId;
  let nameStart: number;
  if (at >= 8 && text.slice(at - 8, at).toLowerCase() === 'valossa_') [provider, nameStart] = ['valossa', at - 8];
  else if (at >= 6 && text.slice(at - 6, at).toLowerCase() === 'vurbo_') [provider, nameStart] = ['vurbo', at - 6];
  else return undefined;
  const nameEnd = at + 7;
  if (isTokenChar(text.charCodeAt(nameEnd), true)) return undefined;
  const before = text.slice(Math.max(lineStart, nameStart - 2), nameStart);
  if (before.endsWith('$') || before.endsWith('${')) {
    // A read, except the shell default `${VURBO_API_KEY:-literal}`.
    if (!before.endsWith('${') || !text.startsWith(':-', nameEnd)) return undefined;
    return literal(text, nameEnd + 2, lineEnd, 'api-key-env-assignment', provider, /[}\s"']/);
  }
  let i = nameEnd;
  const quoted = text[i] === '"' || text[i] === "'"; // "VURBO_API_KEY": … / os.getenv("VURBO_API_KEY", …)
  if (quoted) i++;
  const closed = quoted && (text[i] === ']' || text[i] === ')'); // os.environ["…"] = …, os.getenv("…") or …
  if (closed) i++;
  i = skipBlanks(text, i, lineEnd);
  const c = text[i];
  if (c === '=' && text[i + 1] !== '=' && text[i + 1] !== '>') return literal(text, i + 1, lineEnd, 'api-key-env-assignment', provider);
  if (c === ':' && text[i + 1] === '=') return literal(text, i + 2, lineEnd, 'api-key-env-assignment', provider);
  if (c === ':' && text[i + 1] !== ':') return literal(text, i + 1, lineEnd, 'api-key-env-assignment', provider);
  if (c === ',' && quoted && !closed) return quotedLiteral(text, i + 1, lineEnd, 'api-key-env-assignment', provider); // getenv("X", "default")
  if ((c === '|' && text[i + 1] === '|') || (c === '?' && text[i + 1] === '?')) return quotedLiteral(text, i + 2, lineEnd, 'api-key-env-assignment', provider);
  if (text.startsWith('or ', i)) return quotedLiteral(text, i + 3, lineEnd, 'api-key-env-assignment', provider);
  // Dockerfile `ENV VURBO_API_KEY value`.
  if (i > nameEnd && nameStart - lineStart < 32 && /^\s*ENV\s+$/i.test(text.slice(lineStart, nameStart)))
    return literal(text, i, lineEnd, 'api-key-env-assignment', provider);
  return undefined;
}

/** `https://api-eu.valossa.com/core/1.0/job_status?api_key=…`, `…vurbo.ai/api/v1/sse/…?api_key=…`. */
function urlParamAt(text: string, at: number, lineStart: number, lineEnd: number): Candidate | undefined {
  const prev = text[at - 1];
  if ((prev !== '?' && prev !== '&') || text[at + 7] !== '=') return undefined;
  const provider = urlProvider(text.slice(Math.max(lineStart, at - URL_LOOKBACK), at));
  if (!provider) return undefined;
  return literal(text, at + 8, lineEnd, 'api-key-in-url', provider, /[&#\s"'`<>)\\]/);
}

function urlProvider(before: string): ProviderId | undefined {
  let urlStart = Math.max(before.lastIndexOf('http://'), before.lastIndexOf('https://'));
  if (urlStart < 0 || /[\s"'`<>]/.test(before.slice(urlStart))) {
    // A URL assembled in code (`${base}/job_status?api_key=…`): judge by its path.
    urlStart = Math.max(...[' ', '"', "'", '`', '<', '(', '\t'].map((c) => before.lastIndexOf(c))) + 1;
  }
  const url = before.slice(urlStart);
  const hostEnd = url.indexOf('/', url.indexOf('://') + 3);
  const host = url.includes('://') ? url.slice(url.indexOf('://') + 3, hostEnd < 0 ? undefined : hostEnd) : '';
  if (/valossa/i.test(host)) return 'valossa';
  if (/vurbo/i.test(host)) return 'vurbo';
  if (VALOSSA_PATH.test(url)) return 'valossa';
  if (VURBO_PATH.test(url)) return 'vurbo';
  return undefined;
}

/** `"api_key": "…"`, `api_key="…"`, `-F api_key=…` near a Valossa endpoint. */
function bodyFieldAt(text: string, at: number, lineStart: number, lineEnd: number): Candidate | undefined {
  const prevCode = text.charCodeAt(at - 1);
  if (isTokenChar(prevCode, true) || prevCode === 45 /* - */ || isTokenChar(text.charCodeAt(at + 7), true)) return undefined;
  if ((prevCode === 63 || prevCode === 38) /* ? or & */ && /:\/\/[^\s"'`<>]*$/.test(text.slice(Math.max(lineStart, at - URL_LOOKBACK), at))) {
    return undefined; // a query parameter of some other service's URL
  }
  let i = at + 7;
  if (text[i] === '"' || text[i] === "'") i++;
  i = skipBlanks(text, i, lineEnd);
  let valueAt: number;
  if (text[i] === ':' && text[i + 1] !== ':') valueAt = i + 1;
  else if (text[i] === '=' && text[i + 1] === '>') valueAt = i + 2;
  else if (text[i] === '=' && text[i + 1] !== '=') valueAt = i + 1;
  else return undefined;
  const found = literal(text, valueAt, lineEnd, 'valossa-api-key-field', 'valossa', /[&\s"'`,;)}\]]/);
  if (!found || !VALOSSA_CONTEXT.test(contextAround(text, at, lineStart))) return undefined;
  return found;
}

/** `X-API-Key: …` in curl, .http files and code, with the Vurbo API named nearby. */
function headerAt(text: string, at: number, lineStart: number, lineEnd: number): Candidate | undefined {
  if (at < 2 || text.slice(at - 2, at).toLowerCase() !== 'x-') return undefined;
  const p = text.charCodeAt(at - 3);
  if (isTokenChar(p, true) || p === 45) return undefined;
  const openQuote = text[at - 3];
  let i = at + 7;
  const closedQuote = text[i] === '"' || text[i] === "'";
  if (closedQuote) i++;
  i = skipBlanks(text, i, lineEnd);
  let found: Candidate | undefined;
  if (text[i] === ':' && !closedQuote && (openQuote === '"' || openQuote === "'")) {
    // Inside one string: "X-API-Key: value" (curl -H, fetch header lines).
    found = literal(text, i + 1, lineEnd, 'api-key-header', 'vurbo', new RegExp(`[\\s${openQuote}]`));
  } else if (text[i] === ':' || text[i] === ',' || (text[i] === '=' && text[i + 1] === '>')) {
    found = literal(text, text[i] === '=' ? i + 2 : i + 1, lineEnd, 'api-key-header', 'vurbo', /[\s"'`,;)}\]]/);
  }
  if (!found || !VURBO_CONTEXT.test(contextAround(text, at, lineStart))) return undefined;
  return found;
}

// ---------------------------------------------------------------- merging, allow comments, positions

function withoutOverlaps(candidates: Candidate[]): Candidate[] {
  candidates.sort((a, b) => a.start - b.start || RULES[a.ruleId].priority - RULES[b.ruleId].priority);
  const out: Candidate[] = [];
  for (const c of candidates) {
    const last = out[out.length - 1];
    if (last && c.start < last.end) {
      if (RULES[c.ruleId].priority < RULES[last.ruleId].priority) out[out.length - 1] = c;
      continue;
    }
    out.push(c);
  }
  return out;
}

/** Which lines an allow comment exempts; each line is looked at once. */
class AllowedLines {
  private line: Line = { start: 0, end: -1 };
  private allowed = false;

  constructor(private readonly text: string) {}

  /** Offsets must come in increasing order (findings are sorted). */
  has(at: number): boolean {
    if (at > this.line.end) {
      const { text } = this;
      this.line = lineAround(text, at);
      this.allowed = allowMarkers(text.slice(this.line.start, this.line.end)).sameLine;
      if (!this.allowed && this.line.start > 0) {
        const prevStart = text.lastIndexOf('\n', this.line.start - 2) + 1;
        this.allowed = allowMarkers(text.slice(prevStart, this.line.start - 1)).nextLine;
      }
    }
    return this.allowed;
  }
}

function toFindings(text: string, candidates: Candidate[], origin: TextOrigin): Finding[] {
  const out: Finding[] = [];
  let line = 0;
  let lineStart = 0;
  let cursor = 0;
  for (const c of candidates) {
    for (let nl = text.indexOf('\n', cursor); nl >= 0 && nl < c.start; nl = text.indexOf('\n', nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    cursor = c.start;
    const column = c.start - lineStart + 1 + (line === 0 ? (origin.column ?? 0) : 0);
    const rule = RULES[c.ruleId];
    const message = c.origin ? storedKeyMessage(c.provider, c.origin) : rule.message;
    out.push({
      ruleId: c.ruleId,
      provider: c.provider,
      start: origin.offset + c.start,
      end: origin.offset + c.end,
      line: origin.line + line + 1,
      column,
      endLine: origin.line + line + 1,
      endColumn: column + (c.end - c.start),
      message: c.encoded ? `${message} The key is written ${encodingWords(c.encoded.via)}.` : message,
      ...(c.origin ? { origin: c.origin } : {}),
      ...(c.encoded ? { encoded: c.encoded } : {}),
    });
  }
  return out;
}

function storedKeyMessage(provider: ProviderId, origin: string): string {
  const label = provider === 'vurbo' ? 'Vurbo.ai VAS' : 'Valossa Core';
  return `This is your live ${label} API key stored in VS Code Secret Storage for ${origin}.`;
}

const ENCODING_WORDS: Record<Encoding, string> = { percent: 'percent-encoded', escape: 'in string escapes', hex: 'hex-encoded', base64: 'base64-encoded' };

function encodingWords(via: readonly Encoding[]): string {
  return via.map((e) => ENCODING_WORDS[e]).join(', inside that ');
}
