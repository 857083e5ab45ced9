// Vurbo.ai VAS streaming endpoints: SSE (vurbo-vas.md §5, `X-API-Key`), the text summary (§4.9,
// `Authorization: Bearer`), the viewer caption stream (§7, no key) and the live WebSocket (§6, ticket).
import { RETRANSLATE_TARGET_PARAM } from '../vurbo/inferred';
import { param, type CatalogParam, type EndpointSpec } from './types';
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

export const VURBO_STREAM_ENDPOINTS: readonly EndpointSpec[] = [
  {
    area: 'SSE streams', method: 'GET', path: '/api/v1/sse/history/transcribe/{taskId}', summary: 'A task’s sentences and summary, one event each', auth: 'x-api-key', response: 'sse', status: 'inferred',
    docsUrl: `${SSE}/history`, section: 'vurbo-vas.md §5.1', params: [taskId],
  },
  {
    area: 'SSE streams', method: 'GET', path: '/api/v1/sse/retranslate/{taskId}', summary: 'Retranslate every sentence', auth: 'x-api-key', response: 'sse', status: 'documented',
    docsUrl: `${SSE}/retranslate`, section: 'vurbo-vas.md §5.2', params: [taskId, target(true, 'The target language.')],
  },
  {
    area: 'SSE streams', method: 'GET', path: '/api/v1/sse/retranslate/summary/{taskId}', summary: 'Retranslate the summary', auth: 'x-api-key', response: 'sse', status: 'not-documented',
    docsUrl: `${SSE}/retranslate`, section: 'vurbo-vas.md §5.2', params: [taskId, target(true, 'The target language (parameter NOT DOCUMENTED).')],
  },
  {
    area: 'SSE streams', method: 'GET', path: '/api/v1/sse/recordings/{taskId}/entries/{sid}/retranslate', summary: 'Retranslate one sentence', auth: 'x-api-key', response: 'sse', status: 'not-documented',
    docsUrl: `${SSE}/retranslate`, section: 'vurbo-vas.md §5.2', params: [taskId, param('path', 'sid', 'integer', true, 'Sentence number.', { example: 1 }), target(true, 'The target language (parameter NOT DOCUMENTED).')],
  },
  {
    area: 'SSE streams', method: 'GET', path: '/api/v1/sse/regenerate/summary/{taskId}', summary: 'Preview a new summary (billed, not saved)', auth: 'x-api-key', response: 'sse', status: 'documented',
    docsUrl: `${SSE}/regenerate-summary`, section: 'vurbo-vas.md §5.3', params: [taskId, ...summaryParams('query', true)],
  },
  {
    area: 'SSE streams', method: 'POST', path: '/api/v1/sse/regenerate/summary/{taskId}', summary: 'Regenerate and save the summary (billed)', auth: 'x-api-key', response: 'sse', status: 'documented',
    docsUrl: `${SSE}/regenerate-summary`, section: 'vurbo-vas.md §5.3', params: [taskId, ...summaryParams('body', true)], exampleBody: { mode: 'builtin', template: 'meeting' },
  },
  {
    area: 'SSE streams', method: 'GET', path: '/api/v1/sse/tts/{taskId}', summary: 'Speech of the translated sentences', auth: 'x-api-key', response: 'sse', status: 'documented',
    docsUrl: `${SSE}/tts`, section: 'vurbo-vas.md §5.4',
    params: [
      taskId,
      param('query', 'language', 'string', true, 'TTS output language.', { example: 'en-US' }),
      param('query', 'voice', 'string', false, 'e.g. en-US-JennyNeural.'),
      param('query', 'sid', 'integer', false, 'First sentence, default 1.'),
      param('query', 'length', 'integer', false, 'Sentences, default 1, at most 20.'),
    ],
  },
  {
    area: 'SSE streams', method: 'GET', path: '/api/v1/sse/imports/{importId}/progress', summary: 'Progress of an import', auth: 'x-api-key', response: 'sse', status: 'inferred',
    docsUrl: `${SSE}/import-progress`, section: 'vurbo-vas.md §5.5', params: [param('path', 'importId', 'string', true, 'The import id.')],
  },
  {
    area: 'SSE streams', method: 'GET', path: '/api/v1/sse/audio/{taskId}', summary: 'The audio, seekable (not actually SSE)', auth: 'x-api-key', response: 'binary', status: 'documented',
    docsUrl: `${SSE}/audio`, section: 'vurbo-vas.md §5.6', params: [taskId],
  },
  {
    area: 'Summary', method: 'POST', path: '/api/v1/summary', summary: 'Summarise any text (streamed)', auth: 'bearer', response: 'sse', status: 'documented',
    docsUrl: `${VURBO_DOCS}/rest/summary`, section: 'vurbo-vas.md §4.9',
    params: [
      param('body', 'content', 'string', true, '≤ 100,000 characters.', { example: 'We agreed to ship on Friday.' }),
      ...summaryParams('body', false),
      param('body', 'format', 'string', false, 'bullet_points, paragraph or structured; builtin only.', { values: ['bullet_points', 'paragraph', 'structured'] }),
      param('body', 'max_length', 'integer', false, 'Maximum length in words.'),
    ],
    exampleBody: { content: 'We agreed to ship on Friday.', mode: 'builtin', template: 'meeting' },
  },
  {
    area: 'Viewer', method: 'GET', path: '/broadcast/{token}/text', summary: 'A broadcast’s captions (no key)', auth: 'none', response: 'sse', status: 'inferred',
    docsUrl: `${SSE}/broadcast-viewer`, section: 'vurbo-vas.md §7',
    params: [
      param('path', 'token', 'string', true, '4 characters a-z0-9.', { example: 'a3f9' }),
      param('query', 'lang', 'string', false, 'Only this translation language.'),
      param('query', 'tts', 'boolean', false, 'Send TTS audio too.'),
      param('query', 'viewer_access_token', 'string', false, 'For password-protected broadcasts.'),
    ],
  },
  {
    area: 'Live', method: 'WS', path: '/ws', summary: 'The live session socket (ticket in the subprotocol)', auth: 'ticket', response: 'websocket', status: 'documented',
    docsUrl: `${VURBO_DOCS}/websocket/connection`, section: 'vurbo-vas.md §6',
  },
];
