// "Send Request" and "Copy as Code" above every request line of a `.http` file.
import * as vscode from 'vscode';
import { parseHttpFile } from '../../core/explorer/httpFile';
import { COMMAND } from '../shared/commandIds';

export const HTTP_SELECTOR: vscode.DocumentSelector = [{ language: 'http' }, { pattern: '**/*.{http,rest}' }];

export class HttpCodeLenses implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return parseHttpFile(document.getText())
      .requests.filter((r) => r.method)
      .flatMap((r) => {
        const range = new vscode.Range(r.line, 0, r.line, 0);
        return [
          new vscode.CodeLens(range, { title: vscode.l10n.t('Send Request'), command: COMMAND.explorer.send, arguments: [document.uri, r.line] }),
          new vscode.CodeLens(range, { title: vscode.l10n.t('Copy as Code'), command: COMMAND.explorer.copyAsCode, arguments: [document.uri, r.line] }),
        ];
      });
  }
}
