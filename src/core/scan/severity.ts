// How serious a finding is depends on where git has it: a key in a file git tracks or has staged is
// (about to be) committed; in an untracked file it is still local; in an ignored file it is usually the
// intended place (a git-ignored .env) and is not reported unless asked for. A stored live key is always
// an error.
import type { GitStatus } from './git';
import { RULES, type Finding, type Severity } from './rules';

export interface SeverityPolicy {
  readonly committed: Severity;
  readonly untracked: Severity;
  readonly ignored: Severity;
  readonly includeIgnored: boolean;
}

export const DEFAULT_POLICY: SeverityPolicy = { committed: 'error', untracked: 'warning', ignored: 'warning', includeIgnored: false };

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** The severity to report, or undefined when the finding is not reported at all. */
export function severityOf(finding: Finding, status: GitStatus, policy: SeverityPolicy = DEFAULT_POLICY): Severity | undefined {
  if (status === 'ignored' && !policy.includeIgnored) return undefined;
  if (finding.ruleId === 'stored-api-key') return 'error';
  switch (status) {
    case 'staged':
    case 'tracked':
      return policy.committed;
    case 'untracked':
      return policy.untracked;
    case 'ignored':
      return policy.ignored;
    default:
      return RULES[finding.ruleId]?.defaultSeverity ?? 'warning'; // a custom rule without a severity
  }
}

const STATUS_NOTE: Record<GitStatus, string> = {
  staged: 'About to be committed: the file is staged.',
  tracked: 'Committed key: git tracks this file.',
  untracked: 'The file is not tracked by git yet.',
  ignored: 'The file is git-ignored.',
  none: '',
};

/** The finding's message plus what its git status means. Never contains the key. */
export function describeFinding(finding: Finding, status: GitStatus): string {
  const note = STATUS_NOTE[status];
  return note ? `${finding.message} ${note}` : finding.message;
}

export function parseSeverity(value: unknown, fallback: Severity): Severity {
  return SEVERITIES.includes(value as Severity) ? (value as Severity) : fallback;
}
