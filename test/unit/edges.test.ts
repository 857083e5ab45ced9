// Bad input at the edges, over real sockets: a 50 MB result body, a body over the limit, and a
// 10,000-task list — each read or refused with a clear error, nothing left hanging.
import assert from 'node:assert/strict';
import { ApiError } from '../../src/core/errors';
import { HttpClient } from '../../src/core/http/client';
import { EmulatorServer } from '../../src/emulator/server';
import { startVurboFixture } from './vurbo-fixture';

describe('edges: huge bodies and long lists', function () {
  this.timeout(30_000);
  let server: EmulatorServer;
  // ~50 MB of core-metadata-like JSON, built once and streamed in 1 MB writes.
  const detection = JSON.stringify({ t: 'human.face', occs: [{ ss: 1.2, se: 3.4, c_max: 0.97 }], a: { gender: { c: 'female' } } });
  const perChunk = Math.floor((1024 * 1024) / (detection.length + 1));
  const chunk = Array.from({ length: perChunk }, () => detection).join(',');
  const CHUNKS = 50;

  before(async () => {
    server = new EmulatorServer();
    server.route('GET', '/big', (ctx) => {
      ctx.res.writeHead(200, { 'content-type': 'application/json' });
      ctx.res.write('{"detections":[');
      for (let i = 0; i < CHUNKS; i++) ctx.res.write(i ? `,${chunk}` : chunk);
      ctx.res.end(']}');
    });
    await server.listen(0);
  });
  after(() => server.close());

  it('reads a 50 MB JSON result body', async () => {
    const http = new HttpClient({ provider: 'valossa', timeoutMs: 20_000 });
    const res = await http.json<{ detections: unknown[] }>({ url: `${server.origin}/big` });
    assert.equal(res.body.detections.length, perChunk * CHUNKS);
  });

  it('refuses a body over the limit with a clear error instead of filling memory', async () => {
    const http = new HttpClient({ provider: 'valossa', timeoutMs: 20_000 });
    await assert.rejects(http.json({ url: `${server.origin}/big`, maxBodyBytes: 8 * 1024 * 1024 }), (e: ApiError) => {
      assert.equal(e.code, 'too_large');
      assert.match(e.message, /larger than the configured limit/);
      return true;
    });
  });

  it('lists 10,000 Vurbo tasks', async () => {
    const f = await startVurboFixture();
    try {
      f.emulator.vurbo.createTasks(f.key, 10_000);
      const tasks = await f.client.listTasks('all');
      assert.ok(tasks.length >= 10_000);
      assert.equal(tasks.filter((t) => t.title.startsWith('Bench task ')).length, 10_000);
    } finally {
      await f.close();
    }
  });
});
