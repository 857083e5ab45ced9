// The last git-history scan per workspace folder: what leaked, where and when. Kept in memory only
// (the report holds fingerprints and masked excerpts, never a key).
import * as vscode from 'vscode';
import { fingerprint, type ReportedFinding, type ScanReport } from '../../../core/scan';
import { Disposable } from '../../shared/dispose';

export interface FolderHistory {
  readonly folder: vscode.WorkspaceFolder;
  readonly report: ScanReport;
  readonly salt: string;
}

export class KeyHistoryModel extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  private readonly results = new Map<string, FolderHistory>();

  get folders(): readonly FolderHistory[] {
    return [...this.results.values()];
  }

  get scanned(): boolean {
    return this.results.size > 0;
  }

  set(result: FolderHistory): void {
    this.results.set(result.folder.uri.toString(), result);
    this.changed.fire();
    void vscode.commands.executeCommand('setContext', 'speechApi.scan.historyScanned', true);
  }

  clear(): void {
    this.results.clear();
    this.changed.fire();
    void vscode.commands.executeCommand('setContext', 'speechApi.scan.historyScanned', false);
  }

  /**
   * History findings of the same key as a current finding (`digest` of its key, any path): a
   * fingerprint hashes rule and key, so each historic entry is checked with the current key's digest.
   */
  sameKey(ruleId: string, digest: string): ReportedFinding[] {
    return this.folders.flatMap(({ report, salt }) =>
      report.findings.filter((h) => h.ruleId === ruleId && h.fingerprint === fingerprint({ ruleId, path: h.fingerprintPath, keyDigest: digest }, salt)),
    );
  }
}
