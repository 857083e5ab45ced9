// Valossa Jobs: the view, its model and commands. Offers the "Copy as curl" source for job rows.
import * as vscode from 'vscode';
import { isTerminal, type ResultType } from '../../core/valossa/types';
import { fromValossaRecord } from '../../core/explorer/request';
import { labelled, type CurlSource } from '../shared/curl';
import type { FeatureDeps } from '../shared/feature';
import { registerListFeature } from '../shared/listFeature';
import { JobCommands, type JobsLinks } from './commands';
import { JobsModel } from './model';
import { badgeText } from './presentation';
import { RESULT_SCHEME, ResultDocuments } from './resultDocuments';
import { jobOfNode, JobsTreeProvider } from './tree';

export type { JobsLinks } from './commands';

export interface JobsApi {
  readonly curl: CurlSource;
  /** Titles of jobs known from elsewhere (the sandbox's seeded jobs): the API's job list carries none. */
  learnTitles(titles: Record<string, string>): Promise<void>;
  /** Opens a finished job's result as a document (the report's "Open as JSON"). */
  openResults(jobId: string, type: ResultType): Promise<void>;
}

export function registerJobs(context: vscode.ExtensionContext, deps: FeatureDeps & JobsLinks): JobsApi {
  const model = new JobsModel(deps.connections, deps.state, deps.log, deps.errors);
  const tree = new JobsTreeProvider(model);
  const documents = new ResultDocuments();
  const { view, commands } = registerListFeature(context, deps, {
    viewId: 'speechApi.jobs',
    model,
    tree,
    provider: 'valossa',
    count: () => model.jobs.length,
    // Empty and no-key states are the welcome views'.
    texts: { error: (text) => vscode.l10n.t('Could not load jobs: {0}', text) },
    showCollapseAll: true,
    commands: () => new JobCommands({ model, tree, documents, links: deps }),
  });
  context.subscriptions.push(
    documents,
    vscode.workspace.registerTextDocumentContentProvider(RESULT_SCHEME, documents),
    model.onDidChange(() => {
      const running = model.jobs.filter((j) => !isTerminal(j.status.status)).length;
      const tooltip = badgeText(running);
      view.badge = tooltip ? { value: running, tooltip } : undefined;
    }),
  );
  return {
    learnTitles: (titles) => model.learnTitles(titles),
    openResults: deps.commands.guard(vscode.l10n.t('Open results'), (jobId: string, type: ResultType) => commands.openResults(jobId, type)),
    curl: {
      selection: () => view.selection,
      requestsFor(element: unknown) {
        const job = jobOfNode(element);
        const recorded = job && model.lastRequest(job.id);
        if (!job || !recorded) return undefined;
        // Status and results first, on the host the last call went to; the key comes from the variable.
        const read = (fn: string, extra = '') =>
          labelled({
            provider: 'valossa',
            method: 'GET',
            url: new URL(`${fn}?job_id=${encodeURIComponent(job.id)}${extra}`, recorded.url).toString(),
            headers: {},
            auth: 'query',
            response: 'json',
          });
        return [read('job_status'), read('job_results'), labelled(fromValossaRecord(recorded), true)];
      },
    },
  };
}
