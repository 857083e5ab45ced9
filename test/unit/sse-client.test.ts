import assert from 'node:assert/strict';
import { createHook } from 'node:async_hooks';
import type { TranscriptEvent } from '../../src/core/transcript/model';
import { SidWindow } from '../../src/core/vurbo/sseDedupe';
import {
  runSseStream,
  streamHistory,
  streamImportProgress,
  streamRegeneratedSummary,
  streamRetranslation,
  streamSentenceRetranslation,
  streamSummaryRetranslation,
  streamTextSummary,
  streamTts,
  summaryParamsProblem,
  type SseConnectionState,
} from '../../src/core/vurbo/sse';
import { SseWriter } from '../../src/emulator/sse';
import { encodeWav, toneSamples } from '../../src/core/vurbo/wav';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rejects, seededRandom, startVurboFixture, waitFor, type VurboFixture } from './vurbo-fixture';

const fast = { reconnectDelay: { baseDelayMs: 5, maxDelayMs: 20 } };

function collector() {
  const events: TranscriptEvent[] = [];
  const states: SseConnectionState[] = [];
  return {
    events,
    states,
    onEvent: (e: TranscriptEvent) => events.push(e),
    onConnection: (s: SseConnectionState) => states.push(s),
    sids: () => events.flatMap((e) => (e.kind === 'segment' ? [e.segment.sid] : [])),
    kinds: () => events.map((e) => e.kind),
  };
}

/** Custom server routes under /api/v1/sse/test/ read as a history stream. */
function testStream(name: string, options: Parameters<typeof runSseStream>[2]) {
  return runSseStream(f.endpoint, { kind: 'history', path: `/sse/test/${name}` }, options);
}

let f: VurboFixture;

describe('Vurbo SSE client against the emulator', () => {
  beforeEach(async () => (f = await startVurboFixture()));
  afterEach(() => f.close());

  it('replays a history: connected, metadata, every sentence in order with speakers and translations, the summary, done', async () => {
    const t = await f.task('Weekly product review');
    const c = collector();
    const out = await streamHistory(f.endpoint, t.taskId, { ...fast, ...c });
    assert.equal(out.reason, 'done');
    assert.equal(out.reconnects, 0);
    assert.deepEqual(c.kinds(), ['status', 'meta', ...Array(8).fill('segment'), 'summary', 'end']);
    assert.deepEqual(c.sids(), [1, 2, 3, 4, 5, 6, 7, 8]);
    const meta = c.events[1] as Extract<TranscriptEvent, { kind: 'meta' }>;
    assert.equal(meta.title, 'Weekly product review');
    assert.deepEqual(meta.targetLanguages, ['zh-TW', 'ja-JP']);
    const first = (c.events[2] as Extract<TranscriptEvent, { kind: 'segment' }>).segment;
    assert.equal(first.speaker, 'Anna');
    assert.equal(first.startMs, 0);
    assert.equal(first.translations?.['zh-TW'], '大家早安，歡迎參加每週檢討會議。');
    assert.match((c.events[10] as Extract<TranscriptEvent, { kind: 'summary' }>).text, /Friday release/);
  });

  it('authenticates with the X-API-Key header only, never ?api_key= (access log)', async () => {
    const t = await f.task('Engineering standup');
    const mark = f.mark();
    await streamHistory(f.endpoint, t.taskId, { ...fast, onEvent: () => undefined });
    const [req] = f.requestsSince(mark, '/api/v1/sse/');
    assert.equal(req.headers['x-api-key'], f.key);
    assert.equal(req.headers.accept, 'text/event-stream');
    assert.ok(!req.url.includes('api_key') && !req.url.includes(f.key), req.url);
  });

  it('reconnects after a dropped connection with Last-Event-ID and delivers each sentence once', async () => {
    const id = f.emulator.vurbo.createBigTask(f.key, 50);
    f.emulator.addFault({ path: '/sse/history/', dropAfterEvents: 20 });
    const c = collector();
    const mark = f.mark();
    const out = await streamHistory(f.endpoint, id, { ...fast, ...c });
    assert.equal(out.reason, 'done');
    assert.equal(out.reconnects, 1);
    assert.deepEqual(
      c.sids(),
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    const reqs = f.requestsSince(mark, '/api/v1/sse/');
    assert.equal(reqs.length, 2);
    assert.equal(reqs[0].headers['last-event-id'], undefined);
    assert.equal(reqs[1].headers['last-event-id'], '19', 'resumes after the last event received before the drop');
    assert.equal(c.events.filter((e) => e.kind === 'status').length, 1, '"connected" is shown once');
    const reconnecting = c.states.find((s) => s.state === 'reconnecting');
    assert.ok(reconnecting && reconnecting.state === 'reconnecting' && reconnecting.lastEventId === '19');
  });

  it('reassembles a history cut at random byte offsets many times without loss or duplication (fixed seed)', async function () {
    this.timeout(60_000);
    const random = seededRandom(0x5eed5);
    const sentences = 120;
    const id = f.emulator.vurbo.createBigTask(f.key, sentences, { targetLangs: ['ja-JP', 'de-DE'] });
    const full = Buffer.byteLength(await (await fetch(`${f.emulator.origin}/api/v1/sse/history/transcribe/${id}`, { headers: { 'x-api-key': f.key } })).text());
    const expected = Array.from({ length: sentences }, (_, i) => i + 1);
    let cuts = 0;
    for (let run = 0; run < 40; run++) {
      f.emulator.clearFaults();
      // 1–3 cuts per run, each at a random byte of the stream that is left.
      const n = 1 + Math.floor(random() * 3);
      for (let k = 0; k < n; k++) f.emulator.addFault({ path: '/sse/history/', dropAfterBytes: 1 + Math.floor(random() * (full - 1)) });
      const c = collector();
      const out = await streamHistory(f.endpoint, id, { ...fast, maxReconnects: 10, ...c });
      assert.equal(out.reason, 'done', `run ${run}`);
      assert.deepEqual(c.sids(), expected, `run ${run}: every sentence once, in order`);
      assert.equal(c.events.filter((e) => e.kind === 'summary').length, 1, `run ${run}: one summary`);
      assert.equal(c.events.filter((e) => e.kind === 'meta').length, 1, `run ${run}: metadata once`);
      assert.equal(c.events.filter((e) => e.kind === 'raw').length, 0, `run ${run}: a torn event is never surfaced`);
      cuts += out.reconnects;
    }
    assert.ok(cuts >= 40, `the faults really cut streams (${cuts} reconnects)`);
  });

  it('deduplicates by sid when the server gives no ids and replays from the start', async () => {
    let connections = 0;
    f.emulator.server.route('GET', '/api/v1/sse/test/no-ids', (ctx) => {
      const w = new SseWriter(ctx.res);
      connections++;
      w.send('connected', { message: 'connected' });
      w.send('init_metadata', { task_id: 'no-ids', title: 'No ids' });
      for (let sid = 1; sid <= 10; sid++) {
        w.send('entry', { sid, text: `s${sid}`, start_ms: sid * 1000 });
        if (connections === 1 && sid === 6) return void ctx.res.socket?.destroy();
      }
      w.send('done', {});
      w.end();
    });
    const c = collector();
    const out = await testStream('no-ids', { ...fast, ...c });
    assert.equal(out.reason, 'done');
    assert.equal(connections, 2);
    assert.deepEqual(c.sids(), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal(c.events.filter((e) => e.kind === 'meta').length, 1);
  });

  it('detects a stall with the idle timeout and resumes', async () => {
    const t = await f.task('Weekly product review');
    f.emulator.addFault({ path: '/sse/history/', stallAfterEvents: 4 });
    const c = collector();
    const started = Date.now();
    const out = await streamHistory(f.endpoint, t.taskId, { ...fast, idleTimeoutMs: 300, ...c });
    assert.equal(out.reason, 'done');
    assert.ok(Date.now() - started >= 290, 'waited for the idle timeout');
    assert.deepEqual(c.sids(), [1, 2, 3, 4, 5, 6, 7, 8]);
    const r = c.states.find((s) => s.state === 'reconnecting');
    assert.ok(r && r.state === 'reconnecting');
    assert.equal(r.error.code, 'stream_stalled');
  });

  it('shows a malformed event raw with a note and keeps the stream', async () => {
    const t = await f.task('Weekly product review');
    // Event 3 on the wire (0 connected, 1 init_metadata, 2 sid 1, 3 sid 2) gets its JSON cut in half.
    f.emulator.addFault({ path: '/sse/history/', malformedEventAt: 3 });
    const c = collector();
    const out = await streamHistory(f.endpoint, t.taskId, { ...fast, ...c });
    assert.equal(out.reason, 'done');
    const raw = c.events.filter((e) => e.kind === 'raw') as Extract<TranscriptEvent, { kind: 'raw' }>[];
    assert.equal(raw.length, 1);
    assert.equal(raw[0].event, 'entry (unreadable: invalid JSON)');
    assert.match(raw[0].data, /^\{"sid":2,/);
    assert.deepEqual(c.sids(), [1, 3, 4, 5, 6, 7, 8]);
  });

  it('shows unknown events raw and dispatches known ones by name, whatever their order', async () => {
    f.emulator.server.route('GET', '/api/v1/sse/test/odd', (ctx) => {
      const w = new SseWriter(ctx.res);
      w.send('surprise', { hello: 1 }, 1);
      w.send('sentence', { sid: 1, text: 'alias name', speaker_label: 'A' }, 2);
      w.send('entry', { text: 'no sid' }, 3);
      w.send('entry', '[1,2]', 4);
      w.send('summary', { summary: 'S' }, 5);
      w.send('complete', {}, 6);
      w.end();
    });
    const c = collector();
    const out = await testStream('odd', { ...fast, ...c });
    assert.equal(out.reason, 'done');
    assert.deepEqual(c.kinds(), ['raw', 'segment', 'raw', 'raw', 'summary', 'end']);
    assert.deepEqual((c.events[0] as Extract<TranscriptEvent, { kind: 'raw' }>).event, 'surprise');
    assert.equal((c.events[2] as Extract<TranscriptEvent, { kind: 'raw' }>).event, 'entry (no sid or text)');
    assert.equal((c.events[3] as Extract<TranscriptEvent, { kind: 'raw' }>).event, 'entry (not an object)');
  });

  it('retranslation: sentence errors (with sid) mark that sentence and the stream goes on to done', async () => {
    const t = await f.task('Customer interview — onboarding');
    const c = collector();
    const out = await streamRetranslation(f.endpoint, t.taskId, 'fr-FR', { ...fast, ...c });
    assert.equal(out.reason, 'done');
    assert.deepEqual(out.terminal, { task_id: t.taskId, total_sentences: 7, succeeded: 6, failed: 1 });
    const translations = c.events.filter((e) => e.kind === 'translation') as Extract<TranscriptEvent, { kind: 'translation' }>[];
    assert.deepEqual(
      translations.map((e) => e.sid),
      [1, 2, 4, 5, 6, 7],
    );
    assert.ok(translations.every((e) => e.language === 'fr-FR'));
    const errors = c.events.filter((e) => e.kind === 'sentenceError') as Extract<TranscriptEvent, { kind: 'sentenceError' }>[];
    assert.deepEqual(
      errors.map((e) => [e.sid, e.code]),
      [[3, 'translation_failed']],
    );
    // The translations were stored: the history now carries fr-FR.
    const h = collector();
    await streamHistory(f.endpoint, t.taskId, { ...fast, ...h });
    const seg1 = h.events.find((e) => e.kind === 'segment') as Extract<TranscriptEvent, { kind: 'segment' }>;
    assert.match(seg1.segment.translations?.['fr-FR'] ?? '', /^\[fr-FR\] Thanks/);
  });

  it('a session-level fatal error stops the stream with the mapped error, without reconnecting', async () => {
    f.emulator.server.route('GET', '/api/v1/sse/test/fatal', (ctx) => {
      const w = new SseWriter(ctx.res);
      w.send('connected', {}, undefined);
      w.send('entry', { sid: 1, text: 'one' }, 1);
      w.send('error', { type: 'error', data: { error_code: 'auth_invalid_api_key', severity: 'fatal', message: 'Key revoked' } }, 2);
      w.send('entry', { sid: 2, text: 'never shown' }, 3);
      w.end();
    });
    const c = collector();
    const mark = f.mark();
    const err = await rejects(testStream('fatal', { ...fast, ...c }), 'auth_invalid_api_key');
    assert.equal(err.endsSession, true);
    assert.deepEqual(c.sids(), [1]);
    assert.equal(f.requestsSince(mark, '/api/v1/sse/').length, 1);
  });

  it('a non-fatal session error without sid is shown and the stream goes on', async () => {
    f.emulator.server.route('GET', '/api/v1/sse/test/warn', (ctx) => {
      const w = new SseWriter(ctx.res);
      w.send('entry', { sid: 1, text: 'one' }, 1);
      w.send('error', { error_code: 'summary_error', severity: 'warning', message: 'no summary' }, 2);
      w.send('entry', { sid: 2, text: 'two' }, 3);
      w.send('done', {}, 4);
      w.end();
    });
    const c = collector();
    assert.equal((await testStream('warn', { ...fast, ...c })).reason, 'done');
    assert.deepEqual(c.sids(), [1, 2]);
    assert.match((c.events[1] as Extract<TranscriptEvent, { kind: 'status' }>).message, /^Warning: Vurbo could not generate the summary/);
  });

  it('never retries auth errors', async () => {
    const t = await f.task('Engineering standup');
    const mark = f.mark();
    await rejects(streamHistory({ ...f.endpoint, key: `vas_${'B'.repeat(32)}` }, t.taskId, { ...fast, onEvent: () => undefined }), 'auth_invalid_api_key');
    await rejects(streamHistory({ ...f.endpoint, key: '' }, t.taskId, { ...fast, onEvent: () => undefined }), 'auth_missing_api_key');
    assert.equal(f.requestsSince(mark, '/api/v1/sse/').length, 2);
    await rejects(streamHistory(f.endpoint, '00000000-0000-0000-0000-000000000000', { ...fast, onEvent: () => undefined }), 'task_not_found');
  });

  it('retries 503 and 429 (Retry-After) on connect, and gives up after the bounded number of attempts', async () => {
    const t = await f.task('Engineering standup');
    f.emulator.addFault({ path: '/sse/history/', status: 503 });
    f.emulator.addFault({ path: '/sse/history/', status: 429, retryAfterSeconds: 0.05 });
    const c = collector();
    const out = await streamHistory(f.endpoint, t.taskId, { ...fast, ...c });
    assert.equal(out.reason, 'done');
    assert.equal(out.reconnects, 2);
    f.emulator.addFault({ path: '/sse/history/', status: 503, times: 50 });
    const mark = f.mark();
    const err = await rejects(streamHistory(f.endpoint, t.taskId, { ...fast, maxReconnects: 3, onEvent: () => undefined }), 'internal_error');
    assert.equal(err.status, 503);
    assert.equal(f.requestsSince(mark, '/api/v1/sse/').length, 4, 'one attempt plus three reconnects');
  });

  it('stops on abort mid-stream and mid-backoff, leaving no timer or socket open', async () => {
    const id = f.emulator.vurbo.createBigTask(f.key, 500);
    f.emulator.server.accessLog.length = 0;
    // Every timer created while the streams run (client and emulator alike; mocha's own aside) must be gone or unref'd at the end.
    const timers = new Map<number, NodeJS.Timeout>();
    const hook = createHook({
      init: (id, type, _trigger, resource) =>
        void (type === 'Timeout' && !/node_modules[\\/]mocha/.test(String(new Error().stack)) && timers.set(id, resource as NodeJS.Timeout)),
      destroy: (id) => void timers.delete(id),
    }).enable();
    const ac = new AbortController();
    let got = 0;
    const p = streamHistory(f.endpoint, id, { ...fast, signal: ac.signal, onEvent: (e) => e.kind === 'segment' && ++got === 50 && ac.abort() });
    const out = await p;
    assert.equal(out.reason, 'cancelled');
    assert.ok(got >= 50 && got < 500);
    // Abort while waiting to reconnect (a long backoff).
    f.emulator.addFault({ path: '/sse/history/', status: 503, times: 5 });
    const ac2 = new AbortController();
    const p2 = streamHistory(f.endpoint, id, {
      reconnectDelay: { baseDelayMs: 60_000, maxDelayMs: 60_000 },
      signal: ac2.signal,
      onEvent: () => undefined,
      onConnection: (s) => s.state === 'reconnecting' && ac2.abort(),
    });
    const started = Date.now();
    assert.equal((await p2).reason, 'cancelled');
    assert.ok(Date.now() - started < 2000);
    hook.disable();
    await waitFor(() => [...timers.values()].every((t) => !t.hasRef()), 'timers to be cleared', 6000);
    // The server saw the client go away: its side of the socket closed.
    await waitFor(() => (f.emulator.server as unknown as { sockets: Set<unknown> }).sockets.size === 0, 'sockets to close', 6000);
  });

  it('follows an import: connected, progress through the stages, completed with the task id', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sse-import-'));
    try {
      const file = path.join(dir, 'call.wav');
      fs.writeFileSync(file, encodeWav(toneSamples(3, 8000), 8000));
      const imp = await f.client.uploadImport({ path: file, transcriptionLanguages: ['en-US'], translationLanguages: ['ja-JP'], summaryTemplate: 'meeting' });
      const c = collector();
      const out = await streamImportProgress(f.endpoint, imp.importId, { ...fast, ...c });
      assert.equal(out.reason, 'done');
      assert.equal(out.terminal?.task_id, imp.taskId);
      const progress = c.events.filter((e) => e.kind === 'progress') as Extract<TranscriptEvent, { kind: 'progress' }>[];
      const percents = progress.map((p) => p.percent!);
      assert.deepEqual(
        percents,
        [...percents].sort((a, b) => a - b),
        'monotonic',
      );
      assert.equal(percents[percents.length - 1], 100);
      const stages = new Set(progress.map((p) => p.stage));
      for (const s of ['converting', 'transcribing', 'translating', 'summarizing', 'completed']) assert.ok(stages.has(s), `stage ${s}`);
      // A finished import answers at once.
      const again = collector();
      assert.equal((await streamImportProgress(f.endpoint, imp.importId, { ...fast, ...again })).reason, 'done');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('import progress: a failed import ends with task_failed; a server-side timeout reconnects and resumes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sse-import-'));
    try {
      const file = path.join(dir, 'call.wav');
      fs.writeFileSync(file, encodeWav(toneSamples(2, 8000), 8000));
      f.emulator.vurbo.failNextImports(1);
      const failing = await f.client.uploadImport({ path: file, transcriptionLanguages: ['en-US'] });
      const err = await rejects(streamImportProgress(f.endpoint, failing.importId, { ...fast, onEvent: () => undefined }), 'task_failed');
      assert.equal(err.endsSession, true);
      f.emulator.vurbo.settings.progressStreamTimeoutMs = 45;
      const ok = await f.client.uploadImport({ path: file, transcriptionLanguages: ['en-US'] });
      const mark = f.mark();
      const out = await streamImportProgress(f.endpoint, ok.importId, { ...fast, onEvent: () => undefined });
      assert.equal(out.reason, 'done');
      assert.ok(out.reconnects >= 1, 'came back after the server closed the stream');
      const reqs = f.requestsSince(mark, '/api/v1/sse/');
      assert.ok(reqs.slice(1).every((r) => r.headers['last-event-id'] !== undefined));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('regenerates a summary: GET previews, POST persists; neither is re-requested after a drop (billed)', async () => {
    const t = await f.task('Engineering standup');
    const preview = collector();
    await streamRegeneratedSummary(f.endpoint, t.taskId, { mode: 'builtin', template: 'meeting' }, false, { ...fast, ...preview });
    const summary = preview.events.find((e) => e.kind === 'summary') as Extract<TranscriptEvent, { kind: 'summary' }>;
    assert.match(summary.text, /^Summary \(meeting, 6 sentences\)/);
    assert.ok(
      preview.events.some((e) => e.kind === 'progress'),
      'chunks shown as they arrive',
    );
    const persisted = await streamRegeneratedSummary(
      f.endpoint,
      t.taskId,
      { mode: 'custom', prompt: 'Action items only', promptSlug: 'actions', plainText: true },
      true,
      { ...fast, onEvent: () => undefined },
    );
    assert.equal(persisted.terminal?.persisted, true);
    const h = collector();
    await streamHistory(f.endpoint, t.taskId, { ...fast, ...h });
    assert.match(
      (h.events.find((e) => e.kind === 'summary') as Extract<TranscriptEvent, { kind: 'summary' }>).text,
      /^Summary \(actions, 6 sentences\)\nYesterday/,
    );
    f.emulator.addFault({ path: '/sse/regenerate/', dropAfterEvents: 2 });
    const mark = f.mark();
    await rejects(
      streamRegeneratedSummary(f.endpoint, t.taskId, { mode: 'builtin', template: 'general' }, false, { ...fast, onEvent: () => undefined }),
      'network_error',
    );
    assert.equal(f.requestsSince(mark, '/api/v1/sse/').length, 1);
  });

  it('checks the summary mode rules before anything is billed', async () => {
    assert.equal(summaryParamsProblem({ mode: 'builtin', template: 'meeting', prompt: 'x' })?.code, 'summary_mode_conflict');
    assert.equal(summaryParamsProblem({ mode: 'custom', template: 'meeting', prompt: 'x' })?.code, 'summary_mode_conflict');
    assert.equal(summaryParamsProblem({ mode: 'custom' })?.code, 'validation_failed');
    assert.equal(summaryParamsProblem({ mode: 'custom', prompt: 'x'.repeat(2001) })?.code, 'validation_failed');
    assert.equal(summaryParamsProblem({ mode: 'custom', prompt: 'x', promptSlug: 'a\nb' })?.code, 'validation_failed');
    assert.equal(summaryParamsProblem({ mode: 'builtin', template: 'meeting' }), undefined);
    const t = await f.task('Engineering standup');
    const mark = f.mark();
    await rejects(streamRegeneratedSummary(f.endpoint, t.taskId, { mode: 'builtin' }, true, { onEvent: () => undefined }), 'validation_failed');
    assert.equal(f.requestsSince(mark).length, 0);
    // The server enforces the same rule.
    f.emulator.vurbo.setBudget(f.key, 0);
    await rejects(
      streamRegeneratedSummary(f.endpoint, t.taskId, { mode: 'builtin', template: 'meeting' }, false, { onEvent: () => undefined }),
      'auth_budget_exceeded',
    );
  });

  it('POST /summary authenticates with Authorization: Bearer (the documented exception), not X-API-Key', async () => {
    const c = collector();
    const mark = f.mark();
    await streamTextSummary(
      f.endpoint,
      'We shipped the release. Two bugs remain. Maria owns the login issue.',
      { mode: 'builtin', template: 'general', format: 'paragraph' },
      { ...fast, ...c },
    );
    const [req] = f.requestsSince(mark, '/api/v1/summary');
    assert.equal(req.headers.authorization, `Bearer ${f.key}`);
    assert.equal(req.headers['x-api-key'], undefined);
    assert.match((c.events.find((e) => e.kind === 'summary') as Extract<TranscriptEvent, { kind: 'summary' }>).text, /- We shipped the release\./);
  });

  it('retranslates the summary and a single sentence', async () => {
    const t = await f.task('Weekly product review');
    const s = collector();
    await streamSummaryRetranslation(f.endpoint, t.taskId, 'de-DE', { ...fast, ...s });
    assert.deepEqual(
      s.events.filter((e) => e.kind === 'summary').map((e) => (e as { language?: string }).language),
      ['de-DE'],
    );
    const one = collector();
    await streamSentenceRetranslation(f.endpoint, t.taskId, 2, 'de-DE', { ...fast, ...one });
    const tr = one.events.filter((e) => e.kind === 'translation') as Extract<TranscriptEvent, { kind: 'translation' }>[];
    assert.deepEqual(
      tr.map((e) => [e.sid, e.language, e.text]),
      [[2, 'de-DE', 'Zuerst sehen wir uns das für Freitag geplante Release an.']],
    );
  });

  it('streams TTS audio per sentence with word boundaries; length is clamped to 20', async () => {
    const id = f.emulator.vurbo.createBigTask(f.key, 30, { targetLangs: ['ja-JP'] });
    const c = collector();
    const mark = f.mark();
    await streamTts(f.endpoint, id, { language: 'ja-JP', sid: 3, length: 50 }, { ...fast, ...c });
    assert.match(f.requestsSince(mark, '/api/v1/sse/')[0].url, /length=20/);
    const audio = c.events.filter((e) => e.kind === 'status' && /^TTS sentence/.test(e.message));
    assert.equal(audio.length, 20);
    assert.match((audio[0] as Extract<TranscriptEvent, { kind: 'status' }>).message, /^TTS sentence 3: .* KB wav, \d+ word boundaries$/);
    await rejects(streamTts(f.endpoint, id, { language: 'xx-XX' }, { ...fast, onEvent: () => undefined }), 'tts_invalid_language');
  });

  it('SidWindow keeps memory bounded and still catches replays near the head', () => {
    const w = new SidWindow();
    for (let sid = 1; sid <= 100_000; sid++) assert.equal(w.add(sid), true);
    assert.equal(w.add(99_990), false);
    assert.equal(w.add(5), false, 'below the window counts as delivered');
    assert.equal(w.add(100_001), true);
    assert.ok(w.size <= 8192);
  });

  it('SidWindow: a sid out of order is recorded once, and the window stays exact after it is sorted again', () => {
    const w = new SidWindow();
    for (let sid = 1; sid <= 100; sid += 2) assert.equal(w.add(sid), true);
    assert.equal(w.add(50), true, 'a gap filled late is new');
    assert.equal(w.add(50), false);
    assert.equal(w.add(51), false);
    for (let sid = 101; sid <= 20_000; sid++) assert.equal(w.add(sid), true);
    assert.ok(w.size <= 8192);
    assert.equal(w.add(19_000), false);
    assert.equal(w.add(20_001), true);
    assert.equal(w.add(20_000), false);
  });

  it('runSseStream: an interpreter for foreign streams, no key when auth is none', async () => {
    f.emulator.server.route('GET', '/custom/stream', (ctx) => {
      const w = new SseWriter(ctx.res);
      w.send('caption', { n: 1 }, 1);
      w.send('bye', {}, 2);
      w.end();
    });
    const c = collector();
    const mark = f.mark();
    const out = await runSseStream(
      f.endpoint,
      {
        kind: 'broadcast',
        path: '',
        url: `${f.emulator.origin}/custom/stream`,
        auth: 'none',
        interpret: (name, data) => (name === 'bye' ? { events: [], terminal: {} } : { events: [{ kind: 'status', message: `${name} ${data}` }] }),
      },
      { ...fast, ...c },
    );
    assert.equal(out.reason, 'done');
    assert.deepEqual(c.events, [{ kind: 'status', message: 'caption {"n":1}' }]);
    assert.equal(f.requestsSince(mark, '/custom')[0].headers['x-api-key'], undefined);
  });
});
