// The one way a list feature puts its model on screen: the tree view, its host in the title bar, its
// load state in the message line, and the model told when the view is shown or hidden (models load
// and poll only while someone looks).
import * as vscode from 'vscode';
import type { ProviderId } from '../../core/providers';
import type { HostSource } from './hosts';
import { showHostInTitle } from './hostTitle';
import { showLoadState, type LoadState, type viewMessage } from './loadState';
import { markSeenWhenVisible } from './viewSeen';

export interface ListModel {
  readonly state: LoadState;
  readonly onDidChange: vscode.Event<void>;
  /** Shown or hidden; the first show starts the first load. */
  setVisible(visible: boolean): void;
}

export interface ListViewOptions {
  readonly provider: ProviderId;
  readonly hosts: HostSource;
  /** How many rows the model holds (the message line says "empty" only at 0). */
  readonly count: () => number;
  readonly texts: Parameters<typeof viewMessage>[2];
  readonly canSelectMany?: boolean;
  readonly showCollapseAll?: boolean;
}

export function createListView<T>(
  id: string,
  tree: vscode.TreeDataProvider<T>,
  model: ListModel,
  options: ListViewOptions,
): { view: vscode.TreeView<T>; disposables: vscode.Disposable[] } {
  const view = vscode.window.createTreeView(id, {
    treeDataProvider: tree,
    canSelectMany: options.canSelectMany ?? false,
    showCollapseAll: options.showCollapseAll ?? false,
  });
  const disposables = [
    view,
    showHostInTitle(view, options.provider, options.hosts),
    markSeenWhenVisible(view),
    showLoadState(view, model, options.count, options.texts),
    view.onDidChangeVisibility((e) => model.setVisible(e.visible)),
  ];
  model.setVisible(view.visible);
  return { view, disposables };
}
