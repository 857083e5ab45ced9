// The Tasks tree: Active / Completed (pinned first) / Failed groups over TasksModel. Rendering
// rules live in presentation.ts; this file only turns them into TreeItems.
import * as vscode from 'vscode';
import type { VurboTask } from '../../core/vurbo/types';
import { COMMAND } from '../shared/commandIds';
import { Disposable } from '../shared/dispose';
import { loadMoreItem, PAGE_SIZE, withMarkdownTooltip } from '../shared/treeRows';
import type { TasksModel } from './model';
import { GROUP_LABELS, GROUP_ORDER, groupTasks, taskContextValue, taskDescription, taskIcon, taskTooltipMarkdown, type TaskGroup } from './presentation';

export type TaskTreeNode =
  | { readonly kind: 'group'; readonly group: TaskGroup; readonly count: number }
  | { readonly kind: 'task'; readonly task: VurboTask }
  | { readonly kind: 'more'; readonly group: TaskGroup; readonly shown: number; readonly total: number };

/** The task behind a row of this view. */
export function taskOfNode(n: unknown): VurboTask | undefined {
  return typeof n === 'object' && n !== null && (n as TaskTreeNode).kind === 'task' ? (n as Extract<TaskTreeNode, { kind: 'task' }>).task : undefined;
}

export class TasksTreeProvider extends Disposable implements vscode.TreeDataProvider<TaskTreeNode> {
  private readonly changed = this.register(new vscode.EventEmitter<TaskTreeNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private grouped: { tasks: readonly VurboTask[]; groups: Record<TaskGroup, VurboTask[]> } | undefined;
  private readonly shown: Record<TaskGroup, number> = { active: PAGE_SIZE, completed: PAGE_SIZE, failed: PAGE_SIZE };

  constructor(private readonly model: TasksModel) {
    super();
    this.register(model.onDidChange(() => this.changed.fire(undefined)));
  }

  /** Grouped and sorted once per list, not once per getChildren call. */
  private groups(): Record<TaskGroup, VurboTask[]> {
    if (this.grouped?.tasks !== this.model.tasks) this.grouped = { tasks: this.model.tasks, groups: groupTasks(this.model.tasks) };
    return this.grouped.groups;
  }

  /** Shows the next page of a group (its "Load more…" row). */
  showMore(group: TaskGroup): void {
    this.shown[group] += PAGE_SIZE;
    this.changed.fire(undefined);
  }

  getChildren(node?: TaskTreeNode): TaskTreeNode[] {
    const groups = this.groups();
    if (!node) {
      if (this.model.state.kind !== 'loaded') return [];
      // Completed is always there; Active and Failed only when they have tasks.
      return GROUP_ORDER.filter((g) => g === 'completed' || groups[g].length > 0).map((group) => ({ kind: 'group', group, count: groups[group].length }));
    }
    if (node.kind !== 'group') return [];
    const all = groups[node.group];
    const rows: TaskTreeNode[] = all.slice(0, this.shown[node.group]).map((task) => ({ kind: 'task', task }));
    return rows.length < all.length ? [...rows, { kind: 'more', group: node.group, shown: rows.length, total: all.length }] : rows;
  }

  getParent(node: TaskTreeNode): TaskTreeNode | undefined {
    if (node.kind === 'group') return undefined;
    const groups = this.groups();
    const g = node.kind === 'more' ? node.group : GROUP_ORDER.find((x) => groups[x].some((t) => t.taskId === node.task.taskId));
    return g ? { kind: 'group', group: g, count: groups[g].length } : undefined;
  }

  getTreeItem(node: TaskTreeNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(GROUP_LABELS[node.group], vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.group}`;
      item.description = String(node.count);
      item.contextValue = `vurboTaskGroup.${node.group}`;
      return item;
    }
    if (node.kind === 'more') {
      const item = loadMoreItem(node.shown, node.total, COMMAND.tasks.loadMore, [node.group]);
      item.id = `more:${node.group}`;
      return item;
    }
    const t = node.task;
    const item = new vscode.TreeItem(t.title, vscode.TreeItemCollapsibleState.None);
    item.id = `task:${t.taskId}`;
    item.description = taskDescription(t);
    const icon = taskIcon(t);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.contextValue = taskContextValue(t);
    item.accessibilityInformation = {
      label: `${t.title}, ${t.isUnread ? vscode.l10n.t('unread, ') : ''}${t.isPinned ? vscode.l10n.t('pinned, ') : ''}${taskDescription(t).replace(/^\u25cf /, '')}`,
    };
    if (t.processingStatus === 'completed') {
      // A click selects; a double click (or one, with workbench.list.openMode "doubleClick") or Enter opens.
      item.command = { command: COMMAND.tasks.open, title: vscode.l10n.t('Show Transcript'), arguments: [node] };
    }
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: TaskTreeNode): vscode.TreeItem {
    return withMarkdownTooltip(item, node.kind === 'task' ? taskTooltipMarkdown(node.task) : undefined);
  }
}
