// Every Vurbo wire detail the docs do NOT give (vurbo-vas.md marks them NOT DOCUMENTED / INFERRED),
// in one typed place: SSE event names after the documented ones, all SSE payload shapes, the
// transcript-export parameter, batch/reassign/merge bodies, import responses and the budget error.
// The client parses these leniently (sseEvents.ts) and shows anything else raw; the emulator imports
// only the names and wire types from here, so it stays an independent "server".
//
// When the live docs settle a point, change it here and in nothing else.

// ---- SSE event names --------------------------------------------------------------------------

/** History replay, `/api/v1/sse/history/transcribe/{taskId}` (§5.1). */
export const HISTORY_EVENTS = {
  /** DOCUMENTED */
  connected: 'connected',
  /** DOCUMENTED (name only) */
  metadata: 'init_metadata',
  /** INFERRED: one event per sentence. Named after the API's "entries" (`/entries/{sid}/retranslate`). */
  sentence: 'entry',
  /** INFERRED */
  summary: 'summary',
  /** INFERRED: the other streams end with `done`. */
  done: 'done',
  error: 'error',
} as const;

/** Other names a server might use for a sentence event; accepted by the client, never sent by the emulator. */
export const SENTENCE_EVENT_ALIASES: readonly string[] = ['entry', 'sentence', 'segment', 'transcript', 'result'];

/** Retranslation (§5.2): these three names are DOCUMENTED; the payloads are not. */
export const RETRANSLATE_EVENTS = { translation: 'translation', error: 'error', done: 'done' } as const;

/** Import progress (§5.5): `connected` and `progress` DOCUMENTED, the terminal names INFERRED. */
export const IMPORT_EVENTS = { connected: 'connected', progress: 'progress', completed: 'completed', failed: 'failed', error: 'error' } as const;

/** Summary generation (POST /summary, §4.9) and regeneration (§5.3): all INFERRED. */
export const SUMMARY_EVENTS = { chunk: 'summary_chunk', summary: 'summary', done: 'done', error: 'error' } as const;

/** TTS stream (§5.4): all INFERRED. */
export const TTS_EVENTS = { audio: 'audio', done: 'done', error: 'error' } as const;

/** Names that end a stream (first entry is what the emulator sends). */
export const TERMINAL_EVENT_ALIASES: readonly string[] = ['done', 'complete', 'completed', 'end', 'finished'];

// ---- SSE payloads -------------------------------------------------------------------------------

export interface ConnectedWire {
  message?: string;
  task_id?: string;
  import_id?: string;
}

export interface SpeakerWire {
  speaker_id: string;
  speaker_label: string;
}

/** `init_metadata` (payload INFERRED: the task object of GET /tasks plus speakers and a sentence count). */
export interface HistoryMetadataWire {
  task_id: string;
  title: string;
  type: string;
  source_lang?: string;
  target_lang?: string;
  /** All languages the sentences carry translations for. */
  target_langs?: string[];
  duration_ms?: number;
  created_at?: string;
  speakers?: SpeakerWire[];
  total_sentences?: number;
}

/** One sentence (`entry`): mirrors the fields a live `result` carries. */
export interface SentenceWire {
  sid: number;
  text: string;
  start_ms?: number;
  end_ms?: number;
  speaker_id?: string;
  speaker_label?: string;
  language?: string;
  /** target language -> translated text */
  translations?: Record<string, string>;
}

export interface SummaryWire {
  summary: string;
  language?: string;
  template?: string;
}

export interface SummaryChunkWire {
  /** The next piece of the summary text. */
  delta: string;
}

export interface DoneWire {
  total_sentences?: number;
  succeeded?: number;
  failed?: number;
  task_id?: string;
}

/** Retranslation `translation` (payload INFERRED). For the summary stream `sid` is absent. */
export interface TranslationWire {
  sid?: number;
  target_lang: string;
  text: string;
  source_text?: string;
}

export type ImportStage = 'queued' | 'converting' | 'transcribing' | 'translating' | 'summarizing' | 'completed' | 'failed';

/** Import progress event (payload INFERRED; the stages are the four the docs list). */
export interface ImportProgressWire {
  import_id: string;
  task_id?: string;
  status: string;
  stage: ImportStage | string;
  /** 0–100 */
  percent: number;
  message?: string;
}

/** TTS `audio`: one synthesised sentence with word-boundary timing for karaoke highlighting. */
export interface TtsAudioWire {
  sid: number;
  text: string;
  language: string;
  voice: string;
  /** Base64 audio in `format`. */
  audio: string;
  format: string;
  word_boundaries: { text: string; offset_ms: number; duration_ms: number }[];
}

// ---- REST details the docs leave open -----------------------------------------------------------

/** Transcript export: the format query parameter's name is NOT DOCUMENTED (§4.2); the set is. */
export const TRANSCRIPT_EXPORT_PARAM = 'format';
export type TranscriptFormat = 'txt' | 'srt' | 'sbv' | 'vtt' | 'csv';
export const TRANSCRIPT_FORMATS: readonly TranscriptFormat[] = ['txt', 'srt', 'sbv', 'vtt', 'csv'];

/** Retranslate-summary and single-sentence retranslate take the same `targetLang` as the full one (INFERRED). */
export const RETRANSLATE_TARGET_PARAM = 'targetLang';

/**
 * Batch revoke of broadcasts names its ids in a body field (INFERRED, §4.4): `ids` first, then the
 * other plausible name, tried once when a server refuses the first as invalid.
 */
export const BATCH_REVOKE_FIELDS = ['ids', 'broadcast_ids'] as const;
export type BatchRevokeField = (typeof BATCH_REVOKE_FIELDS)[number];

/** Batch bodies (NOT DOCUMENTED, §4.2). */
export interface BatchPinBody {
  task_ids: string[];
  is_pinned: boolean;
}
export interface BatchDeleteBody {
  task_ids: string[];
}
export interface BatchResultWire {
  updated?: number;
  deleted?: number;
  /** Ids that did not exist (ignored by the server). */
  not_found?: string[];
}

/** Speaker reassign / merge bodies (NOT DOCUMENTED, §4.7). */
export interface ReassignSpeakerBody {
  sid: number;
  speaker_id: string;
}
export interface MergeSpeakersBody {
  source_speaker_ids: string[];
  target_speaker_id: string;
}
export interface SpeakerChangeWire {
  speaker_id?: string;
  new_label?: string;
  updated_sentences: number;
}

/** Import upload response and status/list items (NOT DOCUMENTED, §4.3). */
export interface ImportWire {
  import_id: string;
  task_id: string;
  status: string;
  filename: string;
  duration_ms: number;
  size_bytes: number;
  percent?: number;
  created_at: string;
}

/** 402 when an upload or a billed stream exceeds the monthly budget: the documented auth_budget_exceeded (seed 003, vurbo-vas.md §2.1). */
export const BUDGET_EXCEEDED = { status: 402, code: 'auth_budget_exceeded' } as const;
