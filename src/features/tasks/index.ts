// The Vurbo Tasks feature: the `speechApi.tasks` tree (multi-select), its background refresh, the
// task commands and its "Copy as curl" source. Streams go to the streams feature through the shared
// interfaces.
import * as vscode from 'vscode';
import { ApiError } from '../../core/errors';
import type { ConnectionSource } from '../shared/connection';
import type { CurlSource } from '../shared/curl';
import { showError } from '../shared/errors';
import type { Log } from '../shared/log';
import type { StreamRegistry, TranscriptOutputFactory } from '../shared/streams';
import { showHostInTitle } from '../shared/hostTitle';
import { TaskCommands } from './commands';
import { tasksCurlSource } from './curl';
import { importAudio } from './importAudio';
import { TasksModel } from './model';
import type { TaskGroup } from './presentation';
import { TasksTreeProvider } from './tree';
import { errorText } from '../shared/errorMessages';

export interface TasksDeps {
  connections: ConnectionSource;
  log: Log;
  streams: StreamRegistry;
  outputs: TranscriptOutputFactory;
}

function autoRefreshMs(): number {
  return Math.max(0, vscode.workspace.getConfiguration('speechApi.vurbo').get<number>('autoRefreshSeconds', 5)) * 1000;
}

export function registerTasks(context: vscode.ExtensionContext, deps: TasksDeps): CurlSource {
  const model = new TasksModel(deps.connections, deps.log, autoRefreshMs);
  const tree = new TasksTreeProvider(model);
  const view = vscode.window.createTreeView('speechApi.tasks', { treeDataProvider: tree, canSelectMany: true });
  const commands = new TaskCommands({ model, streams: deps.streams, outputs: deps.outputs });
  context.subscriptions.push(showHostInTitle(view, 'vurbo', deps.connections.hosts));

  const describe = () => {
    const state = model.state;
    if (state.kind === 'loading') view.message = vscode.l10n.t('Loading tasks…');
    else if (state.kind === 'error') view.message = vscode.l10n.t('Could not load tasks: {0}', errorText(state.error));
    else if (state.kind === 'loaded' && model.tasks.length === 0) view.message = vscode.l10n.t('No tasks yet. Import an audio file, or record one with a live session.');
    else view.message = undefined;
  };

  const run = (what: string, fn: (...args: unknown[]) => Promise<unknown>) => async (...args: unknown[]) => {
    try {
      await fn(...args);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'cancelled') return;
      deps.log.error(what, e);
      await showError(what, e);
    }
  };

  context.subscriptions.push(
    model,
    tree,
    view,
    model.onDidChange(describe),
    view.onDidChangeVisibility((e) => model.setVisible(e.visible)),
    deps.connections.onDidChange((provider) => provider === 'vurbo' && model.reset()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('speechApi.vurbo.autoRefreshSeconds') && model.setVisible(view.visible)),
    vscode.commands.registerCommand('speechApi.vurbo.loadMoreTasks', (group: TaskGroup = 'completed') => tree.showMore(group)),
    vscode.commands.registerCommand('speechApi.vurbo.refreshTasks', run(vscode.l10n.t('Refresh Vurbo tasks'), () => commands.refresh())),
    vscode.commands.registerCommand('speechApi.vurbo.streamTranscript', run(vscode.l10n.t('Show transcript'), (...a) => commands.streamTranscript(...a))),
    vscode.commands.registerCommand('speechApi.vurbo.retranslate', run(vscode.l10n.t('Retranslate'), (...a) => commands.retranslate(...a))),
    vscode.commands.registerCommand('speechApi.vurbo.exportTranscript', run(vscode.l10n.t('Export transcript'), (...a) => commands.exportTranscript(...a))),
    vscode.commands.registerCommand('speechApi.vurbo.exportAudio', run(vscode.l10n.t('Export audio'), (...a) => commands.exportAudio(...a))),
    vscode.commands.registerCommand('speechApi.vurbo.renameTask', run(vscode.l10n.t('Rename task'), (...a) => commands.renameTask(...a))),
    vscode.commands.registerCommand('speechApi.vurbo.pinTask', run(vscode.l10n.t('Pin task'), (...a) => commands.setPinned(true, ...a))),
    vscode.commands.registerCommand('speechApi.vurbo.unpinTask', run(vscode.l10n.t('Unpin task'), (...a) => commands.setPinned(false, ...a))),
    vscode.commands.registerCommand('speechApi.vurbo.deleteTask', run(vscode.l10n.t('Delete task'), (...a) => commands.deleteTasks(...a))),
    vscode.commands.registerCommand('speechApi.vurbo.retryTask', run(vscode.l10n.t('Retry task'), (...a) => commands.retryTasks(...a))),
    vscode.commands.registerCommand('speechApi.vurbo.renameSpeaker', run(vscode.l10n.t('Rename speaker'), (...a) => commands.renameSpeaker(...a))),
    vscode.commands.registerCommand('speechApi.vurbo.importAudio', run(vscode.l10n.t('Import audio'), (file) => importAudio({ model, streams: deps.streams, outputs: deps.outputs, state: context.globalState }, file))),
  );
  describe();
  model.setVisible(view.visible);
  return tasksCurlSource(model);
}
