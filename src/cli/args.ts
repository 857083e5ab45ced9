// Command-line parsing for `speech-api-scan`: no dependencies, clear messages, exit code 2 on misuse.

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface ScanArgs {
  readonly command: 'scan';
  readonly paths: string[];
  readonly format: OutputFormat;
  readonly output?: string;
  readonly staged: boolean;
  readonly includeIgnored: boolean;
  readonly exclude: string[];
  readonly maxFileSizeMb: number;
}

export type ParsedArgs = ScanArgs | { readonly command: 'help' } | { readonly command: 'version' };

export class UsageError extends Error {}

export const USAGE = `Usage: speech-api-scan scan [paths...] [options]

Finds hard-coded Valossa Core and Vurbo.ai API keys in files: Vurbo keys (vas_…), keys assigned to
VALOSSA_API_KEY / VURBO_API_KEY, api_key= in Valossa/Vurbo URLs, X-API-Key headers and api_key fields.
Directories are walked honouring .gitignore; binaries and huge files are skipped.

Options:
  --format text|json|sarif   report format (default: text); sarif is SARIF 2.1.0 for GitHub code scanning
  --output FILE              write the report to FILE (a summary line still goes to stderr)
  --staged                   scan what git would commit (the staged contents) — for a pre-commit hook
  --include-ignored          also scan and report git-ignored files
  --exclude GLOB             leave out paths matching GLOB, relative to the current directory (repeatable)
  --max-file-size MB         skip files larger than MB megabytes (default: 20)
  -h, --help                 show this help
  -v, --version              show the version

A line is exempt when it carries a "speech-api-allow" comment, or the line before carries
"speech-api-allow-next-line".

Exit status: 0 when no finding has error severity, 1 when one does (a key in a file git tracks or has
staged, or any key outside a git repository), 2 on bad usage.
`;

const FORMATS: readonly OutputFormat[] = ['text', 'json', 'sarif'];

export function parseArgs(argv: readonly string[]): ParsedArgs {
  if (argv.includes('-h') || argv.includes('--help') || argv[0] === 'help') return { command: 'help' };
  if (argv.includes('-v') || argv.includes('--version')) return { command: 'version' };
  const [command, ...rest] = argv;
  if (command === undefined) throw new UsageError('Missing command: expected "scan".');
  if (command !== 'scan') throw new UsageError(`Unknown command "${command}": expected "scan".`);
  const args = { command: 'scan' as const, paths: [] as string[], format: 'text' as OutputFormat, output: undefined as string | undefined, staged: false, includeIgnored: false, exclude: [] as string[], maxFileSizeMb: 20 };
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
        if (!FORMATS.includes(f as OutputFormat)) throw new UsageError(`Unknown format "${f}": use text, json or sarif.`);
        args.format = f as OutputFormat;
        break;
      }
      case '--output':
      case '-o':
        args.output = value();
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
      case '--staged':
      case '--include-ignored':
        if (eq > 0) throw new UsageError(`${name} takes no value.`);
        if (name === '--staged') args.staged = true;
        else args.includeIgnored = true;
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
  return args;
}
