// Composition root: creates each feature, hands it the small interfaces it needs, registers its
// disposables. Nothing else lives here.
import * as vscode from 'vscode';
import { KeyCommands } from './features/keys/commands';
import { KeyedConnections } from './features/keys/connections';
import { KeyStore } from './features/keys/keyStore';
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
  const keyCommands = new KeyCommands(keyStore, log);
  const connections = new KeyedConnections(keyStore, log, async (provider, origin) => {
    const setKey = vscode.l10n.t('Set API Key');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('No {0} API key is stored for {1}. Keys are bound to the host they were set for.', provider === 'vurbo' ? 'Vurbo' : 'Valossa', origin),
      setKey,
    );
    return choice === setKey && keyCommands.setKey(provider, origin);
  });

  context.subscriptions.push(
    keyStore,
    connections,
    ...keyCommands.register(),
    vscode.commands.registerCommand('speechApi.showLog', () => log.show()),
  );
  registerSandbox(context, { keys: keyStore, log });
  registerKeyDiagnostics(context, { storedKeys: keyStore, log });
  const { streams, outputs } = registerStreams(context);
  const jobsCurl = registerJobs(context, connections, log);
  const tasksCurl = registerTasks(context, { connections, log, streams, outputs });
  registerLive(context, { connections, log, streams, outputs });
  registerBroadcasts(context, { connections, log, streams, outputs });
  context.subscriptions.push(registerCopyAsCurl([jobsCurl, tasksCurl]));
  // Welcome views key off these: a key counts only for the origin the provider points at now.
  const syncKeyContext = async (provider: 'valossa' | 'vurbo') =>
    vscode.commands.executeCommand('setContext', `speechApi.${provider}.hasKey`, await connections.hasKey(provider));
  context.subscriptions.push(connections.onDidChange((p) => void syncKeyContext(p)));
  void syncKeyContext('valossa');
  void syncKeyContext('vurbo');
  log.info('Speech API Explorer activated.');
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
