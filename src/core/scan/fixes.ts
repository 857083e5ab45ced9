// The text edits behind the quick fixes, as pure functions of a line (or file) and a language:
// replace a key with an environment-variable read, insert an allow comment, add a path to .gitignore.
import path from 'node:path';
import { PROVIDERS, type ProviderId } from '../providers';
import { ALLOW_NEXT_LINE_MARKER } from './allow';
import { gitignoreVerdict, parseGitignore } from './glob';

export interface LineEdit {
  /** 0-based columns on the finding's line. */
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface EnvFix extends LineEdit {
  /** Shown in the light bulb. */
  readonly title: string;
  /** Python needs `import os` and the file has none: insert this line at `importLine`. */
  readonly addImport?: { line: number; text: string };
}

export interface CommentSyntax {
  readonly line?: string;
  readonly block?: readonly [string, string];
}

const LINE_SLASHES =
  'typescript javascript typescriptreact javascriptreact jsonc go java csharp c cpp rust swift kotlin scala dart php groovy objective-c objective-cpp vue svelte fsharp'.split(
    ' ',
  );
const LINE_HASH =
  'python shellscript yaml dockerfile ruby perl r toml properties powershell makefile dotenv coffeescript http elixir julia nix terraform ignore cmake'.split(
    ' ',
  );
const LINE_DASHES = 'sql lua haskell'.split(' ');
const LINE_SEMICOLON = 'ini clojure lisp'.split(' ');
const BLOCK_HTML = 'html xml markdown svg xsl'.split(' ');
const BLOCK_C = 'css scss less'.split(' ');

/** .env, .env.local, production.env, … */
export function isEnvFile(fileName: string): boolean {
  const base = path.basename(fileName).toLowerCase();
  return base === '.env' || base.startsWith('.env.') || base.endsWith('.env');
}

export function isHttpFile(fileName: string): boolean {
  return /\.(http|rest)$/i.test(fileName);
}

export function commentSyntax(languageId: string, fileName: string): CommentSyntax | undefined {
  if (isEnvFile(fileName) || /(^|[\\/])Dockerfile[^\\/]*$/i.test(fileName) || isHttpFile(fileName)) return { line: '#' };
  if (LINE_SLASHES.includes(languageId)) return { line: '//' };
  if (LINE_HASH.includes(languageId)) return { line: '#' };
  if (LINE_DASHES.includes(languageId)) return { line: '--' };
  if (LINE_SEMICOLON.includes(languageId)) return { line: ';' };
  if (languageId === 'latex' || languageId === 'erlang' || languageId === 'matlab') return { line: '%' };
  if (BLOCK_HTML.includes(languageId)) return { block: ['<!--', '-->'] };
  if (BLOCK_C.includes(languageId)) return { block: ['/*', '*/'] };
  return undefined;
}

/**
 * The line to insert above `lineText` so its keys are allowed, or undefined when the language has no
 * comments or the line above already carries the marker (vscode-eslint style: never a second one).
 */
export function allowCommentLine(lineText: string, previousLine: string | undefined, languageId: string, fileName: string): string | undefined {
  if (previousLine?.includes(ALLOW_NEXT_LINE_MARKER)) return undefined;
  const syntax = commentSyntax(languageId, fileName);
  if (!syntax) return undefined;
  const indent = /^\s*/.exec(lineText)![0];
  return syntax.line ? `${indent}${syntax.line} ${ALLOW_NEXT_LINE_MARKER}` : `${indent}${syntax.block![0]} ${ALLOW_NEXT_LINE_MARKER} ${syntax.block![1]}`;
}

interface StringContext {
  /** Quote character of the string literal around the key, if any. */
  readonly quote?: string;
  /** The key is the whole literal: quotes right before and after it. */
  readonly whole: boolean;
  /** Prefix letters of the literal (Python f/r/b). */
  readonly prefix: string;
}

/** Which string literal (if any) encloses columns [start, end) of a line. */
export function stringContext(line: string, start: number, end: number): StringContext {
  let quote: string | undefined;
  let openedAt = -1;
  for (let i = 0; i < start; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'" || c === '`') {
      quote = c;
      openedAt = i;
    }
  }
  if (!quote) return { whole: false, prefix: '' };
  const prefix = /[A-Za-z]*$/.exec(line.slice(0, openedAt))![0];
  return { quote, whole: openedAt === start - 1 && line[end] === quote, prefix };
}

interface LanguageEnv {
  /** The expression reading the variable. */
  read(name: string): string;
  /** Splices the read into a string literal quoted with `quote` (undefined: not possible). */
  embed?(name: string, quote: string, prefix: string): string | undefined;
}

const concat =
  (read: (n: string) => string, op = '+') =>
  (name: string, quote: string) =>
    quote === '`' ? undefined : `${quote} ${op} ${read(name)} ${op} ${quote}`;

const JS: LanguageEnv = {
  read: (n) => `process.env.${n}`,
  embed: (n, q) => (q === '`' ? `\${process.env.${n}}` : `${q} + process.env.${n} + ${q}`),
};
const PYTHON: LanguageEnv = {
  read: (n) => `os.environ["${n}"]`,
  embed: (n, q, prefix) =>
    /f/i.test(prefix) ? `{os.environ[${q === '"' ? `'${n}'` : `"${n}"`}]}` : /[rb]/i.test(prefix) ? undefined : `${q} + os.environ["${n}"] + ${q}`,
};
const SHELL: LanguageEnv = {
  read: (n) => `\${${n}}`,
  embed: (n, q) => (q === "'" ? `'"\${${n}}"'` : q === '"' ? `\${${n}}` : undefined),
};
const DOLLAR_BRACES: LanguageEnv = { read: (n) => `\${${n}}`, embed: (n, q) => (q === '`' ? undefined : `\${${n}}`) };
const GO: LanguageEnv = { read: (n) => `os.Getenv("${n}")`, embed: (n, q) => `${q} + os.Getenv("${n}") + ${q}` };
const JAVA: LanguageEnv = { read: (n) => `System.getenv("${n}")`, embed: concat((n) => `System.getenv("${n}")`) };
const CSHARP: LanguageEnv = { read: (n) => `Environment.GetEnvironmentVariable("${n}")`, embed: concat((n) => `Environment.GetEnvironmentVariable("${n}")`) };
const RUBY: LanguageEnv = {
  read: (n) => `ENV.fetch("${n}")`,
  embed: (n, q) => (q === '"' ? `#{ENV.fetch("${n}")}` : q === "'" ? `' + ENV.fetch("${n}") + '` : undefined),
};
const PHP: LanguageEnv = { read: (n) => `getenv('${n}')`, embed: concat((n) => `getenv('${n}')`, '.') };
const RUST: LanguageEnv = { read: (n) => `std::env::var("${n}").expect("${n} is not set")` };
const POWERSHELL: LanguageEnv = { read: (n) => `$env:${n}`, embed: (n, q) => (q === '"' ? `$($env:${n})` : q === "'" ? `' + $env:${n} + '` : undefined) };
const REST_CLIENT: LanguageEnv = { read: (n) => `{{$processEnv ${n}}}`, embed: (n) => `{{$processEnv ${n}}}` };
const PLACEHOLDER: LanguageEnv = { read: (n) => `YOUR_${n}`, embed: (n) => `YOUR_${n}` };

function languageEnv(languageId: string, fileName: string): { env: LanguageEnv; placeholder?: boolean } | undefined {
  if (isEnvFile(fileName)) return undefined; // the value stays; the file goes to .gitignore instead
  if (isHttpFile(fileName) || languageId === 'http') return { env: REST_CLIENT };
  if (/(^|[\\/])Dockerfile[^\\/]*$/i.test(fileName) || languageId === 'dockerfile' || languageId === 'yaml' || /docker-compose/i.test(fileName))
    return { env: DOLLAR_BRACES };
  switch (languageId) {
    case 'typescript':
    case 'javascript':
    case 'typescriptreact':
    case 'javascriptreact':
    case 'vue':
    case 'svelte':
      return { env: JS };
    case 'python':
      return { env: PYTHON };
    case 'shellscript':
      return { env: SHELL };
    case 'go':
      return { env: GO };
    case 'java':
    case 'kotlin':
    case 'groovy':
    case 'scala':
      return { env: JAVA };
    case 'csharp':
      return { env: CSHARP };
    case 'ruby':
      return { env: RUBY };
    case 'php':
      return { env: PHP };
    case 'rust':
      return { env: RUST };
    case 'powershell':
      return { env: POWERSHELL };
    case 'markdown':
    case 'plaintext':
    case 'json':
    case 'jsonc':
    case 'html':
    case 'restructuredtext':
    case 'asciidoc':
      return { env: PLACEHOLDER, placeholder: true };
    default:
      return undefined;
  }
}

/**
 * Replaces the key at columns [start, end) of `line` with a read of the provider's environment variable
 * in the file's language, or with a placeholder in documentation. Undefined where no sensible edit exists.
 */
export function envReadFix(
  line: string,
  start: number,
  end: number,
  provider: ProviderId,
  languageId: string,
  fileName: string,
  documentText?: string,
): EnvFix | undefined {
  const lang = languageEnv(languageId, fileName);
  if (!lang) return undefined;
  const name = PROVIDERS[provider].keyEnvVar;
  const ctx = stringContext(line, start, end);
  const prefix = lang.env === PYTHON ? ctx.prefix : ''; // only Python has string prefixes (f, r, b, u)
  const keepsQuotes = lang.placeholder || lang.env === SHELL || lang.env === DOLLAR_BRACES || lang.env === REST_CLIENT;
  let edit: LineEdit | undefined;
  if (ctx.whole && !keepsQuotes && !/[rbf]/i.test(prefix)) {
    edit = { start: start - 1 - prefix.length, end: end + 1, newText: lang.env.read(name) };
  } else if (ctx.quote) {
    const embedded = lang.env.embed?.(name, ctx.quote, prefix);
    if (embedded !== undefined) edit = trimEmptyConcat(line, { start, end, newText: embedded }, ctx.quote);
  } else if (lang.env === SHELL && !/[A-Za-z0-9_]/.test(line[end] ?? '')) {
    edit = { start, end, newText: `$${name}` };
  } else {
    edit = { start, end, newText: lang.env.read(name) };
  }
  if (!edit) return undefined;
  const title = lang.placeholder ? `Replace the key with the placeholder YOUR_${name}` : `Read the key from the environment variable ${name}`;
  const addImport = lang.env === PYTHON && documentText !== undefined ? pythonImportOs(documentText) : undefined;
  return { ...edit, title, ...(addImport ? { addImport } : {}) };
}

/** `"X-API-Key: " + read + ""` → `"X-API-Key: " + read`: drop concatenations with an empty string. */
function trimEmptyConcat(line: string, edit: LineEdit, quote: string): LineEdit {
  let { start, end, newText } = edit;
  const lead = new RegExp(`^\\${quote} [+.] `).exec(newText);
  if (lead && line[start - 1] === quote && !/[A-Za-z]/.test(line[start - 2] ?? '')) {
    start -= 1;
    newText = newText.slice(lead[0].length);
  }
  const trail = new RegExp(` [+.] \\${quote}$`).exec(newText);
  if (trail && line[end] === quote) {
    end += 1;
    newText = newText.slice(0, -trail[0].length);
  }
  return { start, end, newText };
}

/** Where to add `import os` to a Python file that lacks it (after a shebang/encoding line and __future__ imports). */
export function pythonImportOs(text: string): { line: number; text: string } | undefined {
  if (/^\s*(import\s+(?:[\w.]+\s*,\s*)*os\b|from\s+os\s+import\b)/m.test(text)) return undefined;
  const lines = text.split('\n');
  let line = 0;
  while (line < lines.length && (/^#!|^#.*coding[:=]/.test(lines[line]) || /^from\s+__future__\s+import/.test(lines[line]))) line++;
  return { line, text: 'import os' };
}

/**
 * The new .gitignore content with `relPath` (relative to the .gitignore's directory) ignored, or
 * undefined when the file already ignores it. Adds one anchored line; never a duplicate.
 */
export function addToGitignore(content: string | undefined, relPath: string): string | undefined {
  const existing = content ?? '';
  if (gitignoreVerdict(parseGitignore(existing), relPath, false) === true) return undefined;
  const entry = '/' + relPath.replace(/[\\*?[\]!#]/g, (c) => `\\${c}`).replace(/ $/, '\\ ');
  if (existing.split(/\r?\n/).some((l) => l.trim() === entry)) return undefined;
  const eol = existing.includes('\r\n') ? '\r\n' : '\n';
  const sep = existing === '' || existing.endsWith('\n') ? '' : eol;
  return `${existing}${sep}${entry}${eol}`;
}
