// Tells real-looking keys from placeholders, documentation examples and low-entropy fillers.
// Thresholds are chosen so that a random key (32 alphanumerics, or 32 hex digits) is dropped with a
// probability far below 1e-3, while `YOUR_API_KEY`, `vas_xxxx…`, `****`, `${VAR}` and sequences like the
// documented example `vas_aB3dE5fG7…` are ignored.

const PLACEHOLDER_WORDS = [
  'your',
  'xxxx',
  'example',
  'sample',
  'placeholder',
  'changeme',
  'change_me',
  'replace',
  'redacted',
  'dummy',
  'fake',
  'insert',
  'secret',
  'apikey',
  'api_key',
  'api-key',
  'token',
  'password',
  'foobar',
  'lorem',
  'todo',
];

/** Characters that mean "this is an expression, template or mask", not a literal key. */
const NOT_LITERAL = /[\s$%{}<>()[\]*\u2022\u2026]|\.\.\.|process\.env|os\.environ|getenv/i;

export function shannonEntropy(value: string): number {
  if (!value) return 0;
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function longestRun(value: string): number {
  let best = 0;
  let run = 0;
  for (let i = 0; i < value.length; i++) {
    run = i > 0 && value[i] === value[i - 1] ? run + 1 : 1;
    if (run > best) best = run;
  }
  return best;
}

/** True when most neighbouring letters (or digits) step up by one or two: `abcdef`, `aB3dE5fG7hI9…`, `123456`. */
export function isSequential(value: string): boolean {
  const letters: number[] = [];
  const digits: number[] = [];
  const all: number[] = [];
  for (const ch of value.toLowerCase()) {
    const c = ch.charCodeAt(0);
    if (c >= 97 && c <= 122) {
      letters.push(c - 97);
      all.push(c - 87);
    } else if (c >= 48 && c <= 57) {
      digits.push(c - 48);
      all.push(c - 48);
    }
  }
  const ascending = (xs: number[], mod: number) => {
    let n = 0;
    for (let i = 1; i < xs.length; i++) {
      const d = (xs[i] - xs[i - 1] + mod) % mod;
      if (d === 1 || d === 2) n++;
    }
    return xs.length > 1 ? n / (xs.length - 1) : 0;
  };
  return (
    (letters.length >= 8 && ascending(letters, 26) >= 0.8) ||
    (digits.length >= 8 && ascending(digits, 10) >= 0.8) ||
    (all.length >= 8 && ascending(all, 36) >= 0.6)
  );
}

function hasPlaceholderWord(value: string): boolean {
  const lower = value.toLowerCase();
  return PLACEHOLDER_WORDS.some((w) => lower.includes(w));
}

/** The 32 characters after `vas_`: a placeholder, documentation example or filler? */
export function isPlaceholderVurboBody(body: string): boolean {
  return hasPlaceholderWord(body) || longestRun(body) >= 5 || shannonEntropy(body) < 3.3 || isSequential(body);
}

/**
 * Does a value found by context (after `VURBO_API_KEY=`, in `api_key=`, in an X-API-Key header) look like
 * a real key? It must be a plain token of 16–256 characters with letters and digits and enough entropy.
 */
export function looksLikeKey(value: string): boolean {
  if (value.length < 16 || value.length > 256) return false;
  if (NOT_LITERAL.test(value)) return false;
  if (!/[A-Za-z]/.test(value) || !/[0-9]/.test(value)) return false;
  if (/^vas_/.test(value) && value.length === 36) return !isPlaceholderVurboBody(value.slice(4));
  if (hasPlaceholderWord(value) || longestRun(value) >= 6 || isSequential(value)) return false;
  return shannonEntropy(value) >= 3;
}
