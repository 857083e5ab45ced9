// The one place that knows how to mask keys, tickets and tokens in any string or URL.
// Everything that is logged, shown or traced passes through `redact()` first.

const MASK = '****';

interface Rule {
  /** A string every match contains: a text without it skips the pattern (most log lines skip all five). */
  readonly hint: string;
  readonly pattern: RegExp;
  readonly replace: (match: string, ...groups: string[]) => string;
}

const RULES: readonly Rule[] = [
  // Vurbo keys anywhere, on token boundaries: keep the prefix so users can tell which key it was.
  { hint: 'vas_', pattern: /(?<![A-Za-z0-9_])vas_[A-Za-z0-9]{32}(?![A-Za-z0-9])/g, replace: () => `vas_${MASK}` },
  // Query values that carry secrets (Valossa GET endpoints, Vurbo SSE fallback, viewer tokens).
  {
    hint: '=',
    pattern: /([?&](?:api_key|apikey|viewer_access_token|access_token|token|ticket)=)[^&#\s"'<>]*/gi,
    replace: (_m, prefix) => `${prefix}${MASK}`,
  },
  // Headers in curl commands, .http files, traces.
  {
    hint: ':',
    pattern: /((?:X-API-Key|Authorization)\s*:\s*(?:Bearer\s+)?)["']?[^\s"',}]+/gi,
    replace: (_m, prefix) => `${prefix}${MASK}`,
  },
  // JSON / form bodies: "api_key": "...", "ticket": "...", "viewer_access_token": "...".
  {
    hint: '"',
    pattern: /("(?:api_key|apiKey|ticket|viewer_access_token|access_token|pass_code|password|X-API-Key|Authorization)"\s*:\s*")[^"]*(")/g,
    replace: (_m, prefix, suffix) => `${prefix}${MASK}${suffix}`,
  },
  // WebSocket subprotocol carrying a one-time ticket.
  { hint: 'ticket.', pattern: /(ticket\.)[A-Za-z0-9_-]{8,}/g, replace: (_m, prefix) => `${prefix}${MASK}` },
];

export class Redactor {
  private readonly secrets = new Set<string>();
  private list: string[] | undefined;

  /** Registers an exact secret (a stored key, a live ticket) to be masked wherever it appears. */
  addSecret(secret: string): void {
    if (secret.length < 6 || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.list = undefined;
  }

  removeSecret(secret: string): void {
    if (this.secrets.delete(secret)) this.list = undefined;
  }

  redact(text: string): string {
    if (!text) return text;
    let out = this.secrets.size ? maskSecrets(text, (this.list ??= [...this.secrets])) : text;
    for (const rule of RULES) if (out.includes(rule.hint)) out = out.replace(rule.pattern, rule.replace as (m: string, ...g: string[]) => string);
    return out;
  }

  /** Redacts a URL, tolerating strings that are not URLs. */
  redactUrl(url: string | URL): string {
    return this.redact(String(url));
  }
}

/**
 * `text` with every character of every occurrence of every secret masked; occurrences that overlap
 * (one secret inside another, or two sharing a part) become one mask. Plain string searches, not one
 * pattern of all secrets: a scan builds a redactor per file with findings, and compiling that pattern
 * was most of the cost of its excerpts.
 */
function maskSecrets(text: string, secrets: readonly string[]): string {
  const spans: [number, number][] = [];
  for (const s of secrets) for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) spans.push([at, at + s.length]);
  if (!spans.length) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let copied = 0; // text before this index is in `out`
  for (let i = 0; i < spans.length;) {
    const start = spans[i][0];
    let end = spans[i++][1];
    while (i < spans.length && spans[i][0] < end) end = Math.max(end, spans[i++][1]);
    out += text.slice(copied, start) + MASK;
    copied = end;
  }
  return out + text.slice(copied);
}

/** The process-wide redactor: the key store registers every key it hands out here. */
export const redactor = new Redactor();

export function redact(text: string): string {
  return redactor.redact(text);
}
