// ConnectionSource backed by the key store and settings. A key is only ever paired with the origin
// it was stored for: pointing a provider at another host asks for a key for that host.
import * as vscode from 'vscode';
import { ApiError } from '../../core/errors';
import { HttpClient } from '../../core/http/client';
import { PROVIDERS, type ProviderId } from '../../core/providers';
import type { ConnectionSource, ConnectOptions, ProviderConnection } from '../shared/connection';
import type { Log } from '../shared/log';
import { httpSettings, readBaseUrl } from '../shared/settings';
import type { KeyStore } from './keyStore';

export class KeyedConnections implements ConnectionSource, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ProviderId>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: KeyStore,
    private readonly log: Log,
    private readonly askForKey: (provider: ProviderId, origin: string) => Promise<boolean>,
  ) {
    this.disposables.push(
      store.onDidChange((ref) => this.changed.fire(ref.provider)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        for (const p of ['valossa', 'vurbo'] as const) if (e.affectsConfiguration(`speechApi.${p}.baseUrl`)) this.changed.fire(p);
      }),
    );
  }

  async hasKey(provider: ProviderId): Promise<boolean> {
    const base = readBaseUrl(provider);
    return base.ok && (await this.store.get({ provider, origin: base.origin })) !== undefined;
  }

  async connect(provider: ProviderId, options: ConnectOptions = {}): Promise<ProviderConnection> {
    const base = readBaseUrl(provider);
    if (!base.ok) {
      throw new ApiError({ provider, code: 'insecure_base_url', serverMessage: `speechApi.${provider}.baseUrl: ${base.reason}` });
    }
    const ref = { provider, origin: base.origin };
    let key = await this.store.get(ref);
    if (!key && options.interactive !== false && (await this.askForKey(provider, base.origin))) {
      key = await this.store.get(ref);
    }
    if (!key) {
      throw new ApiError({ provider, code: 'no_key', serverMessage: vscode.l10n.t('No {0} key is stored for {1}.', PROVIDERS[provider].label, base.origin) });
    }
    const { timeoutMs, maxRetries } = httpSettings();
    const http = new HttpClient({
      provider,
      timeoutMs,
      retry: { maxRetries },
      trace: (e) => this.log.trace(e),
      userAgent: `speech-api-explorer/${vscode.extensions.getExtension('speech-api-explorer.speech-api-explorer')?.packageJSON?.version ?? 'dev'}`,
    });
    return { provider, baseUrl: base.baseUrl, origin: base.origin, key, http };
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.changed.dispose();
  }
}
