import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { probeAudioFile } from '../../src/core/vurbo/audioDuration';
import { encodeWav, toneSamples } from '../../src/core/vurbo/wav';

/** MPEG-1 Layer III frames at 128 kbit/s, 44.1 kHz, stereo: 417 bytes each, 1152 samples. */
function mp3Frames(count: number, opts: { xing?: boolean; id3?: boolean } = {}): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x00]);
  const frames: Buffer[] = [];
  if (opts.id3) {
    const tag = Buffer.alloc(10 + 300);
    tag.write('ID3', 0, 'latin1');
    tag[3] = 4;
    tag[9] = 300 & 0x7f;
    tag[8] = (300 >> 7) & 0x7f;
    frames.push(tag);
  }
  if (opts.xing) {
    const info = Buffer.from(frame);
    info.write('Xing', 4 + 32, 'latin1');
    info.writeUInt32BE(1, 8 + 32);
    info.writeUInt32BE(count, 12 + 32);
    frames.push(info);
  }
  for (let i = 0; i < count; i++) frames.push(frame);
  return Buffer.concat(frames);
}

function box(type: string, body: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(8 + body.length, 0);
  h.write(type, 4, 'latin1');
  return Buffer.concat([h, body]);
}

function m4a(timescale: number, duration: number): Buffer {
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(timescale, 12);
  mvhd.writeUInt32BE(duration, 16);
  return Buffer.concat([
    box('ftyp', Buffer.from('M4A \0\0\0\0isomM4A ', 'latin1')),
    box('free', Buffer.alloc(40)),
    box('moov', Buffer.concat([box('mvhd', mvhd), box('trak', Buffer.alloc(20))])),
    box('mdat', Buffer.alloc(1000)),
  ]);
}

describe('Audio duration from headers (for the import quota check)', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audio-probe-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, bytes: Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, bytes);
    return p;
  };

  it('reads WAV duration from the byte rate, at any sample rate and channel count', async () => {
    assert.deepEqual(await probeAudioFile(file('a.wav', encodeWav(toneSamples(2.5, 16000), 16000))), { durationMs: 2500, exact: true });
    assert.deepEqual(await probeAudioFile(file('b.wav', encodeWav(toneSamples(1, 44100, 2), 44100, 2))), { durationMs: 1000, exact: true });
  });

  it('reads MP3 duration from a Xing frame count, or estimates it at a constant bit rate (ID3 tags skipped)', async () => {
    const xing = await probeAudioFile(file('x.mp3', mp3Frames(1000, { xing: true, id3: true })));
    assert.deepEqual(xing, { durationMs: Math.round((1000 * 1152 * 1000) / 44100), exact: true });
    const cbr = await probeAudioFile(file('c.mp3', mp3Frames(500)));
    assert.equal(cbr?.exact, false);
    assert.ok(Math.abs(cbr!.durationMs - (500 * 1152 * 1000) / 44100) < 50, String(cbr?.durationMs));
  });

  it('reads M4A duration from the mvhd box', async () => {
    assert.deepEqual(await probeAudioFile(file('a.m4a', m4a(44100, 44100 * 90))), { durationMs: 90_000, exact: true });
  });

  it('gives up on files that are not what their extension says', async () => {
    assert.equal(await probeAudioFile(file('fake.wav', Buffer.from('not a wav at all'))), undefined);
    assert.equal(await probeAudioFile(file('fake.mp3', Buffer.alloc(2000))), undefined);
    assert.equal(await probeAudioFile(file('fake.m4a', Buffer.from('hello world, no boxes'))), undefined);
    assert.equal(await probeAudioFile(file('a.ogg', Buffer.alloc(10))), undefined);
  });
});
