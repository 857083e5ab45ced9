// Composition root: creates each feature, hands it the small interfaces it needs, registers its
// disposables. Nothing else lives here.
import * as vscode from 'vscode';
import { PROVIDERS } from './core/providers';
import { KeyCommands } from './features/keys/commands';
import { KeyedConnections } from './features/keys/connections';
import { KeyStore } from './features/keys/keyStore';
import { noticeIgnoredWorkspaceHosts } from './features/keys/restrictedNotice';
import { WorkspaceHosts } from './features/keys/workspaceHosts';
import { registerKeyDiagnostics } from './features/diagnostics';
import { createLog } from './features/shared/log';
import { registerSandbox } from './features/sandbox';
import { registerStreams } from './features/streams';
import { registerTasks } from './features/tasks';
import { registerLive } from './features/live';
import { registerBroadcasts } from './features/broadcasts';
import { registerCopyAsCurl } from './features/curl';
import { registerJobs } from './features/jobs';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog(context);
  const keyStore = new KeyStore(context.secrets, context.globalState);
  const hosts = new WorkspaceHosts(context.globalState);
  const keyCommands = new KeyCommands(keyStore, hosts, log);
  const connections = new KeyedConnections(keyStore, hosts, log, async (provider, origin) => {
    const setKey = vscode.l10n.t('Set API Key');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('No {0} API key is stored for {1}. Keys are bound to the host they were set for.', PROVIDERS[provider].label, hosts.describe(hosts.current(provider))),
      setKey,
    );
    return choice === setKey && keyCommands.setKey(provider, origin);
  });

  context.subscriptions.push(
    keyStore,
    hosts,
    connections,
    ...keyCommands.register(),
    vscode.commands.registerCommand('speechApi.showLog', () => log.show()),
  );
  const sandbox = registerSandbox(context, { keys: keyStore, hosts, log });
  hosts.recogniseSandbox(sandbox);
  registerKeyDiagnostics(context, { storedKeys: keyStore, hosts, log });
  const { streams, outputs } = registerStreams(context);
  const jobsCurl = registerJobs(context, connections, log);
  const tasksCurl = registerTasks(context, { connections, log, streams, outputs });
  registerLive(context, { connections, log, streams, outputs });
  registerBroadcasts(context, { connections, log, streams, outputs });
  context.subscriptions.push(registerCopyAsCurl([jobsCurl, tasksCurl]));
  // Welcome views key off these: a key counts only for the origin the provider points at now, and
  // not while a workspace setting names a host the user has not confirmed.
  const syncKeyContext = async (provider: 'valossa' | 'vurbo') => {
    const host = hosts.current(provider);
    await vscode.commands.executeCommand('setContext', `speechApi.${provider}.hostFromWorkspace`, host.source.fromWorkspace);
    await vscode.commands.executeCommand('setContext', `speechApi.${provider}.hostUnconfirmed`, host.unconfirmed);
    await vscode.commands.executeCommand('setContext', `speechApi.${provider}.hasKey`, await connections.hasKey(provider));
  };
  context.subscriptions.push(connections.onDidChange((p) => void syncKeyContext(p)));
  void syncKeyContext('valossa');
  void syncKeyContext('vurbo');
  void noticeIgnoredWorkspaceHosts(context);
  log.info('Speech API Explorer activated.');
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
