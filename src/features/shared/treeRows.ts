// The paging row every list view shares, worded and sized the same in each view.
import * as vscode from 'vscode';
import type { CommandId } from './commandIds';

/** Rows a list shows before its "Load more…" row: a tree of 10,000 rows is slow to send and useless to scroll. */
export const PAGE_SIZE = 200;

export function loadMoreItem(shown: number, total: number, command: CommandId, args: unknown[] = []): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Load more… ({0} of {1} shown)', shown, total), vscode.TreeItemCollapsibleState.None);
  item.iconPath = new vscode.ThemeIcon('ellipsis');
  item.command = { command, title: vscode.l10n.t('Load More'), arguments: args };
  item.contextValue = 'loadMore';
  return item;
}
