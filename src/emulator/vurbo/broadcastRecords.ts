// The emulated broadcasts themselves (vurbo-vas.md §4.4): the record a host creates and edits, the
// per-emulator collection of them with their share tokens, the seeded demo broadcasts, and the
// validation of the create/patch fields.
import { randomBytes, randomUUID } from 'node:crypto';
import type { ResolvedOptions } from '../options';

/** The seeded sandbox broadcasts (documented in the README). */
export const SEEDED_BROADCASTS = {
  public: { token: 'demo', name: 'Sandbox Live: Public Demo' },
  password: { token: 'priv', name: 'Sandbox Live: Password Demo', password: 'vurbo-demo' },
} as const;

export type BroadcastPhase = 'standby' | 'live';

export interface BroadcastRecord {
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

export const isLive = (b: BroadcastRecord): boolean => b.status === 'active' && b.phase === 'live';

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** The broadcasts of one emulator, by id. */
export class BroadcastRecords {
  private readonly byId = new Map<string, BroadcastRecord>();

  constructor(options: ResolvedOptions) {
    if (options.seed) this.seed(options.keys.vurbo);
  }

  get(id: string): BroadcastRecord | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<BroadcastRecord> {
    return this.byId.values();
  }

  /** The broadcast a share token names (revoked ones are gone for viewers). */
  byToken(token: string): BroadcastRecord | undefined {
    return [...this.byId.values()].find((b) => b.token === token && b.status !== 'revoked');
  }

  /** A live session may name its broadcast by id or by token. */
  byIdOrToken(idOrToken: string): BroadcastRecord | undefined {
    return this.byId.get(idOrToken) ?? [...this.byId.values()].find((x) => x.token === idOrToken);
  }

  create(apiKey: string, fields: Partial<BroadcastRecord>, token?: string): BroadcastRecord {
    const b: BroadcastRecord = {
      id: randomUUID(),
      token: token ?? this.newToken(),
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
    this.byId.set(b.id, b);
    return b;
  }

  private newToken(): string {
    for (;;) {
      const token = [...randomBytes(4)].map((byte) => TOKEN_ALPHABET[byte % 36]).join('');
      if (![...this.byId.values()].some((x) => x.token === token)) return token;
    }
  }

  private seed(apiKey: string): void {
    const common = { status: 'active' as const, phase: 'live' as const, synthetic: true, started_at: new Date().toISOString() };
    this.create(apiKey, { ...common, name: SEEDED_BROADCASTS.public.name, translation_languages: ['ja-JP', 'es-ES'] }, SEEDED_BROADCASTS.public.token);
    this.create(
      apiKey,
      {
        ...common,
        name: SEEDED_BROADCASTS.password.name,
        translation_languages: ['ja-JP', 'zh-TW'],
        access_type: 'password',
        pass_code: SEEDED_BROADCASTS.password.password,
      },
      SEEDED_BROADCASTS.password.token,
    );
  }
}

/** The fields the host may change; a PATCH starts from their current values. */
const HOST_EDITABLE = [
  'name',
  'transcription_language',
  'translation_languages',
  'tts_config',
  'speaker_diarization',
  'summary_template',
  'summary_language',
  'max_viewers',
  'access_type',
  'pass_code',
] as const satisfies readonly (keyof BroadcastRecord)[];

/** The fields a PATCH starts from (the body overrides them). */
export function hostEditable(b: BroadcastRecord): Record<string, unknown> {
  return Object.fromEntries(HOST_EDITABLE.map((field) => [field, b[field]]));
}

/** The create/patch fields (INFERRED: they mirror the documented broadcast object). */
export function validateFields(body: Record<string, unknown>, creating: boolean): Partial<BroadcastRecord> | string {
  const lang = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
  const out: Partial<BroadcastRecord> = {};
  if (creating || body.transcription_language !== undefined) {
    if (typeof body.transcription_language !== 'string' || !lang.test(body.transcription_language))
      return 'transcription_language is required (a language code such as en-US)';
    out.transcription_language = body.transcription_language;
  }
  if (body.translation_languages !== undefined && body.translation_languages !== null) {
    const t = body.translation_languages;
    if (!Array.isArray(t) || t.length > 10 || t.some((l) => typeof l !== 'string' || !lang.test(l)))
      return 'translation_languages must be a list of up to 10 language codes';
    out.translation_languages = [...new Set(t as string[])];
  }
  if (body.name !== undefined && body.name !== null) {
    if (typeof body.name !== 'string' || body.name.length > 100 || /[\x00-\x1f\x7f]/.test(body.name))
      return 'name must be at most 100 characters without control characters';
    out.name = body.name.trim();
  }
  if (body.max_viewers !== undefined && body.max_viewers !== null) {
    if (!Number.isInteger(body.max_viewers) || (body.max_viewers as number) < 1 || (body.max_viewers as number) > 1000)
      return 'max_viewers must be an integer from 1 to 1000';
    out.max_viewers = body.max_viewers as number;
  }
  const access = body.access_type ?? (creating ? 'public' : undefined);
  if (access !== undefined) {
    if (access !== 'public' && access !== 'password') return 'access_type must be "public" or "password"';
    out.access_type = access;
    if (access === 'password') {
      if (typeof body.pass_code !== 'string' || body.pass_code.length < 4 || body.pass_code.length > 64)
        return 'a password-protected broadcast needs pass_code (4–64 characters)';
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
