// Resuming a live task after a drop: frames in flight when a connection dies are lost, so the client
// says which final it saw last (`resume_after_sid`, INFERRED) and the server repeats the later ones.
import assert from 'node:assert/strict';
import { fetchTicket, openLiveSocket, type LiveSocket } from '../../src/core/vurbo/live';
import {
  audioAction,
  LIVE_PCM_BYTES_PER_MS,
  parseServerMessage,
  serialize,
  startAction,
  type LiveEvent,
  type LiveStartParams,
} from '../../src/core/vurbo/liveProtocol';
import { startLiveFixture, until, type LiveFixture } from './live-fixture';

describe('live resume: finals lost in flight are repeated', () => {
  let fx: LiveFixture;
  beforeEach(async () => {
    fx = await startLiveFixture();
    fx.live.settings.sentenceMs = 200;
  });
  afterEach(() => fx.close());

  const params: LiveStartParams = { type: 'record', transcriptionLanguages: ['en-US'], translationLanguages: ['de-DE'] };

  async function connect(start: LiveStartParams): Promise<{ ws: LiveSocket; events: LiveEvent[] }> {
    const ws = await openLiveSocket(fx.server.origin, (await fetchTicket(fx.endpoint)).ticket);
    const events: LiveEvent[] = [];
    ws.attach({ message: (text) => events.push(parseServerMessage(text)), close: () => undefined, error: () => undefined });
    ws.send(serialize(startAction(start)));
    await until(() => events.some((e) => e.kind === 'session_started'), 5000, 'session_started');
    return { ws, events };
  }
  const finalSids = (events: LiveEvent[]) => events.flatMap((e) => (e.kind === 'result' && e.result.final ? [e.result.sid] : []));

  it('startAction sends resume_after_sid only with resume_task_id', () => {
    assert.equal(startAction({ ...params, resumeAfterSid: 3 }).data.resume_after_sid, undefined);
    assert.equal(startAction({ ...params, resumeTaskId: 't', resumeAfterSid: 3 }).data.resume_after_sid, 3);
  });

  it('the emulator repeats the finals after resume_after_sid, with their translations', async () => {
    const first = await connect(params);
    const started = first.events.find((e) => e.kind === 'session_started') as Extract<LiveEvent, { kind: 'session_started' }>;
    first.ws.send(serialize(audioAction(new Uint8Array(Math.ceil(4.5 * 200 * LIVE_PCM_BYTES_PER_MS)))));
    await until(() => finalSids(first.events).length === 4, 5000, 'four finals');
    first.ws.terminate();
    await until(() => fx.live.openConnections === 0, 5000, 'closed');

    // The client saw only sid 1 (2–4 were lost in flight): the server repeats 2–4.
    const again = await connect({ ...params, resumeTaskId: started.taskId, resumeAfterSid: 1 });
    await until(() => finalSids(again.events).length === 3, 5000, 'repeated finals');
    assert.deepEqual(finalSids(again.events), [2, 3, 4]);
    const repeated = again.events.filter((e) => e.kind === 'result') as Extract<LiveEvent, { kind: 'result' }>[];
    assert.ok(
      repeated.every((e) => e.result.translations['de-DE']),
      'translations come with them',
    );
    again.ws.terminate();

    // Without the field nothing is repeated (a client that does not dedupe sees no duplicates).
    const plain = await connect({ ...params, resumeTaskId: started.taskId });
    await new Promise((r) => setTimeout(r, 100));
    assert.deepEqual(finalSids(plain.events), []);
    plain.ws.terminate();
  });
});
