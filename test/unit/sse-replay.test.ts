// A history stream from a server that differs from the sandbox where the docs are silent: no `id:`
// lines (so a reconnect gets the whole stream again) and an end by closing, or by a terminal event
// under a name the client does not know. The client must follow it to its end once, not replay it
// without end, and show each sentence and each raw event once.
import assert from 'node:assert/strict';
import type { TranscriptEvent } from '../../src/core/transcript/model';
import { streamHistory, type SseConnectionState } from '../../src/core/vurbo/sse';
import { startVurboFixture, type VurboFixture } from './vurbo-fixture';

const fast = { reconnectDelay: { baseDelayMs: 5, maxDelayMs: 20 } };

for (const sseEnd of ['close', 'unknownTerminal'] as const) {
  describe(`SSE history without ids that ends by ${sseEnd === 'close' ? 'closing' : 'an unknown terminal event'}`, () => {
    let f: VurboFixture;
    beforeEach(async () => (f = await startVurboFixture({ sseIds: false, sseEnd })));
    afterEach(() => f.close());

    it('is downloaded once more at most (one confirming reconnect), never without end', async () => {
      const t = await f.task('Weekly product review');
      const events: TranscriptEvent[] = [];
      const states: SseConnectionState[] = [];
      const abort = new AbortController();
      // A replay loop would run until this bound; the stream has to end well before it by itself.
      const guard = setTimeout(() => abort.abort(), 5000);
      const out = await streamHistory(f.endpoint, t.taskId, {
        ...fast,
        signal: abort.signal,
        onEvent: (e) => events.push(e),
        onConnection: (s) => states.push(s),
      });
      clearTimeout(guard);
      assert.notEqual(out.reason, 'cancelled', `the stream never ended by itself (${out.reconnects} reconnects)`);
      assert.ok(out.reconnects <= 1, `${out.reconnects} reconnects`);
      const requests = f.emulator.server.accessLog.filter((e) => e.url.includes('/sse/history/')).length;
      assert.ok(requests <= 2, `${requests} downloads of the history`);
      const sids = events.flatMap((e) => (e.kind === 'segment' ? [e.segment.sid] : []));
      assert.deepEqual(sids, [1, 2, 3, 4, 5, 6, 7, 8], 'every sentence once');
      assert.equal(events.filter((e) => e.kind === 'summary').length, 1);
      const raws = events.filter((e) => e.kind === 'raw').map((e) => (e as Extract<TranscriptEvent, { kind: 'raw' }>).event);
      assert.deepEqual(raws, sseEnd === 'unknownTerminal' ? ['stream_end'] : [], 'a raw event is shown once, not again on the replay');
    });
  });
}
