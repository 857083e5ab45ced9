// The wire forms of a broadcast: the host's view (REST, vurbo-vas.md §4.4) and the public viewer
// info (§4.5).
import { VOICES } from './catalog';
import { isLive, type BroadcastRecord } from './broadcastRecords';

export function hostView(b: BroadcastRecord, shareUrl: string, viewerCount: number): Record<string, unknown> {
  return {
    id: b.id,
    token: b.token,
    name: b.name,
    share_url: shareUrl,
    transcription_language: b.transcription_language,
    translation_languages: b.translation_languages,
    tts_config: b.tts_config,
    speaker_diarization: b.speaker_diarization,
    summary_template: b.summary_template,
    summary_language: b.summary_language,
    max_viewers: b.max_viewers,
    access_type: b.access_type,
    pass_code: b.pass_code,
    status: b.status,
    is_live: isLive(b),
    // INFERRED extra: the phase of an active broadcast (the docs name standby and live phases).
    phase: b.status === 'active' ? (b.phase ?? 'standby') : null,
    viewer_count: viewerCount,
    session_id: b.session_id,
    current_recording_id: b.current_recording_id,
    recordings_count: b.recordings_count,
    peak_viewers: b.peak_viewers,
    total_viewers: b.total_viewers,
    duration_ms: b.duration_ms,
    duration_formatted: formatDuration(b.duration_ms),
    started_at: b.started_at,
    ended_at: b.ended_at,
    revoked_at: b.revoked_at,
    created_at: b.created_at,
  };
}

export function publicView(b: BroadcastRecord): Record<string, unknown> {
  const tts = b.translation_languages.filter((l) => VOICES[l]);
  return {
    id: b.id,
    name: b.name,
    access_type: b.access_type,
    requires_password: b.access_type === 'password',
    status: b.status,
    is_live: isLive(b),
    transcription_language: b.transcription_language,
    translation_languages: b.translation_languages,
    tts_languages: tts,
    tts_voices: Object.fromEntries(tts.map((l) => [l, VOICES[l]])),
  };
}

function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
