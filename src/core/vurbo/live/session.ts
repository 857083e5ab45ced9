// Longer than 400 lines: one class is the session's state machine; its parts live in the sibling modules.
// A live session (vurbo-vas.md §6): a one-time ticket per connection, the `start`/`audio`/`pause`/
// `resume`/`stop` actions with audio paced from a PcmSource, a heartbeat, and reconnects with a fresh
// ticket that continue the task without repeating a final sentence.
import { Listeners } from '../../listeners';
import { formatClock } from '../../clock';
import { ApiError, transportError } from '../../errors';
import { backoffDelay, sleep } from '../../http/client';
import { redactor } from '../../redact';
import type { TranscriptEvent } from '../../transcript/model';
import {
  audioAction,
  goLiveAction,
  announcementAction,
  HEARTBEAT_INTERVAL_MS,
  parseServerMessage,
  pauseAction,
  resumeAction,
  startAction,
  stopAction,
  validateStartParams,
  type Envelope,
  type LiveEvent,
  type LiveStartParams,
} from '../liveProtocol';
import { DevicePacer } from '../../capture/pacer';
import { isDeviceSource } from '../../capture/deviceSource';
import { PcmPacer, realClock, type Clock, type PcmChunk } from '../wav';
import { openLiveSocket } from './socket';
import { LiveConnection } from './connection';
import { fetchTicket } from './ticket';
import { LiveTimeline } from './timeline';
import type { LiveOutcome, LiveSessionEvent, LiveSessionOptions, LiveState, ReconnectPolicy } from './types';

/**
 * Where the session is in its life. `paused` and `stopping` are the user's asks (stop: send what has
 * played, then `stop`); `stopSent` waits for the server to confirm the task; `ended` is final.
 */
type SessionPhase = 'recording' | 'paused' | 'stopping' | 'stopSent' | 'ended';

/** What the server confirmed about the task; either may come in any phase. */
type ServerConfirmation = 'task_complete' | 'summary_done';

const DEFAULT_RECONNECT: ReconnectPolicy = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 8_000 };

type Listener = (event: LiveSessionEvent) => void;

/** What hands out the session's audio: a clock for a file, the device for a microphone. */
type AudioPacer = Pick<PcmPacer, 'positionMs' | 'pause' | 'resume' | 'seek' | 'finishAtPlayhead' | 'stop'> & {
  next(signal?: AbortSignal): Promise<PcmChunk | undefined>;
};

export class LiveSession {
  private readonly timeline = new LiveTimeline();
  readonly transcript = this.timeline.transcript;
  private readonly listeners = new Listeners<LiveSessionEvent>();
  private readonly reconnect: ReconnectPolicy;
  private readonly clock: Clock;
  private stateValue: LiveState = 'connecting';
  private taskIdValue: string | undefined;
  private pacer: AudioPacer | undefined;
  private conn: LiveConnection | undefined;
  private phase: SessionPhase = 'recording';
  private readonly confirmed = new Set<ServerConfirmation>();
  private fatal: ApiError | undefined;
  private summary: string | undefined;
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
    return this.listeners.add(listener);
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
    if (this.phase !== 'recording') return;
    this.phase = 'paused';
    this.pacer?.pause();
    this.sendIfOpen(pauseAction());
    this.setState('paused');
  }

  resume(): void {
    if (this.phase !== 'paused') return;
    this.phase = 'recording';
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
    if (this.phase !== 'recording' && this.phase !== 'paused') return;
    if (!this.pacer) return this.cancel();
    if (this.phase === 'paused') this.pacer.resume();
    this.phase = 'stopping';
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
      if (this.phase === 'stopSent' && this.confirmed.has('task_complete')) return this.finish('completed');
      const err = error ?? new ApiError({ provider: 'vurbo', code: 'network_error', serverMessage: 'The live connection closed unexpectedly.' });
      attempt++;
      // Before the first session_started a failure is more likely a setup problem: give up sooner.
      const allowed = this.startedAtLeastOnce ? this.reconnect.maxAttempts : Math.min(2, this.reconnect.maxAttempts);
      if (!err.retryable || attempt > allowed) {
        const lost =
          this.startedAtLeastOnce && err.retryable
            ? new ApiError({ provider: 'vurbo', code: 'live_connection_lost', serverMessage: err.message, cause: err })
            : err;
        return this.finish('failed', lost);
      }
      const delay = backoffDelay(attempt - 1, { ...this.reconnect, maxRetries: this.reconnect.maxAttempts, maxRetryAfterMs: 0 }, this.options.random);
      this.setState('reconnecting');
      this.listeners.emit({
        type: 'note',
        text: `${this.startedAtLeastOnce ? 'Connection lost' : 'Could not connect'} (${err.message}). Reconnecting in ${(delay / 1000).toFixed(1)} s with a new ticket (attempt ${attempt} of ${allowed})…`,
      });
      try {
        await sleep(delay, this.cancelled.signal);
      } catch {
        return;
      }
    }
  }

  private get ended(): boolean {
    return this.phase === 'ended';
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
    const conn = new LiveConnection(ws, this.clock);
    this.conn = conn;
    ws.attach({
      alive: () => conn.heard(),
      message: (text, isBinary) => {
        conn.heard();
        if (!isBinary) this.tapRaw(text);
        if (isBinary) this.listeners.emit({ type: 'transcript', event: { kind: 'raw', event: 'binary', data: text } });
        else this.handle(conn, parseServerMessage(text));
      },
      error: (e) => (conn.closeError ??= transportError('vurbo', e)),
      close: (code, why) => {
        if (this.conn === conn) this.conn = undefined;
        conn.settleClosed(
          code === 1000 && this.ended
            ? undefined
            : new ApiError({ provider: 'vurbo', code: 'network_error', serverMessage: `closed with code ${code}${why ? `: ${why}` : ''}` }),
        );
      },
    });
    const params: LiveStartParams = this.taskIdValue
      ? { ...this.options.params, resumeTaskId: this.taskIdValue, resumeAfterSid: this.timeline.lastServerFinalSid }
      : this.options.params;
    conn.send(startAction(params));
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

  private tapRaw(text: string): void {
    try {
      this.options.onRawMessage?.(text);
    } catch {
      // A broken tap must not end the session.
    }
  }

  private handle(conn: LiveConnection, event: LiveEvent): void {
    if (this.ended && event.kind !== 'error') return;
    switch (event.kind) {
      case 'session_started':
        return this.onStarted(conn, event);
      case 'result':
        return this.emitTranscript(this.timeline.result(event.result));
      case 'error':
        return this.onError(conn, event.error);
      case 'status':
        if (event.status && !['paused', 'resumed', 'recording', 'started'].includes(event.status)) {
          this.listeners.emit({ type: 'note', text: `Status: ${event.status}${event.message ? ` — ${event.message}` : ''}` });
        }
        return;
      case 'segment_uploaded':
        return this.listeners.emit({ type: 'note', text: 'Audio uploaded; the task is processing…' });
      case 'upload_error':
        return this.listeners.emit({ type: 'warning', error: new ApiError({ provider: 'vurbo', code: 'upload_error', serverMessage: event.message }) });
      case 'task_complete':
        this.confirmed.add('task_complete');
        this.listeners.emit({
          type: 'note',
          text: `Task ${event.taskId ?? this.taskIdValue ?? ''} ${event.processingStatus ?? 'completed'}.`.replace('  ', ' '),
        });
        if (event.processingStatus === 'failed') this.listeners.emit({ type: 'warning', error: new ApiError({ provider: 'vurbo', code: 'task_failed' }) });
        return this.maybeComplete();
      case 'summary_done':
        this.confirmed.add('summary_done');
        if (event.summary) {
          this.summary = event.summary;
          this.listeners.emit({ type: 'transcript', event: { kind: 'summary', text: event.summary } });
        }
        return this.maybeComplete();
      case 'summary_error':
        this.confirmed.add('summary_done');
        this.listeners.emit({ type: 'warning', error: new ApiError({ provider: 'vurbo', code: 'summary_error', serverMessage: event.message }) });
        return this.maybeComplete();
      case 'broadcast_phase_changed':
        if (event.phase) this.listeners.emit({ type: 'phase', phase: event.phase });
        return;
      case 'viewer_count':
        if (event.count !== undefined) this.listeners.emit({ type: 'viewers', count: event.count });
        return;
      case 'health':
        return;
      case 'raw':
        return this.listeners.emit({ type: 'transcript', event: { kind: 'raw', event: event.name, data: event.text } });
    }
  }

  private onStarted(conn: LiveConnection, event: Extract<LiveEvent, { kind: 'session_started' }>): void {
    conn.started = true;
    const previousTask = this.taskIdValue;
    const newTask = previousTask !== undefined && event.taskId !== undefined && event.taskId !== previousTask;
    if (event.taskId) this.taskIdValue = event.taskId;
    if (!this.pacer) {
      // The pacer's clock starts now, so connecting time is not sent as a burst of backlog.
      const audio = this.options.audio;
      this.pacer = isDeviceSource(audio)
        ? new DevicePacer(audio, { chunkMs: this.options.chunkMs })
        : new PcmPacer(audio, { chunkMs: this.options.chunkMs, clock: this.clock, speed: this.options.speed });
      if (this.phase === 'paused') this.pacer.pause();
      this.resolveStarted();
    } else {
      const from = newTask ? this.timeline.lastFinalEndMs : (event.audioReceivedMs ?? this.timeline.lastFinalEndMs);
      if (newTask) {
        this.timeline.continueAsNewTask(from);
        this.listeners.emit({ type: 'note', text: `The server started a new task (${event.taskId}); the transcript continues here.` });
      }
      this.pacer.seek(from);
      this.listeners.emit({ type: 'note', text: `Reconnected: sending audio again from ${formatClock(from, { minutesOnly: true })}.` });
    }
    this.listeners.emit({ type: 'started', taskId: this.taskIdValue, resumed: event.resumed, newTask, broadcastPhase: event.broadcast?.phase });
    if (this.phase === 'paused') {
      conn.send(pauseAction());
      this.setState('paused');
    } else {
      this.setState(this.phase === 'recording' ? 'live' : 'finishing');
    }
    conn.startHeartbeat(this.options.heartbeatMs ?? HEARTBEAT_INTERVAL_MS);
    void this.pump(conn);
  }

  /** Sends paced audio until the audio ends or the connection closes; then `stop` if it ended. */
  private async pump(conn: LiveConnection): Promise<void> {
    const pacer = this.pacer!;
    for (;;) {
      const chunk = await pacer.next(conn.abort.signal);
      if (!chunk) break;
      if (!(await conn.sendAwait(audioAction(chunk.pcm)))) return;
    }
    if (conn.abort.signal.aborted || this.ended) return;
    if (this.phase === 'recording' || this.phase === 'paused') {
      this.listeners.emit({ type: 'note', code: 'audio-ended', text: 'The audio ended: stopping the recording.' });
      this.setState('finishing');
      this.armFinishTimer();
    }
    this.phase = 'stopSent';
    conn.send(stopAction());
  }

  private onError(conn: LiveConnection, error: ApiError): void {
    if (error.sid !== undefined) {
      // Sentence-level, whatever the severity: mark that sentence, keep the session (§3.2).
      return this.emitTranscript(this.timeline.sentenceError(error.sid, error.code, error.message));
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
    this.listeners.emit({ type: 'warning', error });
  }

  private maybeComplete(): void {
    if (this.phase !== 'stopSent') return;
    const wantsSummary = !!this.options.params.summaryTemplate;
    if (this.confirmed.has('task_complete') && (this.confirmed.has('summary_done') || !wantsSummary)) this.finish('completed');
  }

  private armFinishTimer(): void {
    if (this.finishTimer) return;
    this.finishTimer = setTimeout(() => {
      if (this.ended) return;
      this.listeners.emit({ type: 'note', code: 'processing-unconfirmed', text: 'The server has not confirmed processing yet.' });
      this.finish(this.fatal ? 'failed' : 'completed', this.fatal);
    }, this.options.finishTimeoutMs ?? 120_000);
  }

  // ---- plumbing --------------------------------------------------------------------------------

  private sendIfOpen(message: Envelope): void {
    if (this.conn?.started) this.conn.send(message);
  }

  private setState(state: LiveState): void {
    if (this.stateValue === state) return;
    this.stateValue = state;
    this.listeners.emit({ type: 'state', state });
  }

  private emitTranscript(events: readonly TranscriptEvent[]): void {
    for (const event of events) this.listeners.emit({ type: 'transcript', event });
  }

  private finish(state: 'completed' | 'failed' | 'cancelled', error?: ApiError): void {
    if (this.ended) return;
    this.phase = 'ended';
    if (this.finishTimer) clearTimeout(this.finishTimer);
    this.cancelled.abort();
    this.pacer?.stop();
    this.conn?.shutDown(state === 'cancelled' ? 'cancelled' : 'done');
    if (!this.startedAtLeastOnce) this.rejectStarted(error ?? new ApiError({ provider: 'vurbo', code: 'cancelled' }));
    void this.options.audio.close().catch(() => undefined);
    for (const t of this.tickets) redactor.removeSecret(t);
    const outcome: LiveOutcome = {
      state,
      taskId: this.taskIdValue,
      error,
      finalSentences: this.transcript.segments.filter((s) => s.final).length,
      summary: this.summary,
      processingUnconfirmed: !this.confirmed.has('task_complete'),
    };
    this.setState(state);
    if (this.transcript.summary === undefined && this.summary) this.transcript.summary = this.summary;
    this.listeners.emit({
      type: 'transcript',
      event: { kind: 'end', reason: state === 'completed' ? 'stopped' : state === 'failed' ? error?.message : 'cancelled' },
    });
    this.resolveDone(outcome);
  }
}
