// Emulated Valossa Core API 1.0 under /core/1.0 (valossa-core.md §7): per-key jobs that advance
// through their lifecycle over time, results of every type, cancel/delete, the chunked upload flow
// and the completion callback. Documented messages are used verbatim.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { request as httpRequest } from 'node:http';
import type { ResolvedOptions } from '../options';
import { sendJson, sendText, type EmulatorServer, type RouteContext } from '../server';
import { coreMetadata, otherResult, subtitles } from './metadata';

const PREFIX = '/core/1.0';
const CHUNK_SIZE = 1024 * 1024;
const RESULT_TYPES = [
  'core',
  'frames_faces',
  'seconds_objects',
  'frames_objects',
  'visual_captions',
  'speech_to_text_srt',
  'speech_to_text_vtt',
  'speech_to_text_ttml',
  'speech_to_text_avid_txt',
];

/** Stages a job walks through, one per `jobStepMs`. */
const STAGES = [
  { status: 'queued', transfer: 'queued' },
  { status: 'queued', transfer: 'downloading' },
  { status: 'preparing_analysis', transfer: 'finished' },
  { status: 'processing', transfer: 'finished' },
  { status: 'finished', transfer: 'finished' },
] as const;

/** A job as the state file keeps it (plain data: its stage follows from the clock). */
export interface PersistedJob {
  id: string;
  apiKey: string;
  request: Record<string, unknown>;
  createdAt: number;
  /** Milliseconds per stage when not `jobStepMs` (seeded running jobs walk slower). */
  stepMs?: number;
  /** Stays at this stage until released (on_hold). */
  holdAtStage?: number;
  onHold?: boolean;
  error?: string;
  callbackSent?: boolean;
  /** Core metadata (serialised) to return instead of the generated one (benchmarks); not saved in the state file. */
  metadataJson?: string;
}

type Job = PersistedJob;

interface Upload {
  apiKey: string;
  size: number;
  chunks: Map<number, number>;
}

export interface ValossaEmulator {
  /** Makes a job fail with these details (as a failed download or analysis would). */
  failJob(jobId: string, details: string): void;
  /** Puts a queued job on hold / releases it. */
  holdJob(jobId: string, onHold: boolean): void;
  /** Adds `count` finished jobs for a key (for list benchmarks). */
  addFinishedJobs(apiKey: string, count: number): void;
  /** Adds a finished job whose core metadata is `metadata` (serialised once); returns its id. */
  addJobWithMetadata(apiKey: string, title: string, metadata: unknown): string;
  /** Jobs of a key as the server sees them. */
  jobIds(apiKey: string): string[];
  /** Every job, for the state file. */
  snapshot(): PersistedJob[];
  dispose(): void;
}

/** `restored`: the jobs of a state file, instead of the seed. */
export function registerValossa(server: EmulatorServer, options: ResolvedOptions, restored?: PersistedJob[]): ValossaEmulator {
  const keys = new Set([options.keys.valossa, ...options.extraValossaKeys]);
  const jobs = new Map<string, Job>((restored ?? []).map((j) => [j.id, { ...j }]));
  const uploads = new Map<string, Upload>();
  const timers = new Set<NodeJS.Timeout>();

  const stageOf = (job: Job) => {
    const reached = Math.min(STAGES.length - 1, Math.floor((Date.now() - job.createdAt) / (job.stepMs ?? options.jobStepMs)));
    return job.holdAtStage !== undefined ? Math.min(reached, job.holdAtStage) : reached;
  };

  function statusOf(job: Job): Record<string, unknown> {
    if (job.error) {
      return {
        job_id: job.id,
        status: 'error',
        media_transfer_status: job.error === 'cancelled' ? 'queued' : 'error',
        details: job.error,
        poll_again_after_seconds: null,
      };
    }
    const stage = STAGES[stageOf(job)];
    const status = job.onHold && stage.status === 'queued' ? 'on_hold' : stage.status;
    const terminal = status === 'finished';
    if (terminal) maybeCallback(job);
    return {
      job_id: job.id,
      status,
      media_transfer_status: stage.transfer,
      details: null,
      poll_again_after_seconds: terminal ? null : options.pollAgainAfterSeconds,
    };
  }

  function maybeCallback(job: Job): void {
    const url = (job.request.callback as { url?: string } | undefined)?.url;
    if (!url || job.callbackSent) return;
    job.callbackSent = true;
    // Only loopback receivers: the emulator never talks to the outside world.
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return;
    }
    if (target.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(target.hostname)) return;
    const body = JSON.stringify(statusOf(job));
    const req = httpRequest(target, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } });
    req.on('error', () => undefined);
    req.end(body);
  }

  const fail = (ctx: RouteContext, status: number, message: string) => sendJson(ctx.res, status, { errors: [{ message }] });

  async function jsonBody(ctx: RouteContext): Promise<Record<string, unknown> | undefined> {
    try {
      const parsed = JSON.parse((await ctx.body()).toString('utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
    } catch {
      // fall through
    }
    fail(ctx, 400, 'Malformed request body');
    return undefined;
  }

  const authorised = (ctx: RouteContext, key: unknown): key is string => {
    if (typeof key === 'string' && keys.has(key)) return true;
    fail(ctx, 401, 'Invalid API key');
    return false;
  };

  function ownJob(ctx: RouteContext, key: string, jobId: unknown): Job | undefined {
    const job = typeof jobId === 'string' ? jobs.get(jobId) : undefined;
    if (!jobId) {
      fail(ctx, 400, 'Missing required field: job_id');
      return undefined;
    }
    if (!job || job.apiKey !== key) {
      fail(ctx, 404, 'Job not found');
      return undefined;
    }
    return job;
  }

  function addJob(apiKey: string, request: Record<string, unknown>, extra: Partial<Job> = {}): Job {
    const job: Job = { id: randomUUID(), apiKey, request, createdAt: Date.now(), ...extra };
    jobs.set(job.id, job);
    return job;
  }

  server.route('POST', `${PREFIX}/new_job`, async (ctx) => {
    const body = await jsonBody(ctx);
    if (!body || !authorised(ctx, body.api_key)) return;
    const url = ((body.media as Record<string, unknown> | undefined)?.video as Record<string, unknown> | undefined)?.url;
    if (typeof url !== 'string' || !url) return fail(ctx, 400, 'Missing required field: media.video.url');
    if (!/^(https?|valossaupload):\/\//.test(url)) return fail(ctx, 400, 'Invalid value: media.video.url must be an http(s) or valossaupload:// URL');
    const { api_key: _key, ...request } = body;
    const job = addJob(body.api_key, request);
    // A URL that cannot be downloaded fails later through job_status, as documented.
    if (/\/(missing|404)[^/]*$/.test(url)) job.error = `Media download failed: HTTP 404 from ${new URL(url).host}`;
    sendJson(ctx.res, 200, { job_id: job.id });
  });

  server.route('GET', `${PREFIX}/job_status`, (ctx) => {
    const q = ctx.url.searchParams;
    if (!authorised(ctx, q.get('api_key'))) return;
    const job = ownJob(ctx, q.get('api_key')!, q.get('job_id'));
    if (job) sendJson(ctx.res, 200, statusOf(job));
  });

  server.route('GET', `${PREFIX}/job_results`, (ctx) => {
    const q = ctx.url.searchParams;
    const key = q.get('api_key');
    if (!authorised(ctx, key)) return;
    const job = ownJob(ctx, key, q.get('job_id'));
    if (!job) return;
    const type = q.get('type') ?? 'core';
    if (!RESULT_TYPES.includes(type)) return fail(ctx, 400, `Invalid value: type ${type}`);
    if (statusOf(job).status !== 'finished') return fail(ctx, 400, 'Job is not finished');
    if (type === 'core')
      return job.metadataJson !== undefined
        ? sendText(ctx.res, 200, job.metadataJson, 'application/json')
        : sendJson(ctx.res, 200, coreMetadata(job.id, job.request));
    const text = subtitles(job.id, type);
    if (text) return sendText(ctx.res, 200, text.text, text.contentType);
    sendJson(ctx.res, 200, otherResult(job.id, type));
  });

  server.route('GET', `${PREFIX}/list_jobs`, (ctx) => {
    const q = ctx.url.searchParams;
    const key = q.get('api_key');
    if (!authorised(ctx, key)) return;
    const withStatus = q.get('show_status') === 'true';
    const list = [...jobs.values()]
      .filter((j) => j.apiKey === key)
      .sort((a, b) => b.createdAt - a.createdAt)
      .map((j) => (withStatus ? { job_id: j.id, job_status: statusOf(j) } : { job_id: j.id }));
    sendJson(ctx.res, 200, { jobs: list });
  });

  /** The key's job a POST names in its JSON body; otherwise it answers the error itself. */
  const ownJobOfBody = async (ctx: RouteContext): Promise<Job | undefined> => {
    const body = await jsonBody(ctx);
    if (!body || !authorised(ctx, body.api_key)) return undefined;
    return ownJob(ctx, body.api_key, body.job_id);
  };

  server.route('POST', `${PREFIX}/cancel_job`, async (ctx) => {
    const job = await ownJobOfBody(ctx);
    if (!job) return;
    const status = statusOf(job).status;
    if (status !== 'queued' && status !== 'on_hold') return fail(ctx, 400, 'Job cannot be cancelled in its current state');
    if (options.cancelMode === 'remove') jobs.delete(job.id);
    else job.error = 'cancelled';
    sendJson(ctx.res, 200, {});
  });

  server.route('POST', `${PREFIX}/delete_job`, async (ctx) => {
    const job = await ownJobOfBody(ctx);
    if (!job) return;
    jobs.delete(job.id);
    sendJson(ctx.res, 200, {});
  });

  server.route('POST', `${PREFIX}/initialize_file_upload`, async (ctx) => {
    const form = await readForm(ctx.req, await ctx.body());
    if (!authorised(ctx, form.fields.api_key)) return;
    const size = Number(form.fields.file_size_bytes);
    if (!Number.isInteger(size) || size <= 0) return fail(ctx, 400, 'Missing required field: file_size_bytes');
    if (size > 7 * 1024 ** 3) return fail(ctx, 400, 'Invalid value: file_size_bytes exceeds the 7 GB limit');
    const id = randomUUID();
    uploads.set(id, { apiKey: form.fields.api_key, size, chunks: new Map() });
    sendJson(ctx.res, 200, { upload_id: id, file_chunk_size_bytes: CHUNK_SIZE });
  });

  /** The form of a request about one of the key's uploads, with that upload; otherwise it answers the error itself. */
  const ownUpload = async (ctx: RouteContext) => {
    const form = await readForm(ctx.req, await ctx.body());
    if (!authorised(ctx, form.fields.api_key)) return undefined;
    const id = form.fields.upload_id ?? '';
    const upload = uploads.get(id);
    if (!upload || upload.apiKey !== form.fields.api_key) return fail(ctx, 404, 'Upload not found');
    return { form, id, upload };
  };

  server.route('POST', `${PREFIX}/send_file_chunk`, async (ctx) => {
    const request = await ownUpload(ctx);
    if (!request) return;
    const { form, upload } = request;
    const index = Number(form.fields.chunk_index);
    const chunks = Math.ceil(upload.size / CHUNK_SIZE);
    if (!Number.isInteger(index) || index < 0 || index >= chunks) return fail(ctx, 400, 'Invalid value: chunk_index');
    const expected = index === chunks - 1 ? upload.size - index * CHUNK_SIZE : CHUNK_SIZE;
    const data = form.files.file_data;
    if (!data) return fail(ctx, 400, 'Missing required field: file_data');
    if (data.length !== expected) return fail(ctx, 400, `Invalid value: chunk ${index} must be ${expected} bytes, got ${data.length}`);
    upload.chunks.set(index, data.length);
    sendJson(ctx.res, 200, {});
  });

  server.route('POST', `${PREFIX}/finalize_file_upload`, async (ctx) => {
    const request = await ownUpload(ctx);
    if (!request) return;
    const { id, upload } = request;
    const got = [...upload.chunks.values()].reduce((a, b) => a + b, 0);
    if (got !== upload.size) return fail(ctx, 400, `Upload incomplete: ${got} of ${upload.size} bytes received`);
    // EMULATOR CHOICE: the response field name is NOT DOCUMENTED.
    sendJson(ctx.res, 200, { valossaupload_url: `valossaupload://${id}` });
  });

  if (options.seed && !restored) {
    const key = options.keys.valossa;
    const ago = (steps: number, stepMs = options.jobStepMs) => Date.now() - steps * stepMs - 1;
    // The running ones walk on at the seed's slower pace: one processing, one still queued.
    const stepMs = options.seedJobStepMs;
    addJob(
      key,
      { media: { video: { url: 'https://media.example.com/videos/product-review.mp4' }, title: 'Product review', language: 'en-US' } },
      { createdAt: ago(10) },
    );
    addJob(key, { media: { video: { url: 'https://media.example.com/videos/keynote-2026.mp4' }, title: 'Keynote 2026' } }, { createdAt: ago(12) });
    addJob(
      key,
      { media: { video: { url: 'https://media.example.com/videos/interview-raw.mp4' }, title: 'Interview (raw cut)' } },
      { createdAt: ago(3, stepMs), stepMs },
    );
    addJob(
      key,
      { media: { video: { url: 'https://media.example.com/videos/missing-file.mp4' }, title: 'Broken link' } },
      { createdAt: ago(8), error: 'Media download failed: HTTP 404 from media.example.com' },
    );
    addJob(key, { media: { video: { url: 'https://media.example.com/videos/backlog.mp4' }, title: 'Backlog item' } }, { createdAt: ago(0, stepMs), stepMs });
  }

  return {
    failJob: (id, details) => {
      const job = jobs.get(id);
      if (job) job.error = details;
    },
    holdJob: (id, onHold) => {
      const job = jobs.get(id);
      if (job) {
        job.onHold = onHold;
        job.holdAtStage = onHold ? 0 : undefined;
      }
    },
    addFinishedJobs: (apiKey, count) => {
      const base = Date.now() - STAGES.length * options.jobStepMs - 1;
      for (let i = 0; i < count; i++)
        addJob(apiKey, { media: { video: { url: `https://media.example.com/bulk/${i}.mp4` }, title: `Bulk job ${i + 1}` } }, { createdAt: base - i });
    },
    addJobWithMetadata: (apiKey, title, metadata) => {
      const createdAt = Date.now() - STAGES.length * options.jobStepMs - 1;
      return addJob(
        apiKey,
        { media: { video: { url: 'https://media.example.com/videos/big.mp4' }, title } },
        { createdAt, metadataJson: JSON.stringify(metadata) },
      ).id;
    },
    jobIds: (apiKey) => [...jobs.values()].filter((j) => j.apiKey === apiKey).map((j) => j.id),
    // A benchmark's megabytes of metadata stay out of the state file, which is rewritten after every change.
    snapshot: () => [...jobs.values()].map(({ metadataJson: _, ...j }) => j),
    dispose: () => {
      for (const t of timers) clearTimeout(t);
    },
  };
}

interface Form {
  fields: Record<string, string>;
  files: Record<string, Buffer>;
}

/** Minimal multipart/form-data reader: enough for the documented upload fields. */
async function readForm(req: IncomingMessage, body: Buffer): Promise<Form> {
  const form: Form = { fields: {}, files: {} };
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers['content-type'] ?? '');
  if (!m) return form;
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  let pos = body.indexOf(boundary);
  while (pos >= 0) {
    const start = pos + boundary.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd < 0) break;
    const headers = body.subarray(start + 2, headerEnd).toString('utf8');
    const next = body.indexOf(boundary, headerEnd + 4);
    if (next < 0) break;
    const content = body.subarray(headerEnd + 4, next - 2);
    const name = /name="([^"]*)"/.exec(headers)?.[1];
    if (name) {
      if (/filename="/.test(headers)) form.files[name] = content;
      else form.fields[name] = content.toString('utf8');
    }
    pos = next;
  }
  return form;
}
