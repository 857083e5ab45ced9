// The emulated Vurbo live service (vurbo-vas.md §2.2, §6) of one emulator: its WebSocket
// connections and their messages, the recordings they feed (kept for a resume after a drop), and
// the hooks tests use. It is given the task sink it stores recordings with and the broadcast service
// it relays broadcast sessions to. Routes: liveRoutes.ts.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
// Wire names and the PCM format only: the emulator checks requests with its own rules, not the client's.
import { LIVE_PCM_BYTES_PER_MS, audioPayload, RECORDING_TYPES, type LiveStartParams, type RecordingType } from '../../core/vurbo/liveProtocol';
import { vurboError, type Fault } from '../server';
import type { BroadcastService } from './broadcastService';
import { LiveConnection } from './liveConnection';
import { LiveRecording, type LiveRecordingDeps } from './liveRecording';
import { BroadcastRelay } from './liveRelay';
import { defaultLiveSettings, LiveFailures, type LiveSettings } from './liveSettings';
import { LiveTickets, TICKET_MESSAGES, type Redemption } from './liveTickets';
import type { LiveSentence, VurboTaskSink } from './taskSink';

export class LiveService {
  /** Switches the behaviours the docs leave open (ticket rejection, health replies) and the pacing. */
  readonly settings: LiveSettings = defaultLiveSettings();
  readonly tickets = new LiveTickets();
  /** Messages received per action (`health` counts heartbeats). */
  readonly received: Record<string, number> = {};
  private readonly failures = new LiveFailures();
  private readonly recordings = new Map<string, LiveRecording>();
  private readonly connections = new Set<LiveConnection>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly deps: LiveRecordingDeps;
  private readonly wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: 4 * 1024 * 1024,
    // Echo the ticket subprotocol: clients abort when a requested subprotocol is not echoed.
    handleProtocols: (protocols) => [...protocols].find((p) => p.startsWith('ticket.')) ?? false,
  });
  private disposed = false;

  constructor(
    private readonly tasks: VurboTaskSink,
    broadcasts: BroadcastService,
  ) {
    this.deps = { settings: this.settings, failures: this.failures, tasks, relay: new BroadcastRelay(broadcasts), later: (ms, fn) => this.later(ms, fn) };
  }

  // ---- test hooks ------------------------------------------------------------------------------

  /** Every ticket issued, in order (tests: fresh ticket per connection). */
  get ticketsIssued(): readonly string[] {
    return this.tickets.issued;
  }

  /** Every ticket presented on an upgrade, in order. */
  get ticketsPresented(): readonly string[] {
    return this.tickets.presented;
  }

  /** Open WebSocket connections now. */
  get openConnections(): number {
    return this.connections.size;
  }

  /** The next `times` upgrades fail with ticket_validation_failed (HTTP 500). */
  failTicketValidation(times = 1): void {
    this.tickets.failValidation(times);
  }

  /** Sentence `sid` (of the next sessions) gets a sentence-level error instead of its translation. */
  failSentence(sid: number, code = 'translation_failed'): void {
    this.failures.sentences.set(sid, code);
  }

  /** After `finals` final sentences in a session, send a session-level fatal error and close. */
  failSessionAfter(finals: number, code = 'stt_service_error'): void {
    this.failures.sessionFatal = { finals, code };
  }

  /** The sentences of a task so far. */
  sentencesOf(taskId: string): readonly LiveSentence[] {
    return this.recordings.get(taskId)?.sentences ?? [];
  }

  // ---- connections -------------------------------------------------------------------------------

  /** Completes a `/ws` upgrade whose ticket was redeemed; a refused ticket gets one error frame and 1008. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, outcome: Redemption, fault: Fault | undefined): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      if ('code' in outcome) {
        ws.send(JSON.stringify(vurboError(outcome.code, TICKET_MESSAGES[outcome.code], 'fatal', { context: 'ticket' })), () => ws.close(1008, outcome.code));
        return;
      }
      this.accept(ws, outcome.apiKey, fault);
    });
  }

  /** Stops the timers, drops every connection and closes the WebSocket server (idempotent). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    for (const recording of this.recordings.values()) if (recording.grace) clearTimeout(recording.grace);
    for (const conn of this.connections) conn.ws.terminate();
    this.wss.close();
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private accept(ws: WebSocket, apiKey: string, fault: Fault | undefined): void {
    const conn = new LiveConnection(ws, apiKey, fault, (ms, fn) => this.later(ms, fn));
    this.connections.add(conn);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return conn.sendError('validation_failed', 'Binary frames are not supported; send audio as Base64 in the audio action', 'error');
      let msg: unknown;
      try {
        msg = JSON.parse(String(data));
      } catch {
        return conn.sendError('validation_failed', 'Messages must be JSON', 'error');
      }
      this.handle(conn, msg);
    });
    ws.on('close', () => {
      this.connections.delete(conn);
      const recording = conn.recording;
      if (recording && !recording.finished) {
        recording.connected = false;
        // Keep the recording for a resume; finalise it if nobody comes back.
        recording.grace = setTimeout(() => recording.finalise(), this.settings.resumeGraceMs);
        recording.grace.unref?.();
      }
    });
    ws.on('error', () => undefined);
  }

  private handle(conn: LiveConnection, msg: unknown): void {
    const rec = typeof msg === 'object' && msg !== null ? (msg as Record<string, unknown>) : {};
    const data = typeof rec.data === 'object' && rec.data !== null ? (rec.data as Record<string, unknown>) : {};
    if (rec.type === 'health') {
      this.count('health');
      if (!this.settings.answerHealth) return;
      return conn.send('pong', { timestamp: new Date().toISOString() }, 'health');
    }
    if (rec.type !== 'voice-translation') return conn.sendError('validation_failed', `Unknown message type "${String(rec.type)}"`, 'error');
    const action = String(data.action ?? '');
    this.count(action || 'unknown');
    if (action === 'start') return this.start(conn, data);
    const recording = conn.recording;
    if (!recording) return conn.sendError('validation_failed', 'Send "start" first', 'error');
    switch (action) {
      case 'audio': {
        const pcm = audioPayload(data);
        if (!pcm) return conn.sendError('validation_failed', 'audio must be Base64-encoded PCM', 'error');
        if (conn.paused || recording.finished) return;
        return recording.hear(conn, pcm.length);
      }
      case 'pause':
        conn.paused = true;
        return conn.send('status', { status: 'paused', message: 'Translation paused' });
      case 'resume':
        conn.paused = false;
        return conn.send('status', { status: 'resumed', message: 'Translation resumed' });
      case 'stop':
        return recording.stop(conn);
      case 'broadcast_go_live':
      case 'set_standby_message':
      case 'broadcast_announcement':
        return this.deps.relay.action(conn, recording, action, data);
      case 'set_name':
      case 'config':
        return conn.send(action === 'config' ? 'config_updated' : 'status', { status: 'ok' });
      default:
        return conn.sendError('validation_failed', `The sandbox does not support the "${action}" action`, 'warning');
    }
  }

  private count(name: string): void {
    this.received[name] = (this.received[name] ?? 0) + 1;
  }

  private start(conn: LiveConnection, data: Record<string, unknown>): void {
    if (conn.recording) return conn.sendError('validation_failed', 'The session has already started', 'error');
    const params = startParams(data);
    const refusal = startRefusal(params);
    // DOCUMENTED for diarization_multilang_conflict: the server refuses the session.
    if (refusal) return conn.refuse(refusal.code, refusal.message);
    const resumable = params.resumeTaskId ? this.recordings.get(params.resumeTaskId) : undefined;
    let recording = resumable?.apiKey === conn.apiKey ? resumable : undefined;
    if (recording?.connected) {
      // The client gave up on a connection this side has not seen close yet: the new one takes over.
      for (const old of this.connections) {
        if (old !== conn && old.recording === recording) {
          old.recording = undefined;
          old.ws.terminate();
        }
      }
    }
    const resumed = recording !== undefined;
    if (!recording) {
      const id = this.tasks.createLiveTask({
        apiKey: conn.apiKey,
        type: params.type,
        sourceLanguages: params.transcriptionLanguages,
        targetLanguages: params.translationLanguages ?? [],
        recognitionMode: params.recognitionMode ?? 'single',
        summaryTemplate: params.summaryTemplate,
      });
      recording = new LiveRecording(id, conn.apiKey, params, this.deps);
      this.recordings.set(id, recording);
    }
    if (recording.grace) clearTimeout(recording.grace);
    recording.connected = true;
    conn.recording = recording;
    let broadcast: Record<string, unknown> = {};
    if (params.type === 'broadcast') {
      const attached = this.deps.relay.attach(conn, recording, params.broadcastId);
      if (!attached) return;
      broadcast = attached;
    }
    conn.send('session_started', {
      session_id: conn.sessionId,
      task_id: recording.id,
      recording_id: recording.id,
      recording_type: params.type,
      recognition_mode: params.recognitionMode ?? 'single',
      message: resumed ? 'Speech recognition resumed' : 'Speech recognition started',
      // INFERRED / EMULATOR CHOICE: what a resumed connection needs to continue without gaps.
      resumed,
      audio_received_ms: Math.floor(recording.receivedBytes / LIVE_PCM_BYTES_PER_MS),
      ...broadcast,
    });
    // EMULATOR CHOICE: finals sent on the dropped connection may never have arrived; repeat the ones
    // after the client's last (the client drops what it already has, by sid).
    if (resumed && params.resumeAfterSid !== undefined) {
      for (const s of recording.sentences) if (s.sid > params.resumeAfterSid) conn.send('result', recording.finalResult(s));
    }
  }
}

function startParams(data: Record<string, unknown>): LiveStartParams {
  return {
    type: data.type as RecordingType,
    transcriptionLanguages: Array.isArray(data.transcription_languages)
      ? (data.transcription_languages as string[])
      : typeof data.transcription_languages === 'string'
        ? [data.transcription_languages]
        : [],
    translationLanguages: Array.isArray(data.translation_languages) ? (data.translation_languages as string[]).filter((l) => typeof l === 'string') : [],
    recognitionMode: (data.recognition_mode as LiveStartParams['recognitionMode']) ?? 'single',
    summaryTemplate: typeof data.summary_template === 'string' ? data.summary_template : undefined,
    broadcastId: typeof data.broadcast_id === 'string' ? data.broadcast_id : undefined,
    resumeTaskId: typeof data.resume_task_id === 'string' ? data.resume_task_id : undefined,
    resumeAfterSid: typeof data.resume_after_sid === 'number' ? data.resume_after_sid : undefined,
  };
}

/** Why a `start` is refused, if it is. */
function startRefusal(params: LiveStartParams): { code: string; message: string } | undefined {
  const invalid = (message: string) => ({ code: 'validation_failed', message });
  if (!RECORDING_TYPES.includes(params.type)) return invalid('type must be transcribe, conversation, record or broadcast');
  const langs = params.transcriptionLanguages;
  if (langs.length === 0 || langs.some((l) => typeof l !== 'string' || l === '')) return invalid('transcription_languages is required');
  if (langs.length > 2) return invalid('At most 2 transcription languages are allowed');
  if (params.recognitionMode !== 'single' && params.recognitionMode !== 'multi_speaker') return invalid('recognition_mode must be single or multi_speaker');
  // DOCUMENTED: multi_speaker needs exactly one transcription language.
  if (params.recognitionMode === 'multi_speaker' && langs.length !== 1)
    return { code: 'diarization_multilang_conflict', message: 'Speaker diarization supports exactly one transcription language' };
  if (params.type === 'broadcast' && !params.broadcastId && !params.resumeTaskId) return invalid('broadcast_id is required for a broadcast session');
  return undefined;
}
