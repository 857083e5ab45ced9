// From a `.http` request to an ApiRequest the explorer may send: variables resolved, the key taken
// out (it is only ever a reference, `{{vurboKey}}` / `{{valossaKey}}`, filled in at send time for
// the origin it is stored for), the endpoint found in the catalogue and the request checked against
// it. Problems are codes with data; the feature words them.
import { parseUrl } from '../read';
import { endpointsAtPath, matchEndpoint, type AuthStyle, type CatalogEndpoint, type EndpointMethod } from '../catalog';
import { PROVIDER_IDS, type ProviderId } from '../providers';
import { substitute, type HttpFile, type HttpFileRequest } from './httpFile';
import type { ApiRequest } from './request';

/** The variable each provider's key is referenced by. */
export const KEY_VARIABLES: Readonly<Record<ProviderId, string>> = { valossa: 'valossaKey', vurbo: 'vurboKey' };

export type RequestProblem =
  | { readonly code: 'not_a_request'; readonly text: string }
  | { readonly code: 'unresolved_variable'; readonly name: string }
  | { readonly code: 'invalid_url'; readonly url: string }
  | { readonly code: 'unknown_endpoint'; readonly method: string; readonly path: string; readonly allowed: readonly string[] }
  | { readonly code: 'missing_parameter'; readonly name: string; readonly location: 'path' | 'query' | 'body' }
  | { readonly code: 'invalid_json'; readonly message: string }
  | { readonly code: 'literal_key'; readonly where: string }
  | { readonly code: 'key_misplaced'; readonly expected: AuthStyle }
  | { readonly code: 'missing_key'; readonly variable: string }
  | { readonly code: 'multipart_unsupported' };

export interface PreparedRequest {
  readonly provider: ProviderId;
  /** Without the key; `auth` says where it goes. */
  readonly request: ApiRequest;
  readonly endpoint?: CatalogEndpoint;
  readonly problems: readonly RequestProblem[];
}

// Stands for the key while the request is built; never leaves this module.
const SLOT = '__SPEECH_API_KEY_SLOT__';

function providerOf(url: string, usedKey: ProviderId | undefined, bases: Readonly<Record<ProviderId, string>>): ProviderId {
  if (usedKey) return usedKey;
  const byBase = PROVIDER_IDS.find((p) => url.startsWith(bases[p]));
  if (byBase) return byBase;
  return /^\/(api\/v1|ws|broadcast)(\/|$)/.test(parseUrl(url)?.pathname ?? '') ? 'vurbo' : 'valossa';
}

/** The path under the provider's base URL: the configured base when the URL is under it, else the documented layout. */
export function pathUnderBase(provider: ProviderId, url: URL, base: string): string {
  const baseUrl = new URL(base);
  const basePath = baseUrl.pathname.replace(/\/$/, '');
  if (url.origin === baseUrl.origin && url.pathname.startsWith(basePath)) return url.pathname.slice(basePath.length) || '/';
  return provider === 'valossa' ? `/${url.pathname.split('/').filter(Boolean).pop() ?? ''}` : url.pathname;
}

export function prepareRequest(
  file: HttpFile,
  r: HttpFileRequest,
  bases: Readonly<Record<ProviderId, string>>,
  env: (name: string) => string | undefined = () => undefined,
): PreparedRequest {
  const problems: RequestProblem[] = [];
  let usedKey: ProviderId | undefined;
  const lookup = (name: string) => {
    const provider = PROVIDER_IDS.find((p) => KEY_VARIABLES[p] === name);
    if (provider) {
      usedKey = provider;
      return SLOT;
    }
    const pe = /^\$processEnv\s+(\S+)$/.exec(name);
    return pe ? env(pe[1]) : undefined;
  };
  // The key variables are reserved: a file that defines one does not get to choose the key.
  const variables = Object.fromEntries(Object.entries(file.variables).filter(([k]) => !Object.values(KEY_VARIABLES).includes(k)));
  const sub = (s: string) => {
    const out = substitute(s, variables, lookup);
    for (const name of out.unresolved)
      if (!problems.some((p) => p.code === 'unresolved_variable' && p.name === name)) problems.push({ code: 'unresolved_variable', name });
    return out.text;
  };
  const empty = (provider: ProviderId): PreparedRequest => ({
    provider,
    request: { provider, method: r.method, url: r.url, headers: {}, auth: 'none', response: 'json' },
    problems,
  });
  if (!r.method) {
    problems.push({ code: 'not_a_request', text: r.url });
    return empty('vurbo');
  }
  const urlText = sub(r.url);
  const headerPairs = r.headers.map(([k, v]) => [k, sub(v)] as const);
  const bodyText = r.body === undefined ? undefined : sub(r.body);
  const provider = providerOf(urlText, usedKey, bases);
  const url = parseUrl(urlText);
  if (!url) {
    problems.push({ code: 'invalid_url', url: urlText.replace(SLOT, `{{${KEY_VARIABLES[provider]}}}`) });
    return empty(provider);
  }

  // Take the key out and note where it went.
  const places: AuthStyle[] = [];
  const headers: Record<string, string> = {};
  for (const [name, value] of headerPairs) {
    const lower = name.toLowerCase();
    if (lower === 'x-api-key') {
      if (value === SLOT) places.push('x-api-key');
      else problems.push({ code: 'literal_key', where: name });
    } else if (lower === 'authorization' && /^Bearer\s/i.test(value)) {
      if (value.replace(/^Bearer\s+/i, '') === SLOT) places.push('bearer');
      else problems.push({ code: 'literal_key', where: name });
    } else {
      headers[name] = value;
    }
  }
  const queryKey = url.searchParams.get('api_key');
  if (queryKey !== null) {
    if (queryKey === SLOT) places.push('query');
    else problems.push({ code: 'literal_key', where: 'api_key' });
    url.searchParams.delete('api_key');
  }
  let json: unknown;
  let body: string | undefined;
  const contentType = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  if (/multipart\/form-data/i.test(contentType)) problems.push({ code: 'multipart_unsupported' });
  if (bodyText !== undefined) {
    if (/json/i.test(contentType) || /^\s*[{[]/.test(bodyText)) {
      try {
        json = JSON.parse(bodyText);
      } catch (e) {
        problems.push({ code: 'invalid_json', message: (e as Error).message.replace(SLOT, '…') });
      }
      if (json && typeof json === 'object' && !Array.isArray(json) && 'api_key' in json) {
        const { api_key: k, ...rest } = json as Record<string, unknown>;
        if (k === SLOT) places.push('body');
        else problems.push({ code: 'literal_key', where: 'api_key' });
        json = rest;
      }
    } else {
      body = bodyText;
    }
  }
  const leftover = [url.toString(), ...Object.values(headers), JSON.stringify(json ?? ''), body ?? ''].some(
    (s) => s.includes(SLOT) || s.includes(encodeURIComponent(SLOT)),
  );
  if (leftover) problems.push({ code: 'key_misplaced', expected: 'x-api-key' });

  const method = r.method as EndpointMethod;
  const path = pathUnderBase(provider, url, bases[provider]);
  const match = matchEndpoint(provider, method, path);
  const endpoint = match?.endpoint;
  const auth: AuthStyle = endpoint?.auth ?? places[0] ?? 'none';
  if (!match) {
    problems.push({ code: 'unknown_endpoint', method, path, allowed: endpointsAtPath(provider, path).map((e) => e.method) });
  } else {
    checkParameters(match.endpoint, match.pathParams, url, json, problems);
    const expected = match.endpoint.auth;
    const keyed = expected !== 'none' && expected !== 'ticket';
    if (keyed && expected !== 'form' && places.length === 0 && !problems.some((p) => p.code === 'literal_key'))
      problems.push({ code: 'missing_key', variable: KEY_VARIABLES[provider] });
    if (places.some((p) => p !== expected) || (!keyed && places.length)) problems.push({ code: 'key_misplaced', expected });
    if (expected === 'form') problems.push({ code: 'multipart_unsupported' });
  }
  const request: ApiRequest = { provider, method, url: url.toString(), headers, json, body, auth, response: endpoint?.response ?? 'json' };
  return { provider, request, endpoint, problems };
}

function checkParameters(e: CatalogEndpoint, pathParams: Readonly<Record<string, string>>, url: URL, json: unknown, problems: RequestProblem[]): void {
  for (const p of e.params.filter((x) => x.required)) {
    if (p.in === 'path' && (!pathParams[p.name] || /^\{.*\}$/.test(pathParams[p.name])))
      problems.push({ code: 'missing_parameter', name: p.name, location: 'path' });
    if (p.in === 'query' && !url.searchParams.get(p.name)) problems.push({ code: 'missing_parameter', name: p.name, location: 'query' });
    if (p.in === 'body' && !(json && typeof json === 'object' && p.name in json)) problems.push({ code: 'missing_parameter', name: p.name, location: 'body' });
  }
}
