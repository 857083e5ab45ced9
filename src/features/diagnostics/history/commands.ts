// "Scan Git History for Keys": every commit reachable from HEAD, streamed from one `git log -p`,
// under a cancellable progress notification; results go to the Keys in Git History view (not the
// Problems panel: historic lines are not open documents). A row opens the file at its commit.
import * as vscode from 'vscode';
import { scanHistory } from '../../../core/scan';
import { COMMAND } from '../../shared/commandIds';
import type { Commands } from '../../shared/commands';
import { withCancellableProgress } from '../../shared/progress';
import type { Log } from '../../shared/log';
import type { ScanConfigs } from '../scanConfigs';
import { readScanSettings } from '../settings';
import { gitShowUri } from './gitShow';
import type { KeyHistoryModel } from './model';
import { historyFindingOfNode } from './tree';

export const HISTORY_VIEW = 'speechApi.keyHistory';

export interface KeyHistoryCommandDeps {
  readonly model: KeyHistoryModel;
  readonly configs: ScanConfigs;
  readonly log: Log;
}

export class KeyHistoryCommands {
  constructor(private readonly deps: KeyHistoryCommandDeps) {}

  register(commands: Commands): vscode.Disposable[] {
    return [
      commands.register(COMMAND.diagnostics.scanHistory, vscode.l10n.t('Scan git history for keys'), () => this.scan()),
      commands.register(COMMAND.diagnostics.openHistoryFinding, vscode.l10n.t('Open at commit'), (node: unknown) => this.open(node)),
    ];
  }

  async scan(): Promise<void> {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    if (!folders.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder that is a git repository to scan its history.'));
      return;
    }
    let commits = 0;
    let found = 0;
    let removed = 0;
    let cancelled = false;
    await withCancellableProgress(vscode.l10n.t('Scanning git history for API keys'), async (signal, progress) => {
      for (const folder of folders) {
        const team = this.deps.configs.forFolder(folder);
        const settings = readScanSettings(folder.uri);
        const report = await scanHistory({
          base: folder.uri.fsPath,
          config: team.config,
          trusted: vscode.workspace.isTrusted,
          exclude: settings.exclude,
          policy: settings.policy,
          signal,
          onProgress: (n) => progress.report({ message: vscode.l10n.t('{0} commits read', commits + n) }),
        });
        commits += report.commitsScanned ?? 0;
        found += report.findings.length;
        removed += report.findings.filter((f) => f.history && !f.history.inWorkingTree).length;
        this.deps.log.info(
          `History scan of ${folder.name}: ${report.findings.length} findings in ${report.commitsScanned ?? 0} commits${report.cancelled ? ' (cancelled)' : ''}.`,
        );
        for (const notice of report.notices ?? []) this.deps.log.warn(notice);
        this.deps.model.set({ folder, report, salt: team.config.salt });
        if (report.cancelled) {
          cancelled = true;
          break;
        }
      }
    });
    if (found) await vscode.commands.executeCommand(`${HISTORY_VIEW}.focus`);
    const keys = found === 1 ? vscode.l10n.t('1 leaked key') : vscode.l10n.t('{0} leaked keys', found);
    const summary = found
      ? vscode.l10n.t('Git history: {0} in {1} commits, {2} of them removed since but still leaked. Rotate them.', keys, commits, removed)
      : vscode.l10n.t('Git history: no API keys in {0} commits.', commits);
    const text = cancelled ? vscode.l10n.t('History scan cancelled. {0}', summary) : summary;
    if (found) void vscode.window.showWarningMessage(text);
    else void vscode.window.showInformationMessage(text);
  }

  /** Opens the file as it was in the commit that first added the key, at the key's line. */
  async open(node: unknown): Promise<void> {
    const row = historyFindingOfNode(node);
    const first = row?.finding.history?.first;
    if (!row || !first) return;
    const uri = gitShowUri(row.result.folder.uri.fsPath, first.commit, row.finding.relPath);
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = Math.max(0, row.finding.line - 1);
    await vscode.window.showTextDocument(doc, { preview: true, selection: new vscode.Range(line, row.finding.column - 1, line, row.finding.endColumn - 1) });
  }
}
