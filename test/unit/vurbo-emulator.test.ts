// The emulator's own documented behaviour, checked with plain fetch (not our client), so the client
// tests above cannot pass by agreeing with a wrong server.
import assert from 'node:assert/strict';
import { startVurboFixture, type VurboFixture } from './vurbo-fixture';

describe('Vurbo emulator (documented behaviour, raw HTTP)', () => {
  let f: VurboFixture;
  let h: Record<string, string>;
  const get = (path: string, headers: Record<string, string> = h) => fetch(`${f.emulator.origin}${path}`, { headers });
  const send = (method: string, path: string, body: unknown) =>
    fetch(`${f.emulator.origin}${path}`, { method, headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeEach(async () => {
    f = await startVurboFixture();
    h = { 'x-api-key': f.key };
  });
  afterEach(() => f.close());

  it('answers auth failures with the unified error envelope (401, fatal)', async () => {
    const res = await get('/api/v1/tasks', {});
    assert.equal(res.status, 401);
    const body = (await res.json()) as { type: string; data: Record<string, unknown> };
    assert.equal(body.type, 'error');
    assert.equal(body.data.error_code, 'auth_missing_api_key');
    assert.equal(body.data.severity, 'fatal');
    assert.equal(body.data.context, 'auth');
    assert.match(String(body.data.request_id), /^req_/);
    assert.ok(!Number.isNaN(Date.parse(String(body.data.timestamp))));
    assert.equal('details' in body.data, true);
  });

  it('defaults the task list to status=completed and answers in the reference shape', async () => {
    const body = (await (await get('/api/v1/tasks')).json()) as { data: { tasks: { processing_status: string; duration_formatted: string }[] } };
    assert.ok(body.data.tasks.length > 0);
    assert.ok(body.data.tasks.every((t) => t.processing_status === 'completed'));
    assert.ok(body.data.tasks.every((t) => /^\d+:\d\d$/.test(t.duration_formatted)));
    assert.equal((await get('/api/v1/tasks?status=bogus')).status, 400);
  });

  it('keeps tasks per key: another key sees its own tasks and gets 404 for someone else’s', async () => {
    const other = f.emulator.keys.vurbo.replace(/.$/, (c) => (c === 'a' ? 'b' : 'a'));
    await f.close();
    f = await startVurboFixture({ extraVurboKeys: [other] });
    h = { 'x-api-key': f.key };
    const mine = (await (await get('/api/v1/tasks?status=all')).json()) as { data: { tasks: { task_id: string }[] } };
    const theirs = (await (await get('/api/v1/tasks?status=all', { 'x-api-key': other })).json()) as { data: { tasks: { task_id: string }[] } };
    assert.equal(mine.data.tasks.length, theirs.data.tasks.length);
    assert.ok(!theirs.data.tasks.some((t) => mine.data.tasks.some((m) => m.task_id === t.task_id)));
    const res = await fetch(`${f.emulator.origin}/api/v1/tasks/${mine.data.tasks[0].task_id}`, { method: 'DELETE', headers: { 'x-api-key': other } });
    assert.equal(res.status, 404);
  });

  it('accepts ?api_key= on SSE paths (the documented fallback) but not on REST paths', async () => {
    const t = await f.task('Engineering standup');
    const sse = await get(`/api/v1/sse/history/transcribe/${t.taskId}?api_key=${f.key}`, {});
    assert.equal(sse.status, 200);
    assert.match(await sse.text(), /event: done/);
    assert.equal((await get(`/api/v1/tasks?api_key=${f.key}`, {})).status, 401);
  });

  it('validates speaker labels on the server too, and keeps the deprecated /recordings alias working', async () => {
    const t = await f.task('Weekly product review');
    const bad = await send('PATCH', `/api/v1/tasks/${t.taskId}/speakers/rename`, { speaker_id: 'Guest-1', new_label: 'a\nb' });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { data: { error_code: string } }).data.error_code, 'speaker_label_invalid');
    const alias = await send('PATCH', `/api/v1/recordings/${t.taskId}/speakers/rename`, { speaker_id: 'Guest-1', new_label: 'Manager Wang' });
    assert.equal(alias.status, 200);
    assert.equal(alias.headers.get('deprecation'), 'true');
  });

  it('serves /sse/audio with Range support (206, Content-Range, 416)', async () => {
    const t = await f.task('Weekly product review');
    const full = await get(`/api/v1/sse/audio/${t.taskId}`);
    assert.equal(full.status, 200);
    assert.equal(full.headers.get('accept-ranges'), 'bytes');
    const size = (await full.arrayBuffer()).byteLength;
    const part = await get(`/api/v1/sse/audio/${t.taskId}`, { ...h, range: 'bytes=0-1023' });
    assert.equal(part.status, 206);
    assert.equal(part.headers.get('content-range'), `bytes 0-1023/${size}`);
    assert.equal((await part.arrayBuffer()).byteLength, 1024);
    assert.equal((await get(`/api/v1/sse/audio/${t.taskId}`, { ...h, range: `bytes=${size + 10}-` })).status, 416);
  });

  it('trims the TTS length to 20 and requires a language', async () => {
    const id = f.emulator.vurbo.createBigTask(f.key, 40);
    const text = await (await get(`/api/v1/sse/tts/${id}?language=en-US&length=50`)).text();
    assert.equal((text.match(/event: audio/g) ?? []).length, 20);
    const missing = await get(`/api/v1/sse/tts/${id}`);
    assert.equal(missing.status, 400);
  });

  it('numbers SSE events so Last-Event-ID resumes right after the given one', async () => {
    const t = await f.task('Weekly product review');
    const text = await (await get(`/api/v1/sse/history/transcribe/${t.taskId}`, { ...h, 'last-event-id': '8' })).text();
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    assert.deepEqual(ids, [9, 10, 11]);
    assert.match(text, /^event: connected\n/);
  });

  it('prices check-quota by started minute and does not bill the check itself', async () => {
    const before = f.emulator.vurbo.remainingBudget(f.key)!;
    const quota = (await (await send('POST', '/api/v1/imports/check-quota', { duration_ms: 60_000 })).json()) as { data: { estimated_cost: number } };
    assert.equal(quota.data.estimated_cost, 0.0169);
    assert.equal((await send('POST', '/api/v1/imports/check-quota', { duration_ms: 999 })).status, 400);
    assert.equal(f.emulator.vurbo.remainingBudget(f.key), before, 'a quota check is free');
  });
});
