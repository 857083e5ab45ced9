// Commands of the local sandbox and its start-up behaviour.
import * as vscode from 'vscode';
import { showError } from '../shared/errors';
import type { OriginKeys } from '../shared/keys';
import type { Log } from '../shared/log';
import { Sandbox } from './sandbox';

export function registerSandbox(context: vscode.ExtensionContext, deps: { keys: OriginKeys; log: Log }): Sandbox {
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
    vscode.commands.registerCommand('speechApi.sandbox.start', run('Start sandbox', () => sandbox.start())),
    vscode.commands.registerCommand('speechApi.sandbox.stop', run('Stop sandbox', () => sandbox.stop())),
    // The status-bar item's menu; not contributed, so not in the palette.
    vscode.commands.registerCommand('speechApi.sandbox.showMenu', run('Sandbox', async () => {
      const items = [
        { label: '$(debug-stop) Stop Sandbox', detail: 'Stops the emulator and restores your base URLs.', action: 'stop' },
        { label: '$(output) Show Log', detail: 'The Speech API log, where the sandbox reports.', action: 'log' },
      ];
      const picked = await vscode.window.showQuickPick(items, { title: `Speech API Sandbox — ${sandbox.origin ?? 'not running'}` });
      if (picked?.action === 'stop') await sandbox.stop();
      else if (picked?.action === 'log') deps.log.show();
    })),
  );
  const startOnLaunch = vscode.workspace.getConfiguration('speechApi.sandbox').get<boolean>('startOnLaunch', false);
  void run('Start sandbox', () => (startOnLaunch ? sandbox.start({ quiet: true }) : sandbox.recover()))();
  return sandbox;
}
