// --baseline, --write-baseline and --prune-baseline: what they do to a finished scan report.
import path from 'node:path';
import fs from 'node:fs';
import { baselineOf, pruneBaseline, readBaseline, toSlash, withBaseline, writeBaseline, type ScanConfig, type ScanReport } from '../core/scan';
import type { ScanArgs } from './args';

export interface BaselineResult {
  readonly report: ScanReport;
  /** A line for stderr. */
  readonly message?: string;
  /** Set when the run ends here (a baseline was written). */
  readonly exit?: number;
}

export function applyBaselineArgs(report: ScanReport, args: ScanArgs, cwd: string, config: ScanConfig): BaselineResult {
  if (args.writeBaseline) {
    const file = path.resolve(cwd, args.writeBaseline);
    const baseline = baselineOf(report.findings);
    writeBaseline(file, baseline);
    return {
      report,
      exit: 0,
      message: `Baseline of ${baseline.entries.length} finding${baseline.entries.length === 1 ? '' : 's'} written to ${args.writeBaseline}`,
    };
  }
  const file = args.baseline ? path.resolve(cwd, args.baseline) : config.baseline;
  if (!file) {
    if (args.pruneBaseline) throw new Error('--prune-baseline needs a baseline: --baseline FILE, or "baseline" in .speech-api-scan.json.');
    return { report };
  }
  if (!args.baseline && !fs.existsSync(file)) return { report }; // the config names a baseline not written yet
  const baseline = readBaseline(file);
  const shown = toSlash(path.relative(cwd, file));
  const result = withBaseline(report, baseline, shown, scopeOf(args, cwd, config));
  const stale = result.baseline!.stale;
  if (!args.pruneBaseline || !stale.length) return { report: result };
  writeBaseline(file, pruneBaseline(baseline, stale));
  return {
    report: { ...result, baseline: { ...result.baseline!, stale: [] } },
    message: `${stale.length} stale baseline entr${stale.length === 1 ? 'y' : 'ies'} pruned from ${shown}`,
  };
}

/** Which baseline paths (relative to the config root) this scan looked at: stale means "looked, not found". */
function scopeOf(args: ScanArgs, cwd: string, config: ScanConfig): (rel: string) => boolean {
  if (args.staged) return () => false; // only staged files were looked at
  if (args.history || !args.paths.length) return () => true;
  const roots = args.paths.map((p) => toSlash(path.relative(config.root, path.resolve(cwd, p))));
  return (rel) => roots.some((r) => r === '' || rel === r || rel.startsWith(r + '/'));
}
