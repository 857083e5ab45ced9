// The host's broadcast REST calls (vurbo-vas.md §4.4): list, create, read, update and revoke. They go
// through VurboClient.call(), so they get the key header, the error-envelope check and the request
// record behind "Copy as cURL" like every other Vurbo REST call.
import { ApiError } from '../errors';
import type { HttpResponse } from '../http/client';
import { isObject, num, strArray, unwrapData, type JsonObject } from '../read';
import { parseBroadcast, type Broadcast, type BroadcastPage, type BroadcastPatch, type CreateBroadcastParams } from './broadcasts';
import type { VurboClient } from './client';
import { BATCH_REVOKE_FIELDS } from './inferred';

const BROADCASTS = '/broadcasts';

export class BroadcastsApi {
  constructor(readonly client: VurboClient) {}

  async list(opts: { page?: number; perPage?: number; signal?: AbortSignal } = {}): Promise<BroadcastPage> {
    const res = await this.client.call('GET', BROADCASTS, { query: { page: opts.page ?? 1, per_page: opts.perPage ?? 20 }, signal: opts.signal });
    const body = res.body;
    const list = unwrapData(body);
    const items = (Array.isArray(list) ? list : isObject(list) && Array.isArray(list.broadcasts) ? list.broadcasts : [])
      .map(parseBroadcast)
      .filter((b): b is Broadcast => !!b);
    const meta = isObject(body) && isObject(body.meta) ? body.meta : {};
    const perPage = num(meta.per_page) ?? opts.perPage ?? 20;
    const page = num(meta.current_page) ?? opts.page ?? 1;
    return { items, page, perPage, lastPage: num(meta.last_page) ?? page, total: num(meta.total) ?? items.length };
  }

  async create(p: CreateBroadcastParams, signal?: AbortSignal): Promise<Broadcast> {
    if (p.accessType === 'password' && (!p.passCode || p.passCode.length < 4)) {
      throw new ApiError({
        provider: 'vurbo',
        code: 'validation_failed',
        serverMessage: 'A password-protected broadcast needs a password of at least 4 characters.',
      });
    }
    return expectBroadcast(await this.client.call('POST', BROADCASTS, { json: broadcastBody(p), signal }));
  }

  async get(id: string, signal?: AbortSignal): Promise<Broadcast> {
    return expectBroadcast(await this.client.call('GET', broadcastPath(id), { signal }));
  }

  async update(id: string, patch: BroadcastPatch, signal?: AbortSignal): Promise<Broadcast> {
    return expectBroadcast(await this.client.call('PATCH', broadcastPath(id), { json: broadcastBody(patch), signal }));
  }

  /** DELETE revokes: the share link stops working and viewers are disconnected. */
  async revoke(id: string, signal?: AbortSignal): Promise<void> {
    await this.client.call('DELETE', broadcastPath(id), { signal });
  }

  /**
   * Batch revoke; returns the count revoked. The body field is INFERRED (NOT DOCUMENTED, §4.4): `{ids}`,
   * and once more as `{broadcast_ids}` when a server refuses that as invalid (nothing was revoked then).
   * When both are refused, the first refusal is the one thrown.
   */
  async revokeMany(ids: string[], signal?: AbortSignal): Promise<number> {
    let firstRefusal: ApiError | undefined;
    for (const field of BATCH_REVOKE_FIELDS) {
      try {
        const d = unwrapData((await this.client.call('DELETE', `${BROADCASTS}/batch`, { json: { [field]: ids }, signal })).body);
        return (isObject(d) ? (num(d.revoked_count) ?? num(d.count) ?? strArray(d.revoked_ids).length) : undefined) ?? ids.length;
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 'validation_failed')) throw e;
        firstRefusal ??= e;
      }
    }
    throw firstRefusal;
  }
}

const broadcastPath = (id: string) => `${BROADCASTS}/${encodeURIComponent(id)}`;

function expectBroadcast(res: HttpResponse<unknown>): Broadcast {
  const b = parseBroadcast(unwrapData(res.body));
  if (!b) throw new ApiError({ provider: 'vurbo', code: 'unexpected_response', status: res.status, serverMessage: 'The response holds no broadcast.' });
  return b;
}

/** Each create/patch field's wire name (§4.4), in the order the body lists them. */
const WIRE_NAMES: Readonly<Record<keyof CreateBroadcastParams, string>> = {
  name: 'name',
  transcriptionLanguage: 'transcription_language',
  translationLanguages: 'translation_languages',
  accessType: 'access_type',
  passCode: 'pass_code',
  maxViewers: 'max_viewers',
  summaryTemplate: 'summary_template',
  speakerDiarization: 'speaker_diarization',
  callbackUrl: 'callback_url',
};

function broadcastBody(p: BroadcastPatch & { callbackUrl?: string }): JsonObject {
  const body: JsonObject = {};
  for (const [field, wire] of Object.entries(WIRE_NAMES) as [keyof CreateBroadcastParams, string][]) {
    // A public broadcast keeps no password: null clears the one the server has.
    const value = field === 'passCode' && p.accessType === 'public' ? null : p[field];
    if (value !== undefined) body[wire] = value;
  }
  return body;
}
