// Vurbo history SSE streams from the emulator, through the one SSE client (core/vurbo/sse.ts), under
// faults: each stream cut at random bytes (1–3 times), a 401 on the reconnect after a cut, stalls (the
// server goes silent without closing), malformed events. Every sentence must arrive exactly once and
// in order; a fatal auth error must stop the stream at once; nothing may be left running.
import assert from 'node:assert/strict';
import http from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ApiError } from '../../src/core/errors';
import { HttpClient } from '../../src/core/http/client';
import type { TranscriptEvent } from '../../src/core/transcript/model';
import type { ApiEndpoint } from '../../src/core/endpoint';
import { streamHistory, type SseConnectionState } from '../../src/core/vurbo/sse';
import { startEmulator, type Emulator } from '../../src/emulator/index';
import { vurboError } from '../../src/emulator/server';
import { CHAOS_SEED, record, rng, scaled } from './ledger';

/** At least 200 streams are cut even at CI scale. */
const CUT_STREAMS = Math.max(200, scaled(400));
const CONCURRENCY = 25;
const fast = { reconnectDelay: { baseDelayMs: 2, maxDelayMs: 20 } };

interface Collected {
  events: TranscriptEvent[];
  states: SseConnectionState[];
  onEvent(e: TranscriptEvent): void;
  onConnection(s: SseConnectionState): void;
}

function collector(): Collected {
  const events: TranscriptEvent[] = [];
  const states: SseConnectionState[] = [];
  return { events, states, onEvent: (e) => events.push(e), onConnection: (s) => states.push(s) };
}

const finalSids = (events: TranscriptEvent[]) => events.flatMap((e) => (e.kind === 'segment' && e.segment.final ? [e.segment.sid] : []));
const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** Runs `task(i)` for i in 0..n-1, at most `limit` at a time. */
async function pool<T>(n: number, limit: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      out[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
  return out;
}

describe('chaos: Vurbo history SSE streams', function () {
  this.timeout(120_000);
  let emu: Emulator;
  let endpoint: ApiEndpoint;

  before(async () => {
    emu = await startEmulator({ seed: false });
    endpoint = {
      baseUrl: emu.vurboBaseUrl,
      key: emu.keys.vurbo,
      http: new HttpClient({ provider: 'vurbo', retry: { baseDelayMs: 2, maxDelayMs: 20, maxRetries: 2 }, timeoutMs: 5000 }),
    };
  });
  after(() => emu.close());

  const historyPath = (id: string) => `/api/v1/sse/history/transcribe/${id}`;
  const requestsFor = (id: string) => emu.server.accessLog.filter((e) => e.url.startsWith(historyPath(id))).length;

  /** The whole stream's size in bytes, read once without faults (no pooled socket left behind). */
  const streamBytes = (id: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.get(`${emu.origin}${historyPath(id)}`, { agent: false, headers: { 'x-api-key': emu.keys.vurbo } }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () => resolve(n));
        res.on('error', reject);
      });
      req.on('error', reject);
    });

  it(`delivers every sentence exactly once and in order from ${CUT_STREAMS} streams each cut at random bytes; a 401 on a reconnect stops at once`, async () => {
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    let cutsFired = 0;
    let cutsRecovered = 0;
    let cutsLost = 0;
    let authStreams = 0;
    let authStoppedAtOnce = 0;
    let authRetried = 0;
    let maxCutsInOneStream = 0;
    const started = Date.now();
    await pool(CUT_STREAMS, CONCURRENCY, async (i) => {
      // One generator per stream, so the plan does not depend on how the streams interleave.
      const random = rng(CHAOS_SEED + i);
      const sentences = 20 + Math.floor(random() * 41);
      const id = emu.vurbo.createBigTask(endpoint.key, sentences, { targetLangs: random() < 0.5 ? ['ja-JP'] : ['ja-JP', 'de-DE'] });
      const full = await streamBytes(id);
      const path = historyPath(id);
      const before = requestsFor(id);
      // Every 10th stream: one cut, then the reconnect is refused with a fatal 401 (key revoked meanwhile).
      const authCase = i % 10 === 9;
      const cuts = authCase ? 1 : 1 + Math.floor(random() * 3);
      const faults = Array.from({ length: cuts }, () => emu.server.addFault({ path, dropAfterBytes: 1 + Math.floor(random() * (full - 1)) }));
      if (authCase) {
        emu.server.addFault({
          path,
          status: 401,
          body: JSON.stringify(vurboError('auth_invalid_api_key', 'Invalid API key', 'fatal', { context: 'auth' })),
          contentType: 'application/json; charset=utf-8',
        });
      }
      const c = collector();
      let outcome: Awaited<ReturnType<typeof streamHistory>> | undefined;
      let failure: unknown;
      try {
        outcome = await streamHistory(endpoint, id, { ...fast, maxReconnects: 10, ...c });
      } catch (e) {
        failure = e;
      }
      const fired = faults.reduce((n, f) => n + (f.fired ?? 0), 0);
      const sids = finalSids(c.events);
      if (authCase) {
        authStreams++;
        const requests = requestsFor(id) - before;
        assert.ok(failure instanceof ApiError && failure.code === 'auth_invalid_api_key', `stream ${i}: the 401 surfaces (${String(failure)})`);
        assert.equal(failure.endsSession, true);
        assert.equal(requests, 2, `stream ${i}: the cut connection and the refused reconnect, nothing after`);
        assert.deepEqual(sids, range(1, sids.length), `stream ${i}: what arrived before the 401 is a prefix, once each`);
        if (requests === 2) authStoppedAtOnce++;
        else authRetried++;
        cutsFired += fired;
        cutsRecovered += fired; // the cut itself was ridden out: the reconnect happened, and was refused
        return;
      }
      assert.equal(failure, undefined, `stream ${i}: ${String(failure)}`);
      maxCutsInOneStream = Math.max(maxCutsInOneStream, fired);
      cutsFired += fired;
      const exact = outcome!.reason === 'done' && sids.length === sentences && sids.every((sid, k) => sid === k + 1);
      if (exact) cutsRecovered += fired;
      else cutsLost += Math.max(1, sentences - new Set(sids).size);
      assert.equal(outcome!.reason, 'done', `stream ${i}`);
      assert.deepEqual(sids, range(1, sentences), `stream ${i}: every sentence once, in order`);
      assert.equal(c.events.filter((e) => e.kind === 'meta').length, 1, `stream ${i}: metadata once`);
      assert.equal(c.events.filter((e) => e.kind === 'summary').length, 1, `stream ${i}: summary once`);
      assert.equal(c.events.filter((e) => e.kind === 'raw').length, 0, `stream ${i}: a torn event is never surfaced`);
      assert.equal(outcome!.reconnects, fired, `stream ${i}: one reconnect per cut that fired`);
    });
    lag.disable();
    const maxLagMs = lag.max / 1e6;
    record('SSE cut at a random byte', {
      injected: cutsFired,
      recovered: cutsRecovered,
      lost: cutsLost,
      note: `${CUT_STREAMS} streams, ≤${maxCutsInOneStream} cuts each, ${((Date.now() - started) / 1000).toFixed(1)} s, event loop max ${maxLagMs.toFixed(0)} ms`,
    });
    record('SSE 401 on reconnect (fatal)', { injected: authStreams, recovered: authStoppedAtOnce, lost: authRetried, note: 'stopped at once, never retried' });
    assert.ok(cutsFired >= CUT_STREAMS, `the faults really cut the streams (${cutsFired} cuts fired)`);
    assert.equal(cutsLost, 0);
    assert.equal(authRetried, 0);
    assert.ok(maxLagMs < 1000, `the event loop stayed responsive (max delay ${maxLagMs.toFixed(0)} ms)`);
  });

  it('detects stalls (server silent, connection open) with the idle timeout and resumes without loss', async () => {
    const n = scaled(40);
    const idleTimeoutMs = 250;
    let recovered = 0;
    const started = Date.now();
    await pool(n, CONCURRENCY, async (i) => {
      const random = rng(CHAOS_SEED + 10_000 + i);
      const sentences = 10 + Math.floor(random() * 21);
      const id = emu.vurbo.createBigTask(endpoint.key, sentences);
      const path = historyPath(id);
      // Stall after some events; every third stream stalls twice (after the resume too).
      emu.server.addFault({ path, stallAfterEvents: 2 + Math.floor(random() * sentences) });
      const stalls = i % 3 === 0 ? 2 : 1;
      if (stalls === 2) emu.server.addFault({ path, stallAfterEvents: 2 + Math.floor(random() * 2) });
      const c = collector();
      const out = await streamHistory(endpoint, id, { ...fast, idleTimeoutMs, ...c });
      assert.equal(out.reason, 'done', `stall ${i}`);
      assert.deepEqual(finalSids(c.events), range(1, sentences), `stall ${i}: every sentence once, in order`);
      const stalled = c.states.filter((s) => s.state === 'reconnecting' && s.error.code === 'stream_stalled').length;
      assert.equal(stalled, stalls, `stall ${i}: each stall was detected by the idle timeout`);
      recovered += stalled;
    });
    const injected = n + Math.ceil(n / 3);
    record('SSE stall (idle timeout → reconnect)', {
      injected,
      recovered,
      lost: injected - recovered,
      note: `${n} streams, idle timeout ${idleTimeoutMs} ms, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    });
    assert.equal(recovered, injected);
  });

  it('shows a malformed event raw (never dropped silently, never fatal) and delivers every other sentence once, in order', async () => {
    const n = scaled(40);
    let shown = 0;
    await pool(n, CONCURRENCY, async (i) => {
      const random = rng(CHAOS_SEED + 20_000 + i);
      const sentences = 10 + Math.floor(random() * 21);
      const id = emu.vurbo.createBigTask(endpoint.key, sentences);
      const path = historyPath(id);
      // Wire events: 0 connected, 1 init_metadata, 2… the sentences (sid = index - 1).
      const bad = 2 + Math.floor(random() * sentences);
      // Half of them are also cut a little later: the replay after the cut must not bring the bad one back.
      const cut = i % 2 === 0 ? { dropAfterEvents: bad + 1 + Math.floor(random() * 3) } : {};
      emu.server.addFault({ path, malformedEventAt: bad, ...cut });
      const c = collector();
      const out = await streamHistory(endpoint, id, { ...fast, ...c });
      assert.equal(out.reason, 'done', `malformed ${i}`);
      const badSid = bad - 1;
      assert.deepEqual(
        finalSids(c.events),
        range(1, sentences).filter((s) => s !== badSid),
        `malformed ${i}: the others once, in order`,
      );
      const raw = c.events.filter((e) => e.kind === 'raw') as Extract<TranscriptEvent, { kind: 'raw' }>[];
      assert.equal(raw.length, 1, `malformed ${i}: shown raw exactly once`);
      assert.equal(raw[0].event, 'entry (unreadable: invalid JSON)');
      assert.ok(raw[0].data.startsWith(`{"sid":${badSid},`), raw[0].data);
      shown++;
    });
    record('SSE malformed event', { injected: n, recovered: shown, lost: n - shown, note: 'shown raw with a note; stream goes on' });
    assert.equal(shown, n);
  });
});
