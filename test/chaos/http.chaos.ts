// The HTTP layer under 429 storms, 5xx bursts, proxy HTML pages, truncated JSON and stalls.
import assert from 'node:assert/strict';
import { ApiError } from '../../src/core/errors';
import { HttpClient } from '../../src/core/http/client';
import { EmulatorServer, sendJson, sendText } from '../../src/emulator/server';
import { record, rng, scaled } from './ledger';

describe('chaos: HTTP layer', function () {
  this.timeout(60_000);
  let server: EmulatorServer;
  const hits = new Map<string, number>();
  const count = (k: string) => hits.set(k, (hits.get(k) ?? 0) + 1);

  before(async () => {
    server = new EmulatorServer();
    server.route('GET', '/item/:id', (ctx) => {
      count(`get:${ctx.params.id}`);
      sendJson(ctx.res, 200, { id: ctx.params.id });
    });
    server.route('POST', '/create/:id', (ctx) => {
      count(`post:${ctx.params.id}`);
      sendJson(ctx.res, 200, { id: ctx.params.id });
    });
    server.route('GET', '/fatal/:id', (ctx) => {
      count(`fatal:${ctx.params.id}`);
      sendJson(ctx.res, 401, { type: 'error', data: { error_code: 'auth_invalid_api_key', severity: 'fatal', message: 'Invalid API key' } });
    });
    server.route('GET', '/truncated', (ctx) => sendText(ctx.res, 200, '{"tasks":[{"task_id":"a"', 'application/json'));
    server.route('GET', '/stall', (ctx) => {
      ctx.res.writeHead(200, { 'content-type': 'application/json' });
      ctx.res.write('{"partial":');
      // Never ends: the client's timeout must fire. The server closes it on teardown.
    });
    await server.listen(0);
  });
  after(() => server.close());

  const client = () => new HttpClient({ provider: 'vurbo', retry: { maxRetries: 4, baseDelayMs: 2, maxDelayMs: 20 }, timeoutMs: 3000 });

  it('rides out a 429 storm honouring Retry-After, without losing a request', async () => {
    const n = scaled(60);
    const random = rng();
    for (let i = 0; i < n; i++)
      server.addFault({ path: `/item/s${i}$`, status: 429, retryAfterSeconds: 0.01 + random() * 0.04, times: 1 + Math.floor(random() * 3) });
    const results = await Promise.allSettled(Array.from({ length: n }, (_, i) => client().json<{ id: string }>({ url: `${server.origin}/item/s${i}` })));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    record('429 storm (Retry-After)', { injected: n, recovered: ok, lost: n - ok });
    assert.equal(ok, n);
  });

  it('retries 5xx bursts for GET, never re-sends a POST', async () => {
    const n = scaled(40);
    const random = rng(7);
    for (let i = 0; i < n; i++) {
      const status = [500, 502, 503, 504][Math.floor(random() * 4)];
      server.addFault({ path: `/item/b${i}$`, status, times: 1 + Math.floor(random() * 3) });
      server.addFault({ path: `/create/b${i}$`, status, times: 1 });
    }
    const gets = await Promise.allSettled(Array.from({ length: n }, (_, i) => client().json({ url: `${server.origin}/item/b${i}` })));
    const posts = await Promise.allSettled(
      Array.from({ length: n }, (_, i) => client().json({ method: 'POST', url: `${server.origin}/create/b${i}`, json: {} })),
    );
    const recovered = gets.filter((r) => r.status === 'fulfilled').length;
    record('5xx burst (GET retried)', { injected: n, recovered, lost: n - recovered });
    const postsFailedCleanly = posts.every((r) => r.status === 'rejected' && r.reason instanceof ApiError && r.reason.status! >= 500);
    record('5xx on POST (not re-sent)', { injected: n, recovered: postsFailedCleanly ? n : 0, note: 'surfaced to the user, never duplicated' });
    assert.ok(postsFailedCleanly);
    for (let i = 0; i < n; i++) assert.equal(hits.get(`post:b${i}`) ?? 0, 0, 'a failed POST must not be re-sent');
  });

  it('turns proxy HTML pages into a clear, retried error', async () => {
    const n = scaled(20);
    for (let i = 0; i < n; i++)
      server.addFault({
        path: `/item/h${i}$`,
        status: 502,
        body: '<!doctype html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
        times: 2,
      });
    const results = await Promise.allSettled(Array.from({ length: n }, (_, i) => client().json({ url: `${server.origin}/item/h${i}` })));
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    record('502 HTML proxy page', { injected: n, recovered: ok, lost: n - ok });
    assert.equal(ok, n);
    server.addFault({ path: '/item/hx$', status: 502, body: '<html><title>502 Bad Gateway</title></html>', times: 10 });
    await assert.rejects(client().json({ url: `${server.origin}/item/hx` }), (e: ApiError) => e.code === 'bad_gateway' && /502 Bad Gateway/.test(e.message));
  });

  it('never retries a fatal auth error', async () => {
    const n = scaled(20);
    const results = await Promise.allSettled(Array.from({ length: n }, (_, i) => client().json({ url: `${server.origin}/fatal/${i}` })));
    assert.ok(results.every((r) => r.status === 'rejected' && (r.reason as ApiError).code === 'auth_invalid_api_key'));
    for (let i = 0; i < n; i++) assert.equal(hits.get(`fatal:${i}`), 1, 'auth errors are sent once');
    record('401 fatal auth (no retry)', { injected: n, recovered: n, note: 'each sent exactly once' });
  });

  it('reports truncated JSON and stalled bodies as errors, not crashes', async () => {
    await assert.rejects(client().json({ url: `${server.origin}/truncated` }), (e: ApiError) => e.code === 'unexpected_response');
    await assert.rejects(client().json({ url: `${server.origin}/stall`, timeoutMs: 300, maxRetries: 0 }), (e: ApiError) => e.code === 'timeout');
    record('truncated JSON / stalled body', { injected: 2, recovered: 2, note: 'clear error, nothing hung' });
  });
});
