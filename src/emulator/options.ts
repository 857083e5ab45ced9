// Knobs of the emulator, shared by its provider modules.
import type { BatchRevokeField } from '../core/vurbo/inferred';
import type { SandboxKeys } from './keys';

export interface EmulatorOptions {
  /** 0 picks a free port. Unset: the state file's port if it has one (else any free port). */
  port?: number;
  /**
   * Keep port, keys, Valossa jobs and Vurbo tasks in this JSON file: loaded at start when it exists,
   * written a moment after each change and on close. Keys given in `keys` win over the file's.
   */
  stateFile?: string;
  /** How long to wait for the state file's port to become free before taking another (default 5000). */
  portWaitMs?: number;
  /** Keys accepted by the emulator; generated when absent. Extra keys are accepted too. */
  keys?: Partial<SandboxKeys>;
  extraValossaKeys?: string[];
  extraVurboKeys?: string[];
  /** Add the seeded jobs/tasks/broadcasts (default true). */
  seed?: boolean;
  /** Milliseconds a Valossa job spends in each lifecycle stage (default 1500). */
  jobStepMs?: number;
  /** The same for the seeded jobs that are still running at start: slower, so they can be seen (default 60 000). */
  seedJobStepMs?: number;
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
  /**
   * The shape of Vurbo REST error bodies: the unified envelope `{type: 'error', data: {error_code, …}}`
   * (default) or the flat `{error_code, message}` that the docs' example clients read (§9).
   */
  vurboErrorShape?: 'unified' | 'flat';
  /**
   * Keys the emulator refuses with one of the seed's documented authentication errors (003,
   * "Authentication Errors"), with its documented status: expired and disabled keys 401, a disabled
   * user 403, a used-up budget 402. Tests generate the key and name its failure here.
   */
  vurboKeyFailures?: Record<string, VurboKeyFailure>;
  /**
   * The one body field DELETE /broadcasts/batch accepts for its ids (INFERRED, §4.4; default `ids`);
   * a body without it is refused with `validation_failed`, as a strict server would.
   */
  batchRevokeField?: BatchRevokeField;
  /** Valossa cancel_job semantics (EMULATOR CHOICE, valossa-core.md §3.5). */
  cancelMode?: 'error-cancelled' | 'remove';
  /** Log lines (requests are logged redacted). */
  log?: (line: string) => void;
}

export type VurboKeyFailure = 'auth_key_expired' | 'auth_key_disabled' | 'auth_user_disabled' | 'auth_budget_exceeded';

/** The seed's table (003): status and message of each documented authentication error. */
export const VURBO_KEY_FAILURES: Readonly<Record<VurboKeyFailure, { status: number; message: string }>> = {
  auth_key_expired: { status: 401, message: 'API key expired' },
  auth_key_disabled: { status: 401, message: 'API key disabled' },
  auth_user_disabled: { status: 403, message: 'User disabled' },
  auth_budget_exceeded: { status: 402, message: 'Monthly budget exceeded' },
};

export interface ResolvedOptions extends Required<Omit<EmulatorOptions, 'keys' | 'log' | 'port' | 'stateFile' | 'portWaitMs'>> {
  keys: SandboxKeys;
  log: (line: string) => void;
}
