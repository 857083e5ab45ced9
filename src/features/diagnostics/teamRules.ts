// A file's findings as the team's config judges them (the same rules the CLI applies): custom rules
// added, allowlisted values dropped, rules switched off or re-graded, baselined findings shown as
// Information or hidden, each with its content fingerprint.
import * as vscode from 'vscode';
import { judge, keyDigest, type Finding, type GitStatus, type SeverityPolicy, type Severity } from '../../core/scan';
import type { FolderScanConfig } from './scanConfigs';

export interface JudgedFinding {
  readonly finding: Finding;
  readonly severity: Severity;
  readonly fingerprint: string;
  /** SHA-256 of the key, for matching against history results in memory (never shown). */
  readonly digest: string;
  readonly baselined: boolean;
}

export type BaselinedDisplay = 'information' | 'hide';

export function baselinedDisplay(scope: vscode.Uri): BaselinedDisplay {
  return vscode.workspace.getConfiguration('speechApi.scan', scope).get<string>('baselinedFindings') === 'hide' ? 'hide' : 'information';
}

/**
 * `findings` are the file's, the config's custom rules and allowlist already applied (ContentRules);
 * `keyText` reads a finding's key. Returns what should be shown, in order.
 */
export function judgeFindings(
  findings: readonly Finding[],
  file: string,
  status: GitStatus,
  policy: SeverityPolicy,
  entry: FolderScanConfig,
  keyText: (f: Finding) => string,
  display: BaselinedDisplay,
): JudgedFinding[] {
  const baselined = new Set(entry.baseline?.entries.map((e) => e.fingerprint));
  const out: JudgedFinding[] = [];
  for (const finding of findings) {
    const digest = keyDigest(keyText(finding));
    const judged = judge(finding, digest, file, status, policy, entry.config);
    if (!judged || judged === 'ignored') continue;
    const accepted = baselined.has(judged.fingerprint);
    if (accepted && display === 'hide') continue;
    out.push({ finding, severity: accepted ? 'information' : judged.severity, fingerprint: judged.fingerprint, digest, baselined: accepted });
  }
  return out;
}
