// What every list view's rows share: the paging row, worded and sized the same in each view, and
// tooltips built on hover.
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

/**
 * Sets a row's Markdown tooltip from resolveTreeItem, which runs on hover only: Markdown for every
 * row would slow every refresh down. Rows without one (`undefined`) are left as they are.
 */
export function withMarkdownTooltip(item: vscode.TreeItem, markdown: string | undefined, supportThemeIcons = false): vscode.TreeItem {
  if (markdown !== undefined) item.tooltip = new vscode.MarkdownString(markdown, supportThemeIcons);
  return item;
}
