// The Valossa Jobs view's TreeDataProvider: one row per job, its results and transcript as
// children. What the rows say comes from presentation.ts.
import * as vscode from 'vscode';
import { RESULT_TYPES, type ResultType } from '../../core/valossa/types';
import { COMMAND } from '../shared/commandIds';
import { Disposable } from '../shared/dispose';
import { loadMoreItem, PAGE_SIZE, withMarkdownTooltip } from '../shared/treeRows';
import type { JobEntry, JobsModel } from './model';
import { JOB_ICONS, jobDescription, jobKind, jobTitle, jobTooltipMarkdown } from './presentation';

export type JobsNode =
  | { type: 'job'; entry: JobEntry }
  | { type: 'result'; entry: JobEntry; result: ResultType; label: string }
  | { type: 'transcript'; entry: JobEntry }
  | { type: 'detail'; text: string; tooltip?: string }
  | { type: 'more'; shown: number; total: number };

/** The job behind a row of this view (job, result or transcript row). */
export function jobOfNode(node: unknown): JobEntry | undefined {
  const n = node as Partial<JobsNode> | undefined;
  return n && typeof n === 'object' && 'entry' in n && (n.type === 'job' || n.type === 'result' || n.type === 'transcript') ? n.entry : undefined;
}

export class JobsTreeProvider extends Disposable implements vscode.TreeDataProvider<JobsNode> {
  private readonly changed = this.register(new vscode.EventEmitter<JobsNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private shown = PAGE_SIZE;

  constructor(private readonly model: JobsModel) {
    super();
    this.register(model.onDidChange(() => this.changed.fire(undefined)));
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
        item.command = { command: COMMAND.jobs.openResults, title: vscode.l10n.t('Open Results'), arguments: [node, node.result] };
        item.contextValue = 'valossaResult';
        return item;
      }
      case 'transcript': {
        const item = new vscode.TreeItem(vscode.l10n.t('Transcript…'), vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon('comment-discussion');
        item.tooltip = vscode.l10n.t('Open the speech transcript as SRT, WebVTT or text');
        item.command = { command: COMMAND.jobs.openTranscript, title: vscode.l10n.t('Open Transcript'), arguments: [node] };
        item.contextValue = 'valossaTranscript';
        return item;
      }
      case 'detail': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.tooltip = node.tooltip;
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'more':
        return loadMoreItem(node.shown, node.total, COMMAND.jobs.loadMore);
    }
  }

  private jobItem(entry: JobEntry): vscode.TreeItem {
    const kind = jobKind(entry.status);
    const expandable = kind === 'finished' || !!entry.status.details;
    const item = new vscode.TreeItem(jobTitle(entry), expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `valossa-job:${entry.id}`;
    item.iconPath = new vscode.ThemeIcon(JOB_ICONS[kind].id, new vscode.ThemeColor(JOB_ICONS[kind].color));
    item.description = jobDescription(entry);
    item.contextValue = `valossaJob.${kind}`;
    return item;
  }

  /** Tooltips are built on hover only, like the Tasks view's. */
  resolveTreeItem(item: vscode.TreeItem, node: JobsNode): vscode.TreeItem {
    return withMarkdownTooltip(item, node.type === 'job' ? jobTooltipMarkdown(node.entry) : undefined, true);
  }

  getChildren(node?: JobsNode): JobsNode[] {
    if (!node) {
      if (this.model.state.kind === 'noKey') return [];
      const jobs = this.model.jobs;
      const nodes: JobsNode[] = jobs.slice(0, this.shown).map((entry) => ({ type: 'job', entry }));
      if (jobs.length > this.shown) nodes.push({ type: 'more', shown: this.shown, total: jobs.length });
      return nodes;
    }
    if (node.type !== 'job') return [];
    if (jobKind(node.entry.status) !== 'finished') {
      return node.entry.status.details ? [{ type: 'detail', text: node.entry.status.details }] : [];
    }
    return [
      { type: 'transcript', entry: node.entry },
      ...RESULT_TYPES.map((t) => ({ type: 'result' as const, entry: node.entry, result: t.type, label: t.label })),
    ];
  }
}
