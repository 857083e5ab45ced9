// Scans directories (or what git would commit) and returns a report: findings with their git status,
// severity and a redacted excerpt, plus what was skipped. Shared by the CLI and the workspace scan.
import path from 'node:path';
import { Redactor } from '../redact';
import { DEFAULT_MAX_FILE_BYTES, scanBytes, scanFile, type SkipReason } from './fileScan';
import { GitClassifier, GitRepo, type GitStatus } from './git';
import { globMatcher } from './glob';
import type { Finding, Severity } from './rules';
import type { ScanOptions } from './scanner';
import { DEFAULT_POLICY, describeFinding, severityOf, type SeverityPolicy } from './severity';
import { toSlash, walkFiles } from './walker';

export interface ProjectScanOptions extends ScanOptions {
  /** Files or directories to scan (default: `base`). */
  readonly paths?: readonly string[];
  /** Reported paths, exclude globs and SARIF URIs are relative to this directory. */
  readonly base: string;
  readonly exclude?: readonly string[];
  readonly policy?: SeverityPolicy;
  readonly maxBytes?: number;
  readonly signal?: AbortSignal;
  /** Called now and then with the number of files scanned so far. */
  readonly onProgress?: (filesScanned: number, relPath: string) => void;
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
}

interface FileFindings {
  file: string;
  relPath: string;
  text: string;
  findings: Finding[];
}

/** How long the scan may run before it yields to the event loop (keeps an extension host responsive). */
const SLICE_MS = 20;

export async function scanProject(options: ProjectScanOptions): Promise<ScanReport> {
  const started = performance.now();
  const base = path.resolve(options.base);
  const policy = options.policy ?? DEFAULT_POLICY;
  const roots = (options.paths?.length ? options.paths : [base]).map((p) => path.resolve(base, p));
  const hits: FileFindings[] = [];
  const skipped: ScanReport['skipped'] = [];
  const seen = new Set<string>();
  let filesScanned = 0;
  let sliceStart = performance.now();
  let cancelled = false;
  outer: for (const root of roots) {
    for (const entry of walkFiles(root, { base, exclude: options.exclude, gitignore: !policy.includeIgnored })) {
      if (seen.has(entry.path)) continue;
      seen.add(entry.path);
      const result = scanFile(entry.path, { storedKeys: options.storedKeys, maxBytes: options.maxBytes });
      if (result.skipped) skipped.push({ relPath: entry.relPath, reason: result.skipped });
      else filesScanned++;
      if (result.text !== undefined) hits.push({ file: entry.path, relPath: entry.relPath, text: result.text, findings: result.findings });
      if (performance.now() - sliceStart > SLICE_MS) {
        options.onProgress?.(filesScanned, entry.relPath);
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
        if (options.signal?.aborted) {
          cancelled = true;
          break outer;
        }
      }
    }
  }
  const statuses = await new GitClassifier().classify(hits.map((h) => h.file));
  return report(base, hits, (f) => statuses.get(f) ?? 'none', policy, { filesScanned, skipped, started, cancelled });
}

/** Scans the staged contents of every file `git commit` would write (for a pre-commit hook). */
export async function scanStaged(options: ProjectScanOptions): Promise<ScanReport> {
  const started = performance.now();
  const base = path.resolve(options.base);
  const repo = await GitRepo.open(base);
  if (!repo) throw new Error(`${base} is not inside a git repository (needed for --staged).`);
  const excluded = globMatcher(options.exclude ?? []);
  const filters = (options.paths ?? []).map((p) => toSlash(path.relative(repo.root, path.resolve(base, p))));
  const wanted = (await repo.stagedPaths()).filter((rel) => {
    const relToBase = toSlash(path.relative(base, path.join(repo.root, rel)));
    if (excluded(relToBase)) return false;
    return !filters.length || filters.some((f) => f === '' || rel === f || rel.startsWith(f + '/'));
  });
  const blobs = await repo.stagedBlobs(wanted);
  const hits: FileFindings[] = [];
  const skipped: ScanReport['skipped'] = [];
  let filesScanned = 0;
  for (const [rel, bytes] of blobs) {
    const file = path.join(repo.root, rel);
    const relPath = toSlash(path.relative(base, file));
    if (bytes.length > (options.maxBytes ?? DEFAULT_MAX_FILE_BYTES)) {
      skipped.push({ relPath, reason: 'too-large' });
      continue;
    }
    const result = scanBytes(bytes, { storedKeys: options.storedKeys });
    if (result.skipped) skipped.push({ relPath, reason: result.skipped });
    else filesScanned++;
    if (result.text !== undefined) hits.push({ file, relPath, text: result.text, findings: result.findings });
  }
  const policy = { ...(options.policy ?? DEFAULT_POLICY), includeIgnored: true }; // staged files are committed whatever .gitignore says
  return report(base, hits, () => 'staged', policy, { filesScanned, skipped, started, cancelled: false });
}

function report(
  base: string,
  hits: FileFindings[],
  statusOf: (file: string) => GitStatus,
  policy: SeverityPolicy,
  rest: { filesScanned: number; skipped: ScanReport['skipped']; started: number; cancelled: boolean },
): ScanReport {
  const findings: ReportedFinding[] = [];
  let notReported = 0;
  for (const hit of hits) {
    const status = statusOf(hit.file);
    const excerpts = excerptsFor(hit.text, hit.findings);
    hit.findings.forEach((f, i) => {
      const severity = severityOf(f, status, policy);
      if (!severity) {
        notReported++;
        return;
      }
      findings.push({ ...f, file: hit.file, relPath: hit.relPath, status, severity, detail: describeFinding(f, status), excerpt: excerpts[i] });
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
  };
}

const EXCERPT_SIDE = 60;

/** One excerpt per finding: its line, cut to a window that never splits another finding, all keys masked. */
export function excerptsFor(text: string, findings: readonly Finding[]): string[] {
  const redactor = new Redactor();
  for (const f of findings) redactor.addSecret(text.slice(f.start, f.end));
  return findings.map((f) => {
    const lineStart = f.start - (f.column - 1);
    let lineEnd = text.indexOf('\n', f.end);
    if (lineEnd < 0) lineEnd = text.length;
    if (text[lineEnd - 1] === '\r') lineEnd--;
    let from = Math.max(lineStart, f.start - EXCERPT_SIDE);
    let to = Math.min(lineEnd, f.end + EXCERPT_SIDE);
    for (const other of findings) {
      if (other.start < from && other.end > from) from = other.start;
      if (other.start < to && other.end > to) to = other.end;
    }
    const cut = redactor.redact(text.slice(from, to)).trim();
    return (from > lineStart ? '…' : '') + cut + (to < lineEnd ? '…' : '');
  });
}
