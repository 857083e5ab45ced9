import assert from 'node:assert/strict';
import { Agent } from 'undici';
import { ApiError } from '../../src/core/errors';
import { HttpClient } from '../../src/core/http/client';
import { redact } from '../../src/core/redact';
import { LiveSession, type LiveSessionEvent, type LiveSessionOptions } from '../../src/core/vurbo/live';
import type { LiveStartParams } from '../../src/core/vurbo/liveProtocol';
import { sentenceFor, translationFor } from '../../src/emulator/vurbo/liveScript';
import { recordedSession, startLiveFixture, toneSource, until, type LiveFixture } from './live-fixture';

describe('live sessions over a real WebSocket (emulator on 127.0.0.1)', () => {
  let fx: LiveFixture;
  beforeEach(async () => {
    fx = await startLiveFixture();
    fx.live.settings.finishStepMs = 10;
  });
  afterEach(() => fx.close());

  const params: LiveStartParams = {
    type: 'transcribe',
    transcriptionLanguages: ['en-US'],
    translationLanguages: ['ja-JP', 'de-DE'],
    summaryTemplate: 'meeting',
  };

  const session = (seconds: number, extra: Partial<LiveSessionOptions> = {}) => recordedSession(fx, params, seconds, extra);

  const finals = (events: LiveSessionEvent[]) =>
    events.flatMap((e) => (e.type === 'transcript' && e.event.kind === 'segment' && e.event.segment.final ? [e.event.segment] : []));
  const partials = (events: LiveSessionEvent[]) =>
    events.flatMap((e) => (e.type === 'transcript' && e.event.kind === 'segment' && !e.event.segment.final ? [e.event.segment] : []));

  it('streams a WAV file: partial then final results with translations, then stop → task_complete → summary_done', async () => {
    const { s, events } = await session(6.2);
    await s.start();
    assert.ok(s.taskId, 'session_started gave a task id');
    const outcome = await s.done;
    assert.equal(outcome.state, 'completed', outcome.error?.message);
    assert.equal(outcome.processingUnconfirmed, false);

    // 6.2 s of audio at 2 s per sentence: three full sentences and a short tail (< 300 ms) dropped.
    const done = finals(events);
    assert.deepEqual(
      done.map((f) => f.sid),
      [1, 2, 3],
    );
    done.forEach((f, i) => {
      assert.equal(f.text, sentenceFor(i, 'en-US'));
      assert.deepEqual(f.translations, { 'ja-JP': translationFor(i, 'ja-JP', f.text), 'de-DE': translationFor(i, 'de-DE', f.text) });
      assert.equal(f.startMs, i * 2000);
    });
    // Partials come before their final and are prefixes of it.
    const firstFinal = events.findIndex((e) => e.type === 'transcript' && e.event.kind === 'segment' && e.event.segment.final);
    const firstPartial = events.findIndex((e) => e.type === 'transcript' && e.event.kind === 'segment' && !e.event.segment.final);
    assert.ok(firstPartial >= 0 && firstPartial < firstFinal, 'a partial result arrived before the first final');
    for (const p of partials(events)) assert.ok(sentenceFor(p.sid - 1, 'en-US').startsWith(p.text), `partial "${p.text}" is a prefix`);

    assert.match(outcome.summary ?? '', /^Summary \(meeting, 3 sentences\)/);
    const notes = events.filter((e) => e.type === 'note').map((e) => (e as { text: string }).text);
    assert.ok(
      events.some((e) => e.type === 'note' && e.code === 'audio-ended'),
      'the end of the file is noted',
    );
    assert.ok(notes.some((n) => /uploaded/.test(n)));
    assert.ok(notes.some((n) => /completed/.test(n)));

    const task = fx.sink.tasks.get(outcome.taskId!)!;
    assert.deepEqual(task.statuses, ['recording', 'uploading', 'processing', 'completed']);
    assert.equal(task.sentences?.length, 3);
    assert.deepEqual(task.init.sourceLanguages, ['en-US']);
    assert.equal(fx.live.received.stop, 1);
    await until(() => fx.live.openConnections === 0, 2000, 'the server to see the socket close');
  });

  it('hands every server message to the raw tap as it came, session_started first and summary_done among them', async () => {
    const raw: string[] = [];
    const { s } = await session(2.2, { onRawMessage: (text) => raw.push(text) });
    await s.start();
    assert.equal((await s.done).state, 'completed');
    const actions = raw.map((t) => (JSON.parse(t) as { data: { action: string } }).data.action);
    assert.equal(actions[0], 'session_started');
    assert.ok(actions.includes('result') && actions.includes('task_complete') && actions.includes('summary_done'), actions.join(' '));
  });

  it('authenticates the socket with the ticket only: no key in the WebSocket URL or handshake, and the ticket is redacted', async () => {
    const { s } = await session(1);
    await s.start();
    await s.done;
    const upgrades = fx.server.accessLog.filter((e) => e.url.startsWith('/ws'));
    assert.equal(upgrades.length, 1);
    const [up] = upgrades;
    assert.equal(up.url, '/ws');
    assert.equal(up.headers['x-api-key'], undefined);
    assert.equal(up.headers.authorization, undefined);
    assert.ok(!JSON.stringify(up.headers).includes(fx.key), 'the key is in no header of the upgrade');
    assert.ok(!JSON.stringify(up.headers).includes(fx.key.slice(4)), 'not even its body');
    assert.equal(up.headers['sec-websocket-protocol'], `ticket.${fx.live.ticketsIssued[0]}`);
    // The ticket request itself carried the key in its header, never in its URL.
    const ticketReq = fx.server.accessLog.find((e) => e.url.startsWith('/api/v1/auth/ticket'))!;
    assert.equal(ticketReq.headers['x-api-key'], fx.key);
    assert.equal(ticketReq.url, '/api/v1/auth/ticket');
    assert.equal(redact(`subprotocol ticket.${fx.live.ticketsIssued[0]}`), 'subprotocol ticket.****');
  });

  it('a server-side close mid-session reconnects with a fresh ticket, continues the task, and repeats no final sentence', async () => {
    // The 12th server message drops the connection without a close frame.
    fx.server.addFault({ path: '/ws', closeAfterMessages: 12 });
    const { s, events } = await session(8.1);
    await s.start();
    const outcome = await s.done;
    assert.equal(outcome.state, 'completed', outcome.error?.message);

    assert.equal(fx.live.ticketsPresented.length, 2, 'two connections');
    assert.notEqual(fx.live.ticketsPresented[0], fx.live.ticketsPresented[1], 'each connection used a fresh ticket');
    assert.deepEqual(fx.live.ticketsPresented, fx.live.ticketsIssued);
    assert.equal(fx.sink.tasks.size, 1, 'the resumed connection continued the same task');

    const done = finals(events);
    assert.deepEqual(
      done.map((f) => f.sid),
      [1, 2, 3, 4],
      'every final exactly once, in order',
    );
    assert.deepEqual(
      done.map((f) => f.text),
      [0, 1, 2, 3].map((i) => sentenceFor(i, 'en-US')),
      'the transcript is complete',
    );
    assert.deepEqual(
      s.transcript.segments.map((x) => x.sid),
      [1, 2, 3, 4],
    );
    assert.ok(s.transcript.segments.every((x) => x.final));
    assert.equal(fx.sink.tasks.get(outcome.taskId!)!.sentences!.length, 4, 'the server heard all the audio once');

    const states = events.filter((e) => e.type === 'state').map((e) => (e as { state: string }).state);
    assert.ok(states.includes('reconnecting'), `states: ${states.join(', ')}`);
    const notes = events.filter((e) => e.type === 'note').map((e) => (e as { text: string }).text);
    assert.ok(
      notes.some((n) => /^Connection lost .*Reconnecting in \d+\.\d s with a new ticket/.test(n)),
      notes.join('\n'),
    );
    assert.ok(
      notes.some((n) => /^Reconnected: sending audio again from \d+:\d\d/.test(n)),
      notes.join('\n'),
    );
  });

  it('a fatal error without sid ends the session cleanly with the catalogue message, without reconnecting', async () => {
    fx.live.failSessionAfter(1);
    const { s, events } = await session(8);
    await s.start();
    const outcome = await s.done;
    assert.equal(outcome.state, 'failed');
    assert.ok(outcome.error instanceof ApiError);
    assert.equal(outcome.error.code, 'stt_service_error');
    assert.match(outcome.error.message, /speech-recognition service failed/);
    assert.equal(fx.live.ticketsIssued.length, 1, 'no reconnect after a fatal error');
    assert.equal(finals(events).length, 1);
    assert.equal(s.state, 'failed');
    await until(() => fx.live.openConnections === 0, 2000, 'the socket to close');
  });

  it('an error with sid marks that one sentence and the session goes on', async () => {
    fx.live.failSentence(2);
    const { s, events } = await session(6.1);
    await s.start();
    const outcome = await s.done;
    assert.equal(outcome.state, 'completed', outcome.error?.message);
    const segs = s.transcript.segments;
    assert.deepEqual(
      segs.map((x) => x.sid),
      [1, 2, 3],
    );
    assert.equal(segs[1].failed?.code, 'translation_failed');
    assert.match(segs[1].failed?.message ?? '', /could not be translated/);
    assert.equal(segs[0].failed, undefined);
    assert.equal(segs[2].failed, undefined);
    assert.ok(events.some((e) => e.type === 'transcript' && e.event.kind === 'sentenceError' && e.event.sid === 2));
  });

  it('refuses multi_speaker with two languages before connecting (diarization_multilang_conflict)', async () => {
    const s = new LiveSession({
      endpoint: fx.endpoint,
      params: { ...params, recognitionMode: 'multi_speaker', transcriptionLanguages: ['en-US', 'ja-JP'] },
      audio: await toneSource(1),
    });
    await assert.rejects(s.start(), (e: ApiError) => e.code === 'diarization_multilang_conflict' && /exactly one transcription language/.test(e.message));
    assert.equal((await s.done).state, 'failed');
    assert.equal(fx.live.ticketsIssued.length, 0, 'nothing was sent');
    const three = new LiveSession({
      endpoint: fx.endpoint,
      params: { ...params, transcriptionLanguages: ['en-US', 'ja-JP', 'de-DE'] },
      audio: await toneSource(1),
    });
    await assert.rejects(three.start(), (e: ApiError) => e.code === 'validation_failed' && /At most 2 transcription languages/.test(e.message));
  });

  it('pause stops the audio and resume continues it; the server acknowledges both', async () => {
    const { s, events } = await session(4.1, { speed: 4 });
    await s.start();
    await until(() => (fx.live.received.audio ?? 0) >= 3, 3000, 'some audio');
    s.pause();
    assert.equal(s.state, 'paused');
    await until(() => events.some((e) => e.type === 'state' && e.state === 'paused'), 1000, 'paused');
    await new Promise((r) => setTimeout(r, 150));
    const atPause = fx.live.received.audio ?? 0;
    await new Promise((r) => setTimeout(r, 300));
    assert.ok((fx.live.received.audio ?? 0) <= atPause + 1, 'no audio while paused');
    assert.equal(fx.live.received.pause, 1);
    s.resume();
    assert.equal(s.state, 'live');
    const outcome = await s.done;
    assert.equal(outcome.state, 'completed');
    assert.equal(fx.live.received.resume, 1);
    assert.deepEqual(
      finals(events).map((f) => f.sid),
      [1, 2],
    );
  });

  it('sends a heartbeat on the interval and the server answers it', async () => {
    const { s } = await session(2, { heartbeatMs: 40, speed: 2 });
    await s.start();
    await until(() => (fx.live.received.health ?? 0) >= 3, 3000, 'three heartbeats');
    s.cancel();
    assert.equal((await s.done).state, 'cancelled');
  });

  it('stop() ends at the current position and still follows the task to completion', async () => {
    const { s, events } = await session(30, { speed: 4 });
    await s.start();
    await until(() => finals(events).length >= 1, 5000, 'a first final');
    s.stop();
    assert.equal(s.state, 'finishing');
    const outcome = await s.done;
    assert.equal(outcome.state, 'completed');
    assert.ok(outcome.finalSentences >= 1 && outcome.finalSentences < 15, `stopped early (${outcome.finalSentences} sentences)`);
    assert.equal(fx.sink.tasks.get(outcome.taskId!)!.statuses.at(-1), 'completed');
  });

  it('leaves no socket or timer of its own behind once it is done', async () => {
    // The ticket request goes through an agent without keep-alive, so every socket left would be ours.
    const agent = new Agent({ pipelining: 0 });
    const http = new HttpClient({ provider: 'vurbo', dispatcher: agent });
    const count = (list: string[], kind: string) => list.filter((r) => r === kind).length;
    await new Promise((r) => setImmediate(r)); // mocha arms its own test timer after the test starts
    const beforeList = process.getActiveResourcesInfo();
    const { s } = await session(2.1, { heartbeatMs: 30, endpoint: { ...fx.endpoint, http } });
    await s.start();
    await s.done;
    await until(() => fx.live.openConnections === 0, 2000, 'the server side to close');
    // undici's shared timer wheel ticks for up to a second after its last request.
    await new Promise((r) => setTimeout(r, 1500));
    const after = process.getActiveResourcesInfo();
    assert.ok(count(after, 'TCPSocketWrap') <= count(beforeList, 'TCPSocketWrap'), `sockets: ${after.join(', ')}`);
    assert.ok(count(after, 'Timeout') <= count(beforeList, 'Timeout'), `timers: ${after.join(', ')} (before: ${beforeList.join(', ')})`);
    await agent.close();
  });
});
