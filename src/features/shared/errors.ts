// Shows any error as a notification whose buttons carry out the catalogue's suggested action.
import * as vscode from 'vscode';
import { ApiError, transportError } from '../../core/errors';
import { redact } from '../../core/redact';
import type { ProviderId } from '../../core/providers';

export async function showError(context: string, error: unknown): Promise<void> {
  if (error instanceof ApiError && error.code === 'cancelled') return;
  // Aborts and socket errors that escaped a client still get the catalogue's wording.
  const err = error instanceof ApiError ? error : isTransportFailure(error) ? transportError('any', error) : undefined;
  const text = redact(`${context}: ${err ? err.message : error instanceof Error ? error.message : String(error)}`);
  const buttons: string[] = [];
  if (err?.action === 'setKey') buttons.push('Set API Key');
  if (err?.action === 'checkConnection') buttons.push('Open Settings');
  buttons.push('Show Log');
  const show = err?.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  const choice = await show(text, ...buttons);
  if (choice === 'Set API Key') {
    const provider: ProviderId | undefined = err?.provider === 'any' ? undefined : err?.provider;
    await vscode.commands.executeCommand('speechApi.setKey', provider);
  } else if (choice === 'Open Settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'speechApi');
  } else if (choice === 'Show Log') {
    await vscode.commands.executeCommand('speechApi.showLog');
  }
}

function isTransportFailure(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | undefined;
  return e?.name === 'AbortError' || e?.name === 'TimeoutError' || (typeof e?.code === 'string' && /^(E[A-Z]+|UND_ERR_)/.test(e.code));
}
