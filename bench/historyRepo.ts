// A real history for bench/history-scan: successive published versions of one npm package (packed with
// `npm pack`, cached in the git-ignored bench/.corpus), committed one after another into a scratch
// repository, with generated keys planted in some commits and removed in later ones, and one key kept
// (on a line rewritten every version) through every commit.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { KeyFactory, seededRandom } from '../test/unit/scan-corpus';
import { CORPUS_DIR } from './npmCorpus';

export const PACKAGE = 'typescript';
/** Successive releases: each commit's diff is a real release's change (several MB of compiler). */
const VERSIONS = [
  '5.0.2',
  '5.0.3',
  '5.0.4',
  '5.1.3',
  '5.1.5',
  '5.1.6',
  '5.2.2',
  '5.3.2',
  '5.3.3',
  '5.4.2',
  '5.4.5',
  '5.5.2',
  '5.5.4',
  '5.6.2',
  '5.6.3',
  '5.7.2',
];

export interface PlantedHistoryKey {
  readonly path: string;
  /** The commit (version index) that added it, and the one that removed it (undefined: never removed). */
  readonly addedIn: number;
  readonly removedIn?: number;
  readonly value: string;
}

export interface HistoryRepo {
  readonly root: string;
  readonly versions: string[];
  readonly planted: PlantedHistoryKey[];
  /** Path of the key present in every commit, on a line that changes each version. */
  readonly repeated: { readonly path: string; readonly value: string };
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.error}`);
  return r.stdout;
}

function tarball(version: string): string {
  const dir = path.join(CORPUS_DIR, 'tarballs');
  fs.mkdirSync(dir, { recursive: true });
  const tgz = path.join(dir, `${PACKAGE}-${version}.tgz`);
  if (!fs.existsSync(tgz)) run('npm', ['pack', `${PACKAGE}@${version}`, '--pack-destination', dir, '--silent'], CORPUS_DIR);
  return tgz;
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** Builds (or reuses) the repository of the first `count` versions. */
export function ensureHistoryRepo(count: number, seed = 77): HistoryRepo {
  const versions = VERSIONS.slice(0, Math.max(2, Math.min(count, VERSIONS.length)));
  const root = path.join(CORPUS_DIR, `history-${PACKAGE}-${versions.length}-${seed}`);
  const manifest = `${root}.json`;
  if (fs.existsSync(manifest)) return JSON.parse(fs.readFileSync(manifest, 'utf8'));
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  run('git', ['init', '-q', '-b', 'main'], root, GIT_ENV);
  const keys = new KeyFactory(seed);
  const random = seededRandom(seed);
  const repeated = { path: 'bench-settings.js', value: keys.vurbo() };
  const planted: PlantedHistoryKey[] = [];
  let live: { path: string; removeAt: number }[] = [];
  versions.forEach((version, i) => {
    for (const e of fs.readdirSync(root)) if (e !== '.git') fs.rmSync(path.join(root, e), { recursive: true, force: true });
    run('tar', ['xzf', tarball(version), '--strip-components=1', '-C', root], root);
    // Keys planted into real files of this version are gone in the next: the next version replaces the file.
    const targets = ['lib/typescript.js', 'lib/tsserver.js', 'lib/lib.dom.d.ts'].filter((f) => fs.existsSync(path.join(root, f)));
    for (const target of targets.slice(0, 1 + (i % targets.length))) {
      const value = keys.vurbo();
      const file = path.join(root, target);
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines.splice(Math.floor(random() * lines.length), 0, `const vurboKey = "${value}";`);
      fs.writeFileSync(file, lines.join('\n'));
      planted.push({ path: target, addedIn: i, removedIn: i + 1 < versions.length ? i + 1 : undefined, value });
    }
    // A .env file added now and deleted two versions later.
    const envPath = `deploy/v${i}.env`;
    const envKey = keys.vurbo();
    live.push({ path: envPath, removeAt: i + 2 });
    planted.push({ path: envPath, addedIn: i, removedIn: i + 2 < versions.length ? i + 2 : undefined, value: envKey });
    live = live.filter((l) => l.removeAt > i);
    for (const l of live) {
      const p = planted.find((x) => x.path === l.path)!;
      fs.mkdirSync(path.join(root, 'deploy'), { recursive: true });
      fs.writeFileSync(path.join(root, l.path), `# deploy settings\nVURBO_API_KEY=${p.value}\n`);
    }
    fs.writeFileSync(path.join(root, repeated.path), `// settings for ${version}\nmodule.exports = { version: "${version}", key: "${repeated.value}" };\n`);
    run('git', ['add', '-A'], root, GIT_ENV);
    const date = `2024-01-${String(i + 1).padStart(2, '0')}T12:00:00Z`;
    run('git', ['commit', '-q', '-m', `${PACKAGE} ${version}`], root, { ...GIT_ENV, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
  });
  const repo: HistoryRepo = { root, versions, planted, repeated };
  fs.writeFileSync(manifest, JSON.stringify(repo));
  return repo;
}
