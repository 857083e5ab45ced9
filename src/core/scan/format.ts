// Human (text) and machine (JSON) renderings of a scan report. Keys only ever appear masked.
import type { SkipReason } from './fileScan';
import type { ReportedFinding, ScanReport } from './reporting';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function countBy<T extends string>(items: readonly T[]): Map<T, number> {
  const m = new Map<T, number>();
  for (const i of items) m.set(i, (m.get(i) ?? 0) + 1);
  return m;
}

export function summaryLine(report: ScanReport): string {
  const seconds = (report.durationMs / 1000).toFixed(report.durationMs < 10_000 ? 2 : 1);
  const what =
    report.commitsScanned !== undefined
      ? `${plural(report.commitsScanned, 'commit')} (${plural(report.filesScanned, 'file change')})`
      : plural(report.filesScanned, 'file');
  const scanned = `${what} scanned in ${seconds} s${baselineNote(report)}`;
  const skipped = report.skipped.length
    ? ` · ${report.skipped.length} skipped (${[...countBy(report.skipped.map((s) => s.reason))].map(([r, n]) => `${n} ${SKIP_LABEL[r]}`).join(', ')})`
    : '';
  if (!report.findings.length) return `No hard-coded API keys found · ${scanned}${skipped}`;
  const bySeverity = countBy(report.findings.map((f) => f.severity));
  const parts = [...bySeverity].map(([s, n]) => plural(n, s === 'information' ? 'info' : s));
  const files = new Set(report.findings.map((f) => f.relPath)).size;
  return `${plural(report.findings.length, 'hard-coded key')} (${parts.join(', ')}) in ${plural(files, 'file')} · ${scanned}${skipped}`;
}

function baselineNote(report: ScanReport): string {
  const b = report.baseline;
  if (!b) return '';
  return ` · ${b.suppressed} baselined${b.stale.length ? `, ${plural(b.stale.length, 'stale baseline entry').replace(/entrys$/, 'entries')}` : ''}`;
}

function historyLine(f: ReportedFinding): string | undefined {
  const h = f.history;
  if (!h) return undefined;
  const first = `${h.first.commit.slice(0, 12)} (${h.first.date}, ${h.first.author})`;
  const more = h.commits > 1 ? `; last added in ${h.last.commit.slice(0, 12)} (${h.last.date}), ${h.commits} commits in all` : '';
  return `    first added in ${first}${more}`;
}

const SKIP_LABEL: Record<SkipReason, string> = { binary: 'binary', 'too-large': 'too large', unreadable: 'unreadable' };

export function formatText(report: ScanReport): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    lines.push(`${f.relPath}:${f.line}:${f.column}: ${f.severity}: ${f.detail} [${f.ruleId}]`);
    lines.push(`    ${f.excerpt}`);
    const history = historyLine(f);
    if (history) lines.push(history);
    lines.push(`    id ${f.fingerprint}`);
  }
  if (lines.length) lines.push('');
  lines.push(summaryLine(report));
  if (report.notReported) {
    lines.push(`${plural(report.notReported, 'finding')} in git-ignored files not reported (add --include-ignored to see them).`);
  }
  for (const stale of report.baseline?.stale ?? []) lines.push(`Stale baseline entry (matches nothing now; --prune-baseline removes it): ${stale.fingerprint}`);
  lines.push(...report.notices);
  if (report.cancelled) lines.push('The scan was cancelled before it finished.');
  return lines.join('\n') + '\n';
}

export function formatJson(report: ScanReport, toolVersion: string): string {
  const out = {
    tool: { name: 'speech-api-scan', version: toolVersion },
    base: report.base,
    summary: {
      filesScanned: report.filesScanned,
      findings: report.findings.length,
      errors: report.findings.filter((f) => f.severity === 'error').length,
      warnings: report.findings.filter((f) => f.severity === 'warning').length,
      notReported: report.notReported,
      skipped: report.skipped.length,
      durationMs: Math.round(report.durationMs),
      ...(report.commitsScanned !== undefined ? { commitsScanned: report.commitsScanned } : {}),
      ...(report.baseline ? { baselined: report.baseline.suppressed, staleBaselineEntries: report.baseline.stale.length } : {}),
    },
    findings: report.findings.map((f) => ({
      path: f.relPath,
      ruleId: f.ruleId,
      severity: f.severity,
      gitStatus: f.history ? 'history' : f.status,
      fingerprint: f.fingerprint,
      provider: f.provider,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      message: f.detail,
      excerpt: f.excerpt,
      ...(f.history ? { history: f.history } : {}),
      ...(f.verification ? { verification: f.verification } : {}),
    })),
    skipped: report.skipped.map((s) => ({ path: s.relPath, reason: s.reason })),
    ...(report.baseline ? { baseline: { file: report.baseline.file, stale: report.baseline.stale } } : {}),
    notices: report.notices,
  };
  return JSON.stringify(out, null, 2) + '\n';
}
