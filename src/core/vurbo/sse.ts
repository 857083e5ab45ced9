// Longer than 400 lines: the stream reader, its reconnect-and-resume loop and the per-endpoint starters share one state machine.
// The one Vurbo SSE client (vurbo-vas.md §5): undici through the HttpClient's `stream()`, parsed by
// eventsource-parser, authenticated by header only (never `?api_key=`). Named events are dispatched
// by name (sseEvents.ts) into TranscriptEvents, each sentence delivered once and in order.
//
// Resilience: a dropped connection or a stall (no byte for `idleTimeoutMs`) reconnects with backoff
// and jitter, sending `Last-Event-ID` when the server gave ids, and a replay is deduplicated by sid.
// Auth, budget and other 4xx errors are never retried; consecutive failed attempts are bounded.
// Streams that bill or persist on every request (summary generation) are never re-requested.
// Aborting the signal ends the stream and leaves no timer or socket behind.
import type { Readable } from 'node:stream';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { ApiError, transportError } from '../errors';
import { rawSseEvent, type RawEvent } from '../explorer/rawEvent';
import { backoffDelay, sleep, type HttpRequest, type RetryPolicy } from '../http/client';
import type { TranscriptEvent } from '../transcript/model';
import type { ApiEndpoint } from '../endpoint';
import { API_PREFIX } from './client';
import { RETRANSLATE_TARGET_PARAM } from './inferred';
import { Deduper } from './sseDedupe';
import { assertSummaryParams, type SummaryParams } from './summaryParams';
import { interpretEvent, InterpreterState, readSpeakers, type Interpretation, type SseStreamKind } from './sseEvents';
import type { JsonObject } from '../read';
import { LIMITS } from './types';
import { joinUrl } from '../providers';

export interface SseRequest {
  /** Picks the event interpreter (sseEvents.ts); other kinds must bring their own `interpret`. */
  readonly kind: SseStreamKind | 'broadcast';
  readonly method?: 'GET' | 'POST';
  /** Path under `/api/v1`. */
  readonly path: string;
  /** An absolute URL instead of `/api/v1` + path (the broadcast viewer stream lives at `/broadcast/…`). */
  readonly url?: string;
  readonly query?: Record<string, string | number | boolean | undefined>;
  readonly json?: unknown;
  /** `bearer` only for POST /api/v1/summary (the documented exception, §2.1); `none` for viewer streams. */
  readonly auth?: 'x-api-key' | 'bearer' | 'none';
  /** Interprets events of streams defined elsewhere (e.g. core/vurbo/broadcasts.ts). */
  readonly interpret?: (name: string, data: string) => Interpretation;
  /** Re-requesting repeats a billed or persisting operation: never reconnect. */
  readonly noReconnect?: boolean;
  /** The stream's target language, for payloads that omit it. */
  readonly language?: string;
}

export type SseConnectionState =
  | { readonly state: 'connecting'; readonly attempt: number }
  | { readonly state: 'open'; readonly attempt: number }
  | { readonly state: 'reconnecting'; readonly attempt: number; readonly delayMs: number; readonly error: ApiError; readonly lastEventId?: string };

export interface SseStreamOptions {
  signal?: AbortSignal;
  /** Longest silence before the connection counts as stalled (default 60 s). */
  idleTimeoutMs?: number;
  /** Time to wait for response headers (default: the HttpClient's timeout). */
  connectTimeoutMs?: number;
  /** Consecutive failed attempts before giving up (default 6); reset whenever new events arrive. */
  maxReconnects?: number;
  reconnectDelay?: Partial<Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>>;
  random?: () => number;
  /** Every interpreted event, after deduplication. Must not throw (exceptions are swallowed). */
  onEvent(event: TranscriptEvent): void;
  onConnection?(state: SseConnectionState): void;
  /** Every event as it came off the wire (redacted), before interpretation and deduplication. */
  onRawEvent?(event: RawEvent): void;
}

export interface SseOutcome {
  /** `done`: a terminal event; `closed`: the server ended without one; `cancelled`: the signal fired. */
  readonly reason: 'done' | 'closed' | 'cancelled';
  /** The terminal event's payload (e.g. the import's task_id). */
  readonly terminal?: JsonObject;
  readonly events: number;
  readonly reconnects: number;
  readonly lastEventId?: string;
}

const DEFAULT_IDLE_MS = 60_000;
const DEFAULT_MAX_RECONNECTS = 6;
const RECONNECT: RetryPolicy = { maxRetries: DEFAULT_MAX_RECONNECTS, baseDelayMs: 500, maxDelayMs: 15_000, maxRetryAfterMs: 60_000 };
interface ConnectionResult {
  ended: 'terminal' | 'eof' | 'error';
  terminal?: JsonObject;
  fatal?: ApiError;
  error?: ApiError;
  /** Events on this connection that were progress (see isProgress), after dedupe. */
  delivered: number;
}

/**
 * What counts as progress on a connection: new content (metadata, sentences, partials, translations,
 * sentence errors, a summary, import progress). Raw and status events do not: a server that replays
 * a stream from its start (it sends no `id:` lines, so there is nothing to resume from) re-sends them
 * every time, and they must neither keep a stream reconnecting nor be shown twice.
 */
function isProgress(e: TranscriptEvent): boolean {
  return e.kind !== 'raw' && e.kind !== 'status';
}

/** Opens one SSE stream and follows it to its end, reconnecting as described above. */
export async function runSseStream(endpoint: ApiEndpoint, request: SseRequest, options: SseStreamOptions): Promise<SseOutcome> {
  const signal = options.signal;
  const maxReconnects = request.noReconnect ? 0 : (options.maxReconnects ?? DEFAULT_MAX_RECONNECTS);
  const policy: RetryPolicy = { ...RECONNECT, ...options.reconnectDelay };
  const dedupe = new Deduper();
  const state = new InterpreterState();
  let lastEventId: string | undefined;
  let serverRetryMs: number | undefined;
  let total = 0;
  let reconnects = 0;
  let failures = 0;
  let shownConnected = false;

  const deliverAccepted = (e: TranscriptEvent) => {
    total++;
    try {
      options.onEvent(e);
    } catch {
      // A broken consumer must not kill the stream.
    }
  };
  const emit = (e: TranscriptEvent) => {
    if (!dedupe.accept(e)) return false;
    deliverAccepted(e);
    return true;
  };
  const cancelled = (): SseOutcome => ({ reason: 'cancelled', events: total, reconnects, lastEventId });

  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) return cancelled();
    options.onConnection?.({ state: 'connecting', attempt });
    // A reconnect without a Last-Event-ID gets the stream again from its start: raw and status events
    // are held back until the connection brings something new, and dropped if it never does.
    const replaying = attempt > 0 && lastEventId === undefined;
    const held: TranscriptEvent[] = [];
    let progressed = false;
    let result: ConnectionResult;
    try {
      const res = await endpoint.http.stream(buildRequest(endpoint, request, lastEventId, options));
      options.onConnection?.({ state: 'open', attempt });
      result = await consume(res.body, request, state, signal, {
        onId: (id) => (lastEventId = id),
        onRetry: (ms) => (serverRetryMs = ms),
        raw:
          options.onRawEvent &&
          ((e) => {
            try {
              options.onRawEvent!(e);
            } catch {
              // A broken tap must not kill the stream.
            }
          }),
        deliver: (e, connected) => {
          if (connected) {
            if (shownConnected) return false;
            shownConnected = true;
          }
          if (!isProgress(e)) {
            if (replaying && !progressed) held.push(e);
            else emit(e);
            return false;
          }
          if (!dedupe.accept(e)) return false;
          progressed = true;
          if (held.length) for (const h of held.splice(0)) emit(h);
          deliverAccepted(e);
          return true;
        },
      });
    } catch (e) {
      result = { ended: 'error', error: transportError('vurbo', e), delivered: 0 };
    }
    if (signal?.aborted) return cancelled();
    if (result.fatal) throw result.fatal;
    if (result.ended === 'terminal') return { reason: 'done', terminal: result.terminal, events: total, reconnects, lastEventId };
    if (result.delivered > 0) failures = 0;
    let error: ApiError;
    if (result.ended === 'eof') {
      // A clean end without a terminal event: the server may have timed the connection out (import
      // progress does). Come back only while connections keep bringing something new.
      if (result.delivered === 0 || maxReconnects === 0) return { reason: 'closed', events: total, reconnects, lastEventId };
      error = new ApiError({ provider: 'vurbo', code: 'network_error', serverMessage: 'the server closed the stream before it finished' });
    } else {
      error = result.error!;
    }
    if (error.code === 'cancelled') return cancelled();
    failures++;
    const delay = reconnectDelay(error, failures, maxReconnects, policy, serverRetryMs, options.random);
    if (delay === undefined) throw error;
    reconnects++;
    options.onConnection?.({ state: 'reconnecting', attempt: attempt + 1, delayMs: delay, error, lastEventId });
    try {
      await sleep(delay, signal);
    } catch {
      return cancelled();
    }
  }
}

/** The wait before the next attempt, or undefined when the error must surface. */
function reconnectDelay(
  error: ApiError,
  failures: number,
  maxReconnects: number,
  policy: RetryPolicy,
  serverRetryMs: number | undefined,
  random?: () => number,
): number | undefined {
  if (failures > maxReconnects) return undefined;
  const status = error.status;
  if (status === 429) {
    const after = error.retryAfterMs;
    if (after !== undefined) return after <= policy.maxRetryAfterMs ? after : undefined;
  } else if (status !== undefined && status < 500 && status !== 408) {
    return undefined; // 401/402/403/404/400: asking again cannot help
  } else if (!error.retryable && status === undefined) {
    return undefined;
  }
  const backoff = backoffDelay(failures - 1, policy, random);
  return Math.max(backoff, Math.min(serverRetryMs ?? 0, policy.maxDelayMs));
}

function buildRequest(endpoint: ApiEndpoint, request: SseRequest, lastEventId: string | undefined, options: SseStreamOptions): HttpRequest {
  const headers: Record<string, string> = { accept: 'text/event-stream', 'cache-control': 'no-cache' };
  if (request.auth === 'bearer') headers.authorization = `Bearer ${endpoint.key}`;
  else if (request.auth !== 'none') headers['x-api-key'] = endpoint.key;
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  return {
    method: request.method ?? 'GET',
    url: request.url ?? joinUrl(endpoint.baseUrl, API_PREFIX + request.path),
    query: request.query,
    json: request.json,
    headers,
    signal: options.signal,
    timeoutMs: options.connectTimeoutMs,
    idleTimeoutMs: options.idleTimeoutMs ?? DEFAULT_IDLE_MS,
  };
}

interface ConsumeHooks {
  onId(id: string): void;
  onRetry(ms: number): void;
  /** Returns whether the event was new. */
  deliver(e: TranscriptEvent, connected: boolean): boolean;
  raw?(e: RawEvent): void;
}

async function consume(
  body: Readable,
  request: SseRequest,
  state: InterpreterState,
  signal: AbortSignal | undefined,
  hooks: ConsumeHooks,
): Promise<ConnectionResult> {
  const result: ConnectionResult = { ended: 'eof', delivered: 0 };
  let stop = false;
  const context = { language: request.language };
  const parser = createParser({
    onEvent(message: EventSourceMessage) {
      if (stop) return;
      hooks.raw?.(rawSseEvent(message.event, message.id, message.data));
      const name = message.event ?? 'message';
      const interpreted = request.interpret
        ? request.interpret(name, message.data)
        : request.kind === 'broadcast'
          ? { events: [{ kind: 'raw' as const, event: name, data: message.data }] }
          : interpretEvent(request.kind, name, message.data, state, context);
      for (const e of interpreted.events) if (hooks.deliver(e, !!interpreted.connected)) result.delivered++;
      // The id counts only once its event is handled, so a resume never skips an event.
      if (message.id !== undefined) hooks.onId(message.id);
      if (interpreted.fatal) {
        result.fatal = interpreted.fatal;
        stop = true;
      } else if (interpreted.terminal) {
        result.ended = 'terminal';
        result.terminal = interpreted.terminal;
        stop = true;
      }
    },
    onRetry: (ms) => hooks.onRetry(ms),
  });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of body) {
      parser.feed(decoder.decode(chunk as Buffer, { stream: true }));
      if (stop || signal?.aborted) break;
    }
  } catch (e) {
    if (!stop) {
      result.ended = 'error';
      result.error = transportError('vurbo', e);
    }
  } finally {
    body.destroy();
  }
  return result;
}

// ---- the documented streams ------------------------------------------------------------------------

const id = encodeURIComponent;

/** The history stream's path under `/api/v1` (also what "Copy as curl" reproduces). */
export function historyPath(taskId: string): string {
  return `/sse/history/transcribe/${id(taskId)}`;
}

/** `/sse/history/transcribe/{taskId}`: metadata, every sentence, the summary (§5.1). */
export function streamHistory(endpoint: ApiEndpoint, taskId: string, options: SseStreamOptions): Promise<SseOutcome> {
  return runSseStream(endpoint, { kind: 'history', path: historyPath(taskId) }, options);
}

export interface TaskSpeaker {
  readonly id: string;
  readonly label: string;
  /** Sentences seen for the speaker, when they had to be counted from the history. */
  readonly sentences?: number;
}

/**
 * A task's speakers from the start of its history: the `init_metadata` list, or — when the server
 * sends none — the speakers of the sentences, read to the end. Stops the stream as soon as it can.
 */
export async function fetchSpeakers(endpoint: ApiEndpoint, taskId: string, signal?: AbortSignal): Promise<TaskSpeaker[]> {
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  let fromMeta: TaskSpeaker[] | undefined;
  const counted = new Map<string, { label: string; sentences: number }>();
  try {
    await streamHistory(endpoint, taskId, {
      signal: stop.signal,
      maxReconnects: 2,
      onEvent: (e) => {
        if (e.kind === 'meta') {
          const list = readSpeakers(e.raw);
          if (list?.length) {
            fromMeta = list;
            stop.abort();
          }
        } else if (e.kind === 'segment' && (e.segment.speakerId ?? e.segment.speaker)) {
          const id = (e.segment.speakerId ?? e.segment.speaker)!;
          const entry = counted.get(id) ?? { label: e.segment.speaker ?? id, sentences: 0 };
          entry.sentences++;
          counted.set(id, entry);
        }
      },
    });
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  if (signal?.aborted) throw new ApiError({ provider: 'vurbo', code: 'cancelled' });
  return fromMeta ?? [...counted].map(([id, v]) => ({ id, label: v.label, sentences: v.sentences }));
}

/** `/sse/retranslate/{taskId}?targetLang=` — every sentence into one language (§5.2). */
export function streamRetranslation(endpoint: ApiEndpoint, taskId: string, targetLang: string, options: SseStreamOptions): Promise<SseOutcome> {
  return runSseStream(
    endpoint,
    { kind: 'retranslate', path: `/sse/retranslate/${id(taskId)}`, query: { [RETRANSLATE_TARGET_PARAM]: targetLang }, language: targetLang },
    options,
  );
}

/** `/sse/retranslate/summary/{taskId}` (parameters NOT DOCUMENTED: `targetLang` assumed). */
export function streamSummaryRetranslation(endpoint: ApiEndpoint, taskId: string, targetLang: string, options: SseStreamOptions): Promise<SseOutcome> {
  return runSseStream(
    endpoint,
    { kind: 'retranslateSummary', path: `/sse/retranslate/summary/${id(taskId)}`, query: { [RETRANSLATE_TARGET_PARAM]: targetLang }, language: targetLang },
    options,
  );
}

/** `/sse/recordings/{taskId}/entries/{sid}/retranslate` — one sentence (v1.4.0; parameters NOT DOCUMENTED). */
export function streamSentenceRetranslation(
  endpoint: ApiEndpoint,
  taskId: string,
  sid: number,
  targetLang: string,
  options: SseStreamOptions,
): Promise<SseOutcome> {
  return runSseStream(
    endpoint,
    {
      kind: 'retranslate',
      path: `/sse/recordings/${id(taskId)}/entries/${sid}/retranslate`,
      query: { [RETRANSLATE_TARGET_PARAM]: targetLang },
      language: targetLang,
    },
    options,
  );
}

/** `/sse/imports/{importId}/progress` until the import completes (the outcome's `terminal.task_id`) or fails. */
export function streamImportProgress(endpoint: ApiEndpoint, importId: string, options: SseStreamOptions): Promise<SseOutcome> {
  return runSseStream(endpoint, { kind: 'importProgress', path: `/sse/imports/${id(importId)}/progress` }, options);
}

export { summaryParamsProblem, type SummaryParams } from './summaryParams';

/**
 * `/sse/regenerate/summary/{taskId}`: GET previews (billed, nothing saved), POST persists and bumps
 * the revision (§5.3). Never re-requested after a drop, since each request is billed.
 */
export async function streamRegeneratedSummary(
  endpoint: ApiEndpoint,
  taskId: string,
  params: SummaryParams,
  persist: boolean,
  options: SseStreamOptions,
): Promise<SseOutcome> {
  assertSummaryParams(params);
  const fields = {
    mode: params.mode,
    template: params.template,
    prompt: params.prompt,
    promptSlug: params.promptSlug,
    language: params.language,
    plainText: params.plainText,
  };
  const path = `/sse/regenerate/summary/${id(taskId)}`;
  return runSseStream(
    endpoint,
    persist ? { kind: 'summary', method: 'POST', path, json: fields, noReconnect: true } : { kind: 'summary', path, query: fields, noReconnect: true },
    options,
  );
}

/** `POST /summary` with `Authorization: Bearer` — summarise any text (§4.9). */
export async function streamTextSummary(
  endpoint: ApiEndpoint,
  content: string,
  params: SummaryParams & { format?: 'bullet_points' | 'paragraph' | 'structured'; maxLength?: number },
  options: SseStreamOptions,
): Promise<SseOutcome> {
  assertSummaryParams(params);
  if (content.length > LIMITS.summaryContentMaxChars) {
    throw new ApiError({
      provider: 'vurbo',
      code: 'validation_failed',
      serverMessage: `The text can have at most ${LIMITS.summaryContentMaxChars} characters.`,
    });
  }
  // This endpoint's body is snake_case (prompt_slug, plain_text, max_length), unlike §5.3.
  const json = {
    content,
    mode: params.mode,
    template: params.template,
    prompt: params.prompt,
    prompt_slug: params.promptSlug,
    format: params.format,
    language: params.language,
    plain_text: params.plainText,
    max_length: params.maxLength,
  };
  return runSseStream(endpoint, { kind: 'summary', method: 'POST', path: '/summary', json, auth: 'bearer', noReconnect: true }, options);
}

export interface TtsParams {
  language: string;
  voice?: string;
  /** First sentence id (default 1). */
  sid?: number;
  /** Number of sentences, at most 20 (the server trims larger values). */
  length?: number;
}

/** `/sse/tts/{taskId}`: synthesised translated sentences with word boundaries (§5.4). */
export function streamTts(endpoint: ApiEndpoint, taskId: string, params: TtsParams, options: SseStreamOptions): Promise<SseOutcome> {
  const length = params.length === undefined ? undefined : Math.max(1, Math.min(LIMITS.ttsMaxLength, Math.floor(params.length)));
  return runSseStream(
    endpoint,
    { kind: 'tts', path: `/sse/tts/${id(taskId)}`, query: { language: params.language, voice: params.voice, sid: params.sid, length } },
    options,
  );
}
