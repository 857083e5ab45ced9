// `--history`: every key ever added to the repository (reachable from HEAD, a branch or every ref),
// including in files deleted since. One git process streams `git log -p` (gitLog.ts); each key is one
// finding per path however many commits added it, with its first and last commit. A key no longer in
// the working tree is still leaked — every clone has it — so it stays an error until it is rotated and
// baselined.
import fs from 'node:fs';
import path from 'node:path';
import { contentRuleSpec, defaultScanConfig, type ScanConfig } from './config';
import { ContentRules } from './contentRules';
import { excerptsFor } from './excerpts';
import { isBinaryPath, scanFile } from './fileScan';
import { keyDigest } from './fingerprint';
import { keyOf } from './keyOf';
import { GitRepo } from './git';
import { regionsOf, streamLog, type LogCommit, type LogRange, type Region } from './gitLog';
import { globMatcher } from './glob';
import { skippedNotice } from './project';
import { judge, type CommitRef, type ReportedFinding, type ScanReport } from './reporting';
import type { Finding } from './rules';
import { scanText } from './scanner';
import { DEFAULT_POLICY, type SeverityPolicy } from './severity';
import { toSlash } from './walker';

export interface HistoryScanOptions {
  /** Any directory inside the repository; reported paths are relative to it. */
  readonly base: string;
  readonly range?: LogRange;
  /** Globs relative to `base`. */
  readonly exclude?: readonly string[];
  readonly config?: ScanConfig;
  /** False: the config's custom regexes are not run (a notice says so). Default true. */
  readonly trusted?: boolean;
  readonly policy?: SeverityPolicy;
  readonly signal?: AbortSignal;
  /** Called about every 200 ms with the commits and bytes of `git log -p` read so far. */
  readonly onProgress?: (commits: number, bytes: number) => void;
}

interface Occurrence {
  finding: Finding;
  excerpt: string;
  digest: string;
  first: CommitRef;
  last: CommitRef;
  commits: number;
  lastCounted: string;
}

const PROGRESS_MS = 200;

export async function scanHistory(options: HistoryScanOptions): Promise<ScanReport> {
  const started = performance.now();
  const base = path.resolve(options.base);
  const repo = await GitRepo.open(base);
  if (!repo) throw new Error(`${base} is not inside a git repository (needed for --history).`);
  const config = options.config ?? defaultScanConfig(repo.root);
  const trusted = options.trusted !== false;
  const content = new ContentRules(contentRuleSpec(config, trusted));
  const excluded = excludedPaths(repo.root, base, options.exclude ?? [], config);
  const found = new Map<string, Occurrence>();
  let commits = 0;
  let fileChanges = 0;
  let lastProgress = performance.now();
  const onCommit = (c: LogCommit) => {
    commits++;
    fileChanges += countSections(c.patch);
    const ref: CommitRef = { commit: c.commit, date: c.date, author: c.author };
    for (const region of regionsOf(c.patch, content.hasCustomRules)) {
      if (isBinaryPath(region.path) || excluded(region.path)) continue;
      for (const hit of scanRegion(region, content)) record(found, region.path, hit, ref);
    }
    if (options.onProgress && performance.now() - lastProgress > PROGRESS_MS) {
      options.onProgress(commits, 0);
      lastProgress = performance.now();
    }
  };
  await streamLog(repo.root, options.range ?? {}, onCommit, options.signal);
  const findings = report(found, repo.root, base, options.policy ?? DEFAULT_POLICY, config, content);
  const notices = !trusted && config.customRules.length ? [skippedNotice(config.customRules.length)] : [];
  return {
    base,
    findings,
    filesScanned: fileChanges,
    skipped: [],
    notReported: 0,
    durationMs: performance.now() - started,
    cancelled: !!options.signal?.aborted,
    notices,
    commitsScanned: commits,
  };
}

/** Findings on the region's added lines, with their masked excerpt and key digest. */
function scanRegion(region: Region, content: ContentRules): { finding: Finding; excerpt: string; digest: string }[] {
  let findings = scanText(region.text);
  if (content.hasCustomRules) findings = [...findings, ...content.find(region.text).findings];
  findings = findings.filter((f) => region.added[f.line - 1] && (content.isEmpty || !content.isAllowed(keyOf(region.text, f))));
  if (!findings.length) return [];
  const excerpts = excerptsFor(region.text, findings);
  return findings.map((f, i) => ({
    finding: { ...f, line: region.firstLine + f.line - 1, endLine: region.firstLine + f.endLine - 1 },
    excerpt: excerpts[i],
    digest: keyDigest(keyOf(region.text, f)),
  }));
}

/** Commits arrive newest first: the last one seen is the key's first commit. */
function record(found: Map<string, Occurrence>, file: string, hit: { finding: Finding; excerpt: string; digest: string }, ref: CommitRef): void {
  const id = `${hit.finding.ruleId}\0${file}\0${hit.digest}`;
  const o = found.get(id);
  if (!o) {
    found.set(id, { ...hit, first: ref, last: ref, commits: 1, lastCounted: ref.commit });
    return;
  }
  Object.assign(o, { finding: hit.finding, excerpt: hit.excerpt, first: ref });
  if (o.lastCounted !== ref.commit) {
    o.commits++;
    o.lastCounted = ref.commit;
  }
}

function report(
  found: Map<string, Occurrence>,
  root: string,
  base: string,
  policy: SeverityPolicy,
  config: ScanConfig,
  content: ContentRules,
): ReportedFinding[] {
  const out: ReportedFinding[] = [];
  const current = new WorkingTree(content);
  for (const [id, o] of found) {
    const rel = id.split('\0')[1];
    const file = path.join(root, rel);
    const judged = judge(o.finding, o.digest, file, 'tracked', policy, config);
    if (!judged || judged === 'ignored') continue;
    const inWorkingTree = current.has(file, o.finding.ruleId, o.digest);
    const note = inWorkingTree
      ? 'Committed key, still in the file: rotate it, then remove it.'
      : 'Leaked in history: rotate this key. It was removed since, but every clone of the repository still holds it.';
    out.push({
      ...o.finding,
      ...judged,
      file,
      relPath: toSlash(path.relative(base, file)),
      status: 'tracked',
      detail: `${o.finding.message} ${note}`,
      excerpt: o.excerpt,
      history: { first: o.first, last: o.last, commits: o.commits, inWorkingTree },
    });
  }
  return out.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : a.line - b.line || (a.fingerprint < b.fingerprint ? -1 : 1)));
}

/** Is a key still in the working tree's copy of a file? Each file is scanned once, when first asked. */
class WorkingTree {
  private readonly keys = new Map<string, Set<string>>();

  constructor(private readonly content: ContentRules) {}

  has(file: string, ruleId: string, digest: string): boolean {
    let keys = this.keys.get(file);
    if (!keys) {
      keys = new Set<string>();
      if (fs.existsSync(file)) {
        const r = scanFile(file, { content: this.content });
        r.findings.forEach((f, i) => keys!.add(`${f.ruleId}\0${r.keyDigests?.[i]}`));
      }
      this.keys.set(file, keys);
    }
    return keys.has(`${ruleId}\0${digest}`);
  }
}

function excludedPaths(root: string, base: string, exclude: readonly string[], config: ScanConfig): (rel: string) => boolean {
  const fromBase = globMatcher(exclude);
  const fromConfig = globMatcher(config.exclude);
  return (rel) => {
    const file = path.join(root, rel);
    return fromBase(toSlash(path.relative(base, file))) || fromConfig(toSlash(path.relative(config.root, file)));
  };
}

function countSections(patch: Buffer): number {
  let n = 0;
  for (let at = patch.indexOf('diff --git '); at >= 0; at = patch.indexOf('\ndiff --git ', at + 1)) n++;
  return n;
}
