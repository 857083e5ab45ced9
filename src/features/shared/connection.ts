// The small interface every API feature uses to reach a provider: a base URL, the key bound to its
// origin, and an HTTP client. Implemented by the keys feature; wired in extension.ts.
import type * as vscode from 'vscode';
import type { HttpClient } from '../../core/http/client';
import type { HostSource } from './hosts';
import type { ProviderId } from '../../core/providers';

export interface ProviderConnection {
  readonly provider: ProviderId;
  readonly baseUrl: string;
  readonly origin: string;
  /** Only ever placed into the request that needs it. */
  readonly key: string;
  readonly http: HttpClient;
}

export interface ConnectOptions {
  /** Offer to set a key when none is stored for the configured origin (default true). */
  interactive?: boolean;
}

export interface ConnectionSource {
  /** Throws an ApiError (`no_key`, `insecure_base_url`) when the provider cannot be used. */
  connect(provider: ProviderId, options?: ConnectOptions): Promise<ProviderConnection>;
  /** Whether a key is stored for the provider's configured origin (no prompt). */
  hasKey(provider: ProviderId): Promise<boolean>;
  /** Fires when a key or base URL of the provider changed (in this window or another). */
  readonly onDidChange: vscode.Event<ProviderId>;
  /** Which host each provider points at and where that comes from (for view titles and messages). */
  readonly hosts: HostSource;
}
