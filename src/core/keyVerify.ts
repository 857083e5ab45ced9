// "Is this found key live?": one cheap read-only call per key, sent only to the provider's official
// origin. Neither the caller, a setting, the scan config nor the scanned text can name another host:
// the only way to redirect the call is VERIFY_ORIGIN_OVERRIDE_ENV, which the test harness sets to the
// loopback sandbox and which accepts loopback origins only. Keys never leave this module except in the
// one request; verdicts carry codes, never keys.
import { parseUrl } from './read';
import { ApiError } from './errors';
import { HttpClient } from './http/client';
import { probeKey } from './probe';
import { isLoopbackHost, PROVIDERS, type ProviderId } from './providers';

export const OFFICIAL_ORIGINS: Readonly<Record<ProviderId, string>> = {
  vurbo: 'https://vas-poc.vurbo.ai',
  valossa: 'https://api-eu.valossa.com',
};

/** TEST ONLY: the test harness points this at the loopback sandbox. Any other value is refused. */
export const VERIFY_ORIGIN_OVERRIDE_ENV = 'SPEECH_API_SCAN_VERIFY_ORIGIN_OVERRIDE';

export type Verdict =
  | { readonly state: 'live'; readonly code?: string }
  | { readonly state: 'rejected'; readonly code: string; readonly status?: number }
  | { readonly state: 'unknown'; readonly code: string; readonly status?: number };

/** @public API of this module, kept for the explorer and the docs. */
export type VerdictState = Verdict['state'];

/** The origin a key of `provider` is sent to. Throws when the test-only override is not loopback. */
export function verifyOrigin(provider: ProviderId, env: NodeJS.ProcessEnv = process.env): string {
  const override = env[VERIFY_ORIGIN_OVERRIDE_ENV];
  if (!override) return OFFICIAL_ORIGINS[provider];
  const url = parseUrl(override);
  if (!url) throw new Error(`${VERIFY_ORIGIN_OVERRIDE_ENV} is not a URL.`);
  if (url.protocol !== 'http:' || !isLoopbackHost(url.hostname)) {
    throw new Error(`${VERIFY_ORIGIN_OVERRIDE_ENV} is for tests against the local sandbox: only http://127.0.0.1:PORT is accepted.`);
  }
  return url.origin;
}

/** The base URL the probe uses: the origin plus the provider's fixed API path. */
function verifyBaseUrl(provider: ProviderId): string {
  const path = new URL(PROVIDERS[provider].defaultBaseUrl).pathname.replace(/\/$/, '');
  return verifyOrigin(provider) + path;
}

/** Documented auth failures that mean "this key does not work". */
const REJECTED_CODES = new Set([
  'auth_missing_api_key',
  'auth_invalid_api_key',
  'auth_invalid_key_format',
  'auth_key_expired',
  'auth_key_disabled',
  'auth_user_disabled',
  'valossa_invalid_api_key',
  'unauthorized',
  'forbidden',
]);

/** The key authenticates but the account cannot spend: still a working credential. */
const LIVE_CODES = new Set(['auth_budget_exceeded', 'payment_required']);

export function verdictOf(error: unknown): Verdict {
  if (!(error instanceof ApiError)) return { state: 'unknown', code: 'network_error' };
  if (LIVE_CODES.has(error.code)) return { state: 'live', code: error.code };
  if (REJECTED_CODES.has(error.code)) return { state: 'rejected', code: error.code, status: error.status };
  return { state: 'unknown', code: error.code, status: error.status };
}

export interface KeyVerifierOptions {
  /** How many checks run at once (default 4). */
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  /** One client per provider; default: a client with no retries (a 429 or 5xx is "unknown"). */
  readonly http?: (provider: ProviderId) => HttpClient;
  readonly signal?: AbortSignal;
}

/** Checks keys with bounded concurrency; a key asked about twice is checked once. */
export class KeyVerifier {
  private readonly results = new Map<string, Promise<Verdict>>();
  private readonly queue: (() => void)[] = [];
  private running = 0;
  private readonly concurrency: number;
  private readonly clients = new Map<ProviderId, HttpClient>();

  constructor(private readonly options: KeyVerifierOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 4);
  }

  /** How many distinct keys were sent (for tests and the summary). */
  get checked(): number {
    return this.results.size;
  }

  verify(provider: ProviderId, key: string): Promise<Verdict> {
    const id = `${provider}\0${key}`;
    let result = this.results.get(id);
    if (!result) {
      result = this.slot()
        .then(() => this.probe(provider, key))
        .finally(() => this.release());
      this.results.set(id, result);
    }
    return result;
  }

  private async probe(provider: ProviderId, key: string): Promise<Verdict> {
    try {
      await probeKey(provider, this.client(provider), verifyBaseUrl(provider), key, this.options.signal, 0);
      return { state: 'live' };
    } catch (err) {
      return verdictOf(err);
    }
  }

  private client(provider: ProviderId): HttpClient {
    let client = this.clients.get(provider);
    if (!client) {
      client = this.options.http?.(provider) ?? new HttpClient({ provider, timeoutMs: this.options.timeoutMs ?? 10_000, retry: { maxRetries: 0 } });
      this.clients.set(provider, client);
    }
    return client;
  }

  private slot(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(resolve));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.running--;
  }
}

/** One line for a verdict, key-free: "live: rotate now", "rejected (auth_key_expired)", "unknown (timeout)". */
export function describeVerdict(v: Verdict): string {
  if (v.state === 'live') return v.code ? `live: rotate now (the key authenticates; ${v.code})` : 'live: rotate now';
  if (v.state === 'rejected') return `rejected by the provider (${v.code})`;
  return `could not be verified (${v.code})`;
}
