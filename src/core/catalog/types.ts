// The shape of one endpoint in the catalogue (catalog/index.ts): what the API docs say about it, in
// one typed place that the explorer, the code generators and the client check test all read.
import type { ProviderId } from '../providers';

export type ParamType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'file';
export type ParamLocation = 'path' | 'query' | 'body' | 'form';

export interface CatalogParam {
  readonly name: string;
  readonly in: ParamLocation;
  readonly type: ParamType;
  readonly required: boolean;
  readonly description: string;
  readonly example?: unknown;
  readonly values?: readonly string[];
}

/**
 * How the key travels: Valossa in the JSON body (POST), the query (GET) or a form field (uploads);
 * Vurbo in `X-API-Key`, as a Bearer token (POST /api/v1/summary only), as a one-time ticket (/ws), or
 * not at all (viewer endpoints).
 */
export type AuthStyle = 'body' | 'query' | 'form' | 'x-api-key' | 'bearer' | 'ticket' | 'none';

export type ResponseKind = 'json' | 'text' | 'sse' | 'binary' | 'websocket';

/** The marker the contract page gives the endpoint (vurbo-vas.md §0). */
export type DocStatus = 'documented' | 'inferred' | 'not-documented';

export type EndpointMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'WS';

export interface CatalogEndpoint {
  /** Stable id: `provider:METHOD path`. */
  readonly id: string;
  readonly provider: ProviderId;
  /** The group in the explorer tree ("Tasks", "SSE streams", "Jobs"…). */
  readonly area: string;
  readonly method: EndpointMethod;
  /** Path template under the provider's base URL: `/job_status`, `/api/v1/tasks/{taskId}`. */
  readonly path: string;
  readonly summary: string;
  readonly params: readonly CatalogParam[];
  /** A JSON body to start from (without the key), for endpoints that take one. */
  readonly exampleBody?: unknown;
  readonly auth: AuthStyle;
  readonly response: ResponseKind;
  readonly status: DocStatus;
  /** The public documentation page. */
  readonly docsUrl: string;
  /** The section of ../shared/api/*.md the entry was taken from. */
  readonly section: string;
}

export type EndpointSpec = Omit<CatalogEndpoint, 'id' | 'provider' | 'params'> & { readonly params?: readonly CatalogParam[] };

export function param(
  location: ParamLocation,
  name: string,
  type: ParamType,
  required: boolean,
  description: string,
  extra: { example?: unknown; values?: readonly string[] } = {},
): CatalogParam {
  return { name, in: location, type, required, description, ...extra };
}

/** What one entry says beyond its method, path and summary, over its group's defaults. */
export type EntryExtras = Partial<Omit<EndpointSpec, 'method' | 'path' | 'summary'>>;
export type GroupEntry = (method: EndpointMethod, path: string, summary: string, extras?: EntryExtras) => EndpointSpec;

/** The entries of one group share `defaults` (area, auth, response, docs page…), so each entry names only what differs. */
export function endpointGroup(defaults: Omit<EndpointSpec, 'method' | 'path' | 'summary'>): GroupEntry {
  return (method, path, summary, extras = {}) => ({ ...defaults, method, path, summary, ...extras });
}
