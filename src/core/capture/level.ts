// How loud the captured audio is: the RMS level of 16-bit PCM in dBFS (for the level meter) and a
// watch that notices when the input has been silent for a while (a wrong device, a muted mic).

/** The quietest level reported: digital silence is shown as this. */
export const LEVEL_FLOOR_DB = -90;

/** RMS level of 16-bit little-endian mono PCM in dBFS (0 is full scale). */
export function pcmLevelDb(pcm: Buffer): number {
  const n = Math.floor(pcm.length / 2);
  if (n === 0) return LEVEL_FLOOR_DB;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = pcm.readInt16LE(i * 2) / 32768;
    sum += v * v;
  }
  const rms = Math.sqrt(sum / n);
  return rms > 0 ? Math.max(LEVEL_FLOOR_DB, 20 * Math.log10(rms)) : LEVEL_FLOOR_DB;
}

export interface SilenceWatchOptions {
  /** How long the input must stay silent (ms of audio) before it is reported. */
  afterMs?: number;
  /** Below this level (dBFS) audio counts as silence: below a quiet room through a real microphone. */
  thresholdDb?: number;
}

/**
 * Counts silent audio, by audio time rather than wall time (so it follows the device): reports once
 * per session when `afterMs` of silence came in a row. Sound resets the count; `reset()` (after a
 * mute) starts it again.
 */
export class SilenceWatch {
  readonly afterMs: number;
  readonly thresholdDb: number;
  private silentMs = 0;
  private reported = false;

  constructor(options: SilenceWatchOptions = {}) {
    this.afterMs = options.afterMs ?? 10_000;
    this.thresholdDb = options.thresholdDb ?? -60;
  }

  /** Feeds `durationMs` of audio at `levelDb`; true exactly once, when the silence first reaches `afterMs`. */
  feed(levelDb: number, durationMs: number): boolean {
    if (levelDb >= this.thresholdDb) {
      this.silentMs = 0;
      return false;
    }
    this.silentMs += durationMs;
    if (this.reported || this.silentMs < this.afterMs) return false;
    this.reported = true;
    return true;
  }

  get silentForMs(): number {
    return this.silentMs;
  }

  reset(): void {
    this.silentMs = 0;
  }
}

/** A level as a short meter for the status bar: eight steps from -60 dBFS to 0. */
export function levelBar(levelDb: number): string {
  const steps = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
  const f = Math.max(0, Math.min(1, (levelDb + 60) / 60));
  return steps[Math.min(steps.length - 1, Math.floor(f * steps.length))];
}
