// Server-sent events for the emulator, with the per-stream fault knobs (drop, stall, malformed).
import type { ServerResponse } from 'node:http';
import type { Fault } from './server';

export class SseWriter {
  private events = 0;
  private stalled = false;
  private closedFlag = false;
  /** Frames collected between hold() and flush(), written in one go. */
  private pending: string | undefined;

  constructor(
    private readonly res: ServerResponse,
    private readonly fault?: Fault,
    headers: Record<string, string> = {},
  ) {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...headers,
    });
    res.flushHeaders();
    res.on('close', () => (this.closedFlag = true));
  }

  /** True once the client went away or a fault cut the stream: producers should stop. */
  get closed(): boolean {
    return this.closedFlag || this.stalled || this.res.destroyed;
  }

  /** Sends one named event; returns false when nothing more should be sent. */
  send(event: string, data: unknown, id?: string | number): boolean {
    if (this.closed) return false;
    const f = this.fault;
    const n = this.events++;
    if (f?.stallAfterEvents !== undefined && n >= f.stallAfterEvents) {
      // Keep the socket open and silent: the client must notice with its idle timeout.
      this.stalled = true;
      return false;
    }
    let payload = typeof data === 'string' ? data : JSON.stringify(data);
    if (f?.malformedEventAt === n) payload = payload.slice(0, Math.max(1, Math.floor(payload.length / 2)));
    let frame = id !== undefined ? `id: ${id}\nevent: ${event}\n` : `event: ${event}\n`;
    // JSON.stringify never writes a raw line break, so most payloads are one `data:` line.
    if (payload.includes('\n')) for (const line of payload.split('\n')) frame += `data: ${line}\n`;
    else frame += `data: ${payload}\n`;
    frame += '\n';
    if (this.pending !== undefined) this.pending += frame;
    else this.res.write(frame);
    if (f?.dropAfterEvents !== undefined && this.events >= f.dropAfterEvents) {
      this.flush();
      setImmediate(() => this.res.socket?.destroy());
      this.closedFlag = true;
      return false;
    }
    return true;
  }

  /** Collects the following events into one socket write (until flush()), for unpaced streams. */
  hold(): void {
    this.pending ??= '';
  }

  /** Writes what hold() collected. */
  flush(): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending && !this.res.destroyed) this.res.write(pending);
  }

  comment(text: string): void {
    if (!this.closed) this.res.write(`: ${text}\n\n`);
  }

  end(): void {
    this.flush();
    if (this.stalled) return;
    if (!this.res.destroyed && !this.res.writableEnded) this.res.end();
    this.closedFlag = true;
  }

  /** Waits for the socket buffer to drain when the client reads slowly. */
  async drain(): Promise<void> {
    if (this.res.writableNeedDrain && !this.closed) {
      await new Promise<void>((resolve) => {
        const done = () => {
          this.res.off('drain', done);
          this.res.off('close', done);
          resolve();
        };
        this.res.on('drain', done);
        this.res.on('close', done);
      });
    }
  }
}
