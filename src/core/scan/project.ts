// Scans directories (or what git would commit) and returns a report: findings with their git status,
// severity and a redacted excerpt, plus what was skipped. Shared by the CLI and the workspace scan.
import path from 'node:path';
import { contentRuleSpec, type ScanConfig } from './config';
import { ContentRules, type ContentRuleSpec } from './contentRules';
import { DEFAULT_MAX_FILE_BYTES, scanBytes, scanFile, triageFile, type BytesScanResult } from './fileScan';
import { ScanPool } from './pool';
import { GitClassifier, GitRepo, type GitStatus } from './git';
import { globMatcher } from './glob';
import { buildReport, type FileFindings, type ScanReport } from './reporting';
import type { ScanOptions } from './scanner';
import { DEFAULT_POLICY, type SeverityPolicy } from './severity';
import { toSlash, walkFiles, type WalkEntry, type WalkOptions } from './walker';

export type { ScanReport } from './reporting';

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
  /** `.speech-api-scan.json` (loadScanConfig): rules, excludes, allowlist, custom rules, salt. */
  readonly config?: ScanConfig;
  /** False in an untrusted workspace: the config's custom regexes are not run (a notice says so). Default true. */
  readonly trusted?: boolean;
}

/** How long the scan may run before it yields to the event loop (keeps an extension host responsive). */
const SLICE_MS = 20;

interface Scanned {
  hits: FileFindings[];
  skipped: ScanReport['skipped'];
  filesScanned: number;
  cancelled: boolean;
  /** Files whose custom rules ran out of time. */
  budgetExceeded: string[];
}

/** What the config adds to every file's scan, and the notices that go with it. */
function contentFor(options: ProjectScanOptions): { spec?: ContentRuleSpec; rules?: ContentRules; notices: string[] } {
  const config = options.config;
  if (!config) return { notices: [] };
  const trusted = options.trusted !== false;
  const spec = contentRuleSpec(config, trusted);
  const notices = !trusted && config.customRules.length ? [skippedNotice(config.customRules.length)] : [];
  const rules = new ContentRules(spec);
  return rules.isEmpty ? { notices } : { spec, rules, notices };
}

export function skippedNotice(count: number): string {
  return `${count} custom rule${count === 1 ? '' : 's'} from .speech-api-scan.json not run: the workspace is not trusted.`;
}

function budgetNotices(files: readonly string[]): string[] {
  if (!files.length) return [];
  const shown = files.slice(0, 5).join(', ') + (files.length > 5 ? ` and ${files.length - 5} more` : '');
  return [`Custom rules stopped early (time budget per file) in ${shown}.`];
}

function hitOf(file: string, relPath: string, r: Pick<BytesScanResult, 'findings' | 'excerpts' | 'keyDigests'>): FileFindings {
  return { file, relPath, findings: r.findings, excerpts: r.excerpts ?? [], keyDigests: r.keyDigests ?? [] };
}

/** The config's excludes are relative to its root, not to the scan base. */
function configExcluded(config: ScanConfig | undefined): (file: string) => boolean {
  if (!config?.exclude.length) return () => false;
  const matches = globMatcher(config.exclude);
  return (file) => matches(toSlash(path.relative(config.root, file)));
}

export async function scanProject(options: ProjectScanOptions): Promise<ScanReport> {
  const started = performance.now();
  const base = path.resolve(options.base);
  const policy = options.policy ?? DEFAULT_POLICY;
  const roots = (options.paths?.length ? options.paths : [base]).map((p) => path.resolve(base, p));
  const classifier = new GitClassifier();
  const repositories = new Set<string>();
  const walk = { base, exclude: options.exclude, gitignore: !policy.includeIgnored, onRepository: (dir: string) => repositories.add(dir) };
  const parallel = (options.threads ?? 1) > 1 && options.workerScript && !options.storedKeys;
  const content = contentFor(options);
  const excluded = configExcluded(options.config);
  const entries = walkAll(roots, walk, excluded);
  classifier.prefetch(roots); // git answers while we scan
  for (const root of roots) classifier.learnWalk(root, repositories);
  const onHit = (file: string) => classifier.announce(file);
  let scanned: Scanned;
  let statuses: Map<string, GitStatus>;
  try {
    scanned = parallel ? await scanOnThreads(entries, options, content, onHit) : await scanInSlices(entries, options, content.rules, onHit);
    statuses = await classifier.classify(scanned.hits.map((h) => h.file));
  } finally {
    classifier.release();
  }
  const notices = [...content.notices, ...budgetNotices(scanned.budgetExceeded)];
  return buildReport(base, scanned.hits, (f) => statuses.get(f) ?? 'none', policy, options.config, { ...scanned, started, notices });
}

/** On the calling thread, yielding to the event loop every SLICE_MS (progress, cancellation). */
async function scanInSlices(
  entries: Iterable<WalkEntry>,
  options: ProjectScanOptions,
  content: ContentRules | undefined,
  onHit: (file: string) => void,
): Promise<Scanned> {
  const out: Scanned = { hits: [], skipped: [], filesScanned: 0, cancelled: false, budgetExceeded: [] };
  let sliceStart = performance.now();
  const fileOptions = { storedKeys: options.storedKeys, maxBytes: options.maxBytes, content };
  for (const entry of entries) {
    if (options.signal?.aborted) return { ...out, cancelled: true };
    record(out, entry, scanFile(entry.path, fileOptions), onHit);
    if (performance.now() - sliceStart > SLICE_MS) {
      options.onProgress?.(out.filesScanned, entry.relPath);
      await new Promise((resolve) => setImmediate(resolve)); // lets a cancel request arrive
      sliceStart = performance.now();
    }
  }
  return out;
}

/** Adds one file's outcome to the tally; `onHit` hears of each file with findings. */
function record(
  out: Scanned,
  entry: WalkEntry,
  result: Pick<BytesScanResult, 'findings' | 'excerpts' | 'keyDigests' | 'skipped' | 'customBudgetExceeded'>,
  onHit: (file: string) => void,
): void {
  if (result.skipped) out.skipped.push({ relPath: entry.relPath, reason: result.skipped });
  else out.filesScanned++;
  if (result.findings.length) {
    out.hits.push(hitOf(entry.path, entry.relPath, result));
    onHit(entry.path);
  }
  if (result.customBudgetExceeded) out.budgetExceeded.push(entry.relPath);
}

/**
 * On `options.threads` threads (the CLI): this thread reads every file and runs the byte prefilter,
 * the helpers read again and scan the few files it finds triggers in (pool.ts; the bytes do not cross threads).
 */
async function scanOnThreads(
  walked: Iterable<WalkEntry>,
  options: ProjectScanOptions,
  content: { spec?: ContentRuleSpec; rules?: ContentRules },
  onHit: (file: string) => void,
): Promise<Scanned> {
  const out: Scanned = { hits: [], skipped: [], filesScanned: 0, cancelled: false, budgetExceeded: [] };
  const fileOptions = { maxBytes: options.maxBytes, content: content.rules };
  const deferred: WalkEntry[] = [];
  // A helper takes 35–65 ms to boot on a busy two-core machine: it starts before the walk.
  const pool = new ScanPool(options.workerScript!, options.threads!, options.maxBytes, content.spec);
  for (const entry of walked) {
    const triage = triageFile(entry.path, fileOptions);
    if (triage === 'clean') out.filesScanned++;
    else if (triage !== 'scan') out.skipped.push({ relPath: entry.relPath, reason: triage });
    else if (pool.defer(entry.path) === deferred.length) deferred.push(entry);
    else record(out, entry, scanFile(entry.path, fileOptions), onHit);
  }
  const results = await pool.finish();
  deferred.forEach((entry, item) => record(out, entry, results.get(item) ?? { findings: [] }, onHit));
  return out;
}

/** Files under every root, each once. */
function* walkAll(roots: readonly string[], walk: WalkOptions, excluded: (file: string) => boolean): Generator<WalkEntry> {
  if (roots.length === 1) {
    for (const entry of walkFiles(roots[0], walk)) if (!excluded(entry.path)) yield entry; // one walk yields each file once
    return;
  }
  const seen = new Set<string>();
  for (const root of roots) {
    for (const entry of walkFiles(root, walk)) {
      if (seen.has(entry.path) || excluded(entry.path)) continue;
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
  const configExcludes = configExcluded(options.config);
  const content = contentFor(options);
  const filters = (options.paths ?? []).map((p) => toSlash(path.relative(repo.root, path.resolve(base, p))));
  const wanted = (await repo.stagedPaths()).filter((rel) => {
    const relToBase = toSlash(path.relative(base, path.join(repo.root, rel)));
    if (excluded(relToBase) || configExcludes(path.join(repo.root, rel))) return false;
    return !filters.length || filters.some((f) => f === '' || rel === f || rel.startsWith(f + '/'));
  });
  const blobs = await repo.stagedBlobs(wanted);
  const hits: FileFindings[] = [];
  const skipped: ScanReport['skipped'] = [];
  const budgetExceeded: string[] = [];
  let filesScanned = 0;
  for (const [rel, bytes] of blobs) {
    const file = path.join(repo.root, rel);
    const relPath = toSlash(path.relative(base, file));
    if (bytes.length > (options.maxBytes ?? DEFAULT_MAX_FILE_BYTES)) {
      skipped.push({ relPath, reason: 'too-large' });
      continue;
    }
    const result = scanBytes(bytes, { storedKeys: options.storedKeys, content: content.rules });
    if (result.skipped) skipped.push({ relPath, reason: result.skipped });
    else filesScanned++;
    if (result.findings.length) hits.push(hitOf(file, relPath, result));
    if (result.customBudgetExceeded) budgetExceeded.push(relPath);
  }
  const policy = { ...(options.policy ?? DEFAULT_POLICY), includeIgnored: true }; // staged files are committed whatever .gitignore says
  const notices = [...content.notices, ...budgetNotices(budgetExceeded)];
  return buildReport(base, hits, () => 'staged', policy, options.config, { filesScanned, skipped, started, cancelled: false, notices });
}
