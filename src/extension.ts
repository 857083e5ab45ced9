// Composition root: builds the shared services, registers each feature with the FeatureDeps it
// needs and wires the few typed links between features. Nothing else lives here.
import * as vscode from 'vscode';
import { cacheSiblings } from './core/codeCache';
import { registerBroadcasts, type BroadcastsApi } from './features/broadcasts';
import { registerCopyAsCurl } from './features/curl';
import { registerDiagnostics } from './features/diagnostics';
import { registerExplorer } from './features/explorer';
import { registerJobs, type JobsApi } from './features/jobs';
import { registerKeys } from './features/keys';
import { registerLive, type LiveApi } from './features/live';
import { registerSandbox } from './features/sandbox';
import { COMMAND } from './features/shared/commandIds';
import { createCommands } from './features/shared/commands';
import { createErrorReporter } from './features/shared/errors';
import type { FeatureDeps } from './features/shared/feature';
import { createLog } from './features/shared/log';
import { registerStreams } from './features/streams';
import { registerTasks, type TasksApi } from './features/tasks';
import { registerTools } from './features/tools';
import { registerViews, type ViewsApi } from './features/views';

export function activate(context: vscode.ExtensionContext): void {
  // undici.js and ws.js (next to this bundle) load through V8's code cache, as the bundle itself does.
  cacheSiblings({ bundleDir: __dirname, cacheDir: context.globalStorageUri.fsPath });
  const log = createLog(context);
  // The error buttons and the two wizards below are links into features registered later; each
  // closure resolves its feature when it is called, by which time every feature is registered.
  const errors = createErrorReporter(() => ({
    setKey: (provider) => keys.setKey(provider),
    reviewHost: (provider) => keys.reviewHost(provider),
    showLog: () => log.show(),
  }));
  const commands = createCommands(log, errors);
  context.subscriptions.push(commands.register(COMMAND.log.show, vscode.l10n.t('Show log'), () => log.show()));

  const keys = registerKeys(context, { log, commands });
  const sandbox = registerSandbox(context, {
    log,
    commands,
    state: context.globalState,
    keys: keys.storedKeys,
    hosts: keys.hosts,
    jobTitles: (titles) => void jobs.learnTitles(titles),
  });
  keys.recogniseSandbox(sandbox);
  const diagnostics = registerDiagnostics(context, { log, commands, storedKeys: keys.storedKeys, hosts: keys.hosts });
  const { streams, outputs } = registerStreams(context, { commands });
  const deps: FeatureDeps = { log, commands, errors, connections: keys.connections, streams, outputs, state: context.globalState };

  // The report and transcript viewer open from jobs, tasks and live sessions, and reach back for the
  // raw JSON and the exports.
  const views: ViewsApi = registerViews(context, {
    ...deps,
    openRawResults: (jobId) => jobs.openResults(jobId, 'core'),
    exportTranscript: (taskId, format) => tasks.exportTranscript(taskId, format),
  });
  const jobs: JobsApi = registerJobs(context, { ...deps, openReport: (job) => views.openReport(job) });
  const tasks: TasksApi = registerTasks(context, { ...deps, openViewer: (task) => views.openTranscript(task) });
  // Live sessions and broadcasts offer each other's wizards.
  const live: LiveApi = registerLive(context, {
    ...deps,
    createBroadcast: () => broadcasts.create(),
    tasksChanged: () => tasks.refresh(),
    showInViewer: (feed) => views.showLive(feed),
  });
  const broadcasts: BroadcastsApi = registerBroadcasts(context, { ...deps, startLiveSession: (broadcast) => live.start(broadcast) });
  registerTools(context, { ...deps, sandboxOrigin: () => sandbox.origin, scanSetup: (folder) => diagnostics.scanSetup(folder) });
  registerCopyAsCurl(context, { commands, sources: [jobs.curl, tasks.curl, broadcasts.curl] });
  registerExplorer(context, deps);
  log.info('Speech API Explorer activated.');
}

export function deactivate(): void {
  // Everything is released through context.subscriptions.
}
