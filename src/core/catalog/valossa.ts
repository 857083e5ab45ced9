// Valossa Core API endpoints (../shared/api/valossa-core.md §3): the key goes in the JSON body of
// POSTs, the query of GETs and a form field of uploads (seed 000, "Passing the API Key").
import { RESULT_TYPES } from '../valossa/types';
import { param, type EndpointSpec } from './types';

const DOCS = 'https://docs.valossa.com/api-reference';
const jobId = (location: 'query' | 'body') => param(location, 'job_id', 'string', true, 'The job id new_job returned (UUID).', { example: '167d6a67-fb99-438c-a44c-c22c98229b93' });

export const VALOSSA_ENDPOINTS: readonly EndpointSpec[] = [
  {
    area: 'Jobs', method: 'POST', path: '/new_job', summary: 'Submit a video for analysis', auth: 'body', response: 'json', status: 'documented',
    docsUrl: `${DOCS}/new-job`, section: 'valossa-core.md §3.1',
    params: [
      param('body', 'media', 'object', true, 'media.video.url (required), transcript, customer_media_info, title, description, language.'),
      param('body', 'analysis_parameters', 'object', false, 'face_min_relative_height, face_galleries.'),
      param('body', 'email_notification', 'object', false, '{"to_group": "users_with_access_to_api_key_results"}'),
      param('body', 'callback', 'object', false, '{"url": "…"} receives a POST when the job ends.'),
    ],
    exampleBody: { media: { video: { url: 'https://example.com/video.mp4' }, title: 'My video', language: 'en-US' } },
  },
  {
    area: 'Jobs', method: 'GET', path: '/job_status', summary: 'Status of one job', auth: 'query', response: 'json', status: 'documented',
    docsUrl: `${DOCS}/job-status`, section: 'valossa-core.md §3.2', params: [jobId('query')],
  },
  {
    area: 'Jobs', method: 'GET', path: '/job_results', summary: 'Results of a finished job (core JSON or a subtitle text)', auth: 'query', response: 'json', status: 'documented',
    docsUrl: `${DOCS}/job-results`, section: 'valossa-core.md §3.3',
    params: [jobId('query'), param('query', 'type', 'string', false, 'Result type; core by default. speech_to_text_* types answer text.', { values: RESULT_TYPES.map((t) => t.type), example: 'core' })],
  },
  {
    area: 'Jobs', method: 'GET', path: '/list_jobs', summary: 'Every job of the key', auth: 'query', response: 'json', status: 'not-documented',
    docsUrl: `${DOCS}/overview`, section: 'valossa-core.md §3.4',
    params: [param('query', 'show_status', 'boolean', false, 'Include each job_status (UNVERIFIED).', { example: 'true' })],
  },
  {
    area: 'Jobs', method: 'POST', path: '/cancel_job', summary: 'Cancel a job still in the queue', auth: 'body', response: 'json', status: 'inferred',
    docsUrl: `${DOCS}/overview`, section: 'valossa-core.md §3.5', params: [jobId('body')], exampleBody: { job_id: '167d6a67-fb99-438c-a44c-c22c98229b93' },
  },
  {
    area: 'Jobs', method: 'POST', path: '/delete_job', summary: 'Delete a job and all its assets', auth: 'body', response: 'json', status: 'documented',
    docsUrl: `${DOCS}/delete-job`, section: 'valossa-core.md §3.6', params: [jobId('body')], exampleBody: { job_id: '167d6a67-fb99-438c-a44c-c22c98229b93' },
  },
  {
    area: 'Upload', method: 'POST', path: '/initialize_file_upload', summary: 'Start a chunked upload', auth: 'form', response: 'json', status: 'documented',
    docsUrl: `${DOCS}/initialize-file-upload`, section: 'valossa-core.md §3.7',
    params: [param('form', 'file_size_bytes', 'integer', true, 'Total size of the file.', { example: 1048576 })],
  },
  {
    area: 'Upload', method: 'POST', path: '/send_file_chunk', summary: 'Send one chunk of the file', auth: 'form', response: 'json', status: 'documented',
    docsUrl: `${DOCS}/send-file-chunk`, section: 'valossa-core.md §3.7',
    params: [
      param('form', 'upload_id', 'string', true, 'From initialize_file_upload.'),
      param('form', 'chunk_index', 'integer', true, '0-based chunk number.', { example: 0 }),
      param('form', 'file_data', 'file', true, 'The chunk bytes.'),
    ],
  },
  {
    area: 'Upload', method: 'POST', path: '/finalize_file_upload', summary: 'Finish the upload; answers the valossaupload:// URL', auth: 'form', response: 'json', status: 'not-documented',
    docsUrl: `${DOCS}/overview`, section: 'valossa-core.md §3.7', params: [param('form', 'upload_id', 'string', true, 'From initialize_file_upload.')],
  },
];
