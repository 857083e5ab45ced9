// The capture source with real processes: `node -e` scripts stand in for a capture program, writing
// PCM to stdout at their own pace (the device's), then exiting the way a real one would.
import assert from 'node:assert/strict';
import { CapturePcmSource, pcmLevelDb, SilenceWatch, type CaptureCommand, type CaptureEvent } from '../../src/core/capture';
import { LiveSession, type LiveSessionEvent } from '../../src/core/vurbo/live';
import { LIVE_PCM } from '../../src/core/vurbo/liveProtocol';
import { toneSamples } from '../../src/core/vurbo/wav';
import { startLiveFixture, until, type LiveFixture } from './live-fixture';

/**
 * A fake capture program: writes `ms` of 16 kHz audio in 20 ms blocks, `every` ms apart (a tone, or
 * zeros when silent), then exits with `exitCode` after writing `stderr`.
 */
function fakeDevice(opts: { ms: number; every: number; silent?: boolean; exitCode?: number; stderr?: string }): CaptureCommand {
  const script = `
    const total = ${opts.ms}, every = ${opts.every}, silent = ${!!opts.silent};
    let t = 0;
    const block = () => {
      const b = Buffer.alloc(640);
      if (!silent) for (let i = 0; i < 320; i++) b.writeInt16LE(Math.round(8000 * Math.sin(2 * Math.PI * 440 * (t * 16 + i) / 16000)), i * 2);
      process.stdout.write(b);
      t += 20;
      if (t < total) setTimeout(block, every);
      else { process.stderr.write(${JSON.stringify(opts.stderr ?? '')}); process.stdout.end(() => process.exit(${opts.exitCode ?? 0})); }
    };
    block();`;
  return { backend: 'custom', program: process.execPath, args: ['-e', script] };
}

const open = (command: CaptureCommand, extra = {}) => CapturePcmSource.open({ command, sampleRate: LIVE_PCM.sampleRate, platform: 'linux', ...extra });

describe('capture source (real child processes)', () => {
  it('keeps what the program writes as the PCM timeline, and says why it ended when it dies', async () => {
    const source = await open(fakeDevice({ ms: 400, every: 2, exitCode: 3, stderr: 'parec: connection lost\n' }));
    const events: CaptureEvent[] = [];
    source.onEvent((e) => events.push(e));
    await until(() => source.ended, 5000, 'the program to end');
    assert.equal(source.capturedMs, 400);
    assert.equal(source.durationMs, 400, 'an ended capture has a length');
    assert.equal(source.error?.problem, 'program_died');
    assert.equal(source.error?.exitCode, 3);
    assert.match(source.error!.message, /exit code 3\)\. It said: parec: connection lost/);
    assert.ok(events.some((e) => e.type === 'ended' && e.error === source.error));
    const pcm = await source.read(100, 200);
    assert.equal(pcm.length, 3200);
    const expected = Buffer.from(toneSamples(0.4, 16_000).buffer).subarray(3200, 6400);
    assert.ok(Math.abs(pcm.readInt16LE(10) - expected.readInt16LE(10)) <= 1, 'the samples are the ones written');
    assert.ok(pcmLevelDb(pcm) > -20 && pcmLevelDb(Buffer.alloc(640)) === -90);
  });

  it('refuses a program that is not installed, or dies before any audio, with the reason', async () => {
    await assert.rejects(
      open({ backend: 'custom', program: 'no-such-capture-program-xyz', args: [] }),
      (e: Error & { problem?: string }) => e.problem === 'program_missing',
    );
    const busy = {
      backend: 'custom' as const,
      program: process.execPath,
      args: ['-e', 'process.stderr.write("audio open error: Device or resource busy\\n"); process.exit(1)'],
    };
    await assert.rejects(open(busy), (e: Error & { problem?: string }) => e.problem === 'device_busy');
    const mute = { backend: 'custom' as const, program: process.execPath, args: ['-e', 'setTimeout(() => {}, 10000)'] };
    await assert.rejects(open(mute, { firstAudioTimeoutMs: 300 }), (e: Error & { problem?: string }) => e.problem === 'no_audio');
  });

  it('drops audio while muted, and closing on purpose ends without an error', async () => {
    const source = await open(fakeDevice({ ms: 60_000, every: 5 }));
    await until(() => source.capturedMs >= 200, 5000, 'audio');
    source.mute(true);
    const atMute = source.capturedMs;
    await new Promise((r) => setTimeout(r, 150));
    assert.ok(source.capturedMs - atMute <= 20, 'at most the block in flight');
    source.mute(false);
    await until(() => source.capturedMs >= atMute + 100, 5000, 'audio after unmute');
    await source.close();
    assert.equal(source.ended, true);
    assert.equal(source.error, undefined);
  });

  it('warns once when the input has been silent for 10 s of audio; sound resets the count', async () => {
    const watch = new SilenceWatch();
    let reports = 0;
    for (let i = 0; i < 99; i++) reports += Number(watch.feed(-90, 100));
    assert.equal(reports, 0, '9.9 s is not yet 10 s');
    assert.equal(watch.feed(-75, 100), true, 'quiet noise below -60 dBFS is silence too');
    for (let i = 0; i < 200; i++) reports += Number(watch.feed(-90, 100));
    assert.equal(reports, 0, 'said once');
    const fresh = new SilenceWatch({ afterMs: 1000 });
    for (let i = 0; i < 9; i++) fresh.feed(-90, 100);
    fresh.feed(-20, 100);
    for (let i = 0; i < 9; i++) assert.equal(fresh.feed(-90, 100), false, 'speech started the count again');

    // Through a real program: 11 s of zeros, written fast.
    const source = await open(fakeDevice({ ms: 11_000, every: 0, silent: true }));
    const silences: CaptureEvent[] = [];
    source.onEvent((e) => e.type === 'silence' && silences.push(e));
    await until(() => source.ended, 10_000, 'the program to end');
    assert.equal(silences.length, 1);
    assert.ok((silences[0] as { silentMs: number }).silentMs >= 10_000);
  });
});

describe('a live session from a capture program (emulator on 127.0.0.1)', () => {
  let fx: LiveFixture;
  beforeEach(async () => {
    fx = await startLiveFixture();
    fx.live.settings.finishStepMs = 10;
    fx.live.settings.sentenceMs = 1000;
  });
  afterEach(() => fx.close());

  it('captured audio drives the transcript; the program dying mid-session stops the recording and keeps the task', async () => {
    // 3.5 s of audio delivered 4× faster than real time, then the program fails.
    const audio = await open(fakeDevice({ ms: 3500, every: 5, exitCode: 1, stderr: 'pw-record: stream error\n' }));
    const s = new LiveSession({ endpoint: fx.endpoint, params: { type: 'record', transcriptionLanguages: ['en-US'] }, audio, finishTimeoutMs: 10_000 });
    const events: LiveSessionEvent[] = [];
    s.onEvent((e) => events.push(e));
    await s.start();
    const outcome = await s.done;
    assert.equal(outcome.state, 'completed', outcome.error?.message);
    assert.equal(outcome.finalSentences, 4, 'three whole sentences and the 500 ms tail');
    assert.ok(events.some((e) => e.type === 'note' && e.code === 'audio-ended'));
    assert.equal(audio.error?.problem, 'program_died');
    assert.equal(fx.sink.tasks.get(outcome.taskId!)?.durationMs, 3500, 'every captured byte reached the server');
  });

  it('a dropped connection loses nothing: the retained capture is resent after the reconnect, each final once', async () => {
    fx.server.addFault({ path: '/ws', closeAfterMessages: 8 });
    const audio = await open(fakeDevice({ ms: 4500, every: 5, exitCode: 0 }));
    const s = new LiveSession({
      endpoint: fx.endpoint,
      params: { type: 'record', transcriptionLanguages: ['en-US'] },
      audio,
      reconnect: { baseDelayMs: 20, maxDelayMs: 100 },
      finishTimeoutMs: 10_000,
    });
    const events: LiveSessionEvent[] = [];
    s.onEvent((e) => events.push(e));
    await s.start();
    const outcome = await s.done;
    assert.equal(outcome.state, 'completed', outcome.error?.message);
    assert.equal(fx.live.ticketsPresented.length, 2, 'a second connection with a fresh ticket');
    const sids = events.flatMap((e) => (e.type === 'transcript' && e.event.kind === 'segment' && e.event.segment.final ? [e.event.segment.sid] : []));
    assert.deepEqual(sids, [1, 2, 3, 4, 5], 'every final exactly once');
    assert.equal(fx.sink.tasks.size, 1);
    assert.equal(fx.sink.tasks.get(outcome.taskId!)?.sentences?.length, 5, 'the server heard all 4.5 s');
  });

  it('pause mutes the capture: nothing captured while paused is sent; resume continues; stop ends at what was captured', async () => {
    const audio = await open(fakeDevice({ ms: 120_000, every: 20 }));
    const s = new LiveSession({ endpoint: fx.endpoint, params: { type: 'record', transcriptionLanguages: ['en-US'] }, audio, finishTimeoutMs: 10_000 });
    await s.start();
    await until(() => s.positionMs >= 300, 5000, 'audio sent');
    s.pause();
    const atPause = audio.capturedMs;
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(audio.capturedMs - atPause <= 40, `captured ${audio.capturedMs - atPause} ms while paused`);
    s.resume();
    await until(() => audio.capturedMs >= atPause + 200, 5000, 'capture after resume');
    s.stop();
    const outcome = await s.done;
    assert.equal(outcome.state, 'completed');
    assert.equal(fx.sink.tasks.get(outcome.taskId!)?.durationMs, Math.floor(audio.capturedMs), 'all captured audio, and only that, was sent');
    await until(() => audio.ended, 5000, 'the session to close the capture program');
    assert.equal(audio.error, undefined);
  });
});
