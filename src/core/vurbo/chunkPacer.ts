// The loop both pacers share (a file's PcmPacer, paced by a clock; a microphone's DevicePacer, paced
// by the device): hand out the next chunk once it is due, let a seek during a read win, and wait on a
// wake signal that every state change cuts short.
import type { PcmChunk } from './wav';

/** What is due now: the end (ms) of the next chunk, 'over' when nothing more will come, or 'wait'. */
export type ChunkDue = number | 'over' | 'wait';

interface PcmReader {
  read(fromMs: number, toMs: number): Promise<Buffer>;
}

export abstract class ChunkPacer {
  readonly chunkMs: number;
  protected sentMs = 0;
  protected paused = false;
  protected stopped = false;
  private wake = new AbortController();

  protected constructor(
    private readonly reader: PcmReader,
    chunkMs: number | undefined,
  ) {
    this.chunkMs = chunkMs ?? 100;
  }

  /** How much audio has been handed out. */
  get positionMs(): number {
    return this.sentMs;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  stop(): void {
    this.stopped = true;
    this.poke();
  }

  /** The next chunk once it is due; undefined when the audio is over or the pacer stopped. */
  async next(signal?: AbortSignal): Promise<PcmChunk | undefined> {
    for (;;) {
      if (this.stopped || signal?.aborted) return undefined;
      const due = this.dueChunkEnd();
      if (due === 'over') return undefined;
      if (due !== 'wait') {
        const start = this.sentMs;
        const pcm = await this.reader.read(start, due);
        if (this.stopped || signal?.aborted) return undefined;
        // A seek while reading wins: hand out nothing stale.
        if (this.sentMs !== start) continue;
        this.sentMs = due;
        return { startMs: start, endMs: due, pcm };
      }
      const wake = this.wake;
      await this.waitForMore(signal ? AbortSignal.any([wake.signal, signal]) : wake.signal);
    }
  }

  protected abstract dueChunkEnd(): ChunkDue;

  /** Waits until more could be due; `signal` aborts when the state changes or the caller gives up. */
  protected abstract waitForMore(signal: AbortSignal): Promise<void>;

  /** Cuts any wait short so state changes take effect now. */
  protected poke(): void {
    const old = this.wake;
    this.wake = new AbortController();
    old.abort();
  }
}
