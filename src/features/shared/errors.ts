// The one error handler: shows any error as a notification whose buttons carry out the catalogue's
// suggested action. The actions are other features' (keys, log); extension.ts wires them in.
import * as vscode from 'vscode';
import { ApiError, transportError } from '../../core/errors';
import { redact } from '../../core/redact';
import { PROVIDERS, type ProviderId } from '../../core/providers';
import { errorText as messageOf } from './errorMessages';
import { showNotice, type NoticeButton } from './notice';

/** What the buttons do; implemented by the keys feature and the log. */
export interface ErrorActions {
  setKey(provider: ProviderId | undefined): Promise<unknown>;
  reviewHost(provider: ProviderId | undefined): Promise<unknown>;
  showLog(): void;
}

export interface ErrorReporter {
  /** `context` names the action that failed ("Delete task"). Cancellations show nothing. */
  show(context: string, error: unknown): Promise<void>;
}

/** Late-bound: the reporter exists before the keys feature that implements half its actions. */
export function createErrorReporter(actions: () => ErrorActions): ErrorReporter {
  return { show: (context, error) => showError(actions(), context, error) };
}

/** Aborts and socket errors that escaped a client still get the catalogue's wording. */
export function asApiError(error: unknown): ApiError | undefined {
  return error instanceof ApiError ? error : isTransportFailure(error) ? transportError('any', error) : undefined;
}

/** The text a user sees for any error: the catalogue's sentence in the display language, redacted. */
export function errorText(error: unknown): string {
  return redact(messageOf(asApiError(error) ?? error));
}

async function showError(actions: ErrorActions, context: string, error: unknown): Promise<void> {
  if (error instanceof ApiError && error.code === 'cancelled') return;
  const err = asApiError(error);
  const text = vscode.l10n.t('{0}: {1}', context, errorText(error));
  const provider: ProviderId | undefined = !err || err.provider === 'any' ? undefined : err.provider;
  const buttons: NoticeButton[] = [];
  if (err?.action === 'setKey') buttons.push({ label: vscode.l10n.t('Set API Key'), run: () => actions.setKey(provider) });
  if (err?.action === 'checkConnection') {
    buttons.push({ label: vscode.l10n.t('Open Settings'), run: () => vscode.commands.executeCommand('workbench.action.openSettings', 'speechApi') });
  }
  if (err?.action === 'confirmHost') buttons.push({ label: vscode.l10n.t('Review Host…'), run: () => actions.reviewHost(provider) });
  // The documented action for a disabled key or account; the dashboard is where support is reached.
  if (err?.action === 'contactSupport') {
    buttons.push({
      label: vscode.l10n.t('Contact Support'),
      run: () => vscode.env.openExternal(vscode.Uri.parse(PROVIDERS[provider ?? 'vurbo'].dashboardUrl)),
    });
  }
  buttons.push({ label: vscode.l10n.t('Show Log'), run: () => actions.showLog() });
  await showNotice(err?.severity === 'warning' ? 'warning' : 'error', text, buttons);
}

function isTransportFailure(error: unknown): boolean {
  const e = error as { name?: string; code?: string } | undefined;
  return e?.name === 'AbortError' || e?.name === 'TimeoutError' || (typeof e?.code === 'string' && /^(E[A-Z]+|UND_ERR_)/.test(e.code));
}
