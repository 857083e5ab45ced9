// Vurbo.ai VAS REST endpoints (../shared/api/vurbo-vas.md §4): `X-API-Key` on every one but the viewer's.
import { TRANSCRIPT_EXPORT_PARAM, TRANSCRIPT_FORMATS } from '../vurbo/inferred';
import { endpointGroup, param, type EndpointSpec, type EntryExtras } from './types';

export const VURBO_DOCS = 'https://apidocs-pvas.vurbo.ai/en/api-reference/reference';
const REST = `${VURBO_DOCS}/rest`;
const TASK_ID_EXAMPLE = '550e8400-e29b-41d4-a716-446655440000';
export const taskId = param('path', 'taskId', 'string', true, 'The task id (UUID).', { example: TASK_ID_EXAMPLE });
const broadcastId = param('path', 'id', 'string', true, 'The broadcast id (UUID).', { example: TASK_ID_EXAMPLE });
const taskIds = param('body', 'task_ids', 'array', true, 'Task ids (INFERRED).', { example: [TASK_ID_EXAMPLE] });

/** The entries of one area share its explorer group, its documentation page and its contract section. */
const restArea = (area: string, page: string, section: string, areaDefaults: EntryExtras = {}) =>
  endpointGroup({ area, auth: 'x-api-key', response: 'json', status: 'documented', docsUrl: `${REST}/${page}`, section, ...areaDefaults });

const auth = restArea('Auth', 'auth-ticket', 'vurbo-vas.md §2.2');
const tasks = restArea('Tasks', 'tasks', 'vurbo-vas.md §4.2');
const speakers = restArea('Speakers', 'speakers', 'vurbo-vas.md §4.7');
const imports = restArea('Imports', 'imports', 'vurbo-vas.md §4.3');
const broadcasts = restArea('Broadcasts', 'broadcasts', 'vurbo-vas.md §4.4');
const viewer = restArea('Viewer', 'viewer', 'vurbo-vas.md §4.5', { auth: 'none' });
const tts = restArea('TTS', 'tts', 'vurbo-vas.md §4.6');
const summaryTemplates = restArea('Summary', 'summary-templates', 'vurbo-vas.md §4.8');

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

/** Built on first use of the catalogue (core/catalog/index.ts), not when the extension loads. */
export const vurboRestEndpoints = (): readonly EndpointSpec[] => [
  auth('POST', '/api/v1/auth/ticket', 'A one-time WebSocket ticket (60 s)'),
  tasks('GET', '/api/v1/tasks', 'List tasks', {
    params: [param('query', 'status', 'string', false, 'completed (default), active or all.', { values: ['completed', 'active', 'all'], example: 'all' })],
  }),
  tasks('DELETE', '/api/v1/tasks/{taskId}', 'Delete a task', { params: [taskId] }),
  tasks('PUT', '/api/v1/tasks/{taskId}/pin', 'Pin or unpin a task', {
    params: [taskId, param('body', 'is_pinned', 'boolean', true, 'The new pin flag.', { example: true })],
    exampleBody: { is_pinned: true },
  }),
  tasks('PUT', '/api/v1/tasks/{taskId}/read', 'Mark a task as read', { params: [taskId] }),
  tasks('PATCH', '/api/v1/tasks/{taskId}/name', 'Rename a task', {
    params: [taskId, param('body', 'name', 'string', true, 'The new name.', { example: 'Weekly sync' })],
    exampleBody: { name: 'Weekly sync' },
  }),
  tasks('POST', '/api/v1/tasks/{taskId}/force-fail', 'Force a task to failed', { params: [taskId] }),
  tasks('POST', '/api/v1/tasks/{taskId}/retry', 'Reprocess a failed task', { params: [taskId] }),
  tasks('PUT', '/api/v1/tasks/batch/pin', 'Pin or unpin many tasks', {
    status: 'not-documented',
    params: [taskIds, param('body', 'is_pinned', 'boolean', true, 'The new pin flag (INFERRED).', { example: true })],
    exampleBody: { task_ids: [TASK_ID_EXAMPLE], is_pinned: true },
  }),
  tasks('DELETE', '/api/v1/tasks/batch', 'Delete many tasks', { status: 'not-documented', params: [taskIds], exampleBody: { task_ids: [TASK_ID_EXAMPLE] } }),
  tasks('GET', '/api/v1/tasks/{taskId}/audio/export', 'Download the audio', { response: 'binary', params: [taskId] }),
  tasks('GET', '/api/v1/tasks/{taskId}/transcript/export', 'Download the transcript (TXT, SRT, SBV, VTT, CSV)', {
    response: 'text',
    status: 'inferred',
    params: [
      taskId,
      param('query', TRANSCRIPT_EXPORT_PARAM, 'string', false, 'The file format (parameter name INFERRED).', { values: TRANSCRIPT_FORMATS, example: 'srt' }),
    ],
  }),
  speakers('PATCH', '/api/v1/tasks/{taskId}/speakers/rename', 'Rename a speaker everywhere', {
    params: [
      taskId,
      param('body', 'speaker_id', 'string', true, 'Original id or current label, ≤ 100 characters.', { example: 'Guest-1' }),
      param('body', 'new_label', 'string', true, '≤ 100 characters, no control characters.', { example: 'Manager Wang' }),
    ],
    exampleBody: { speaker_id: 'Guest-1', new_label: 'Manager Wang' },
  }),
  speakers('PATCH', '/api/v1/tasks/{taskId}/speakers/reassign', 'Change the speaker of one sentence', {
    status: 'not-documented',
    params: [
      taskId,
      param('body', 'sid', 'integer', true, 'Sentence number (INFERRED).', { example: 1 }),
      param('body', 'speaker_id', 'string', true, 'The new speaker (INFERRED).', { example: 'Guest-2' }),
    ],
    exampleBody: { sid: 1, speaker_id: 'Guest-2' },
  }),
  speakers('PATCH', '/api/v1/tasks/{taskId}/speakers/merge', 'Merge speakers', {
    status: 'not-documented',
    params: [
      taskId,
      param('body', 'source_speaker_ids', 'array', true, 'Speakers merged away (INFERRED).', { example: ['Guest-2'] }),
      param('body', 'target_speaker_id', 'string', true, 'The speaker kept (INFERRED).', { example: 'Guest-1' }),
    ],
    exampleBody: { source_speaker_ids: ['Guest-2'], target_speaker_id: 'Guest-1' },
  }),
  imports('POST', '/api/v1/imports/check-quota', 'Check the budget before an upload', {
    params: [param('body', 'duration_ms', 'integer', true, 'Between 1 s and 10 h.', { example: 3600000 })],
    exampleBody: { duration_ms: 3600000 },
  }),
  imports('POST', '/api/v1/imports', 'Upload audio (multipart)', {
    params: [
      param('form', 'file', 'file', true, 'MP3, WAV or M4A, ≤ 500 MB.'),
      param('form', 'transcription_languages', 'string', true, 'A JSON array as a string.', { example: '["en-US"]' }),
      param('form', 'recognition_mode', 'string', false, 'single or multi_speaker.', { values: ['single', 'multi_speaker'] }),
      param('form', 'translation_languages', 'string', false, 'A JSON array as a string (NOT DOCUMENTED).'),
      param('form', 'summary_template', 'string', false, 'Template slug (NOT DOCUMENTED).'),
      param('form', 'callback_url', 'string', false, 'Webhook URL.'),
    ],
  }),
  imports('GET', '/api/v1/imports/{importId}', 'Import status', {
    status: 'not-documented',
    params: [param('path', 'importId', 'string', true, 'The import id.')],
  }),
  imports('GET', '/api/v1/imports', 'List imports', { status: 'not-documented' }),
  broadcasts('GET', '/api/v1/broadcasts', 'List broadcasts (paginated)', {
    params: [
      param('query', 'page', 'integer', false, 'Default 1.', { example: 1 }),
      param('query', 'per_page', 'integer', false, 'Default 20.', { example: 20 }),
    ],
  }),
  broadcasts('POST', '/api/v1/broadcasts', 'Create a broadcast', {
    params: broadcastFields,
    exampleBody: { transcription_language: 'en-US', translation_languages: ['de-DE'] },
  }),
  broadcasts('DELETE', '/api/v1/broadcasts/batch', 'Revoke many broadcasts', {
    status: 'not-documented',
    params: [param('body', 'ids', 'array', true, 'Broadcast ids (INFERRED).', { example: [TASK_ID_EXAMPLE] })],
    exampleBody: { ids: [TASK_ID_EXAMPLE] },
  }),
  broadcasts('GET', '/api/v1/broadcasts/{id}', 'Broadcast status', { status: 'not-documented', params: [broadcastId] }),
  broadcasts('PATCH', '/api/v1/broadcasts/{id}', 'Update broadcast settings', {
    status: 'not-documented',
    params: [broadcastId, ...broadcastFields.map((p) => ({ ...p, required: false }))],
    exampleBody: { name: 'Renamed channel' },
  }),
  broadcasts('DELETE', '/api/v1/broadcasts/{id}', 'Revoke a broadcast', { params: [broadcastId] }),
  viewer('GET', '/api/v1/viewer/broadcasts/{token}', 'Public broadcast information (no key)', {
    params: [param('path', 'token', 'string', true, '4 characters a-z0-9.', { example: 'a3f9' })],
  }),
  viewer('POST', '/api/v1/viewer/broadcasts/{token}/verify', 'Verify a viewer password (path assumed)', {
    section: 'vurbo-vas.md §2.3',
    status: 'not-documented',
    params: [
      param('path', 'token', 'string', true, '4 characters a-z0-9.', { example: 'a3f9' }),
      param('body', 'password', 'string', true, 'The broadcast password (INFERRED).'),
    ],
    exampleBody: { password: 'secret' },
  }),
  tts('GET', '/api/v1/tts/voices', 'Voices of a language', { params: [param('query', 'language', 'string', true, 'e.g. en-US.', { example: 'en-US' })] }),
  tts('GET', '/api/v1/tts/voices/{voice_name}/sample', 'A voice sample (audio)', {
    response: 'binary',
    status: 'inferred',
    params: [param('path', 'voice_name', 'string', true, 'e.g. en-US-JennyNeural.', { example: 'en-US-JennyNeural' })],
  }),
  summaryTemplates('GET', '/api/v1/summary-templates', 'Summary templates', {
    params: [param('query', 'category', 'string', false, 'summary (default), medical, legal or all.', { values: ['summary', 'medical', 'legal', 'all'] })],
  }),
  summaryTemplates('GET', '/api/v1/summary-templates/{slug}', 'One template in full', {
    params: [param('path', 'slug', 'string', true, 'Template slug.', { example: 'meeting' })],
  }),
];
