// Valossa Jobs: the view, its model and commands. Offers the "Copy as curl" source for job rows.
import * as vscode from 'vscode';
import { isTerminal, type ResultType } from '../../core/valossa/types';
import type { CurlSource } from '../shared/curl';
import type { FeatureDeps } from '../shared/feature';
import { showHostInTitle } from '../shared/hostTitle';
import { showLoadState } from '../shared/loadState';
import { JobCommands, type JobsLinks } from './commands';
import { JobsModel } from './model';
import { badgeText } from './presentation';
import { RESULT_SCHEME, ResultDocuments } from './resultDocuments';
import { jobOfNode, JobsTreeProvider } from './tree';

export type { JobsLinks } from './commands';

export interface JobsApi {
  readonly curl: CurlSource;
  /** Opens a finished job's result as a document (the report's "Open as JSON"). */
  openResults(jobId: string, type: ResultType): Promise<void>;
}

export function registerJobs(context: vscode.ExtensionContext, deps: FeatureDeps & JobsLinks): JobsApi {
  const model = new JobsModel(deps.connections, deps.state, deps.log, deps.errors);
  const tree = new JobsTreeProvider(model);
  const view = vscode.window.createTreeView('speechApi.jobs', { treeDataProvider: tree, showCollapseAll: true });
  const documents = new ResultDocuments();
  const commands = new JobCommands(model, tree, documents, deps);
  context.subscriptions.push(
    model,
    tree,
    view,
    showHostInTitle(view, 'valossa', deps.connections.hosts),
    documents,
    vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, documents),
    ...commands.register(deps.commands),
    view.onDidChangeVisibility((e) => model.setVisible(e.visible)),
    // Empty and no-key states are the welcome views'.
    showLoadState(view, model, () => model.jobs.length, { error: (text) => vscode.l10n.t('Could not load jobs: {0}', text) }),
    model.onDidChange(() => {
      const running = model.jobs.filter((j) => !isTerminal(j.status.status)).length;
      const tooltip = badgeText(running);
      view.badge = tooltip ? { value: running, tooltip } : undefined;
    }),
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
    openResults: deps.commands.guard(vscode.l10n.t('Open results'), (jobId: string, type: ResultType) => commands.openResults(jobId, type)),
    curl: {
      curlFor(element: unknown) {
        const job = jobOfNode(element);
        return job && model.curlFor(job.id);
      },
    },
  };
}
