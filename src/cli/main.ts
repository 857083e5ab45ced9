// `speech-api-scan scan …`: the hard-coded key scanner on the command line (CI, pre-commit hooks).
// Exit 0: no error-severity finding; 1: at least one; 2: bad usage or a scan that could not run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { version } from '../../package.json';
import {
  DEFAULT_POLICY,
  formatJson,
  formatText,
  isScanWorker,
  loadScanConfig,
  parseScanConfig,
  runScanWorker,
  scanHistory,
  scanProject,
  scanStaged,
  summaryLine,
  toSarif,
  type ScanConfig,
  type ScanReport,
} from '../core/scan';
import { parseArgs, USAGE, UsageError, type ScanArgs } from './args';
import { applyBaselineArgs } from './baseline';
import { formatGithub, summaryTable } from './ciOutput';
import { verifyReport } from './verify';

async function run(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`speech-api-scan: ${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.command === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.command === 'version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  const cwd = process.cwd();
  const missing = args.paths.filter((p) => !fs.existsSync(path.resolve(cwd, p)));
  if (missing.length && !args.staged) {
    process.stderr.write(`speech-api-scan: no such file or directory: ${missing.join(', ')}\n`);
    return 2;
  }
  let report: ScanReport;
  let config: ScanConfig;
  try {
    config = args.config
      ? parseScanConfig(fs.readFileSync(path.resolve(cwd, args.config), 'utf8'), path.resolve(cwd, args.config))
      : loadScanConfig(path.resolve(cwd, args.paths[0] ?? '.'));
    report = await scan(args, cwd, config);
    const baselined = applyBaselineArgs(report, args, cwd, config);
    if (baselined.message) process.stderr.write(`${baselined.message}\n`);
    if (baselined.exit !== undefined) return baselined.exit;
    report = baselined.report;
    if (args.verify) {
      const verified = await verifyReport(report, config, args.history ? 'history' : args.staged ? 'staged' : 'worktree');
      process.stderr.write(`${verified.line}\n`);
      report = verified.report;
    }
  } catch (err) {
    process.stderr.write(`speech-api-scan: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const rendered = render(report, args);
  if (args.summary) process.stderr.write(summaryTable(report));
  if (args.sarif) writeReport(cwd, args.sarif, render(report, { ...args, format: 'sarif' }));
  if (args.output) {
    writeReport(cwd, args.output, rendered);
    process.stderr.write(`${summaryLine(report)}\nReport written to ${args.output}\n`);
  } else {
    process.stdout.write(rendered);
  }
  return report.findings.some((f) => f.severity === 'error') ? 1 : 0;
}

function scan(args: ScanArgs, cwd: string, config: ScanConfig): Promise<ScanReport> {
  const options = {
    config,
    base: cwd,
    paths: args.paths,
    exclude: args.exclude,
    maxBytes: Math.round(args.maxFileSizeMb * 1024 * 1024),
    policy: { ...DEFAULT_POLICY, includeIgnored: args.includeIgnored },
    // This very script doubles as the worker (see the end of the file).
    threads: Number(process.env.SPEECH_API_SCAN_THREADS) || defaultThreads(os.availableParallelism?.() ?? os.cpus().length),
    workerScript: __filename,
  };
  if (args.history)
    return scanHistory({ ...options, range: args.prePush ? pushRange(process.env) : { all: args.all, since: args.since, branch: args.branch } });
  return args.staged ? scanStaged(options) : scanProject(options);
}

/**
 * A helper thread for the files with triggers (core/scan/pool.ts) from four cores on. With two, V8's
 * own compiler and garbage-collector threads already use the second core while one thread scans, and a
 * helper made a 119 MB scan slower (225 ms against 217, npm run bench -- scan-throughput).
 */
function defaultThreads(cores: number): number {
  return cores >= 4 ? 2 : 1;
}

/**
 * What a push sends, as the pre-commit framework's pre-push stage names it: PRE_COMMIT_FROM_REF..TO_REF;
 * for a branch with no commit on the remote yet it sets neither, and all history of the pushed branch goes.
 */
function pushRange(env: NodeJS.ProcessEnv): { since?: string; branch?: string } {
  if (env.PRE_COMMIT_FROM_REF && env.PRE_COMMIT_TO_REF) return { since: env.PRE_COMMIT_FROM_REF, branch: env.PRE_COMMIT_TO_REF };
  return { branch: env.PRE_COMMIT_TO_REF || env.PRE_COMMIT_LOCAL_BRANCH || undefined };
}

function writeReport(cwd: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.resolve(cwd, file)), { recursive: true });
  fs.writeFileSync(path.resolve(cwd, file), text);
}

function render(report: ScanReport, args: ScanArgs): string {
  if (args.format === 'github') return formatGithub(report);
  if (args.format === 'json') return formatJson(report, version);
  if (args.format === 'sarif') return JSON.stringify(toSarif(report, version), null, 2) + '\n';
  return formatText(report);
}

/**
 * `speech-api-scan scan . | head` closes the pipe early: the rest of the output has nowhere to go, which
 * is no failure, and the exit status still says whether keys were found.
 */
function quietOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
  });
}

if (isScanWorker()) runScanWorker();
else {
  quietOnClosedPipe(process.stdout);
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`speech-api-scan: unexpected failure: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
