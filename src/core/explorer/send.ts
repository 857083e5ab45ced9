// Sends an ApiRequest with the key put where the endpoint takes it, once, and reads the raw answer:
// status, time, size, headers (redacted) and the body, or for SSE each event as it arrives.
import type { Readable } from 'node:stream';
import { createParser } from 'eventsource-parser';
import type { HttpClient, HttpMethod } from '../http/client';
import { redact } from '../redact';
import { rawSseEvent, type RawEvent } from './rawEvent';
import type { ApiRequest } from './request';

export type { RawEvent } from './rawEvent';

export interface ApiResponse {
  readonly status: number;
  readonly durationMs: number;
  readonly sizeBytes: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly contentType: string;
  /** The body (not for SSE, whose events went to `onEvent`). */
  readonly body: Buffer;
  readonly events: number;
  /** The request URL with secrets masked. */
  readonly displayUrl: string;
}

export interface SendOptions {
  readonly signal?: AbortSignal;
  /** SSE only: each event as it arrives. */
  onEvent?(event: RawEvent): void;
  /** Largest body kept in memory. */
  readonly maxBodyBytes?: number;
}

/** The request with the key in place: only ever built right before it is sent. */
export function withKey(req: ApiRequest, key: string | undefined): { url: string; headers: Record<string, string>; body?: string } {
  const url = new URL(req.url);
  const headers: Record<string, string> = { ...req.headers };
  let json = req.json;
  if (key) {
    if (req.auth === 'query') url.searchParams.set('api_key', key);
    if (req.auth === 'x-api-key') headers['X-API-Key'] = key;
    if (req.auth === 'bearer') headers.Authorization = `Bearer ${key}`;
    if (req.auth === 'body') json = { api_key: key, ...((req.json as object | undefined) ?? {}) };
  }
  if (json !== undefined && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  if (req.response === 'sse' && !Object.keys(headers).some((k) => k.toLowerCase() === 'accept')) headers.Accept = 'text/event-stream';
  return { url: url.toString(), headers, body: json !== undefined ? JSON.stringify(json) : req.body };
}

export async function sendApiRequest(http: HttpClient, req: ApiRequest, key: string | undefined, options: SendOptions = {}): Promise<ApiResponse> {
  const started = performance.now();
  const built = withKey(req, key);
  const res = await http.exchange({
    method: req.method as HttpMethod,
    url: built.url,
    headers: built.headers,
    body: built.body,
    signal: options.signal,
    idleTimeoutMs: 0,
  });
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = redact(Array.isArray(v) ? v.join(', ') : v);
  const contentType = headers['content-type'] ?? '';
  const isSse = contentType.includes('text/event-stream') && res.status < 300;
  let size = 0;
  let events = 0;
  const chunks: Buffer[] = [];
  const limit = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const parser = createParser({
    onEvent(m) {
      events++;
      options.onEvent?.(rawSseEvent(m.event, m.id, m.data));
    },
  });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of res.body as Readable) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (isSse) parser.feed(decoder.decode(buf, { stream: true }));
      else if (size <= limit) chunks.push(buf);
    }
  } catch (e) {
    // A stopped stream ends here; what arrived stays.
    if (!options.signal?.aborted) throw e;
  } finally {
    (res.body as Readable).destroy();
  }
  return {
    status: res.status,
    durationMs: Math.round(performance.now() - started),
    sizeBytes: size,
    headers,
    contentType,
    body: Buffer.concat(chunks),
    events,
    displayUrl: res.displayUrl,
  };
}
