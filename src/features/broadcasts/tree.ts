// The "Vurbo Broadcasts" view's TreeDataProvider: a row per broadcast (state and viewers at a
// glance, details in the tooltip) and a paging row. What the rows say comes from presentation.ts.
import * as vscode from 'vscode';
import type { Broadcast } from '../../core/vurbo/broadcasts';
import { COMMAND } from '../shared/commandIds';
import { Disposable } from '../shared/dispose';
import { loadMoreItem, withMarkdownTooltip } from '../shared/treeRows';
import type { BroadcastsModel } from './model';
import { broadcastContextValue, broadcastDescription, broadcastIcon, broadcastTooltipMarkdown } from './presentation';

export type BroadcastNode =
  { readonly kind: 'broadcast'; readonly broadcast: Broadcast } | { readonly kind: 'more'; readonly shown: number; readonly total: number };

/** The broadcast behind a row of this view. */
export function broadcastOfNode(node: unknown): Broadcast | undefined {
  const n = node as BroadcastNode | undefined;
  return typeof n === 'object' && n !== null && n.kind === 'broadcast' ? n.broadcast : undefined;
}

export class BroadcastsTreeProvider extends Disposable implements vscode.TreeDataProvider<BroadcastNode> {
  private readonly changed = this.register(new vscode.EventEmitter<BroadcastNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly model: BroadcastsModel) {
    super();
    this.register(model.onDidChange(() => this.changed.fire(undefined)));
  }

  getChildren(node?: BroadcastNode): BroadcastNode[] {
    if (node) return [];
    const rows: BroadcastNode[] = this.model.broadcasts.map((broadcast) => ({ kind: 'broadcast', broadcast }));
    return this.model.hasMore ? [...rows, { kind: 'more', shown: rows.length, total: this.model.total }] : rows;
  }

  getTreeItem(node: BroadcastNode): vscode.TreeItem {
    if (node.kind === 'more') return loadMoreItem(node.shown, node.total, COMMAND.broadcasts.loadMore);
    const b = node.broadcast;
    const item = new vscode.TreeItem(b.name, vscode.TreeItemCollapsibleState.None);
    const icon = broadcastIcon(b);
    item.id = `broadcast:${b.id}`;
    item.description = broadcastDescription(b);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.contextValue = broadcastContextValue(b);
    item.accessibilityInformation = { label: `${b.name}, ${item.description}` };
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: BroadcastNode): vscode.TreeItem {
    return withMarkdownTooltip(item, node.kind === 'broadcast' ? broadcastTooltipMarkdown(node.broadcast) : undefined, true);
  }
}
