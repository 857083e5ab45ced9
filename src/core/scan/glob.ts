// Glob patterns (VS Code `files.exclude` style and .gitignore style) compiled to regular expressions over
// '/'-separated relative paths. Compiled patterns are linear: no nested quantifiers.

/** VS Code glob: `**` spans directories, `*`/`?` stay within one, `{a,b}` alternatives, `[…]` classes. */
export function compileGlob(glob: string): RegExp {
  let pattern = glob.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);
  return new RegExp(`^${globBody(pattern)}$`);
}

/** Compiles many globs into one test; an empty list matches nothing. */
export function globMatcher(globs: readonly string[]): (relPath: string) => boolean {
  const res = globs.filter((g) => g.trim()).map(compileGlob);
  return (relPath) => res.some((re) => re.test(relPath));
}

function globBody(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const next = glob[i + 2];
        if (atStart && next === '/') {
          out += '(?:[^/]*/)*'; // **/ — any directories, or none
          i += 2;
        } else if (atStart && next === undefined) {
          // trailing /** also matches the directory itself: drop the slash already emitted
          if (out.endsWith('/')) out = out.slice(0, -1) + '(?:/.*)?';
          else out += '.*';
          i += 1;
        } else {
          out += '[^/]*';
          i += 1;
        }
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const [re, next] = charClass(glob, i);
      out += re;
      i = next;
    } else if (c === '{') {
      const close = matchingBrace(glob, i);
      if (close < 0) out += '\\{';
      else {
        out += `(?:${splitAlternatives(glob.slice(i + 1, close))
          .map(globBody)
          .join('|')})`;
        i = close;
      }
    } else out += escapeChar(c);
  }
  return out;
}

/** `[abc]` / `[!abc]` at `open` as a regex class (or a literal `[`), and the index of its last character. */
function charClass(s: string, open: number): [string, number] {
  const close = s.indexOf(']', open + 2);
  if (close < 0) return ['\\[', open];
  const cls = s.slice(open + 1, close).replace(/\\/g, '\\\\');
  return [`[${cls.startsWith('!') ? '^' + cls.slice(1) : cls}]`, close];
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function splitAlternatives(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}') depth--;
    else if (s[i] === ',' && depth === 0) {
      parts.push(s.slice(last, i));
      last = i + 1;
    }
  }
  parts.push(s.slice(last));
  return parts;
}

function escapeChar(c: string): string {
  return /[.+^${}()|[\]\\]/.test(c) ? `\\${c}` : c;
}

// ------------------------------------------------------------------------------------------ .gitignore

export interface IgnoreRule {
  readonly re: RegExp;
  readonly negated: boolean;
  readonly dirOnly: boolean;
}

/** Parses one .gitignore file (gitignore(5)): comments, `!`, trailing `/`, anchoring, `**`. */
export function parseGitignore(content: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of content.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (!line || line.startsWith('#')) continue;
    let negated = false;
    if (line.startsWith('!')) {
      negated = true;
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) line = line.slice(1);
    line = line.replace(/\\(\s)/g, '$1');
    const dirOnly = line.endsWith('/');
    if (dirOnly) line = line.replace(/\/+$/, '');
    if (!line) continue;
    const anchored = line.includes('/');
    if (line.startsWith('/')) line = line.slice(1);
    const body = gitignoreBody(line);
    rules.push({ re: new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`), negated, dirOnly });
  }
  return rules;
}

function gitignoreBody(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      out += escapeChar(pattern[++i]);
    } else if (c === '*') {
      const atStart = i === 0 || pattern[i - 1] === '/';
      if (pattern[i + 1] === '*' && atStart && (pattern[i + 2] === '/' || i + 2 === pattern.length)) {
        if (i + 2 === pattern.length)
          out += '.*'; // a/** — everything inside
        else out += '(?:[^/]*/)*'; // **/ — any leading directories
        i += 2;
      } else {
        while (pattern[i + 1] === '*') i++;
        out += '[^/]*';
      }
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const [re, next] = charClass(pattern, i);
      out += re;
      i = next;
    } else out += escapeChar(c);
  }
  return out;
}

/** Last matching rule wins; `undefined` when no rule speaks about the path. */
export function gitignoreVerdict(rules: readonly IgnoreRule[], relPath: string, isDir: boolean): boolean | undefined {
  let verdict: boolean | undefined;
  for (const r of rules) {
    if (r.dirOnly && !isDir) continue;
    if (r.re.test(relPath)) verdict = !r.negated;
  }
  return verdict;
}
