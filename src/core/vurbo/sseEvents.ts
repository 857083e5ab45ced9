// Turns named Vurbo SSE events into TranscriptEvents, by stream kind and event name. Lenient on
// purpose: a payload we cannot read, or an event we do not know, comes back as a `raw` event (with
// a note in its name) so the user still sees it; nothing here throws.
import { ApiError, vurboErrorFromObject } from '../errors';
import type { TranscriptEvent, TranscriptSegment } from '../transcript/model';
import { HISTORY_EVENTS, IMPORT_EVENTS, RETRANSLATE_EVENTS, SENTENCE_EVENT_ALIASES, SUMMARY_EVENTS, TERMINAL_EVENT_ALIASES, TTS_EVENTS } from './inferred';
import { isObject, num, readTranslations, str, type JsonObject } from '../read';

export type SseStreamKind = 'history' | 'retranslate' | 'retranslateSummary' | 'importProgress' | 'summary' | 'tts';

export interface Interpretation {
  readonly events: TranscriptEvent[];
  /** The stream finished normally; carries the terminal event's payload. */
  readonly terminal?: JsonObject;
  /** A session-level fatal error: the stream stops with it. */
  readonly fatal?: ApiError;
  /** The server's connection acknowledgement (shown once, not on every reconnect). */
  readonly connected?: boolean;
}

/** Per-stream memory the interpreter needs (summary chunks arrive in pieces). */
export class InterpreterState {
  summaryChunks = '';
  summaryEmitted = false;
}

function raw(event: string, data: string, note?: string): Interpretation {
  return { events: [{ kind: 'raw', event: note ? `${event} (${note})` : event, data }] };
}

/** What parseJson returns for text that is not JSON (a sentinel, so a hot path allocates nothing). */
const INVALID_JSON: unique symbol = Symbol('invalid JSON');

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return INVALID_JSON;
  }
}

function errorInterpretation(name: string, data: string, value: unknown): Interpretation {
  const err = vurboErrorFromObject(value);
  if (!err) return raw(name, data, 'error without an error_code');
  if (err.sid !== undefined) return { events: [{ kind: 'sentenceError', sid: err.sid, code: err.code, message: err.serverMessage ?? err.message }] };
  if (err.endsSession) return { events: [], fatal: err };
  const label = err.severity === 'warning' ? 'Warning' : 'Error';
  return { events: [{ kind: 'status', message: `${label}: ${err.message}`, raw: value }] };
}

export function readSegment(o: JsonObject, fallbackLanguage?: string): TranscriptSegment | undefined {
  const sid = num(o.sid) ?? num(o.id);
  const text = str(o.text) ?? str(o.transcript) ?? str(o.source_text);
  if (sid === undefined || text === undefined) return undefined;
  const translations = readTranslations(o.translations);
  return {
    sid,
    text,
    startMs: num(o.start_ms) ?? msFromSeconds(o.start),
    endMs: num(o.end_ms) ?? msFromSeconds(o.end),
    speaker: str(o.speaker_label) ?? str(o.speaker) ?? str(o.speaker_id),
    speakerId: str(o.speaker_id),
    language: str(o.language) ?? str(o.source_lang) ?? fallbackLanguage,
    translations,
    final: o.is_final === false ? false : true,
  };
}

function msFromSeconds(v: unknown): number | undefined {
  const s = num(v);
  return s === undefined ? undefined : Math.round(s * 1000);
}

function readMeta(o: JsonObject): TranscriptEvent {
  const targets = Array.isArray(o.target_langs)
    ? o.target_langs.filter((l): l is string => typeof l === 'string')
    : str(o.target_lang)
      ? [str(o.target_lang)!]
      : undefined;
  return {
    kind: 'meta',
    title: str(o.title) ?? str(o.name),
    taskId: str(o.task_id),
    sourceLanguage: str(o.source_lang),
    targetLanguages: targets,
    durationMs: num(o.duration_ms),
    raw: o,
  };
}

/** `speakers: [{speaker_id, speaker_label}]` of an `init_metadata` payload (INFERRED shape). */
export function readSpeakers(raw: unknown): { id: string; label: string }[] | undefined {
  if (!isObject(raw) || !Array.isArray(raw.speakers)) return undefined;
  return raw.speakers.flatMap((s: unknown) => {
    if (!isObject(s)) return [];
    const id = str(s.speaker_id) ?? str(s.id);
    return id ? [{ id, label: str(s.speaker_label) ?? str(s.label) ?? id }] : [];
  });
}

function summaryText(o: JsonObject): string | undefined {
  return str(o.summary) ?? str(o.text) ?? str(o.content);
}

/**
 * Interprets one event. `language` is the stream's target language where the payload may omit it
 * (retranslation).
 */
export function interpretEvent(kind: SseStreamKind, name: string, data: string, state: InterpreterState, context: { language?: string } = {}): Interpretation {
  const json = isBlank(data) ? {} : parseJson(data);
  // Nearly every event of a history stream is a sentence: read it before trying the rarer names.
  if (kind === 'history' && name === HISTORY_EVENTS.sentence) return interpretSentence(name, data, json);
  const ok = json !== INVALID_JSON;
  const value = ok ? json : undefined;
  const obj = isObject(value) ? value : undefined;

  if (name === 'error' || name === IMPORT_EVENTS.failed) {
    if (!ok) return raw(name, data, 'unreadable: invalid JSON');
    if (name === IMPORT_EVENTS.failed && kind === 'importProgress') {
      const err = vurboErrorFromObject(value) ?? new ApiError({ provider: 'vurbo', code: 'task_failed', serverMessage: obj ? str(obj.message) : undefined });
      return { events: [], fatal: new ApiError({ provider: 'vurbo', code: err.code, serverMessage: err.serverMessage, severity: 'fatal', details: value }) };
    }
    return errorInterpretation(name, data, value);
  }

  if (name === 'connected') {
    const message = obj ? (str(obj.message) ?? 'Connected.') : data || 'Connected.';
    return {
      events: [{ kind: 'status', message: `Connected${message && message !== 'connected' && message !== 'Connected.' ? `: ${message}` : '.'}`, raw: value }],
      connected: true,
    };
  }

  if (TERMINAL_EVENT_ALIASES.includes(name)) {
    const terminal = obj ?? {};
    const events: TranscriptEvent[] = [];
    if (kind === 'summary' && !state.summaryEmitted && state.summaryChunks) {
      state.summaryEmitted = true;
      events.push({ kind: 'summary', text: state.summaryChunks });
    }
    if (kind === 'importProgress') events.push({ kind: 'progress', percent: 100, stage: 'completed', message: str(terminal.message) ?? 'Import completed.' });
    events.push({ kind: 'end', reason: str(terminal.reason) ?? 'done' });
    return { events, terminal };
  }

  switch (kind) {
    case 'history':
      return interpretHistory(name, data, json);
    case 'retranslate':
      return interpretTranslation(name, data, ok, obj, context.language);
    case 'retranslateSummary':
      if ((name === RETRANSLATE_EVENTS.translation || name === SUMMARY_EVENTS.summary) && obj) {
        const text = summaryText(obj);
        if (text !== undefined) return { events: [{ kind: 'summary', text, language: str(obj.target_lang) ?? str(obj.language) ?? context.language }] };
      }
      break;
    case 'importProgress':
      if (name === IMPORT_EVENTS.progress) {
        if (!obj) return raw(name, data, ok ? 'not an object' : 'unreadable: invalid JSON');
        return {
          events: [{ kind: 'progress', percent: num(obj.percent) ?? num(obj.progress), stage: str(obj.stage) ?? str(obj.status), message: str(obj.message) }],
        };
      }
      break;
    case 'summary':
      if (name === SUMMARY_EVENTS.chunk && obj) {
        const delta = str(obj.delta) ?? str(obj.text) ?? '';
        state.summaryChunks += delta;
        return { events: [{ kind: 'progress', stage: 'summary', message: delta }] };
      }
      if (name === SUMMARY_EVENTS.summary && obj) {
        const text = summaryText(obj);
        if (text !== undefined) {
          state.summaryEmitted = true;
          return { events: [{ kind: 'summary', text, language: str(obj.language) }] };
        }
      }
      break;
    case 'tts':
      if (name === TTS_EVENTS.audio && obj) {
        const sid = num(obj.sid);
        const audio = str(obj.audio) ?? '';
        const bounds = Array.isArray(obj.word_boundaries) ? obj.word_boundaries.length : 0;
        const bytes = Math.floor((audio.length * 3) / 4);
        return {
          events: [
            {
              kind: 'status',
              message: `TTS sentence ${sid ?? '?'}: ${str(obj.text) ?? ''} — ${Math.round(bytes / 102.4) / 10} KB ${str(obj.format) ?? 'audio'}, ${bounds} word boundaries`,
              raw: obj,
            },
          ],
        };
      }
      break;
  }
  if (!ok && isKnownName(kind, name)) return raw(name, data, 'unreadable: invalid JSON');
  return raw(name, data, isKnownName(kind, name) ? 'unexpected payload' : undefined);
}

/** What `data.trim() === ''` says, without scanning a payload that starts with a visible character. */
function isBlank(data: string): boolean {
  return data.length === 0 || (data.charCodeAt(0) <= 32 && data.trim() === '');
}

function interpretSentence(name: string, data: string, json: unknown): Interpretation {
  const ok = json !== INVALID_JSON;
  if (!ok || !isObject(json)) return raw(name, data, ok ? 'not an object' : 'unreadable: invalid JSON');
  const segment = readSegment(json);
  return segment ? { events: [{ kind: 'segment', segment }] } : raw(name, data, 'no sid or text');
}

function interpretHistory(name: string, data: string, json: unknown): Interpretation {
  const ok = json !== INVALID_JSON;
  const obj = ok && isObject(json) ? json : undefined;
  if (name === HISTORY_EVENTS.metadata) {
    if (!obj) return raw(name, data, ok ? 'not an object' : 'unreadable: invalid JSON');
    return { events: [readMeta(obj)] };
  }
  if (SENTENCE_EVENT_ALIASES.includes(name)) return interpretSentence(name, data, json);
  if (name === HISTORY_EVENTS.summary) {
    const text = obj ? summaryText(obj) : undefined;
    return text !== undefined
      ? { events: [{ kind: 'summary', text, language: str(obj!.language) }] }
      : raw(name, data, ok ? 'no summary text' : 'unreadable: invalid JSON');
  }
  return raw(name, data);
}

function interpretTranslation(name: string, data: string, ok: boolean, obj: JsonObject | undefined, language: string | undefined): Interpretation {
  if (name !== RETRANSLATE_EVENTS.translation) return raw(name, data);
  if (!obj) return raw(name, data, ok ? 'not an object' : 'unreadable: invalid JSON');
  const sid = num(obj.sid);
  const text = str(obj.text) ?? str(obj.translated_text) ?? str(obj.translation);
  const lang = str(obj.target_lang) ?? str(obj.language) ?? str(obj.targetLang) ?? language;
  if (sid === undefined || text === undefined || !lang) return raw(name, data, 'no sid, language or text');
  return { events: [{ kind: 'translation', sid, language: lang, text }] };
}

function isKnownName(kind: SseStreamKind, name: string): boolean {
  switch (kind) {
    case 'history':
      return name === HISTORY_EVENTS.metadata || name === HISTORY_EVENTS.summary || SENTENCE_EVENT_ALIASES.includes(name);
    case 'retranslate':
    case 'retranslateSummary':
      return name === RETRANSLATE_EVENTS.translation || name === SUMMARY_EVENTS.summary;
    case 'importProgress':
      return name === IMPORT_EVENTS.progress;
    case 'summary':
      return name === SUMMARY_EVENTS.chunk || name === SUMMARY_EVENTS.summary;
    case 'tts':
      return name === TTS_EVENTS.audio;
  }
}
