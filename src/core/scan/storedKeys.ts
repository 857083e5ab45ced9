// The keys the user keeps in Secret Storage, held in memory only so the scanner can spot them verbatim.
// They sit in a private field: JSON.stringify, util.inspect and logs never see them.
import type { ProviderId } from '../providers';

export interface StoredKeyEntry {
  readonly provider: ProviderId;
  readonly origin: string;
  readonly key: string;
}

export interface StoredKeyHit {
  readonly start: number;
  readonly end: number;
  readonly provider: ProviderId;
  readonly origin: string;
}

/** Shorter strings would match by accident; real keys are far longer. */
const MIN_KEY_LENGTH = 12;

export class StoredKeyMatcher {
  readonly #entries: StoredKeyEntry[];

  constructor(entries: readonly StoredKeyEntry[]) {
    const seen = new Set<string>();
    this.#entries = [];
    for (const e of entries) {
      if (e.key.length < MIN_KEY_LENGTH || seen.has(e.key) || /\s/.test(e.key)) continue;
      seen.add(e.key);
      this.#entries.push({ provider: e.provider, origin: e.origin, key: e.key });
    }
  }

  get size(): number {
    return this.#entries.length;
  }

  /** Occurrences starting in [from, to) that stand on token boundaries. */
  find(text: string, from = 0, to = text.length): StoredKeyHit[] {
    const hits: StoredKeyHit[] = [];
    for (const { key, provider, origin } of this.#entries) {
      let at = text.indexOf(key, from);
      while (at >= 0 && at < to) {
        const end = at + key.length;
        if (!isTokenChar(text.charCodeAt(at - 1), true) && !isTokenChar(text.charCodeAt(end), false)) {
          hits.push({ start: at, end, provider, origin });
        }
        at = text.indexOf(key, at + 1);
      }
    }
    return hits;
  }

  /** Byte offsets where a stored key occurs (for the byte-level prefilter). */
  offsetsIn(bytes: Buffer): number[] {
    const out: number[] = [];
    for (const { key } of this.#entries) {
      for (let at = bytes.indexOf(key); at >= 0; at = bytes.indexOf(key, at + 1)) out.push(at);
    }
    return out;
  }

  toJSON(): { storedKeys: number } {
    return { storedKeys: this.#entries.length };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `StoredKeyMatcher(${this.#entries.length} keys)`;
  }
}

/** Letters and digits continue a token; before a key an underscore does too (`my_vas_…`). */
export function isTokenChar(code: number, before: boolean): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (before && code === 95);
}
