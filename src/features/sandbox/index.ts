// Commands of the local sandbox and its start-up behaviour.
import * as vscode from 'vscode';
import { showError } from '../shared/errors';
import type { HostSource } from '../shared/hosts';
import type { OriginKeys } from '../shared/keys';
import type { Log } from '../shared/log';
import { Sandbox } from './sandbox';

export function registerSandbox(context: vscode.ExtensionContext, deps: { keys: OriginKeys; hosts: HostSource; log: Log }): Sandbox {
  const sandbox = new Sandbox({ ...deps, state: context.globalState, emulatorScript: context.asAbsolutePath('dist/emulator.js') });
  const run = (what: string, fn: () => Promise<void>) => async () => {
    try {
      await fn();
    } catch (e) {
      deps.log.error(what, e);
      await showError(what, e);
    }
  };
  context.subscriptions.push(
    sandbox,
    vscode.commands.registerCommand('speechApi.sandbox.start', run(vscode.l10n.t('Start sandbox'), () => sandbox.start())),
    vscode.commands.registerCommand('speechApi.sandbox.stop', run(vscode.l10n.t('Stop sandbox'), () => sandbox.stop())),
    // The status-bar item's menu; not contributed, so not in the palette.
    vscode.commands.registerCommand('speechApi.sandbox.showMenu', run(vscode.l10n.t('Sandbox'), async () => {
      const items = [
        { label: `$(debug-stop) ${vscode.l10n.t('Stop Sandbox')}`, detail: vscode.l10n.t('Stops the emulator and restores your base URLs.'), action: 'stop' },
        { label: `$(output) ${vscode.l10n.t('Show Log')}`, detail: vscode.l10n.t('The Speech API log, where the sandbox reports.'), action: 'log' },
      ];
      const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Speech API Sandbox — {0}', sandbox.origin ?? vscode.l10n.t('not running')) });
      if (picked?.action === 'stop') await sandbox.stop();
      else if (picked?.action === 'log') deps.log.show();
    })),
  );
  const startOnLaunch = vscode.workspace.getConfiguration('speechApi.sandbox').get<boolean>('startOnLaunch', false);
  void run(vscode.l10n.t('Start sandbox'), () => (startOnLaunch ? sandbox.start({ quiet: true }) : sandbox.recover()))();
  return sandbox;
}
