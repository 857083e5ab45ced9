// Vurbo Tasks: the `speechApi.tasks` tree (multi-select), its background refresh, the task
// commands and its "Copy as curl" source. Streams go to the streams feature through FeatureDeps.
import * as vscode from 'vscode';
import type { CurlSource } from '../shared/curl';
import type { FeatureDeps } from '../shared/feature';
import { registerListFeature } from '../shared/listFeature';
import type { TranscriptFormat } from '../../core/vurbo/inferred';
import { TaskCommands, type TasksLinks } from './commands';
import { tasksCurlSource } from './curl';
import { TasksModel } from './model';
import { TasksTreeProvider } from './tree';

export interface TasksApi {
  readonly curl: CurlSource;
  /** Reloads the list: another feature changed the tasks at the server (a live session ended). */
  refresh(): Promise<void>;
  /** Saves the task's transcript as `format` (the transcript viewer's export buttons). */
  exportTranscript(taskId: string, format: TranscriptFormat): Promise<void>;
}

export type { TasksLinks } from './commands';

function autoRefreshMs(): number {
  return Math.max(0, vscode.workspace.getConfiguration('speechApi.vurbo').get<number>('autoRefreshSeconds', 5)) * 1000;
}

export function registerTasks(context: vscode.ExtensionContext, deps: FeatureDeps & TasksLinks): TasksApi {
  const model = new TasksModel(deps.connections, deps.log, autoRefreshMs);
  const tree = new TasksTreeProvider(model);
  const { view, commands } = registerListFeature(context, deps, {
    viewId: 'speechApi.tasks',
    model,
    tree,
    provider: 'vurbo',
    count: () => model.tasks.length,
    texts: {
      loading: vscode.l10n.t('Loading tasks…'),
      empty: vscode.l10n.t('No tasks yet. Import an audio file, or record one with a live session.'),
      error: (text) => vscode.l10n.t('Could not load tasks: {0}', text),
    },
    canSelectMany: true,
    commands: (view) => new TaskCommands({ ...deps, links: deps, model, tree, selection: () => view.selection }),
  });
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('speechApi.vurbo.autoRefreshSeconds') && model.setVisible(view.visible)),
  );
  return {
    curl: tasksCurlSource(model, () => view.selection),
    refresh: () => model.refresh(),
    exportTranscript: deps.commands.guard(vscode.l10n.t('Export transcript'), (taskId: string, format: TranscriptFormat) => commands.exportAs(taskId, format)),
  };
}
