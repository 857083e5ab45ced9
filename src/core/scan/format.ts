// Human (text) and machine (JSON) renderings of a scan report. Keys only ever appear masked.
import type { SkipReason } from './fileScan';
import type { ScanReport } from './project';

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
  const scanned = `${plural(report.filesScanned, 'file')} scanned in ${seconds} s`;
  const skipped = report.skipped.length
    ? ` · ${report.skipped.length} skipped (${[...countBy(report.skipped.map((s) => s.reason))].map(([r, n]) => `${n} ${SKIP_LABEL[r]}`).join(', ')})`
    : '';
  if (!report.findings.length) return `No hard-coded API keys found · ${scanned}${skipped}`;
  const bySeverity = countBy(report.findings.map((f) => f.severity));
  const parts = [...bySeverity].map(([s, n]) => plural(n, s === 'information' ? 'info' : s));
  const files = new Set(report.findings.map((f) => f.relPath)).size;
  return `${plural(report.findings.length, 'hard-coded key')} (${parts.join(', ')}) in ${plural(files, 'file')} · ${scanned}${skipped}`;
}

const SKIP_LABEL: Record<SkipReason, string> = { binary: 'binary', 'too-large': 'too large', unreadable: 'unreadable' };

export function formatText(report: ScanReport): string {
  const lines: string[] = [];
  for (const f of report.findings) {
    lines.push(`${f.relPath}:${f.line}:${f.column}: ${f.severity}: ${f.detail} [${f.ruleId}]`);
    lines.push(`    ${f.excerpt}`);
  }
  if (lines.length) lines.push('');
  lines.push(summaryLine(report));
  if (report.notReported) {
    lines.push(`${plural(report.notReported, 'finding')} in git-ignored files not reported (add --include-ignored to see them).`);
  }
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
    },
    findings: report.findings.map((f) => ({
      path: f.relPath,
      ruleId: f.ruleId,
      severity: f.severity,
      gitStatus: f.status,
      provider: f.provider,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      message: f.detail,
      excerpt: f.excerpt,
    })),
    skipped: report.skipped.map((s) => ({ path: s.relPath, reason: s.reason })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
