// The emulated Vurbo live service (vurbo-vas.md §2.2, §6): one-time tickets with a TTL, the `/ws`
// WebSocket with the `ticket.…` subprotocol, and sessions that turn received audio into a
// deterministic transcript (one sentence per `sentenceMs` of audio, partial results on the way) and
// hand finished recordings to the task store through VurboTaskSink.
//
// Ticket errors (EMULATOR CHOICE, the docs do not say how they arrive): by default the upgrade is
// refused with the table's HTTP status (401/500) and the unified error body. With
// `settings.ticketRejection = 'frame'` the upgrade succeeds, one error frame is sent and the socket
// closes with 1008. The client handles both.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
// Wire names and the PCM format only: the emulator checks requests with its own rules, not the client's.
import { LIVE_PCM_BYTES_PER_MS, audioPayload, RECORDING_TYPES, type LiveStartParams, type RecordingType } from '../../core/vurbo/liveProtocol';
import { randomAlphanumeric } from '../keys';
import type { ResolvedOptions } from '../options';
import { sendJson, vurboError, type EmulatorServer, type Fault } from '../server';
import { broadcastsOf } from './broadcasts';
import { authenticateVurbo, disposeWithServer, sentenceFor, summaryFor, translationFor } from './liveScript';
import type { LiveSentence, VurboTaskSink } from './taskSink';

export interface LiveEmulatorSettings {
  /** Audio per sentence (ms of 16 kHz mono PCM). */
  sentenceMs: number;
  /** A partial result every this many ms of audio inside a sentence. */
  partialEveryMs: number;
  /** Pause between the events that follow `stop`. */
  finishStepMs: number;
  /** A task whose connection dropped without `stop` is finalised after this long. */
  resumeGraceMs: number;
  ticketRejection: 'http' | 'frame';
  /**
   * Whether the JSON `health` message gets its `pong` (default true). The docs recommend a ping every
   * 30 s but do not say what answers it; a server may answer only WebSocket ping frames (which the
   * socket always does).
   */
  answerHealth: boolean;
}

export interface LiveEmulator {
  readonly settings: LiveEmulatorSettings;
  /** Every ticket issued, in order (tests: fresh ticket per connection). */
  readonly ticketsIssued: readonly string[];
  /** Every ticket presented on an upgrade, in order. */
  readonly ticketsPresented: readonly string[];
  /** Messages received per action (`health` counts heartbeats). */
  readonly received: Readonly<Record<string, number>>;
  /** Open WebSocket connections now. */
  readonly openConnections: number;
  /** The next `times` upgrades fail with ticket_validation_failed (HTTP 500). */
  failTicketValidation(times?: number): void;
  /** Sentence `sid` (of the next sessions) gets a sentence-level error instead of its translation. */
  failSentence(sid: number, code?: string): void;
  /** After `finals` final sentences in a session, send a session-level fatal error and close. */
  failSessionAfter(finals: number, code?: string): void;
  /** The sentences of a task so far. */
  sentencesOf(taskId: string): readonly LiveSentence[];
  dispose(): void;
}

interface TaskState {
  id: string;
  apiKey: string;
  params: LiveStartParams;
  receivedBytes: number;
  /** Partials sent for the current sentence. */
  partials: number;
  sentences: LiveSentence[];
  finished: boolean;
  summary?: string;
  connected: boolean;
  grace?: ReturnType<typeof setTimeout>;
  broadcastId?: string;
}

interface Session {
  ws: WebSocket;
  apiKey: string;
  task?: TaskState;
  paused: boolean;
  sent: number;
  finals: number;
  fault?: Fault;
  sessionId: string;
}

const emulators = new WeakMap<EmulatorServer, LiveEmulator>();

/** The live module registered on a server (tests reach its hooks through this). */
export function liveEmulatorOf(server: EmulatorServer): LiveEmulator | undefined {
  return emulators.get(server);
}

const TICKET_MESSAGES: Record<string, string> = {
  ticket_invalid: 'Invalid or expired ticket',
  ticket_expired: 'Ticket has expired',
  ticket_already_used: 'Ticket has already been used',
  ticket_validation_failed: 'Ticket validation service error',
};

export function registerVurboLive(server: EmulatorServer, options: ResolvedOptions, tasks: VurboTaskSink): LiveEmulator {
  const settings: LiveEmulatorSettings = { sentenceMs: 2000, partialEveryMs: 500, finishStepMs: 100, resumeGraceMs: 120_000, ticketRejection: 'http', answerHealth: true };
  const tickets = new Map<string, { apiKey: string; expiresAt: number }>();
  /** Used tickets, so a replay is told apart from an unknown ticket (bounded). */
  const used = new Set<string>();
  const ticketsIssued: string[] = [];
  const ticketsPresented: string[] = [];
  const received: Record<string, number> = {};
  const taskStates = new Map<string, TaskState>();
  const sessions = new Set<Session>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let validationFailures = 0;
  const failingSentences = new Map<number, string>();
  let fatalAfter: { finals: number; code: string } | undefined;
  let disposed = false;

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  // ---- tickets ---------------------------------------------------------------------------------

  server.route('POST', '/api/v1/auth/ticket', (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    if (!apiKey) return;
    const ticket = randomAlphanumeric(32);
    tickets.set(ticket, { apiKey, expiresAt: Date.now() + options.ticketTtlMs });
    ticketsIssued.push(ticket);
    // DOCUMENTED: top-level, not wrapped in `data`; expires_in is always 60.
    sendJson(ctx.res, 200, { ticket, expires_in: Math.ceil(options.ticketTtlMs / 1000) });
  });

  /** Consumes the ticket atomically: the first use wins, every later one is a replay. */
  function redeem(ticket: string | undefined): { apiKey: string } | { code: string; status: number } {
    if (validationFailures > 0) {
      validationFailures--;
      return { code: 'ticket_validation_failed', status: 500 };
    }
    if (!ticket) return { code: 'ticket_invalid', status: 401 };
    ticketsPresented.push(ticket);
    if (used.has(ticket)) return { code: 'ticket_already_used', status: 401 };
    const grant = tickets.get(ticket);
    if (!grant) return { code: 'ticket_invalid', status: 401 };
    tickets.delete(ticket);
    used.add(ticket);
    if (used.size > 10_000) used.delete(used.values().next().value as string);
    if (grant.expiresAt < Date.now()) return { code: 'ticket_expired', status: 401 };
    return { apiKey: grant.apiKey };
  }

  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    maxPayload: 4 * 1024 * 1024,
    // Echo the ticket subprotocol: clients abort when a requested subprotocol is not echoed.
    handleProtocols: (protocols) => [...protocols].find((p) => p.startsWith('ticket.')) ?? false,
  });

  server.onUpgrade('/ws', (req: IncomingMessage, socket: Duplex, head: Buffer, _url: URL, fault: Fault | undefined) => {
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const ticket = offered.find((p) => p.startsWith('ticket.'))?.slice('ticket.'.length);
    const outcome = redeem(ticket);
    if ('code' in outcome && settings.ticketRejection === 'http') {
      const body = JSON.stringify(vurboError(outcome.code, TICKET_MESSAGES[outcome.code], 'fatal', { context: 'ticket' }));
      const reason = outcome.status === 500 ? 'Internal Server Error' : 'Unauthorized';
      socket.end(`HTTP/1.1 ${outcome.status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if ('code' in outcome) {
        ws.send(JSON.stringify(vurboError(outcome.code, TICKET_MESSAGES[outcome.code], 'fatal', { context: 'ticket' })), () => ws.close(1008, outcome.code));
        return;
      }
      accept(ws, outcome.apiKey, fault);
    });
  });

  // ---- sessions --------------------------------------------------------------------------------

  function accept(ws: WebSocket, apiKey: string, fault: Fault | undefined): void {
    const session: Session = { ws, apiKey, paused: false, sent: 0, finals: 0, fault, sessionId: randomUUID() };
    sessions.add(session);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return send(session, 'error', errorData('validation_failed', 'Binary frames are not supported; send audio as Base64 in the audio action', 'error'));
      let msg: unknown;
      try {
        msg = JSON.parse(String(data));
      } catch {
        return send(session, 'error', errorData('validation_failed', 'Messages must be JSON', 'error'));
      }
      handle(session, msg);
    });
    ws.on('close', () => {
      sessions.delete(session);
      const task = session.task;
      if (task && !task.finished) {
        task.connected = false;
        // Keep the task for a resume; finalise it if nobody comes back.
        task.grace = setTimeout(() => finalise(task), settings.resumeGraceMs);
        task.grace.unref?.();
      }
    });
    ws.on('error', () => undefined);
  }

  function send(session: Session, action: string, data: Record<string, unknown>, type = 'voice-translation'): void {
    const ws = session.ws;
    if (ws.readyState !== ws.OPEN) return;
    const envelope = action === 'error' ? { type: 'error', data: { action: 'error', ...data } } : { type, data: { action, ...data } };
    ws.send(JSON.stringify(envelope));
    session.sent++;
    const fault = session.fault;
    if (fault?.closeAfterMessages !== undefined && session.sent >= fault.closeAfterMessages) {
      // The fault: the connection drops without a close frame, as a network failure would.
      setImmediate(() => ws.terminate());
      fault.fired = (fault.fired ?? 0) + 1;
      session.fault = undefined;
    }
  }

  function handle(session: Session, msg: unknown): void {
    const rec = typeof msg === 'object' && msg !== null ? (msg as Record<string, unknown>) : {};
    const data = typeof rec.data === 'object' && rec.data !== null ? (rec.data as Record<string, unknown>) : {};
    if (rec.type === 'health') {
      count('health');
      if (!settings.answerHealth) return;
      return send(session, 'pong', { timestamp: new Date().toISOString() }, 'health');
    }
    if (rec.type !== 'voice-translation') return send(session, 'error', errorData('validation_failed', `Unknown message type "${String(rec.type)}"`, 'error'));
    const action = String(data.action ?? '');
    count(action || 'unknown');
    if (action === 'start') return start(session, data);
    const task = session.task;
    if (!task) return send(session, 'error', errorData('validation_failed', 'Send "start" first', 'error'));
    switch (action) {
      case 'audio': {
        const pcm = audioPayload(data);
        if (!pcm) return send(session, 'error', errorData('validation_failed', 'audio must be Base64-encoded PCM', 'error'));
        if (session.paused || task.finished) return;
        return hear(session, task, pcm.length);
      }
      case 'pause':
        session.paused = true;
        return send(session, 'status', { status: 'paused', message: 'Translation paused' });
      case 'resume':
        session.paused = false;
        return send(session, 'status', { status: 'resumed', message: 'Translation resumed' });
      case 'stop':
        return stop(session, task);
      case 'broadcast_go_live':
      case 'set_standby_message':
      case 'broadcast_announcement':
        return broadcastAction(session, task, action, data);
      case 'set_name':
      case 'config':
        return send(session, action === 'config' ? 'config_updated' : 'status', { status: 'ok' });
      default:
        return send(session, 'error', errorData('validation_failed', `The sandbox does not support the "${action}" action`, 'warning'));
    }
  }

  function count(name: string): void {
    received[name] = (received[name] ?? 0) + 1;
  }

  function start(session: Session, data: Record<string, unknown>): void {
    if (session.task) return send(session, 'error', errorData('validation_failed', 'The session has already started', 'error'));
    const params: LiveStartParams = {
      type: data.type as RecordingType,
      transcriptionLanguages: Array.isArray(data.transcription_languages) ? (data.transcription_languages as string[]) : typeof data.transcription_languages === 'string' ? [data.transcription_languages] : [],
      translationLanguages: Array.isArray(data.translation_languages) ? (data.translation_languages as string[]).filter((l) => typeof l === 'string') : [],
      recognitionMode: (data.recognition_mode as LiveStartParams['recognitionMode']) ?? 'single',
      summaryTemplate: typeof data.summary_template === 'string' ? data.summary_template : undefined,
      broadcastId: typeof data.broadcast_id === 'string' ? data.broadcast_id : undefined,
      resumeTaskId: typeof data.resume_task_id === 'string' ? data.resume_task_id : undefined,
      resumeAfterSid: typeof data.resume_after_sid === 'number' ? data.resume_after_sid : undefined,
    };
    const refuse = (code: string, message: string) => {
      // DOCUMENTED for diarization_multilang_conflict: the server refuses the session.
      send(session, 'error', errorData(code, message, 'fatal'));
      later(20, () => session.ws.close(1008, code));
    };
    if (!RECORDING_TYPES.includes(params.type)) return refuse('validation_failed', 'type must be transcribe, conversation, record or broadcast');
    const langs = params.transcriptionLanguages;
    if (langs.length === 0 || langs.some((l) => typeof l !== 'string' || l === '')) return refuse('validation_failed', 'transcription_languages is required');
    if (langs.length > 2) return refuse('validation_failed', 'At most 2 transcription languages are allowed');
    if (params.recognitionMode !== 'single' && params.recognitionMode !== 'multi_speaker') return refuse('validation_failed', 'recognition_mode must be single or multi_speaker');
    // DOCUMENTED: multi_speaker needs exactly one transcription language.
    if (params.recognitionMode === 'multi_speaker' && langs.length !== 1) return refuse('diarization_multilang_conflict', 'Speaker diarization supports exactly one transcription language');
    if (params.type === 'broadcast' && !params.broadcastId && !params.resumeTaskId) return refuse('validation_failed', 'broadcast_id is required for a broadcast session');
    let task = params.resumeTaskId ? taskStates.get(params.resumeTaskId) : undefined;
    if (task && task.apiKey !== session.apiKey) task = undefined;
    if (task?.connected) {
      // The client gave up on a connection this side has not seen close yet: the new one takes over.
      for (const old of sessions) {
        if (old !== session && old.task === task) {
          old.task = undefined;
          old.ws.terminate();
        }
      }
    }
    const resumed = task !== undefined;
    if (!task) {
      const id = tasks.createLiveTask({
        apiKey: session.apiKey,
        type: params.type,
        sourceLanguages: params.transcriptionLanguages,
        targetLanguages: params.translationLanguages ?? [],
        recognitionMode: params.recognitionMode ?? 'single',
        summaryTemplate: params.summaryTemplate,
      });
      task = { id, apiKey: session.apiKey, params, receivedBytes: 0, partials: 0, sentences: [], finished: false, connected: true };
      taskStates.set(id, task);
    }
    if (task.grace) clearTimeout(task.grace);
    task.connected = true;
    session.task = task;
    let broadcast: Record<string, unknown> = {};
    if (params.type === 'broadcast') {
      const hub = broadcastsOf(server);
      const attached = hub?.attachHost(params.broadcastId ?? task.broadcastId ?? '', session.apiKey, session.sessionId, task.id, {
        viewers: (n) => send(session, 'viewer_count', { count: n }),
      }) ?? { ok: false as const, code: 'broadcast_not_found', message: 'Broadcasts are not available' };
      if (!attached.ok) {
        send(session, 'error', errorData(attached.code, attached.message, 'fatal'));
        later(20, () => session.ws.close(1008, attached.code));
        return;
      }
      task.broadcastId = params.broadcastId ?? task.broadcastId;
      broadcast = { broadcast_id: task.broadcastId, token: attached.token, share_url: attached.shareUrl, phase: attached.phase };
    }
    send(session, 'session_started', {
      session_id: session.sessionId,
      task_id: task.id,
      recording_id: task.id,
      recording_type: params.type,
      recognition_mode: params.recognitionMode ?? 'single',
      message: resumed ? 'Speech recognition resumed' : 'Speech recognition started',
      // INFERRED / EMULATOR CHOICE: what a resumed connection needs to continue without gaps.
      resumed,
      audio_received_ms: Math.floor(task.receivedBytes / LIVE_PCM_BYTES_PER_MS),
      ...broadcast,
    });
    // EMULATOR CHOICE: finals sent on the dropped connection may never have arrived; repeat the ones
    // after the client's last (the client drops what it already has, by sid).
    if (resumed && params.resumeAfterSid !== undefined) {
      for (const s of task.sentences) if (s.sid > params.resumeAfterSid) send(session, 'result', finalResult(task, s));
    }
  }

  function finalResult(task: TaskState, s: LiveSentence): Record<string, unknown> {
    const speaker = s.speakerId ? { speaker_id: s.speakerId, speaker_label: s.speakerLabel ?? s.speakerId } : {};
    return { sid: s.sid, is_final: true, text: s.text, language: task.params.transcriptionLanguages[0], translations: s.translations, start_ms: s.startMs, end_ms: s.endMs, ...speaker };
  }

  /** Audio in: partial results every partialEveryMs, a final one every sentenceMs. */
  function hear(session: Session, task: TaskState, bytes: number): void {
    task.receivedBytes += bytes;
    const heardMs = task.receivedBytes / LIVE_PCM_BYTES_PER_MS;
    for (;;) {
      const index = task.sentences.length;
      const sentenceStart = index * settings.sentenceMs;
      const sentenceEnd = sentenceStart + settings.sentenceMs;
      if (heardMs >= sentenceEnd) {
        finalSentence(session, task, sentenceEnd);
        if (session.ws.readyState !== session.ws.OPEN || task.finished) return;
        continue;
      }
      const due = Math.floor((heardMs - sentenceStart) / settings.partialEveryMs);
      if (due > task.partials) {
        task.partials = due;
        const text = sentenceFor(index, task.params.transcriptionLanguages[0]);
        const fraction = Math.min(1, (due * settings.partialEveryMs) / settings.sentenceMs);
        const partial = partialText(text, fraction);
        const result = { sid: index + 1, is_final: false, text: partial, language: task.params.transcriptionLanguages[0], translations: {}, start_ms: sentenceStart };
        send(session, 'result', result);
        publish(task, result);
      }
      return;
    }
  }

  function finalSentence(session: Session, task: TaskState, endMs: number): void {
    const index = task.sentences.length;
    const sid = index + 1;
    const source = task.params.transcriptionLanguages[0];
    const text = sentenceFor(index, source);
    const failing = failingSentences.get(sid);
    const translations = failing ? {} : Object.fromEntries((task.params.translationLanguages ?? []).map((l) => [l, translationFor(index, l, text)]));
    const speaker = task.params.recognitionMode === 'multi_speaker' ? `Guest-${(index % 2) + 1}` : undefined;
    const sentence: LiveSentence = { sid, text, startMs: index * settings.sentenceMs, endMs, speakerId: speaker, speakerLabel: speaker, translations };
    task.sentences.push(sentence);
    task.partials = 0;
    const result = finalResult(task, sentence) as Parameters<typeof publish>[1];
    send(session, 'result', result);
    publish(task, result);
    if (failing) {
      failingSentences.delete(sid);
      send(session, 'error', errorData(failing, `Translation failed for sentence ${sid}`, 'error', { sid, details: { provider: 'sandbox', source_lang: source } }));
    }
    session.finals++;
    if (fatalAfter && session.finals >= fatalAfter.finals) {
      const code = fatalAfter.code;
      fatalAfter = undefined;
      send(session, 'error', errorData(code, 'Speech recognition service unavailable', 'fatal'));
      later(20, () => session.ws.close(1011, code));
    }
  }

  function publish(task: TaskState, result: { sid: number; is_final: boolean; text: string; language: string; translations: Record<string, string>; start_ms?: number; end_ms?: number }): void {
    if (task.broadcastId) broadcastsOf(server)?.publish(task.broadcastId, result);
  }

  function broadcastAction(session: Session, task: TaskState, action: string, data: Record<string, unknown>): void {
    const hub = broadcastsOf(server);
    if (!task.broadcastId || !hub) return send(session, 'error', errorData('validation_failed', `${action} needs a broadcast session`, 'error'));
    const message = typeof data.message === 'string' ? data.message : '';
    if (action === 'broadcast_go_live') {
      hub.setPhase(task.broadcastId, 'live');
      return send(session, 'broadcast_phase_changed', { phase: 'live' });
    }
    if (action === 'set_standby_message') hub.setStandbyMessage(task.broadcastId, message);
    else hub.announce(task.broadcastId, message);
    send(session, 'status', { status: 'ok', message: action === 'broadcast_announcement' ? 'Announcement sent' : 'Standby message set' });
  }

  /** `stop`: finish the last sentence, then status → segment_uploaded → task_complete → summary_done. */
  function stop(session: Session, task: TaskState): void {
    const alreadyFinished = task.finished;
    if (!alreadyFinished) {
      const heardMs = task.receivedBytes / LIVE_PCM_BYTES_PER_MS;
      if (heardMs - task.sentences.length * settings.sentenceMs >= 300) finalSentence(session, task, Math.floor(heardMs));
      task.finished = true;
      if (task.grace) clearTimeout(task.grace);
      tasks.updateLiveTask(task.id, { processingStatus: 'uploading', durationMs: Math.floor(heardMs) });
    }
    const steps: (() => void)[] = [
      () => send(session, 'status', { status: 'uploading', message: 'Recording stopped, uploading' }),
      () => {
        if (!alreadyFinished) tasks.updateLiveTask(task.id, { processingStatus: 'processing' });
        send(session, 'segment_uploaded', { task_id: task.id, segment_index: 0, duration_ms: Math.floor(task.receivedBytes / LIVE_PCM_BYTES_PER_MS) });
      },
      () => {
        finalise(task);
        send(session, 'task_complete', { task_id: task.id, processing_status: 'completed' });
      },
    ];
    if (task.params.summaryTemplate) steps.push(() => send(session, 'summary_done', { task_id: task.id, summary: task.summary }));
    steps.push(() => later(50, () => session.ws.close(1000, 'session complete')));
    steps.forEach((step, i) => later(settings.finishStepMs * (i + 1), step));
  }

  /** Stores the finished recording with the task store (idempotent). */
  function finalise(task: TaskState): void {
    if (task.grace) clearTimeout(task.grace);
    if (task.summary !== undefined) return;
    task.finished = true;
    const texts = task.sentences.map((s) => s.text);
    task.summary = task.params.summaryTemplate ? summaryFor(task.params.summaryTemplate, texts) : '';
    const durationMs = Math.floor(task.receivedBytes / LIVE_PCM_BYTES_PER_MS);
    tasks.updateLiveTask(task.id, {
      processingStatus: 'completed',
      sentences: task.sentences,
      summary: task.summary || undefined,
      durationMs,
      title: texts.length ? `Live ${task.params.type}: ${truncate(texts[0], 40)}` : `Live ${task.params.type}`,
    });
    if (task.broadcastId) broadcastsOf(server)?.detachHost(task.broadcastId, durationMs);
  }

  const emulator: LiveEmulator = {
    settings,
    ticketsIssued,
    ticketsPresented,
    received,
    get openConnections() {
      return sessions.size;
    },
    failTicketValidation: (times = 1) => void (validationFailures += times),
    failSentence: (sid, code = 'translation_failed') => void failingSentences.set(sid, code),
    failSessionAfter: (finals, code = 'stt_service_error') => void (fatalAfter = { finals, code }),
    sentencesOf: (taskId) => taskStates.get(taskId)?.sentences ?? [],
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const task of taskStates.values()) if (task.grace) clearTimeout(task.grace);
      for (const s of sessions) s.ws.terminate();
      wss.close();
    },
  };
  emulators.set(server, emulator);
  disposeWithServer(server, () => emulator.dispose());
  return emulator;
}

function errorData(code: string, message: string, severity: 'fatal' | 'error' | 'warning', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return (vurboError(code, message, severity, extra) as { data: Record<string, unknown> }).data;
}

/** The first part of a sentence, by words, as a partial result shows it. */
function partialText(text: string, fraction: number): string {
  if (!text.includes(' ')) return [...text].slice(0, Math.max(1, Math.ceil([...text].length * fraction))).join('');
  const words = text.split(' ');
  return words.slice(0, Math.max(1, Math.ceil(words.length * fraction))).join(' ');
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
