// The Valossa Jobs view: one node per job with its status, results and transcript as children.
import * as vscode from 'vscode';
import { RESULT_TYPES, type ResultType } from '../../core/valossa/types';
import { jobKind, type JobEntry, type JobKind, type JobsModel } from './model';
import { errorText } from '../shared/errorMessages';

const PAGE_SIZE = 200;

export type JobsNode =
  | { type: 'job'; entry: JobEntry }
  | { type: 'result'; entry: JobEntry; result: ResultType; label: string }
  | { type: 'transcript'; entry: JobEntry }
  | { type: 'detail'; text: string; tooltip?: string }
  | { type: 'more'; shown: number; total: number }
  | { type: 'error'; message: string };

const ICONS: Record<JobKind, vscode.ThemeIcon> = {
  queued: new vscode.ThemeIcon('clock', new vscode.ThemeColor('charts.yellow')),
  running: new vscode.ThemeIcon('sync~spin', new vscode.ThemeColor('charts.blue')),
  finished: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  cancelled: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};

/** Evaluated on use, not at load, so the strings come from the display language's bundle. */
function statusLabel(status: string): string | undefined {
  const labels: Record<string, string> = {
    queued: vscode.l10n.t('Queued'),
    on_hold: vscode.l10n.t('On hold'),
    preparing_analysis: vscode.l10n.t('Preparing analysis'),
    processing: vscode.l10n.t('Processing'),
    finished: vscode.l10n.t('Finished'),
    error: vscode.l10n.t('Failed'),
  };
  return Object.hasOwn(labels, status) ? labels[status] : undefined;
}

export function jobTitle(entry: JobEntry): string {
  return entry.info.title || vscode.l10n.t('Job {0}', entry.id.slice(0, 8));
}

function statusText(entry: JobEntry): string {
  return jobKind(entry.status) === 'cancelled' ? vscode.l10n.t('Cancelled') : (statusLabel(entry.status.status) ?? entry.status.status);
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 60) return vscode.l10n.t('just now');
  if (s < 3600) return vscode.l10n.t('{0} min ago', Math.floor(s / 60));
  if (s < 86_400) return vscode.l10n.t('{0} h ago', Math.floor(s / 3600));
  return new Date(ms).toLocaleDateString();
}

export class JobsTreeProvider implements vscode.TreeDataProvider<JobsNode> {
  private readonly changed = new vscode.EventEmitter<JobsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private shown = PAGE_SIZE;

  constructor(private readonly model: JobsModel) {
    model.onDidChange(() => this.changed.fire(undefined));
  }

  showMore(): void {
    this.shown += PAGE_SIZE;
    this.changed.fire(undefined);
  }

  getTreeItem(node: JobsNode): vscode.TreeItem {
    switch (node.type) {
      case 'job':
        return this.jobItem(node.entry);
      case 'result': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.result === 'core' ? 'json' : node.result.startsWith('speech_to_text') ? 'file-text' : 'file-code');
        item.command = { command: 'speechApi.valossa.openResults', title: vscode.l10n.t('Open Results'), arguments: [node, node.result] };
        item.contextValue = 'valossaResult';
        return item;
      }
      case 'transcript': {
        const item = new vscode.TreeItem(vscode.l10n.t('Transcript…'), vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('comment-discussion');
        item.tooltip = vscode.l10n.t('Open the speech transcript as SRT, WebVTT or text');
        item.command = { command: 'speechApi.valossa.openTranscript', title: vscode.l10n.t('Open Transcript'), arguments: [node] };
        item.contextValue = 'valossaTranscript';
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.tooltip = node.tooltip;
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'more': {
        const item = new vscode.TreeItem(vscode.l10n.t('Load more… ({0} of {1} shown)', node.shown, node.total), vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.command = { command: 'speechApi.valossa.loadMoreJobs', title: vscode.l10n.t('Load More') };
        return item;
      }
      case 'error': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
        item.tooltip = `${node.message}\n${vscode.l10n.t('Click to try again.')}`;
        item.command = { command: 'speechApi.valossa.refreshJobs', title: vscode.l10n.t('Refresh') };
        return item;
      }
    }
  }

  private jobItem(entry: JobEntry): vscode.TreeItem {
    const kind = jobKind(entry.status);
    const expandable = kind === 'finished' || !!entry.status.details;
    const item = new vscode.TreeItem(jobTitle(entry), expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `valossa-job:${entry.id}`;
    item.iconPath = ICONS[kind];
    // Only a job created here has a known age: the API reports no timestamps.
    item.description = [statusText(entry), entry.info.mediaName, entry.info.createdHere ? ago(entry.info.firstSeen) : undefined].filter(Boolean).join(' · ');
    item.contextValue = `valossaJob.${kind}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.appendMarkdown(`**${escapeMd(jobTitle(entry))}**\n\n`);
    md.appendMarkdown(`| | |\n|---|---|\n`);
    md.appendMarkdown(`| ${vscode.l10n.t('Status')} | ${statusText(entry)} |\n`);
    if (entry.status.media_transfer_status) md.appendMarkdown(`| ${vscode.l10n.t('Media transfer')} | ${entry.status.media_transfer_status} |\n`);
    if (entry.status.details) md.appendMarkdown(`| ${vscode.l10n.t('Details')} | ${escapeMd(entry.status.details)} |\n`);
    if (entry.info.mediaName) md.appendMarkdown(`| ${vscode.l10n.t('Media')} | ${escapeMd(entry.info.mediaName)} |\n`);
    md.appendMarkdown(`| ${vscode.l10n.t('Job ID')} | \`${entry.id}\` |\n`);
    if (entry.info.createdHere) {
      md.appendMarkdown(`| ${vscode.l10n.t('Created')} | ${new Date(entry.info.firstSeen).toLocaleString()} |\n\n`);
    } else {
      md.appendMarkdown(`| ${vscode.l10n.t('First seen')} | ${new Date(entry.info.firstSeen).toLocaleString()} |\n\n`);
      md.appendMarkdown(`_${vscode.l10n.t('The Valossa API reports no timestamps; "first seen" is when this VS Code first listed the job.')}_`);
    }
    item.tooltip = md;
    return item;
  }

  getChildren(node?: JobsNode): JobsNode[] {
    if (!node) {
      const state = this.model.state;
      if (state.kind === 'noKey') return [];
      if (state.kind === 'error' && this.model.jobs.length === 0) return [{ type: 'error', message: vscode.l10n.t('Could not load jobs: {0}', errorText(state.error)) }];
      const jobs = this.model.jobs;
      const nodes: JobsNode[] = jobs.slice(0, this.shown).map((entry) => ({ type: 'job', entry }));
      if (jobs.length > this.shown) nodes.push({ type: 'more', shown: this.shown, total: jobs.length });
      return nodes;
    }
    if (node.type !== 'job') return [];
    if (jobKind(node.entry.status) !== 'finished') {
      return node.entry.status.details ? [{ type: 'detail', text: node.entry.status.details }] : [];
    }
    return [{ type: 'transcript', entry: node.entry }, ...RESULT_TYPES.map((t) => ({ type: 'result' as const, entry: node.entry, result: t.type, label: t.label }))];
  }
}

function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
