// speechApi.copyAsCurl: the selected node's last request as a curl command whose key is read from
// $VALOSSA_API_KEY / $VURBO_API_KEY, so the command is safe to paste anywhere.
import * as vscode from 'vscode';
import type { CurlSource } from '../shared/curl';

export function registerCopyAsCurl(sources: readonly CurlSource[]): vscode.Disposable {
  return vscode.commands.registerCommand('speechApi.copyAsCurl', async (element?: unknown) => {
    const curl = sources.map((s) => s.curlFor(element)).find((c) => c !== undefined);
    if (!curl) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to copy yet: select a job or task in the Speech API view after it has made a request.'));
      return;
    }
    await vscode.env.clipboard.writeText(curl);
    const variable = /\$\{(\w+)\}/.exec(curl)?.[1];
    void vscode.window.showInformationMessage(variable ? vscode.l10n.t('Copied a curl command; it reads the key from ${0}.', variable) : vscode.l10n.t('Copied a curl command.'));
  });
}
