// The live WebSocket's client actions (vurbo-vas.md §6.2) as snippets for the explorer's console:
// every action the reference lists, in its order. Only `start`'s parameters are DOCUMENTED; the
// other payloads are the action alone plus the fields the extension already sends (INFERRED).
import type { DocStatus } from '../catalog';
import {
  announcementAction,
  goLiveAction,
  healthPing,
  pauseAction,
  resumeAction,
  SERVICE_TYPE,
  startAction,
  stopAction,
  type Envelope,
} from '../vurbo/liveProtocol';

export interface WsSnippet {
  readonly action: string;
  readonly purpose: string;
  /** Whether the payload shown is documented or our assumption. */
  readonly status: DocStatus;
  readonly message: Envelope;
}

const bare = (action: string, extra: Record<string, unknown> = {}): Envelope => ({ type: SERVICE_TYPE, data: { action, ...extra } });

const actions = (): readonly [string, string, Envelope?][] => [
  [
    'start',
    'start a session',
    { ...startAction({ transcriptionLanguages: ['en-US'], translationLanguages: ['de-DE'], type: 'transcribe', summaryTemplate: 'meeting' }) },
  ],
  ['config', 'set terminology and correction rules'],
  ['audio', 'send an audio chunk (Base64 PCM)', bare('audio', { audio: '' })],
  ['pause', 'pause translation', pauseAction()],
  ['resume', 'resume translation', resumeAction()],
  ['stop', 'stop; upload, processing and summary follow', stopAction()],
  ['retranslate', 'retranslate one sentence', bare('retranslate', { sid: 1 })],
  ['switch_language', 'switch language mid-session', bare('switch_language', { transcription_languages: ['de-DE'] })],
  ['set_name', 'set the recording name', bare('set_name', { name: 'Explorer session' })],
  ['rename_speaker', 'rename a speaker everywhere', bare('rename_speaker', { speaker_id: 'Guest-1', new_name: 'Anna' })],
  ['reassign_speaker', 'change the speaker of one sentence', bare('reassign_speaker', { sid: 1, speaker_id: 'Guest-2' })],
  ['merge_speakers', 'merge speakers', bare('merge_speakers', { source_speaker_ids: ['Guest-2'], target_speaker_id: 'Guest-1' })],
  ['tts_play', 'play TTS'],
  ['tts_stop', 'stop TTS'],
  ['tts_mode', 'switch TTS mode (sync or async)', bare('tts_mode', { mode: 'sync' })],
  ['set_tts', 'two-way (conversation) TTS settings'],
  ['start_speaking', 'manual-mode turn start (conversation)'],
  ['stop_speaking', 'manual-mode turn end (conversation)'],
  ['switch_conversation_mode', 'switch conversation mode (manual or auto)', bare('switch_conversation_mode', { mode: 'auto' })],
  ['set_speaker_language', "set a speaker's language (conversation)"],
  ['broadcast_go_live', 'move a broadcast from standby to live', goLiveAction()],
  ['broadcast_announcement', 'send an announcement to viewers', announcementAction('We start in five minutes.')],
  ['set_standby_message', 'set the message viewers see during standby', bare('set_standby_message', { message: 'Starting soon' })],
];

/** Built when the console opens (not when the extension loads), so the heartbeat's timestamp is current. */
export const wsSnippets = (): readonly WsSnippet[] => [
  ...actions().map(([action, purpose, message]) => ({
    action,
    purpose,
    status: (action === 'start' ? 'documented' : 'not-documented') as DocStatus,
    message: message ?? bare(action),
  })),
  { action: 'health', purpose: 'heartbeat (every 30 s is recommended)', status: 'inferred', message: healthPing() },
];

/** Checks the text typed into the console's send box: one JSON object with a string `type`. */
export type OutgoingProblem = { code: 'invalid_json'; detail: string } | { code: 'not_an_object' } | { code: 'no_type' };

export function parseOutgoing(text: string): { ok: true; text: string } | ({ ok: false } & OutgoingProblem) {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, code: 'invalid_json', detail: e instanceof Error ? e.message : String(e) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, code: 'not_an_object' };
  if (typeof (value as { type?: unknown }).type !== 'string') return { ok: false, code: 'no_type' };
  return { ok: true, text: JSON.stringify(value) };
}
