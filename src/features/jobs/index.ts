// Valossa Jobs: the view, its model and commands. Returns the "Copy as curl" source for job nodes.
import * as vscode from 'vscode';
import type { ConnectionSource } from '../shared/connection';
import type { CurlSource } from '../shared/curl';
import { showError } from '../shared/errors';
import type { Log } from '../shared/log';
import { showHostInTitle } from '../shared/hostTitle';
import { JobCommands } from './commands';
import { JobsModel } from './model';
import { RESULT_SCHEME, ResultDocuments } from './resultDocuments';
import { JobsTreeProvider, type JobsNode } from './tree';

export function registerJobs(context: vscode.ExtensionContext, connections: ConnectionSource, log: Log): CurlSource {
  let reported = false;
  const model = new JobsModel(connections, context.globalState, log, (what, e) => {
    log.error(what, e);
    // One notification per failure streak, not one per poll.
    if (!reported) void showError(what, e);
    reported = true;
  });
  const tree = new JobsTreeProvider(model);
  const view = vscode.window.createTreeView('speechApi.jobs', { treeDataProvider: tree, showCollapseAll: true });
  const documents = new ResultDocuments();
  const commands = new JobCommands(model, tree, documents);
  context.subscriptions.push(
    model,
    view,
    showHostInTitle(view, 'valossa', connections.hosts),
    documents,
    vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, documents),
    ...commands.register(),
    view.onDidChangeVisibility((e) => model.setVisible(e.visible)),
    model.onDidChange(() => {
      if (model.state.kind === 'idle') reported = false;
      const running = model.jobs.filter((j) => j.status.status !== 'finished' && j.status.status !== 'error').length;
      view.badge = running ? { value: running, tooltip: running === 1 ? vscode.l10n.t('{0} Valossa job running', running) : vscode.l10n.t('{0} Valossa jobs running', running) } : undefined;
    }),
    connections.onDidChange((p) => p === 'valossa' && model.reset()),
  );
  // Load lazily: only once the view is first shown, so activation stays cheap.
  if (view.visible) void model.refresh();
  else {
    const once = view.onDidChangeVisibility((e) => {
      if (e.visible) {
        once.dispose();
        void model.refresh();
      }
    });
    context.subscriptions.push(once);
  }

  return {
    curlFor(element: unknown) {
      const node = element as JobsNode | undefined;
      return node && 'entry' in node ? model.curlFor(node.entry.id) : undefined;
    },
  };
}
