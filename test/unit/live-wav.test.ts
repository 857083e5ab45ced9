import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodeWav, PcmPacer, toneSamples, WavError, WavPcmSource, type Clock, type PcmSource } from '../../src/core/vurbo/wav';

/** A clock that only moves when the test says so. */
class FakeClock implements Clock {
  private t = 0;
  private waiters: { at: number; resolve: () => void }[] = [];
  now(): number {
    return this.t;
  }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(new Error('aborted'));
      const waiter = { at: this.t + ms, resolve };
      this.waiters.push(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          this.waiters = this.waiters.filter((w) => w !== waiter);
          reject(new Error('aborted'));
        },
        { once: true },
      );
    });
  }
  async advance(ms: number): Promise<void> {
    this.t += ms;
    for (const w of this.waiters.filter((x) => x.at <= this.t)) {
      this.waiters = this.waiters.filter((x) => x !== w);
      w.resolve();
    }
    await new Promise((r) => setImmediate(r));
  }
}

/** Collects the chunks a pacer hands out as they come. */
function drain(pacer: PcmPacer): { chunks: { startMs: number; endMs: number; bytes: number }[]; done: Promise<void> } {
  const chunks: { startMs: number; endMs: number; bytes: number }[] = [];
  const done = (async () => {
    for (;;) {
      const c = await pacer.next();
      if (!c) return;
      chunks.push({ startMs: c.startMs, endMs: c.endMs, bytes: c.pcm.length });
    }
  })();
  return { chunks, done };
}

function chunk(id: string, body: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.write(id, 0, 'latin1');
  h.writeUInt32LE(body.length, 4);
  return Buffer.concat([h, body, body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

function fmt(format: number, channels: number, rate: number, bits: number, extra = Buffer.alloc(0)): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt16LE(format, 0);
  b.writeUInt16LE(channels, 2);
  b.writeUInt32LE(rate, 4);
  b.writeUInt32LE((rate * channels * bits) / 8, 8);
  b.writeUInt16LE((channels * bits) / 8, 12);
  b.writeUInt16LE(bits, 14);
  return Buffer.concat([b, extra]);
}

function riff(...chunks: Buffer[]): Buffer {
  const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), ...chunks]);
  const h = Buffer.alloc(8);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(body.length, 4);
  return Buffer.concat([h, body]);
}

describe('WAV reader: 16-bit PCM at any rate and channel count, converted to 16 kHz mono', () => {
  it('reads a 16 kHz mono file as is', async () => {
    const samples = toneSamples(1.5, 16_000);
    const src = await WavPcmSource.fromBuffer(encodeWav(samples, 16_000), 16_000);
    assert.equal(src.format.sampleRate, 16_000);
    assert.equal(src.durationMs, 1500);
    const all = await src.read(0, 1500);
    assert.equal(all.length, 48_000);
    assert.deepEqual(new Int16Array(all.buffer, all.byteOffset, all.length / 2), samples);
    assert.equal((await src.read(1000, 1100)).length, 3200, '100 ms = 1600 samples');
    assert.equal((await src.read(1400, 9999)).length, 3200, 'clamped to the end');
  });

  it('downmixes stereo and resamples 44.1 kHz to 16 kHz, keeping the signal', async () => {
    // Left is a tone, right is silence: the mono mix is half the tone.
    const frames = 44_100;
    const stereo = new Int16Array(frames * 2);
    const tone = toneSamples(1, 44_100, 1, 200);
    for (let i = 0; i < frames; i++) stereo[i * 2] = tone[i];
    const src = await WavPcmSource.fromBuffer(encodeWav(stereo, 44_100, 2), 16_000);
    assert.equal(src.format.channels, 2);
    assert.equal(Math.round(src.durationMs), 1000);
    const out = await src.read(0, 1000);
    assert.equal(out.length, 32_000);
    const mono = new Int16Array(out.buffer, out.byteOffset, out.length / 2);
    for (const n of [0, 1234, 8000, 15_999]) {
      const expected = 4000 * Math.sin((2 * Math.PI * 200 * n) / 16_000);
      assert.ok(Math.abs(mono[n] - expected) < 60, `sample ${n}: ${mono[n]} vs ${expected.toFixed(0)}`);
    }
    // Chunked reads join up exactly like one read.
    const parts = Buffer.concat([await src.read(0, 333), await src.read(333, 700), await src.read(700, 1000)]);
    assert.deepEqual(parts, out);
  });

  it("upsamples 8 kHz and reads WAVE_FORMAT_EXTENSIBLE PCM, a LIST chunk with an odd size, and a streaming writer's data size", async () => {
    const pcm = Buffer.from(toneSamples(0.5, 8000).buffer);
    const ext = Buffer.alloc(24);
    ext.writeUInt16LE(22, 0);
    ext.writeUInt16LE(0x0001, 8); // sub-format GUID begins with the PCM tag
    const dataHeader = Buffer.alloc(8);
    dataHeader.write('data', 0, 'latin1');
    dataHeader.writeUInt32LE(0xffffffff, 4);
    const file = riff(chunk('LIST', Buffer.from('INFOabc', 'latin1')), chunk('fmt ', fmt(0xfffe, 1, 8000, 16, ext)), dataHeader, pcm);
    const src = await WavPcmSource.fromBuffer(file, 16_000);
    assert.equal(src.format.frames, 4000);
    assert.equal(src.durationMs, 500);
    assert.equal((await src.read(0, 500)).length, 16_000);
  });

  const refuses = async (file: Buffer, message: RegExp) =>
    assert.rejects(WavPcmSource.fromBuffer(file, 16_000), (e: unknown) => e instanceof WavError && message.test(e.message));

  it('explains what is wrong with files it cannot stream', async () => {
    await refuses(Buffer.from('ID3\x03\x00 this is an mp3'), /not a WAV file: it has no RIFF\/WAVE header/);
    await refuses(Buffer.alloc(4), /not a WAV file/);
    await refuses(riff(chunk('fmt ', fmt(3, 1, 16000, 32)), chunk('data', Buffer.alloc(64))), /32-bit float audio, not PCM/);
    await refuses(riff(chunk('fmt ', fmt(0x55, 1, 16000, 16)), chunk('data', Buffer.alloc(64))), /MP3 audio \(compressed\), not PCM/);
    await refuses(riff(chunk('fmt ', fmt(1, 1, 16000, 24)), chunk('data', Buffer.alloc(66))), /24-bit PCM; only 16-bit PCM is supported/);
    await refuses(riff(chunk('fmt ', fmt(1, 1, 16000, 8)), chunk('data', Buffer.alloc(64))), /8-bit PCM/);
    await refuses(riff(chunk('fmt ', fmt(1, 1, 16000, 16))), /no data chunk/);
    await refuses(riff(chunk('data', Buffer.alloc(64))), /data before its format chunk/);
    await refuses(riff(chunk('fmt ', fmt(1, 1, 16000, 16)), chunk('data', Buffer.alloc(0))), /contains no audio/);
  });

  it('opens files from disk, reading only what each chunk needs, and says when a path is not a file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wav-'));
    try {
      const file = path.join(dir, 'speech.wav');
      fs.writeFileSync(file, encodeWav(toneSamples(2, 22_050, 2), 22_050, 2));
      const src = await WavPcmSource.open(file, 16_000);
      assert.equal(Math.round(src.durationMs), 2000);
      assert.equal((await src.read(500, 600)).length, 3200);
      await src.close();
      const text = path.join(dir, 'notes.txt');
      fs.writeFileSync(text, 'hello, this is text');
      await assert.rejects(WavPcmSource.open(text, 16_000), /not a WAV file/);
      await assert.rejects(WavPcmSource.open(path.join(dir, 'missing.wav'), 16_000), /does not exist/);
      await assert.rejects(WavPcmSource.open(dir, 16_000), /is a folder/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('PcmPacer: real-time release measured on a fake clock', () => {
  const source = async (seconds: number): Promise<PcmSource> => WavPcmSource.fromBuffer(encodeWav(toneSamples(seconds, 16_000), 16_000), 16_000);

  it('hands out audio no faster than it plays', async () => {
    const clock = new FakeClock();
    const pacer = new PcmPacer(await source(1), { clock, chunkMs: 100 });
    const { chunks, done } = drain(pacer);
    await clock.advance(0);
    assert.equal(chunks.length, 0, 'nothing before any time passed');
    await clock.advance(250);
    assert.deepEqual(
      chunks.map((c) => c.endMs),
      [100, 200],
    );
    assert.ok(
      chunks.every((c) => c.bytes === 3200),
      '100 ms = 1600 samples each',
    );
    for (let i = 0; i < 10; i++) await clock.advance(100);
    await done;
    assert.equal(chunks.length, 10);
    assert.equal(
      chunks.reduce((n, c) => n + c.bytes, 0),
      32_000,
      'exactly one second of samples in all',
    );
  });

  it('holds while paused and picks up after resume; speed scales the pace', async () => {
    const clock = new FakeClock();
    const pacer = new PcmPacer(await source(1), { clock, chunkMs: 100, speed: 2 });
    const { chunks, done } = drain(pacer);
    await clock.advance(100);
    assert.equal(chunks.length, 2, 'twice real time: 200 ms of audio after 100 ms');
    pacer.pause();
    await clock.advance(1000);
    assert.equal(chunks.length, 2, 'nothing while paused');
    assert.equal(pacer.playheadMs, 200);
    pacer.resume();
    await clock.advance(50);
    assert.equal(chunks.length, 3);
    await clock.advance(1000);
    await done;
    assert.equal(pacer.positionMs, 1000);
  });

  it('after seek() back it sends the backlog at once, then keeps real time; finishAtPlayhead() ends at what has played', async () => {
    const clock = new FakeClock();
    const pacer = new PcmPacer(await source(3), { clock, chunkMs: 100 });
    const { chunks, done } = drain(pacer);
    await clock.advance(600);
    assert.equal(pacer.positionMs, 600);
    pacer.seek(200); // a reconnect: the server confirmed 200 ms
    await clock.advance(0);
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    assert.equal(pacer.positionMs, 600, 'the 400 ms backlog went out without waiting');
    assert.deepEqual(
      chunks.slice(6).map((c) => c.startMs),
      [200, 300, 400, 500],
    );
    await clock.advance(250);
    assert.equal(pacer.positionMs, 800);
    pacer.finishAtPlayhead();
    await clock.advance(0);
    await done;
    assert.equal(pacer.positionMs, 850, 'the last partial chunk up to the playhead');
  });

  it('stop() ends a waiting next() at once', async () => {
    const clock = new FakeClock();
    const pacer = new PcmPacer(await source(1), { clock });
    const waiting = pacer.next();
    pacer.stop();
    assert.equal(await waiting, undefined);
  });
});
