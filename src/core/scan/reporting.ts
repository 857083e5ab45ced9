// From raw findings to a report: git status and the config decide each finding's severity (or leave it
// out), and each gets its content fingerprint and masked excerpt. Shared by the working-tree, staged
// and history scans.
import path from 'node:path';
import type { BaselineEntry } from './baseline';
import { defaultScanConfig, type ScanConfig } from './config';
import type { SkipReason } from './fileScan';
import { fingerprint } from './fingerprint';
import type { GitStatus } from './git';
import type { Finding, Severity } from './rules';
import { describeFinding, severityOf, type SeverityPolicy } from './severity';
import { toSlash } from './walker';

/** A commit a historic finding was added in. */
export interface CommitRef {
  readonly commit: string;
  /** ISO 8601 author date. */
  readonly date: string;
  readonly author: string;
}

/** Where a key was found in git history: one entry however many commits added it. */
export interface HistoryInfo {
  /** The earliest commit that added the key at this path (the reported line is from it). */
  readonly first: CommitRef;
  readonly last: CommitRef;
  /** How many commits added a line holding the key at this path. */
  readonly commits: number;
  /** The key is still in the working tree's copy of the file; false means it was removed but stays leaked. */
  readonly inWorkingTree: boolean;
}

export interface ReportedFinding extends Finding {
  readonly file: string;
  /** '/'-separated, relative to the report base. */
  readonly relPath: string;
  readonly status: GitStatus;
  readonly severity: Severity;
  /** The finding's message with what its git status means. */
  readonly detail: string;
  /** The line around the finding with every key on it masked. */
  readonly excerpt: string;
  /** Content fingerprint: rule, path from the config root and a salted hash of the key (fingerprint.ts). */
  readonly fingerprint: string;
  /** The path inside the fingerprint: '/'-separated, relative to the config root. */
  readonly fingerprintPath: string;
  /** Set by history scans only. */
  readonly history?: HistoryInfo;
  /** Set by --verify: what the provider said about the key (verdicts.ts). */
  readonly verification?: { readonly state: 'live' | 'rejected' | 'unknown'; readonly code?: string };
}

export interface ScanReport {
  readonly base: string;
  readonly findings: ReportedFinding[];
  readonly filesScanned: number;
  readonly skipped: { relPath: string; reason: SkipReason }[];
  /** Findings in git-ignored files left out because ignored files are not reported. */
  readonly notReported: number;
  readonly durationMs: number;
  readonly cancelled: boolean;
  /** Things the reader should know: custom rules skipped (untrusted) or stopped (time budget). */
  readonly notices: string[];
  /** Set once a baseline was applied. */
  readonly baseline?: { readonly file: string; readonly suppressed: number; readonly stale: BaselineEntry[] };
  /** Set by history scans. */
  readonly commitsScanned?: number;
}

/** One file's raw findings, with one masked excerpt and one key digest per finding. */
export interface FileFindings {
  file: string;
  relPath: string;
  findings: Finding[];
  excerpts: string[];
  keyDigests: string[];
}

export interface Judged {
  readonly severity: Severity;
  readonly fingerprint: string;
  readonly fingerprintPath: string;
}

/** Severity (config first, then git status) and fingerprint of one finding, or undefined when it is not reported. */
export function judge(
  f: Finding,
  keyDigest: string,
  file: string,
  status: GitStatus,
  policy: SeverityPolicy,
  config: ScanConfig,
): Judged | 'ignored' | undefined {
  const setting = config.rules[f.ruleId];
  if (setting && !setting.enabled) return undefined;
  const fromGit = severityOf(f, status, policy);
  if (!fromGit) return 'ignored';
  const custom = config.customRules.find((r) => `custom/${r.id}` === f.ruleId);
  const severity = setting?.severity ?? custom?.severity ?? fromGit;
  const fingerprintPath = toSlash(path.relative(config.root, file));
  return { severity, fingerprintPath, fingerprint: fingerprint({ ruleId: f.ruleId, path: fingerprintPath, keyDigest }, config.salt) };
}

export function buildReport(
  base: string,
  hits: FileFindings[],
  statusOf: (file: string) => GitStatus,
  policy: SeverityPolicy,
  config: ScanConfig | undefined,
  rest: { filesScanned: number; skipped: ScanReport['skipped']; started: number; cancelled: boolean; notices?: string[] },
): ScanReport {
  const cfg = config ?? defaultScanConfig(base);
  const findings: ReportedFinding[] = [];
  let notReported = 0;
  for (const hit of hits) {
    const status = statusOf(hit.file);
    hit.findings.forEach((f, i) => {
      const judged = judge(f, hit.keyDigests[i], hit.file, status, policy, cfg);
      if (judged === 'ignored') notReported++;
      if (!judged || judged === 'ignored') return;
      findings.push({ ...f, ...judged, file: hit.file, relPath: hit.relPath, status, detail: describeFinding(f, status), excerpt: hit.excerpts[i] });
    });
  }
  findings.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : a.start - b.start));
  return {
    base,
    findings,
    filesScanned: rest.filesScanned,
    skipped: rest.skipped,
    notReported,
    durationMs: performance.now() - rest.started,
    cancelled: rest.cancelled,
    notices: rest.notices ?? [],
  };
}
