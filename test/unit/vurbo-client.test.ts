import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VurboClient, dispositionFilename } from '../../src/core/vurbo/client';
import { encodeWav, toneSamples } from '../../src/core/vurbo/wav';
import { streamHistory } from '../../src/core/vurbo/sse';
import type { TranscriptEvent } from '../../src/core/transcript/model';
import { fastHttp, rejects, startVurboFixture, waitFor, type VurboFixture } from './vurbo-fixture';

describe('Vurbo REST client against the emulator', () => {
  let f: VurboFixture;
  let tmp: string;

  beforeEach(async () => {
    f = await startVurboFixture();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vurbo-client-'));
  });
  afterEach(async () => {
    await f.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('lists tasks in both documented shapes, {data:{tasks}} and {tasks}, with the same result', async () => {
    const reference = await f.client.listTasks('all');
    f.emulator.vurbo.settings.listShape = 'flat';
    const flat = await f.client.listTasks('all');
    assert.deepEqual(flat, reference);
    assert.ok(reference.length >= 7);
    const review = reference.find((t) => t.title === 'Weekly product review')!;
    assert.equal(review.type, 'transcribe');
    assert.equal(review.processingStatus, 'completed');
    assert.equal(review.isPinned, true);
    assert.equal(review.sourceLang, 'en-US');
    assert.equal(review.targetLang, 'zh-TW');
    assert.ok(review.durationMs > 10_000);
  });

  it('filters by status: completed (the default), active and all', async () => {
    const completed = await f.client.listTasks('completed');
    const active = await f.client.listTasks('active');
    const all = await f.client.listTasks('all');
    assert.ok(completed.every((t) => t.processingStatus === 'completed'));
    assert.deepEqual(
      active.map((t) => t.processingStatus),
      ['recording'],
    );
    assert.equal(active[0].title, 'Untitled Recording');
    assert.ok(all.some((t) => t.processingStatus === 'failed'));
    assert.equal(all.length, completed.length + active.length + 1);
  });

  it('sends the key in X-API-Key on every call and never in the URL', async () => {
    const mark = f.mark();
    const t = await f.task('Engineering standup');
    await f.client.setPinned(t.taskId, true);
    await f.client.markRead(t.taskId);
    await f.client.exportTranscript(t.taskId, 'txt');
    await f.client.checkQuota(60_000);
    await f.client.listVoices('en-US');
    const requests = f.requestsSince(mark);
    assert.ok(requests.length >= 6);
    for (const r of requests) {
      assert.equal(r.headers['x-api-key'], f.key, r.url);
      assert.ok(!r.url.includes(f.key) && !r.url.includes('api_key'), r.url);
    }
  });

  it('pins, unpins, marks read and renames a task', async () => {
    const t = await f.task('Customer interview — onboarding');
    assert.equal(t.isUnread, true);
    assert.equal((await f.client.setPinned(t.taskId, true))?.isPinned, true);
    assert.equal((await f.client.markRead(t.taskId))?.isUnread, false);
    assert.equal((await f.client.renameTask(t.taskId, '  Onboarding interview  '))?.title, 'Onboarding interview');
    const again = (await f.client.listTasks('all')).find((x) => x.taskId === t.taskId)!;
    assert.deepEqual([again.title, again.isPinned, again.isUnread], ['Onboarding interview', true, false]);
    assert.equal((await f.client.setPinned(t.taskId, false))?.isPinned, false);
  });

  it('refuses an empty name before sending anything', async () => {
    const t = await f.task('Engineering standup');
    const mark = f.mark();
    await rejects(f.client.renameTask(t.taskId, '   '), 'validation_failed');
    assert.equal(f.requestsSince(mark).length, 0);
  });

  it('deletes a task; deleting it again is task_not_found with a refresh action', async () => {
    const t = await f.task('Engineering standup');
    await f.client.deleteTask(t.taskId);
    assert.ok(!(await f.client.listTasks('all')).some((x) => x.taskId === t.taskId));
    const err = await rejects(f.client.deleteTask(t.taskId), 'task_not_found');
    assert.equal(err.status, 404);
    assert.equal(err.action, 'refresh');
  });

  it('batch-pins and batch-deletes', async () => {
    const ids = (await f.client.listTasks('completed')).slice(0, 3).map((t) => t.taskId);
    assert.equal(await f.client.batchPin(ids, true), 3);
    assert.ok((await f.client.listTasks('all')).filter((t) => ids.includes(t.taskId)).every((t) => t.isPinned));
    assert.equal(await f.client.batchDelete(ids.slice(0, 2)), 2);
    const left = (await f.client.listTasks('all')).map((t) => t.taskId);
    assert.ok(!left.includes(ids[0]) && !left.includes(ids[1]) && left.includes(ids[2]));
  });

  it('force-fails an active task, refuses it for a completed one, and retries a failed one to completion', async () => {
    const active = await f.task('Untitled Recording');
    assert.equal((await f.client.forceFail(active.taskId))?.processingStatus, 'failed');
    const done = await f.task('Engineering standup');
    const err = await rejects(f.client.forceFail(done.taskId), 'invalid_state');
    assert.equal(err.status, 409);
    const failed = await f.task('Interview draft');
    assert.equal((await f.client.retryTask(failed.taskId))?.processingStatus, 'processing');
    await waitFor(async () => (await f.client.listTasks('completed')).some((t) => t.taskId === failed.taskId), 'retried task to complete');
    await rejects(f.client.retryTask(done.taskId), 'invalid_state');
  });

  it('exports the transcript in TXT, SRT, SBV, VTT and CSV with speaker labels', async () => {
    const t = await f.task('Weekly product review');
    const srt = await f.client.exportTranscript(t.taskId, 'srt');
    assert.equal(srt.suggestedName, 'Weekly product review.srt');
    assert.equal((srt.text.match(/-->/g) ?? []).length, 8);
    assert.match(srt.text, /^1\n00:00:00,000 --> 00:00:03,200\nAnna: Good morning everyone/);
    const vtt = await f.client.exportTranscript(t.taskId, 'vtt');
    assert.match(vtt.text, /^WEBVTT\n\n00:00:00\.000 --> 00:00:03\.200\n<v Anna>Good morning/);
    const sbv = await f.client.exportTranscript(t.taskId, 'sbv');
    assert.match(sbv.text, /^0:00:00\.000,0:00:03\.200\n>> Anna: Good morning/);
    const csv = await f.client.exportTranscript(t.taskId, 'csv');
    assert.match(csv.text, /^sid,start_ms,end_ms,speaker,language,text,zh-TW,ja-JP\r\n1,0,3200,Anna,en-US,/);
    const txt = await f.client.exportTranscript(t.taskId, 'txt');
    assert.match(txt.text, /\[00:00:00\] Anna: Good morning/);
    assert.match(txt.text, /Summary\n- The Friday release/);
  });

  it('reads file names from Content-Disposition, including RFC 5987 names, without paths', () => {
    assert.equal(dispositionFilename('attachment; filename="a.srt"'), 'a.srt');
    assert.equal(dispositionFilename(`attachment; filename="x"; filename*=UTF-8''Caf%C3%A9%20%E2%80%94%20notes.vtt`), 'Café — notes.vtt');
    assert.equal(dispositionFilename('attachment; filename="../../etc/passwd"'), 'passwd');
    assert.equal(dispositionFilename(undefined), undefined);
  });

  it('streams the audio export to a file with progress', async () => {
    const t = await f.task('Weekly product review');
    const dest = path.join(tmp, 'review.wav');
    const seen: number[] = [];
    const out = await f.client.exportAudio(t.taskId, dest, { onProgress: (p) => seen.push(p.sentBytes) });
    const bytes = fs.readFileSync(dest);
    assert.equal(out.bytes, bytes.length);
    assert.equal(bytes.toString('latin1', 0, 4), 'RIFF');
    assert.equal(out.suggestedName, 'Weekly product review.wav');
    assert.equal(seen[seen.length - 1], bytes.length);
    assert.deepEqual(fs.readdirSync(tmp), ['review.wav']);
  });

  it('leaves no file behind when the audio download breaks or is cancelled', async () => {
    const t = await f.task('Weekly product review');
    f.emulator.addFault({ path: '/audio/export', dropAfterBytes: 5000 });
    const err = await rejects(f.client.exportAudio(t.taskId, path.join(tmp, 'torn.wav')), 'network_error');
    assert.ok(err.message.length > 0);
    const ac = new AbortController();
    const p = f.client.exportAudio(t.taskId, path.join(tmp, 'cancelled.wav'), { signal: ac.signal, onProgress: () => ac.abort() });
    await rejects(p, 'cancelled');
    assert.deepEqual(fs.readdirSync(tmp), []);
  });

  it('checks the quota with the documented numbers and validates the duration first', async () => {
    const q = await f.client.checkQuota(25 * 60_000);
    assert.deepEqual(q, { allowed: true, remainingBudget: 48.48, isUnlimited: false, durationMinutes: 25, estimatedCost: 0.4236, remainingMinutes: 2861 });
    f.emulator.vurbo.setBudget(f.key, null);
    const unlimited = await f.client.checkQuota(60_000);
    assert.equal(unlimited.isUnlimited, true);
    assert.equal(unlimited.remainingBudget, null);
    const mark = f.mark();
    await rejects(f.client.checkQuota(500), 'validation_failed');
    await rejects(f.client.checkQuota(11 * 3_600_000), 'validation_failed');
    assert.equal(f.requestsSince(mark).length, 0);
  });

  it('uploads a WAV as multipart streamed from disk with progress, and the import creates a completed task', async () => {
    const file = path.join(tmp, 'standup call.wav');
    fs.writeFileSync(file, encodeWav(toneSamples(6, 16000), 16000));
    const size = fs.statSync(file).size;
    let last = { sentBytes: 0, totalBytes: 0 as number | undefined };
    const imp = await f.client.uploadImport(
      { path: file, transcriptionLanguages: ['en-US'], translationLanguages: ['ja-JP'], summaryTemplate: 'meeting' },
      { onProgress: (p) => (last = p) },
    );
    assert.equal(last.sentBytes, last.totalBytes);
    assert.ok(last.sentBytes > size);
    assert.equal(imp.filename, 'standup call.wav');
    assert.equal(imp.durationMs, 6000);
    assert.ok(imp.taskId);
    assert.equal((await f.client.getImport(imp.importId)).importId, imp.importId);
    assert.ok((await f.client.listImports()).some((i) => i.importId === imp.importId));
    await waitFor(async () => (await f.client.getImport(imp.importId)).status === 'completed', 'import to complete');
    const task = (await f.client.listTasks('completed')).find((t) => t.taskId === imp.taskId)!;
    assert.equal(task.title, 'standup call');
    assert.equal(task.typeSource, 'import');
    assert.equal(task.durationMs, 6000);
    assert.ok(f.emulator.vurbo.remainingBudget(f.key)! < 48.48, 'the import was billed');
  });

  it('refuses an upload over budget with 402 auth_budget_exceeded, once (never retried)', async () => {
    const file = path.join(tmp, 'long.wav');
    fs.writeFileSync(file, encodeWav(toneSamples(90, 8000), 8000));
    f.emulator.vurbo.setBudget(f.key, 0.01);
    const mark = f.mark();
    const err = await rejects(f.client.uploadImport({ path: file, transcriptionLanguages: ['en-US'] }), 'auth_budget_exceeded');
    assert.equal(err.status, 402);
    assert.equal(err.action, 'checkBudget');
    assert.equal(f.requestsSince(mark, '/api/v1/imports').length, 1);
  });

  it('refuses unsupported files and bad language lists before uploading', async () => {
    const txt = path.join(tmp, 'notes.txt');
    fs.writeFileSync(txt, 'hello');
    const wav = path.join(tmp, 'a.wav');
    fs.writeFileSync(wav, encodeWav(toneSamples(2, 8000), 8000));
    const mark = f.mark();
    await rejects(f.client.uploadImport({ path: txt, transcriptionLanguages: ['en-US'] }), 'validation_failed');
    await rejects(f.client.uploadImport({ path: wav, transcriptionLanguages: [] }), 'validation_failed');
    await rejects(f.client.uploadImport({ path: wav, transcriptionLanguages: ['en-US', 'ja-JP', 'de-DE'] }), 'validation_failed');
    assert.equal(f.requestsSince(mark).length, 0);
    // The server's own check: shorter than one second.
    const short = path.join(tmp, 'short.wav');
    fs.writeFileSync(short, encodeWav(toneSamples(0.5, 8000), 8000));
    await rejects(f.client.uploadImport({ path: short, transcriptionLanguages: ['en-US'] }), 'validation_failed');
  });

  it('renames, reassigns and merges speakers; the history shows the new labels', async () => {
    const t = await f.task('Weekly product review');
    assert.equal(await f.client.renameSpeaker(t.taskId, 'Guest-1', 'Manager Wang'), 5);
    // The current label works as the id too, so repeated renames do.
    assert.equal(await f.client.renameSpeaker(t.taskId, 'Manager Wang', 'Anna W.'), 5);
    assert.equal(await f.client.reassignSpeaker(t.taskId, 3, 'Guest-1'), 1);
    assert.equal(await f.client.mergeSpeakers(t.taskId, ['Guest-2'], 'Guest-1'), 2);
    const events: TranscriptEvent[] = [];
    await streamHistory(f.endpoint, t.taskId, { onEvent: (e) => events.push(e) });
    const speakers = events.flatMap((e) => (e.kind === 'segment' ? [e.segment.speaker] : []));
    assert.deepEqual([...new Set(speakers)], ['Anna W.']);
  });

  it('checks speaker labels client-side as documented: ≤100 characters, no control characters or line breaks', async () => {
    const t = await f.task('Weekly product review');
    const mark = f.mark();
    for (const bad of ['two\nlines', 'tab\there', 'nul\u0000', 'del\u007f', 'x'.repeat(101), '  ', 'ls\u2028']) {
      await rejects(f.client.renameSpeaker(t.taskId, 'Guest-1', bad), 'speaker_label_invalid');
    }
    assert.equal(f.requestsSince(mark).length, 0);
    assert.equal(await f.client.renameSpeaker(t.taskId, 'Guest-1', 'é'.repeat(100)), 5);
    await rejects(f.client.renameSpeaker(t.taskId, 'Nobody', 'X'), 'speaker_not_found');
  });

  it('lists summary templates by category and TTS voices, with the documented errors', async () => {
    assert.deepEqual(
      (await f.client.listSummaryTemplates()).map((t) => t.slug),
      ['general', 'meeting', 'interview'],
    );
    assert.deepEqual(
      (await f.client.listSummaryTemplates('medical')).map((t) => t.slug),
      ['medical_consultation'],
    );
    assert.equal((await f.client.listSummaryTemplates('all')).length, 5);
    assert.equal((await f.client.getSummaryTemplate('meeting')).name, 'Meeting Record');
    const voices = await f.client.listVoices('en-US');
    assert.deepEqual(
      voices.map((v) => [v.voiceName, v.isDefault]),
      [
        ['en-US-JennyNeural', true],
        ['en-US-GuyNeural', false],
      ],
    );
    assert.match(voices[0].sampleUrl!, /\/api\/v1\/tts\/voices\/en-US-JennyNeural\/sample$/);
    await rejects(f.client.listVoices('xx-XX'), 'tts_invalid_language');
    await rejects(f.client.listVoices('not a language'), 'validation_failed');
  });

  it('maps a wrong key to auth_invalid_api_key and never retries it', async () => {
    const bad = new VurboClient({ ...f.endpoint, key: `vas_${'A'.repeat(32)}`, http: fastHttp() });
    const mark = f.mark();
    const err = await rejects(bad.listTasks(), 'auth_invalid_api_key');
    assert.equal(err.action, 'setKey');
    assert.equal(f.requestsSince(mark).length, 1);
    await rejects(new VurboClient({ ...f.endpoint, key: 'vas_short', http: fastHttp() }).listTasks(), 'auth_invalid_key_format');
  });

  it('reads the flat error shape the official examples use, and a 200 carrying an error envelope', async () => {
    f.emulator.addFault({
      path: '/api/v1/tasks',
      status: 401,
      body: JSON.stringify({ error_code: 'auth_invalid_api_key', message: 'Invalid API key' }),
      contentType: 'application/json',
    });
    await rejects(f.client.listTasks(), 'auth_invalid_api_key');
    f.emulator.addFault({
      path: '/api/v1/tasks',
      status: 200,
      body: JSON.stringify({ type: 'error', data: { error_code: 'validation_failed', severity: 'error', message: 'bad status' } }),
      contentType: 'application/json',
    });
    await rejects(f.client.listTasks(), 'validation_failed');
  });

  it('retries a transient 503 on a list and remembers the last request without its key', async () => {
    f.emulator.addFault({ path: '/api/v1/tasks', status: 503 });
    assert.ok((await f.client.listTasks('active')).length >= 1);
    const last = f.client.lastRequest!;
    assert.equal(last.method, 'GET');
    assert.match(last.url, /\/api\/v1\/tasks\?status=active$/);
    assert.equal(last.keyHeader, 'x-api-key');
    assert.ok(!JSON.stringify(last).includes(f.key));
  });
});
