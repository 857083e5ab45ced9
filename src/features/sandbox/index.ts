// Commands of the local sandbox and its start-up behaviour.
import path from 'node:path';
import * as vscode from 'vscode';
import { COMMAND } from '../shared/commandIds';
import type { FeatureDeps } from '../shared/feature';
import type { HostSource } from '../shared/hosts';
import type { OriginKeys } from '../shared/keys';
import { Sandbox, type SandboxState } from './sandbox';

/** What the sandbox needs from the keys feature: its own keys, and which host each provider uses. */
export interface SandboxLinks {
  readonly keys: OriginKeys;
  readonly hosts: HostSource;
  /** The Jobs view learns the titles of the sandbox's own jobs (the API lists none). */
  jobTitles(titles: Record<string, string>): void;
}

export type SandboxApi = SandboxState;

export function registerSandbox(context: vscode.ExtensionContext, deps: Pick<FeatureDeps, 'log' | 'commands' | 'state'> & SandboxLinks): SandboxApi {
  const sandbox = new Sandbox({
    keys: deps.keys,
    hosts: deps.hosts,
    log: deps.log,
    state: deps.state,
    jobTitles: (t) => deps.jobTitles(t),
    emulatorScript: context.asAbsolutePath('dist/emulator.js'),
    stateFile: path.join(context.globalStorageUri.fsPath, 'sandbox', 'state.json'),
  });
  const start = deps.commands.guard(vscode.l10n.t('Start sandbox'), (options?: { quiet: boolean }) => sandbox.start(options));
  context.subscriptions.push(
    sandbox,
    deps.commands.register(COMMAND.sandbox.start, vscode.l10n.t('Start sandbox'), () => sandbox.start()),
    deps.commands.register(COMMAND.sandbox.stop, vscode.l10n.t('Stop sandbox'), () => sandbox.stop()),
    // The status-bar item's menu; not contributed, so not in the palette.
    deps.commands.register(COMMAND.sandbox.showMenu, vscode.l10n.t('Sandbox'), async () => {
      const items = [
        {
          label: `$(debug-stop) ${vscode.l10n.t('Stop Sandbox')}`,
          detail: vscode.l10n.t('Stops the emulator and restores your base URLs; its jobs and tasks are kept for the next start.'),
          action: 'stop',
        },
        {
          label: `$(trash) ${vscode.l10n.t('Stop Sandbox and Delete Its Data')}`,
          detail: vscode.l10n.t('Also deletes its jobs, tasks and keys: the next start is a fresh sandbox.'),
          action: 'forget',
        },
        { label: `$(output) ${vscode.l10n.t('Show Log')}`, detail: vscode.l10n.t('The Speech API log, where the sandbox reports.'), action: 'log' },
      ];
      const picked = await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('Speech API Sandbox — {0}', sandbox.origin ?? vscode.l10n.t('not running')),
      });
      if (picked?.action === 'stop') await sandbox.stop();
      else if (picked?.action === 'forget') await sandbox.stopAndForget();
      else if (picked?.action === 'log') deps.log.show();
    }),
  );
  const startOnLaunch = vscode.workspace.getConfiguration('speechApi.sandbox').get<boolean>('startOnLaunch', false);
  if (startOnLaunch) void start({ quiet: true });
  // A sandbox that was running when the last window went away comes back as it was.
  else void deps.commands.guard(vscode.l10n.t('Start sandbox'), () => sandbox.resume())();
  return sandbox;
}
