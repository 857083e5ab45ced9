// `Speech API: Scan Workspace for Hard-Coded API Keys`: every folder on disk, with a cancellable progress
// notification; honours .gitignore, files.exclude and speechApi.scan.exclude; skips binaries and huge files.
import * as vscode from 'vscode';
import { scanProject, summaryLine, type ReportedFinding, type StoredKeyMatcher } from '../../core/scan';
import type { Log } from '../shared/log';
import { showNotice } from '../shared/notice';
import { withCancellableProgress } from '../shared/progress';
import { toDiagnostic } from './diagnostic';
import type { DocumentScans } from './documentScans';
import type { ScanConfigs } from './scanConfigs';
import { baselinedDisplay } from './teamRules';
import { folderScanSetup } from './scanSetup';
import { readScanSettings } from './settings';

export interface WorkspaceScanDeps {
  readonly collection: vscode.DiagnosticCollection;
  readonly documents: DocumentScans;
  readonly storedKeys: () => StoredKeyMatcher;
  readonly docs: vscode.Uri;
  readonly log: Log;
  readonly configs: ScanConfigs;
}

export class WorkspaceScan {
  /** Files that carry diagnostics from the last workspace scan (so a clean rescan clears them). */
  private flagged = new Set<string>();

  constructor(private readonly deps: WorkspaceScanDeps) {}

  async run(): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    if (!folders.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder on disk to scan it for hard-coded API keys.'));
      return;
    }
    const enabled = folders.filter((f) => readScanSettings(f.uri).enabled);
    if (!enabled.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Hard-coded key detection is turned off ({0}).', 'speechApi.scan.enabled'));
      return;
    }
    await withCancellableProgress(vscode.l10n.t('Scanning for hard-coded API keys'), (signal, progress) =>
      this.scanFolders(enabled, signal, (message) => progress.report({ message })),
    );
  }

  private async scanFolders(folders: vscode.WorkspaceFolder[], signal: AbortSignal, report: (message: string) => void): Promise<void> {
    const findings: (ReportedFinding & { baselined?: boolean })[] = [];
    let files = 0;
    let skipped = 0;
    let cancelled = false;
    for (const folder of folders) {
      const setup = folderScanSetup(folder, this.deps.configs, this.deps.storedKeys());
      const result = await scanProject({
        ...setup.options,
        base: folder.uri.fsPath,
        signal,
        onProgress: (n, rel) => report(vscode.l10n.t('{0} files · {1}', files + n, `${folders.length > 1 ? `${folder.name}/` : ''}${rel}`)),
      });
      this.deps.log.info(`Key scan of ${folder.name}: ${summaryLine(result)}`);
      // Baselined findings stay visible (as Information) unless the user hides them, as in open files.
      const listed = setup.baselined;
      const hide = baselinedDisplay(folder.uri) === 'hide';
      for (const f of result.findings) {
        const baselined = listed.has(f.fingerprint);
        if (baselined && hide) continue;
        findings.push(baselined ? { ...f, severity: 'information', baselined } : f);
      }
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
    const accepted = findings.filter((f) => f.baselined).length;
    const keys = findings.length === 1 ? vscode.l10n.t('{0} hard-coded API key', findings.length) : vscode.l10n.t('{0} hard-coded API keys', findings.length);
    const inFiles = fileCount === 1 ? vscode.l10n.t('{0} file', fileCount) : vscode.l10n.t('{0} files', fileCount);
    const what = findings.length
      ? vscode.l10n.t('Found {0} in {1}{2}', keys, inFiles, errors ? vscode.l10n.t(' ({0} in files git tracks or is about to commit)', errors) : '')
      : vscode.l10n.t('No hard-coded API keys found');
    const tail = skipped ? vscode.l10n.t('{0} files scanned, {1} skipped (binary or too large).', files, skipped) : vscode.l10n.t('{0} files scanned.', files);
    const baseline = accepted ? ` ${vscode.l10n.t('{0} of them accepted in the baseline.', accepted)}` : '';
    const message = (cancelled ? vscode.l10n.t('Scan cancelled. {0} so far; {1}', what, tail) : vscode.l10n.t('{0}. {1}', what, tail)) + baseline;
    const showProblems = { label: vscode.l10n.t('Show Problems'), run: () => vscode.commands.executeCommand('workbench.actions.view.problems') };
    await showNotice(findings.length ? 'warning' : 'info', message, findings.length ? [showProblems] : []);
  }

  /** Diagnostics for closed files; open documents keep their live (and newer) findings. */
  private publish(findings: (ReportedFinding & { baselined?: boolean })[], partial: boolean): void {
    const byFile = new Map<string, (ReportedFinding & { baselined?: boolean })[]>();
    for (const f of findings) byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]);
    const next = new Set<string>();
    for (const [file, list] of byFile) {
      const uri = vscode.Uri.file(file);
      next.add(uri.toString());
      if (this.deps.documents.isOpen(uri)) continue;
      this.deps.collection.set(
        uri,
        list.map((f) => toDiagnostic(f, f.status, f.severity, this.deps.docs, f.baselined)),
      );
    }
    if (!partial) {
      for (const uri of this.flagged) {
        if (!next.has(uri) && !this.deps.documents.isOpen(vscode.Uri.parse(uri))) this.deps.collection.delete(vscode.Uri.parse(uri));
      }
    }
    this.flagged = partial ? new Set([...this.flagged, ...next]) : next;
  }
}
