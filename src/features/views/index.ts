// The two webviews: the Valossa job report and the Vurbo transcript viewer. Opened through the
// typed API below (the jobs, tasks and live features link to it in extension.ts), revived after a
// reload by their serializers from the state each webview keeps.
import * as vscode from 'vscode';
import { VIEW_TYPE, type ReportState, type TranscriptState } from '../../core/views/protocol';
import type { FeatureDeps } from '../shared/feature';
import type { LiveTranscriptFeed } from '../shared/liveFeed';
import { ReportCache } from './reportCache';
import { ReportPanel, type ReportLinks } from './reportPanel';
import { TranscriptPanel, type TranscriptLinks, type TranscriptPanelDeps, type TranscriptSource } from './transcriptPanel';

export type ViewsLinks = ReportLinks & TranscriptLinks;

export interface ViewsApi {
  openReport(job: { readonly id: string; readonly title: string }): Promise<void>;
  openTranscript(task: { readonly taskId: string; readonly title: string }): Promise<void>;
  showLive(feed: LiveTranscriptFeed): void;
}

export function registerViews(context: vscode.ExtensionContext, deps: FeatureDeps & ViewsLinks): ViewsApi {
  const audioDir = vscode.Uri.joinPath(context.globalStorageUri, 'viewer-audio');
  const options = (media: boolean): vscode.WebviewOptions => ({
    enableScripts: true,
    // The scripts and styles are written into the page; the only files a page may load are the player's audio.
    localResourceRoots: media ? [audioDir] : [],
  });
  const reports = new Map<string, ReportPanel>();
  const reportCache = new ReportCache();
  const transcripts = new Set<TranscriptPanel>();
  const panelDeps: TranscriptPanelDeps = {
    connections: deps.connections,
    log: deps.log,
    exportTranscript: deps.exportTranscript,
    extensionUri: context.extensionUri,
    audioDir,
  };

  const track = <P extends ReportPanel | TranscriptPanel>(p: P, forget: () => void): P => {
    p.panel.onDidDispose(() => (forget(), p.dispose()));
    return p;
  };
  const report = (panel: vscode.WebviewPanel, state: ReportState) => {
    const p = track(
      new ReportPanel(panel, state, context.extensionUri, { ...deps, cache: reportCache }),
      () => reports.get(state.jobId) === p && reports.delete(state.jobId),
    );
    reports.set(state.jobId, p);
  };
  const transcript = (panel: vscode.WebviewPanel, state: TranscriptState, source: TranscriptSource) => {
    const p = track(new TranscriptPanel(panel, state, source, panelDeps), () => transcripts.delete(p));
    transcripts.add(p);
  };
  const create = (type: string, title: string) =>
    vscode.window.createWebviewPanel(type, title, vscode.ViewColumn.Active, { ...options(type === VIEW_TYPE.transcript), enableFindWidget: true });

  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE.report, {
      async deserializeWebviewPanel(panel, state: ReportState | undefined) {
        if (!state?.jobId) return panel.dispose();
        panel.webview.options = options(false);
        report(panel, state);
      },
    }),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE.transcript, {
      async deserializeWebviewPanel(panel, state: TranscriptState | undefined) {
        // A live session does not outlive the window; its task, once known, reopens as a task.
        if (!state?.taskId) return panel.dispose();
        panel.webview.options = options(true);
        transcript(panel, state, { kind: 'task' });
      },
    }),
    { dispose: () => [...reports.values(), ...transcripts].forEach((p) => p.dispose()) },
    { dispose: () => reportCache.clear() },
  );

  return {
    async openReport(job) {
      const open = reports.get(job.id);
      if (open) return open.panel.reveal();
      report(create(VIEW_TYPE.report, job.title), { jobId: job.id, title: job.title });
    },
    async openTranscript(task) {
      transcript(create(VIEW_TYPE.transcript, task.title), { taskId: task.taskId, title: task.title }, { kind: 'task' });
    },
    showLive(feed) {
      transcript(create(VIEW_TYPE.transcript, feed.label), { taskId: feed.taskId, title: feed.label }, { kind: 'live', feed });
    },
  };
}
