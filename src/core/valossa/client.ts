// Valossa Core API client: every documented endpoint. The key travels exactly as documented — a
// JSON body field for POSTs, a query parameter for GETs, a form field for uploads — and every
// request is recorded (for "Copy as curl") only in memory.
import { nodeFsPromises } from '../lazyNode';
import { ApiError } from '../errors';
import type { ApiEndpoint } from '../endpoint';
import { sleep } from '../http/client';
import { toCurl, type RecordedRequest } from '../http/curl';
import { buildMultipart } from '../http/multipart';
import { joinUrl } from '../providers';
import {
  isTerminal,
  parseFinalizeResponse,
  parseJobList,
  RESULT_TYPES,
  type JobStatus,
  type ListedJob,
  type NewJobRequest,
  type ResultType,
  type UploadSession,
} from './types';

export interface UploadProgress {
  sentBytes: number;
  totalBytes: number;
}

/** Fallback poll interval when job_status gives none (documented example value: 30 s). */
export const DEFAULT_POLL_SECONDS = 30;

export class ValossaClient {
  /** Last request per job id (and '' for requests without one), for "Copy as curl". */
  private readonly lastRequests = new Map<string, RecordedRequest>();

  constructor(private readonly conn: ApiEndpoint) {}

  lastRequest(jobId: string): RecordedRequest | undefined {
    return this.lastRequests.get(jobId);
  }

  /** The job's last request as a curl command reading the key from $VALOSSA_API_KEY. */
  curlFor(jobId: string): string | undefined {
    const req = this.lastRequests.get(jobId);
    return req && toCurl(req, this.conn.key, 'VALOSSA_API_KEY');
  }

  private url(fn: string): string {
    return joinUrl(this.conn.baseUrl, fn);
  }

  private record(jobId: string, req: RecordedRequest): void {
    this.lastRequests.set(jobId, req);
  }

  private async get<T>(fn: string, query: Record<string, string | undefined>, jobId: string, signal?: AbortSignal): Promise<T> {
    const q = { api_key: this.conn.key, ...query };
    const url = new URL(this.url(fn));
    for (const [k, v] of Object.entries(q)) if (v !== undefined) url.searchParams.set(k, v);
    this.record(jobId, { method: 'GET', url: url.toString() });
    return (await this.conn.http.json<T>({ url: url.toString(), signal })).body;
  }

  private async post<T>(fn: string, body: Record<string, unknown>, jobId: string, signal?: AbortSignal, idempotent = false): Promise<T> {
    const json = { api_key: this.conn.key, ...body };
    this.record(jobId, { method: 'POST', url: this.url(fn), json });
    return (await this.conn.http.json<T>({ method: 'POST', url: this.url(fn), json, signal, idempotent })).body;
  }

  async newJob(req: NewJobRequest, signal?: AbortSignal): Promise<string> {
    const media: Record<string, unknown> = { video: { url: req.videoUrl } };
    if (req.transcriptUrl) media.transcript = { url: req.transcriptUrl };
    if (req.customerMediaId) media.customer_media_info = { id: req.customerMediaId };
    if (req.title) media.title = req.title;
    if (req.description) media.description = req.description;
    if (req.language) media.language = req.language;
    const body: Record<string, unknown> = { media };
    const analysis: Record<string, unknown> = {};
    if (req.faceMinRelativeHeight !== undefined) analysis.face_min_relative_height = req.faceMinRelativeHeight;
    if (req.faceGalleryId) analysis.face_galleries = { custom_gallery: { id: req.faceGalleryId } };
    if (Object.keys(analysis).length) body.analysis_parameters = analysis;
    if (req.emailNotifyGroup) body.email_notification = { to_group: req.emailNotifyGroup };
    if (req.callbackUrl) body.callback = { url: req.callbackUrl };
    const res = await this.post<{ job_id?: unknown }>('new_job', body, '', signal);
    if (typeof res.job_id !== 'string' || !res.job_id) {
      throw new ApiError({ provider: 'valossa', code: 'unexpected_response', serverMessage: 'new_job answered without a job_id' });
    }
    this.lastRequests.set(res.job_id, this.lastRequests.get('')!);
    return res.job_id;
  }

  async jobStatus(jobId: string, signal?: AbortSignal): Promise<JobStatus> {
    const s = await this.get<JobStatus>('job_status', { job_id: jobId }, jobId, signal);
    if (typeof s?.status !== 'string') throw new ApiError({ provider: 'valossa', code: 'unexpected_response', serverMessage: 'job_status without a status' });
    return { ...s, job_id: s.job_id ?? jobId };
  }

  /**
   * Polls job_status until the job is finished or failed, waiting what the server asks for
   * (poll_again_after_seconds) or, when it says nothing, a back-off from `fallbackSeconds`.
   */
  async waitForJob(
    jobId: string,
    opts: { signal?: AbortSignal; onStatus?: (s: JobStatus) => void; fallbackSeconds?: number; maxWaitSeconds?: number } = {},
  ): Promise<JobStatus> {
    let fallback = opts.fallbackSeconds ?? DEFAULT_POLL_SECONDS;
    for (;;) {
      const status = await this.jobStatus(jobId, opts.signal);
      opts.onStatus?.(status);
      if (isTerminal(status.status)) return status;
      const asked = status.poll_again_after_seconds;
      const waitSeconds = typeof asked === 'number' && asked > 0 ? asked : fallback;
      if (!(typeof asked === 'number' && asked > 0)) fallback = Math.min(fallback * 2, 300);
      await sleep(Math.min(waitSeconds, opts.maxWaitSeconds ?? Infinity) * 1000, opts.signal).catch((e) => {
        throw new ApiError({ provider: 'valossa', code: 'cancelled', cause: e });
      });
    }
  }

  /** Core and other JSON results as parsed JSON; speech_to_text_* types as text. */
  async jobResults(jobId: string, type: ResultType = 'core', signal?: AbortSignal): Promise<unknown> {
    const spec = RESULT_TYPES.find((t) => t.type === type);
    const url = new URL(this.url('job_results'));
    url.searchParams.set('api_key', this.conn.key);
    url.searchParams.set('job_id', jobId);
    if (type !== 'core') url.searchParams.set('type', type);
    this.record(jobId, { method: 'GET', url: url.toString() });
    if (spec?.body === 'text') return (await this.conn.http.text({ url: url.toString(), signal })).body;
    return (await this.conn.http.json({ url: url.toString(), signal, timeoutMs: 120_000 })).body;
  }

  /** Every job of the key, newest first as the server lists them; statuses fetched where missing. */
  async listJobs(signal?: AbortSignal): Promise<JobStatus[]> {
    const listed: ListedJob[] = parseJobList(await this.get<unknown>('list_jobs', { show_status: 'true' }, '', signal));
    const out: JobStatus[] = new Array(listed.length);
    const missing = listed.map((j, i) => [j, i] as const).filter(([j, i]) => (j.job_status ? ((out[i] = j.job_status), false) : true));
    // Bounded concurrency: a long list without statuses must not open hundreds of sockets at once.
    let next = 0;
    const worker = async () => {
      while (next < missing.length) {
        const [job, i] = missing[next++];
        out[i] = await this.jobStatus(job.job_id, signal).catch((e: unknown) => {
          if (e instanceof ApiError && e.code === 'valossa_job_not_found') return { job_id: job.job_id, status: 'deleted' };
          throw e;
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(6, missing.length) }, worker));
    return out.filter((s) => s.status !== 'deleted');
  }

  async cancelJob(jobId: string, signal?: AbortSignal): Promise<void> {
    await this.post('cancel_job', { job_id: jobId }, jobId, signal);
  }

  async deleteJob(jobId: string, signal?: AbortSignal): Promise<void> {
    // Deleting twice is harmless, so a dropped connection may be retried.
    await this.post('delete_job', { job_id: jobId }, jobId, signal, true);
  }

  /**
   * Uploads a local video through initialize_file_upload → send_file_chunk × N →
   * finalize_file_upload and returns the `valossaupload://` URL for new_job.
   */
  async uploadFile(path: string, opts: { signal?: AbortSignal; onProgress?: (p: UploadProgress) => void } = {}): Promise<string> {
    const handle = await nodeFsPromises().open(path, 'r');
    const size = (await handle.stat()).size;
    await handle.close();
    if (size === 0) throw new ApiError({ provider: 'valossa', code: 'valossa_bad_request', serverMessage: 'The file is empty.' });
    const session = await this.form<UploadSession>('initialize_file_upload', { file_size_bytes: size }, undefined, opts.signal);
    const chunk = session.file_chunk_size_bytes;
    if (!session.upload_id || !(chunk > 0)) {
      throw new ApiError({ provider: 'valossa', code: 'unexpected_response', serverMessage: 'initialize_file_upload gave no upload_id or chunk size' });
    }
    const chunks = Math.ceil(size / chunk);
    for (let index = 0; index < chunks; index++) {
      const start = index * chunk;
      const end = Math.min(size, start + chunk) - 1;
      await this.form('send_file_chunk', { upload_id: session.upload_id, chunk_index: index }, { path, size, start, end }, opts.signal, (sent) =>
        opts.onProgress?.({ sentBytes: Math.min(size, start + sent), totalBytes: size }),
      );
      opts.onProgress?.({ sentBytes: end + 1, totalBytes: size });
    }
    const finalized = await this.form<unknown>('finalize_file_upload', { upload_id: session.upload_id }, undefined, opts.signal);
    const url = parseFinalizeResponse(finalized);
    if (!url) throw new ApiError({ provider: 'valossa', code: 'unexpected_response', serverMessage: 'finalize_file_upload gave no valossaupload:// URL' });
    return url;
  }

  private async form<T>(
    fn: string,
    fields: Record<string, string | number>,
    file: { path: string; size: number; start: number; end: number } | undefined,
    signal: AbortSignal | undefined,
    onBytes?: (fileBytesSent: number) => void,
  ): Promise<T> {
    const mp = buildMultipart(
      { api_key: this.conn.key, ...fields },
      file && { field: 'file_data', filename: 'chunk', contentType: 'application/octet-stream', source: file },
      onBytes && file ? (sent, total) => onBytes(Math.max(0, sent - (total - (file.end - file.start + 1)))) : undefined,
    );
    this.record('', {
      method: 'POST',
      url: this.url(fn),
      form: {
        api_key: this.conn.key,
        ...Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, String(v)])),
        ...(file ? { file_data: `@${file.path}` } : {}),
      },
    });
    return (await this.conn.http.json<T>({ method: 'POST', url: this.url(fn), body: mp.body, headers: mp.headers, signal, maxRetries: 0, timeoutMs: 300_000 }))
      .body;
  }
}
