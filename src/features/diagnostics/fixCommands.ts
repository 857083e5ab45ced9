// The commands behind the quick fixes. Each re-reads the key from the document (nothing secret travels
// in command arguments), stores it in Secret Storage where asked, then edits the file.
import path from 'node:path';
import * as vscode from 'vscode';
import { PROVIDERS, type ProviderId } from '../../core/providers';
import { addToGitignore, envReadFix, GitRepo, isEnvFile, runGit, type Finding } from '../../core/scan';
import { COMMAND } from '../shared/commandIds';
import type { Commands } from '../shared/commands';
import type { StoredKeys } from '../shared/keys';
import { confirmedBase, type HostSource } from '../shared/hosts';
import { showNotice } from '../shared/notice';

/** Where a finding is: enough to find the key again, nothing secret. */
export interface FindingRef {
  readonly uri: string;
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly provider: ProviderId;
}

export class FixCommands {
  constructor(
    private readonly storedKeys: StoredKeys,
    private readonly hosts: HostSource,
    /** The findings of a document as the scanner sees them now (stored keys included). */
    private readonly findingsOf: (doc: vscode.TextDocument) => readonly Finding[],
    /** Rescans a document now: after a fix, the old diagnostic must not wait for the next keystroke. */
    private readonly rescan: (doc: vscode.TextDocument) => void,
  ) {}

  register(commands: Commands): vscode.Disposable[] {
    return [
      commands.register(COMMAND.diagnostics.moveKeyToEnvironment, vscode.l10n.t('Move the key to the environment'), (ref: FindingRef) =>
        this.moveToEnvironment(ref),
      ),
      commands.register(COMMAND.diagnostics.addToGitignore, vscode.l10n.t('Add to .gitignore'), (uri: string) => this.ignoreFile(vscode.Uri.parse(uri), true)),
      // From a quick fix or hover (a provider id), or from a row of the Keys in Git History view.
      commands.register(COMMAND.diagnostics.rotateKey, vscode.l10n.t('Rotate key'), (arg: ProviderId | { finding?: { provider?: ProviderId } }) =>
        this.rotate(typeof arg === 'string' ? arg : (arg?.finding?.provider ?? 'vurbo')),
      ),
    ];
  }

  /** Replace the literal with an environment read (or, in .env, ignore the file) and store the key. */
  async moveToEnvironment(ref: FindingRef): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(ref.uri));
    const key = this.keyAt(doc, ref);
    if (!key) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The key is no longer there: the file changed since the problem was reported.'));
      return;
    }
    const stored = await this.store(ref.provider, key);
    if (stored === 'cancelled') return;
    const envVar = PROVIDERS[ref.provider].keyEnvVar;
    const storedNote =
      stored === 'kept' ? vscode.l10n.t('The key already stored was kept.') : vscode.l10n.t('The key is now in Secret Storage for {0}.', stored);
    if (isEnvFile(doc.fileName)) {
      await this.ignoreFile(doc.uri, false);
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} {1} stays as it is and is now git-ignored.', storedNote, path.basename(doc.fileName)));
      return;
    }
    const line = doc.lineAt(ref.line).text;
    const fix = envReadFix(line, ref.start, ref.end, ref.provider, doc.languageId, doc.fileName, doc.languageId === 'python' ? doc.getText() : undefined);
    if (!fix) return;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(ref.line, fix.start, ref.line, fix.end), fix.newText);
    if (fix.addImport)
      edit.insert(doc.uri, new vscode.Position(fix.addImport.line, 0), fix.addImport.text + (doc.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n'));
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('VS Code refused the edit.'));
    this.rescan(doc);
    await showNotice(
      'info',
      vscode.l10n.t('{0} The code now reads {1}: set it in your environment. If the key was ever committed or shared, rotate it.', storedNote, envVar),
      [{ label: vscode.l10n.t('Rotate Key'), run: () => this.rotate(ref.provider) }],
    );
  }

  /** The key at `ref` if the document still holds a finding exactly there. */
  private keyAt(doc: vscode.TextDocument, ref: FindingRef): string | undefined {
    const found = this.findingsOf(doc).some((f) => f.line - 1 === ref.line && f.column - 1 === ref.start && f.endColumn - 1 === ref.end);
    return found ? doc.lineAt(ref.line).text.slice(ref.start, ref.end) : undefined;
  }

  /**
   * Stores the key for the provider's host, asking first when a workspace setting names that host,
   * and before replacing a different stored key.
   */
  private async store(provider: ProviderId, key: string): Promise<string | 'kept' | 'cancelled'> {
    const base = await confirmedBase(this.hosts, provider);
    if (!base) return 'cancelled';
    const existing = (await this.storedKeys.allKeys()).find((k) => k.provider === provider && k.origin === base.origin);
    if (existing?.key === key) return base.origin;
    if (existing) {
      const keepStored = vscode.l10n.t('Keep Stored Key');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('A different {0} key is already stored for {1}. Replace it with the key found in this file?', PROVIDERS[provider].label, base.origin),
        { modal: true },
        vscode.l10n.t('Replace Stored Key'),
        keepStored,
      );
      if (!choice) return 'cancelled';
      if (choice === keepStored) return 'kept';
    }
    await this.storedKeys.set({ provider, origin: base.origin }, key);
    return base.origin;
  }

  /** Adds the file to the .gitignore of its repository (or workspace folder); offers to untrack it. */
  async ignoreFile(uri: vscode.Uri, announce: boolean): Promise<void> {
    if (uri.scheme !== 'file') throw new Error(vscode.l10n.t('Only files on disk can be git-ignored.'));
    const repo = await GitRepo.open(path.dirname(uri.fsPath));
    const rootDir = repo?.root ?? vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
    if (!rootDir) throw new Error(vscode.l10n.t('The file is neither in a git repository nor in a workspace folder.'));
    const relPath = repo ? repo.relative(uri.fsPath) : path.relative(rootDir, uri.fsPath).split(path.sep).join('/');
    const gitignore = vscode.Uri.file(path.join(rootDir, '.gitignore'));
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === gitignore.toString());
    let current: string | undefined;
    try {
      current = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(gitignore));
    } catch {
      current = undefined;
    }
    const next = addToGitignore(current, relPath);
    if (next !== undefined) {
      if (open) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(gitignore, new vscode.Range(0, 0, open.lineCount, 0), next);
        await vscode.workspace.applyEdit(edit);
        await open.save();
      } else {
        await vscode.workspace.fs.writeFile(gitignore, new TextEncoder().encode(next));
      }
    }
    const tracked = repo && ['tracked', 'staged'].includes((await repo.classify([uri.fsPath])).get(uri.fsPath) ?? '');
    if (tracked) {
      await showNotice(
        'warning',
        next === undefined
          ? vscode.l10n.t(
              '{0} is already in .gitignore, but git still tracks it: .gitignore does not untrack files. Stop tracking it (git rm --cached)? The file stays on disk; keys already committed stay in the history, so rotate them.',
              relPath,
            )
          : vscode.l10n.t(
              '{0} is now in .gitignore, but git still tracks it: .gitignore does not untrack files. Stop tracking it (git rm --cached)? The file stays on disk; keys already committed stay in the history, so rotate them.',
              relPath,
            ),
        [
          {
            label: vscode.l10n.t('Stop Tracking'),
            run: async () => {
              const r = await runGit(repo.root, ['rm', '--cached', '--quiet', '--', relPath]);
              if (r.code !== 0) throw new Error(vscode.l10n.t('git rm --cached failed: {0}', r.stderr.trim()));
              void vscode.window.showInformationMessage(
                vscode.l10n.t('git no longer tracks {0}. Commit the change to remove it from the repository.', relPath),
              );
            },
          },
        ],
      );
    } else if (announce) {
      void vscode.window.showInformationMessage(
        next === undefined
          ? vscode.l10n.t('{0} is already git-ignored.', relPath)
          : vscode.l10n.t(
              'Added /{0} to {1}.',
              relPath,
              path.relative(vscode.workspace.getWorkspaceFolder(gitignore)?.uri.fsPath ?? rootDir, gitignore.fsPath) || '.gitignore',
            ),
      );
    }
  }

  async rotate(provider: ProviderId): Promise<void> {
    await vscode.env.openExternal(vscode.Uri.parse(PROVIDERS[provider].dashboardUrl));
  }
}
