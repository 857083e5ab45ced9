// What a --verify verdict does to a finding: a live key is the most severe finding ("live: rotate
// now"), a rejected one says so and drops one severity level, an unknown one says it could not be
// checked. Only the verdict and its code are kept, next to the fingerprint: never the key.
import { describeVerdict, type Verdict } from '../keyVerify';
import type { ReportedFinding, ScanReport } from './reporting';
import type { Severity } from './rules';

const DOWNGRADE: Record<Severity, Severity> = { error: 'warning', warning: 'information', information: 'hint', hint: 'hint' };

function withVerdict(f: ReportedFinding, verdict: Verdict): ReportedFinding {
  const severity = verdict.state === 'live' ? 'error' : verdict.state === 'rejected' ? DOWNGRADE[f.severity] : f.severity;
  const code = verdict.code ? { code: verdict.code } : {};
  return { ...f, severity, detail: `${capitalized(describeVerdict(verdict))}. ${f.detail}`, verification: { state: verdict.state, ...code } };
}

/** Applies verdicts by fingerprint; live findings come first, as the most urgent. */
export function withVerdicts(report: ScanReport, verdicts: ReadonlyMap<string, Verdict>): ScanReport {
  const findings = report.findings.map((f) => {
    const v = verdicts.get(f.fingerprint);
    return v ? withVerdict(f, v) : f;
  });
  const live = (f: ReportedFinding) => (f.verification?.state === 'live' ? 0 : 1);
  return {
    ...report,
    findings: findings.sort((a, b) => live(a) - live(b)), // stable: the report's order within each group
  };
}

function capitalized(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}
