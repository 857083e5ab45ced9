// Copy as curl: the selected node's last request as a curl command whose key is read from
// $VALOSSA_API_KEY / $VURBO_API_KEY, so the command is safe to paste anywhere.
import * as vscode from 'vscode';
import { COMMAND } from '../shared/commandIds';
import type { CurlSource } from '../shared/curl';
import type { FeatureDeps } from '../shared/feature';

/** The views whose rows can be copied as curl. */
export interface CurlLinks {
  readonly sources: readonly CurlSource[];
}

export function registerCopyAsCurl(context: vscode.ExtensionContext, deps: Pick<FeatureDeps, 'commands'> & CurlLinks): void {
  context.subscriptions.push(
    deps.commands.register(COMMAND.curl.copy, vscode.l10n.t('Copy as curl'), async (element?: unknown) => {
      const curl = deps.sources.map((s) => s.curlFor(element)).find((c) => c !== undefined);
      if (!curl) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to copy yet: select a job or task in the Speech API view after it has made a request.'));
        return;
      }
      await vscode.env.clipboard.writeText(curl);
      const variable = /\$\{(\w+)\}/.exec(curl)?.[1];
      void vscode.window.showInformationMessage(variable ? vscode.l10n.t('Copied a curl command; it reads the key from ${0}.', variable) : vscode.l10n.t('Copied a curl command.'));
    }),
  );
}
