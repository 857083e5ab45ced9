// Vurbo.ai VAS streaming endpoints: SSE (vurbo-vas.md §5, `X-API-Key`), the text summary (§4.9,
// `Authorization: Bearer`), the viewer caption stream (§7, no key) and the live WebSocket (§6, ticket).
import { RETRANSLATE_TARGET_PARAM } from '../vurbo/inferred';
import { endpointGroup, param, type CatalogParam, type EndpointSpec } from './types';
import { taskId, VURBO_DOCS } from './vurboRest';

const SSE = `${VURBO_DOCS}/sse`;
const target = (required: boolean, description: string) => param('query', RETRANSLATE_TARGET_PARAM, 'string', required, description, { example: 'en-US' });

function summaryParams(location: 'query' | 'body', camel: boolean): CatalogParam[] {
  const name = (snake: string, camelName: string) => (camel ? camelName : snake);
  return [
    param(location, 'mode', 'string', true, 'builtin or custom.', { values: ['builtin', 'custom'], example: 'builtin' }),
    param(location, 'template', 'string', false, 'Template slug; builtin only.', { example: 'meeting' }),
    param(location, 'prompt', 'string', false, '≤ 2,000 characters; custom only.'),
    param(location, name('prompt_slug', 'promptSlug'), 'string', false, '≤ 64 characters; custom only.'),
    param(location, 'language', 'string', false, 'Output language.'),
    param(location, name('plain_text', 'plainText'), 'boolean', false, 'Strip Markdown.'),
  ];
}

const sseGroup = (page: string, section: string) =>
  endpointGroup({
    area: 'SSE streams',
    auth: 'x-api-key',
    response: 'sse',
    status: 'documented',
    docsUrl: `${SSE}/${page}`,
    section: `vurbo-vas.md ${section}`,
  });
const history = sseGroup('history', '§5.1');
const retranslate = sseGroup('retranslate', '§5.2');
const regenerateSummary = sseGroup('regenerate-summary', '§5.3');
const ttsStream = sseGroup('tts', '§5.4');
const importProgress = sseGroup('import-progress', '§5.5');
const audioStream = sseGroup('audio', '§5.6');

/** Built on first use of the catalogue (core/catalog/index.ts), not when the extension loads. */
export const vurboStreamEndpoints = (): readonly EndpointSpec[] => [
  history('GET', '/api/v1/sse/history/transcribe/{taskId}', 'A task’s sentences and summary, one event each', { status: 'inferred', params: [taskId] }),
  retranslate('GET', '/api/v1/sse/retranslate/{taskId}', 'Retranslate every sentence', { params: [taskId, target(true, 'The target language.')] }),
  retranslate('GET', '/api/v1/sse/retranslate/summary/{taskId}', 'Retranslate the summary', {
    status: 'not-documented',
    params: [taskId, target(true, 'The target language (parameter NOT DOCUMENTED).')],
  }),
  retranslate('GET', '/api/v1/sse/recordings/{taskId}/entries/{sid}/retranslate', 'Retranslate one sentence', {
    status: 'not-documented',
    params: [
      taskId,
      param('path', 'sid', 'integer', true, 'Sentence number.', { example: 1 }),
      target(true, 'The target language (parameter NOT DOCUMENTED).'),
    ],
  }),
  regenerateSummary('GET', '/api/v1/sse/regenerate/summary/{taskId}', 'Preview a new summary (billed, not saved)', {
    params: [taskId, ...summaryParams('query', true)],
  }),
  regenerateSummary('POST', '/api/v1/sse/regenerate/summary/{taskId}', 'Regenerate and save the summary (billed)', {
    params: [taskId, ...summaryParams('body', true)],
    exampleBody: { mode: 'builtin', template: 'meeting' },
  }),
  ttsStream('GET', '/api/v1/sse/tts/{taskId}', 'Speech of the translated sentences', {
    params: [
      taskId,
      param('query', 'language', 'string', true, 'TTS output language.', { example: 'en-US' }),
      param('query', 'voice', 'string', false, 'e.g. en-US-JennyNeural.'),
      param('query', 'sid', 'integer', false, 'First sentence, default 1.'),
      param('query', 'length', 'integer', false, 'Sentences, default 1, at most 20.'),
    ],
  }),
  importProgress('GET', '/api/v1/sse/imports/{importId}/progress', 'Progress of an import', {
    status: 'inferred',
    params: [param('path', 'importId', 'string', true, 'The import id.')],
  }),
  audioStream('GET', '/api/v1/sse/audio/{taskId}', 'The audio, seekable (not actually SSE)', { response: 'binary', params: [taskId] }),
  {
    area: 'Summary',
    method: 'POST',
    path: '/api/v1/summary',
    summary: 'Summarise any text (streamed)',
    auth: 'bearer',
    response: 'sse',
    status: 'documented',
    docsUrl: `${VURBO_DOCS}/rest/summary`,
    section: 'vurbo-vas.md §4.9',
    params: [
      param('body', 'content', 'string', true, '≤ 100,000 characters.', { example: 'We agreed to ship on Friday.' }),
      ...summaryParams('body', false),
      param('body', 'format', 'string', false, 'bullet_points, paragraph or structured; builtin only.', {
        values: ['bullet_points', 'paragraph', 'structured'],
      }),
      param('body', 'max_length', 'integer', false, 'Maximum length in words.'),
    ],
    exampleBody: { content: 'We agreed to ship on Friday.', mode: 'builtin', template: 'meeting' },
  },
  {
    area: 'Viewer',
    method: 'GET',
    path: '/broadcast/{token}/text',
    summary: 'A broadcast’s captions (no key)',
    auth: 'none',
    response: 'sse',
    status: 'inferred',
    docsUrl: `${SSE}/broadcast-viewer`,
    section: 'vurbo-vas.md §7',
    params: [
      param('path', 'token', 'string', true, '4 characters a-z0-9.', { example: 'a3f9' }),
      param('query', 'lang', 'string', false, 'Only this translation language.'),
      param('query', 'tts', 'boolean', false, 'Send TTS audio too.'),
      param('query', 'viewer_access_token', 'string', false, 'For password-protected broadcasts.'),
    ],
  },
  {
    area: 'Live',
    method: 'WS',
    path: '/ws',
    summary: 'The live session socket (ticket in the subprotocol)',
    auth: 'ticket',
    response: 'websocket',
    status: 'documented',
    docsUrl: `${VURBO_DOCS}/websocket/connection`,
    section: 'vurbo-vas.md §6',
  },
];
