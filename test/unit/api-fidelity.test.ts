// The client against a server that differs from the sandbox where the docs are silent, through the
// emulator's knobs: flat REST error bodies, every documented auth error with its status, auth and
// budget errors inside streams, a bare 401 on the WebSocket upgrade, and a live server that answers
// ping frames but not the JSON `health`. (SSE without ids: sse-replay.test.ts.)
import assert from 'node:assert/strict';
import { VurboClient } from '../../src/core/vurbo/client';
import type { LiveSessionEvent } from '../../src/core/vurbo/live';
import type { LiveStartParams } from '../../src/core/vurbo/liveProtocol';
import { streamHistory, runSseStream } from '../../src/core/vurbo/sse';
import type { Clock } from '../../src/core/vurbo/wav';
import { realClock } from '../../src/core/vurbo/wav';
import { generateVurboKey } from '../../src/emulator/keys';
import { SseWriter } from '../../src/emulator/sse';
import { recordedSession, startLiveFixture, until, type LiveFixture } from './live-fixture';
import { rejects, startVurboFixture, type VurboFixture } from './vurbo-fixture';

const fast = { reconnectDelay: { baseDelayMs: 5, maxDelayMs: 20 } };

describe('API fidelity: REST errors in the shapes and codes the docs allow', () => {
  let f: VurboFixture | undefined;
  afterEach(() => f?.close());

  for (const shape of ['unified', 'flat'] as const) {
    it(`maps every seed authentication error, with its documented status, from ${shape} bodies`, async () => {
      const failures = { auth_key_expired: 401, auth_key_disabled: 401, auth_user_disabled: 403, auth_budget_exceeded: 402 } as const;
      const keys = Object.fromEntries(Object.keys(failures).map((code) => [code, generateVurboKey()]));
      f = await startVurboFixture({
        vurboErrorShape: shape,
        vurboKeyFailures: Object.fromEntries(Object.entries(keys).map(([code, key]) => [key, code as keyof typeof failures])),
      });
      const actions: Record<string, string> = {};
      for (const [code, status] of Object.entries(failures)) {
        const client = new VurboClient({ ...f.endpoint, key: keys[code] });
        const err = await rejects(client.listTasks('all'), code);
        assert.equal(err.status, status, code);
        actions[code] = err.action;
      }
      // A disabled key or user is a case for support: another key does not help.
      assert.deepEqual(actions, {
        auth_key_expired: 'setKey',
        auth_key_disabled: 'contactSupport',
        auth_user_disabled: 'contactSupport',
        auth_budget_exceeded: 'checkBudget',
      });
      const body = await fetch(`${f.emulator.vurboBaseUrl}/api/v1/tasks`, { headers: { 'x-api-key': keys.auth_user_disabled } }).then((r) => r.json());
      assert.deepEqual(Object.keys(body as object).sort(), shape === 'flat' ? ['error_code', 'message'] : ['data', 'type']);
    });
  }

  it('an SSE connection refused for a disabled user is not retried and keeps its action', async () => {
    const key = generateVurboKey();
    f = await startVurboFixture({ vurboKeyFailures: { [key]: 'auth_user_disabled' } });
    const t = await f.task('Weekly product review');
    const mark = f.mark();
    const err = await rejects(streamHistory({ ...f.endpoint, key }, t.taskId, { ...fast, onEvent: () => undefined }), 'auth_user_disabled');
    assert.equal(err.action, 'contactSupport');
    assert.equal(f.requestsSince(mark, '/api/v1/sse/').length, 1);
  });
});

describe("API fidelity: an auth or budget error inside a stream gets the catalogue's action", () => {
  let f: VurboFixture;
  beforeEach(async () => (f = await startVurboFixture()));
  afterEach(() => f.close());

  for (const [code, action] of [
    ['auth_budget_exceeded', 'checkBudget'],
    ['auth_key_disabled', 'contactSupport'],
    ['auth_key_expired', 'setKey'],
  ] as const) {
    it(`an SSE error event ${code} (severity "error", no HTTP status) ends the stream with ${action}, not "try again later"`, async () => {
      f.emulator.server.route('GET', `/api/v1/sse/test/${code}`, (ctx) => {
        const w = new SseWriter(ctx.res);
        w.send('entry', { sid: 1, text: 'one' }, 1);
        w.send('error', { type: 'error', data: { error_code: code, severity: 'error', message: 'from the stream' } }, 2);
        w.send('entry', { sid: 2, text: 'never shown' }, 3);
        w.end();
      });
      const err = await rejects(runSseStream(f.endpoint, { kind: 'history', path: `/sse/test/${code}` }, { ...fast, onEvent: () => undefined }), code);
      assert.equal(err.action, action);
      assert.equal(err.endsSession, true);
    });
  }
});

describe('API fidelity: live sessions', () => {
  let fx: LiveFixture;
  beforeEach(async () => {
    fx = await startLiveFixture();
    fx.live.settings.finishStepMs = 10;
  });
  afterEach(() => fx.close());
  const params: LiveStartParams = { type: 'transcribe', transcriptionLanguages: ['en-US'], translationLanguages: [] };

  it('a live-session error frame with auth_key_disabled fails the session with contactSupport', async () => {
    fx.live.failSessionAfter(1, 'auth_key_disabled');
    const { s } = await recordedSession(fx, params, 6);
    await s.start();
    const outcome = await s.done;
    assert.equal(outcome.state, 'failed');
    assert.equal(outcome.error?.code, 'auth_key_disabled');
    assert.equal(outcome.error?.action, 'contactSupport');
  });

  it('an upgrade refused with a bare HTTP 401 and no body, just after the ticket was issued, is retried with a fresh ticket', async () => {
    fx.server.addFault({ path: '/ws', status: 401, times: 1 });
    const { s } = await recordedSession(fx, params, 2.1);
    await s.start();
    const outcome = await s.done;
    assert.equal(outcome.state, 'completed', outcome.error?.message);
    assert.equal(fx.live.ticketsIssued.length, 2, 'a second ticket was fetched');
  });

  it('a paused session stays connected to a server that answers ping frames but not the JSON health', async () => {
    fx.live.settings.answerHealth = false;
    // A clock 20× faster than real time, so the liveness limit (two heartbeats + 5 s) passes quickly.
    const start = realClock.now();
    const clock: Clock = { now: () => start + (realClock.now() - start) * 20, sleep: (ms, signal) => realClock.sleep(ms / 20, signal) };
    const { s, events } = await recordedSession(fx, params, 30, { heartbeatMs: 50, clock });
    await s.start();
    s.pause();
    // 40 unanswered health messages: 40 × 50 ms × 20 = 40 s on the session's clock, far past the limit.
    await until(() => (fx.live.received.health ?? 0) >= 40, 10_000, '40 heartbeats');
    const reconnects = events.filter((e: LiveSessionEvent) => e.type === 'state' && e.state === 'reconnecting');
    assert.deepEqual(reconnects, [], 'the session was not cut');
    assert.equal(fx.live.ticketsIssued.length, 1);
    s.cancel();
    await s.done;
  });
});
