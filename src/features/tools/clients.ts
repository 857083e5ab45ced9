// The tools' own API clients, built from FeatureDeps.connections without prompting: a missing key
// or an unconfirmed workspace host comes back as the catalogue's error for the model to relay.
import { ValossaClient } from '../../core/valossa/client';
import { VurboClient } from '../../core/vurbo/client';
import type { ProviderId } from '../../core/providers';
import { ClientCache } from '../shared/clientCache';
import type { ConnectionSource } from '../shared/connection';
import { Disposable } from '../shared/dispose';

export class ToolClients extends Disposable {
  private readonly vurboClients: ClientCache<VurboClient>;
  private readonly valossaClients: ClientCache<ValossaClient>;

  constructor(private readonly connections: ConnectionSource) {
    super();
    this.vurboClients = this.register(new ClientCache(connections, 'vurbo', (c) => new VurboClient(c)));
    this.valossaClients = this.register(new ClientCache(connections, 'valossa', (c) => new ValossaClient(c)));
  }

  vurbo(): Promise<VurboClient> {
    return this.vurboClients.get(false);
  }

  valossa(): Promise<ValossaClient> {
    return this.valossaClients.get(false);
  }

  /** "127.0.0.1:5555 (your user settings)": where a request would go, for confirmations. */
  host(provider: ProviderId): string {
    return this.connections.hosts.describe(this.connections.hosts.current(provider));
  }
}
