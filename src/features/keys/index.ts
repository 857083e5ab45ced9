// API keys: Secret Storage bound to (provider, origin), the hosts they may go to, the commands that
// set, test, clear and import them, the "no key" prompt, and the context keys the welcome views read.
import * as vscode from 'vscode';
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '../../core/providers';
import type { ConnectionSource } from '../shared/connection';
import type { FeatureDeps } from '../shared/feature';
import type { HostSource } from '../shared/hosts';
import type { OriginKeys, StoredKeys } from '../shared/keys';
import { showNotice } from '../shared/notice';
import { KeyCommands } from './commands';
import { KeyedConnections } from './connections';
import { KeyStore } from './keyStore';
import { noticeIgnoredWorkspaceHosts } from './restrictedNotice';
import { WorkspaceHosts } from './workspaceHosts';

export interface KeysApi {
  readonly connections: ConnectionSource;
  readonly hosts: HostSource;
  readonly storedKeys: StoredKeys & OriginKeys;
  /** The sandbox's origin counts as "· sandbox" in titles. */
  recogniseSandbox: WorkspaceHosts['recogniseSandbox'];
  setKey(provider: ProviderId | undefined): Promise<unknown>;
  reviewHost(provider: ProviderId | undefined): Promise<unknown>;
}

export function registerKeys(context: vscode.ExtensionContext, deps: Pick<FeatureDeps, 'log' | 'commands'>): KeysApi {
  const store = new KeyStore(context.secrets, context.globalState);
  const hosts = new WorkspaceHosts(context.globalState);
  const commands: KeyCommands = new KeyCommands(store, hosts, deps.log, () => connections);
  const connections = new KeyedConnections(store, hosts, deps.log, async (provider, origin) => {
    const text = vscode.l10n.t(
      'No {0} API key is stored for {1}. Keys are bound to the host they were set for.',
      PROVIDERS[provider].label,
      hosts.describe(hosts.current(provider)),
    );
    return (await showNotice('warning', text, [{ label: vscode.l10n.t('Set API Key'), run: () => commands.setKey(provider, origin) }])) ?? false;
  });
  // Welcome views key off these: a key counts only for the origin the provider points at now, and
  // not while a workspace setting names a host the user has not confirmed.
  const syncContext = async (provider: ProviderId) => {
    const host = hosts.current(provider);
    await vscode.commands.executeCommand('setContext', `speechApi.${provider}.hostFromWorkspace`, host.source.fromWorkspace);
    await vscode.commands.executeCommand('setContext', `speechApi.${provider}.hostUnconfirmed`, host.unconfirmed);
    await vscode.commands.executeCommand('setContext', `speechApi.${provider}.hasKey`, await connections.hasKey(provider));
    // The walkthrough's "Set or import a key" step ticks on either provider, sandbox keys included.
    const any = (await Promise.all(PROVIDER_IDS.map((p) => connections.hasKey(p)))).some(Boolean);
    await vscode.commands.executeCommand('setContext', 'speechApi.hasAnyKey', any);
  };
  context.subscriptions.push(
    store,
    hosts,
    connections,
    ...commands.register(deps.commands),
    connections.onDidChange((p) => void syncContext(p)),
  );
  PROVIDER_IDS.forEach((p) => void syncContext(p));
  void noticeIgnoredWorkspaceHosts(context);
  return {
    connections,
    hosts,
    storedKeys: store,
    recogniseSandbox: (sandbox) => hosts.recogniseSandbox(sandbox),
    setKey: (provider) => commands.setKey(provider),
    reviewHost: (provider) => commands.reviewHost(provider),
  };
}
