// ConnectionSource backed by the key store and the hosts. A key is only ever paired with the origin
// it was stored for: pointing a provider at another host asks for a key for that host, and a host
// that a workspace setting names gets no key before the user has confirmed it.
import * as vscode from 'vscode';
import { ApiError } from '../../core/errors';
import { PROVIDERS, type ProviderId } from '../../core/providers';
import type { ConnectionSource, ConnectOptions, ProviderConnection } from '../shared/connection';
import { ChangeEmitter } from '../shared/changeEmitter';
import type { Log } from '../shared/log';
import { allowedBase, type HostSource } from '../shared/hosts';
import { createHttpClient } from '../shared/settings';
import type { KeyStore } from './keyStore';

export class KeyedConnections extends ChangeEmitter<ProviderId> implements ConnectionSource {
  constructor(
    private readonly store: KeyStore,
    readonly hosts: HostSource,
    private readonly log: Log,
    private readonly askForKey: (provider: ProviderId, origin: string) => Promise<boolean>,
  ) {
    super();
    this.register(store.onDidChange((ref) => this.changed.fire(ref.provider)));
    this.register(hosts.onDidChange((p) => this.changed.fire(p)));
  }

  async hasKey(provider: ProviderId): Promise<boolean> {
    const host = this.hosts.current(provider);
    return host.base.ok && !host.unconfirmed && (await this.store.get({ provider, origin: host.base.origin })) !== undefined;
  }

  async connect(provider: ProviderId, options: ConnectOptions = {}): Promise<ProviderConnection> {
    const interactive = options.interactive !== false;
    const host = interactive ? await this.hosts.confirm(provider) : this.hosts.current(provider);
    if (!host) throw new ApiError({ provider, code: 'cancelled' });
    const base = allowedBase(host, this.hosts);
    const ref = { provider, origin: base.origin };
    let key = await this.store.get(ref);
    if (!key && interactive && (await this.askForKey(provider, base.origin))) {
      key = await this.store.get(ref);
    }
    if (!key) {
      throw new ApiError({
        provider,
        code: 'no_key',
        detail: vscode.l10n.t('No {0} key is stored for {1}. Set one with "Speech API: Set API Key".', PROVIDERS[provider].label, this.hosts.describe(host)),
      });
    }
    return { provider, baseUrl: base.baseUrl, origin: base.origin, key, http: createHttpClient(provider, this.log) };
  }
}
