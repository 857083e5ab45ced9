// One raw event behind a stream, as the event table shows it: an SSE event (name, id, data) or a
// WebSocket message (named by its `data.action`, else its `type`). The data is redacted here, once,
// so every tap (the explorer's own requests, the transcript streams, live sessions) is safe to show.
import { redact } from '../redact';

export interface RawEvent {
  /** ms since the epoch. */
  readonly time: number;
  readonly event: string;
  readonly id?: string;
  /** Redacted. */
  readonly data: string;
}

export function rawSseEvent(event: string | undefined, id: string | undefined, data: string): RawEvent {
  return { time: Date.now(), event: event ?? 'message', id, data: redact(data) };
}

export function rawWsMessage(text: string): RawEvent {
  let name = 'message';
  try {
    const m = JSON.parse(text) as { type?: unknown; data?: { action?: unknown } };
    name = typeof m.data?.action === 'string' ? m.data.action : typeof m.type === 'string' ? m.type : name;
  } catch {
    // Not JSON: shown as it came.
  }
  return { time: Date.now(), event: name, data: redact(text) };
}

/** The last `max` events of a stream (a long live session keeps its newest). */
export class RawEventRing {
  private readonly items: RawEvent[] = [];
  dropped = 0;

  constructor(private readonly max: number) {}

  push(e: RawEvent): void {
    this.items.push(e);
    if (this.items.length > this.max) {
      this.items.shift();
      this.dropped++;
    }
  }

  list(): readonly RawEvent[] {
    return this.items;
  }
}
