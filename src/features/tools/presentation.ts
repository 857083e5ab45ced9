// Pure wording of the language-model tools: errors as the catalogue's localized sentence plus what
// to do next, refusals, and the confirmations of the tools that change something.
import * as vscode from 'vscode';
import type { UserAction } from '../../core/errors';
import { ToolInputError } from '../../core/tools/errors';
import { asApiError, errorText } from '../shared/errors';

/** The next step for each catalogue action, told to the model (which tells the user). */
function nextStep(action: UserAction): string | undefined {
  switch (action) {
    case 'setKey':
      return vscode.l10n.t('Ask the user to run "Speech API: Set API Key".');
    case 'confirmHost':
      return vscode.l10n.t('Ask the user to run "Speech API: Review Workspace Host…" and decide about the host.');
    case 'checkConnection':
      return vscode.l10n.t('Check the network connection and the base URL settings, then try again.');
    case 'retryLater':
    case 'waitRateLimit':
      return vscode.l10n.t('Try again in a little while.');
    case 'checkBudget':
      return vscode.l10n.t('The budget or quota is used up: the user must wait for it to reset or raise it in the provider dashboard.');
    case 'contactSupport':
      return vscode.l10n.t("Only the provider's support can help; another key will not.");
    case 'fixInput':
      return vscode.l10n.t('Correct the input and call the tool again.');
    case 'refresh':
      return vscode.l10n.t('List the tasks or jobs again and use a current id.');
    case 'wait':
      return vscode.l10n.t('The job is not finished yet; check again later.');
    case 'newTicket':
    case 'none':
      return undefined;
  }
}

/** A failed tool call as the model reads it: never a stack trace, always redacted. */
export function toolErrorText(error: unknown): string {
  if (error instanceof ToolInputError) return vscode.l10n.t('Invalid input: {0}', error.message);
  const api = asApiError(error);
  const text = errorText(error);
  const step = api && nextStep(api.action);
  return step ? vscode.l10n.t('Error: {0} Next step: {1}', text, step) : vscode.l10n.t('Error: {0}', text);
}

export function disabledText(): string {
  return vscode.l10n.t('The Speech API tools are turned off (setting {0}). Ask the user to turn them on.', 'speechApi.tools.enabled');
}

export function untrustedText(): string {
  return vscode.l10n.t(
    'This workspace is not trusted, so Speech API tools that send requests do not run: a workspace could point them at its own host. Ask the user to trust the workspace first (Workspaces: Manage Workspace Trust).',
  );
}

export interface Confirmation {
  readonly title: string;
  readonly message: string;
}

export function confirmNewJob(videoUrl: string, title: string | undefined, host: string): Confirmation {
  return {
    title: vscode.l10n.t('Start a Valossa analysis job?'),
    message: title
      ? vscode.l10n.t(
          'Creates a new Valossa Core analysis job for {0}, titled "{1}", at {2}. Valossa bills the analysis by media length.',
          videoUrl,
          title,
          host,
        )
      : vscode.l10n.t('Creates a new Valossa Core analysis job for {0} at {1}. Valossa bills the analysis by media length.', videoUrl, host),
  };
}

export function confirmRetranslate(task: string, language: string, host: string): Confirmation {
  return {
    title: vscode.l10n.t('Retranslate a Vurbo task?'),
    message: vscode.l10n.t(
      'Translates every sentence of the Vurbo task "{0}" into {1} again at {2} and stores the translations with the task. Vurbo bills the translation.',
      task,
      language,
      host,
    ),
  };
}

export function confirmRename(task: string, newName: string, host: string): Confirmation {
  return {
    title: vscode.l10n.t('Rename a Vurbo task?'),
    message: vscode.l10n.t('Renames the Vurbo task "{0}" to "{1}" at {2}.', task, newName, host),
  };
}
