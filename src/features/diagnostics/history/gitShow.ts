// Read-only documents of a file as it was at a commit (`git show <commit>:<path>`), so a historic
// finding opens where it was added, even when the file is gone from the working tree.
import * as vscode from 'vscode';
import { runGit } from '../../../core/scan';

export const GIT_SHOW_SCHEME = 'speechapi-git';

/** `relPath` is relative to `cwd` (a folder inside the repository). */
export function gitShowUri(cwd: string, commit: string, relPath: string): vscode.Uri {
  return vscode.Uri.from({ scheme: GIT_SHOW_SCHEME, path: `/${commit.slice(0, 8)}/${relPath}`, query: JSON.stringify({ cwd, commit, relPath }) });
}

export class GitShowDocuments implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const { cwd, commit, relPath } = JSON.parse(uri.query) as { cwd: string; commit: string; relPath: string };
    // `<commit>:./<path>` is relative to the working directory, like the report's paths.
    const result = await runGit(cwd, ['show', `${commit}:./${relPath}`]);
    if (result.code !== 0) return vscode.l10n.t('(git could not show {0} at {1}: {2})', relPath, commit.slice(0, 8), result.stderr.trim());
    return result.stdout.toString('utf8');
  }
}
