// One Valossa job report: downloads the job's core metadata, builds the report model (core) and
// hands it to the webview; copies clicked times and opens the raw JSON through the jobs feature.
import * as vscode from 'vscode';
import { formatTimestamp } from '../../core/transcript/format';
import { buildReport, defaultLanes, type ReportModel } from '../../core/valossa/report';
import type { FromReport, ReportState, ToReport } from '../../core/views/protocol';
import { ValossaClient } from '../../core/valossa/client';
import { Disposable } from '../shared/dispose';
import { errorText } from '../shared/errors';
import type { FeatureDeps } from '../shared/feature';
import { WebviewChannel } from './channel';
import { webviewHtml } from './html';
import { detectionTypeNames, reportStrings } from './strings';

export interface ReportLinks {
  /** The jobs feature's "Open Results" for the core metadata: the raw JSON, one click away. */
  openRawResults(jobId: string): Promise<void>;
}

export class ReportPanel extends Disposable {
  private report: ReportModel | undefined;
  private failure: string | undefined;
  private readonly channel: WebviewChannel<ToReport, FromReport>;
  private readonly abort = new AbortController();

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly state: ReportState,
    extensionUri: vscode.Uri,
    private readonly deps: Pick<FeatureDeps, 'connections' | 'log'> & ReportLinks,
  ) {
    super();
    this.register(panel);
    panel.title = vscode.l10n.t('Report: {0}', state.title);
    this.channel = this.register(new WebviewChannel<ToReport, FromReport>(panel, () => this.snapshot()));
    this.register(this.channel.onMessage((m) => this.onMessage(m)));
    this.register({ dispose: () => this.abort.abort() });
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'report', panel.title, state);
    void this.load();
  }

  private snapshot(): ToReport[] {
    if (this.failure) return [{ type: 'error', text: this.failure }];
    if (!this.report) return [];
    return [{ type: 'report', report: this.report, strings: reportStrings(), categoryNames: detectionTypeNames(), defaultLanes: defaultLanes(this.report) }];
  }

  private async load(): Promise<void> {
    try {
      const metadata = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading the report of "{0}"', this.state.title) },
        async () => {
          const client = new ValossaClient(await this.deps.connections.connect('valossa'));
          return client.jobResults(this.state.jobId, 'core', this.abort.signal);
        },
      );
      const started = performance.now();
      this.report = buildReport(metadata);
      this.deps.log.info(
        `Report of job ${this.state.jobId}: ${this.report.categories.length} detection types, ${this.report.speech.length} speech lines, built in ${(performance.now() - started).toFixed(0)} ms`,
      );
    } catch (e) {
      if (this.isDisposed) return;
      this.failure = vscode.l10n.t('Could not load the report: {0}', errorText(e));
    }
    this.channel.refresh();
  }

  private async onMessage(m: FromReport): Promise<void> {
    if (m.type === 'openJson') await this.deps.openRawResults(this.state.jobId);
    else if (m.type === 'copyTime') {
      const time = formatTimestamp(m.seconds * 1000, '.');
      await vscode.env.clipboard.writeText(time);
      const text = vscode.l10n.t('Copied {0} ({1})', time, m.what.length > 60 ? `${m.what.slice(0, 59)}…` : m.what);
      this.channel.post({ type: 'copied', text });
      vscode.window.setStatusBarMessage(text, 3000);
    }
  }
}
