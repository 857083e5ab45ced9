// Reads `git log -p` as one stream from one git process and cuts it into commits; within a commit,
// finds the regions of added lines worth scanning. A commit without a trigger (`vas_`, `api_key`, …) on
// an added line costs one byte search; only around triggers are hunks decoded, as fileScan.ts does for
// large files. Each region carries enough surrounding post-image lines (CONTEXT_LINES + 1) for the
// context rules, and every line's number in the file at that commit.
import { nodeChildProcess } from '../lazyNode';
import { GitError } from './git';
import { GIT_ENV } from './gitEarly';
import { CONTEXT_LINES } from './scanner';
import { triggerOffsets } from './fileScan';

/** Starts each commit's header line; a diff line never starts with it (every diff line has a prefix). */
const MARKER = 0x01;
const FORMAT = '%x01%H%x00%aI%x00%an';
/** Context lines git prints around each change: what the context rules can see of unchanged lines. */
export const HISTORY_CONTEXT = 3;

export interface LogCommit {
  readonly commit: string;
  readonly date: string;
  readonly author: string;
  /** The raw patch text of the commit (after its header line). */
  readonly patch: Buffer;
}

export interface Region {
  /** '/'-separated path in the repository, after the commit. */
  readonly path: string;
  /** Post-image text: context and added lines, without their one-character prefix. */
  readonly text: string;
  /** 1-based line number in the file of the region's first line. */
  readonly firstLine: number;
  /** Which of the region's lines (0-based) the commit added. */
  readonly added: readonly boolean[];
}

export interface LogRange {
  /** Every ref (branches, tags, stashes…), not just HEAD. */
  readonly all?: boolean;
  /** Only commits not reachable from this ref (`REF..HEAD`). */
  readonly since?: string;
  /** Start from this branch (or any revision) instead of HEAD. */
  readonly branch?: string;
}

export function logArgs(range: LogRange): string[] {
  const tip = range.branch ?? 'HEAD';
  const revs = range.all ? ['--all'] : range.since ? [`${range.since}..${tip}`] : [tip];
  return [
    '-c',
    'core.quotepath=off',
    '-c',
    'diff.noprefix=false',
    '-c',
    'diff.mnemonicPrefix=false',
    'log',
    '-p',
    `--format=${FORMAT}`,
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--no-renames',
    '--ignore-submodules',
    `-U${HISTORY_CONTEXT}`,
    '--src-prefix=a/',
    '--dst-prefix=b/',
    ...revs,
    '--',
  ];
}

/**
 * Streams commits to `onCommit` (newest first). Resolves with the number of bytes read; rejects with
 * GitError when git fails (a bad ref, not a repository). `signal` stops git.
 */
export function streamLog(root: string, range: LogRange, onCommit: (c: LogCommit) => void, signal?: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = nodeChildProcess().spawn('git', logArgs(range), {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...GIT_ENV, GIT_PAGER: 'cat' },
    });
    const abort = () => child.kill();
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
    let pending: Buffer[] = [];
    let bytes = 0;
    let stderr = '';
    const emit = (buf: Buffer) => {
      const nl = buf.indexOf(0x0a);
      const header = buf.toString('utf8', 1, nl < 0 ? buf.length : nl).split('\0');
      onCommit({ commit: header[0], date: header[1] ?? '', author: header[2] ?? '', patch: nl < 0 ? Buffer.alloc(0) : buf.subarray(nl + 1) });
    };
    child.stdout.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      let from = 0;
      // A commit starts at a MARKER that begins the stream or follows a newline.
      for (let at = chunk.indexOf(MARKER); at >= 0; at = chunk.indexOf(MARKER, at + 1)) {
        const atLineStart = at > 0 ? chunk[at - 1] === 0x0a : bytes === chunk.length || endsWithNewline(pending);
        if (!atLineStart) continue;
        pending.push(chunk.subarray(from, at));
        const done = Buffer.concat(pending);
        if (done.length) emit(done);
        pending = [];
        from = at;
      }
      pending.push(chunk.subarray(from));
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.once('error', (err) => reject(new GitError(`git log failed: ${err.message}`)));
    child.once('close', (code) => {
      signal?.removeEventListener('abort', abort);
      if (signal?.aborted) return resolve(bytes);
      if (code !== 0) return reject(new GitError(`git log failed: ${stderr.trim() || `exit ${code}`}`));
      const rest = Buffer.concat(pending);
      if (rest.length) emit(rest);
      resolve(bytes);
    });
  });
}

function endsWithNewline(parts: readonly Buffer[]): boolean {
  for (let i = parts.length - 1; i >= 0; i--) if (parts[i].length) return parts[i][parts[i].length - 1] === 0x0a;
  return false;
}

/** The regions of `patch` to scan: around triggers on added lines, or every hunk when `everyHunk`. */
export function regionsOf(patch: Buffer, everyHunk: boolean): Region[] {
  const out: Region[] = [];
  const starts = everyHunk ? hunkStarts(patch) : triggerOffsets(patch);
  let lastEnd = -1;
  const counter: LineCounter = { hunk: -1, at: 0, line: 0 };
  for (const t of starts) {
    if (t < lastEnd) continue; // inside the region just taken
    const lineStart = patch.lastIndexOf(0x0a, t - 1) + 1;
    if (!everyHunk && (patch[lineStart] !== 0x2b /* + */ || patch.subarray(lineStart, lineStart + 4).toString('latin1') === '+++ ')) continue;
    const hunk = patch.lastIndexOf('\n@@ ', t);
    if (hunk < 0) continue;
    const section = patch.lastIndexOf('\ndiff --git ', hunk);
    const file = pathOf(patch, section < 0 ? 0 : section + 1, hunk);
    if (file === undefined) continue;
    const hunkEnd = nextHunk(patch, hunk + 1);
    const region = everyHunk ? hunkRegion(patch, hunk + 1, hunkEnd, file) : regionAround(patch, hunk + 1, hunkEnd, lineStart, file, counter);
    lastEnd = region.end;
    out.push(region.region);
  }
  return out;
}

function hunkStarts(patch: Buffer): number[] {
  const out: number[] = [];
  for (let at = patch.indexOf('\n@@ '); at >= 0; at = patch.indexOf('\n@@ ', at + 1)) out.push(at + 1);
  return out;
}

function nextHunk(patch: Buffer, from: number): number {
  const a = patch.indexOf('\n@@ ', from);
  const b = patch.indexOf('\ndiff --git ', from);
  const ends = [a, b].filter((x) => x >= 0);
  return ends.length ? Math.min(...ends) + 1 : patch.length;
}

/** The file a diff section writes to (`+++ b/…`), or undefined for a deletion. */
function pathOf(patch: Buffer, section: number, hunk: number): string | undefined {
  const plus = patch.lastIndexOf('\n+++ ', hunk);
  if (plus < section) return undefined;
  const end = patch.indexOf(0x0a, plus + 1);
  const raw = patch.toString('utf8', plus + 5, end < 0 ? patch.length : end);
  if (raw === '/dev/null') return undefined;
  const name = raw.startsWith('"') ? unquote(raw) : raw;
  return name.startsWith('b/') ? name.slice(2) : name;
}

/** git's C-style quoting of unusual paths: `"b/a\"b\tc\303\251"`. */
function unquote(quoted: string): string {
  const body = quoted.slice(1, quoted.endsWith('"') ? -1 : undefined);
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      bytes.push(...Buffer.from(body[i], 'utf8'));
      continue;
    }
    const next = body[++i];
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else bytes.push(simple[next] ?? next.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** New-side start line from `@@ -a,b +c,d @@`. */
function hunkFirstLine(patch: Buffer, hunk: number): number {
  const m = /^@@ -\d+(?:,\d+)? \+(\d+)/.exec(patch.toString('latin1', hunk, Math.min(patch.length, hunk + 80)));
  return m ? Number(m[1]) : 1;
}

/** Lines of a hunk body between two byte offsets, as post-image lines with added flags. */
function postImage(patch: Buffer, from: number, to: number): { text: string; added: boolean[] } {
  const lines: string[] = [];
  const added: boolean[] = [];
  for (let at = from; at < to;) {
    const nl = patch.indexOf(0x0a, at);
    const end = nl < 0 || nl > to ? to : nl;
    const c = patch[at];
    if (c === 0x2b || c === 0x20) {
      lines.push(patch.toString('utf8', at + 1, end));
      added.push(c === 0x2b);
    }
    at = end + 1;
  }
  return { text: lines.join('\n'), added };
}

function hunkRegion(patch: Buffer, hunk: number, hunkEnd: number, file: string): { region: Region; end: number } {
  const body = patch.indexOf(0x0a, hunk) + 1;
  const { text, added } = postImage(patch, body, hunkEnd);
  return { region: { path: file, text, firstLine: hunkFirstLine(patch, hunk), added }, end: hunkEnd };
}

/** CONTEXT_LINES + 1 post-image lines either side of the trigger's line, within its hunk. */
/** Where line counting in the current hunk got to, so many triggers in one big hunk count its lines once. */
interface LineCounter {
  hunk: number;
  at: number;
  line: number;
}

function regionAround(patch: Buffer, hunk: number, hunkEnd: number, triggerLine: number, file: string, counter: LineCounter): { region: Region; end: number } {
  const body = patch.indexOf(0x0a, hunk) + 1;
  const margin = CONTEXT_LINES + 1;
  let start = triggerLine;
  for (let n = 0; n < margin && start > body; n++) start = patch.lastIndexOf(0x0a, start - 2) + 1;
  if (start < body) start = body;
  let end = triggerLine;
  for (let n = 0; n <= margin && end < hunkEnd; n++) {
    const nl = patch.indexOf(0x0a, end);
    end = nl < 0 || nl + 1 > hunkEnd ? hunkEnd : nl + 1;
  }
  // The region's first line number: the hunk's start plus the post-image lines before the region.
  if (counter.hunk !== hunk || counter.at > start) Object.assign(counter, { hunk, at: body, line: hunkFirstLine(patch, hunk) });
  let { at, line } = counter;
  while (at < start) {
    if (patch[at] === 0x2b || patch[at] === 0x20) line++;
    const nl = patch.indexOf(0x0a, at);
    if (nl < 0) break;
    at = nl + 1;
  }
  Object.assign(counter, { at, line });
  const { text, added } = postImage(patch, start, end);
  return { region: { path: file, text, firstLine: line, added }, end };
}
