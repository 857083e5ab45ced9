// A capture program as the audio of a live session: spawns it (no shell), keeps what it writes to
// stdout as the session's PCM timeline (dropping it while muted), measures the level, watches for
// silence, and turns the program's end into a CaptureError that says why.
import type { ChildProcess } from 'node:child_process';
import { nodeChildProcess } from '../lazyNode';
import { Listeners } from '../listeners';
import type { CaptureCommand, CapturePlatform } from './backends';
import type { DevicePcmSource } from './deviceSource';
import { CaptureError, classifyCaptureExit } from './errors';
import { LEVEL_FLOOR_DB, pcmLevelDb, SilenceWatch, type SilenceWatchOptions } from './level';

export interface CaptureSourceOptions {
  readonly command: CaptureCommand;
  /** The rate the command was built for (mono 16-bit PCM). */
  readonly sampleRate: number;
  readonly platform: CapturePlatform;
  /** How long to wait for the first audio before giving up (default 5 s). */
  readonly firstAudioTimeoutMs?: number;
  /** How much audio is kept for resending after a reconnect (default 10 minutes). */
  readonly retainMs?: number;
  readonly silence?: SilenceWatchOptions;
  readonly env?: NodeJS.ProcessEnv;
}

export type CaptureEvent =
  /** At most every `LEVEL_EVERY_MS` of audio: the level of the latest audio. */
  | { type: 'level'; levelDb: number; capturedMs: number }
  /** Once per session: the input has been silent for the watch's time. */
  | { type: 'silence'; silentMs: number }
  /** The capture ended; `error` unless it was closed on purpose. */
  | { type: 'ended'; error?: CaptureError };

const LEVEL_EVERY_MS = 200;
const STDERR_KEEP = 4096;

export class CapturePcmSource implements DevicePcmSource {
  readonly kind = 'device' as const;
  private readonly bytesPerMs: number;
  private readonly retainBytes: number;
  private readonly chunks: { start: number; pcm: Buffer }[] = [];
  private keptFrom = 0;
  private total = 0;
  private carry: Buffer | undefined;
  private muted = false;
  private closing = false;
  private endedValue = false;
  private errorValue: CaptureError | undefined;
  private stderrTail = '';
  private levelValue = LEVEL_FLOOR_DB;
  private sinceLevelMs = 0;
  private readonly silence: SilenceWatch;
  private readonly listeners = new Listeners<CaptureEvent>();
  private waiters: { ms: number; resolve: () => void }[] = [];

  private constructor(
    private readonly options: CaptureSourceOptions,
    private readonly child: ChildProcess,
  ) {
    this.bytesPerMs = (options.sampleRate * 2) / 1000;
    this.retainBytes = Math.round((options.retainMs ?? 600_000) * this.bytesPerMs);
    this.silence = new SilenceWatch(options.silence);
  }

  /** Starts the program; resolves once it delivered audio, rejects with why it could not. */
  static open(options: CaptureSourceOptions): Promise<CapturePcmSource> {
    const { command, platform } = options;
    return new Promise((resolve, reject) => {
      let child: ChildProcess;
      try {
        child = nodeChildProcess().spawn(command.program, [...command.args], {
          stdio: ['ignore', 'pipe', 'pipe'],
          windowsHide: true,
          shell: false,
          env: options.env,
        });
      } catch (e) {
        return reject(new CaptureError({ problem: 'program_missing', program: command.program, platform, detail: (e as Error).message }));
      }
      const source = new CapturePcmSource(options, child);
      const timer = setTimeout(() => {
        void source.close();
        reject(new CaptureError({ problem: 'no_audio', program: command.program, platform, stderr: source.stderrTail }));
      }, options.firstAudioTimeoutMs ?? 5_000);
      const off = source.onEvent((e) => {
        if (e.type !== 'ended') return;
        clearTimeout(timer);
        off();
        reject(e.error ?? new CaptureError({ problem: 'program_died', program: command.program, platform }));
      });
      source.firstAudio = () => {
        clearTimeout(timer);
        off();
        resolve(source);
      };
      source.attach();
    });
  }

  private firstAudio: (() => void) | undefined;

  get capturedMs(): number {
    return this.total / this.bytesPerMs;
  }

  get retainedFromMs(): number {
    return this.keptFrom / this.bytesPerMs;
  }

  get ended(): boolean {
    return this.endedValue;
  }

  /** Infinite while the device runs; what was captured once it ended. */
  get durationMs(): number {
    return this.endedValue ? this.capturedMs : Number.POSITIVE_INFINITY;
  }

  /** Why the capture ended, when it was not closed on purpose. */
  get error(): CaptureError | undefined {
    return this.errorValue;
  }

  get levelDb(): number {
    return this.levelValue;
  }

  get isMuted(): boolean {
    return this.muted;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  onEvent(listener: (e: CaptureEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  mute(muted: boolean): void {
    if (this.muted === muted) return;
    this.muted = muted;
    this.carry = undefined;
    this.silence.reset();
    if (muted) this.levelValue = LEVEL_FLOOR_DB;
  }

  async read(fromMs: number, toMs: number): Promise<Buffer> {
    const from = Math.max(this.keptFrom, alignDown(Math.round(fromMs * this.bytesPerMs)));
    const to = Math.min(this.total, alignDown(Math.round(toMs * this.bytesPerMs)));
    if (to <= from) return Buffer.alloc(0);
    const parts: Buffer[] = [];
    for (const c of this.chunks) {
      const end = c.start + c.pcm.length;
      if (end <= from) continue;
      if (c.start >= to) break;
      parts.push(c.pcm.subarray(Math.max(0, from - c.start), Math.min(c.pcm.length, to - c.start)));
    }
    return Buffer.concat(parts);
  }

  waitForAudio(ms: number, signal?: AbortSignal): Promise<void> {
    if (this.endedValue || this.capturedMs >= ms || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = { ms, resolve: () => (signal?.removeEventListener('abort', waiter.resolve), resolve()) };
      this.waiters.push(waiter);
      signal?.addEventListener('abort', waiter.resolve, { once: true });
    });
  }

  /** Stops the program (closing on purpose: no error). SIGKILL if it ignores SIGTERM for 2 s. */
  async close(): Promise<void> {
    this.closing = true;
    if (this.endedValue) return;
    const exited = new Promise<void>((r) => this.onEvent((e) => e.type === 'ended' && r()));
    this.child.kill('SIGTERM');
    const force = setTimeout(() => this.child.kill('SIGKILL'), 2_000);
    await exited;
    clearTimeout(force);
  }

  private attach(): void {
    const { command, platform } = this.options;
    this.child.stdout!.on('data', (data: Buffer) => this.onData(data));
    this.child.stderr!.on('data', (data: Buffer) => (this.stderrTail = (this.stderrTail + data.toString('utf8')).slice(-STDERR_KEEP)));
    let spawnError: Error | undefined;
    this.child.on('error', (e) => (spawnError = e));
    this.child.on('close', (code, signal) => {
      let error: CaptureError | undefined;
      if (spawnError && (spawnError as NodeJS.ErrnoException).code === 'ENOENT') {
        error = new CaptureError({ problem: 'program_missing', program: command.program, platform });
      } else if (!this.closing) {
        error = classifyCaptureExit({ program: command.program, platform, exitCode: code, signal, stderr: this.stderrTail || spawnError?.message });
      }
      this.end(error);
    });
  }

  private onData(data: Buffer): void {
    if (this.closing) return;
    if (this.muted) return;
    let pcm = this.carry ? Buffer.concat([this.carry, data]) : data;
    this.carry = undefined;
    if (pcm.length % 2) {
      this.carry = Buffer.from(pcm.subarray(pcm.length - 1));
      pcm = pcm.subarray(0, pcm.length - 1);
    }
    if (pcm.length === 0) return;
    this.chunks.push({ start: this.total, pcm: Buffer.from(pcm) });
    this.total += pcm.length;
    this.trim();
    const durationMs = pcm.length / this.bytesPerMs;
    this.levelValue = pcmLevelDb(pcm);
    if (this.silence.feed(this.levelValue, durationMs)) this.listeners.emit({ type: 'silence', silentMs: this.silence.silentForMs });
    this.sinceLevelMs += durationMs;
    if (this.sinceLevelMs >= LEVEL_EVERY_MS) {
      this.sinceLevelMs = 0;
      this.listeners.emit({ type: 'level', levelDb: this.levelValue, capturedMs: this.capturedMs });
    }
    this.firstAudio?.();
    this.firstAudio = undefined;
    this.wakeWaiters();
  }

  private trim(): void {
    while (this.chunks.length > 1 && this.total - this.chunks[1].start >= this.retainBytes) {
      this.chunks.shift();
      this.keptFrom = this.chunks[0].start;
    }
  }

  private wakeWaiters(): void {
    const now = this.capturedMs;
    const due = this.waiters.filter((w) => this.endedValue || w.ms <= now);
    this.waiters = this.waiters.filter((w) => !due.includes(w));
    for (const w of due) w.resolve();
  }

  private end(error: CaptureError | undefined): void {
    if (this.endedValue) return;
    this.endedValue = true;
    this.errorValue = error;
    this.wakeWaiters();
    this.listeners.emit({ type: 'ended', error });
  }
}

function alignDown(bytes: number): number {
  return bytes - (bytes % 2);
}
