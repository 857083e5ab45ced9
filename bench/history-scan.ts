// history-scan: `speech-api-scan scan --history --all` over a real history (successive releases of an
// npm package, bench/historyRepo.ts) against the floor `git log -p --all | grep -E <Vurbo pattern>`:
// both must read everything git produces. Alternates the two and takes medians. Scale with
// HISTORY_BENCH_VERSIONS (default 12; 3 for a quick run).
import path from 'node:path';
import { alternate, median, timeCommand, type Benchmark, type Figure } from './lib';
import { buildOnce } from './build';
import { ensureHistoryRepo } from './historyRepo';

const ROOT = path.resolve(__dirname, '..');

interface JsonFinding {
  path: string;
  fingerprint: string;
  history: { first: { commit: string }; last: { commit: string }; commits: number; inWorkingTree: boolean };
}

const benchmark: Benchmark = {
  title: 'speech-api-scan --history over successive npm releases vs git log -p | grep',
  async run(): Promise<Figure[]> {
    buildOnce();
    const repo = ensureHistoryRepo(Number(process.env.HISTORY_BENCH_VERSIONS) || 12);
    const cli = path.join(ROOT, 'dist', 'cli.js');
    const sizeRun = timeCommand('sh', ['-c', 'git log -p --all | wc -c'], repo.root);
    const mb = Number(sizeRun.stdout.trim()) / 1024 / 1024;
    let lastOurs = '';
    const ours = () => {
      const r = timeCommand(process.execPath, [cli, 'scan', '--history', '--all', '--format', 'json'], repo.root);
      if (r.status !== 0 && r.status !== 1) throw new Error(`speech-api-scan failed (${r.status}): ${r.stderr}`);
      lastOurs = r.stdout;
      return r.ms;
    };
    const floor = () => timeCommand('sh', ['-c', "git log -p --all | grep -cE 'vas_[A-Za-z0-9]{32}'"], repo.root).ms;
    const times = alternate({ ours, floor }, {}, 5);

    const findings = (JSON.parse(lastOurs) as { findings: JsonFinding[] }).findings;
    const commits = repo.versions.map((_, i) => i);
    const byPath = new Map(findings.map((f) => [f.path, f]));
    const shas = timeCommand('git', ['log', '--format=%H', '--reverse', '--all'], repo.root).stdout.trim().split('\n');
    const missing = repo.planted.filter((p) => {
      const f = findings.find((x) => x.path === p.path && x.history.first.commit === shas[p.addedIn]);
      return !f || (p.removedIn !== undefined && p.path.startsWith('deploy/') && f.history.inWorkingTree);
    });
    const removed = repo.planted.filter((p) => p.removedIn !== undefined).length;
    const repeated = byPath.get(repo.repeated.path);
    const repeatedOnce = findings.filter((f) => f.path === repo.repeated.path).length === 1 && repeated?.history.commits === commits.length;

    const t = { ours: median(times.ours) / 1000, floor: median(times.floor) / 1000 };
    const note = `${repo.versions.length} releases of typescript (${repo.versions[0]}…${repo.versions[repo.versions.length - 1]}), ${mb.toFixed(0)} MB of git log -p; median of ${times.ours.length} runs each`;
    return [
      {
        name: 'history-scan',
        value: t.ours,
        unit: 's',
        peer: 'git log -p | grep -E',
        peerValue: t.floor,
        ratio: t.ours / t.floor,
        target: 'within 1.5× of the floor (ratio ≤ 1.5)',
        met: t.ours <= 1.5 * t.floor,
        note,
      },
      {
        name: 'history-scan-recall',
        value: repo.planted.length - missing.length,
        unit: 'keys',
        peer: 'planted',
        peerValue: repo.planted.length,
        ratio: (repo.planted.length - missing.length) / repo.planted.length,
        target: 'every planted key found (removed ones too), the repeated key once',
        met: missing.length === 0 && repeatedOnce,
        note: `${removed} removed later; ${missing.length} missed; repeated key: ${findings.filter((f) => f.path === repo.repeated.path).length} finding(s), ${repeated?.history.commits ?? 0} of ${commits.length} commits`,
      },
    ];
  },
};

export default benchmark;
