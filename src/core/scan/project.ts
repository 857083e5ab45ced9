// Scans directories (or what git would commit) and returns a report: findings with their git status,
// severity and a redacted excerpt, plus what was skipped. Shared by the CLI and the workspace scan.
import path from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, scanBytes, scanFile, type SkipReason } from './fileScan';
import { ScanPool } from './pool';
import { GitClassifier, GitRepo, type GitStatus } from './git';
import { globMatcher } from './glob';
import type { Finding, Severity } from './rules';
import type { ScanOptions } from './scanner';
import { DEFAULT_POLICY, describeFinding, severityOf, type SeverityPolicy } from './severity';
import { toSlash, walkFiles, type WalkEntry, type WalkOptions } from './walker';

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
  /**
   * Scan on this many threads (CLI): `workerScript` is a script that calls runScanWorker() when
   * isScanWorker(). Not with stored keys (they never leave the calling thread), progress or cancel.
   */
  readonly threads?: number;
  readonly workerScript?: string;
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
  findings: Finding[];
  excerpts: string[];
}

/** How long the scan may run before it yields to the event loop (keeps an extension host responsive). */
const SLICE_MS = 20;

interface Scanned {
  hits: FileFindings[];
  skipped: ScanReport['skipped'];
  filesScanned: number;
  cancelled: boolean;
}

export async function scanProject(options: ProjectScanOptions): Promise<ScanReport> {
  const started = performance.now();
  const base = path.resolve(options.base);
  const policy = options.policy ?? DEFAULT_POLICY;
  const roots = (options.paths?.length ? options.paths : [base]).map((p) => path.resolve(base, p));
  const classifier = new GitClassifier();
  const walk = { base, exclude: options.exclude, gitignore: !policy.includeIgnored };
  const parallel = (options.threads ?? 1) > 1 && options.workerScript && !options.storedKeys;
  const scanned = parallel ? await scanOnThreads(roots, walk, options) : await scanInSlices(walkAll(roots, walk), options);
  const statuses = await classifier.classify(scanned.hits.map((h) => h.file));
  return report(base, scanned.hits, (f) => statuses.get(f) ?? 'none', policy, { ...scanned, started });
}

/** On the calling thread, yielding to the event loop every SLICE_MS (progress, cancellation). */
async function scanInSlices(entries: Iterable<WalkEntry>, options: ProjectScanOptions): Promise<Scanned> {
  const out: Scanned = { hits: [], skipped: [], filesScanned: 0, cancelled: false };
  let sliceStart = performance.now();
  for (const entry of entries) {
    if (options.signal?.aborted) return { ...out, cancelled: true };
    const result = scanFile(entry.path, { storedKeys: options.storedKeys, maxBytes: options.maxBytes });
    if (result.skipped) out.skipped.push({ relPath: entry.relPath, reason: result.skipped });
    else out.filesScanned++;
    if (result.findings.length) out.hits.push({ file: entry.path, relPath: entry.relPath, findings: result.findings, excerpts: result.excerpts ?? [] });
    if (performance.now() - sliceStart > SLICE_MS) {
      options.onProgress?.(out.filesScanned, entry.relPath);
      await new Promise((resolve) => setImmediate(resolve)); // lets a cancel request arrive
      sliceStart = performance.now();
    }
  }
  return out;
}

/** Below this many files a scan stays on the calling thread: starting a worker costs more than it saves. */
const POOL_MIN_FILES = 256;

/** On `options.threads` threads (the CLI), once the walk shows there is enough to share. */
async function scanOnThreads(roots: readonly string[], walk: WalkOptions, options: ProjectScanOptions): Promise<Scanned> {
  const entries: WalkEntry[] = [];
  let pool: ScanPool | undefined;
  for (const entry of walkAll(roots, walk)) {
    entries.push(entry);
    if (entries.length === POOL_MIN_FILES) pool = new ScanPool(options.workerScript!, options.threads!, options.maxBytes); // boots while we walk on
  }
  if (!pool) return scanInSlices(entries, options);
  const results = await pool.run(entries.map((e) => e.path));
  const out: Scanned = { hits: [], skipped: [], filesScanned: entries.length, cancelled: false };
  for (const [index, r] of [...results].sort((a, b) => a[0] - b[0])) {
    const { path: file, relPath } = entries[index];
    if (r.skipped) out.skipped.push({ relPath, reason: r.skipped });
    else out.hits.push({ file, relPath, findings: r.findings, excerpts: r.excerpts });
  }
  out.filesScanned -= out.skipped.length;
  return out;
}

/** Files under every root, each once. */
function* walkAll(roots: readonly string[], walk: WalkOptions): Generator<WalkEntry> {
  const seen = new Set<string>();
  for (const root of roots) {
    for (const entry of walkFiles(root, walk)) {
      if (seen.has(entry.path)) continue;
      seen.add(entry.path);
      yield entry;
    }
  }
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
    if (result.findings.length) hits.push({ file, relPath, findings: result.findings, excerpts: result.excerpts ?? [] });
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
    hit.findings.forEach((f, i) => {
      const severity = severityOf(f, status, policy);
      if (!severity) {
        notReported++;
        return;
      }
      findings.push({ ...f, file: hit.file, relPath: hit.relPath, status, severity, detail: describeFinding(f, status), excerpt: hit.excerpts[i] });
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
