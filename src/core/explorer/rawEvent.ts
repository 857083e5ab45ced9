// One raw event behind a stream, as the event table shows it: an SSE event (name, id, data) or a
// WebSocket message (named by its `data.action`, else its `type`). Every stream taps its events here,
// so the work is deferred to the first read (most events are never shown): `data` is redacted then,
// once, and a WebSocket message is parsed for its name then, so every reader only ever sees redacted
// text and the stream's hot path pays for neither.
import { redact } from '../redact';

export interface RawEvent {
  /** ms since the epoch. */
  readonly time: number;
  readonly event: string;
  readonly id?: string;
  /** Redacted. */
  readonly data: string;
}

export function rawSseEvent(event: string | undefined, id: string | undefined, text: string): RawEvent {
  let raw: string | undefined = text; // dropped once redacted: the ring buffer keeps only the masked text
  let redacted: string | undefined;
  return {
    time: Date.now(),
    event: event ?? 'message',
    id,
    get data() {
      if (redacted === undefined) [redacted, raw] = [redact(raw!), undefined];
      return redacted;
    },
  };
}

export function rawWsMessage(text: string): RawEvent {
  let raw: string | undefined = text; // dropped once read: the ring buffer keeps only the name and the masked text
  let name: string | undefined;
  let redacted: string | undefined;
  const read = () => {
    if (raw === undefined) return;
    [name, redacted, raw] = [wsMessageName(raw), redact(raw), undefined];
  };
  return {
    time: Date.now(),
    get event() {
      read();
      return name!;
    },
    get data() {
      read();
      return redacted!;
    },
  };
}

function wsMessageName(text: string): string {
  try {
    const m = JSON.parse(text) as { type?: unknown; data?: { action?: unknown } };
    return typeof m.data?.action === 'string' ? m.data.action : typeof m.type === 'string' ? m.type : 'message';
  } catch {
    return 'message'; // not JSON: shown as it came
  }
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
