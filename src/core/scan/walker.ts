// Walks files below the given roots like git would see them: honours every .gitignore on the way (and
// those of parent directories up to the repository root, plus .git/info/exclude), the caller's exclude
// globs, never enters .git/.hg/.svn, and never follows symbolic links. A path named explicitly is
// always visited, even if ignored (like ripgrep).
import fs from 'node:fs';
import path from 'node:path';
import { globMatcher, gitignoreVerdict, parseGitignore, type IgnoreRule } from './glob';

export interface WalkOptions {
  /** Globs relative to `base` (VS Code `files.exclude` style) for files and directories to leave out. */
  readonly exclude?: readonly string[];
  /** Directory the exclude globs and the reported relative paths are relative to (default: the root). */
  readonly base?: string;
  /** Honour .gitignore files (default true). */
  readonly gitignore?: boolean;
  /** Called with each walked directory that holds a `.git` entry (the root, a nested repository or submodule). */
  readonly onRepository?: (dir: string) => void;
}

export interface WalkEntry {
  readonly path: string;
  /** '/'-separated path relative to `base`. */
  readonly relPath: string;
}

const NEVER_ENTER = new Set(['.git', '.hg', '.svn']);

interface IgnoreFile {
  /** '/'-separated directory of the .gitignore relative to the repository (or walk) root, '' at the root. */
  readonly dir: string;
  readonly rules: IgnoreRule[];
}

export function* walkFiles(root: string, options: WalkOptions = {}): Generator<WalkEntry> {
  const absRoot = path.resolve(root);
  const base = path.resolve(options.base ?? absRoot);
  const excluded = globMatcher(options.exclude ?? []);
  const stat = safeStat(absRoot);
  if (!stat) return;
  if (stat.isFile()) {
    yield { path: absRoot, relPath: toSlash(path.relative(base, absRoot)) };
    return;
  }
  if (!stat.isDirectory()) return;

  const useGitignore = options.gitignore !== false;
  const repoRoot = useGitignore ? findRepoRoot(absRoot) : undefined;
  const ignoreTop = repoRoot ?? absRoot;
  const inherited: IgnoreFile[] = useGitignore ? ancestorIgnores(ignoreTop, absRoot) : [];

  // Relative paths are built by concatenation as we descend (path.relative per file is costly).
  const prefixOf = (from: string, to: string) => {
    const r = toSlash(path.relative(from, to));
    return r ? r + '/' : '';
  };
  const stack: { dir: string; rel: string; fromTop: string; ignores: IgnoreFile[] }[] = [
    { dir: absRoot, rel: prefixOf(base, absRoot), fromTop: prefixOf(ignoreTop, absRoot), ignores: inherited },
  ];
  while (stack.length) {
    const { dir, rel: relDir, fromTop: topDir, ignores: parentIgnores } = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    let ignores = parentIgnores;
    if (useGitignore && entries.some((e) => e.name === '.gitignore' && e.isFile())) {
      const rules = readRules(path.join(dir, '.gitignore'));
      if (rules.length) ignores = [...parentIgnores, { dir: topDir.slice(0, -1), rules }];
    }
    // Before any file of the directory is handed out: a caller may place each in its repository as it comes.
    if (options.onRepository && entries.some((e) => e.name === '.git')) options.onRepository(dir);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: (typeof stack)[number][] = [];
    for (const e of entries) {
      if (e.isSymbolicLink()) continue;
      const isDir = e.isDirectory();
      if (isDir && NEVER_ENTER.has(e.name)) continue;
      if (!isDir && !e.isFile()) continue;
      const relPath = relDir + e.name;
      if (excluded(relPath)) continue;
      if (useGitignore && isIgnored(ignores, topDir + e.name, isDir)) continue;
      const full = dir.endsWith(path.sep) ? dir + e.name : dir + path.sep + e.name;
      if (isDir) subdirs.push({ dir: full, rel: relPath + '/', fromTop: topDir + e.name + '/', ignores });
      else yield { path: full, relPath };
    }
    for (const d of subdirs.reverse()) stack.push(d); // popped in name order
  }
}

function isIgnored(ignores: readonly IgnoreFile[], fromTop: string, isDir: boolean): boolean {
  let verdict = false;
  for (const f of ignores) {
    if (f.dir && !fromTop.startsWith(f.dir + '/')) continue;
    const v = gitignoreVerdict(f.rules, f.dir ? fromTop.slice(f.dir.length + 1) : fromTop, isDir);
    if (v !== undefined) verdict = v;
  }
  return verdict;
}

/** .git/info/exclude and the .gitignore files strictly above `root`, up to the repository root. */
function ancestorIgnores(top: string, root: string): IgnoreFile[] {
  const out: IgnoreFile[] = [];
  const exclude = readRules(path.join(top, '.git', 'info', 'exclude'));
  if (exclude.length) out.push({ dir: '', rules: exclude });
  const chain: string[] = [];
  for (let d = path.dirname(root); d.startsWith(top) && d !== root; d = path.dirname(d)) {
    chain.unshift(d);
    if (d === top || d === path.dirname(d)) break;
  }
  for (const d of chain) {
    const rules = readRules(path.join(d, '.gitignore'));
    if (rules.length) out.push({ dir: toSlash(path.relative(top, d)), rules });
  }
  return out;
}

/** The nearest directory at or above `dir` that holds a `.git` entry. */
export function findRepoRoot(dir: string): string | undefined {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, '.git'))) return d;
    if (d === path.dirname(d)) return undefined;
  }
}

function readRules(file: string): IgnoreRule[] {
  try {
    return parseGitignore(fs.readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
}

function safeStat(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

export function toSlash(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
