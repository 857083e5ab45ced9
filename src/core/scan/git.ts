// What git thinks of a file (staged, tracked, untracked, ignored), and what it would commit — asked of
// the git CLI itself so every .gitignore subtlety, global excludes and the index are exactly git's.
import { nodeChildProcess } from '../lazyNode';
import fs from 'node:fs';
import path from 'node:path';
import { EarlyCheckIgnore, GIT_ENV } from './gitEarly';
import { toSlash } from './walker';

/** `staged`: in the index and different from HEAD (about to be committed); `none`: not in a repository. */
export type GitStatus = 'staged' | 'tracked' | 'untracked' | 'ignored' | 'none';

interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export class GitError extends Error {}

export function runGit(cwd: string, args: string[], input?: string | Buffer): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = nodeChildProcess().execFile(
      'git',
      args,
      { cwd, encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024, env: { ...process.env, ...GIT_ENV } },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? (err as unknown as { code: number }).code : -1) : 0;
        if (err && code === -1) return reject(new GitError(`git ${args[0]} failed: ${err.message}`));
        resolve({ code, stdout, stderr: stderr.toString('utf8') });
      },
    );
    if (input !== undefined) child.stdin?.end(input);
  });
}

function splitZ(buf: Buffer): string[] {
  return buf.toString('utf8').split('\0').filter(Boolean);
}

export class GitRepo {
  private tracked?: Promise<Set<string>>;
  private staged?: Promise<Set<string>>;
  private readonly ignoredCache = new Map<string, boolean>();
  private readonly realDirs = new Map<string, string>();
  private earlyIgnore?: EarlyCheckIgnore;

  private constructor(readonly root: string) {}

  /** A repository whose top directory is already known (it holds `.git`): no need to ask git. */
  static at(root: string): GitRepo {
    let real = root;
    try {
      real = fs.realpathSync.native(root);
    } catch {
      // keep the path as given
    }
    return new GitRepo(real);
  }

  /** The repository containing `dir`, or undefined (not a repository, or no git on PATH). */
  static async open(dir: string): Promise<GitRepo | undefined> {
    try {
      const r = await runGit(dir, ['rev-parse', '--show-toplevel']);
      if (r.code !== 0) return undefined;
      return new GitRepo(path.resolve(r.stdout.toString('utf8').trim()));
    } catch {
      return undefined;
    }
  }

  /**
   * Starts the questions classify() will ask now, while the caller scans: the file lists, and a
   * check-ignore process waiting for its paths.
   */
  prefetch(): void {
    void this.trackedFiles();
    void this.stagedFiles();
    this.earlyIgnore ??= new EarlyCheckIgnore(this.root);
  }

  /** Ends what prefetch() started and classify() did not use. */
  release(): void {
    this.earlyIgnore?.release();
    this.earlyIgnore = undefined;
  }

  /** Forget cached index state (after `git add`, a commit, a checkout…). */
  invalidate(): void {
    this.release();
    this.tracked = undefined;
    this.staged = undefined;
    this.ignoredCache.clear();
    this.realDirs.clear();
  }

  /** A path classify() will ask about (repository-relative): check-ignore gets it now. */
  announce(rel: string): void {
    if (!outsideRepo(rel) && !this.ignoredCache.has(rel)) this.earlyIgnore?.feed(rel);
  }

  /** Tells relative() the real path of `dir` (GitClassifier knows it from a walk), saving it a system call. */
  knowRealDir(dir: string, real: string): void {
    this.realDirs.set(dir, real);
  }

  /** '/'-separated path relative to the repository root (symlinks resolved as git does). */
  relative(file: string): string {
    const dir = path.dirname(file);
    let real = this.realDirs.get(dir);
    if (real === undefined) {
      try {
        real = fs.realpathSync.native(dir); // the same resolver as at(): one system call, not an lstat per component
      } catch {
        real = dir; // a deleted or not-yet-saved file: use the path as given
      }
      this.realDirs.set(dir, real);
    }
    const full = path.join(real, path.basename(file));
    // Inside the repository (the usual case) a slice will do; path.relative resolves both paths every call.
    const inside = full.startsWith(this.root + path.sep);
    return toSlash(inside ? full.slice(this.root.length + 1) : path.relative(this.root, full));
  }

  async classify(files: readonly string[]): Promise<Map<string, GitStatus>> {
    const out = new Map<string, GitStatus>();
    const rels = files.map((f) => this.relative(f));
    // The three questions go to git at once; check-ignore never reports tracked files as ignored.
    const [tracked, staged, ignored] = await Promise.all([this.trackedFiles(), this.stagedFiles(), this.ignoredAmong(rels)]);
    files.forEach((file, i) => {
      const rel = rels[i];
      if (outsideRepo(rel)) out.set(file, 'none');
      else if (staged.has(rel)) out.set(file, 'staged');
      else if (tracked.has(rel)) out.set(file, 'tracked');
      else out.set(file, ignored.has(rel) ? 'ignored' : 'untracked');
    });
    return out;
  }

  private async ignoredAmong(rels: readonly string[]): Promise<Set<string>> {
    const unknown = rels.filter((r) => !outsideRepo(r) && !this.ignoredCache.has(r));
    if (unknown.length) {
      const early = await this.earlyIgnore?.check(unknown);
      this.earlyIgnore = undefined;
      const r = early ? { code: 0, stdout: early } : await runGit(this.root, ['check-ignore', '-z', '--stdin'], unknown.join('\0') + '\0');
      const found = new Set(r.code === 0 ? splitZ(r.stdout) : []);
      for (const rel of unknown) this.ignoredCache.set(rel, found.has(rel));
    }
    return new Set(rels.filter((r) => this.ignoredCache.get(r)));
  }

  /** Paths (relative, '/') that `git commit` would write now: added, copied, modified or renamed in the index. */
  async stagedPaths(): Promise<string[]> {
    const r = await runGit(this.root, ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR', '--no-renames']);
    if (r.code !== 0) throw new GitError(`git diff --cached failed: ${r.stderr.trim()}`);
    return splitZ(r.stdout);
  }

  /** The staged contents (`git show :path`) of many paths, read through one `git cat-file --batch`. */
  async stagedBlobs(relPaths: readonly string[]): Promise<Map<string, Buffer>> {
    const out = new Map<string, Buffer>();
    const safe = relPaths.filter((p) => !p.includes('\n'));
    if (!safe.length) return out;
    const r = await runGit(this.root, ['cat-file', '--batch'], safe.map((p) => `:${p}`).join('\n') + '\n');
    if (r.code !== 0) throw new GitError(`git cat-file failed: ${r.stderr.trim()}`);
    let at = 0;
    for (const p of safe) {
      const nl = r.stdout.indexOf(0x0a, at);
      if (nl < 0) break;
      const header = r.stdout.subarray(at, nl).toString('utf8');
      at = nl + 1;
      const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
      if (!m) continue; // "<name> missing"
      const size = Number(m[2]);
      if (m[1] === 'blob') out.set(p, r.stdout.subarray(at, at + size));
      at += size + 1;
    }
    return out;
  }

  private trackedFiles(): Promise<Set<string>> {
    this.tracked ??= runGit(this.root, ['ls-files', '-z', '--cached']).then((r) => new Set(splitZ(r.stdout)));
    return this.tracked;
  }

  private stagedFiles(): Promise<Set<string>> {
    // A staged deletion (`git rm --cached`) is not staged content: the next commit will not hold the file.
    this.staged ??= runGit(this.root, ['diff', '--cached', '--name-only', '-z', '--no-renames', '--diff-filter=ACMR']).then(
      (r) => new Set(r.code === 0 ? splitZ(r.stdout) : []),
    );
    return this.staged;
  }
}

/** What a walk of one root saw (walker.ts never follows a symbolic link below its root). */
interface WalkedRoot {
  readonly root: string;
  /** The root's real path: a walked path's real path is this and the rest of the path. */
  readonly realRoot: string;
  /** The directories below the root that hold `.git`. */
  readonly repositories: ReadonlySet<string>;
}

/** Classifies files that may live in different repositories (or none); one GitRepo per directory tree. */
export class GitClassifier {
  private readonly repos = new Map<string, GitRepo>();
  private readonly tops = new Map<string, string | undefined>();
  private readonly walks: WalkedRoot[] = [];

  /** Starts asking git about the repositories holding `paths` (see GitRepo.prefetch); classify() ends it. */
  prefetch(paths: readonly string[]): void {
    for (const p of paths) this.repoAt(existingDir(p))?.prefetch();
  }

  /**
   * What a walk of `root` finds: the directories below it holding `.git` (a set the walk fills as it
   * goes). Files under it then cost no system call to place in their repository (a scan finding
   * hundreds of keys asked hundreds of times).
   */
  learnWalk(root: string, repositories: ReadonlySet<string>): void {
    let realRoot = root;
    try {
      realRoot = fs.realpathSync.native(root);
    } catch {
      return; // gone: classify() looks on disk as before
    }
    this.walks.push({ root, realRoot, repositories });
  }

  /**
   * A file classify() will be asked about, told as soon as the scan finds a key in it, so git answers
   * while the scan goes on. Only files under a root passed to learnWalk() (the others wait for classify()).
   */
  announce(file: string): void {
    try {
      const dir = path.dirname(file);
      const walk = this.walkHolding(dir);
      if (!walk) return;
      const repo = this.repoOfDir(dir, walk);
      repo?.announce(repo.relative(file));
    } catch {
      // classify() asks again the usual way: an early question must never stop the scan
    }
  }

  /** The repository holding `dir`, told the directory's real path when a walk knows it. */
  private repoOfDir(dir: string, walk = this.walkHolding(dir)): GitRepo | undefined {
    const repo = this.repoAt(walk || this.tops.has(dir) ? dir : existingDir(dir));
    if (walk) repo?.knowRealDir(dir, walk.realRoot + dir.slice(walk.root.length));
    return repo;
  }

  private walkHolding(dir: string): WalkedRoot | undefined {
    return this.walks.find((w) => dir.startsWith(w.root + path.sep));
  }

  /** The repository holding `dir`: found by looking for `.git` on disk, one GitRepo per repository. */
  private repoAt(dir: string): GitRepo | undefined {
    const top = this.topOf(path.resolve(dir));
    if (!top) return undefined;
    let repo = this.repos.get(top);
    if (!repo) {
      repo = GitRepo.at(top);
      this.repos.set(top, repo);
    }
    return repo;
  }

  /** The repository top holding `dir`, remembered for every directory on the way up (one look per directory). */
  private topOf(dir: string): string | undefined {
    if (this.tops.has(dir)) return this.tops.get(dir);
    const parent = path.dirname(dir);
    const walk = this.walkHolding(dir);
    const holdsGit = walk ? walk.repositories.has(dir) : fs.existsSync(path.join(dir, '.git'));
    const top = holdsGit ? dir : parent === dir ? undefined : this.topOf(parent);
    this.tops.set(dir, top);
    return top;
  }

  async classify(files: readonly string[]): Promise<Map<string, GitStatus>> {
    const byRepo = new Map<GitRepo | undefined, string[]>();
    const repoOfDir = new Map<string, GitRepo | undefined>();
    for (const f of files) {
      const dir = path.dirname(f);
      if (!repoOfDir.has(dir)) repoOfDir.set(dir, this.repoOfDir(dir));
      const repo = repoOfDir.get(dir);
      const group = byRepo.get(repo);
      if (group) group.push(f);
      else byRepo.set(repo, [f]);
    }
    const found = new Map<string, GitStatus>();
    for (const [repo, group] of byRepo) {
      if (!repo) group.forEach((f) => found.set(f, 'none'));
      else for (const [f, s] of await repo.classify(group)) found.set(f, s);
    }
    const out = new Map<string, GitStatus>();
    for (const f of files) out.set(f, found.get(f) ?? 'none'); // in the order asked
    this.release();
    return out;
  }

  /** Ends what prefetch() started and nothing used (a scan that failed or found nothing in a repository). */
  release(): void {
    for (const repo of this.repos.values()) repo.release();
  }

  invalidate(): void {
    for (const repo of this.repos.values()) repo.invalidate();
  }
}

/** A repository-relative path that is not inside it (`..`, `../…`, another drive). */
function outsideRepo(rel: string): boolean {
  return rel === '..' || rel.startsWith('../') || path.isAbsolute(rel);
}

function existingDir(dir: string): string {
  let d = dir;
  while (!fs.existsSync(d) && d !== path.dirname(d)) d = path.dirname(d);
  return d;
}
