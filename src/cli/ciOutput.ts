// What a CI log shows: GitHub workflow-command annotations (`--format github`) and a short table of
// findings by rule and severity (`--summary`). Both are built from the report alone, so never hold a key.
import { SEVERITIES, summaryLine, type ScanReport, type Severity } from '../core/scan';

/** Workflow commands: https://docs.github.com/actions/reference/workflow-commands-for-github-actions */
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** `%`, CR and LF are escaped in a command's message… */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** …and `:` and `,` as well in its properties. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(report: ScanReport): string {
  const lines = report.findings.map((f) => {
    const props = [
      `file=${escapeProperty(f.relPath)}`,
      `line=${f.line}`,
      `endLine=${f.endLine}`,
      `col=${f.column}`,
      `endColumn=${f.endColumn}`,
      `title=${escapeProperty(`speech-api-scan ${f.ruleId}`)}`,
    ];
    return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(`${f.detail} (id ${f.fingerprint})`)}`;
  });
  lines.push(summaryLine(report));
  return lines.join('\n') + '\n';
}

/** A fixed-width table: one row per rule, one column per severity, and a total row. */
export function summaryTable(report: ScanReport): string {
  const rows = new Map<string, number[]>();
  const verdicts = new Map<string, number>();
  for (const f of report.findings) {
    const counts = rows.get(f.ruleId) ?? SEVERITIES.map(() => 0);
    counts[SEVERITIES.indexOf(f.severity)]++;
    rows.set(f.ruleId, counts);
    const verdict = f.verification?.state;
    if (verdict) verdicts.set(verdict, (verdicts.get(verdict) ?? 0) + 1);
  }
  const header = ['rule', ...SEVERITIES.map((c) => (c === 'information' ? 'info' : c)), 'total'];
  const body = [...rows].sort(([a], [b]) => (a < b ? -1 : 1)).map(([rule, counts]) => [rule, ...counts.map(String), String(sum(counts))]);
  const totals = SEVERITIES.map((_, i) => sum([...rows.values()].map((c) => c[i])));
  body.push(['all rules', ...totals.map(String), String(sum(totals))]);
  const table = [header, ...body];
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const out = table.map((r) =>
    r
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join('  ')
      .trimEnd(),
  );
  out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  if (verdicts.size) out.push('', `verified findings: ${[...verdicts].map(([v, n]) => `${n} ${v}`).join(', ')}`);
  out.push(`${new Set(report.findings.map((f) => f.relPath)).size} file(s) with findings, ${report.filesScanned} scanned`);
  return out.join('\n') + '\n';
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
