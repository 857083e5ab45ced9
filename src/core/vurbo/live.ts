// Live sessions over the Vurbo WebSocket (vurbo-vas.md §2.2, §6): a one-time ticket per connection,
// the `start`/`audio`/`pause`/`resume`/`stop` actions with audio paced from a PcmSource, a heartbeat,
// and reconnects with a fresh ticket that continue the task without repeating a final sentence.
import type { IncomingMessage } from 'node:http';
import type WebSocketType from 'ws';
import { ApiError, catalogueEntry, parseErrorBody, transportError } from '../errors';
import type { ApiEndpoint } from '../endpoint';
import { backoffDelay, sleep } from '../http/client';
import { joinUrl } from '../providers';
import { redactor } from '../redact';
import { Transcript, type TranscriptEvent, type TranscriptSegment } from '../transcript/model';
import {
  audioAction,
  goLiveAction,
  announcementAction,
  HEARTBEAT_INTERVAL_MS,
  healthPing,
  LIVE_PCM,
  parseServerMessage,
  pauseAction,
  resumeAction,
  serialize,
  startAction,
  stopAction,
  TICKET_SUBPROTOCOL_PREFIX,
  validateStartParams,
  type Envelope,
  type LiveEvent,
  type LiveResult,
  type LiveStartParams,
} from './liveProtocol';
import { API_PREFIX } from './client';
import { PcmPacer, realClock, type Clock, type PcmSource } from './wav';

export interface TicketGrant {
  readonly ticket: string;
  readonly expiresInSeconds: number;
}

// ws is loaded on first use, like undici: activation does not pay for it.
let wsModule: typeof WebSocketType | undefined;
function loadWs(): typeof WebSocketType {
  return (wsModule ??= require('ws') as typeof WebSocketType);
}

/** `POST /api/v1/auth/ticket` with the key header; the ticket is registered with the redactor at once. */
export async function fetchTicket(endpoint: ApiEndpoint, signal?: AbortSignal): Promise<TicketGrant> {
  const res = await endpoint.http.json<Record<string, unknown>>({
    method: 'POST',
    url: joinUrl(endpoint.baseUrl, `${API_PREFIX}/auth/ticket`),
    headers: { 'x-api-key': endpoint.key },
    signal,
  });
  // DOCUMENTED top-level `{ticket, expires_in}`; a `data` wrapper is tolerated.
  const body = res.body;
  const d = (typeof body.data === 'object' && body.data !== null ? body.data : body) as Record<string, unknown>;
  if (typeof d.ticket !== 'string' || d.ticket.length < 8) {
    throw new ApiError({ provider: 'vurbo', code: 'unexpected_response', status: res.status, serverMessage: 'The ticket response has no ticket.' });
  }
  redactor.addSecret(d.ticket);
  return { ticket: d.ticket, expiresInSeconds: typeof d.expires_in === 'number' ? d.expires_in : 60 };
}

/** `wss://host/ws` for an https base URL, `ws://` for a loopback http one. */
export function liveSocketUrl(baseUrl: string): string {
  return joinUrl(baseUrl, '/ws').replace(/^http/i, 'ws');
}

export interface OpenSocketOptions {
  handshakeTimeoutMs?: number;
  userAgent?: string;
}

export interface LiveSocketHandlers {
  message(text: string, isBinary: boolean): void;
  /** A ping or pong frame: the server is there, whether or not it answers the JSON `health`. */
  alive?(): void;
  close(code: number, reason: string): void;
  error(error: unknown): void;
}

/**
 * An open live socket. Frames can arrive in the same packet as the handshake answer (a server that
 * refuses the ticket with an error frame does exactly that), so everything that happens before
 * `attach` is kept and replayed to the handlers.
 */
export class LiveSocket {
  private handlers: LiveSocketHandlers | undefined;
  private readonly backlog: ((h: LiveSocketHandlers) => void)[] = [];

  constructor(readonly ws: WebSocketType) {
    const deliver = (fn: (h: LiveSocketHandlers) => void) => (this.handlers ? fn(this.handlers) : this.backlog.push(fn));
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? `${(data as Buffer).length} bytes of binary data` : String(data);
      deliver((h) => h.message(text, isBinary));
    });
    ws.on('ping', () => deliver((h) => h.alive?.()));
    ws.on('pong', () => deliver((h) => h.alive?.()));
    ws.on('close', (code, reason) => deliver((h) => h.close(code, reason.toString('utf8'))));
    ws.on('error', (e) => deliver((h) => h.error(e)));
  }

  /** The subprotocol the server chose (the echoed `ticket.…`). */
  get protocol(): string {
    return this.ws.protocol;
  }

  get isOpen(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  attach(handlers: LiveSocketHandlers): void {
    this.handlers = handlers;
    for (const fn of this.backlog.splice(0)) fn(handlers);
  }

  send(text: string, done?: (err?: Error) => void): void {
    if (this.isOpen) this.ws.send(text, done ?? (() => undefined));
    else done?.(new Error('not open'));
  }

  /** A WebSocket ping frame; the answer arrives as `alive`. */
  ping(): void {
    if (this.isOpen) this.ws.ping();
  }

  close(code = 1000, reason?: string): void {
    if (this.isOpen) this.ws.close(code, reason);
    else this.ws.terminate();
  }

  terminate(): void {
    this.ws.terminate();
  }
}

/**
 * Opens the socket with the ticket as its only credential: no key in the URL or any header. A
 * rejected upgrade (HTTP 401/500 with the unified error body) becomes the catalogue's ApiError.
 */
export function openLiveSocket(baseUrl: string, ticket: string, options: OpenSocketOptions = {}): Promise<LiveSocket> {
  const WebSocket = loadWs();
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    const ws = new WebSocket(liveSocketUrl(baseUrl), [`${TICKET_SUBPROTOCOL_PREFIX}${ticket}`], {
      handshakeTimeout: options.handshakeTimeoutMs ?? 15_000,
      perMessageDeflate: false,
      followRedirects: false,
      headers: { 'user-agent': options.userAgent ?? 'speech-api-explorer' },
    });
    // Registered before the handshake so no early frame is lost.
    const socket = new LiveSocket(ws);
    ws.on('unexpected-response', (_req, res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if ((size += c.length) <= 64 * 1024) chunks.push(c);
      });
      const fail = () => {
        const status = res.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8');
        settle(() => reject(upgradeError(status, parseErrorBody('vurbo', status, text, { contentType: String(res.headers['content-type'] ?? '') }))));
        ws.terminate();
      };
      res.on('end', fail);
      res.on('error', fail);
    });
    ws.once('open', () => settle(() => resolve(socket)));
    ws.once('error', (e) => settle(() => reject(transportError('vurbo', e))));
    ws.once('close', () => settle(() => reject(new ApiError({ provider: 'vurbo', code: 'network_error', serverMessage: 'The connection closed during the WebSocket handshake.' }))));
  });
}

/**
 * The upgrade presents only the ticket, and the key was accepted for it a moment ago: a 401 that
 * names no documented code (a bare status, say) is about the ticket, so a fresh ticket is tried.
 */
function upgradeError(status: number, parsed: ApiError): ApiError {
  if (status !== 401 || catalogueEntry(parsed.code)?.source === 'documented') return parsed;
  return new ApiError({ provider: 'vurbo', code: 'ticket_invalid', status, serverMessage: parsed.serverMessage ?? 'The WebSocket upgrade was refused with HTTP 401.' });
}

// ---- the session ---------------------------------------------------------------------------------

export type LiveState = 'connecting' | 'live' | 'paused' | 'reconnecting' | 'finishing' | 'completed' | 'failed' | 'cancelled';

export type LiveSessionEvent =
  | { type: 'state'; state: LiveState }
  | { type: 'transcript'; event: TranscriptEvent }
  | { type: 'started'; taskId?: string; resumed: boolean; newTask: boolean; broadcastPhase?: string }
  /** Connection notices: reconnecting, resumed, processing steps. */
  | { type: 'note'; text: string }
  /** A non-fatal session error (severity error/warning, no sid): shown, the session goes on. */
  | { type: 'warning'; error: ApiError }
  | { type: 'phase'; phase: string }
  | { type: 'viewers'; count: number };

export interface LiveOutcome {
  readonly state: 'completed' | 'failed' | 'cancelled';
  readonly taskId?: string;
  readonly error?: ApiError;
  readonly finalSentences: number;
  readonly summary?: string;
  /** True when the session ended before the server confirmed the task was processed. */
  readonly processingUnconfirmed: boolean;
}

export interface ReconnectPolicy {
  /** Attempts in a row before giving up (reset by every successful `session_started`). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface LiveSessionOptions {
  endpoint: ApiEndpoint;
  params: LiveStartParams;
  audio: PcmSource;
  clock?: Clock;
  /** Playback speed of the audio (1 = real time). */
  speed?: number;
  chunkMs?: number;
  heartbeatMs?: number;
  reconnect?: Partial<ReconnectPolicy>;
  /** How long to wait after `stop` for task_complete / summary_done. */
  finishTimeoutMs?: number;
  handshakeTimeoutMs?: number;
  /** How long to wait for `session_started` after `start` (default 15 s). */
  startTimeoutMs?: number;
  userAgent?: string;
  random?: () => number;
}

const DEFAULT_RECONNECT: ReconnectPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 8_000 };

interface Connection {
  readonly ws: LiveSocket;
  readonly abort: AbortController;
  started: boolean;
  lastMessageAt: number;
  heartbeat?: ReturnType<typeof setInterval>;
  /** Resolves when the socket closed, with the error that closed it (if any). */
  readonly closed: Promise<ApiError | undefined>;
  closeError?: ApiError;
}

type Listener = (event: LiveSessionEvent) => void;

export class LiveSession {
  readonly transcript = new Transcript();
  private readonly listeners = new Set<Listener>();
  private readonly reconnect: ReconnectPolicy;
  private readonly clock: Clock;
  private stateValue: LiveState = 'connecting';
  private taskIdValue: string | undefined;
  private pacer: PcmPacer | undefined;
  private conn: Connection | undefined;
  private pausedRequested = false;
  private stopRequested = false;
  private stopSent = false;
  private ended = false;
  private fatal: ApiError | undefined;
  private taskComplete = false;
  private summary: string | undefined;
  private summaryDone = false;
  private sidOffset = 0;
  private timeOffsetMs = 0;
  private lastFinalEndMs = 0;
  /** The highest final sid received from the server for the current task (its numbering). */
  private lastServerFinalSid = 0;
  private readonly pendingSentenceErrors = new Map<number, { code: string; message: string }>();
  private readonly tickets: string[] = [];
  private readonly cancelled = new AbortController();
  private finishTimer: ReturnType<typeof setTimeout> | undefined;
  private resolveDone!: (o: LiveOutcome) => void;
  private startedOnce: Promise<void>;
  private resolveStarted!: () => void;
  private rejectStarted!: (e: ApiError) => void;
  /** Settles once, with how the session ended. */
  readonly done: Promise<LiveOutcome>;

  constructor(private readonly options: LiveSessionOptions) {
    this.reconnect = { ...DEFAULT_RECONNECT, ...options.reconnect };
    this.clock = options.clock ?? realClock;
    this.done = new Promise((r) => (this.resolveDone = r));
    this.startedOnce = new Promise((res, rej) => {
      this.resolveStarted = res;
      this.rejectStarted = rej;
    });
    this.startedOnce.catch(() => undefined);
  }

  get state(): LiveState {
    return this.stateValue;
  }

  get taskId(): string | undefined {
    return this.taskIdValue;
  }

  /** How far into the audio has been sent. */
  get positionMs(): number {
    return this.pacer?.positionMs ?? 0;
  }

  get durationMs(): number {
    return this.options.audio.durationMs;
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Validates the parameters, connects, and resolves once the server confirmed `session_started`
   * (or rejects with the reason it could not start). The session then runs until `done`.
   */
  start(): Promise<void> {
    const invalid = validateStartParams(this.options.params);
    if (invalid) {
      this.finish('failed', invalid);
      return Promise.reject(invalid);
    }
    void this.run();
    return this.startedOnce;
  }

  pause(): void {
    if (this.ended || this.stopRequested || this.pausedRequested) return;
    this.pausedRequested = true;
    this.pacer?.pause();
    this.sendIfOpen(pauseAction());
    this.setState('paused');
  }

  resume(): void {
    if (this.ended || this.stopRequested || !this.pausedRequested) return;
    this.pausedRequested = false;
    this.pacer?.resume();
    this.sendIfOpen(resumeAction());
    if (this.conn?.started) this.setState('live');
  }

  /**
   * Ends the recording at the current position: what has played is still sent, then `stop`, then
   * the task is followed through upload, processing and summary. Before the session started, this
   * cancels it.
   */
  stop(): void {
    if (this.ended || this.stopRequested) return;
    if (!this.pacer) return this.cancel();
    this.stopRequested = true;
    if (this.pausedRequested) this.pacer.resume();
    this.pacer.finishAtPlayhead();
    this.setState('finishing');
    this.armFinishTimer();
  }

  /** Closes at once without waiting for the task (the server keeps what it has). */
  cancel(): void {
    if (this.ended) return;
    this.finish('cancelled');
  }

  /** Broadcast host: move from standby to live. */
  goLive(): void {
    this.sendIfOpen(goLiveAction());
  }

  announce(message: string): void {
    this.sendIfOpen(announcementAction(message));
  }

  // ---- connection loop -------------------------------------------------------------------------

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.ended) {
      let error: ApiError | undefined;
      try {
        error = await this.connectOnce();
        if (this.conn?.started) attempt = 0;
      } catch (e) {
        error = e instanceof ApiError ? e : transportError('vurbo', e);
      }
      if (this.ended) return;
      if (this.fatal) return this.finish('failed', this.fatal);
      if (this.stopSent && this.taskComplete) return this.finish('completed');
      const err = error ?? new ApiError({ provider: 'vurbo', code: 'network_error', serverMessage: 'The live connection closed unexpectedly.' });
      attempt++;
      // Before the first session_started a failure is more likely a setup problem: give up sooner.
      const allowed = this.startedAtLeastOnce ? this.reconnect.maxAttempts : Math.min(2, this.reconnect.maxAttempts);
      if (!err.retryable || attempt > allowed) {
        const lost = this.startedAtLeastOnce && err.retryable
          ? new ApiError({ provider: 'vurbo', code: 'live_connection_lost', serverMessage: err.message, cause: err })
          : err;
        return this.finish('failed', lost);
      }
      const delay = backoffDelay(attempt - 1, { ...this.reconnect, maxRetries: this.reconnect.maxAttempts, maxRetryAfterMs: 0 }, this.options.random);
      this.setState('reconnecting');
      this.emit({ type: 'note', text: `${this.startedAtLeastOnce ? 'Connection lost' : 'Could not connect'} (${err.message}). Reconnecting in ${(delay / 1000).toFixed(1)} s with a new ticket (attempt ${attempt} of ${allowed})…` });
      try {
        await sleep(delay, this.cancelled.signal);
      } catch {
        return;
      }
    }
  }

  private get startedAtLeastOnce(): boolean {
    return this.pacer !== undefined;
  }

  /** One connection from ticket to close; resolves with the error that ended it (undefined = clean). */
  private async connectOnce(): Promise<ApiError | undefined> {
    const { endpoint } = this.options;
    const grant = await fetchTicket(endpoint, this.cancelled.signal);
    this.tickets.push(grant.ticket);
    if (this.ended) return undefined;
    const ws = await openLiveSocket(endpoint.baseUrl, grant.ticket, { handshakeTimeoutMs: this.options.handshakeTimeoutMs, userAgent: this.options.userAgent });
    if (this.ended) {
      ws.terminate();
      return undefined;
    }
    const abort = new AbortController();
    let resolveClosed!: (e: ApiError | undefined) => void;
    const conn: Connection = { ws, abort, started: false, lastMessageAt: this.clock.now(), closed: new Promise((r) => (resolveClosed = r)) };
    this.conn = conn;
    ws.attach({
      alive: () => (conn.lastMessageAt = this.clock.now()),
      message: (text, isBinary) => {
        conn.lastMessageAt = this.clock.now();
        if (isBinary) this.emit({ type: 'transcript', event: { kind: 'raw', event: 'binary', data: text } });
        else this.handle(conn, parseServerMessage(text));
      },
      error: (e) => (conn.closeError ??= transportError('vurbo', e)),
      close: (code, why) => {
        abort.abort();
        if (conn.heartbeat) clearInterval(conn.heartbeat);
        if (this.conn === conn) this.conn = undefined;
        resolveClosed(conn.closeError ?? (code === 1000 && this.ended ? undefined : new ApiError({ provider: 'vurbo', code: 'network_error', serverMessage: `closed with code ${code}${why ? `: ${why}` : ''}` })));
      },
    });
    const params: LiveStartParams = this.taskIdValue
      ? { ...this.options.params, resumeTaskId: this.taskIdValue, resumeAfterSid: this.lastServerFinalSid }
      : this.options.params;
    this.send(conn, startAction(params));
    // A server that accepts the socket but never confirms `start` must not hang the session.
    const startTimer = setTimeout(() => {
      if (conn.started) return;
      conn.closeError ??= new ApiError({ provider: 'vurbo', code: 'timeout', serverMessage: 'no session_started after start' });
      ws.terminate();
    }, this.options.startTimeoutMs ?? 15_000);
    try {
      return await conn.closed;
    } finally {
      clearTimeout(startTimer);
    }
  }

  private handle(conn: Connection, event: LiveEvent): void {
    if (this.ended && event.kind !== 'error') return;
    switch (event.kind) {
      case 'session_started':
        return this.onStarted(conn, event);
      case 'result':
        return this.onResult(event.result);
      case 'error':
        return this.onError(conn, event.error);
      case 'status':
        if (event.status && !['paused', 'resumed', 'recording', 'started'].includes(event.status)) {
          this.emit({ type: 'note', text: `Status: ${event.status}${event.message ? ` — ${event.message}` : ''}` });
        }
        return;
      case 'segment_uploaded':
        return this.emit({ type: 'note', text: 'Audio uploaded; the task is processing…' });
      case 'upload_error':
        return this.emit({ type: 'warning', error: new ApiError({ provider: 'vurbo', code: 'upload_error', serverMessage: event.message }) });
      case 'task_complete':
        this.taskComplete = true;
        this.emit({ type: 'note', text: `Task ${event.taskId ?? this.taskIdValue ?? ''} ${event.processingStatus ?? 'completed'}.`.replace('  ', ' ') });
        if (event.processingStatus === 'failed') this.emit({ type: 'warning', error: new ApiError({ provider: 'vurbo', code: 'task_failed' }) });
        return this.maybeComplete();
      case 'summary_done':
        this.summaryDone = true;
        if (event.summary) {
          this.summary = event.summary;
          this.emit({ type: 'transcript', event: { kind: 'summary', text: event.summary } });
        }
        return this.maybeComplete();
      case 'summary_error':
        this.summaryDone = true;
        this.emit({ type: 'warning', error: new ApiError({ provider: 'vurbo', code: 'summary_error', serverMessage: event.message }) });
        return this.maybeComplete();
      case 'broadcast_phase_changed':
        if (event.phase) this.emit({ type: 'phase', phase: event.phase });
        return;
      case 'viewer_count':
        if (event.count !== undefined) this.emit({ type: 'viewers', count: event.count });
        return;
      case 'health':
        return;
      case 'raw':
        return this.emit({ type: 'transcript', event: { kind: 'raw', event: event.name, data: event.text } });
    }
  }

  private onStarted(conn: Connection, event: Extract<LiveEvent, { kind: 'session_started' }>): void {
    conn.started = true;
    const previousTask = this.taskIdValue;
    const newTask = previousTask !== undefined && event.taskId !== undefined && event.taskId !== previousTask;
    if (event.taskId) this.taskIdValue = event.taskId;
    if (!this.pacer) {
      // The pacer's clock starts now, so connecting time is not sent as a burst of backlog.
      this.pacer = new PcmPacer(this.options.audio, { chunkMs: this.options.chunkMs, clock: this.clock, speed: this.options.speed });
      if (this.pausedRequested) this.pacer.pause();
      this.resolveStarted();
    } else {
      const from = newTask ? this.lastFinalEndMs : (event.audioReceivedMs ?? this.lastFinalEndMs);
      if (newTask) {
        // A server that cannot resume starts over: keep our numbering and timeline going.
        this.sidOffset = Math.max(0, ...this.transcript.segments.map((s) => s.sid));
        this.timeOffsetMs = from;
        this.lastServerFinalSid = 0;
        this.emit({ type: 'note', text: `The server started a new task (${event.taskId}); the transcript continues here.` });
      }
      this.pacer.seek(from);
      this.emit({ type: 'note', text: `Reconnected: sending audio again from ${formatMs(from)}.` });
    }
    this.emit({ type: 'started', taskId: this.taskIdValue, resumed: event.resumed, newTask, broadcastPhase: event.broadcast?.phase });
    if (this.pausedRequested && !this.stopRequested) {
      this.send(conn, pauseAction());
      this.setState('paused');
    } else {
      this.setState(this.stopRequested ? 'finishing' : 'live');
    }
    this.startHeartbeat(conn);
    void this.pump(conn);
  }

  /** Sends paced audio until the audio ends or the connection closes; then `stop` if it ended. */
  private async pump(conn: Connection): Promise<void> {
    const pacer = this.pacer!;
    for (;;) {
      const chunk = await pacer.next(conn.abort.signal);
      if (!chunk) break;
      if (!(await this.sendAwait(conn, audioAction(chunk.pcm)))) return;
    }
    if (conn.abort.signal.aborted || this.ended) return;
    if (!this.stopRequested) {
      this.stopRequested = true;
      this.emit({ type: 'note', text: 'End of the audio file: stopping the recording.' });
      this.setState('finishing');
      this.armFinishTimer();
    }
    this.stopSent = true;
    this.send(conn, stopAction());
  }

  private onResult(r: LiveResult): void {
    const sid = r.sid + this.sidOffset;
    const shift = (ms: number | undefined) => (ms === undefined ? undefined : ms + this.timeOffsetMs);
    const segment: TranscriptSegment = {
      sid,
      text: r.text,
      final: r.final,
      translations: Object.keys(r.translations).length ? r.translations : undefined,
      speaker: r.speakerLabel ?? r.speakerId,
      speakerId: r.speakerId,
      language: r.language,
      startMs: shift(r.startMs),
      endMs: shift(r.endMs),
    };
    const event: TranscriptEvent = { kind: 'segment', segment };
    const change = this.transcript.apply(event);
    if (change.type === 'duplicate') return;
    this.emit({ type: 'transcript', event });
    if (r.final) {
      this.lastServerFinalSid = Math.max(this.lastServerFinalSid, r.sid);
      if (segment.endMs !== undefined) this.lastFinalEndMs = Math.max(this.lastFinalEndMs, segment.endMs);
      const pending = this.pendingSentenceErrors.get(sid);
      if (pending) {
        this.pendingSentenceErrors.delete(sid);
        this.applySentenceError(sid, pending.code, pending.message);
      }
    }
  }

  private onError(conn: Connection, error: ApiError): void {
    if (error.sid !== undefined) {
      // Sentence-level, whatever the severity: mark that sentence, keep the session (§3.2).
      const sid = error.sid + this.sidOffset;
      if (!this.transcript.get(sid)) this.pendingSentenceErrors.set(sid, { code: error.code, message: error.message });
      else this.applySentenceError(sid, error.code, error.message);
      return;
    }
    if (error.code.startsWith('ticket_') && !conn.started) {
      // The ticket was refused with an error frame rather than an HTTP status: connect again.
      conn.closeError = error;
      conn.ws.close();
      return;
    }
    if (error.endsSession) {
      this.fatal ??= error;
      conn.closeError = error;
      if (!this.startedAtLeastOnce) this.rejectStarted(error);
      conn.ws.close();
      return;
    }
    this.emit({ type: 'warning', error });
  }

  private applySentenceError(sid: number, code: string, message: string): void {
    const event: TranscriptEvent = { kind: 'sentenceError', sid, code, message };
    this.transcript.apply(event);
    this.emit({ type: 'transcript', event });
  }

  private maybeComplete(): void {
    if (!this.stopSent || this.ended) return;
    const wantsSummary = !!this.options.params.summaryTemplate;
    if (this.taskComplete && (this.summaryDone || !wantsSummary)) this.finish('completed');
  }

  private armFinishTimer(): void {
    if (this.finishTimer) return;
    this.finishTimer = setTimeout(() => {
      if (this.ended) return;
      this.emit({ type: 'note', text: 'The server has not confirmed processing yet; the task will appear in the Tasks view when it is done.' });
      this.finish(this.fatal ? 'failed' : 'completed', this.fatal);
    }, this.options.finishTimeoutMs ?? 120_000);
  }

  private startHeartbeat(conn: Connection): void {
    const every = this.options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS;
    conn.heartbeat = setInterval(() => {
      if (this.clock.now() - conn.lastMessageAt > every * 2 + 5_000) {
        // Nothing came back for two heartbeats: the connection is dead even if TCP has not noticed.
        conn.closeError = new ApiError({ provider: 'vurbo', code: 'stream_stalled', serverMessage: 'no reply to the heartbeat' });
        conn.ws.terminate();
        return;
      }
      // Both heartbeats the docs allow for: any answer, a pong frame or a JSON reply, counts.
      conn.ws.ping();
      this.send(conn, healthPing());
    }, every);
    conn.heartbeat.unref?.();
  }

  // ---- plumbing --------------------------------------------------------------------------------

  private send(conn: Connection, message: Envelope): void {
    conn.ws.send(serialize(message));
  }

  private sendIfOpen(message: Envelope): void {
    if (this.conn?.started) this.send(this.conn, message);
  }

  /** Sends and waits until the frame is handed to the socket: backpressure for the audio pump. */
  private sendAwait(conn: Connection, message: Envelope): Promise<boolean> {
    return new Promise((resolve) => conn.ws.send(serialize(message), (err) => resolve(!err)));
  }

  private setState(state: LiveState): void {
    if (this.stateValue === state) return;
    this.stateValue = state;
    this.emit({ type: 'state', state });
  }

  private emit(event: LiveSessionEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(event);
      } catch {
        // A broken listener must not break the session.
      }
    }
  }

  private finish(state: 'completed' | 'failed' | 'cancelled', error?: ApiError): void {
    if (this.ended) return;
    this.ended = true;
    if (this.finishTimer) clearTimeout(this.finishTimer);
    this.cancelled.abort();
    this.pacer?.stop();
    const conn = this.conn;
    if (conn) {
      if (conn.heartbeat) clearInterval(conn.heartbeat);
      conn.abort.abort();
      conn.ws.close(1000, state === 'cancelled' ? 'cancelled' : 'done');
    }
    if (!this.startedAtLeastOnce) this.rejectStarted(error ?? new ApiError({ provider: 'vurbo', code: 'cancelled' }));
    void this.options.audio.close().catch(() => undefined);
    for (const t of this.tickets) redactor.removeSecret(t);
    const outcome: LiveOutcome = {
      state,
      taskId: this.taskIdValue,
      error,
      finalSentences: this.transcript.segments.filter((s) => s.final).length,
      summary: this.summary,
      processingUnconfirmed: !this.taskComplete,
    };
    this.setState(state);
    if (this.transcript.summary === undefined && this.summary) this.transcript.summary = this.summary;
    this.emit({ type: 'transcript', event: { kind: 'end', reason: state === 'completed' ? 'stopped' : state === 'failed' ? error?.message : 'cancelled' } });
    this.resolveDone(outcome);
  }
}

function formatMs(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** The sample rate live audio is converted to (re-exported for the callers that open WAV files). */
export const LIVE_SAMPLE_RATE = LIVE_PCM.sampleRate;
