import assert from 'node:assert/strict';
import { ApiError } from '../../src/core/errors';
import { backoffDelay, DEFAULT_RETRY, HttpClient, parseRetryAfter, type TraceEvent } from '../../src/core/http/client';
import { buildMultipart } from '../../src/core/http/multipart';
import { joinUrl } from '../../src/core/providers';
import { EmulatorServer, sendJson } from '../../src/emulator/server';
import { generateVurboKey } from '../../src/emulator/keys';

describe('HTTP layer (real sockets on 127.0.0.1)', () => {
  let server: EmulatorServer;
  let base: string;
  let hits: Record<string, number>;

  before(async () => {
    server = new EmulatorServer();
    const count = (name: string) => (hits[name] = (hits[name] ?? 0) + 1);
    server.route('GET', '/ok', (ctx) => {
      count('ok');
      sendJson(ctx.res, 200, { hello: 'world', q: ctx.url.searchParams.get('q') });
    });
    server.route('POST', '/echo', async (ctx) => {
      count('echo');
      sendJson(ctx.res, 200, { received: (await ctx.body()).toString('utf8'), type: ctx.req.headers['content-type'] });
    });
    server.route('GET', '/slow', async (ctx) => {
      await new Promise((r) => setTimeout(r, 500));
      sendJson(ctx.res, 200, {});
    });
    server.route('GET', '/auth', (ctx) => {
      count('auth');
      sendJson(ctx.res, 401, { type: 'error', data: { error_code: 'auth_invalid_api_key', severity: 'fatal', message: 'Invalid API key' } });
    });
    server.route('GET', '/big', (ctx) => {
      ctx.res.writeHead(200, { 'content-type': 'application/octet-stream' });
      ctx.res.end(Buffer.alloc(2 * 1024 * 1024, 1));
    });
    await server.listen(0);
    base = server.origin;
  });
  beforeEach(() => {
    hits = {};
    server.clearFaults();
  });
  after(() => server.close());

  const client = (trace?: (e: TraceEvent) => void) => new HttpClient({ provider: 'vurbo', trace, retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 2000 });

  it('joins base URLs without losing their path', () => {
    assert.equal(joinUrl('https://api-eu.valossa.com/core/1.0/', '/job_status'), 'https://api-eu.valossa.com/core/1.0/job_status');
  });

  it('sends query parameters and reads JSON', async () => {
    const res = await client().json<{ hello: string; q: string }>({ url: `${base}/ok`, query: { q: 'a b', skip: undefined } });
    assert.deepEqual(res.body, { hello: 'world', q: 'a b' });
  });

  it('posts JSON with the right content type', async () => {
    const res = await client().json<{ received: string; type: string }>({ method: 'POST', url: `${base}/echo`, json: { a: 1 } });
    assert.equal(res.body.received, '{"a":1}');
    assert.equal(res.body.type, 'application/json');
  });

  it('retries 5xx on idempotent requests with backoff, and traces redacted URLs', async () => {
    const events: TraceEvent[] = [];
    server.addFault({ path: '/ok', status: 503, times: 2 });
    const key = generateVurboKey();
    const res = await client((e) => events.push(e)).json({ url: `${base}/ok`, query: { api_key: key } });
    assert.equal(res.status, 200);
    assert.deepEqual(
      events.map((e) => e.outcome),
      ['retry', 'retry', 'ok'],
    );
    for (const e of events) assert.ok(!e.url.includes(key), 'trace must never see the key');
    assert.ok(events[0].url.includes('api_key=****'));
  });

  it('honours Retry-After on 429, even for POST', async () => {
    server.addFault({ path: '/echo', status: 429, retryAfterSeconds: 0.2 });
    const events: TraceEvent[] = [];
    const started = Date.now();
    await client((e) => events.push(e)).json({ method: 'POST', url: `${base}/echo`, json: {} });
    assert.ok(Date.now() - started >= 180, 'waited for Retry-After');
    assert.equal(events[0].retryInMs, 200);
    assert.equal(hits.echo, 1);
  });

  it('does not retry a POST after a 5xx', async () => {
    server.addFault({ path: '/echo', status: 500 });
    await assert.rejects(client().json({ method: 'POST', url: `${base}/echo`, json: {} }), (e: ApiError) => e.status === 500);
    assert.equal(hits.echo ?? 0, 0);
  });

  it('never retries authentication errors', async () => {
    await assert.rejects(client().json({ url: `${base}/auth` }), (e: ApiError) => e.code === 'auth_invalid_api_key' && e.action === 'setKey');
    assert.equal(hits.auth, 1);
  });

  it('gives up after maxRetries and reports the last error', async () => {
    server.addFault({ path: '/ok', status: 502, body: '<html><title>502 Bad Gateway</title></html>', times: 10 });
    await assert.rejects(client().json({ url: `${base}/ok` }), (e: ApiError) => e.code === 'bad_gateway' && /Bad Gateway/.test(e.message));
  });

  it('times out and can be cancelled', async () => {
    await assert.rejects(client().json({ url: `${base}/slow`, timeoutMs: 100, maxRetries: 0 }), (e: ApiError) => e.code === 'timeout');
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);
    await assert.rejects(client().json({ url: `${base}/slow`, signal: abort.signal }), (e: ApiError) => e.code === 'cancelled');
  });

  it('reports a refused connection as a network error', async () => {
    const closed = new EmulatorServer();
    await closed.listen(0);
    const url = `${closed.origin}/x`;
    await closed.close();
    await assert.rejects(client().json({ url, maxRetries: 0 }), (e: ApiError) => e.code === 'network_error' && e.retryable);
  });

  it('refuses bodies over the size limit', async () => {
    await assert.rejects(client().buffer({ url: `${base}/big`, maxBodyBytes: 1024 * 1024 }), (e: ApiError) => e.code === 'too_large');
    const ok = await client().buffer({ url: `${base}/big` });
    assert.equal(ok.body.length, 2 * 1024 * 1024);
  });

  it('streams multipart bodies with progress', async () => {
    let last = 0;
    const mp = buildMultipart(
      { a: '1' },
      { field: 'file', filename: 'x.wav', contentType: 'audio/wav', source: { bytes: Buffer.from('RIFF') } },
      (sent) => (last = sent),
    );
    const res = await client().json<{ received: string; type: string }>({
      method: 'POST',
      url: `${base}/echo`,
      body: mp.body,
      headers: mp.headers,
      maxRetries: 0,
    });
    assert.match(res.body.type, /^multipart\/form-data; boundary=/);
    assert.match(res.body.received, /name="file"; filename="x.wav"\r\nContent-Type: audio\/wav\r\n\r\nRIFF\r\n/);
    assert.equal(last, mp.length);
    assert.equal(Buffer.byteLength(res.body.received), mp.length);
  });

  it('parses Retry-After and spaces backoff with jitter', () => {
    assert.equal(parseRetryAfter('3'), 3000);
    assert.ok((parseRetryAfter(new Date(Date.now() + 5000).toUTCString()) ?? 0) > 3000);
    assert.equal(parseRetryAfter('soon'), undefined);
    for (let attempt = 0; attempt < 6; attempt++) {
      const step = Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.baseDelayMs * 2 ** attempt);
      assert.equal(
        backoffDelay(attempt, DEFAULT_RETRY, () => 0),
        step / 2,
      );
      assert.equal(
        backoffDelay(attempt, DEFAULT_RETRY, () => 1),
        step,
      );
    }
  });
});
