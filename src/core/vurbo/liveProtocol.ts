// THE one typed place for the Vurbo live WebSocket protocol (vurbo-vas.md §6): the envelope, the
// client actions and the server events. Only `start` and `session_started` are DOCUMENTED; everything
// marked INFERRED is our assumption, parsed leniently, and an event we cannot read is surfaced raw.
import { ApiError, vurboErrorFromObject } from '../errors';
import { isObject, nonEmptyStr, num, readTranslations } from '../read';
import type { TranscriptSegment } from '../transcript/model';
import { isLanguageTag } from './languages';

/** DOCUMENTED service types; `health` is the heartbeat (its payload is INFERRED). */
export const SERVICE_TYPE = 'voice-translation';
export const HEALTH_TYPE = 'health';
/** The subprotocol that carries the one-time ticket (DOCUMENTED, §2.2). */
export const TICKET_SUBPROTOCOL_PREFIX = 'ticket.';
/** The heartbeat interval the docs recommend (§6.1). */
export const HEARTBEAT_INTERVAL_MS = 30_000;

export interface Envelope {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

export type RecordingType = 'transcribe' | 'conversation' | 'record' | 'broadcast';
export type RecognitionMode = 'single' | 'multi_speaker';
export const RECORDING_TYPES: readonly RecordingType[] = ['transcribe', 'conversation', 'record', 'broadcast'];
export const RECOGNITION_MODES: readonly RecognitionMode[] = ['single', 'multi_speaker'];
/** DOCUMENTED: at most 2 STT languages; `multi_speaker` needs exactly 1. */
export const MAX_TRANSCRIPTION_LANGUAGES = 2;

/** The `start` parameters (DOCUMENTED, §6.2), plus the two INFERRED ones at the end. */
export interface LiveStartParams {
  type: RecordingType;
  transcriptionLanguages: string[];
  translationLanguages?: string[];
  realtimeTranslation?: boolean;
  recognitionMode?: RecognitionMode;
  summaryTemplate?: string;
  /** INFERRED: how a `broadcast` session is bound to a broadcast (not in the readable docs). */
  broadcastId?: string;
  /**
   * INFERRED / EMULATOR CHOICE: continue an existing task after a dropped connection. Whether the
   * real service can resume a session is NOT DOCUMENTED; a server that ignores it starts a new task,
   * which the client notices (a different task_id) and handles.
   */
  resumeTaskId?: string;
  /**
   * INFERRED / EMULATOR CHOICE, with `resumeTaskId`: the last final sentence (server numbering) this
   * client received. Frames in flight when a connection drops are lost, so the server repeats the
   * final results after this sid; the client drops any it already has (by sid).
   */
  resumeAfterSid?: number;
}

/**
 * PCM the client sends (INFERRED: the docs only say `audio_format: "pcm"`). 16 kHz mono signed
 * 16-bit little-endian is what speech services conventionally expect, so every WAV is converted to it.
 */
export const LIVE_PCM = { sampleRate: 16_000, channels: 1, bitsPerSample: 16 } as const;
export const LIVE_PCM_BYTES_PER_MS = (LIVE_PCM.sampleRate * LIVE_PCM.channels * LIVE_PCM.bitsPerSample) / 8 / 1000;

/** Checks `start` before it is sent, with the same codes the server would answer with. */
export function validateStartParams(p: LiveStartParams): ApiError | undefined {
  const invalid = (message: string) => new ApiError({ provider: 'vurbo', code: 'validation_failed', serverMessage: message });
  if (!RECORDING_TYPES.includes(p.type)) return invalid(`type must be one of ${RECORDING_TYPES.join(', ')}.`);
  const langs = p.transcriptionLanguages ?? [];
  if (langs.length === 0) return invalid('Pick at least one transcription language.');
  if (langs.length > MAX_TRANSCRIPTION_LANGUAGES)
    return invalid(`At most ${MAX_TRANSCRIPTION_LANGUAGES} transcription languages are allowed (${langs.length} picked).`);
  if (langs.some((l) => typeof l !== 'string' || !isLanguageTag(l))) return invalid('Transcription languages must be BCP-47 codes such as en-US.');
  const mode = p.recognitionMode ?? 'single';
  if (!RECOGNITION_MODES.includes(mode)) return invalid(`recognition_mode must be single or multi_speaker.`);
  if (mode === 'multi_speaker' && langs.length !== 1) return new ApiError({ provider: 'vurbo', code: 'diarization_multilang_conflict' });
  if (p.type === 'broadcast' && !p.broadcastId && !p.resumeTaskId) return invalid('A broadcast session needs the broadcast it belongs to.');
  return undefined;
}

// ---- client → server ---------------------------------------------------------------------------

function envelope(data: Record<string, unknown>, type = SERVICE_TYPE): Envelope {
  return { type, data };
}

export function startAction(p: LiveStartParams): Envelope {
  const data: Record<string, unknown> = {
    action: 'start',
    transcription_languages: p.transcriptionLanguages,
    translation_languages: p.translationLanguages ?? [],
    realtime_translation: p.realtimeTranslation ?? (p.translationLanguages ?? []).length > 0,
    recognition_mode: p.recognitionMode ?? 'single',
    type: p.type,
    audio_format: 'pcm',
  };
  if (p.summaryTemplate) data.summary_template = p.summaryTemplate;
  if (p.broadcastId) data.broadcast_id = p.broadcastId;
  if (p.resumeTaskId) data.resume_task_id = p.resumeTaskId;
  if (p.resumeTaskId && p.resumeAfterSid !== undefined) data.resume_after_sid = p.resumeAfterSid;
  return envelope(data);
}

/** INFERRED field name: the docs say "Base64 PCM in a JSON `audio` action"; `data.audio` is a guess. */
export function audioAction(pcm: Uint8Array): Envelope {
  return envelope({ action: 'audio', audio: Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength).toString('base64') });
}

/** The server side of `audioAction`: the Base64 payload, tolerating the obvious alternatives. */
export function audioPayload(data: Record<string, unknown>): Buffer | undefined {
  const b64 = [data.audio, data.data, data.chunk].find((v): v is string => typeof v === 'string');
  if (b64 === undefined || !/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) return undefined;
  return Buffer.from(b64, 'base64');
}

export const pauseAction = (): Envelope => envelope({ action: 'pause' });
export const resumeAction = (): Envelope => envelope({ action: 'resume' });
export const stopAction = (): Envelope => envelope({ action: 'stop' });
export const goLiveAction = (): Envelope => envelope({ action: 'broadcast_go_live' });
export const announcementAction = (message: string): Envelope => envelope({ action: 'broadcast_announcement', message });
/** INFERRED heartbeat payload (the docs' JSON is cut off at `{"type": "hea`). */
export const healthPing = (): Envelope => envelope({ action: 'ping', timestamp: new Date().toISOString() }, HEALTH_TYPE);

// ---- server → client ---------------------------------------------------------------------------

/** One recognition result. Shape INFERRED (§6.3: "partial and final transcript and translation"). */
export interface LiveResult {
  sid: number;
  final: boolean;
  text: string;
  translations: Record<string, string>;
  language?: string;
  speakerId?: string;
  speakerLabel?: string;
  startMs?: number;
  endMs?: number;
}

export type LiveEvent =
  | {
      kind: 'session_started';
      sessionId?: string;
      taskId?: string;
      recordingType?: string;
      recognitionMode?: string;
      message?: string;
      resumed: boolean;
      audioReceivedMs?: number;
      broadcast?: { id?: string; token?: string; phase?: string };
      raw: Envelope;
    }
  | { kind: 'result'; result: LiveResult; raw: Envelope }
  | { kind: 'status'; status?: string; message?: string; raw: Envelope }
  | { kind: 'segment_uploaded'; taskId?: string; raw: Envelope }
  | { kind: 'upload_error'; message?: string; raw: Envelope }
  | { kind: 'task_complete'; taskId?: string; processingStatus?: string; raw: Envelope }
  | { kind: 'summary_done'; summary?: string; raw: Envelope }
  | { kind: 'summary_error'; message?: string; raw: Envelope }
  | { kind: 'broadcast_phase_changed'; phase?: string; raw: Envelope }
  | { kind: 'viewer_count'; count?: number; raw: Envelope }
  | { kind: 'health'; raw: Envelope }
  | { kind: 'error'; error: ApiError; raw: Envelope }
  /** Anything else, or text that is not an envelope: shown as-is, never dropped. */
  | { kind: 'raw'; name: string; text: string };

/** Milliseconds from `*_ms` fields, or seconds from the bare names. */
function millis(d: Record<string, unknown>, msKeys: string[], secondKeys: string[]): number | undefined {
  for (const k of msKeys) if (num(d[k]) !== undefined) return num(d[k]);
  for (const k of secondKeys) if (num(d[k]) !== undefined) return Math.round(num(d[k])! * 1000);
  return undefined;
}

/** A `result`-like object (the WS event or a viewer caption) → LiveResult, or undefined without a sid. */
export function readResult(d: Record<string, unknown>): LiveResult | undefined {
  const sid = num(d.sid) ?? num(d.sentence_id) ?? num(d.sentenceId);
  if (sid === undefined) return undefined;
  const flag = d.is_final ?? d.final ?? d.isFinal;
  const kind = nonEmptyStr(d.result_type) ?? nonEmptyStr(d.status);
  const final = typeof flag === 'boolean' ? flag : kind !== undefined ? kind === 'final' : d.is_partial === false || d.partial === false;
  const translations = readTranslations(d.translations ?? d.translation) ?? {};
  const lang = nonEmptyStr(d.target_lang) ?? nonEmptyStr(d.translation_language);
  if (lang && typeof d.translated_text === 'string') translations[lang] = d.translated_text;
  return {
    sid,
    final,
    text: nonEmptyStr(d.text) ?? nonEmptyStr(d.transcript) ?? nonEmptyStr(d.source_text) ?? '',
    translations,
    language: nonEmptyStr(d.language) ?? nonEmptyStr(d.source_lang) ?? nonEmptyStr(d.lang),
    speakerId: nonEmptyStr(d.speaker_id) ?? nonEmptyStr(d.speaker),
    speakerLabel: nonEmptyStr(d.speaker_label) ?? nonEmptyStr(d.speaker_name),
    startMs: millis(d, ['start_ms', 'startMs', 'begin_ms'], ['start', 'start_time']),
    endMs: millis(d, ['end_ms', 'endMs'], ['end', 'end_time']),
  };
}

/**
 * A live result (WS or viewer caption) as a transcript segment; `shift` moves it onto our sid and
 * time line when a reconnect had the server start a new task.
 */
export function resultSegment(r: LiveResult, shift: { sid: number; ms: number } = { sid: 0, ms: 0 }): TranscriptSegment {
  const at = (ms: number | undefined) => (ms === undefined ? undefined : ms + shift.ms);
  return {
    sid: r.sid + shift.sid,
    text: r.text,
    final: r.final,
    translations: Object.keys(r.translations).length ? r.translations : undefined,
    speaker: r.speakerLabel ?? r.speakerId,
    ...(r.speakerId !== undefined && { speakerId: r.speakerId }),
    language: r.language,
    startMs: at(r.startMs),
    endMs: at(r.endMs),
  };
}

/** Parses one text frame. Never throws: what cannot be read comes back as `raw`. */
export function parseServerMessage(text: string): LiveEvent {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'raw', name: 'unparsable', text };
  }
  if (!isObject(value)) return { kind: 'raw', name: 'unparsable', text };
  const type = nonEmptyStr(value.type) ?? '';
  const d = isObject(value.data) ? value.data : value;
  const raw: Envelope = { type, data: d };
  const action = nonEmptyStr(d.action) ?? nonEmptyStr(d.event) ?? '';
  if (type === 'error' || action === 'error' || (nonEmptyStr(d.error_code) && action === '')) {
    const error = vurboErrorFromObject(value) ?? vurboErrorFromObject({ data: d });
    if (error) return { kind: 'error', error, raw };
  }
  if (type === HEALTH_TYPE) return { kind: 'health', raw };
  switch (action) {
    case 'session_started': {
      const isBroadcast = nonEmptyStr(d.recording_type) === 'broadcast' || d.broadcast_id !== undefined;
      return {
        kind: 'session_started',
        sessionId: nonEmptyStr(d.session_id),
        taskId: nonEmptyStr(d.task_id) ?? nonEmptyStr(d.recording_id),
        recordingType: nonEmptyStr(d.recording_type),
        recognitionMode: nonEmptyStr(d.recognition_mode),
        message: nonEmptyStr(d.message),
        resumed: d.resumed === true,
        audioReceivedMs: num(d.audio_received_ms),
        broadcast: isBroadcast
          ? { id: nonEmptyStr(d.broadcast_id), token: nonEmptyStr(d.token) ?? nonEmptyStr(d.broadcast_token), phase: nonEmptyStr(d.phase) }
          : undefined,
        raw,
      };
    }
    case 'result': {
      const result = readResult(d);
      return result ? { kind: 'result', result, raw } : { kind: 'raw', name: 'result', text };
    }
    case 'status':
      return { kind: 'status', status: nonEmptyStr(d.status) ?? nonEmptyStr(d.state), message: nonEmptyStr(d.message), raw };
    case 'segment_uploaded':
      return { kind: 'segment_uploaded', taskId: nonEmptyStr(d.task_id), raw };
    case 'upload_error':
      return { kind: 'upload_error', message: nonEmptyStr(d.message), raw };
    case 'task_complete':
      return { kind: 'task_complete', taskId: nonEmptyStr(d.task_id), processingStatus: nonEmptyStr(d.processing_status) ?? nonEmptyStr(d.status), raw };
    case 'summary_done':
      return { kind: 'summary_done', summary: nonEmptyStr(d.summary) ?? nonEmptyStr(d.content) ?? nonEmptyStr(d.text), raw };
    case 'summary_error':
      return { kind: 'summary_error', message: nonEmptyStr(d.message) ?? nonEmptyStr(d.error), raw };
    case 'broadcast_phase_changed':
      return { kind: 'broadcast_phase_changed', phase: nonEmptyStr(d.phase) ?? nonEmptyStr(d.status), raw };
    case 'viewer_count':
    case 'viewer_joined':
    case 'viewer_left':
      return { kind: 'viewer_count', count: num(d.count) ?? num(d.viewer_count) ?? num(d.viewers), raw };
    case 'pong':
      return { kind: 'health', raw };
    default:
      return { kind: 'raw', name: action || type || 'message', text };
  }
}

export function serialize(message: Envelope): string {
  return JSON.stringify(message);
}
