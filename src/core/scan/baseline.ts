// Baselines: accepted findings, listed by content fingerprint (fingerprint.ts), so a finding stays
// suppressed however the lines around it change. The file holds fingerprints, rule ids and paths —
// never a key or any part of one — one entry per line, sorted, so two branches adding entries merge
// cleanly. Entries that match nothing any more are reported as stale and can be pruned.
import fs from 'node:fs';
import path from 'node:path';
import type { ScanReport } from './reporting';
import type { RuleId } from './rules';

export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: RuleId;
  /** '/'-separated, relative to the config root (as in the fingerprint). */
  readonly path: string;
}

export interface Baseline {
  readonly version: typeof BASELINE_VERSION;
  readonly entries: readonly BaselineEntry[];
}

export interface BaselinedFinding {
  readonly fingerprint: string;
  readonly ruleId: RuleId;
  readonly fingerprintPath: string;
}

export interface BaselineOutcome<F> {
  /** Findings the baseline does not list. */
  readonly kept: F[];
  readonly suppressed: F[];
  /** Entries in scope that matched no finding. */
  readonly stale: BaselineEntry[];
}

export class BaselineError extends Error {}

export function readBaseline(file: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new BaselineError(`${file}: cannot read the baseline (${err instanceof Error ? err.message : String(err)})`);
  }
  const doc = raw as { version?: unknown; findings?: unknown };
  if (typeof raw !== 'object' || raw === null || doc.version !== BASELINE_VERSION || !Array.isArray(doc.findings)) {
    throw new BaselineError(`${file}: not a speech-api-scan baseline of version ${BASELINE_VERSION}`);
  }
  const entries = doc.findings.map((e: Record<string, unknown>, i: number) => {
    if (typeof e?.fingerprint !== 'string' || typeof e.ruleId !== 'string' || typeof e.path !== 'string') {
      throw new BaselineError(`${file}: entry ${i + 1} needs fingerprint, ruleId and path`);
    }
    return { fingerprint: e.fingerprint, ruleId: e.ruleId as RuleId, path: e.path };
  });
  return { version: BASELINE_VERSION, entries };
}

/** A baseline listing `findings` (each fingerprint once), sorted. */
export function baselineOf(findings: readonly BaselinedFinding[]): Baseline {
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const f of findings) byFingerprint.set(f.fingerprint, { fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.fingerprintPath });
  return { version: BASELINE_VERSION, entries: sorted([...byFingerprint.values()]) };
}

/**
 * Splits findings into those the baseline lists and the rest. `inScope` says which entry paths this
 * scan looked at (a scan of one folder must not call the rest of the baseline stale).
 */
export function applyBaseline<F extends BaselinedFinding>(
  findings: readonly F[],
  baseline: Baseline,
  inScope: (path: string) => boolean = () => true,
): BaselineOutcome<F> {
  const listed = new Set(baseline.entries.map((e) => e.fingerprint));
  const seen = new Set<string>();
  const kept: F[] = [];
  const suppressed: F[] = [];
  for (const f of findings) {
    if (listed.has(f.fingerprint)) {
      suppressed.push(f);
      seen.add(f.fingerprint);
    } else kept.push(f);
  }
  return { kept, suppressed, stale: baseline.entries.filter((e) => !seen.has(e.fingerprint) && inScope(e.path)) };
}

export function pruneBaseline(baseline: Baseline, stale: readonly BaselineEntry[]): Baseline {
  const gone = new Set(stale.map((e) => e.fingerprint));
  return { version: BASELINE_VERSION, entries: baseline.entries.filter((e) => !gone.has(e.fingerprint)) };
}

/** The file's text: fixed key order, one entry per line, sorted by fingerprint. */
export function formatBaseline(baseline: Baseline): string {
  const lines = sorted(baseline.entries).map((e) => `    ${JSON.stringify({ fingerprint: e.fingerprint, ruleId: e.ruleId, path: e.path })}`);
  return `{\n  "version": ${BASELINE_VERSION},\n  "tool": "speech-api-scan",\n  "findings": [${lines.length ? `\n${lines.join(',\n')}\n  ` : ''}]\n}\n`;
}

export function writeBaseline(file: string, baseline: Baseline): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, formatBaseline(baseline));
}

function sorted(entries: readonly BaselineEntry[]): BaselineEntry[] {
  return [...entries].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
}

/** The report without the findings `baseline` lists, saying how many it suppressed and which entries are stale. */
export function withBaseline(report: ScanReport, baseline: Baseline, file: string, inScope?: (path: string) => boolean): ScanReport {
  const { kept, suppressed, stale } = applyBaseline(report.findings, baseline, inScope);
  return { ...report, findings: kept, baseline: { file, suppressed: suppressed.length, stale } };
}
