// Key-scan findings for language-model tools: where, which rule, how severe and the fingerprint —
// never the key, nor the masked excerpt (a model has no use for it).
import type { ReportedFinding, ScanReport } from '../scan';
import { textWindow } from './window';

function findingLine(f: ReportedFinding, baselined: boolean): string {
  return `- ${f.relPath}:${f.line}  rule ${f.ruleId} (${f.provider})  severity ${baselined ? 'information (in the baseline)' : f.severity}  git ${f.status}  fingerprint ${f.fingerprint}`;
}

export function formatScanReport(reports: readonly { folder: string; report: ScanReport; baselined: ReadonlySet<string> }[], maxChars?: number): string {
  const findings = reports.flatMap(({ folder, report, baselined }) => report.findings.map((f) => ({ folder, f, baselined: baselined.has(f.fingerprint) })));
  const files = reports.reduce((n, r) => n + r.report.filesScanned, 0);
  const cancelled = reports.some((r) => r.report.cancelled);
  const notices = [...new Set(reports.flatMap((r) => r.report.notices))];
  const many = reports.length > 1;
  const head = `${findings.length ? `${findings.length} hard-coded API key finding${findings.length === 1 ? '' : 's'}` : 'No hard-coded API keys found'} in ${files} files${cancelled ? ' (the scan was cancelled, so this is partial)' : ''}.`;
  const lines = findings.map(({ folder, f, baselined }) => findingLine(many ? { ...f, relPath: `${folder}/${f.relPath}` } : f, baselined));
  const window = textWindow(lines, 1, maxChars);
  const out = [head, ...notices.map((n) => `[${n}]`)];
  if (window.text) out.push(window.text);
  if (window.truncated) out.push(`[Only the first ${window.last} of ${window.total} findings are listed. Scan a narrower path to see the rest.]`);
  if (findings.length)
    out.push("Keys are never shown. Move each key into an environment variable or the editor's secret storage, and rotate keys that were committed.");
  return out.join('\n');
}
