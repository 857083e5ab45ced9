import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../src/core/errors';
import { HttpClient, type TraceEvent } from '../../src/core/http/client';
import { toCurl } from '../../src/core/http/curl';
import { toPlainText, toSrt, toVtt } from '../../src/core/transcript/format';
import { ValossaClient } from '../../src/core/valossa/client';
import { speakerTurns, speechSegments } from '../../src/core/valossa/transcript';
import { RESULT_TYPES, type CoreMetadata } from '../../src/core/valossa/types';
import { startEmulator, type Emulator } from '../../src/emulator/index';
import { generateValossaKey } from '../../src/emulator/keys';

describe('Valossa client against the emulator', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let traces: TraceEvent[];
  let client: ValossaClient;
  const http = () => new HttpClient({ provider: 'valossa', retry: { baseDelayMs: 5, maxDelayMs: 20 }, trace: (e) => traces.push(e) });

  before(async () => {
    emu = await startEmulator({ jobStepMs: 60, pollAgainAfterSeconds: 0.05 });
  });
  after(() => emu.close());
  beforeEach(() => {
    traces = [];
    emu.clearFaults();
    client = new ValossaClient({ baseUrl: emu.valossaBaseUrl, key: emu.keys.valossa, http: http() });
  });

  it('lists the seeded jobs with their statuses', async () => {
    const jobs = await client.listJobs();
    assert.ok(jobs.length >= 5);
    const statuses = new Set(jobs.map((j) => j.status));
    for (const s of ['finished', 'error', 'processing', 'queued']) assert.ok(statuses.has(s), `a ${s} job is seeded`);
  });

  it('creates a job and follows it to finished at the pace the server asks for', async () => {
    const id = await client.newJob({
      videoUrl: 'https://media.example.com/v.mp4',
      title: 'Unit test',
      language: 'en-US',
      callbackUrl: 'http://127.0.0.1:9/cb',
    });
    assert.match(id, /^[0-9a-f-]{36}$/);
    const seen: string[] = [];
    const final = await client.waitForJob(id, { onStatus: (s) => seen.push(s.status) });
    assert.equal(final.status, 'finished');
    assert.equal(final.poll_again_after_seconds, null);
    assert.ok(seen.includes('processing') || seen.includes('preparing_analysis') || seen.includes('queued'), seen.join());
    assert.ok(seen.length >= 3, `polled ${seen.length} times`);
  });

  it('puts api_key in the JSON body for POSTs and the query for GETs, and traces only redacted URLs', async () => {
    const since = emu.server.accessLog.length;
    const id = await client.newJob({ videoUrl: 'https://media.example.com/v.mp4' });
    await client.jobStatus(id);
    const log = emu.server.accessLog.slice(since);
    assert.ok(!log[0].url.includes('api_key'), 'new_job carries the key in its body');
    assert.ok(log[1].url.includes(`api_key=${emu.keys.valossa}`), 'job_status carries it in the query, as documented');
    for (const t of traces) assert.ok(!t.url.includes(emu.keys.valossa));
    assert.ok(traces.some((t) => t.url.includes('api_key=****')));
  });

  it('returns every documented result type, and the transcript matches the server SRT/VTT byte for byte', async () => {
    const [finished] = (await client.listJobs()).filter((j) => j.status === 'finished');
    for (const t of RESULT_TYPES) {
      const body = await client.jobResults(finished.job_id, t.type);
      if (t.body === 'text') assert.equal(typeof body, 'string', t.type);
      else assert.equal(typeof body, 'object', t.type);
    }
    const md = (await client.jobResults(finished.job_id, 'core')) as CoreMetadata;
    const segments = speechSegments(md);
    assert.ok(segments.length >= 4);
    assert.equal(toSrt(segments), await client.jobResults(finished.job_id, 'speech_to_text_srt'));
    assert.equal(toVtt(segments), await client.jobResults(finished.job_id, 'speech_to_text_vtt'));
    const turns = speakerTurns(md);
    assert.ok(turns.length >= 2 && turns.every((t) => t.speaker?.startsWith('Speaker ')));
    assert.ok(!/ [.,!?]/.test(toPlainText(turns)), 'punctuation attaches to the previous word');
    assert.equal(turns.map((t) => t.text).join(' '), segments.map((s) => s.text).join(' '));
  });

  it('says results are not ready before the job finishes', async () => {
    const id = await client.newJob({ videoUrl: 'https://media.example.com/slow.mp4' });
    await assert.rejects(client.jobResults(id, 'core'), (e: ApiError) => e.code === 'valossa_results_not_ready' && e.action === 'wait');
  });

  it('cancels only queued jobs, and a deleted job is gone everywhere', async () => {
    const queued = await client.newJob({ videoUrl: 'https://media.example.com/c.mp4' });
    await client.cancelJob(queued);
    const s = await client.jobStatus(queued);
    assert.equal(s.status, 'error');
    assert.equal(s.details, 'cancelled');
    const [finished] = (await client.listJobs()).filter((j) => j.status === 'finished');
    await assert.rejects(client.cancelJob(finished.job_id), (e: ApiError) => e.code === 'valossa_cannot_cancel');
    await client.deleteJob(queued);
    await assert.rejects(client.jobStatus(queued), (e: ApiError) => e.code === 'valossa_job_not_found');
    assert.ok(!(await client.listJobs()).some((j) => j.job_id === queued));
  });

  it('reports a failed download through job_status, not new_job', async () => {
    const id = await client.newJob({ videoUrl: 'https://media.example.com/videos/missing.mp4' });
    const s = await client.waitForJob(id);
    assert.equal(s.status, 'error');
    assert.match(s.details ?? '', /download failed/i);
  });

  it('uploads a local file in exact chunks with progress, then creates a job from it', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'valossa-')), 'clip.mp4');
    fs.writeFileSync(file, Buffer.alloc(2.5 * 1024 * 1024, 7));
    const progress: number[] = [];
    const url = await client.uploadFile(file, { onProgress: (p) => progress.push(p.sentBytes) });
    assert.match(url, /^valossaupload:\/\//);
    assert.equal(progress[progress.length - 1], 2.5 * 1024 * 1024);
    assert.ok(
      progress.every((p, i) => i === 0 || p >= progress[i - 1]),
      'progress never goes back',
    );
    const id = await client.newJob({ videoUrl: url });
    assert.equal((await client.waitForJob(id)).status, 'finished');
    const abort = new AbortController();
    abort.abort();
    await assert.rejects(client.uploadFile(file, { signal: abort.signal }), (e: ApiError) => e.code === 'cancelled');
  });

  it('rejects a wrong key without retrying, and retries 5xx only for GETs', async () => {
    const wrong = new ValossaClient({ baseUrl: emu.valossaBaseUrl, key: generateValossaKey(), http: http() });
    await assert.rejects(wrong.listJobs(), (e: ApiError) => e.code === 'valossa_invalid_api_key' && e.action === 'setKey');
    assert.equal(traces.filter((t) => t.outcome === 'retry').length, 0);
    emu.addFault({ path: '/core/1.0/list_jobs', status: 500, times: 1 });
    await client.listJobs();
    assert.equal(traces.filter((t) => t.outcome === 'retry').length, 1);
    emu.addFault({ path: '/core/1.0/new_job', status: 500, times: 1 });
    await assert.rejects(client.newJob({ videoUrl: 'https://media.example.com/x.mp4' }), (e: ApiError) => e.code === 'valossa_server_error');
    assert.equal(traces.filter((t) => t.outcome === 'retry').length, 1, 'new_job is not re-sent');
  });

  it('renders the last request of a job as curl with the key as an environment variable', async () => {
    const id = await client.newJob({ videoUrl: 'https://media.example.com/v.mp4', title: "Bob's clip" });
    await client.jobStatus(id);
    const curl = toCurl(client.lastRequest(id)!, emu.keys.valossa, 'VALOSSA_API_KEY');
    assert.ok(!curl.includes(emu.keys.valossa));
    assert.match(curl, /job_status\?api_key=\$\{VALOSSA_API_KEY\}&job_id=/);
  });
});
