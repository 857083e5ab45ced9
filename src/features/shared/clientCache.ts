// The one way a feature holds its API client: built from the provider's connection on first use
// and dropped when the key or host changes, so every call in between shares one client.
import type { ProviderId } from '../../core/providers';
import type { ConnectionSource, ProviderConnection } from './connection';
import { Disposable } from './dispose';

export class ClientCache<T> extends Disposable {
  private cached: Promise<T> | undefined;
  private resolved: T | undefined;

  constructor(
    private readonly connections: ConnectionSource,
    private readonly provider: ProviderId,
    private readonly make: (connection: ProviderConnection) => T,
  ) {
    super();
    this.register(connections.onDidChange((p) => p === provider && this.drop()));
  }

  /** The client; `interactive` (the default) offers to set a missing key. Failures are not cached. */
  get(interactive = true): Promise<T> {
    if (this.cached) return this.cached;
    const pending = this.connections.connect(this.provider, { interactive }).then(this.make);
    this.cached = pending;
    pending.then(
      (client) => this.cached === pending && (this.resolved = client),
      () => this.cached === pending && (this.cached = undefined),
    );
    return pending;
  }

  /** The client if one is built already (for synchronous reads such as "Copy as curl"). */
  peek(): T | undefined {
    return this.resolved;
  }

  drop(): void {
    this.cached = undefined;
    this.resolved = undefined;
  }
}
