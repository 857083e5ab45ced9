// Vurbo broadcasts (vurbo-vas.md §4.4, §4.5, §7). Host side: the REST calls that list, create, read,
// update and revoke broadcasts. Viewer side: share-link parsing, the public info, password
// verification and the events of the `/broadcast/{token}/text` caption stream.
//
// DOCUMENTED: the host paths, the list paging, the broadcast object, the viewer info shape, the
// stream's path and query. INFERRED (kept here, nowhere else): the password-verification path and
// shapes, the batch-revoke body, and every caption-stream event name and payload.
import { ApiError } from '../errors';
import { isObject, nonEmptyStr, num, parseUrl, strArray, unwrapData } from '../read';
import type { HttpClient } from '../http/client';
import { checkBaseUrl, joinUrl } from '../providers';
import { redactor } from '../redact';
import type { TranscriptEvent } from '../transcript/model';
import { API_PREFIX } from './client';
import { readResult, resultSegment } from './liveProtocol';
import { runSseStream, type SseOutcome, type SseStreamOptions } from './sse';
import type { Interpretation } from './sseEvents';

// ---- types ---------------------------------------------------------------------------------------

export type AccessType = 'public' | 'password';

/** The host's view of a broadcast (DOCUMENTED object, §4.4). */
export interface Broadcast {
  id: string;
  token: string;
  name: string;
  shareUrl: string;
  transcriptionLanguage: string;
  translationLanguages: string[];
  accessType: AccessType;
  /** The viewer password, shown to the host only. */
  passCode?: string;
  status: string;
  isLive: boolean;
  /** INFERRED: `standby` / `live` for an active broadcast when the server says so. */
  phase?: string;
  /** INFERRED: viewers watching now, when the server says so. */
  viewerCount?: number;
  maxViewers?: number;
  peakViewers: number;
  totalViewers: number;
  recordingsCount: number;
  durationMs: number;
  durationFormatted?: string;
  summaryTemplate?: string;
  speakerDiarization: boolean;
  createdAt?: string;
  startedAt?: string;
  endedAt?: string;
  revokedAt?: string;
}

export interface BroadcastPage {
  items: Broadcast[];
  page: number;
  lastPage: number;
  perPage: number;
  total: number;
}

export interface CreateBroadcastParams {
  name?: string;
  transcriptionLanguage: string;
  translationLanguages?: string[];
  accessType?: AccessType;
  /** Required when accessType is `password`. */
  passCode?: string;
  maxViewers?: number;
  summaryTemplate?: string;
  speakerDiarization?: boolean;
  callbackUrl?: string;
}

export type BroadcastPatch = Partial<Omit<CreateBroadcastParams, 'callbackUrl'>>;

/** What anyone with the share token may read (DOCUMENTED, §4.5). */
export interface ViewerBroadcastInfo {
  id?: string;
  name: string;
  accessType: string;
  requiresPassword: boolean;
  status: string;
  isLive: boolean;
  transcriptionLanguage?: string;
  translationLanguages: string[];
  ttsLanguages: string[];
}

export interface ViewerAccess {
  token: string;
  expiresInSeconds?: number;
}

// ---- readers -------------------------------------------------------------------------------------

export function parseBroadcast(raw: unknown): Broadcast | undefined {
  if (!isObject(raw)) return undefined;
  const id = nonEmptyStr(raw.id);
  const token = nonEmptyStr(raw.token);
  if (!id || !token) return undefined;
  return {
    id,
    token,
    name: nonEmptyStr(raw.name) ?? `Broadcast ${token}`,
    shareUrl: nonEmptyStr(raw.share_url) ?? '',
    transcriptionLanguage: nonEmptyStr(raw.transcription_language) ?? '',
    translationLanguages: strArray(raw.translation_languages),
    accessType: raw.access_type === 'password' ? 'password' : 'public',
    passCode: nonEmptyStr(raw.pass_code),
    status: nonEmptyStr(raw.status) ?? 'pending',
    isLive: raw.is_live === true,
    phase: nonEmptyStr(raw.phase),
    viewerCount: num(raw.viewer_count) ?? num(raw.current_viewers),
    maxViewers: num(raw.max_viewers),
    peakViewers: num(raw.peak_viewers) ?? 0,
    totalViewers: num(raw.total_viewers) ?? 0,
    recordingsCount: num(raw.recordings_count) ?? 0,
    durationMs: num(raw.duration_ms) ?? 0,
    durationFormatted: nonEmptyStr(raw.duration_formatted),
    summaryTemplate: nonEmptyStr(raw.summary_template),
    speakerDiarization: raw.speaker_diarization === true,
    createdAt: nonEmptyStr(raw.created_at),
    startedAt: nonEmptyStr(raw.started_at),
    endedAt: nonEmptyStr(raw.ended_at),
    revokedAt: nonEmptyStr(raw.revoked_at),
  };
}

// ---- viewer --------------------------------------------------------------------------------------

/** DOCUMENTED: 4 characters from a-z and 0-9. */
export const SHARE_TOKEN_PATTERN = /^[a-z0-9]{4}$/;

export interface ShareTarget {
  token: string;
  /** The origin of a pasted share URL (https, or loopback http); undefined for a bare token. */
  origin?: string;
}

/**
 * Reads what a user pastes: a share URL (`https://host/broadcast/a3f9`, also with `/text` or a
 * query) or the bare 4-character token. Returns a reason string when it is neither.
 */
export function parseShareInput(input: string): ShareTarget | string {
  const text = input.trim();
  if (SHARE_TOKEN_PATTERN.test(text.toLowerCase())) return { token: text.toLowerCase() };
  if (!/^[a-z]+:\/\//i.test(text)) return 'Paste a share link (…/broadcast/a3f9) or its 4-character token.';
  const url = parseUrl(text);
  if (!url) return 'That is not a valid link.';
  const m = /\/broadcast\/([^/?#]+)/.exec(url.pathname);
  if (!m) return 'A share link has the form https://…/broadcast/<token>.';
  const token = decodeURIComponent(m[1]).toLowerCase();
  if (!SHARE_TOKEN_PATTERN.test(token)) return `"${m[1]}" is not a share token: it has 4 characters from a-z and 0-9.`;
  const base = checkBaseUrl(url.origin);
  if (!base.ok) return base.reason;
  return { token, origin: base.origin };
}

export function parseViewerInfo(body: unknown): ViewerBroadcastInfo {
  const d = unwrapData(body);
  if (!isObject(d)) throw new ApiError({ provider: 'vurbo', code: 'unexpected_response', serverMessage: 'The broadcast info is not an object.' });
  const accessType = nonEmptyStr(d.access_type) ?? 'public';
  return {
    id: nonEmptyStr(d.id),
    name: nonEmptyStr(d.name) ?? 'Broadcast',
    accessType,
    requiresPassword: d.requires_password === true || accessType === 'password',
    status: nonEmptyStr(d.status) ?? 'unknown',
    isLive: d.is_live === true,
    transcriptionLanguage: nonEmptyStr(d.transcription_language),
    translationLanguages: strArray(d.translation_languages),
    ttsLanguages: strArray(d.tts_languages),
  };
}

/** `GET /api/v1/viewer/broadcasts/{token}`: no key (DOCUMENTED). */
export async function getViewerInfo(http: HttpClient, baseUrl: string, token: string, signal?: AbortSignal): Promise<ViewerBroadcastInfo> {
  const res = await http.json<unknown>({ url: joinUrl(baseUrl, `${API_PREFIX}/viewer/broadcasts/${encodeURIComponent(token)}`), signal });
  return parseViewerInfo(res.body);
}

/**
 * INFERRED: the docs name a password verification API that returns `viewer_access_token` but not its
 * path or shapes. Assumed: `POST /api/v1/viewer/broadcasts/{token}/verify` with `{password}`,
 * answering `{data: {viewer_access_token, expires_in}}`; a wrong password is a 401.
 */
export const VIEWER_PASSWORD_VERIFY = {
  path: (token: string) => `${API_PREFIX}/viewer/broadcasts/${encodeURIComponent(token)}/verify`,
  body: (password: string) => ({ password }),
  tokenField: 'viewer_access_token',
} as const;

export async function verifyViewerPassword(http: HttpClient, baseUrl: string, token: string, password: string, signal?: AbortSignal): Promise<ViewerAccess> {
  const res = await http.json<unknown>({
    method: 'POST',
    url: joinUrl(baseUrl, VIEWER_PASSWORD_VERIFY.path(token)),
    json: VIEWER_PASSWORD_VERIFY.body(password),
    signal,
    maxRetries: 0,
  });
  const d = unwrapData(res.body);
  const access = isObject(d) ? (nonEmptyStr(d[VIEWER_PASSWORD_VERIFY.tokenField]) ?? nonEmptyStr(d.access_token) ?? nonEmptyStr(d.token)) : undefined;
  if (!access)
    throw new ApiError({
      provider: 'vurbo',
      code: 'unexpected_response',
      status: res.status,
      serverMessage: 'The password check returned no viewer_access_token.',
    });
  redactor.addSecret(access);
  return { token: access, expiresInSeconds: isObject(d) ? num(d.expires_in) : undefined };
}

/** The caption stream's URL (DOCUMENTED path and query). The access token is redacted wherever it is shown. */
export function viewerStreamUrl(baseUrl: string, token: string, opts: { lang?: string; accessToken?: string } = {}): string {
  const url = new URL(joinUrl(baseUrl, `/broadcast/${encodeURIComponent(token)}/text`));
  if (opts.lang) url.searchParams.set('lang', opts.lang);
  if (opts.accessToken) url.searchParams.set('viewer_access_token', opts.accessToken);
  return url.toString();
}

/** INFERRED event names of `/broadcast/{token}/text`, named after the host-side WS events (§6.3). */
export const VIEWER_EVENTS = {
  connected: 'connected',
  result: 'result',
  phase: 'broadcast_phase_changed',
  standbyMessage: 'standby_message',
  announcement: 'announcement',
  viewerCount: 'viewer_count',
  ended: 'broadcast_ended',
  error: 'error',
} as const;

/** Other names a server might use; read the same way, never sent by the emulator. */
const VIEWER_EVENT_ALIASES: Record<string, keyof typeof VIEWER_EVENTS> = {
  caption: 'result',
  transcript: 'result',
  subtitle: 'result',
  phase_changed: 'phase',
  status: 'phase',
  end: 'ended',
  ended: 'ended',
  done: 'ended',
};

export type ViewerEvent =
  | { kind: 'connected'; name?: string; phase?: string; standbyMessage?: string }
  | { kind: 'transcript'; event: TranscriptEvent }
  | { kind: 'phase'; phase: string; standbyMessage?: string }
  | { kind: 'announcement'; message: string }
  | { kind: 'viewers'; count: number }
  | { kind: 'ended'; reason?: string }
  | { kind: 'error'; error: ApiError }
  | { kind: 'raw'; event: string; data: string };

/** One SSE event of the caption stream → what the viewer shows. Never throws. */
export function parseViewerEvent(event: string, data: string): ViewerEvent {
  let d: unknown;
  try {
    d = JSON.parse(data);
  } catch {
    return { kind: 'raw', event, data };
  }
  if (!isObject(d)) return { kind: 'raw', event, data };
  const body = isObject(d.data) && !('sid' in d) ? d.data : d;
  const known = (Object.entries(VIEWER_EVENTS).find(([, v]) => v === event)?.[0] ?? VIEWER_EVENT_ALIASES[event]) as keyof typeof VIEWER_EVENTS | undefined;
  switch (known) {
    case 'connected':
      return { kind: 'connected', name: nonEmptyStr(body.name), phase: nonEmptyStr(body.phase), standbyMessage: nonEmptyStr(body.standby_message) };
    case 'result': {
      const r = readResult(body);
      if (!r) return { kind: 'raw', event, data };
      return { kind: 'transcript', event: { kind: 'segment', segment: resultSegment(r) } };
    }
    case 'phase': {
      const phase = nonEmptyStr(body.phase) ?? nonEmptyStr(body.status);
      return phase ? { kind: 'phase', phase, standbyMessage: nonEmptyStr(body.standby_message) } : { kind: 'raw', event, data };
    }
    case 'standbyMessage':
      return { kind: 'phase', phase: 'standby', standbyMessage: nonEmptyStr(body.message) };
    case 'announcement': {
      const message = nonEmptyStr(body.message) ?? nonEmptyStr(body.text);
      return message ? { kind: 'announcement', message } : { kind: 'raw', event, data };
    }
    case 'viewerCount': {
      const count = num(body.count) ?? num(body.viewer_count);
      return count !== undefined ? { kind: 'viewers', count } : { kind: 'raw', event, data };
    }
    case 'ended':
      return { kind: 'ended', reason: nonEmptyStr(body.reason) ?? nonEmptyStr(body.message) };
    case 'error': {
      const code = nonEmptyStr(body.error_code) ?? 'unexpected_response';
      return { kind: 'error', error: new ApiError({ provider: 'vurbo', code, serverMessage: nonEmptyStr(body.message), sid: num(body.sid) }) };
    }
    default:
      return { kind: 'raw', event, data };
  }
}

/**
 * The caption stream's events as the one SSE client (sse.ts) delivers them: captions as segments
 * (deduplicated by sid there), phase changes and announcements as status lines, the end event as
 * the stream's terminal event, errors by the unified rules (sid → that sentence; fatal → stop).
 */
export function interpretViewerEvent(name: string, data: string): Interpretation {
  const e = parseViewerEvent(name, data);
  switch (e.kind) {
    case 'connected': {
      const phase = e.phase === 'live' ? 'live' : 'in standby: captions start when the host goes live';
      const standby = e.phase !== 'live' && e.standbyMessage ? ` — "${e.standbyMessage}"` : '';
      return { connected: true, events: [{ kind: 'status', message: `Connected to ${e.name ? `"${e.name}"` : 'the broadcast'}, ${phase}${standby}.` }] };
    }
    case 'transcript':
      return { events: [e.event] };
    case 'phase':
      return {
        events: [
          {
            kind: 'status',
            message: e.phase === 'live' ? 'The broadcast is live.' : `The broadcast is in ${e.phase}${e.standbyMessage ? `: "${e.standbyMessage}"` : ''}.`,
          },
        ],
      };
    case 'announcement':
      return { events: [{ kind: 'status', message: `Announcement: ${e.message}` }] };
    case 'viewers':
      return { events: [] };
    case 'ended':
      return {
        events: [{ kind: 'status', message: `The broadcast ended${e.reason && e.reason !== 'ended' ? ` (${e.reason})` : ''}.` }],
        terminal: { reason: e.reason ?? 'ended' },
      };
    case 'error':
      if (e.error.sid !== undefined) return { events: [{ kind: 'sentenceError', sid: e.error.sid, code: e.error.code, message: e.error.message }] };
      if (e.error.endsSession) return { events: [], fatal: e.error };
      return { events: [{ kind: 'status', message: `${e.error.severity === 'warning' ? 'Warning' : 'Error'}: ${e.error.message}` }] };
    case 'raw':
      return { events: [{ kind: 'raw', event: e.event, data: e.data }] };
  }
}

export interface WatchBroadcastOptions extends Omit<SseStreamOptions, 'signal'> {
  /** An HttpClient without a key: viewer endpoints take none. */
  http: HttpClient;
  baseUrl: string;
  token: string;
  /** Only this translation language (DOCUMENTED `lang` query). */
  lang?: string;
  /** From the password check, for a password-protected broadcast. */
  accessToken?: string;
  /** Asked for a fresh access token when the server refuses the current one (it may have expired). */
  reauthorize?: () => Promise<string | undefined>;
  signal?: AbortSignal;
}

/**
 * Follows `/broadcast/{token}/text` until the broadcast ends or the signal fires, through the one
 * SSE client (reconnects, dedupe by sid). A refused access token is renewed once through
 * `reauthorize` before the error surfaces.
 */
export async function watchBroadcastStream(o: WatchBroadcastOptions): Promise<SseOutcome> {
  let accessToken = o.accessToken;
  for (let renewals = 0; ; renewals++) {
    const url = viewerStreamUrl(o.baseUrl, o.token, { lang: o.lang, accessToken });
    try {
      return await runSseStream(
        { baseUrl: o.baseUrl, key: '', http: o.http },
        { kind: 'broadcast', path: '', url, auth: 'none', language: o.lang, interpret: interpretViewerEvent },
        o,
      );
    } catch (e) {
      const refused = e instanceof ApiError && (e.code === 'viewer_access_token_invalid' || e.code === 'broadcast_password_required');
      if (!refused || !o.reauthorize || renewals >= 1 || o.signal?.aborted) throw e;
      accessToken = await o.reauthorize();
      if (!accessToken) throw e;
    }
  }
}
