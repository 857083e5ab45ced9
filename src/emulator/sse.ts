// Server-sent events for the emulator, with the per-stream fault knobs (drop, stall, malformed).
import type { ServerResponse } from 'node:http';
import type { Fault } from './server';

export class SseWriter {
  private events = 0;
  private stalled = false;
  private closedFlag = false;

  constructor(private readonly res: ServerResponse, private readonly fault?: Fault, headers: Record<string, string> = {}) {
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
    let frame = '';
    if (id !== undefined) frame += `id: ${id}\n`;
    frame += `event: ${event}\n`;
    for (const line of payload.split('\n')) frame += `data: ${line}\n`;
    frame += '\n';
    this.res.write(frame);
    if (f?.dropAfterEvents !== undefined && this.events >= f.dropAfterEvents) {
      setImmediate(() => this.res.socket?.destroy());
      this.closedFlag = true;
      return false;
    }
    return true;
  }

  comment(text: string): void {
    if (!this.closed) this.res.write(`: ${text}\n\n`);
  }

  end(): void {
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
