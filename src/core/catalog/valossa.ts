// Valossa Core API endpoints (../shared/api/valossa-core.md §3): the key goes in the JSON body of
// POSTs, the query of GETs and a form field of uploads (seed 000, "Passing the API Key").
import { RESULT_TYPES } from '../valossa/types';
import { endpointGroup, param, type EndpointSpec } from './types';

const DOCS = 'https://docs.valossa.com/api-reference';
const JOB_ID_EXAMPLE = '167d6a67-fb99-438c-a44c-c22c98229b93';
/** An entry's documentation page and the contract section it was taken from. */
const docs = (page: string, section: string) => ({ docsUrl: `${DOCS}/${page}`, section: `valossa-core.md ${section}` });
const jobId = (location: 'query' | 'body') => param(location, 'job_id', 'string', true, 'The job id new_job returned (UUID).', { example: JOB_ID_EXAMPLE });

const JOB_ID_BODY = { job_id: JOB_ID_EXAMPLE };

/** Every entry names its own docs page and section; the key's place follows the method (the header). */
const valossaGroup = (area: string, auth: 'body' | 'query' | 'form') =>
  endpointGroup({ area, auth, response: 'json', status: 'documented', docsUrl: `${DOCS}/overview`, section: 'valossa-core.md §3' });
const jobPost = valossaGroup('Jobs', 'body');
const jobGet = valossaGroup('Jobs', 'query');
const upload = valossaGroup('Upload', 'form');

/** Built on first use of the catalogue (core/catalog/index.ts), not when the extension loads. */
export const valossaEndpoints = (): readonly EndpointSpec[] => [
  jobPost('POST', '/new_job', 'Submit a video for analysis', {
    ...docs('new-job', '§3.1'),
    params: [
      param('body', 'media', 'object', true, 'media.video.url (required), transcript, customer_media_info, title, description, language.'),
      param('body', 'analysis_parameters', 'object', false, 'face_min_relative_height, face_galleries.'),
      param('body', 'email_notification', 'object', false, '{"to_group": "users_with_access_to_api_key_results"}'),
      param('body', 'callback', 'object', false, '{"url": "…"} receives a POST when the job ends.'),
    ],
    exampleBody: { media: { video: { url: 'https://example.com/video.mp4' }, title: 'My video', language: 'en-US' } },
  }),
  jobGet('GET', '/job_status', 'Status of one job', { ...docs('job-status', '§3.2'), params: [jobId('query')] }),
  jobGet('GET', '/job_results', 'Results of a finished job (core JSON or a subtitle text)', {
    ...docs('job-results', '§3.3'),
    params: [
      jobId('query'),
      param('query', 'type', 'string', false, 'Result type; core by default. speech_to_text_* types answer text.', {
        values: RESULT_TYPES.map((t) => t.type),
        example: 'core',
      }),
    ],
  }),
  jobGet('GET', '/list_jobs', 'Every job of the key', {
    status: 'not-documented',
    ...docs('overview', '§3.4'),
    params: [param('query', 'show_status', 'boolean', false, 'Include each job_status (UNVERIFIED).', { example: 'true' })],
  }),
  jobPost('POST', '/cancel_job', 'Cancel a job still in the queue', {
    status: 'inferred',
    ...docs('overview', '§3.5'),
    params: [jobId('body')],
    exampleBody: JOB_ID_BODY,
  }),
  jobPost('POST', '/delete_job', 'Delete a job and all its assets', { ...docs('delete-job', '§3.6'), params: [jobId('body')], exampleBody: JOB_ID_BODY }),
  upload('POST', '/initialize_file_upload', 'Start a chunked upload', {
    ...docs('initialize-file-upload', '§3.7'),
    params: [param('form', 'file_size_bytes', 'integer', true, 'Total size of the file.', { example: 1048576 })],
  }),
  upload('POST', '/send_file_chunk', 'Send one chunk of the file', {
    ...docs('send-file-chunk', '§3.7'),
    params: [
      param('form', 'upload_id', 'string', true, 'From initialize_file_upload.'),
      param('form', 'chunk_index', 'integer', true, '0-based chunk number.', { example: 0 }),
      param('form', 'file_data', 'file', true, 'The chunk bytes.'),
    ],
  }),
  upload('POST', '/finalize_file_upload', 'Finish the upload; answers the valossaupload:// URL', {
    status: 'not-documented',
    ...docs('overview', '§3.7'),
    params: [param('form', 'upload_id', 'string', true, 'From initialize_file_upload.')],
  }),
];
