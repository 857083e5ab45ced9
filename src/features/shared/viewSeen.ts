// The walkthrough's "Choose a provider" step ticks once any Speech API view has been shown.
import * as vscode from 'vscode';

export function markSeenWhenVisible(view: vscode.TreeView<unknown>): vscode.Disposable {
  const mark = () => void vscode.commands.executeCommand('setContext', 'speechApi.viewSeen', true);
  if (view.visible) mark();
  return view.onDidChangeVisibility((e) => e.visible && mark());
}
