// Results and transcripts open as read-only documents (not untitled buffers), so closing them never
// asks to save; "Save As…" still works for keeping a copy.
import * as vscode from 'vscode';
import { ChangeEmitter } from '../shared/changeEmitter';

export const RESULT_SCHEME = 'speechapi-valossa';

export class ResultDocuments extends ChangeEmitter<vscode.Uri> implements vscode.TextDocumentContentProvider {
  private readonly contents = new Map<string, string>();

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? vscode.l10n.t('(This result is no longer in memory: open it again from the Jobs view.)');
  }

  async show(jobId: string, fileName: string, content: string, language: string): Promise<void> {
    const uri = vscode.Uri.from({ scheme: RESULT_SCHEME, path: `/${jobId}/${fileName.replace(/[\\/:*?"<>|]+/g, '_')}` });
    this.contents.set(uri.toString(), content);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    const typed = doc.languageId === language ? doc : await vscode.languages.setTextDocumentLanguage(doc, language).then(undefined, () => doc);
    await vscode.window.showTextDocument(typed, { preview: false });
  }

  override dispose(): void {
    this.contents.clear();
    super.dispose();
  }
}
