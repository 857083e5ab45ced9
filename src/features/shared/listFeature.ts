// The one way a list feature's index.ts puts it together: its view (createListView), its commands
// class, and the model, tree, view and commands in context.subscriptions.
import type * as vscode from 'vscode';
import type { Commands } from './commands';
import type { FeatureDeps } from './feature';
import { createListView, type ListModel, type ListViewOptions } from './listView';

/** A feature's commands.ts class: its register() lists the feature's commands. */
export interface FeatureCommands {
  register(commands: Commands): vscode.Disposable[];
}

export interface ListFeatureParts<T, C extends FeatureCommands> extends Omit<ListViewOptions, 'hosts'> {
  readonly viewId: string;
  readonly model: ListModel & vscode.Disposable;
  readonly tree: vscode.TreeDataProvider<T> & vscode.Disposable;
  /** Built once the view exists, so that commands can read its selection. */
  readonly commands: (view: vscode.TreeView<T>) => C;
}

export function registerListFeature<T, C extends FeatureCommands>(
  context: vscode.ExtensionContext,
  deps: Pick<FeatureDeps, 'connections' | 'commands'>,
  parts: ListFeatureParts<T, C>,
): { view: vscode.TreeView<T>; commands: C } {
  const { view, disposables } = createListView(parts.viewId, parts.tree, parts.model, { ...parts, hosts: deps.connections.hosts });
  const commands = parts.commands(view);
  context.subscriptions.push(parts.model, parts.tree, ...disposables, ...commands.register(deps.commands));
  return { view, commands };
}
