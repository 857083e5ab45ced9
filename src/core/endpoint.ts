// The one shape both API clients and all Vurbo streams take: where the API is, its key and the HTTP layer.
import type { HttpClient } from './http/client';

/** An API origin with its key; the key is only ever sent the way the provider documents. */
export interface ApiEndpoint {
  readonly baseUrl: string;
  readonly key: string;
  readonly http: HttpClient;
}
