// Command-line parsing for `speech-api-scan`: no dependencies, clear messages, exit code 2 on misuse.

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';

export interface ScanArgs {
  readonly command: 'scan';
  readonly paths: string[];
  readonly format: OutputFormat;
  readonly output?: string;
  /** Also the report as SARIF, to this file (the Action: annotations and code scanning from one scan). */
  readonly sarif?: string;
  readonly staged: boolean;
  readonly includeIgnored: boolean;
  readonly exclude: string[];
  readonly maxFileSizeMb: number;
  readonly history: boolean;
  readonly all: boolean;
  readonly since?: string;
  readonly branch?: string;
  readonly baseline?: string;
  /** `.speech-api-scan.json` to use instead of the one found by walking up from the first path. */
  readonly config?: string;
  readonly writeBaseline?: string;
  readonly pruneBaseline: boolean;
  /** Print a table of findings by rule and severity on stderr (for a CI log). */
  readonly summary: boolean;
  /** Ask each key's provider (its official origin only) whether the key works. */
  readonly verify: boolean;
  /** Scan what a push sends: the commits pre-commit's pre-push stage names (see pushRange in main.ts). */
  readonly prePush: boolean;
}

export type ParsedArgs = ScanArgs | { readonly command: 'help' } | { readonly command: 'version' };

export class UsageError extends Error {}

export const USAGE = `Usage: speech-api-scan scan [paths...] [options]

Finds hard-coded Valossa Core and Vurbo.ai API keys in files: Vurbo keys (vas_…), keys assigned to
VALOSSA_API_KEY / VURBO_API_KEY, api_key= in Valossa/Vurbo URLs, X-API-Key headers and api_key fields.
Directories are walked honouring .gitignore; binaries and huge files are skipped.

Options:
  --format text|json|sarif|github
                             report format (default: text); sarif is SARIF 2.1.0 for GitHub code scanning,
                             github prints workflow-command annotations (::error file=…,line=…::)
  --summary                  also print a table of findings by rule and severity on stderr (for CI logs)
  --output FILE              write the report to FILE (a summary line still goes to stderr)
  --sarif FILE               also write the report as SARIF 2.1.0 to FILE, whatever --format is
  --staged                   scan what git would commit (the staged contents) — for a pre-commit hook
  --include-ignored          also scan and report git-ignored files
  --exclude GLOB             leave out paths matching GLOB, relative to the current directory (repeatable)
  --max-file-size MB         skip files larger than MB megabytes (default: 20)
  --config FILE              use FILE as .speech-api-scan.json (default: found from the first path up)

History (one \`git log -p\` stream; keys in files deleted since are found too):
  --history                  scan every commit reachable from HEAD instead of the working tree
  --since REF                only commits after REF (REF..HEAD)
  --all                      every ref (branches, tags, stashes), not just HEAD
  --branch NAME              start from NAME instead of HEAD
  --pre-push                 scan what a push sends: PRE_COMMIT_FROM_REF..PRE_COMMIT_TO_REF as the
                             pre-commit framework's pre-push stage sets them (all of history when unset)

Verification (off by default; sends each found key over the network):
  --verify                   check each distinct key once with its provider's cheapest read-only call,
                             sent only to the official origin (https://vas-poc.vurbo.ai for vas_ keys,
                             https://api-eu.valossa.com for Valossa keys), never to a host named in the
                             scanned files or the config. Verdicts: live (rotate now), rejected (with the
                             provider's code), unknown (network error, 5xx, 429). Keys are never printed.

Baselines (accepted findings, by content fingerprint; never a key):
  --baseline FILE            leave out the findings FILE lists; report its stale entries
                             (default: the "baseline" of .speech-api-scan.json, if set)
  --write-baseline FILE      write the current findings to FILE and exit 0
  --prune-baseline           remove the stale entries from the baseline file
  -h, --help                 show this help
  -v, --version              show the version

Settings: .speech-api-scan.json, found by walking up from the first path to the git root, turns rules
on or off, sets severities, excludes paths, allowlists values and adds custom rules (see the README).

A line is exempt when it carries a "speech-api-allow" comment, or the line before carries
"speech-api-allow-next-line".

Exit status: 0 when no finding has error severity, 1 when one does (a key in a file git tracks or has
staged, or any key outside a git repository), 2 on bad usage.
`;

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif', 'github'];

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.includes('-h') || argv.includes('--help') || argv[0] === 'help') return { command: 'help' };
  if (argv.includes('-v') || argv.includes('--version')) return { command: 'version' };
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('Missing command: expected "scan".');
  if (command !== 'scan') throw new UsageError(`Unknown command "${command}": expected "scan".`);
  const args = {
    command: 'scan' as const,
    paths: [] as string[],
    format: 'text' as OutputFormat,
    output: undefined as string | undefined,
    sarif: undefined as string | undefined,
    staged: false,
    includeIgnored: false,
    exclude: [] as string[],
    maxFileSizeMb: 20,
    history: false,
    all: false,
    since: undefined as string | undefined,
    branch: undefined as string | undefined,
    baseline: undefined as string | undefined,
    config: undefined as string | undefined,
    writeBaseline: undefined as string | undefined,
    pruneBaseline: false,
    summary: false,
    verify: false,
    prePush: false,
  };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = rest[++i];
      if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${name} needs a value.`);
      return v;
    };
    switch (name) {
      case '--format': {
        const f = value();
        if (!FORMATS.includes(f as OutputFormat)) throw new UsageError(`Unknown format "${f}": use text, json, sarif or github.`);
        args.format = f as OutputFormat;
        break;
      }
      case '--output':
      case '-o':
        args.output = value();
        break;
      case '--sarif':
        args.sarif = value();
        break;
      case '--exclude':
        args.exclude.push(value());
        break;
      case '--max-file-size': {
        const raw = value();
        const mb = Number(raw);
        if (!Number.isFinite(mb) || mb <= 0) throw new UsageError(`--max-file-size needs a positive number of megabytes (got "${raw}").`);
        args.maxFileSizeMb = mb;
        break;
      }
      case '--since':
        args.since = value();
        break;
      case '--branch':
        args.branch = value();
        break;
      case '--baseline':
        args.baseline = value();
        break;
      case '--config':
        args.config = value();
        break;
      case '--write-baseline':
        args.writeBaseline = value();
        break;
      case '--staged':
      case '--include-ignored':
      case '--history':
      case '--all':
      case '--prune-baseline':
      case '--summary':
      case '--verify':
      case '--pre-push':
        if (eq > 0) throw new UsageError(`${name} takes no value.`);
        setFlag(args, name);
        break;
      case '--':
        args.paths.push(...rest.slice(i + 1));
        i = rest.length;
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option "${arg}".`);
        args.paths.push(arg);
    }
  }
  if (args.prePush && (args.staged || args.since || args.all || args.branch))
    throw new UsageError('--pre-push picks its own commits: it does not go with --staged, --since, --all or --branch.');
  if (args.prePush) args.history = true;
  if ((args.since || args.all || args.branch) && !args.history) throw new UsageError('--since, --all and --branch go with --history.');
  if (args.all && (args.since || args.branch)) throw new UsageError('--all scans every ref: it does not go with --since or --branch.');
  if (args.history && args.staged) throw new UsageError('--history and --staged do not go together.');
  if (args.writeBaseline && args.pruneBaseline) throw new UsageError('--write-baseline writes a fresh baseline: it does not go with --prune-baseline.');
  return args;
}

const FLAGS = {
  '--staged': 'staged',
  '--include-ignored': 'includeIgnored',
  '--history': 'history',
  '--all': 'all',
  '--prune-baseline': 'pruneBaseline',
  '--summary': 'summary',
  '--verify': 'verify',
  '--pre-push': 'prePush',
} as const;

function setFlag(args: Record<(typeof FLAGS)[keyof typeof FLAGS], boolean>, name: string): void {
  args[FLAGS[name as keyof typeof FLAGS]] = true;
}
