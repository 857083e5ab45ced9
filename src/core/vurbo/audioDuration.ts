// How long an audio file plays, read from its headers only: the import quota check needs
// `duration_ms` before anything is uploaded (vurbo-vas.md §4.3). WAV (any RIFF/WAVE encoding, from
// the byte rate), MP3 (Xing/Info or VBRI frame counts, else constant bit rate) and M4A (the `mvhd`
// box). Undefined when the file is not readable as its extension says.
import { nodeFsPromises } from '../lazyNode';
import path from 'node:path';
import { fileByteReader, type ByteReader } from './byteReader';

export interface AudioDuration {
  readonly durationMs: number;
  /** False when estimated (an MP3 without a frame count, assumed constant bit rate). */
  readonly exact: boolean;
}

export async function probeAudioFile(file: string): Promise<AudioDuration | undefined> {
  const handle = await nodeFsPromises().open(file, 'r');
  try {
    const { size } = await handle.stat();
    return await probeAudio(fileByteReader(handle, size), size, path.extname(file).slice(1).toLowerCase());
  } finally {
    await handle.close();
  }
}

export async function probeAudio(read: ByteReader, size: number, ext: string): Promise<AudioDuration | undefined> {
  if (ext === 'wav') return probeWav(read, size);
  if (ext === 'mp3') return probeMp3(read, size);
  if (ext === 'm4a' || ext === 'mp4' || ext === 'aac') return probeMp4(read, size);
  return undefined;
}

async function probeWav(read: ByteReader, size: number): Promise<AudioDuration | undefined> {
  const head = await read(0, 12);
  if (head.length < 12 || head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') return undefined;
  let byteRate = 0;
  for (let pos = 12, n = 0; pos + 8 <= size && n < 10_000; n++) {
    const h = await read(pos, 8);
    if (h.length < 8) break;
    const id = h.toString('latin1', 0, 4);
    const chunk = h.readUInt32LE(4);
    if (id === 'fmt ') {
      const f = await read(pos + 8, 16);
      if (f.length >= 12) byteRate = f.readUInt32LE(8);
    } else if (id === 'data') {
      if (!byteRate) return undefined;
      const available = size - pos - 8;
      const bytes = chunk === 0 || chunk === 0xffffffff ? available : Math.min(chunk, available);
      return { durationMs: Math.round((bytes / byteRate) * 1000), exact: true };
    }
    pos += 8 + chunk + (chunk % 2);
  }
  return undefined;
}

const MP3_BITRATES = {
  v1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  v2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const MP3_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

async function probeMp3(read: ByteReader, size: number): Promise<AudioDuration | undefined> {
  let start = 0;
  const id3 = await read(0, 10);
  if (id3.length === 10 && id3.toString('latin1', 0, 3) === 'ID3') {
    const tagSize = ((id3[6] & 0x7f) << 21) | ((id3[7] & 0x7f) << 14) | ((id3[8] & 0x7f) << 7) | (id3[9] & 0x7f);
    start = 10 + tagSize + (id3[5] & 0x10 ? 10 : 0);
  }
  // Find the first frame header (11 sync bits, MPEG 1/2/2.5 Layer III) within 64 KB.
  const window = await read(start, 64 * 1024);
  for (let i = 0; i + 4 <= window.length; i++) {
    if (window[i] !== 0xff || (window[i + 1] & 0xe0) !== 0xe0) continue;
    const version = (window[i + 1] >> 3) & 0x3; // 3 = MPEG1, 2 = MPEG2, 0 = MPEG2.5
    const layer = (window[i + 1] >> 1) & 0x3; // 1 = Layer III
    const bitrateIndex = window[i + 2] >> 4;
    const rateIndex = (window[i + 2] >> 2) & 0x3;
    if (version === 1 || layer !== 1 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) continue;
    const sampleRate = MP3_RATES[version][rateIndex];
    const bitrate = (version === 3 ? MP3_BITRATES.v1 : MP3_BITRATES.v2)[bitrateIndex] * 1000;
    const samplesPerFrame = version === 3 ? 1152 : 576;
    const mono = window[i + 3] >> 6 === 3;
    const frameAt = start + i;
    const frame = await read(frameAt, 200);
    const sideInfo = version === 3 ? (mono ? 17 : 32) : mono ? 9 : 17;
    const xing = frame.toString('latin1', 4 + sideInfo, 8 + sideInfo);
    if ((xing === 'Xing' || xing === 'Info') && frame.length >= 16 + sideInfo && frame.readUInt32BE(8 + sideInfo) & 1) {
      const frames = frame.readUInt32BE(12 + sideInfo);
      return { durationMs: Math.round((frames * samplesPerFrame * 1000) / sampleRate), exact: true };
    }
    if (frame.length >= 54 && frame.toString('latin1', 36, 40) === 'VBRI') {
      const frames = frame.readUInt32BE(36 + 14);
      return { durationMs: Math.round((frames * samplesPerFrame * 1000) / sampleRate), exact: true };
    }
    return { durationMs: Math.round(((size - frameAt) * 8 * 1000) / bitrate), exact: false };
  }
  return undefined;
}

async function probeMp4(read: ByteReader, size: number): Promise<AudioDuration | undefined> {
  const moov = await findBox(read, 0, size, 'moov');
  if (!moov) return undefined;
  const mvhd = await findBox(read, moov.body, moov.end, 'mvhd');
  if (!mvhd) return undefined;
  const b = await read(mvhd.body, 32);
  if (b.length < 20) return undefined;
  const v1 = b[0] === 1;
  const timescale = v1 ? b.readUInt32BE(20) : b.readUInt32BE(12);
  const duration = v1 ? (b.length >= 32 ? Number(b.readBigUInt64BE(24)) : 0) : b.readUInt32BE(16);
  if (!timescale || !duration) return undefined;
  return { durationMs: Math.round((duration * 1000) / timescale), exact: true };
}

async function findBox(read: ByteReader, from: number, to: number, type: string): Promise<{ body: number; end: number } | undefined> {
  for (let pos = from, n = 0; pos + 8 <= to && n < 10_000; n++) {
    const h = await read(pos, 16);
    if (h.length < 8) return undefined;
    let size = h.readUInt32BE(0);
    let header = 8;
    if (size === 1 && h.length >= 16) {
      size = Number(h.readBigUInt64BE(8));
      header = 16;
    } else if (size === 0) {
      size = to - pos;
    }
    if (size < header) return undefined;
    if (h.toString('latin1', 4, 8) === type) return { body: pos + header, end: Math.min(to, pos + size) };
    pos += size;
  }
  return undefined;
}
