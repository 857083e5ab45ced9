// Live sessions (core/vurbo/live/) against the emulated Vurbo WebSocket, with the server dropping
// the socket mid-session again and again, tickets that expire between issue and use, and a key revoked
// while reconnecting. Every final sentence must arrive exactly once and in order, every connection must
// use a fresh ticket, and nothing may be left open.
import assert from 'node:assert/strict';
import { ApiError } from '../../src/core/errors';
import type { LiveSessionEvent } from '../../src/core/vurbo/live';
import type { LiveStartParams } from '../../src/core/vurbo/liveProtocol';
import { vurboError, type Fault, type FaultSpec } from '../../src/emulator/server';
import { sentenceFor } from '../../src/emulator/vurbo/liveScript';
import { recordedSession, startLiveFixture, until, type LiveFixture } from '../unit/live-fixture';
import { CHAOS_SEED, record, rng, scaled } from './ledger';

// Long enough that a ticket used at once never expires on a slow machine; the delayed upgrade outlasts it.
const TICKET_TTL_MS = 1000;
/** Server-side closes across all sessions (bounded): 30 at CI scale, 60 at full scale. */
const CLOSES = scaled(60);
const CLOSES_PER_SESSION = 3;
const SESSIONS = Math.ceil(CLOSES / CLOSES_PER_SESSION);

const params: LiveStartParams = { type: 'transcribe', transcriptionLanguages: ['en-US'], translationLanguages: ['de-DE'], summaryTemplate: 'meeting' };

const finals = (events: LiveSessionEvent[]) =>
  events.flatMap((e) => (e.type === 'transcript' && e.event.kind === 'segment' && e.event.segment.final ? [e.event.segment] : []));

describe('chaos: live WebSocket sessions', function () {
  this.timeout(120_000);
  let fx: LiveFixture;

  before(async () => {
    fx = await startLiveFixture({ ticketTtlMs: TICKET_TTL_MS, seed: false });
    // Short sentences so each connection carries several before it is cut.
    fx.live.settings.sentenceMs = 400;
    fx.live.settings.partialEveryMs = 100;
    fx.live.settings.finishStepMs = 10;
  });
  after(() => fx.close());

  const newSession = (seconds: number) => recordedSession(fx, params, seconds, { reconnect: { baseDelayMs: 10, maxDelayMs: 50 }, handshakeTimeoutMs: 5_000 });

  it(`survives ${CLOSES} server-side closes and expired tickets across ${SESSIONS} sessions: finals once, in order, a fresh ticket per connection`, async () => {
    const random = rng(CHAOS_SEED + 30_000);
    let closesFired = 0;
    let closesRecovered = 0;
    let expiredInjected = 0;
    let expiredRecovered = 0;
    let lostSentences = 0;
    for (let i = 0; i < SESSIONS; i++) {
      const issuedBefore = fx.live.ticketsIssued.length;
      const presentedBefore = fx.live.ticketsPresented.length;
      const tasksBefore = fx.sink.tasks.size;
      // The connections of this session, in order: CLOSES_PER_SESSION drops after a random number of
      // server messages, and in every other session one connection whose ticket expires before the
      // upgrade is looked at (a delay longer than the ticket's lifetime).
      const plan: ('close' | 'expire')[] = Array.from({ length: CLOSES_PER_SESSION }, () => 'close');
      if (i % 2 === 1) plan.splice(Math.floor(random() * (plan.length + 1)), 0, 'expire');
      const faults: Fault[] = plan.map((kind) =>
        kind === 'close'
          ? fx.server.addFault({ path: '/ws', closeAfterMessages: 3 + Math.floor(random() * 18) })
          : fx.server.addFault({ path: '/ws', delayMs: TICKET_TTL_MS + 300 }),
      );
      const expiring = plan.filter((k) => k === 'expire').length;
      expiredInjected += expiring;

      const { s, events } = await newSession(4 + random() * 2);
      await s.start();
      const outcome = await s.done;
      fx.server.clearFaults();
      assert.equal(outcome.state, 'completed', `session ${i}: ${outcome.error?.message}`);

      const fired = faults.filter((f, k) => plan[k] === 'close' && (f.fired ?? 0) > 0).length;
      closesFired += fired;
      const heard = fx.live.sentencesOf(outcome.taskId!);
      const got = finals(events);
      const exact = got.length === heard.length && got.every((seg, k) => seg.sid === k + 1 && seg.text === sentenceFor(k, 'en-US'));
      if (exact) closesRecovered += fired;
      else lostSentences += Math.max(1, Math.abs(heard.length - got.length));
      assert.ok(heard.length >= 8, `session ${i}: the server heard the audio (${heard.length} sentences)`);
      assert.deepEqual(
        got.map((x) => x.sid),
        heard.map((x) => x.sid),
        `session ${i}: every final once, in order`,
      );
      assert.deepEqual(
        got.map((x) => x.text),
        heard.map((_, k) => sentenceFor(k, 'en-US')),
        `session ${i}: the transcript is the server's`,
      );
      assert.deepEqual(
        s.transcript.segments.filter((x) => x.final).map((x) => x.sid),
        heard.map((x) => x.sid),
        `session ${i}: the transcript's finals`,
      );
      assert.equal(fx.sink.tasks.size, tasksBefore + 1, `session ${i}: every reconnect continued the same task`);

      const issued = fx.live.ticketsIssued.slice(issuedBefore);
      const presented = fx.live.ticketsPresented.slice(presentedBefore);
      assert.deepEqual(presented, issued, `session ${i}: each connection presented the ticket fetched for it`);
      assert.equal(new Set(presented).size, presented.length, `session ${i}: no ticket used twice`);
      // One connection per fault that ended a connection, plus the last, clean one.
      assert.equal(presented.length, fired + expiring + 1, `session ${i}: connections`);
      const notes = events.flatMap((e) => (e.type === 'note' ? [e.text] : []));
      if (expiring) {
        assert.ok(
          notes.some((n) => /ticket expired/.test(n)),
          `session ${i}: the expired ticket was named:\n${notes.join('\n')}`,
        );
        expiredRecovered += expiring;
      }
      await until(() => fx.live.openConnections === 0, 5000, `session ${i}: server-side sockets closed`);
    }
    record('WebSocket closed by the server', {
      injected: closesFired,
      recovered: closesRecovered,
      lost: lostSentences,
      note: `${SESSIONS} sessions; finals once, in order`,
    });
    record('live ticket expired before use', {
      injected: expiredInjected,
      recovered: expiredRecovered,
      lost: expiredInjected - expiredRecovered,
      note: 'new ticket, same task',
    });
    assert.ok(closesFired >= CLOSES * 0.8, `the faults really closed sockets (${closesFired} of ${CLOSES} planned)`);
    assert.equal(lostSentences, 0);
  });

  it('a key revoked while reconnecting ends the session at once with the auth error (one ticket request, no retry)', async () => {
    const n = scaled(6);
    let stopped = 0;
    for (let i = 0; i < n; i++) {
      fx.server.addFault({ path: '/ws', closeAfterMessages: 6 + i });
      // The key is revoked while the session is away: the ticket request of the reconnect gets a 401.
      const revoked: FaultSpec = {
        path: '/api/v1/auth/ticket',
        method: 'POST',
        status: 401,
        body: JSON.stringify(vurboError('auth_invalid_api_key', 'Invalid API key', 'fatal', { context: 'auth' })),
        contentType: 'application/json; charset=utf-8',
      };
      const { s, events } = await newSession(3);
      const ticketRequests = () => fx.server.accessLog.filter((e) => e.url === '/api/v1/auth/ticket').length;
      const before = ticketRequests();
      s.onEvent((e) => {
        if (e.type === 'state' && e.state === 'reconnecting') fx.server.addFault(revoked);
      });
      await s.start();
      const outcome = await s.done;
      fx.server.clearFaults();
      assert.equal(outcome.state, 'failed');
      assert.ok(outcome.error instanceof ApiError);
      assert.equal(outcome.error.code, 'auth_invalid_api_key', outcome.error.message);
      assert.equal(ticketRequests() - before, 2, 'the first ticket, then the refused one; never asked again');
      const got = finals(events).map((x) => x.sid);
      assert.deepEqual(
        got,
        Array.from({ length: got.length }, (_, k) => k + 1),
        'what arrived before is once each, in order',
      );
      assert.ok(events.some((e) => e.type === 'transcript' && e.event.kind === 'end'));
      await until(() => fx.live.openConnections === 0, 5000, 'server-side sockets closed');
      stopped++;
    }
    record('live 401 on ticket while reconnecting', { injected: n, recovered: stopped, lost: n - stopped, note: 'fatal: ended at once, not retried' });
  });
});
