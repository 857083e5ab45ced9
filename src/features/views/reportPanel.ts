// One Valossa job report: downloads the job's core metadata, builds the report model (core) and
// keeps it here; the webview gets its first screen and asks for the rest (lanes, search, speech).
// Copies clicked times and opens the raw JSON through the jobs feature.
import * as vscode from 'vscode';
import { formatTimestamp } from '../../core/transcript/format';
import { buildReport } from '../../core/valossa/report';
import { ReportScreens } from '../../core/valossa/reportScreen';
import type { FromReport, ReportState, ToReport } from '../../core/views/protocol';
import { ValossaClient } from '../../core/valossa/client';
import { errorText } from '../shared/errors';
import type { FeatureDeps } from '../shared/feature';
import { webviewHtml } from './html';
import type { ReportCache } from './reportCache';
import { detectionTypeNames, reportStrings } from './strings';
import { ViewPanel } from './viewPanel';

export interface ReportLinks {
  /** The jobs feature's "Open Results" for the core metadata: the raw JSON, one click away. */
  openRawResults(jobId: string): Promise<void>;
}

export class ReportPanel extends ViewPanel<ToReport, FromReport> {
  private screens: ReportScreens | undefined;
  private failure: string | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    readonly state: ReportState,
    extensionUri: vscode.Uri,
    private readonly deps: Pick<FeatureDeps, 'connections' | 'log'> & ReportLinks & { readonly cache: ReportCache },
  ) {
    super(panel, vscode.l10n.t('Report: {0}', state.title));
    // The page loads while the metadata downloads.
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'report', panel.title, state);
    void this.load();
  }

  protected snapshot(): ToReport[] {
    if (this.failure) return [{ type: 'error', text: this.failure }];
    if (!this.screens) return [];
    return [{ type: 'report', screen: this.screens.firstScreen(), strings: reportStrings(), categoryNames: detectionTypeNames() }];
  }

  private async load(): Promise<void> {
    this.screens = this.deps.cache.get(this.state.jobId);
    if (this.screens) return this.channel.refresh();
    try {
      const metadata = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Loading the report of "{0}"', this.state.title) },
        async () => {
          const client = new ValossaClient(await this.deps.connections.connect('valossa'));
          return client.jobResults(this.state.jobId, 'core', this.abort.signal);
        },
      );
      const started = performance.now();
      const report = buildReport(metadata);
      this.screens = new ReportScreens(report);
      this.deps.cache.set(this.state.jobId, this.screens);
      this.deps.log.info(
        `Report of job ${this.state.jobId}: ${report.categories.length} detection types, ${report.speech.length} speech lines, built in ${(performance.now() - started).toFixed(0)} ms`,
      );
    } catch (e) {
      if (this.isDisposed) return;
      this.failure = vscode.l10n.t('Could not load the report: {0}', errorText(e));
    }
    this.channel.refresh();
  }

  protected async onMessage(m: FromReport): Promise<void> {
    if (m.type === 'openJson') await this.deps.openRawResults(this.state.jobId);
    else if (m.type === 'copyTime') {
      const time = formatTimestamp(m.seconds * 1000, '.');
      await vscode.env.clipboard.writeText(time);
      const text = vscode.l10n.t('Copied {0} ({1})', time, m.what.length > 60 ? `${m.what.slice(0, 59)}…` : m.what);
      this.channel.post({ type: 'copied', text });
      vscode.window.setStatusBarMessage(text, 3000);
    } else if (m.type !== 'ready') this.answer(m);
  }

  /** The webview's questions about the parts of the report it has not been sent. */
  private answer(m: Extract<FromReport, { type: 'lanes' | 'search' | 'speech' }>): void {
    const screens = this.screens;
    if (!screens) return;
    if (m.type === 'lanes' && Array.isArray(m.ids)) this.channel.post({ type: 'lanes', lanes: screens.lanes(m.ids.map(String)) });
    else if (m.type === 'search' && typeof m.query === 'string') this.channel.post({ type: 'found', query: m.query, categories: screens.search(m.query) });
    else if (m.type === 'speech' && Number.isFinite(m.from)) this.channel.post({ type: 'speech', from: m.from, lines: screens.speechFrom(m.from) });
    else this.deps.log.warn(`Report of job ${this.state.jobId}: ignored a malformed "${m.type}" message from the webview`);
  }
}
