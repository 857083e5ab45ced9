// The one request layer: URL + query building, JSON/text/buffer/stream bodies, timeouts and abort,
// retry with exponential backoff and jitter, and a trace hook that only ever sees redacted URLs.
import type { Readable } from 'node:stream';
import { requireSibling } from '../codeCache';
import { nodeStream } from '../lazyNode';
import type { Dispatcher } from 'undici';
import { ApiError, parseErrorBody, transportError } from '../errors';
import type { ProviderId } from '../providers';
import { redact } from '../redact';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type QueryValue = string | number | boolean | undefined | null;
export type RequestBody = string | Uint8Array | Readable;

export interface HttpRequest {
  method?: HttpMethod;
  /** Absolute URL (use `joinUrl(baseUrl, path)`). */
  url: string;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  /** Serialised as JSON with `Content-Type: application/json`. */
  json?: unknown;
  body?: RequestBody;
  /** Whole-request timeout for buffered reads; header timeout for streams. */
  timeoutMs?: number;
  /** Streams only: the longest silence before the stream counts as stalled. */
  idleTimeoutMs?: number;
  signal?: AbortSignal;
  /** Whether 5xx and network errors may be retried. Defaults to true for GET/PUT/DELETE. */
  idempotent?: boolean;
  /** Override the client's retry count for this request (0 disables retries). */
  maxRetries?: number;
  /** Refuse bodies larger than this many bytes (buffered reads only). */
  maxBodyBytes?: number;
}

export interface HttpResponse<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  /** The request URL with secrets masked: safe to show or log. */
  displayUrl: string;
}

export interface TraceEvent {
  readonly id: number;
  readonly provider: ProviderId;
  readonly method: HttpMethod;
  /** Always redacted. */
  readonly url: string;
  readonly attempt: number;
  readonly status?: number;
  readonly durationMs: number;
  readonly outcome: 'ok' | 'http-error' | 'transport-error' | 'retry';
  readonly errorCode?: string;
  readonly retryInMs?: number;
}

export interface RetryPolicy {
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for: the 429 is surfaced instead. */
  maxRetryAfterMs: number;
}

export interface HttpClientOptions {
  provider: ProviderId;
  trace?: (event: TraceEvent) => void;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  dispatcher?: Dispatcher;
  userAgent?: string;
  /** Injected for tests of the backoff schedule. */
  random?: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 3, baseDelayMs: 250, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;
let nextRequestId = 1;

// undici is most of the bundle's weight: load it on the first request, not at activation.
let undici: typeof import('undici') | undefined;
function loadUndici(): typeof import('undici') {
  return (undici ??= requireSibling('undici.js', () => require('undici') as typeof import('undici')));
}

/** Builds `url?query` leaving out undefined/null values. */
export function withQuery(url: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return url;
  const u = new URL(url);
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null) u.searchParams.set(k, String(v));
  }
  return u.toString();
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Math.round(parseFloat(v) * 1000);
  const date = Date.parse(v);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  // "Equal jitter": never less than half the step, so retries stay spaced under contention.
  return Math.round(exp / 2 + random() * (exp / 2));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new DOMException('Aborted', 'AbortError'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new DOMException('Aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

type ReadMode = 'json' | 'text' | 'buffer' | 'stream' | 'raw';

interface RawResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  displayUrl: string;
}

export class HttpClient {
  readonly provider: ProviderId;
  private readonly retry: RetryPolicy;
  private readonly timeoutMs: number;

  constructor(private readonly options: HttpClientOptions) {
    this.provider = options.provider;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async json<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    return (await this.send(req, 'json')) as HttpResponse<T>;
  }

  async text(req: HttpRequest): Promise<HttpResponse<string>> {
    return (await this.send(req, 'text')) as HttpResponse<string>;
  }

  async buffer(req: HttpRequest): Promise<HttpResponse<Buffer>> {
    return (await this.send(req, 'buffer')) as HttpResponse<Buffer>;
  }

  /** Opens a streaming response. Not retried here: streams own their reconnect policy. */
  async stream(req: HttpRequest): Promise<HttpResponse<Readable>> {
    return (await this.send({ ...req, maxRetries: 0 }, 'stream')) as HttpResponse<Readable>;
  }

  /**
   * Sends the request once and hands back whatever status came, with the body unread: the API
   * explorer shows error responses as they are. Not retried.
   */
  async exchange(req: HttpRequest): Promise<HttpResponse<Readable>> {
    return (await this.send({ ...req, maxRetries: 0 }, 'raw')) as HttpResponse<Readable>;
  }

  private async send(req: HttpRequest, mode: ReadMode): Promise<RawResult> {
    const method = req.method ?? 'GET';
    const idempotent = req.idempotent ?? (method === 'GET' || method === 'PUT' || method === 'DELETE');
    const maxRetries = req.maxRetries ?? this.retry.maxRetries;
    const url = withQuery(req.url, req.query);
    const displayUrl = redact(url);
    const id = nextRequestId++;
    if (req.body instanceof nodeStream().Readable && maxRetries > 0 && idempotent) {
      throw new Error('A streamed request body cannot be retried; pass maxRetries: 0.');
    }
    for (let attempt = 0; ; attempt++) {
      const started = performance.now();
      const elapsed = () => Math.round(performance.now() - started);
      let error: ApiError;
      try {
        const result = await this.attempt(req, method, url, mode, displayUrl);
        this.emit({ id, method, url: displayUrl, attempt, status: result.status, durationMs: elapsed(), outcome: 'ok' });
        return result;
      } catch (e) {
        error = e instanceof ApiError ? e : transportError(this.provider, e);
      }
      const outcome = error.status !== undefined ? 'http-error' : 'transport-error';
      const delay = this.retryDelay(error, attempt, maxRetries, idempotent, req.signal);
      if (delay === undefined) {
        this.emit({ id, method, url: displayUrl, attempt, status: error.status, durationMs: elapsed(), outcome, errorCode: error.code });
        throw error;
      }
      this.emit({
        id,
        method,
        url: displayUrl,
        attempt,
        status: error.status,
        durationMs: elapsed(),
        outcome: 'retry',
        errorCode: error.code,
        retryInMs: delay,
      });
      try {
        await sleep(delay, req.signal);
      } catch (abort) {
        throw transportError(this.provider, abort);
      }
    }
  }

  /** The wait before the next attempt, or undefined when the error must surface now. */
  private retryDelay(error: ApiError, attempt: number, maxRetries: number, idempotent: boolean, signal?: AbortSignal): number | undefined {
    if (attempt >= maxRetries || signal?.aborted) return undefined;
    const status = error.status;
    if (status === 401 || status === 402 || status === 403) return undefined;
    if (error.code === 'cancelled' || error.code === 'too_large') return undefined;
    if (status === 429) {
      // The request was not processed, so even a POST may be sent again.
      const after = error.retryAfterMs;
      if (after !== undefined) return after <= this.retry.maxRetryAfterMs ? after : undefined;
      return backoffDelay(attempt, this.retry, this.options.random);
    }
    if (!idempotent || !error.retryable) return undefined;
    if (status === undefined || status >= 500) return backoffDelay(attempt, this.retry, this.options.random);
    return undefined;
  }

  private async attempt(req: HttpRequest, method: HttpMethod, url: string, mode: ReadMode, displayUrl: string): Promise<RawResult> {
    const headers: Record<string, string> = { 'user-agent': this.options.userAgent ?? 'speech-api-explorer', ...req.headers };
    let body: RequestBody | undefined = req.body;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] ??= 'application/json';
    }
    if (mode === 'json') headers['accept'] ??= 'application/json';
    if (mode === 'stream') headers['accept'] ??= 'text/event-stream';
    const timeoutMs = req.timeoutMs ?? this.timeoutMs;
    const streamed = mode === 'stream' || mode === 'raw';
    // Our own deadline (not AbortSignal.timeout) so its timer is cleared as soon as the body is read.
    const deadline = streamed ? undefined : new AbortController();
    const timer = deadline && setTimeout(() => deadline.abort(new DOMException('Request timed out', 'TimeoutError')), timeoutMs);
    const signals = [req.signal, deadline?.signal].filter((s): s is AbortSignal => !!s);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    // Tell a user's cancel apart from our own deadline: undici reports both as an abort.
    const classify = (e: unknown): unknown =>
      deadline?.signal.aborted && !req.signal?.aborted ? new ApiError({ provider: this.provider, code: 'timeout', cause: e }) : e;

    let res: Dispatcher.ResponseData;
    try {
      res = await loadUndici().request(url, {
        method,
        headers,
        body,
        signal,
        dispatcher: this.options.dispatcher,
        headersTimeout: timeoutMs,
        bodyTimeout: streamed ? (req.idleTimeoutMs ?? 0) : timeoutMs,
      });
    } catch (e) {
      clearTimeout(timer);
      throw classify(e);
    }
    try {
      return await this.readResponse(res, mode, displayUrl, req.maxBodyBytes);
    } catch (e) {
      throw classify(e);
    } finally {
      clearTimeout(timer);
    }
  }

  private async readResponse(res: Dispatcher.ResponseData, mode: ReadMode, displayUrl: string, maxBodyBytes: number | undefined): Promise<RawResult> {
    const status = res.statusCode;
    if (mode === 'raw') return { status, headers: res.headers, displayUrl, body: res.body };
    if (status < 200 || status >= 300) {
      const text = await readLimited(res.body, 64 * 1024).catch(() => '');
      throw parseErrorBody(this.provider, status, text, {
        retryAfterMs: parseRetryAfter(res.headers['retry-after']),
        contentType: String(res.headers['content-type'] ?? ''),
      });
    }
    const out = { status, headers: res.headers, displayUrl };
    if (mode === 'stream') return { ...out, body: res.body };
    const buf = await readAll(res.body, maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, this.provider);
    if (mode === 'buffer') return { ...out, body: buf };
    const text = buf.toString('utf8');
    if (mode === 'text') return { ...out, body: text };
    if (text.trim() === '') return { ...out, body: {} };
    try {
      return { ...out, body: JSON.parse(text) };
    } catch {
      throw new ApiError({
        provider: this.provider,
        code: 'unexpected_response',
        status,
        serverMessage: `Invalid JSON from ${displayUrl}: ${text.slice(0, 80)}`,
      });
    }
  }

  private emit(event: Omit<TraceEvent, 'provider'>): void {
    if (!this.options.trace) return;
    try {
      this.options.trace({ ...event, provider: this.provider });
    } catch {
      // A broken trace sink must never fail a request.
    }
  }
}

async function readAll(body: Readable, limit: number, provider: ProviderId): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw new ApiError({ provider, code: 'too_large', serverMessage: `more than ${Math.round(limit / 1048576)} MB` });
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

async function readLimited(body: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= limit) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}
