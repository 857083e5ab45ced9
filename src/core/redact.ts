// The one place that knows how to mask keys, tickets and tokens in any string or URL.
// Everything that is logged, shown or traced passes through `redact()` first.

const MASK = '****';

interface Rule {
  readonly pattern: RegExp;
  readonly replace: (match: string, ...groups: string[]) => string;
}

const RULES: readonly Rule[] = [
  // Vurbo keys anywhere, on token boundaries: keep the prefix so users can tell which key it was.
  { pattern: /(?<![A-Za-z0-9_])vas_[A-Za-z0-9]{32}(?![A-Za-z0-9])/g, replace: () => `vas_${MASK}` },
  // Query values that carry secrets (Valossa GET endpoints, Vurbo SSE fallback, viewer tokens).
  {
    pattern: /([?&](?:api_key|apikey|viewer_access_token|access_token|token|ticket)=)[^&#\s"'<>]*/gi,
    replace: (_m, prefix) => `${prefix}${MASK}`,
  },
  // Headers in curl commands, .http files, traces.
  {
    pattern: /((?:X-API-Key|Authorization)\s*:\s*(?:Bearer\s+)?)["']?[^\s"',}]+/gi,
    replace: (_m, prefix) => `${prefix}${MASK}`,
  },
  // JSON / form bodies: "api_key": "...", "ticket": "...", "viewer_access_token": "...".
  {
    pattern: /("(?:api_key|apiKey|ticket|viewer_access_token|access_token|pass_code|password|X-API-Key|Authorization)"\s*:\s*")[^"]*(")/g,
    replace: (_m, prefix, suffix) => `${prefix}${MASK}${suffix}`,
  },
  // WebSocket subprotocol carrying a one-time ticket.
  { pattern: /(ticket\.)[A-Za-z0-9_-]{8,}/g, replace: (_m, prefix) => `${prefix}${MASK}` },
];

export class Redactor {
  private readonly secrets = new Set<string>();
  /** The secrets, longest first (so a secret containing another is masked whole). */
  private ordered: string[] | undefined;

  /** Registers an exact secret (a stored key, a live ticket) to be masked wherever it appears. */
  addSecret(secret: string): void {
    if (secret.length < 6 || this.secrets.has(secret)) return;
    this.secrets.add(secret);
    this.ordered = undefined;
  }

  removeSecret(secret: string): void {
    if (this.secrets.delete(secret)) this.ordered = undefined;
  }

  redact(text: string): string {
    if (!text) return text;
    let out = text;
    // Plain string searches, not one pattern of all secrets: a scan builds a redactor per file with
    // findings, and compiling that pattern was most of the cost of its excerpts.
    for (const s of (this.ordered ??= [...this.secrets].sort((a, b) => b.length - a.length))) out = out.replaceAll(s, MASK);
    for (const rule of RULES) out = out.replace(rule.pattern, rule.replace as (m: string, ...g: string[]) => string);
    return out;
  }

  /** Redacts a URL, tolerating strings that are not URLs. */
  redactUrl(url: string | URL): string {
    return this.redact(String(url));
  }
}

/** The process-wide redactor: the key store registers every key it hands out here. */
export const redactor = new Redactor();

export function redact(text: string): string {
  return redactor.redact(text);
}
