// Shows any error as a notification whose buttons carry out the catalogue's suggested action.
import * as vscode from 'vscode';
import { ApiError, transportError } from '../../core/errors';
import { redact } from '../../core/redact';
import { PROVIDERS, type ProviderId } from '../../core/providers';
import { errorText } from './errorMessages';

export async function showError(context: string, error: unknown): Promise<void> {
  if (error instanceof ApiError && error.code === 'cancelled') return;
  // Aborts and socket errors that escaped a client still get the catalogue's wording.
  const err = error instanceof ApiError ? error : isTransportFailure(error) ? transportError('any', error) : undefined;
  const text = redact(vscode.l10n.t('{0}: {1}', context, errorText(err ?? error)));
  const setKey = vscode.l10n.t('Set API Key');
  const openSettings = vscode.l10n.t('Open Settings');
  const reviewHost = vscode.l10n.t('Review Host…');
  const contactSupport = vscode.l10n.t('Contact Support');
  const showLog = vscode.l10n.t('Show Log');
  const buttons: string[] = [];
  if (err?.action === 'setKey') buttons.push(setKey);
  if (err?.action === 'checkConnection') buttons.push(openSettings);
  if (err?.action === 'confirmHost') buttons.push(reviewHost);
  if (err?.action === 'contactSupport') buttons.push(contactSupport);
  buttons.push(showLog);
  const show = err?.severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showErrorMessage;
  const choice = await show(text, ...buttons);
  if (choice === setKey) {
    const provider: ProviderId | undefined = err?.provider === 'any' ? undefined : err?.provider;
    await vscode.commands.executeCommand('speechApi.setKey', provider);
  } else if (choice === contactSupport) {
    // The documented action for a disabled key or account; the dashboard is where support is reached.
    const provider = err?.provider === 'any' || !err ? 'vurbo' : err.provider;
    await vscode.env.openExternal(vscode.Uri.parse(PROVIDERS[provider].dashboardUrl));
  } else if (choice === reviewHost) {
    await vscode.commands.executeCommand('speechApi.reviewWorkspaceHost', err?.provider === 'any' ? undefined : err?.provider);
  } else if (choice === openSettings) {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'speechApi');
  } else if (choice === showLog) {
    await vscode.commands.executeCommand('speechApi.showLog');
  }
}

function isTransportFailure(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | undefined;
  return e?.name === 'AbortError' || e?.name === 'TimeoutError' || (typeof e?.code === 'string' && /^(E[A-Z]+|UND_ERR_)/.test(e.code));
}
