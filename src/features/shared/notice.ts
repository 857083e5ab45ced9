// A notification whose buttons do something: each button is a label with its action, so a caller
// lists what can be done instead of comparing the chosen label against each one in turn.
import * as vscode from 'vscode';

export interface NoticeButton<R = unknown> {
  readonly label: string;
  run(): R | PromiseLike<R>;
}

export type NoticeSeverity = 'error' | 'warning' | 'info';

// Looked up on each call, so a test's stand-in for the window is the one used.
function showerOf(severity: NoticeSeverity): (text: string, ...labels: string[]) => Thenable<string | undefined> {
  if (severity === 'error') return vscode.window.showErrorMessage;
  return severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
}

/** Shows `text` with `buttons` and runs the one chosen; resolves to its result, or undefined when dismissed. */
export async function showNotice<R>(severity: NoticeSeverity, text: string, buttons: readonly NoticeButton<R>[]): Promise<R | undefined> {
  const choice = await showerOf(severity)(text, ...buttons.map((b) => b.label));
  return buttons.find((b) => b.label === choice)?.run();
}
