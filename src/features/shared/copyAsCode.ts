// The one way a request becomes code on the clipboard (the curl feature's rows and the explorer's
// `.http` requests): pick curl, Python (requests) or JavaScript (fetch); the key stays a variable.
import * as vscode from 'vscode';
import { CODE_LANGUAGES, keyVariable, toCode, type CodeLanguage } from '../../core/explorer/codegen';
import type { ApiRequest } from '../../core/explorer/request';

export const LANGUAGE_LABELS: Readonly<Record<CodeLanguage, string>> = { curl: 'curl', python: 'Python (requests)', javascript: 'JavaScript (fetch)' };

export async function pickLanguage(): Promise<CodeLanguage | undefined> {
  const picked = await vscode.window.showQuickPick(
    CODE_LANGUAGES.map((language) => ({ label: LANGUAGE_LABELS[language], language })),
    { title: vscode.l10n.t('Copy as Code'), placeHolder: vscode.l10n.t('The key is read from an environment variable, never written out.') },
  );
  return picked?.language;
}

/** Copies the request as code and says which variable holds the key. */
export async function copyRequestAs(language: CodeLanguage, request: ApiRequest): Promise<string> {
  const code = toCode(language, request);
  await vscode.env.clipboard.writeText(code);
  void vscode.window.showInformationMessage(vscode.l10n.t('Copied as {0}; it reads the key from ${1}.', LANGUAGE_LABELS[language], keyVariable(request)));
  return code;
}
