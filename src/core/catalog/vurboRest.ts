// Vurbo.ai VAS REST endpoints (../shared/api/vurbo-vas.md §4): `X-API-Key` on every one but the viewer's.
import { TRANSCRIPT_EXPORT_PARAM, TRANSCRIPT_FORMATS } from '../vurbo/inferred';
import { param, type EndpointSpec } from './types';

export const VURBO_DOCS = 'https://apidocs-pvas.vurbo.ai/en/api-reference/reference';
const REST = `${VURBO_DOCS}/rest`;
const TASK_ID_EXAMPLE = '550e8400-e29b-41d4-a716-446655440000';
export const taskId = param('path', 'taskId', 'string', true, 'The task id (UUID).', { example: TASK_ID_EXAMPLE });
const broadcastId = param('path', 'id', 'string', true, 'The broadcast id (UUID).', { example: TASK_ID_EXAMPLE });
const taskIds = param('body', 'task_ids', 'array', true, 'Task ids (INFERRED).', { example: [TASK_ID_EXAMPLE] });

type RestSpec = Omit<EndpointSpec, 'auth' | 'response' | 'status' | 'docsUrl'> & Partial<Pick<EndpointSpec, 'auth' | 'response' | 'status'>> & { page: string };

function rest(spec: RestSpec): EndpointSpec {
  const { page, ...rest } = spec;
  return { auth: 'x-api-key', response: 'json', status: 'documented', docsUrl: `${REST}/${page}`, ...rest };
}

const broadcastFields = [
  param('body', 'name', 'string', false, 'Channel name.'),
  param('body', 'transcription_language', 'string', true, 'Spoken language, e.g. zh-TW.', { example: 'en-US' }),
  param('body', 'translation_languages', 'array', false, 'Caption languages.', { example: ['de-DE'] }),
  param('body', 'access_type', 'string', false, 'public or password (NOT DOCUMENTED as a create field).', { values: ['public', 'password'] }),
  param('body', 'pass_code', 'string', false, 'Password for access_type password.'),
  param('body', 'max_viewers', 'integer', false, 'Viewer cap.'),
  param('body', 'summary_template', 'string', false, 'Template slug.'),
  param('body', 'speaker_diarization', 'boolean', false, 'Tell speakers apart.'),
  param('body', 'callback_url', 'string', false, 'Webhook URL.'),
];

export const VURBO_REST_ENDPOINTS: readonly EndpointSpec[] = [
  rest({ area: 'Auth', method: 'POST', path: '/api/v1/auth/ticket', summary: 'A one-time WebSocket ticket (60 s)', page: 'auth-ticket', section: 'vurbo-vas.md §2.2' }),
  rest({
    area: 'Tasks', method: 'GET', path: '/api/v1/tasks', summary: 'List tasks', page: 'tasks', section: 'vurbo-vas.md §4.2',
    params: [param('query', 'status', 'string', false, 'completed (default), active or all.', { values: ['completed', 'active', 'all'], example: 'all' })],
  }),
  rest({ area: 'Tasks', method: 'DELETE', path: '/api/v1/tasks/{taskId}', summary: 'Delete a task', page: 'tasks', section: 'vurbo-vas.md §4.2', params: [taskId] }),
  rest({
    area: 'Tasks', method: 'PUT', path: '/api/v1/tasks/{taskId}/pin', summary: 'Pin or unpin a task', page: 'tasks', section: 'vurbo-vas.md §4.2',
    params: [taskId, param('body', 'is_pinned', 'boolean', true, 'The new pin flag.', { example: true })], exampleBody: { is_pinned: true },
  }),
  rest({ area: 'Tasks', method: 'PUT', path: '/api/v1/tasks/{taskId}/read', summary: 'Mark a task as read', page: 'tasks', section: 'vurbo-vas.md §4.2', params: [taskId] }),
  rest({
    area: 'Tasks', method: 'PATCH', path: '/api/v1/tasks/{taskId}/name', summary: 'Rename a task', page: 'tasks', section: 'vurbo-vas.md §4.2',
    params: [taskId, param('body', 'name', 'string', true, 'The new name.', { example: 'Weekly sync' })], exampleBody: { name: 'Weekly sync' },
  }),
  rest({ area: 'Tasks', method: 'POST', path: '/api/v1/tasks/{taskId}/force-fail', summary: 'Force a task to failed', page: 'tasks', section: 'vurbo-vas.md §4.2', params: [taskId] }),
  rest({ area: 'Tasks', method: 'POST', path: '/api/v1/tasks/{taskId}/retry', summary: 'Reprocess a failed task', page: 'tasks', section: 'vurbo-vas.md §4.2', params: [taskId] }),
  rest({
    area: 'Tasks', method: 'PUT', path: '/api/v1/tasks/batch/pin', summary: 'Pin or unpin many tasks', page: 'tasks', section: 'vurbo-vas.md §4.2', status: 'not-documented',
    params: [taskIds, param('body', 'is_pinned', 'boolean', true, 'The new pin flag (INFERRED).', { example: true })], exampleBody: { task_ids: [TASK_ID_EXAMPLE], is_pinned: true },
  }),
  rest({ area: 'Tasks', method: 'DELETE', path: '/api/v1/tasks/batch', summary: 'Delete many tasks', page: 'tasks', section: 'vurbo-vas.md §4.2', status: 'not-documented', params: [taskIds], exampleBody: { task_ids: [TASK_ID_EXAMPLE] } }),
  rest({ area: 'Tasks', method: 'GET', path: '/api/v1/tasks/{taskId}/audio/export', summary: 'Download the audio', page: 'tasks', section: 'vurbo-vas.md §4.2', response: 'binary', params: [taskId] }),
  rest({
    area: 'Tasks', method: 'GET', path: '/api/v1/tasks/{taskId}/transcript/export', summary: 'Download the transcript (TXT, SRT, SBV, VTT, CSV)', page: 'tasks', section: 'vurbo-vas.md §4.2', response: 'text', status: 'inferred',
    params: [taskId, param('query', TRANSCRIPT_EXPORT_PARAM, 'string', false, 'The file format (parameter name INFERRED).', { values: TRANSCRIPT_FORMATS, example: 'srt' })],
  }),
  rest({
    area: 'Speakers', method: 'PATCH', path: '/api/v1/tasks/{taskId}/speakers/rename', summary: 'Rename a speaker everywhere', page: 'speakers', section: 'vurbo-vas.md §4.7',
    params: [taskId, param('body', 'speaker_id', 'string', true, 'Original id or current label, ≤ 100 characters.', { example: 'Guest-1' }), param('body', 'new_label', 'string', true, '≤ 100 characters, no control characters.', { example: 'Manager Wang' })],
    exampleBody: { speaker_id: 'Guest-1', new_label: 'Manager Wang' },
  }),
  rest({
    area: 'Speakers', method: 'PATCH', path: '/api/v1/tasks/{taskId}/speakers/reassign', summary: 'Change the speaker of one sentence', page: 'speakers', section: 'vurbo-vas.md §4.7', status: 'not-documented',
    params: [taskId, param('body', 'sid', 'integer', true, 'Sentence number (INFERRED).', { example: 1 }), param('body', 'speaker_id', 'string', true, 'The new speaker (INFERRED).', { example: 'Guest-2' })],
    exampleBody: { sid: 1, speaker_id: 'Guest-2' },
  }),
  rest({
    area: 'Speakers', method: 'PATCH', path: '/api/v1/tasks/{taskId}/speakers/merge', summary: 'Merge speakers', page: 'speakers', section: 'vurbo-vas.md §4.7', status: 'not-documented',
    params: [taskId, param('body', 'source_speaker_ids', 'array', true, 'Speakers merged away (INFERRED).', { example: ['Guest-2'] }), param('body', 'target_speaker_id', 'string', true, 'The speaker kept (INFERRED).', { example: 'Guest-1' })],
    exampleBody: { source_speaker_ids: ['Guest-2'], target_speaker_id: 'Guest-1' },
  }),
  rest({
    area: 'Imports', method: 'POST', path: '/api/v1/imports/check-quota', summary: 'Check the budget before an upload', page: 'imports', section: 'vurbo-vas.md §4.3',
    params: [param('body', 'duration_ms', 'integer', true, 'Between 1 s and 10 h.', { example: 3600000 })], exampleBody: { duration_ms: 3600000 },
  }),
  rest({
    area: 'Imports', method: 'POST', path: '/api/v1/imports', summary: 'Upload audio (multipart)', page: 'imports', section: 'vurbo-vas.md §4.3',
    params: [
      param('form', 'file', 'file', true, 'MP3, WAV or M4A, ≤ 500 MB.'),
      param('form', 'transcription_languages', 'string', true, 'A JSON array as a string.', { example: '["en-US"]' }),
      param('form', 'recognition_mode', 'string', false, 'single or multi_speaker.', { values: ['single', 'multi_speaker'] }),
      param('form', 'translation_languages', 'string', false, 'A JSON array as a string (NOT DOCUMENTED).'),
      param('form', 'summary_template', 'string', false, 'Template slug (NOT DOCUMENTED).'),
      param('form', 'callback_url', 'string', false, 'Webhook URL.'),
    ],
  }),
  rest({ area: 'Imports', method: 'GET', path: '/api/v1/imports/{importId}', summary: 'Import status', page: 'imports', section: 'vurbo-vas.md §4.3', status: 'not-documented', params: [param('path', 'importId', 'string', true, 'The import id.')] }),
  rest({ area: 'Imports', method: 'GET', path: '/api/v1/imports', summary: 'List imports', page: 'imports', section: 'vurbo-vas.md §4.3', status: 'not-documented' }),
  rest({
    area: 'Broadcasts', method: 'GET', path: '/api/v1/broadcasts', summary: 'List broadcasts (paginated)', page: 'broadcasts', section: 'vurbo-vas.md §4.4',
    params: [param('query', 'page', 'integer', false, 'Default 1.', { example: 1 }), param('query', 'per_page', 'integer', false, 'Default 20.', { example: 20 })],
  }),
  rest({ area: 'Broadcasts', method: 'POST', path: '/api/v1/broadcasts', summary: 'Create a broadcast', page: 'broadcasts', section: 'vurbo-vas.md §4.4', params: broadcastFields, exampleBody: { transcription_language: 'en-US', translation_languages: ['de-DE'] } }),
  rest({ area: 'Broadcasts', method: 'DELETE', path: '/api/v1/broadcasts/batch', summary: 'Revoke many broadcasts', page: 'broadcasts', section: 'vurbo-vas.md §4.4', status: 'not-documented', params: [param('body', 'ids', 'array', true, 'Broadcast ids (INFERRED).', { example: [TASK_ID_EXAMPLE] })], exampleBody: { ids: [TASK_ID_EXAMPLE] } }),
  rest({ area: 'Broadcasts', method: 'GET', path: '/api/v1/broadcasts/{id}', summary: 'Broadcast status', page: 'broadcasts', section: 'vurbo-vas.md §4.4', status: 'not-documented', params: [broadcastId] }),
  rest({ area: 'Broadcasts', method: 'PATCH', path: '/api/v1/broadcasts/{id}', summary: 'Update broadcast settings', page: 'broadcasts', section: 'vurbo-vas.md §4.4', status: 'not-documented', params: [broadcastId, ...broadcastFields.map((p) => ({ ...p, required: false }))], exampleBody: { name: 'Renamed channel' } }),
  rest({ area: 'Broadcasts', method: 'DELETE', path: '/api/v1/broadcasts/{id}', summary: 'Revoke a broadcast', page: 'broadcasts', section: 'vurbo-vas.md §4.4', params: [broadcastId] }),
  rest({
    area: 'Viewer', method: 'GET', path: '/api/v1/viewer/broadcasts/{token}', summary: 'Public broadcast information (no key)', page: 'viewer', section: 'vurbo-vas.md §4.5', auth: 'none',
    params: [param('path', 'token', 'string', true, '4 characters a-z0-9.', { example: 'a3f9' })],
  }),
  rest({
    area: 'Viewer', method: 'POST', path: '/api/v1/viewer/broadcasts/{token}/verify', summary: 'Verify a viewer password (path assumed)', page: 'viewer', section: 'vurbo-vas.md §2.3', auth: 'none', status: 'not-documented',
    params: [param('path', 'token', 'string', true, '4 characters a-z0-9.', { example: 'a3f9' }), param('body', 'password', 'string', true, 'The broadcast password (INFERRED).')], exampleBody: { password: 'secret' },
  }),
  rest({ area: 'TTS', method: 'GET', path: '/api/v1/tts/voices', summary: 'Voices of a language', page: 'tts', section: 'vurbo-vas.md §4.6', params: [param('query', 'language', 'string', true, 'e.g. en-US.', { example: 'en-US' })] }),
  rest({
    area: 'TTS', method: 'GET', path: '/api/v1/tts/voices/{voice_name}/sample', summary: 'A voice sample (audio)', page: 'tts', section: 'vurbo-vas.md §4.6', response: 'binary', status: 'inferred',
    params: [param('path', 'voice_name', 'string', true, 'e.g. en-US-JennyNeural.', { example: 'en-US-JennyNeural' })],
  }),
  rest({
    area: 'Summary', method: 'GET', path: '/api/v1/summary-templates', summary: 'Summary templates', page: 'summary-templates', section: 'vurbo-vas.md §4.8',
    params: [param('query', 'category', 'string', false, 'summary (default), medical, legal or all.', { values: ['summary', 'medical', 'legal', 'all'] })],
  }),
  rest({ area: 'Summary', method: 'GET', path: '/api/v1/summary-templates/{slug}', summary: 'One template in full', page: 'summary-templates', section: 'vurbo-vas.md §4.8', params: [param('path', 'slug', 'string', true, 'Template slug.', { example: 'meeting' })] }),
];
