// Knobs of the emulator, shared by its provider modules.
import type { SandboxKeys } from './keys';

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  /** Keys accepted by the emulator; generated when absent. Extra keys are accepted too. */
  keys?: Partial<SandboxKeys>;
  extraValossaKeys?: string[];
  extraVurboKeys?: string[];
  /** Add the seeded jobs/tasks/broadcasts (default true). */
  seed?: boolean;
  /** Milliseconds a Valossa job spends in each lifecycle stage (default 1500). */
  jobStepMs?: number;
  /** What job_status says in poll_again_after_seconds while a job runs (default 1). */
  pollAgainAfterSeconds?: number;
  /** WebSocket ticket lifetime in ms (documented: 60 s). */
  ticketTtlMs?: number;
  /** Delay between SSE events in ms (0 = as fast as the socket takes them; default 0). */
  sseEventIntervalMs?: number;
  /**
   * Whether SSE events carry `id:` lines (default true). The docs show none (vurbo-vas.md §5): a
   * server without them cannot resume, so a reconnect gets the stream again from its start.
   */
  sseIds?: boolean;
  /**
   * How an SSE stream ends (NOT DOCUMENTED): with its terminal event (`done`, the default), by
   * closing the connection without one, or with a terminal event under a name the client does not know.
   */
  sseEnd?: 'terminal' | 'close' | 'unknownTerminal';
  /** Valossa cancel_job semantics (EMULATOR CHOICE, valossa-core.md §3.5). */
  cancelMode?: 'error-cancelled' | 'remove';
  /** Log lines (requests are logged redacted). */
  log?: (line: string) => void;
}

export interface ResolvedOptions extends Required<Omit<EmulatorOptions, 'keys' | 'log' | 'port'>> {
  keys: SandboxKeys;
  log: (line: string) => void;
}
