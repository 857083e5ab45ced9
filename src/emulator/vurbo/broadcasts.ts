// Emulated Vurbo broadcasts (vurbo-vas.md §4.4, §4.5, §7): host REST (list with pagination, create,
// get, patch, revoke, batch revoke), the public viewer info, password verification (INFERRED path,
// see core/vurbo/broadcasts.ts) and the `/broadcast/{token}/text` caption stream. Captions come from
// a live host session (emulator/vurbo/live.ts, through BroadcastHub) or, for the two seeded live
// broadcasts, from a deterministic generator.
import { randomBytes, randomUUID } from 'node:crypto';
import type { ResolvedOptions } from '../options';
import { sendJson, vurboError, type EmulatorServer, type RouteContext } from '../server';
import { SseWriter } from '../sse';
import { randomAlphanumeric } from '../keys';
import type { VurboTaskSink } from './taskSink';
import { VOICES } from './catalog';
import { authenticateVurbo, disposeWithServer, readJsonBody, sentenceFor, translationFor } from './liveScript';

/** The seeded sandbox broadcasts (documented in the README). */
export const SEEDED_BROADCASTS = {
  public: { token: 'demo', name: 'Sandbox Live: Public Demo' },
  password: { token: 'priv', name: 'Sandbox Live: Password Demo', password: 'vurbo-demo' },
} as const;

export type BroadcastPhase = 'standby' | 'live';

interface BroadcastRecord {
  id: string;
  token: string;
  apiKey: string;
  name: string;
  transcription_language: string;
  translation_languages: string[];
  tts_config: unknown;
  speaker_diarization: boolean;
  summary_template: string | null;
  summary_language: string | null;
  max_viewers: number;
  access_type: 'public' | 'password';
  pass_code: string | null;
  callback_url: string | null;
  status: 'pending' | 'active' | 'ended' | 'revoked';
  phase: BroadcastPhase | undefined;
  standby_message: string | null;
  session_id: string | null;
  current_recording_id: string | null;
  recordings_count: number;
  peak_viewers: number;
  total_viewers: number;
  duration_ms: number;
  started_at: string | null;
  ended_at: string | null;
  revoked_at: string | null;
  created_at: string;
  /** Seeded live broadcasts generate their own captions while someone watches. */
  synthetic: boolean;
}

interface Viewer {
  writer: SseWriter;
  lang: string | undefined;
}

/** What a live host session (emulator/vurbo/live.ts) is told by the broadcast it drives. */
export interface BroadcastHostLink {
  viewers(count: number): void;
}

export interface ViewerResult {
  sid: number;
  is_final: boolean;
  text: string;
  language: string;
  translations: Record<string, string>;
  start_ms?: number;
  end_ms?: number;
}

export type AttachResult =
  | { ok: true; token: string; shareUrl: string; phase: BroadcastPhase; languages: string[] }
  | { ok: false; code: string; message: string };

export interface BroadcastHub {
  attachHost(broadcastId: string, apiKey: string, sessionId: string, recordingId: string, host: BroadcastHostLink): AttachResult;
  setPhase(broadcastId: string, phase: BroadcastPhase): void;
  setStandbyMessage(broadcastId: string, message: string): void;
  announce(broadcastId: string, message: string): void;
  publish(broadcastId: string, result: ViewerResult): void;
  detachHost(broadcastId: string, durationMs: number): void;
}

export interface BroadcastEmulatorSettings {
  /** Seeded live broadcasts: one caption every this many ms while someone watches. */
  captionIntervalMs: number;
  /** Lifetime of a viewer_access_token. */
  viewerTokenTtlMs: number;
  keepAliveMs: number;
}

export interface BroadcastsEmulator extends BroadcastHub {
  readonly settings: BroadcastEmulatorSettings;
  /** Open viewer streams of a broadcast token (tests). */
  viewerCount(token: string): number;
  /** Ends a broadcast's current session for its viewers (tests: the end event). */
  end(token: string, reason?: string): void;
  dispose(): void;
}

const hubs = new WeakMap<EmulatorServer, BroadcastsEmulator>();

/** The broadcasts module registered on a server (the live module finds its hub here). */
export function broadcastsOf(server: EmulatorServer): BroadcastsEmulator | undefined {
  return hubs.get(server);
}

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const TOKEN_PATTERN = /^[a-z0-9]{4}$/;

function newToken(taken: (t: string) => boolean): string {
  for (;;) {
    const bytes = randomBytes(4);
    const token = [...bytes].map((b) => TOKEN_ALPHABET[b % 36]).join('');
    if (!taken(token)) return token;
  }
}

export function registerVurboBroadcasts(server: EmulatorServer, options: ResolvedOptions, _tasks: VurboTaskSink): BroadcastsEmulator {
  const broadcasts = new Map<string, BroadcastRecord>();
  const viewers = new Map<string, Set<Viewer>>();
  const hosts = new Map<string, BroadcastHostLink>();
  const accessTokens = new Map<string, { broadcastId: string; expiresAt: number; passCode: string }>();
  const generators = new Map<string, { timer: ReturnType<typeof setInterval>; sid: number }>();
  const keepAlives = new Set<ReturnType<typeof setInterval>>();
  const settings: BroadcastEmulatorSettings = { captionIntervalMs: 1500, viewerTokenTtlMs: 3_600_000, keepAliveMs: 15_000 };
  const byToken = (token: string) => [...broadcasts.values()].find((b) => b.token === token && b.status !== 'revoked');
  const shareUrl = (b: BroadcastRecord) => `${server.origin}/broadcast/${b.token}`;
  const isLive = (b: BroadcastRecord) => b.status === 'active' && b.phase === 'live';

  function hostView(b: BroadcastRecord): Record<string, unknown> {
    return {
      id: b.id,
      token: b.token,
      name: b.name,
      share_url: shareUrl(b),
      transcription_language: b.transcription_language,
      translation_languages: b.translation_languages,
      tts_config: b.tts_config,
      speaker_diarization: b.speaker_diarization,
      summary_template: b.summary_template,
      summary_language: b.summary_language,
      max_viewers: b.max_viewers,
      access_type: b.access_type,
      pass_code: b.pass_code,
      status: b.status,
      is_live: isLive(b),
      // INFERRED extra: the phase of an active broadcast (the docs name standby and live phases).
      phase: b.status === 'active' ? (b.phase ?? 'standby') : null,
      viewer_count: viewers.get(b.id)?.size ?? 0,
      session_id: b.session_id,
      current_recording_id: b.current_recording_id,
      recordings_count: b.recordings_count,
      peak_viewers: b.peak_viewers,
      total_viewers: b.total_viewers,
      duration_ms: b.duration_ms,
      duration_formatted: formatDuration(b.duration_ms),
      started_at: b.started_at,
      ended_at: b.ended_at,
      revoked_at: b.revoked_at,
      created_at: b.created_at,
    };
  }

  function publicView(b: BroadcastRecord): Record<string, unknown> {
    const tts = b.translation_languages.filter((l) => VOICES[l]);
    return {
      id: b.id,
      name: b.name,
      access_type: b.access_type,
      requires_password: b.access_type === 'password',
      status: b.status,
      is_live: isLive(b),
      transcription_language: b.transcription_language,
      translation_languages: b.translation_languages,
      tts_languages: tts,
      tts_voices: Object.fromEntries(tts.map((l) => [l, VOICES[l]])),
    };
  }

  function create(apiKey: string, fields: Partial<BroadcastRecord>, token?: string): BroadcastRecord {
    const b: BroadcastRecord = {
      id: randomUUID(),
      token: token ?? newToken((t) => [...broadcasts.values()].some((x) => x.token === t)),
      apiKey,
      name: '',
      transcription_language: 'en-US',
      translation_languages: [],
      tts_config: null,
      speaker_diarization: false,
      summary_template: null,
      summary_language: null,
      max_viewers: 100,
      access_type: 'public',
      pass_code: null,
      callback_url: null,
      status: 'pending',
      phase: undefined,
      standby_message: null,
      session_id: null,
      current_recording_id: null,
      recordings_count: 0,
      peak_viewers: 0,
      total_viewers: 0,
      duration_ms: 0,
      started_at: null,
      ended_at: null,
      revoked_at: null,
      created_at: new Date().toISOString(),
      synthetic: false,
      ...fields,
    };
    if (!b.name) b.name = `Broadcast ${b.token}`;
    broadcasts.set(b.id, b);
    return b;
  }

  if (options.seed) {
    const common = { status: 'active' as const, phase: 'live' as const, synthetic: true, started_at: new Date().toISOString() };
    create(options.keys.vurbo, { ...common, name: SEEDED_BROADCASTS.public.name, translation_languages: ['ja-JP', 'es-ES'] }, SEEDED_BROADCASTS.public.token);
    create(
      options.keys.vurbo,
      { ...common, name: SEEDED_BROADCASTS.password.name, translation_languages: ['ja-JP', 'zh-TW'], access_type: 'password', pass_code: SEEDED_BROADCASTS.password.password },
      SEEDED_BROADCASTS.password.token,
    );
  }

  // ---- viewer streams --------------------------------------------------------------------------

  function send(b: BroadcastRecord, event: string, data: Record<string, unknown>, filter?: (v: Viewer) => Record<string, unknown>): void {
    for (const v of viewers.get(b.id) ?? []) {
      if (!v.writer.send(event, filter ? filter(v) : data)) dropViewer(b, v);
    }
  }

  function sendResult(b: BroadcastRecord, r: ViewerResult): void {
    send(b, 'result', {}, (v) => ({
      ...r,
      // `lang` narrows the stream to one translation language (DOCUMENTED query).
      translations: v.lang ? Object.fromEntries(Object.entries(r.translations).filter(([l]) => l === v.lang)) : r.translations,
    }));
  }

  function dropViewer(b: BroadcastRecord, v: Viewer): void {
    const set = viewers.get(b.id);
    if (!set?.delete(v)) return;
    v.writer.end();
    hosts.get(b.id)?.viewers(set.size);
    if (set.size === 0) stopGenerator(b.id);
  }

  function endViewers(b: BroadcastRecord, reason: string): void {
    send(b, 'broadcast_ended', { reason, ended_at: new Date().toISOString() });
    for (const v of [...(viewers.get(b.id) ?? [])]) dropViewer(b, v);
  }

  function startGenerator(b: BroadcastRecord): void {
    if (!b.synthetic || generators.has(b.id) || hosts.has(b.id)) return;
    const state = { sid: 0, timer: setInterval(() => tick(), settings.captionIntervalMs) };
    const tick = () => {
      const sid = ++state.sid;
      const text = sentenceFor(sid - 1, b.transcription_language);
      const translations = Object.fromEntries(b.translation_languages.map((l) => [l, translationFor(sid - 1, l, text)]));
      const startMs = (sid - 1) * settings.captionIntervalMs;
      const words = text.split(' ');
      sendResult(b, { sid, is_final: false, text: words.slice(0, Math.ceil(words.length / 2)).join(' '), language: b.transcription_language, translations: {}, start_ms: startMs });
      sendResult(b, { sid, is_final: true, text, language: b.transcription_language, translations, start_ms: startMs, end_ms: startMs + settings.captionIntervalMs });
    };
    state.timer.unref?.();
    generators.set(b.id, state);
  }

  function stopGenerator(id: string): void {
    const g = generators.get(id);
    if (g) clearInterval(g.timer);
    generators.delete(id);
  }

  server.route('GET', '/broadcast/:token/text', (ctx) => {
    const b = byToken(ctx.params.token);
    if (!b) return sendJson(ctx.res, 404, vurboError('broadcast_not_found', 'Broadcast not found'));
    if (b.access_type === 'password') {
      const given = ctx.url.searchParams.get('viewer_access_token');
      if (!given) return sendJson(ctx.res, 401, vurboError('broadcast_password_required', 'This broadcast requires a password'));
      const grant = accessTokens.get(given);
      if (!grant || grant.broadcastId !== b.id || grant.expiresAt < Date.now() || grant.passCode !== b.pass_code) {
        return sendJson(ctx.res, 401, vurboError('viewer_access_token_invalid', 'Invalid or expired viewer access token'));
      }
    }
    const set = viewers.get(b.id) ?? new Set<Viewer>();
    if (set.size >= b.max_viewers) return sendJson(ctx.res, 503, vurboError('broadcast_full', 'The broadcast has reached its viewer limit', 'error'));
    viewers.set(b.id, set);
    const viewer: Viewer = { writer: new SseWriter(ctx.res, ctx.fault), lang: ctx.url.searchParams.get('lang') ?? undefined };
    set.add(viewer);
    b.total_viewers++;
    b.peak_viewers = Math.max(b.peak_viewers, set.size);
    hosts.get(b.id)?.viewers(set.size);
    const keepAlive = setInterval(() => viewer.writer.comment('keep-alive'), settings.keepAliveMs);
    keepAlive.unref?.();
    keepAlives.add(keepAlive);
    ctx.res.on('close', () => {
      clearInterval(keepAlive);
      keepAlives.delete(keepAlive);
      dropViewer(b, viewer);
    });
    viewer.writer.send('connected', {
      broadcast_id: b.id,
      name: b.name,
      status: b.status,
      phase: b.status === 'active' ? (b.phase ?? 'standby') : 'standby',
      is_live: isLive(b),
      standby_message: b.standby_message,
      language: viewer.lang ?? null,
      viewer_count: set.size,
    });
    startGenerator(b);
  });

  // ---- viewer REST -------------------------------------------------------------------------------

  const viewerTarget = (ctx: RouteContext): BroadcastRecord | undefined => {
    const token = ctx.params.token;
    if (!TOKEN_PATTERN.test(token)) {
      sendJson(ctx.res, 400, vurboError('validation_failed', 'A share token is 4 characters from a-z and 0-9'));
      return undefined;
    }
    const b = byToken(token);
    if (!b) sendJson(ctx.res, 404, vurboError('broadcast_not_found', 'Broadcast not found'));
    return b;
  };

  server.route('GET', '/api/v1/viewer/broadcasts/:token', (ctx) => {
    const b = viewerTarget(ctx);
    if (b) sendJson(ctx.res, 200, { data: publicView(b) });
  });

  // INFERRED path and shapes (the docs name a password verification API without its path).
  server.route('POST', '/api/v1/viewer/broadcasts/:token/verify', async (ctx) => {
    const b = viewerTarget(ctx);
    if (!b) return;
    const body = await readJsonBody(ctx);
    const password = body && typeof body.password === 'string' ? body.password : undefined;
    if (password === undefined || password === '') return sendJson(ctx.res, 400, vurboError('validation_failed', 'password is required'));
    if (b.access_type === 'password' && password !== b.pass_code) return sendJson(ctx.res, 401, vurboError('broadcast_password_invalid', 'Incorrect password'));
    const token = randomAlphanumeric(32);
    accessTokens.set(token, { broadcastId: b.id, expiresAt: Date.now() + settings.viewerTokenTtlMs, passCode: b.pass_code ?? '' });
    sendJson(ctx.res, 200, { data: { viewer_access_token: token, expires_in: Math.round(settings.viewerTokenTtlMs / 1000) } });
  });

  // ---- host REST ---------------------------------------------------------------------------------

  const owned = (ctx: RouteContext, apiKey: string): BroadcastRecord | undefined => {
    const b = broadcasts.get(ctx.params.id);
    if (!b || b.apiKey !== apiKey) {
      sendJson(ctx.res, 404, vurboError('broadcast_not_found', 'Broadcast not found'));
      return undefined;
    }
    return b;
  };

  server.route('GET', '/api/v1/broadcasts', (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    if (!apiKey) return;
    const page = Number(ctx.url.searchParams.get('page') ?? '1');
    const perPage = Number(ctx.url.searchParams.get('per_page') ?? '20');
    if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 100) {
      return sendJson(ctx.res, 400, vurboError('validation_failed', 'page must be ≥ 1 and per_page between 1 and 100'));
    }
    const all = [...broadcasts.values()].filter((b) => b.apiKey === apiKey && b.status !== 'revoked').sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : 0));
    const lastPage = Math.max(1, Math.ceil(all.length / perPage));
    sendJson(ctx.res, 200, {
      data: all.slice((page - 1) * perPage, page * perPage).map(hostView),
      meta: { current_page: page, last_page: lastPage, per_page: perPage, total: all.length },
    });
  });

  server.route('POST', '/api/v1/broadcasts', async (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    if (!apiKey) return;
    const body = await readJsonBody(ctx);
    if (!body) return sendJson(ctx.res, 400, vurboError('validation_failed', 'The body must be a JSON object'));
    const fields = validateFields(body, true);
    if (typeof fields === 'string') return sendJson(ctx.res, 400, vurboError('validation_failed', fields));
    const b = create(apiKey, fields);
    sendJson(ctx.res, 201, { data: hostView(b) });
  });

  // Registered before `/:id` so "batch" is not taken for an id.
  server.route('DELETE', '/api/v1/broadcasts/batch', async (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    if (!apiKey) return;
    const body = await readJsonBody(ctx);
    const ids = body && Array.isArray(body.ids ?? body.broadcast_ids) ? ((body.ids ?? body.broadcast_ids) as unknown[]) : undefined;
    if (!ids || ids.length === 0 || ids.length > 100 || ids.some((i) => typeof i !== 'string')) {
      return sendJson(ctx.res, 400, vurboError('validation_failed', 'ids must be a list of 1–100 broadcast ids'));
    }
    const revoked: string[] = [];
    for (const id of ids as string[]) {
      const b = broadcasts.get(id);
      if (b && b.apiKey === apiKey && b.status !== 'revoked') {
        revoke(b);
        revoked.push(id);
      }
    }
    sendJson(ctx.res, 200, { data: { revoked_count: revoked.length, revoked_ids: revoked } });
  });

  server.route('GET', '/api/v1/broadcasts/:id', (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    const b = apiKey && owned(ctx, apiKey);
    if (b) sendJson(ctx.res, 200, { data: hostView(b) });
  });

  server.route('PATCH', '/api/v1/broadcasts/:id', async (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    const b = apiKey && owned(ctx, apiKey);
    if (!b) return;
    if (b.status === 'revoked') return sendJson(ctx.res, 409, vurboError('invalid_state', 'The broadcast was revoked'));
    const body = await readJsonBody(ctx);
    if (!body) return sendJson(ctx.res, 400, vurboError('validation_failed', 'The body must be a JSON object'));
    const fields = validateFields({ ...hostEditable(b), ...body }, false);
    if (typeof fields === 'string') return sendJson(ctx.res, 400, vurboError('validation_failed', fields));
    Object.assign(b, fields);
    sendJson(ctx.res, 200, { data: hostView(b) });
  });

  server.route('DELETE', '/api/v1/broadcasts/:id', (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    const b = apiKey && owned(ctx, apiKey);
    if (!b) return;
    if (b.status !== 'revoked') revoke(b);
    sendJson(ctx.res, 200, { data: hostView(b) });
  });

  function revoke(b: BroadcastRecord): void {
    endViewers(b, 'revoked');
    stopGenerator(b.id);
    b.status = 'revoked';
    b.phase = undefined;
    b.revoked_at = new Date().toISOString();
    for (const [t, g] of accessTokens) if (g.broadcastId === b.id) accessTokens.delete(t);
  }

  // ---- hub for live host sessions ------------------------------------------------------------------

  const hub: BroadcastsEmulator = {
    settings,
    attachHost(broadcastId, apiKey, sessionId, recordingId, host) {
      const b = broadcasts.get(broadcastId) ?? [...broadcasts.values()].find((x) => x.token === broadcastId);
      if (!b || b.apiKey !== apiKey || b.status === 'revoked') return { ok: false, code: 'broadcast_not_found', message: 'No such broadcast for this key' };
      const busy = hosts.get(b.id);
      if (busy && busy !== host) return { ok: false, code: 'broadcast_session_active', message: 'Another session is already broadcasting' };
      stopGenerator(b.id);
      hosts.set(b.id, host);
      if (b.current_recording_id !== recordingId) b.recordings_count++;
      Object.assign(b, { status: 'active', phase: b.phase === 'live' && b.current_recording_id === recordingId ? 'live' : 'standby', session_id: sessionId, current_recording_id: recordingId, started_at: b.started_at ?? new Date().toISOString(), ended_at: null });
      b.synthetic = false;
      send(b, 'broadcast_phase_changed', { phase: b.phase, standby_message: b.standby_message });
      host.viewers(viewers.get(b.id)?.size ?? 0);
      return { ok: true, token: b.token, shareUrl: shareUrl(b), phase: b.phase!, languages: b.translation_languages };
    },
    setPhase(broadcastId, phase) {
      const b = broadcasts.get(broadcastId);
      if (!b || b.status !== 'active' || b.phase === phase) return;
      b.phase = phase;
      send(b, 'broadcast_phase_changed', { phase, standby_message: b.standby_message });
    },
    setStandbyMessage(broadcastId, message) {
      const b = broadcasts.get(broadcastId);
      if (!b) return;
      b.standby_message = message;
      if (b.phase === 'standby') send(b, 'standby_message', { message });
    },
    announce(broadcastId, message) {
      const b = broadcasts.get(broadcastId);
      if (b) send(b, 'announcement', { message, sent_at: new Date().toISOString() });
    },
    publish(broadcastId, result) {
      const b = broadcasts.get(broadcastId);
      // Viewers see captions in the live phase only; standby is the waiting room.
      if (b && isLive(b)) sendResult(b, result);
    },
    detachHost(broadcastId, durationMs) {
      const b = broadcasts.get(broadcastId);
      if (!b) return;
      hosts.delete(b.id);
      if (b.status === 'revoked') return;
      b.duration_ms += durationMs;
      Object.assign(b, { status: 'ended', phase: undefined, session_id: null, ended_at: new Date().toISOString() });
      endViewers(b, 'ended');
    },
    viewerCount: (token) => {
      const b = byToken(token);
      return b ? (viewers.get(b.id)?.size ?? 0) : 0;
    },
    end(token, reason = 'ended') {
      const b = byToken(token);
      if (b) endViewers(b, reason);
    },
    dispose() {
      for (const id of [...generators.keys()]) stopGenerator(id);
      for (const t of keepAlives) clearInterval(t);
      keepAlives.clear();
      for (const [id, set] of viewers) for (const v of [...set]) dropViewer(broadcasts.get(id)!, v);
    },
  };
  hubs.set(server, hub);
  disposeWithServer(server, () => hub.dispose());
  return hub;
}

function hostEditable(b: BroadcastRecord): Record<string, unknown> {
  const { name, transcription_language, translation_languages, tts_config, speaker_diarization, summary_template, summary_language, max_viewers, access_type, pass_code } = b;
  return { name, transcription_language, translation_languages, tts_config, speaker_diarization, summary_template, summary_language, max_viewers, access_type, pass_code };
}

/** The create/patch fields (INFERRED: they mirror the documented broadcast object). */
function validateFields(body: Record<string, unknown>, creating: boolean): Partial<BroadcastRecord> | string {
  const lang = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
  const out: Partial<BroadcastRecord> = {};
  if (creating || body.transcription_language !== undefined) {
    if (typeof body.transcription_language !== 'string' || !lang.test(body.transcription_language)) return 'transcription_language is required (a language code such as en-US)';
    out.transcription_language = body.transcription_language;
  }
  if (body.translation_languages !== undefined && body.translation_languages !== null) {
    const t = body.translation_languages;
    if (!Array.isArray(t) || t.length > 10 || t.some((l) => typeof l !== 'string' || !lang.test(l))) return 'translation_languages must be a list of up to 10 language codes';
    out.translation_languages = [...new Set(t as string[])];
  }
  if (body.name !== undefined && body.name !== null) {
    if (typeof body.name !== 'string' || body.name.length > 100 || /[\x00-\x1f\x7f]/.test(body.name)) return 'name must be at most 100 characters without control characters';
    out.name = body.name.trim();
  }
  if (body.max_viewers !== undefined && body.max_viewers !== null) {
    if (!Number.isInteger(body.max_viewers) || (body.max_viewers as number) < 1 || (body.max_viewers as number) > 1000) return 'max_viewers must be an integer from 1 to 1000';
    out.max_viewers = body.max_viewers as number;
  }
  const access = body.access_type ?? (creating ? 'public' : undefined);
  if (access !== undefined) {
    if (access !== 'public' && access !== 'password') return 'access_type must be "public" or "password"';
    out.access_type = access;
    if (access === 'password') {
      if (typeof body.pass_code !== 'string' || body.pass_code.length < 4 || body.pass_code.length > 64) return 'a password-protected broadcast needs pass_code (4–64 characters)';
      out.pass_code = body.pass_code;
    } else {
      out.pass_code = null;
    }
  }
  if (body.speaker_diarization !== undefined) out.speaker_diarization = body.speaker_diarization === true;
  for (const k of ['summary_template', 'summary_language'] as const) {
    if (body[k] !== undefined) {
      if (body[k] !== null && typeof body[k] !== 'string') return `${k} must be a string`;
      out[k] = (body[k] as string | null) ?? null;
    }
  }
  if (body.tts_config !== undefined) out.tts_config = body.tts_config;
  if (body.callback_url !== undefined && body.callback_url !== null) {
    if (typeof body.callback_url !== 'string' || !/^https?:\/\//.test(body.callback_url)) return 'callback_url must be an http(s) URL';
    out.callback_url = body.callback_url;
  }
  return out;
}

function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
