// Releases a device's audio as it arrives: paced by the device, not by a timer. Pause and resume
// mute the device (nothing is captured while paused); a seek back after a reconnect resends the
// retained audio at once, then follows the device again.
import type { PcmChunk } from '../vurbo/wav';
import type { DevicePcmSource } from './deviceSource';

export class DevicePacer {
  readonly chunkMs: number;
  private sentMs = 0;
  private endMs = Number.POSITIVE_INFINITY;
  private stopped = false;
  private paused = false;
  private wake = new AbortController();

  constructor(
    private readonly source: DevicePcmSource,
    options: { chunkMs?: number } = {},
  ) {
    this.chunkMs = options.chunkMs ?? 100;
  }

  get positionMs(): number {
    return this.sentMs;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  pause(): void {
    this.paused = true;
    this.source.mute(true);
  }

  resume(): void {
    this.paused = false;
    this.source.mute(false);
    this.poke();
  }

  seek(ms: number): void {
    this.sentMs = Math.max(this.source.retainedFromMs, Math.min(ms, this.source.capturedMs));
    this.poke();
  }

  /** Ends the audio at what has been captured: that is still handed out, then `next()` ends. */
  finishAtPlayhead(): void {
    this.source.mute(true);
    this.endMs = this.source.capturedMs;
    this.poke();
  }

  stop(): void {
    this.stopped = true;
    this.poke();
  }

  /** The next chunk once the device has delivered it; undefined when the capture is over. */
  async next(signal?: AbortSignal): Promise<PcmChunk | undefined> {
    for (;;) {
      if (this.stopped || signal?.aborted) return undefined;
      const captured = this.source.capturedMs;
      const end = this.source.ended ? Math.min(this.endMs, captured) : this.endMs;
      if (this.sentMs >= end) return undefined;
      const available = Math.min(end, captured);
      // Whole chunks while the device runs; the tail once the audio has ended.
      if (available - this.sentMs >= this.chunkMs || (available >= end && available > this.sentMs)) {
        const start = this.sentMs;
        const stop = Math.min(start + this.chunkMs, available);
        const pcm = await this.source.read(start, stop);
        if (this.stopped || signal?.aborted) return undefined;
        if (this.sentMs !== start) continue; // a seek while reading wins
        this.sentMs = stop;
        return { startMs: start, endMs: stop, pcm };
      }
      const wake = this.wake;
      await this.source.waitForAudio(this.sentMs + this.chunkMs, signal ? AbortSignal.any([wake.signal, signal]) : wake.signal);
    }
  }

  private poke(): void {
    const old = this.wake;
    this.wake = new AbortController();
    old.abort();
  }
}
