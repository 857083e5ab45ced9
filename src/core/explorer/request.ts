// One request as the explorer, the code generators and "Copy as Code" see it: everything but the
// key, plus where the key goes. Records of the clients (which hold the key) are turned into this
// shape by removing it, so nothing downstream ever has the key in hand.
import type { AuthStyle, ResponseKind } from '../catalog';
import type { ProviderId } from '../providers';
import type { VurboRequestRecord } from '../vurbo/client';
import type { RecordedRequest } from '../http/curl';

export interface ApiRequest {
  readonly provider: ProviderId;
  readonly method: string;
  /** Absolute URL; never holds the key. */
  readonly url: string;
  /** Headers other than the key's. */
  readonly headers: Readonly<Record<string, string>>;
  /** A JSON body without the key. */
  readonly json?: unknown;
  /** Multipart fields without the key; a value `@path` is a file. */
  readonly form?: Readonly<Record<string, string>>;
  /** A body that is not JSON, as text. */
  readonly body?: string;
  readonly auth: AuthStyle;
  readonly response: ResponseKind;
}

const KEY_FIELD = 'api_key';

/** A recorded Valossa request (the key in its query, JSON body or form) without the key. */
export function fromValossaRecord(rec: RecordedRequest): ApiRequest {
  const url = new URL(rec.url);
  const inQuery = url.searchParams.has(KEY_FIELD);
  url.searchParams.delete(KEY_FIELD);
  const strip = <T extends object>(o: T | undefined) => (o ? (Object.fromEntries(Object.entries(o).filter(([k]) => k !== KEY_FIELD)) as T) : undefined);
  const json = rec.json !== undefined && typeof rec.json === 'object' && rec.json !== null ? strip(rec.json as Record<string, unknown>) : rec.json;
  const auth: AuthStyle = rec.form ? 'form' : inQuery || rec.method === 'GET' ? 'query' : 'body';
  const isText = /type=speech_to_text_/.test(url.search);
  return {
    provider: 'valossa',
    method: rec.method,
    url: url.toString(),
    headers: rec.headers ?? {},
    json,
    form: strip(rec.form),
    auth,
    response: isText ? 'text' : 'json',
  };
}

/** A recorded Vurbo request (it never held the key). */
export function fromVurboRecord(rec: VurboRequestRecord): ApiRequest {
  const sse = Object.entries(rec.headers).some(([k, v]) => k.toLowerCase() === 'accept' && v.includes('text/event-stream'));
  const form = rec.form ? { ...rec.form.fields, ...(rec.form.file ? { [rec.form.file.field]: `@${rec.form.file.path}` } : {}) } : undefined;
  return {
    provider: 'vurbo',
    method: rec.method,
    url: rec.url,
    headers: rec.headers,
    json: rec.json,
    form,
    auth: rec.keyHeader === 'authorization' ? 'bearer' : 'x-api-key',
    response: sse ? 'sse' : 'json',
  };
}
