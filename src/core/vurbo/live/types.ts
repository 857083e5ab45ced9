// What a live session reports and how it is configured: its public state, the events its listeners
// get, the outcome it settles with, and its options.
import type { ApiEndpoint } from '../../endpoint';
import type { ApiError } from '../../errors';
import type { TranscriptEvent } from '../../transcript/model';
import type { LiveStartParams } from '../liveProtocol';
import type { Clock, PcmSource } from '../wav';

export type LiveState = 'connecting' | 'live' | 'paused' | 'reconnecting' | 'finishing' | 'completed' | 'failed' | 'cancelled';

/**
 * `processing-unconfirmed`: the finish wait ran out before the server confirmed the task was processed.
 * `audio-ended`: the audio source ended (the end of a file, or a capture that stopped) before Stop.
 */
export type LiveNoteCode = 'processing-unconfirmed' | 'audio-ended';

export type LiveSessionEvent =
  | { type: 'state'; state: LiveState }
  | { type: 'transcript'; event: TranscriptEvent }
  | { type: 'started'; taskId?: string; resumed: boolean; newTask: boolean; broadcastPhase?: string }
  /**
   * Connection notices: reconnecting, resumed, processing steps. A note with a `code` is one the
   * extension words itself (it may name its views); `text` is then only a plain fallback for logs.
   */
  | { type: 'note'; text: string; code?: LiveNoteCode }
  /** A non-fatal session error (severity error/warning, no sid): shown, the session goes on. */
  | { type: 'warning'; error: ApiError }
  | { type: 'phase'; phase: string }
  | { type: 'viewers'; count: number };

export interface LiveOutcome {
  readonly state: 'completed' | 'failed' | 'cancelled';
  readonly taskId?: string;
  readonly error?: ApiError;
  readonly finalSentences: number;
  readonly summary?: string;
  /** True when the session ended before the server confirmed the task was processed. */
  readonly processingUnconfirmed: boolean;
}

export interface ReconnectPolicy {
  /** Attempts in a row before giving up (reset by every successful `session_started`). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface LiveSessionOptions {
  endpoint: ApiEndpoint;
  params: LiveStartParams;
  audio: PcmSource;
  clock?: Clock;
  /** Playback speed of the audio (1 = real time). */
  speed?: number;
  chunkMs?: number;
  heartbeatMs?: number;
  reconnect?: Partial<ReconnectPolicy>;
  /** How long to wait after `stop` for task_complete / summary_done. */
  finishTimeoutMs?: number;
  handshakeTimeoutMs?: number;
  /** How long to wait for `session_started` after `start` (default 15 s). */
  startTimeoutMs?: number;
  userAgent?: string;
  random?: () => number;
  /** Every text message the server sent, as it came (for the raw-event tap). Must not throw. */
  onRawMessage?(text: string): void;
}
