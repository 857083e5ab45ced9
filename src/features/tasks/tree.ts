// The Tasks tree: Active / Completed (pinned first) / Failed groups over TasksModel. Rendering
// rules live in presentation.ts; this file only turns them into TreeItems.
import * as vscode from 'vscode';
import type { VurboTask } from '../../core/vurbo/types';
import type { TasksModel } from './model';
import { GROUP_LABELS, GROUP_ORDER, groupTasks, taskContextValue, taskDescription, taskIcon, taskTooltipMarkdown, type TaskGroup } from './presentation';

export type TaskTreeNode = { readonly kind: 'group'; readonly group: TaskGroup; readonly count: number } | { readonly kind: 'task'; readonly task: VurboTask };

export function isTaskNode(n: unknown): n is Extract<TaskTreeNode, { kind: 'task' }> {
  return typeof n === 'object' && n !== null && (n as TaskTreeNode).kind === 'task';
}

export class TasksTreeProvider implements vscode.TreeDataProvider<TaskTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TaskTreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: TasksModel) {
    this.subscription = model.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: TaskTreeNode): TaskTreeNode[] {
    const groups = groupTasks(this.model.tasks);
    if (!node) {
      if (this.model.state.kind !== 'loaded') return [];
      // Completed is always there; Active and Failed only when they have tasks.
      return GROUP_ORDER.filter((g) => g === 'completed' || groups[g].length > 0).map((group) => ({ kind: 'group', group, count: groups[group].length }));
    }
    if (node.kind === 'group') return groups[node.group].map((task) => ({ kind: 'task', task }));
    return [];
  }

  getParent(node: TaskTreeNode): TaskTreeNode | undefined {
    if (node.kind === 'group') return undefined;
    const group = groupTasks(this.model.tasks);
    const g = GROUP_ORDER.find((x) => group[x].some((t) => t.taskId === node.task.taskId));
    return g ? { kind: 'group', group: g, count: group[g].length } : undefined;
  }

  getTreeItem(node: TaskTreeNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(GROUP_LABELS[node.group], vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.group}`;
      item.description = String(node.count);
      item.contextValue = `vurboTaskGroup.${node.group}`;
      return item;
    }
    const t = node.task;
    const item = new vscode.TreeItem(t.title, vscode.TreeItemCollapsibleState.None);
    item.id = `task:${t.taskId}`;
    item.description = taskDescription(t);
    const icon = taskIcon(t);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.contextValue = taskContextValue(t);
    item.tooltip = new vscode.MarkdownString(taskTooltipMarkdown(t));
    item.accessibilityInformation = { label: `${t.title}, ${t.isUnread ? vscode.l10n.t('unread, ') : ''}${taskDescription(t).replace(/^● /, '')}` };
    if (t.processingStatus === 'completed') {
      item.command = { command: 'speechApi.vurbo.streamTranscript', title: vscode.l10n.t('Show Transcript'), arguments: [node] };
    }
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
