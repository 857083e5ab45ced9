// `Speech API: Scan Workspace for Hard-Coded API Keys`: every folder on disk, with a cancellable progress
// notification; honours .gitignore, files.exclude and speechApi.scan.exclude; skips binaries and huge files.
import * as vscode from 'vscode';
import { scanProject, summaryLine, type ReportedFinding, type StoredKeyMatcher } from '../../core/scan';
import type { Log } from '../shared/log';
import { toDiagnostic } from './diagnostic';
import type { DocumentScans } from './documentScans';
import { filesExcludeGlobs, readScanSettings } from './settings';

export interface WorkspaceScanDeps {
  readonly collection: vscode.DiagnosticCollection;
  readonly documents: DocumentScans;
  readonly storedKeys: () => StoredKeyMatcher;
  readonly docs: vscode.Uri;
  readonly log: Log;
}

export class WorkspaceScan {
  /** Files that carry diagnostics from the last workspace scan (so a clean rescan clears them). */
  private flagged = new Set<string>();

  constructor(private readonly deps: WorkspaceScanDeps) {}

  async run(): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    if (!folders.length) {
      void vscode.window.showInformationMessage('Open a folder on disk to scan it for hard-coded API keys.');
      return;
    }
    const enabled = folders.filter((f) => readScanSettings(f.uri).enabled);
    if (!enabled.length) {
      void vscode.window.showInformationMessage('Hard-coded key detection is turned off (speechApi.scan.enabled).');
      return;
    }
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Scanning for hard-coded API keys', cancellable: true },
      async (progress, token) => {
        const abort = new AbortController();
        const sub = token.onCancellationRequested(() => abort.abort());
        try {
          await this.scanFolders(enabled, abort.signal, (message) => progress.report({ message }));
        } finally {
          sub.dispose();
        }
      },
    );
  }

  private async scanFolders(folders: vscode.WorkspaceFolder[], signal: AbortSignal, report: (message: string) => void): Promise<void> {
    const findings: ReportedFinding[] = [];
    let files = 0;
    let skipped = 0;
    let cancelled = false;
    for (const folder of folders) {
      const settings = readScanSettings(folder.uri);
      const result = await scanProject({
        base: folder.uri.fsPath,
        exclude: [...filesExcludeGlobs(folder.uri), ...settings.exclude],
        policy: settings.policy,
        maxBytes: settings.maxBytes,
        storedKeys: this.deps.storedKeys(),
        signal,
        onProgress: (n, rel) => report(`${files + n} files · ${folders.length > 1 ? `${folder.name}/` : ''}${rel}`),
      });
      this.deps.log.info(`Key scan of ${folder.name}: ${summaryLine(result)}`);
      findings.push(...result.findings);
      files += result.filesScanned;
      skipped += result.skipped.length;
      if (result.cancelled) {
        cancelled = true;
        break;
      }
    }
    this.publish(findings, cancelled);
    this.deps.documents.keepClosedFiles = true;
    const fileCount = new Set(findings.map((f) => f.file)).size;
    const errors = findings.filter((f) => f.severity === 'error').length;
    const what = findings.length
      ? `Found ${findings.length} hard-coded API key${findings.length === 1 ? '' : 's'} in ${fileCount} file${fileCount === 1 ? '' : 's'}${errors ? ` (${errors} in files git tracks or is about to commit)` : ''}`
      : 'No hard-coded API keys found';
    const tail = `${files} files scanned${skipped ? `, ${skipped} skipped (binary or too large)` : ''}.`;
    const message = cancelled ? `Scan cancelled. ${what} so far; ${tail}` : `${what}. ${tail}`;
    const show = findings.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    const choice = await show(message, ...(findings.length ? ['Show Problems'] : []));
    if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
  }

  /** Diagnostics for closed files; open documents keep their live (and newer) findings. */
  private publish(findings: ReportedFinding[], partial: boolean): void {
    const byFile = new Map<string, ReportedFinding[]>();
    for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    const next = new Set<string>();
    for (const [file, list] of byFile) {
      const uri = vscode.Uri.file(file);
      next.add(uri.toString());
      if (this.deps.documents.isOpen(uri)) continue;
      this.deps.collection.set(uri, list.map((f) => toDiagnostic(f, f.status, f.severity, this.deps.docs)));
    }
    if (!partial) {
      for (const uri of this.flagged) {
        if (!next.has(uri) && !this.deps.documents.isOpen(vscode.Uri.parse(uri))) this.deps.collection.delete(vscode.Uri.parse(uri));
      }
    }
    this.flagged = partial ? new Set([...this.flagged, ...next]) : next;
  }
}
