// scan-throughput: the speech-api-scan CLI over ≥100 MB of real text (pinned npm packages) with a few
// hundred generated keys planted, against secretlint (recommended preset) and GNU grep with the Vurbo
// key pattern, alternating the contenders and taking the median of several runs each.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { alternate, median, timeCommand, type Benchmark, type Figure } from './lib';
import { ensurePlantedCorpus } from './npmCorpus';
import { buildOnce } from './build';

const PLANTED = 300;
const ROOT = path.resolve(__dirname, '..');

interface JsonFinding {
  path: string;
  line: number;
  column: number;
  endColumn: number;
}

/**
 * Node reads and parses the certificate bundle NODE_EXTRA_CA_CERTS names before it runs any script
 * (a machine that points it at the whole system bundle starts every Node process tens of ms later).
 * That is the machine's TLS set-up, not a scanner: the Node contenders run without it, and
 * extraCaCertsFigure() reports ours with it.
 */
const EXTRA_CA_CERTS = process.env.NODE_EXTRA_CA_CERTS;
const WITHOUT_EXTRA_CA_CERTS: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_EXTRA_CA_CERTS'));

function extraCaCertsFigure(asConfigured: number, ours: number, grep: number): Figure {
  return {
    name: 'scan-throughput-vs-grep-extra-ca-certs',
    value: asConfigured,
    unit: 's',
    peer: 'grep -rEc',
    peerValue: grep,
    ratio: grep / asConfigured,
    note: `reported, no target: the same scan with this machine's NODE_EXTRA_CA_CERTS=${EXTRA_CA_CERTS} (medians ${((asConfigured - ours) * 1000).toFixed(0)} ms apart; Node parses that bundle before it runs a script)`,
  };
}

const benchmark: Benchmark = {
  title: 'speech-api-scan over unpacked npm packages vs secretlint and grep',
  async run(): Promise<Figure[]> {
    buildOnce();
    const corpus = ensurePlantedCorpus(PLANTED);
    const mb = corpus.bytes / 1024 / 1024;
    const cli = path.join(ROOT, 'dist', 'cli.js');
    const secretlint = path.join(ROOT, 'node_modules', 'secretlint', 'bin', 'secretlint.js');
    const rc = path.join(os.tmpdir(), `speech-api-bench-secretlintrc-${process.pid}.json`);
    fs.writeFileSync(rc, JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }));

    let lastOurs = '';
    let lastGrep = '';
    // The corpus sits in this repository's git-ignored bench/.corpus, so ignored files must be included.
    const scan = (env: NodeJS.ProcessEnv) => {
      const r = timeCommand(process.execPath, [cli, 'scan', '.', '--include-ignored', '--format', 'json'], corpus.root, env);
      if (r.status !== 0 && r.status !== 1) throw new Error(`speech-api-scan failed (${r.status}): ${r.stderr}`);
      return r;
    };
    const ours = () => {
      const r = scan(WITHOUT_EXTRA_CA_CERTS);
      lastOurs = r.stdout; // recall is checked on the timed contender's own output
      return r.ms;
    };
    const grep = () => {
      const r = timeCommand('grep', ['-rEc', 'vas_[A-Za-z0-9]{32}', '.'], corpus.root);
      lastGrep = r.stdout;
      return r.ms;
    };
    const peer = () => {
      const r = timeCommand(process.execPath, [secretlint, '--secretlintrc', rc, '**/*'], corpus.root, WITHOUT_EXTRA_CA_CERTS);
      if (r.status !== 0 && r.status !== 1) throw new Error(`secretlint failed (${r.status}): ${r.stderr}`);
      return r.ms;
    };
    let lastFloor = '';
    const floor = () => {
      const r = timeCommand(process.execPath, [path.join(__dirname, 'read-floor.js'), '.'], corpus.root, WITHOUT_EXTRA_CA_CERTS);
      if (r.status !== 0) throw new Error(`the read floor failed (${r.status}): ${r.stderr}`);
      lastFloor = r.stdout;
      return r.ms;
    };
    // Where the machine sets NODE_EXTRA_CA_CERTS, ours also runs as configured (reported beside the target).
    const contenders: Record<string, () => number> = { ours, grep, floor, secretlint: peer };
    if (EXTRA_CA_CERTS) contenders.asConfigured = () => scan(process.env).ms;
    const times = alternate(contenders, { secretlint: 3 }, 11);
    fs.rmSync(rc, { force: true });

    // Every planted key found, at its line and column; nothing else reported.
    const report = JSON.parse(lastOurs) as { findings: JsonFinding[]; summary: { filesScanned: number } };
    const found = new Set(report.findings.map((f) => `${f.path}:${f.line}:${f.column}:${f.endColumn - f.column}`));
    const missing = corpus.planted.filter((p) => !found.has(`${p.file}:${p.line}:${p.column}:${p.value.length}`));
    const extra = report.findings.length - (corpus.planted.length - missing.length);
    const grepLines = lastGrep.split('\n').reduce((n, l) => n + (Number(l.slice(l.lastIndexOf(':') + 1)) || 0), 0);
    const vurboPlanted = corpus.planted.filter((p) => p.kind === 'vurbo').length;

    const t = {
      ours: median(times.ours) / 1000,
      grep: median(times.grep) / 1000,
      floor: median(times.floor) / 1000,
      secretlint: median(times.secretlint) / 1000,
    };
    const floorRead = JSON.parse(lastFloor) as { files: number; bytes: number };
    const withoutCerts = EXTRA_CA_CERTS ? '; the Node contenders without NODE_EXTRA_CA_CERTS' : '';
    const input = `${corpus.files} files, ${mb.toFixed(0)} MB; median of ${times.ours.length}/${times.grep.length}/${times.secretlint.length} runs${withoutCerts}`;
    return [
      {
        name: 'scan-throughput',
        value: t.ours,
        unit: 's',
        peer: 'secretlint',
        peerValue: t.secretlint,
        ratio: t.secretlint / t.ours,
        target: '≥ 20× faster than secretlint',
        met: t.secretlint / t.ours >= 20,
        note: input,
      },
      {
        name: 'scan-throughput-vs-grep',
        value: t.ours,
        unit: 's',
        peer: 'grep -rEc',
        peerValue: t.grep,
        ratio: t.grep / t.ours,
        target: 'within 2× of grep (ratio ≥ 0.5)',
        met: t.ours <= 2 * t.grep,
        note: `${(mb / t.ours).toFixed(0)} MB/s vs ${(mb / t.grep).toFixed(0)} MB/s${withoutCerts}`,
      },
      {
        name: 'scan-throughput-node-floor',
        value: t.floor,
        unit: 's',
        peer: 'grep -rEc',
        peerValue: t.grep,
        ratio: t.grep / t.floor,
        note: `Node alone walking and reading the same files (bench/read-floor.js: one thread, one reused buffer, no scanning; ${floorRead.files} files, ${(floorRead.bytes / 1024 / 1024).toFixed(0)} MB): ours is ${(t.ours / t.floor).toFixed(2)}× this floor`,
      },
      ...(times.asConfigured ? [extraCaCertsFigure(median(times.asConfigured) / 1000, t.ours, t.grep)] : []),
      {
        name: 'scan-throughput-recall',
        value: corpus.planted.length - missing.length,
        unit: 'keys',
        peer: 'planted',
        peerValue: corpus.planted.length,
        ratio: (corpus.planted.length - missing.length) / corpus.planted.length,
        target: 'every planted key found, nothing else',
        met: missing.length === 0 && extra === 0,
        note: `${missing.length} missed, ${extra} extra; grep matched ${grepLines} of ${vurboPlanted} planted Vurbo-format lines`,
      },
    ];
  },
};

export default benchmark;
