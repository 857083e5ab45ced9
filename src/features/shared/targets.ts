// The one way a command finds what it acts on: the tree's multi-selection, the clicked row, an id
// passed by another command or a notification button, or else a pick from the list.
import * as vscode from 'vscode';

export interface TargetSource<T> {
  /** The item behind a tree row, or undefined when the argument is not one of this view's rows. */
  fromNode(node: unknown): T | undefined;
  /** The item with this id (loading the list when needed). */
  byId(id: string): Promise<T | undefined>;
  /** Everything there is to pick from, loaded (and a key asked for) when needed. */
  candidates(): Promise<readonly T[]>;
  toPickItem(item: T): vscode.QuickPickItem;
  /** Said when nothing fits the command ("No Valossa job fits. …"). */
  readonly noneFits: string;
}

export async function resolveTargets<T>(
  source: TargetSource<T>,
  args: readonly unknown[],
  options: { title: string; filter?: (item: T) => boolean; many?: boolean },
): Promise<T[]> {
  const filter = options.filter ?? (() => true);
  const [first, second] = args;
  // A multi-selection arrives as (clicked row, all selected rows).
  const selected = Array.isArray(second) ? second.map((n) => source.fromNode(n)).filter((t): t is T => t !== undefined) : [];
  if (selected.length > 0) {
    const fitting = selected.filter(filter);
    return options.many ? fitting : fitting.slice(0, 1);
  }
  const clicked = source.fromNode(first);
  if (clicked !== undefined) return filter(clicked) ? [clicked] : [];
  if (typeof first === 'string') {
    const byId = await source.byId(first);
    return byId !== undefined ? [byId] : [];
  }
  const fitting = (await source.candidates()).filter(filter);
  if (fitting.length === 0) {
    void vscode.window.showInformationMessage(source.noneFits);
    return [];
  }
  const items = fitting.map((item) => ({ ...source.toPickItem(item), item }));
  if (options.many)
    return ((await vscode.window.showQuickPick(items, { title: options.title, canPickMany: true, matchOnDescription: true, matchOnDetail: true })) ?? []).map(
      (i) => i.item,
    );
  const one = await vscode.window.showQuickPick(items, { title: options.title, matchOnDescription: true, matchOnDetail: true });
  return one ? [one.item] : [];
}
