// The "Keys in Git History" view: per folder (when several), one row per leaked key and path.
import * as vscode from 'vscode';
import type { ReportedFinding } from '../../../core/scan';
import { COMMAND } from '../../shared/commandIds';
import { Disposable } from '../../shared/dispose';
import { withMarkdownTooltip } from '../../shared/treeRows';
import type { FolderHistory, KeyHistoryModel } from './model';
import { historyDescription, historyTooltipMarkdown } from './presentation';

export type HistoryNode =
  { readonly kind: 'folder'; readonly result: FolderHistory } | { readonly kind: 'finding'; readonly result: FolderHistory; readonly finding: ReportedFinding };

export function historyFindingOfNode(node: unknown): Extract<HistoryNode, { kind: 'finding' }> | undefined {
  const n = node as HistoryNode | undefined;
  return typeof n === 'object' && n !== null && n.kind === 'finding' ? n : undefined;
}

export class KeyHistoryTreeProvider extends Disposable implements vscode.TreeDataProvider<HistoryNode> {
  private readonly changed = this.register(new vscode.EventEmitter<HistoryNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly model: KeyHistoryModel) {
    super();
    this.register(model.onDidChange(() => this.changed.fire(undefined)));
  }

  getChildren(node?: HistoryNode): HistoryNode[] {
    const findingsOf = (result: FolderHistory): HistoryNode[] => result.report.findings.map((finding) => ({ kind: 'finding', result, finding }));
    if (!node) {
      const folders = this.model.folders;
      return folders.length === 1 ? findingsOf(folders[0]) : folders.map((result) => ({ kind: 'folder', result }));
    }
    return node.kind === 'folder' ? findingsOf(node.result) : [];
  }

  getTreeItem(node: HistoryNode): vscode.TreeItem {
    if (node.kind === 'folder') {
      const item = new vscode.TreeItem(node.result.folder.name, vscode.TreeItemCollapsibleState.Expanded);
      item.description = String(node.result.report.findings.length);
      item.iconPath = vscode.ThemeIcon.Folder;
      return item;
    }
    const f = node.finding;
    const item = new vscode.TreeItem(`${f.relPath}:${f.line}`, vscode.TreeItemCollapsibleState.None);
    item.id = `history:${node.result.folder.uri.toString()}:${f.fingerprint}`;
    item.description = historyDescription(f);
    item.iconPath = new vscode.ThemeIcon(
      f.history?.inWorkingTree ? 'warning' : 'history',
      new vscode.ThemeColor(f.severity === 'error' ? 'problemsErrorIcon.foreground' : 'problemsWarningIcon.foreground'),
    );
    item.contextValue = 'historyFinding';
    item.command = { command: COMMAND.diagnostics.openHistoryFinding, title: vscode.l10n.t('Open at Commit'), arguments: [node] };
    item.accessibilityInformation = { label: `${f.relPath} line ${f.line}, ${item.description}` };
    return item;
  }

  resolveTreeItem(item: vscode.TreeItem, node: HistoryNode): vscode.TreeItem {
    return withMarkdownTooltip(item, node.kind === 'finding' ? historyTooltipMarkdown(node.finding) : undefined);
  }
}
