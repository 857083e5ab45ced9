// Interfaces between stream producers (Vurbo SSE, live sessions, broadcast viewer) and the streams
// feature that owns output channels, the running-streams status-bar item and `speechApi.stopStream`.
import type * as vscode from 'vscode';
import type { RawEvent } from '../../core/explorer/rawEvent';
import type { TranscriptEvent } from '../../core/transcript/model';

export interface RunningStream {
  readonly id: string;
  /** Shown in the status-bar list, e.g. "History · Meeting Notes". */
  readonly label: string;
  readonly kind: 'sse' | 'live' | 'broadcast';
  /** Stops the stream; must be idempotent. */
  stop(): void;
}

export interface StreamRegistry {
  /** Tracks a stream until the returned disposable is disposed (call it when the stream ends). */
  add(stream: RunningStream): vscode.Disposable;
  list(): readonly RunningStream[];
  readonly onDidChange: vscode.Event<void>;
  /** The raw-event tap: one event of the stream `id` as it came off the wire, redacted by the producer. */
  recordRaw(id: string, event: RawEvent): void;
  /** Running and just-finished streams with their last raw events, running ones first, newest first. */
  recorded(): readonly RecordedStream[];
  readonly onDidRecordRaw: vscode.Event<{ readonly id: string; readonly event: RawEvent }>;
}

export interface RecordedStream {
  readonly id: string;
  readonly label: string;
  readonly kind: RunningStream['kind'];
  readonly running: boolean;
  /** The last events (older ones are dropped; `dropped` counts them). */
  readonly events: readonly RawEvent[];
  readonly dropped: number;
}

/** A transcript rendered into one output channel, appends batched so huge streams stay smooth. */
export interface TranscriptOutput extends vscode.Disposable {
  /** Applies one event (dedupe by sid happens inside) and schedules a batched render. */
  apply(event: TranscriptEvent): void;
  /** A free-form line (connection notices, reconnects). */
  note(line: string): void;
  show(): void;
  /** Renders everything pending now. */
  flush(): void;
}

export interface TranscriptOutputFactory {
  /** One channel per name ("Vurbo: Meeting Notes"); reuses and clears an existing one. */
  open(name: string): TranscriptOutput;
}
