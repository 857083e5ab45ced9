// WAV files as the audio of a live session (VS Code has no microphone API): a RIFF/WAVE reader that
// accepts 16-bit PCM at any sample rate and channel count, converts it on the fly to the PCM the live
// protocol sends (LIVE_PCM), and a pacer that releases it in real time.
import type { FileHandle } from 'node:fs/promises';
import { sleep } from '../http/client';
import { nodeFsPromises } from '../lazyNode';
import { fileByteReader, type ByteReader } from './byteReader';
import { ChunkPacer, type ChunkDue } from './chunkPacer';

export class WavError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WavError';
  }
}

export interface WavFormat {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Bytes per frame (all channels of one sample). */
  blockAlign: number;
  /** Byte offset of the first PCM frame in the file. */
  dataOffset: number;
  /** PCM bytes (whole frames only; a truncated tail is ignored). */
  dataBytes: number;
  frames: number;
  durationMs: number;
}

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
const FORMAT_NAMES: Record<number, string> = { 0x0002: 'ADPCM', 0x0003: '32-bit float', 0x0006: 'A-law', 0x0007: 'µ-law', 0x0011: 'IMA ADPCM', 0x0055: 'MP3' };

/**
 * Walks the RIFF chunks to `fmt ` and `data`. Only chunk headers are read, so a large LIST chunk or
 * a multi-gigabyte data chunk costs nothing. `fileSize` bounds a data size a streaming writer left
 * as 0 or 0xFFFFFFFF.
 */
export async function readWavFormat(read: ByteReader, fileSize: number): Promise<WavFormat> {
  const head = await read(0, 12);
  if (head.length < 12 || head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') {
    const rf64 = head.toString('latin1', 0, 4) === 'RF64';
    throw new WavError(
      rf64 ? 'RF64 (over 4 GB) WAV files are not supported.' : 'This is not a WAV file: it has no RIFF/WAVE header. Pick a .wav file with 16-bit PCM audio.',
    );
  }
  let fmt: Omit<WavFormat, 'dataOffset' | 'dataBytes' | 'frames' | 'durationMs'> | undefined;
  let pos = 12;
  for (let chunks = 0; pos + 8 <= fileSize && chunks < 10_000; chunks++) {
    const header = await read(pos, 8);
    if (header.length < 8) break;
    const id = header.toString('latin1', 0, 4);
    const size = header.readUInt32LE(4);
    const body = pos + 8;
    if (id === 'fmt ') {
      const f = await read(body, Math.min(size, 40));
      if (f.length < 16) throw new WavError('The WAV file has a truncated format chunk.');
      let format = f.readUInt16LE(0);
      if (format === WAVE_FORMAT_EXTENSIBLE && f.length >= 26) format = f.readUInt16LE(24); // sub-format GUID starts with the tag
      const channels = f.readUInt16LE(2);
      const sampleRate = f.readUInt32LE(4);
      const blockAlign = f.readUInt16LE(12);
      const bitsPerSample = f.readUInt16LE(14);
      if (format !== WAVE_FORMAT_PCM) {
        const name = FORMAT_NAMES[format] ?? `format tag 0x${format.toString(16).padStart(4, '0')}`;
        throw new WavError(
          `The WAV file holds ${name} audio${format === WAVE_FORMAT_IEEE_FLOAT ? '' : ' (compressed)'}, not PCM. Convert it to 16-bit PCM, e.g. \`ffmpeg -i in.wav -c:a pcm_s16le out.wav\`.`,
        );
      }
      if (bitsPerSample !== 16)
        throw new WavError(
          `The WAV file is ${bitsPerSample}-bit PCM; only 16-bit PCM is supported. Convert it, e.g. \`ffmpeg -i in.wav -c:a pcm_s16le out.wav\`.`,
        );
      if (channels < 1 || channels > 32) throw new WavError(`The WAV file declares ${channels} channels.`);
      if (sampleRate < 1000 || sampleRate > 768_000) throw new WavError(`The WAV file declares an unusable sample rate (${sampleRate} Hz).`);
      if (blockAlign !== channels * 2) throw new WavError('The WAV file has an inconsistent block alignment.');
      fmt = { sampleRate, channels, bitsPerSample, blockAlign };
    } else if (id === 'data') {
      if (!fmt) throw new WavError('The WAV file has its data before its format chunk.');
      const available = fileSize - body;
      const declared = size === 0 || size === 0xffffffff ? available : Math.min(size, available);
      const frames = Math.floor(declared / fmt.blockAlign);
      if (frames === 0) throw new WavError('The WAV file contains no audio.');
      return { ...fmt, dataOffset: body, dataBytes: frames * fmt.blockAlign, frames, durationMs: (frames * 1000) / fmt.sampleRate };
    }
    pos = body + size + (size % 2); // chunks are word-aligned
  }
  throw new WavError(fmt ? 'The WAV file has no data chunk.' : 'The WAV file has no format chunk.');
}

/** Audio a live session sends: LIVE_PCM-shaped bytes for any time range. */
export interface PcmSource {
  readonly durationMs: number;
  /** The converted PCM between two offsets (ms, clamped to the duration). */
  read(fromMs: number, toMs: number): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * A WAV file as a PcmSource at `targetRate` mono: channels are averaged and the rate converted by
 * linear interpolation, chunk by chunk, reading only the frames each chunk needs.
 */
export class WavPcmSource implements PcmSource {
  readonly durationMs: number;
  private readonly totalOut: number;

  private constructor(
    readonly format: WavFormat,
    private readonly read_: ByteReader,
    private readonly close_: () => Promise<void>,
    readonly targetRate: number,
  ) {
    this.totalOut = Math.floor((format.frames * targetRate) / format.sampleRate);
    this.durationMs = (this.totalOut * 1000) / targetRate;
  }

  static async open(path: string, targetRate: number): Promise<WavPcmSource> {
    let handle: FileHandle;
    try {
      handle = await nodeFsPromises().open(path, 'r');
    } catch (e) {
      const code = (e as { code?: string }).code;
      throw new WavError(code === 'ENOENT' ? `The file ${path} does not exist.` : `Cannot open ${path}: ${(e as Error).message}`);
    }
    try {
      const stat = await handle.stat();
      if (stat.isDirectory()) throw new WavError(`${path} is a folder, not a WAV file.`);
      const read = fileByteReader(handle, stat.size);
      const format = await readWavFormat(read, stat.size);
      return new WavPcmSource(format, read, () => handle.close(), targetRate);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  /** A WAV file held in memory (tests, generated audio). */
  static async fromBuffer(file: Buffer, targetRate: number): Promise<WavPcmSource> {
    const read: ByteReader = async (position, length) => file.subarray(position, position + length);
    const format = await readWavFormat(read, file.length);
    return new WavPcmSource(format, read, async () => undefined, targetRate);
  }

  async read(fromMs: number, toMs: number): Promise<Buffer> {
    const n0 = Math.max(0, Math.min(this.totalOut, Math.round((fromMs * this.targetRate) / 1000)));
    const n1 = Math.max(n0, Math.min(this.totalOut, Math.round((toMs * this.targetRate) / 1000)));
    const out = Buffer.alloc((n1 - n0) * 2);
    if (n1 === n0) return out;
    const { sampleRate, channels, blockAlign, frames, dataOffset } = this.format;
    const ratio = sampleRate / this.targetRate;
    const firstFrame = Math.floor(n0 * ratio);
    const lastFrame = Math.min(frames - 1, Math.floor((n1 - 1) * ratio) + 1);
    const raw = await this.read_(dataOffset + firstFrame * blockAlign, (lastFrame - firstFrame + 1) * blockAlign);
    const available = Math.floor(raw.length / blockAlign);
    const mono = (i: number): number => {
      const f = Math.min(Math.max(i - firstFrame, 0), available - 1);
      let sum = 0;
      for (let c = 0; c < channels; c++) sum += raw.readInt16LE(f * blockAlign + c * 2);
      return sum / channels;
    };
    for (let n = n0; n < n1; n++) {
      const x = n * ratio;
      const i = Math.floor(x);
      const frac = x - i;
      const a = mono(i);
      const v = frac === 0 || i + 1 > lastFrame ? a : a + (mono(i + 1) - a) * frac;
      out.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(v))), (n - n0) * 2);
    }
    return out;
  }

  close(): Promise<void> {
    return this.close_();
  }
}

/** A 16-bit PCM WAV file around interleaved samples (generated test audio, sandbox demos). */
export function encodeWav(samples: Int16Array, sampleRate: number, channels = 1): Buffer {
  const data = Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(WAVE_FORMAT_PCM, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A tone of `seconds` at `sampleRate` (a sine, so resampling can be checked by ear and by numbers). */
export function toneSamples(seconds: number, sampleRate: number, channels = 1, hz = 440): Int16Array {
  const frames = Math.round(seconds * sampleRate);
  const out = new Int16Array(frames * channels);
  for (let i = 0; i < frames; i++) {
    const v = Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / sampleRate));
    for (let c = 0; c < channels; c++) out[i * channels + c] = v;
  }
  return out;
}

// ---- real-time pacing (the loop is ChunkPacer's) -------------------------------------------------------------

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = { now: () => performance.now(), sleep: (ms, signal) => sleep(ms, signal) };

export interface PcmChunk {
  readonly startMs: number;
  readonly endMs: number;
  readonly pcm: Buffer;
}

export interface PacerOptions {
  chunkMs?: number;
  clock?: Clock;
  /** Playback speed: 1 is real time (tests and demos may go faster). */
  speed?: number;
}

/**
 * Releases audio no faster than it would play. The playhead advances with the clock (not while
 * paused); `next()` hands out the next chunk once the playhead has passed its end. After `seek()`
 * back (a reconnect resending unconfirmed audio) the backlog comes out at once, chunk by chunk, the
 * way a microphone's buffer would, and real-time pacing picks up where the playhead is.
 */
export class PcmPacer extends ChunkPacer {
  private readonly clock: Clock;
  private readonly speed: number;
  private playheadBase = 0;
  private clockBase: number;
  private endMs: number;

  constructor(source: PcmSource, options: PacerOptions = {}) {
    super(source, options.chunkMs);
    this.clock = options.clock ?? realClock;
    this.speed = options.speed ?? 1;
    this.clockBase = this.clock.now();
    this.endMs = source.durationMs;
  }

  /** Where real time has got to in the file. */
  get playheadMs(): number {
    const moving = this.paused ? 0 : (this.clock.now() - this.clockBase) * this.speed;
    return Math.min(this.endMs, this.playheadBase + moving);
  }

  get durationMs(): number {
    return this.endMs;
  }

  pause(): void {
    if (this.paused) return;
    this.playheadBase = this.playheadMs;
    this.paused = true;
    this.poke();
  }

  resume(): void {
    if (!this.paused) return;
    this.clockBase = this.clock.now();
    this.paused = false;
    this.poke();
  }

  /** Continue handing out audio from `ms` (e.g. where the server confirmed it had audio up to). */
  seek(ms: number): void {
    this.sentMs = Math.max(0, Math.min(ms, this.endMs));
    this.poke();
  }

  /** Ends the audio at the playhead: what has played is still handed out, then `next()` ends. */
  finishAtPlayhead(): void {
    const at = this.playheadMs;
    this.playheadBase = at;
    this.clockBase = this.clock.now();
    this.endMs = Math.max(at, 0);
    this.poke();
  }

  /** The next chunk is due once the playhead has passed its end. */
  protected dueChunkEnd(): ChunkDue {
    if (this.sentMs >= this.endMs) return 'over';
    const end = Math.min(this.sentMs + this.chunkMs, this.endMs);
    return this.playheadMs >= end ? end : 'wait';
  }

  protected async waitForMore(signal: AbortSignal): Promise<void> {
    const end = Math.min(this.sentMs + this.chunkMs, this.endMs);
    const waitMs = this.paused ? 3_600_000 : Math.max(1, (end - this.playheadMs) / this.speed);
    await this.clock.sleep(waitMs, signal).catch(() => undefined);
  }
}
