// Longer than 400 lines: the error catalogue is one pair of tables (a line per code in each), read and checked together.
// The one error catalogue: every documented error of both providers, plus the transport failures,
// mapped to a neutral English message for the CLI and logs: it names no view and no command, because
// src/features words and localizes what the user sees (features/shared/errorMessages.ts).
// `parseErrorBody` turns any failed response into an ApiError.
import type { ProviderId } from './providers';
import { redact } from './redact';

export type Severity = 'fatal' | 'error' | 'warning';

/** What the user should do next; features turn this into a button. */
export type UserAction =
  | 'setKey' // the key is missing/wrong: set or replace it
  | 'newTicket' // WebSocket ticket problem: connect again (a fresh ticket is fetched)
  | 'retryLater' // transient server trouble
  | 'waitRateLimit' // 429: wait for Retry-After
  | 'checkBudget' // 402 / quota: top up or wait for the next period
  | 'contactSupport' // the key or the account is disabled: only the provider's support can help
  | 'fixInput' // the request was wrong
  | 'refresh' // the object is gone or changed: load it again
  | 'wait' // the job is not ready yet
  | 'checkConnection' // network unreachable, timeout, proxy page
  | 'confirmHost' // a workspace setting names the host: the user must agree before a key goes there
  | 'none';

export interface CatalogueEntry {
  readonly code: string;
  readonly provider: ProviderId | 'any';
  readonly httpStatus?: number;
  readonly severity: Severity;
  readonly retryable: boolean;
  /** Neutral English (CLI, logs, fallback): what happened and what to do, naming no UI. */
  readonly message: string;
  readonly action: UserAction;
  /** DOCUMENTED in ../shared/api, or our own INFERRED/EMULATOR CHOICE name. */
  readonly source: 'documented' | 'inferred' | 'transport';
}

/** A code's traits: who answers with it, its HTTP status (undefined where none comes with it), severity, retryable, action, source. */
type Traits = readonly [
  provider: CatalogueEntry['provider'],
  httpStatus: number | undefined,
  severity: Severity,
  retryable: boolean,
  action: UserAction,
  source: CatalogueEntry['source'],
];

const TRAITS = {
  // Vurbo authentication (vurbo-vas.md §2.1, §9)
  auth_missing_api_key: ['vurbo', 401, 'fatal', false, 'setKey', 'documented'],
  auth_invalid_api_key: ['vurbo', 401, 'fatal', false, 'setKey', 'documented'],
  auth_invalid_key_format: ['vurbo', 401, 'fatal', false, 'setKey', 'documented'],
  auth_key_expired: ['vurbo', 401, 'fatal', false, 'setKey', 'documented'],
  auth_key_disabled: ['vurbo', 401, 'fatal', false, 'contactSupport', 'documented'],
  auth_user_disabled: ['vurbo', 403, 'fatal', false, 'contactSupport', 'documented'],
  auth_budget_exceeded: ['vurbo', 402, 'error', false, 'checkBudget', 'documented'],
  // Vurbo tickets (§2.2)
  ticket_invalid: ['vurbo', 401, 'fatal', true, 'newTicket', 'documented'],
  ticket_expired: ['vurbo', 401, 'fatal', true, 'newTicket', 'documented'],
  ticket_already_used: ['vurbo', 401, 'fatal', true, 'newTicket', 'documented'],
  ticket_validation_failed: ['vurbo', 500, 'error', true, 'retryLater', 'documented'],
  // Vurbo validation and features (§4.6, §6.2, §4.9)
  validation_failed: ['vurbo', 400, 'error', false, 'fixInput', 'documented'],
  tts_invalid_language: ['vurbo', 400, 'error', false, 'fixInput', 'documented'],
  diarization_multilang_conflict: ['vurbo', undefined, 'fatal', false, 'fixInput', 'documented'],
  summary_mode_conflict: ['vurbo', 400, 'error', false, 'fixInput', 'inferred'],
  // Vurbo: inferred codes the docs hint at but do not name (kept here, in one place).
  task_not_found: ['vurbo', 404, 'error', false, 'refresh', 'inferred'],
  import_not_found: ['vurbo', 404, 'error', false, 'refresh', 'inferred'],
  broadcast_not_found: ['vurbo', 404, 'error', false, 'fixInput', 'inferred'],
  broadcast_password_invalid: ['vurbo', 401, 'error', false, 'fixInput', 'inferred'],
  broadcast_password_required: ['vurbo', 401, 'error', false, 'fixInput', 'inferred'],
  invalid_state: ['vurbo', 409, 'error', false, 'refresh', 'inferred'],
  speaker_label_invalid: ['vurbo', 400, 'error', false, 'fixInput', 'documented'],
  // Vurbo live sessions and broadcasts (§6, §7): the WS event names are documented, these codes are ours.
  translation_failed: ['vurbo', undefined, 'error', false, 'none', 'inferred'],
  stt_service_error: ['vurbo', undefined, 'fatal', false, 'retryLater', 'inferred'],
  upload_error: ['vurbo', undefined, 'error', false, 'none', 'inferred'],
  summary_error: ['vurbo', undefined, 'warning', false, 'none', 'inferred'],
  task_failed: ['vurbo', undefined, 'error', false, 'refresh', 'inferred'],
  live_connection_lost: ['vurbo', undefined, 'error', false, 'checkConnection', 'inferred'],
  viewer_access_token_invalid: ['vurbo', 401, 'error', false, 'fixInput', 'inferred'],
  broadcast_full: ['vurbo', 503, 'error', true, 'retryLater', 'inferred'],
  broadcast_session_active: ['vurbo', 409, 'fatal', false, 'none', 'inferred'],
  broadcast_ended: ['vurbo', 410, 'warning', false, 'none', 'inferred'],
  // Valossa (valossa-core.md §2): no machine codes are documented; ours are derived from the documented messages.
  valossa_invalid_api_key: ['valossa', 401, 'fatal', false, 'setKey', 'documented'],
  valossa_job_not_found: ['valossa', 404, 'error', false, 'refresh', 'documented'],
  valossa_malformed_request: ['valossa', 400, 'error', false, 'fixInput', 'documented'],
  valossa_missing_field: ['valossa', 400, 'error', false, 'fixInput', 'documented'],
  valossa_results_not_ready: ['valossa', 400, 'warning', false, 'wait', 'inferred'],
  valossa_cannot_cancel: ['valossa', 400, 'error', false, 'refresh', 'inferred'],
  valossa_bad_request: ['valossa', 400, 'error', false, 'fixInput', 'documented'],
  valossa_server_error: ['valossa', 500, 'error', true, 'retryLater', 'documented'],
  // Transport and generic HTTP, both providers.
  rate_limited: ['any', 429, 'warning', true, 'waitRateLimit', 'transport'],
  payment_required: ['any', 402, 'error', false, 'checkBudget', 'transport'],
  forbidden: ['any', 403, 'fatal', false, 'setKey', 'transport'],
  unauthorized: ['any', 401, 'fatal', false, 'setKey', 'transport'],
  not_found: ['any', 404, 'error', false, 'refresh', 'transport'],
  bad_request: ['any', 400, 'error', false, 'fixInput', 'transport'],
  server_error: ['any', 500, 'error', true, 'retryLater', 'transport'],
  bad_gateway: ['any', 502, 'error', true, 'retryLater', 'transport'],
  service_unavailable: ['any', 503, 'error', true, 'retryLater', 'transport'],
  network_error: ['any', undefined, 'error', true, 'checkConnection', 'transport'],
  timeout: ['any', undefined, 'error', true, 'checkConnection', 'transport'],
  stream_stalled: ['any', undefined, 'error', true, 'checkConnection', 'transport'],
  unexpected_response: ['any', undefined, 'error', false, 'retryLater', 'transport'],
  too_large: ['any', undefined, 'error', false, 'none', 'transport'],
  cancelled: ['any', undefined, 'warning', false, 'none', 'transport'],
  no_key: ['any', undefined, 'fatal', false, 'setKey', 'transport'],
  insecure_base_url: ['any', undefined, 'fatal', false, 'fixInput', 'transport'],
  host_not_confirmed: ['any', undefined, 'fatal', false, 'confirmHost', 'transport'],
} as const satisfies Record<string, Traits>;

/** Each code's neutral English (CatalogueEntry.message); the compiler keeps it in step with TRAITS. */
const MESSAGES: Readonly<Record<keyof typeof TRAITS, string>> = {
  auth_missing_api_key: 'No Vurbo API key was sent. Set a key and try again.',
  auth_invalid_api_key: 'The Vurbo API key was rejected. Check it in the Vurbo dashboard and set it again.',
  auth_invalid_key_format: 'The Vurbo API key is malformed: it must be "vas_" followed by 32 letters and digits. Set it again.',
  auth_key_expired: 'The Vurbo API key has expired. Request a new key in the Vurbo dashboard and set it.',
  auth_key_disabled: 'The Vurbo API key is disabled. Contact Vurbo technical support.',
  auth_user_disabled: 'Your Vurbo account is disabled. Contact Vurbo technical support; another key will not help.',
  auth_budget_exceeded: 'The monthly Vurbo budget is used up. Wait for it to reset, or adjust the budget in the dashboard.',
  ticket_invalid: 'The live-session ticket is invalid or expired. Connecting again fetches a new one.',
  ticket_expired: 'The live-session ticket expired (tickets last 60 s). Connecting again fetches a new one.',
  ticket_already_used: 'The live-session ticket was already used (tickets are single-use). Connecting again fetches a new one.',
  ticket_validation_failed: 'Vurbo could not validate the live-session ticket. Try again in a moment.',
  validation_failed: 'Vurbo rejected a parameter as missing or malformed.',
  tts_invalid_language: 'That language is not supported for text-to-speech. Pick another language.',
  diarization_multilang_conflict: 'Multi-speaker recognition needs exactly one transcription language. Choose one language or single-speaker mode.',
  summary_mode_conflict: 'The summary parameters conflict: "template" goes with builtin mode, "prompt"/"prompt_slug" with custom mode.',
  task_not_found: 'That Vurbo task no longer exists. Reload the task list.',
  import_not_found: 'That Vurbo import no longer exists.',
  broadcast_not_found: 'No broadcast has that share token, or it was revoked. Check the share link.',
  broadcast_password_invalid: 'The broadcast password is wrong. Ask the host for the current password.',
  broadcast_password_required: 'This broadcast is password-protected. Enter the password to watch it.',
  invalid_state: 'The task is not in a state that allows this action. Refresh and try again.',
  speaker_label_invalid: 'Speaker labels must be 1–100 characters with no control characters or line breaks.',
  translation_failed: 'This sentence could not be translated.',
  stt_service_error: 'The speech-recognition service failed and ended the live session. What was recorded so far is kept in the task.',
  upload_error: 'Vurbo could not upload part of the recording.',
  summary_error: 'Vurbo could not generate the summary; the transcript is kept.',
  task_failed: 'Vurbo could not process the recording and marked the task as failed. Retry the task to process it again.',
  live_connection_lost: 'The live session lost its connection and could not reconnect. What was recorded so far stays in the task.',
  viewer_access_token_invalid: 'The viewer access for this broadcast is invalid or expired. Enter the password again.',
  broadcast_full: 'The broadcast has reached its viewer limit. Try again in a moment.',
  broadcast_session_active: 'Another live session is already broadcasting to this broadcast. Stop it first.',
  broadcast_ended: 'The broadcast has ended.',
  valossa_invalid_api_key:
    'The Valossa API key is invalid, missing, expired or lacks permission. Set the key from Valossa Portal → My Account → Subscriptions and API Keys.',
  valossa_job_not_found: 'Valossa has no such job for this key (it may have been deleted). Reload the job list.',
  valossa_malformed_request: 'Valossa could not read the request body.',
  valossa_missing_field: 'A required field is missing from the Valossa request.',
  valossa_results_not_ready: 'The job has not finished yet, so its results are not available. Wait until it shows as finished.',
  valossa_cannot_cancel: 'Only queued jobs can be cancelled; this one has already started or ended.',
  valossa_bad_request: 'Valossa rejected the request.',
  valossa_server_error: 'Valossa had an unexpected server error. Try again later.',
  rate_limited: 'Too many requests. Waiting before trying again.',
  payment_required: 'The account has no budget or credits left for this request.',
  forbidden: 'The key is not allowed to do this.',
  unauthorized: 'The server rejected the credentials. Set the key again.',
  not_found: 'The server has no such resource.',
  bad_request: 'The server rejected the request.',
  server_error: 'The server had an error. Try again later.',
  bad_gateway: 'A proxy or gateway between you and the API failed. Try again later.',
  service_unavailable: 'The API is temporarily unavailable. Try again later.',
  network_error: 'Could not reach the API. Check the network and the base URL.',
  timeout: 'The API did not answer in time.',
  stream_stalled: 'The stream stopped sending data; reconnecting.',
  unexpected_response: 'The API sent a response that could not be understood.',
  too_large: 'The response is larger than the configured limit.',
  cancelled: 'Cancelled.',
  no_key: 'No API key is stored for this provider and host. Set one first.',
  insecure_base_url: 'The base URL is not allowed.',
  host_not_confirmed: "The provider's configured host has not been confirmed, so no key was sent.",
};

function entryOf(code: keyof typeof TRAITS): CatalogueEntry {
  const [provider, httpStatus, severity, retryable, action, source]: Traits = TRAITS[code];
  return { code, provider, ...(httpStatus === undefined ? {} : { httpStatus }), severity, retryable, action, source, message: MESSAGES[code] };
}

let catalogue: ReadonlyMap<string, CatalogueEntry> | undefined;

/** Every entry by code, built on the first error rather than when the extension loads. */
export function errorCatalogue(): ReadonlyMap<string, CatalogueEntry> {
  return (catalogue ??= new Map((Object.keys(TRAITS) as (keyof typeof TRAITS)[]).map((code) => [code, entryOf(code)])));
}

export function catalogueEntry(code: string): CatalogueEntry | undefined {
  return errorCatalogue().get(code);
}

/** Remedies that no wait brings about: an error that needs one ends a stream (ApiError.endsSession). */
const ENDURING_ACTIONS: ReadonlySet<UserAction> = new Set(['setKey', 'contactSupport', 'checkBudget']);

const NOT_SET_UP = new Set(['no_key', 'insecure_base_url', 'host_not_confirmed']);

/**
 * The provider cannot be used yet (no key for its host, a base URL that is not allowed, a
 * workspace-named host not confirmed): nothing was sent, and views show their welcome, not an error.
 */
export function isNotSetUp(error: unknown): boolean {
  return error instanceof ApiError && NOT_SET_UP.has(error.code);
}

export interface ApiErrorInit {
  provider: ProviderId | 'any';
  code: string;
  status?: number;
  /** The server's own message, if any (redacted before it is stored). */
  serverMessage?: string;
  /** Our own account of a failure no server took part in; it replaces the catalogue's sentence. */
  detail?: string;
  severity?: Severity;
  retryable?: boolean;
  requestId?: string;
  sid?: number;
  details?: unknown;
  retryAfterMs?: number;
  cause?: unknown;
}

export class ApiError extends Error {
  readonly provider: ProviderId | 'any';
  readonly code: string;
  readonly status: number | undefined;
  readonly severity: Severity;
  readonly retryable: boolean;
  readonly action: UserAction;
  readonly serverMessage: string | undefined;
  /** Our own account of the failure (ApiErrorInit.detail): it stands instead of the catalogue's sentence. */
  readonly detail: string | undefined;
  /** The server's words where the message quotes them after the catalogue's sentence ("Server said: …"). */
  readonly quotedServerMessage: string | undefined;
  readonly requestId: string | undefined;
  /** Sentence id for sentence-level errors: these never end a session (vurbo-vas.md §3.2). */
  readonly sid: number | undefined;
  readonly details: unknown;
  readonly retryAfterMs: number | undefined;

  constructor(init: ApiErrorInit) {
    const entry = errorCatalogue().get(init.code) ?? fallbackEntry(init.status);
    const serverMessage = init.serverMessage ? redact(init.serverMessage) : undefined;
    const detail = init.detail ? redact(init.detail) : undefined;
    const quoted = quotedServerWords(entry, init.code, serverMessage);
    super(detail ?? composeMessage(entry, init.code, serverMessage, quoted), init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'ApiError';
    this.provider = init.provider;
    this.code = init.code;
    this.status = init.status;
    this.severity = init.severity ?? entry.severity;
    this.retryable = init.retryable ?? entry.retryable;
    this.action = entry.action;
    this.serverMessage = serverMessage;
    this.detail = detail;
    this.quotedServerMessage = detail === undefined ? quoted : undefined;
    this.requestId = init.requestId;
    this.sid = init.sid;
    this.details = init.details;
    this.retryAfterMs = init.retryAfterMs;
  }

  /**
   * Session-level errors that end a stream: fatal ones, and those whose remedy is not waiting (a
   * key, an account or a budget problem), whatever severity the server gave them. Sentence-level
   * ones (with sid) never do.
   */
  get endsSession(): boolean {
    return this.sid === undefined && (this.severity === 'fatal' || ENDURING_ACTIONS.has(this.action));
  }
}

/** A known code's sentence quotes the server's words when they say something it does not. */
function quotedServerWords(entry: CatalogueEntry, code: string, serverMessage: string | undefined): string | undefined {
  if (!serverMessage || !errorCatalogue().has(code)) return undefined;
  return entry.message.toLowerCase().includes(serverMessage.toLowerCase()) ? undefined : serverMessage;
}

function composeMessage(entry: CatalogueEntry, code: string, serverMessage: string | undefined, quoted: string | undefined): string {
  // Unknown codes keep the server's words.
  if (!errorCatalogue().has(code)) return `${serverMessage ?? entry.message} (${code})`;
  return quoted ? `${entry.message} Server said: "${quoted}".` : entry.message;
}

function fallbackEntry(status: number | undefined): CatalogueEntry {
  return errorCatalogue().get(codeForStatus(status)) ?? errorCatalogue().get('unexpected_response')!;
}

function codeForStatus(status: number | undefined): string {
  if (status === undefined) return 'unexpected_response';
  if (status === 400) return 'bad_request';
  if (status === 401) return 'unauthorized';
  if (status === 402) return 'payment_required';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 429) return 'rate_limited';
  if (status === 502 || status === 504) return 'bad_gateway';
  if (status === 503) return 'service_unavailable';
  if (status >= 500) return 'server_error';
  return 'unexpected_response';
}

/** Maps Valossa's documented messages (no codes exist) onto catalogue codes. */
function valossaCodeFor(status: number, message: string | undefined): string {
  const m = (message ?? '').toLowerCase();
  if (status === 401 || m.includes('invalid api key')) return 'valossa_invalid_api_key';
  if (status === 404 || m.includes('job not found')) return 'valossa_job_not_found';
  if (m.includes('malformed request body')) return 'valossa_malformed_request';
  if (m.startsWith('missing required field')) return 'valossa_missing_field';
  if (m.includes('not finished') || m.includes('not ready')) return 'valossa_results_not_ready';
  if (m.includes('cannot be cancelled')) return 'valossa_cannot_cancel';
  if (status === 400) return 'valossa_bad_request';
  if (status >= 500 && status !== 502 && status !== 503 && status !== 504) return 'valossa_server_error';
  return codeForStatus(status);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

const SEVERITIES: readonly string[] = ['fatal', 'error', 'warning'];

/**
 * Reads a Vurbo error object in either documented form: unified `{type:'error', data:{…}}` or flat
 * `{error_code, message}`. Returns undefined when the value carries no error code at all.
 */
export function vurboErrorFromObject(value: unknown, status?: number): ApiError | undefined {
  if (!isRecord(value)) return undefined;
  const data = isRecord(value.data) ? value.data : isRecord(value.error) ? value.error : value;
  const code = str(data.error_code) ?? str(value.error_code) ?? str(data.code);
  if (!code) return undefined;
  const severity = str(data.severity);
  const sid = typeof data.sid === 'number' && Number.isFinite(data.sid) ? data.sid : undefined;
  return new ApiError({
    provider: 'vurbo',
    code,
    status,
    serverMessage: str(data.message) ?? str(value.message),
    severity: severity && SEVERITIES.includes(severity) ? (severity as Severity) : undefined,
    requestId: str(data.request_id),
    sid,
    details: data.details ?? undefined,
  });
}

/**
 * Turns any non-2xx response into an ApiError. Tolerates bodies that are not JSON (a proxy's HTML
 * page), truncated JSON, and both providers' shapes.
 */
export function parseErrorBody(provider: ProviderId, status: number, bodyText: string, opts: { retryAfterMs?: number; contentType?: string } = {}): ApiError {
  let parsed: unknown;
  try {
    parsed = bodyText ? JSON.parse(bodyText) : undefined;
  } catch {
    parsed = undefined;
  }
  const base = { status, retryAfterMs: opts.retryAfterMs };
  if (provider === 'vurbo') {
    const err = vurboErrorFromObject(parsed, status);
    if (err) {
      return err.retryAfterMs === undefined && opts.retryAfterMs !== undefined ? new ApiError({ ...errorInit(err), retryAfterMs: opts.retryAfterMs }) : err;
    }
  }
  if (provider === 'valossa' && isRecord(parsed) && Array.isArray(parsed.errors)) {
    const messages = parsed.errors.map((e) => (isRecord(e) ? str(e.message) : undefined)).filter((m): m is string => !!m);
    const first = messages[0];
    return new ApiError({ provider, code: valossaCodeFor(status, first), serverMessage: messages.join('; ') || undefined, ...base });
  }
  const looksHtml = /^\s*</.test(bodyText) || (opts.contentType ?? '').includes('html');
  const code = provider === 'valossa' && !looksHtml ? valossaCodeFor(status, undefined) : codeForStatus(status);
  const serverMessage = looksHtml ? htmlTitle(bodyText) : bodyText.slice(0, 200) || undefined;
  return new ApiError({ provider, code, serverMessage, ...base });
}

function htmlTitle(html: string): string | undefined {
  const m = /<title>([^<]{1,120})<\/title>/i.exec(html) ?? /<h1>([^<]{1,120})<\/h1>/i.exec(html);
  return m ? `HTML page: ${m[1].trim()}` : 'HTML page instead of JSON';
}

function errorInit(e: ApiError): ApiErrorInit {
  return {
    provider: e.provider,
    code: e.code,
    status: e.status,
    serverMessage: e.serverMessage,
    severity: e.severity,
    retryable: e.retryable,
    requestId: e.requestId,
    sid: e.sid,
    details: e.details,
    retryAfterMs: e.retryAfterMs,
  };
}

/** Wraps anything thrown by the transport (socket errors, aborts, timeouts) into an ApiError. */
export function transportError(provider: ProviderId | 'any', cause: unknown): ApiError {
  if (cause instanceof ApiError) return cause;
  const name = (cause as { name?: string } | undefined)?.name ?? '';
  const code = (cause as { code?: string } | undefined)?.code ?? '';
  if (name === 'AbortError' && !(cause as { timeout?: boolean }).timeout) return new ApiError({ provider, code: 'cancelled', cause });
  if (name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
    return new ApiError({ provider, code: 'timeout', cause });
  }
  if (code === 'UND_ERR_BODY_TIMEOUT') return new ApiError({ provider, code: 'stream_stalled', cause });
  const detail = cause instanceof Error ? redact(cause.message) : undefined;
  return new ApiError({ provider, code: 'network_error', serverMessage: detail, cause });
}
