// Two emulators in one process share nothing: a live session, its ticket, its task and a broadcast
// (with its viewers) on one are invisible on the other, even with the same sandbox key.
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { LIVE_PCM_BYTES_PER_MS } from '../../src/core/vurbo/liveProtocol';
import { startEmulator, type Emulator } from '../../src/emulator/index';
import { generateVurboKey } from '../../src/emulator/keys';
import { SEEDED_BROADCASTS } from '../../src/emulator/vurbo/broadcastRecords';

describe('Two emulators in one process', () => {
  const key = generateVurboKey();
  let a: Emulator;
  let b: Emulator;
  const headers = { 'x-api-key': key, 'content-type': 'application/json' };
  const ticketFrom = async (emu: Emulator) =>
    ((await (await fetch(`${emu.origin}/api/v1/auth/ticket`, { method: 'POST', headers })).json()) as { ticket: string }).ticket;
  const connect = (emu: Emulator, ticket: string) => new WebSocket(`ws://127.0.0.1:${emu.port}/ws`, [`ticket.${ticket}`]);

  beforeEach(async () => {
    a = await startEmulator({ keys: { vurbo: key } });
    b = await startEmulator({ keys: { vurbo: key } });
    a.live.settings.sentenceMs = 200;
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });

  it('keeps tickets, live sessions and their tasks to the emulator that made them', async () => {
    const ticketOfA = await ticketFrom(a);
    const refused = await new Promise<number>((resolve) =>
      connect(b, ticketOfA)
        .on('error', () => undefined)
        .on('unexpected-response', (req, res) => {
          req.destroy();
          resolve(res.statusCode ?? 0);
        }),
    );
    assert.equal(refused, 401, "the other emulator does not know this emulator's ticket");
    assert.equal(b.live.ticketsIssued.length, 0);

    const ws = connect(a, await ticketFrom(a));
    const messages: { data: { action: string; task_id?: string; is_final?: boolean } }[] = [];
    ws.on('message', (m) => messages.push(JSON.parse(String(m))));
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'voice-translation', data: { action: 'start', type: 'transcribe', transcription_languages: ['en-US'] } }));
    await until(() => messages.some((m) => m.data.action === 'session_started'));
    const taskId = messages.find((m) => m.data.action === 'session_started')!.data.task_id!;
    ws.send(JSON.stringify({ type: 'voice-translation', data: { action: 'audio', audio: Buffer.alloc(LIVE_PCM_BYTES_PER_MS * 500).toString('base64') } }));
    await until(() => messages.some((m) => m.data.action === 'result' && m.data.is_final));

    assert.equal(a.live.openConnections, 1);
    assert.equal(b.live.openConnections, 0);
    assert.ok(a.live.sentencesOf(taskId).length > 0);
    assert.equal(b.live.sentencesOf(taskId).length, 0);
    assert.ok(a.vurbo.tasksOf(key).some((t) => t.task_id === taskId));
    assert.ok(!b.vurbo.tasksOf(key).some((t) => t.task_id === taskId));
    assert.deepEqual(b.live.received, {});
    ws.close();
  });

  it('keeps broadcasts and their viewers to the emulator that has them', async () => {
    const created = await fetch(`${a.origin}/api/v1/broadcasts`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Only on A', transcription_language: 'en-US' }),
    });
    const { data } = (await created.json()) as { data: { id: string; token: string } };
    assert.equal((await fetch(`${b.origin}/api/v1/broadcasts/${data.id}`, { headers })).status, 404);
    assert.equal((await fetch(`${b.origin}/api/v1/viewer/broadcasts/${data.token}`)).status, 404);
    const listed = (await (await fetch(`${b.origin}/api/v1/broadcasts`, { headers })).json()) as { data: { id: string }[] };
    assert.ok(!listed.data.some((x) => x.id === data.id));

    const { token } = SEEDED_BROADCASTS.public;
    const watching = new AbortController();
    const stream = await fetch(`${a.origin}/broadcast/${token}/text`, { signal: watching.signal });
    assert.equal(stream.status, 200);
    await until(() => a.broadcasts.viewerCount(token) === 1);
    assert.equal(b.broadcasts.viewerCount(token), 0);
    watching.abort();
    await until(() => a.broadcasts.viewerCount(token) === 0);
  });
});

function until(cond: () => boolean, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (cond()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error('timed out'));
      setTimeout(tick, 10);
    };
    tick();
  });
}
