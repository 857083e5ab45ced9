// The clients and the endpoint catalogue must not disagree: every request the Valossa and Vurbo
// clients, the SSE streams, the viewer and the live socket send to the emulator is matched to a
// catalogue entry (method + path template), and checked for where the key went and for parameters
// the entry does not know or requires.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalog, matchEndpoint, type CatalogEndpoint, type EndpointMethod } from '../../src/core/catalog';
import { HttpClient, type HttpRequest, type HttpResponse } from '../../src/core/http/client';
import type { ProviderId } from '../../src/core/providers';
import { ValossaClient } from '../../src/core/valossa/client';
import { getViewerInfo, verifyViewerPassword, watchBroadcastStream } from '../../src/core/vurbo/broadcasts';
import { BroadcastsApi } from '../../src/core/vurbo/broadcastsApi';
import { VurboClient } from '../../src/core/vurbo/client';
import { fetchTicket, openLiveSocket } from '../../src/core/vurbo/live';
import * as sse from '../../src/core/vurbo/sse';
import { encodeWav, toneSamples } from '../../src/core/vurbo/wav';
import { startEmulator, type Emulator } from '../../src/emulator/index';
import type { Readable } from 'node:stream';

interface Sent {
  readonly provider: ProviderId;
  readonly req: HttpRequest;
}

/** The one HTTP client, recording every request before it goes out for real. */
class RecordingHttp extends HttpClient {
  constructor(
    provider: ProviderId,
    private readonly sent: Sent[],
  ) {
    super({ provider, retry: { maxRetries: 0 }, timeoutMs: 5000 });
  }
  override json<T>(req: HttpRequest): Promise<HttpResponse<T>> {
    this.sent.push({ provider: this.provider, req });
    return super.json<T>(req);
  }
  override text(req: HttpRequest): Promise<HttpResponse<string>> {
    this.sent.push({ provider: this.provider, req });
    return super.text(req);
  }
  override stream(req: HttpRequest): Promise<HttpResponse<Readable>> {
    this.sent.push({ provider: this.provider, req });
    return super.stream(req);
  }
}

const ignore = () => undefined;
const quiet = { onEvent: ignore, maxReconnects: 0, idleTimeoutMs: 5000 };

function check(emu: Emulator, { provider, req }: Sent, key: string): CatalogEndpoint {
  const url = new URL(req.url);
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
  const base = new URL(provider === 'valossa' ? emu.valossaBaseUrl : emu.vurboBaseUrl).pathname.replace(/\/$/, '');
  const method = (req.method ?? 'GET') as EndpointMethod;
  const match = matchEndpoint(provider, method, url.pathname.slice(base.length));
  const what = `${method} ${url.pathname}`;
  assert.ok(match, `${what} is in the catalogue`);
  const e = match.endpoint;
  const headers = Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const json = (req.json ?? {}) as Record<string, unknown>;
  const keyIn = {
    'x-api-key': headers['x-api-key'] === key,
    bearer: headers.authorization === `Bearer ${key}`,
    query: url.searchParams.get('api_key') === key,
    body: json.api_key === key,
    form: String(headers['content-type'] ?? '').startsWith('multipart/form-data'),
  };
  const places = Object.entries(keyIn)
    .filter(([k, v]) => v && k !== 'form')
    .map(([k]) => k);
  if (e.auth === 'none') assert.deepEqual(places, [], `${what} sends no key`);
  else if (e.auth === 'form') assert.ok(keyIn.form && places.length === 0, `${what} sends the key as a form field only`);
  else assert.deepEqual(places, [e.auth], `${what} sends the key as ${e.auth} only`);
  const known = (location: 'query' | 'body') => new Set(e.params.filter((p) => p.in === location).map((p) => p.name));
  const queryNames = [...url.searchParams.keys()].filter((k) => k !== 'api_key');
  assert.deepEqual(
    queryNames.filter((k) => !known('query').has(k)),
    [],
    `${what}: every query parameter is catalogued`,
  );
  const bodyNames = Object.keys(json).filter((k) => k !== 'api_key');
  assert.deepEqual(
    bodyNames.filter((k) => !known('body').has(k)),
    [],
    `${what}: every body field is catalogued`,
  );
  for (const p of e.params.filter((p) => p.required)) {
    if (p.in === 'query') assert.ok(url.searchParams.has(p.name), `${what} sends the required query ${p.name}`);
    if (p.in === 'body') assert.ok(p.name in json, `${what} sends the required body field ${p.name}`);
  }
  return e;
}

describe('endpoint catalogue against every client call (emulator on 127.0.0.1)', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let dir: string;
  const sent: Sent[] = [];

  before(async () => {
    emu = await startEmulator({ jobStepMs: 30, pollAgainAfterSeconds: 0.02 });
    emu.vurbo.settings.importTickMs = 10;
    emu.vurbo.settings.processingStepMs = 10;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-'));
  });
  after(async () => {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has unique ids, filled-in docs and a parameter for every path placeholder', () => {
    assert.equal(new Set(catalog().map((e) => e.id)).size, catalog().length);
    for (const e of catalog()) {
      assert.match(e.docsUrl, /^https:\/\/(docs\.valossa\.com|apidocs-pvas\.vurbo\.ai)\//, e.id);
      const placeholders = [...e.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      assert.deepEqual(
        placeholders,
        e.params.filter((p) => p.in === 'path').map((p) => p.name),
        `${e.id} path parameters`,
      );
      if (e.auth === 'bearer') assert.equal(e.id, 'vurbo:POST /api/v1/summary', 'Bearer is the documented exception of one endpoint');
    }
    assert.equal(matchEndpoint('vurbo', 'DELETE', '/api/v1/tasks/batch')?.endpoint.path, '/api/v1/tasks/batch', 'literal segments win');
    assert.deepEqual(matchEndpoint('vurbo', 'GET', '/api/v1/tasks/abc/audio/export')?.pathParams, { taskId: 'abc' });
  });

  it('matches every Valossa and Vurbo client request, SSE stream, viewer call and the live socket', async () => {
    const valossaKey = emu.keys.valossa;
    const vurboKey = emu.keys.vurbo;
    const valossa = new ValossaClient({ baseUrl: emu.valossaBaseUrl, key: valossaKey, http: new RecordingHttp('valossa', sent) });
    const endpoint = { baseUrl: emu.vurboBaseUrl, key: vurboKey, http: new RecordingHttp('vurbo', sent) };
    const vurbo = new VurboClient(endpoint);
    const video = path.join(dir, 'v.mp4');
    fs.writeFileSync(video, Buffer.alloc(3000, 1));
    const wav = path.join(dir, 'call.wav');
    fs.writeFileSync(wav, encodeWav(toneSamples(2, 8000), 8000));

    const uploaded = await valossa.uploadFile(video);
    const jobId = await valossa.newJob({ videoUrl: uploaded, title: 'catalogue', language: 'en-US', callbackUrl: 'http://127.0.0.1:9/cb' });
    await valossa.waitForJob(jobId, { fallbackSeconds: 0.02 });
    await valossa.jobResults(jobId, 'core');
    await valossa.jobResults(jobId, 'speech_to_text_srt');
    await valossa.listJobs();
    await valossa.cancelJob(jobId).catch(ignore);
    await valossa.deleteJob(jobId);

    const tasks = await vurbo.listTasks('all');
    const task = tasks.find((t) => t.processingStatus === 'completed')!;
    const t = task.taskId;
    await vurbo.setPinned(t, true);
    await vurbo.markRead(t);
    await vurbo.renameTask(t, task.title);
    await vurbo.retryTask(t).catch(ignore);
    await vurbo.forceFail(tasks.find((x) => x.processingStatus !== 'completed')?.taskId ?? t).catch(ignore);
    await vurbo.batchPin([t], false);
    await vurbo.exportTranscript(t, 'srt');
    await vurbo.exportAudio(t, path.join(dir, 'audio.m4a')).catch(ignore);
    await vurbo.renameSpeaker(t, 'Guest-1', 'Host').catch(ignore);
    await vurbo.reassignSpeaker(t, 1, 'Guest-1').catch(ignore);
    await vurbo.mergeSpeakers(t, ['Guest-2'], 'Guest-1').catch(ignore);
    await vurbo.checkQuota(60_000);
    const imp = await vurbo.uploadImport({ path: wav, transcriptionLanguages: ['en-US'] });
    await vurbo.getImport(imp.importId);
    await vurbo.listImports();
    await sse.streamImportProgress(endpoint, imp.importId, quiet);
    const templates = await vurbo.listSummaryTemplates('all');
    await vurbo.getSummaryTemplate(templates[0].slug);
    await vurbo.listVoices('en-US');

    await sse.streamHistory(endpoint, t, quiet);
    await sse.fetchSpeakers(endpoint, t);
    await sse.streamRetranslation(endpoint, t, 'de-DE', quiet);
    await sse.streamSummaryRetranslation(endpoint, t, 'de-DE', quiet).catch(ignore);
    await sse.streamSentenceRetranslation(endpoint, t, 1, 'de-DE', quiet).catch(ignore);
    await sse.streamRegeneratedSummary(endpoint, t, { mode: 'builtin', template: 'meeting' }, false, quiet).catch(ignore);
    await sse.streamRegeneratedSummary(endpoint, t, { mode: 'builtin', template: 'meeting' }, true, quiet).catch(ignore);
    await sse.streamTextSummary(endpoint, 'We agreed to ship on Friday.', { mode: 'builtin', template: 'meeting' }, quiet).catch(ignore);
    await sse.streamTts(endpoint, t, { language: 'en-US' }, quiet).catch(ignore);

    const broadcasts = new BroadcastsApi(vurbo);
    const b = await broadcasts.create({ transcriptionLanguage: 'en-US', translationLanguages: ['de-DE'], accessType: 'password', passCode: 'open-sesame' });
    await broadcasts.list();
    await broadcasts.get(b.id);
    await broadcasts.update(b.id, { name: 'Renamed' });
    const viewerHttp = new RecordingHttp('vurbo', sent);
    await getViewerInfo(viewerHttp, emu.vurboBaseUrl, b.token);
    const access = await verifyViewerPassword(viewerHttp, emu.vurboBaseUrl, b.token, 'open-sesame');
    const watching = new AbortController();
    const watched = watchBroadcastStream({
      baseUrl: emu.vurboBaseUrl,
      http: viewerHttp,
      token: b.token,
      accessToken: access.token,
      signal: watching.signal,
      onEvent: () => watching.abort(),
    });
    setTimeout(() => watching.abort(), 300);
    await watched.catch(ignore);
    await broadcasts.revoke(b.id);
    await broadcasts.revokeMany([b.id]).catch(ignore);
    await vurbo.deleteTask(t);
    await vurbo.batchDelete([tasks[tasks.length - 1].taskId]);

    const mark = emu.server.accessLog.length;
    const grant = await fetchTicket(endpoint);
    const socket = await openLiveSocket(emu.vurboBaseUrl, grant.ticket);
    socket.close();

    const covered = new Set(sent.map((s) => check(emu, s, s.provider === 'valossa' ? valossaKey : vurboKey).id));
    const upgrade = emu.server.accessLog.slice(mark).find((e) => e.url.startsWith('/ws'));
    assert.ok(upgrade, 'the live socket was opened');
    assert.equal(matchEndpoint('vurbo', 'WS', new URL(upgrade.url, emu.origin).pathname)?.endpoint.auth, 'ticket');
    assert.equal(upgrade.headers['x-api-key'], undefined, 'no key on the upgrade');
    assert.match(String(upgrade.headers['sec-websocket-protocol']), /^ticket\./);
    covered.add('vurbo:WS /ws');
    // What no client calls yet is reachable from the explorer only; the list is explicit so a new
    // client method or a new catalogue entry shows up here.
    assert.deepEqual(
      catalog()
        .filter((e) => !covered.has(e.id))
        .map((e) => e.id)
        .sort(),
      ['vurbo:GET /api/v1/sse/audio/{taskId}', 'vurbo:GET /api/v1/tts/voices/{voice_name}/sample'],
    );
  });
});
