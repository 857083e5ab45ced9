// Releases a device's audio as it arrives: paced by the device, not by a timer. Pause and resume
// mute the device (nothing is captured while paused); a seek back after a reconnect resends the
// retained audio at once, then follows the device again.
import { ChunkPacer, type ChunkDue } from '../vurbo/chunkPacer';
import type { DevicePcmSource } from './deviceSource';

export class DevicePacer extends ChunkPacer {
  private endMs = Number.POSITIVE_INFINITY;

  constructor(
    private readonly source: DevicePcmSource,
    options: { chunkMs?: number } = {},
  ) {
    super(source, options.chunkMs);
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

  /** Whole chunks while the device runs; the tail once the audio has ended. */
  protected dueChunkEnd(): ChunkDue {
    const captured = this.source.capturedMs;
    const end = this.source.ended ? Math.min(this.endMs, captured) : this.endMs;
    if (this.sentMs >= end) return 'over';
    const available = Math.min(end, captured);
    if (available - this.sentMs >= this.chunkMs || (available >= end && available > this.sentMs)) return Math.min(this.sentMs + this.chunkMs, available);
    return 'wait';
  }

  protected waitForMore(signal: AbortSignal): Promise<void> {
    return this.source.waitForAudio(this.sentMs + this.chunkMs, signal);
  }
}
