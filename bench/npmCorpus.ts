// A real corpus nobody here wrote: pinned npm packages, packed with `npm pack` and unpacked into the
// git-ignored bench/.corpus (cached between runs), then copied with generated keys planted at known lines.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { KeyFactory, seededRandom } from '../test/unit/scan-corpus';

export const CORPUS_DIR = path.join(__dirname, '.corpus');
export const PACKAGES = ['typescript@5.9.3', '@types/node@20.19.9', 'monaco-editor@0.52.2'];

/** Where a generated key was planted: file relative to the corpus root, 1-based line and column. */
export interface PlantedKey {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly value: string;
  readonly kind: 'vurbo' | 'valossa';
}

export interface PlantedCorpus {
  readonly root: string;
  readonly planted: PlantedKey[];
  readonly files: number;
  readonly bytes: number;
}

function run(cmd: string, args: string[], cwd: string): void {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr || r.error}`);
}

function tarballName(spec: string): string {
  const at = spec.lastIndexOf('@');
  return `${spec.slice(0, at).replace(/^@/, '').replace('/', '-')}-${spec.slice(at + 1)}`;
}

/** Packs and unpacks the pinned packages once; returns the directory holding one folder per package. */
export function ensureRawCorpus(): string {
  const tarballs = path.join(CORPUS_DIR, 'tarballs');
  const raw = path.join(CORPUS_DIR, 'raw');
  fs.mkdirSync(tarballs, { recursive: true });
  for (const spec of PACKAGES) {
    const name = tarballName(spec);
    const tgz = path.join(tarballs, `${name}.tgz`);
    if (!fs.existsSync(tgz)) run('npm', ['pack', spec, '--pack-destination', tarballs, '--silent'], CORPUS_DIR);
    const dir = path.join(raw, name);
    if (!fs.existsSync(path.join(dir, '.unpacked'))) {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      run('tar', ['xzf', tgz, '-C', dir], CORPUS_DIR);
      fs.writeFileSync(path.join(dir, '.unpacked'), spec);
    }
  }
  return raw;
}

function listFiles(dir: string, base = dir, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) listFiles(p, base, out);
    else if (e.isFile() && e.name !== '.unpacked') out.push(path.relative(base, p));
  }
  return out;
}

const TEXT = /\.(js|ts|mts|cts|json|md|css|txt|map)$/;

/** The line planted for key number `i` and the column (0-based) its key starts at. */
function plantedLine(i: number, keys: KeyFactory): { text: string; value: string; kind: PlantedKey['kind'] } {
  const value = i % 5 === 3 ? keys.hex() : keys.vurbo();
  switch (i % 5) {
    case 0:
      return { text: `const vurboKey = "${value}";`, value, kind: 'vurbo' };
    case 1:
      return { text: `// curl -H "X-API-Key: ${value}" https://vas-poc.vurbo.ai/api/v1/tasks`, value, kind: 'vurbo' };
    case 2:
      return { text: `fetch("https://vas-poc.vurbo.ai/api/v1/sse/tasks/1/history?api_key=${value}");`, value, kind: 'vurbo' };
    case 3:
      return { text: `VALOSSA_API_KEY=${value}`, value, kind: 'valossa' };
    default:
      return { text: `export VURBO_API_KEY=${value}`, value, kind: 'vurbo' };
  }
}

/** A copy of the raw corpus with `count` generated keys planted (cached per seed and count). */
export function ensurePlantedCorpus(count: number, seed = 2024): PlantedCorpus {
  const raw = ensureRawCorpus();
  const root = path.join(CORPUS_DIR, `planted-${seed}-${count}`);
  const manifest = path.join(CORPUS_DIR, `planted-${seed}-${count}.json`);
  if (!fs.existsSync(manifest)) {
    fs.rmSync(root, { recursive: true, force: true });
    fs.cpSync(raw, root, { recursive: true });
    const random = seededRandom(seed);
    const keys = new KeyFactory(seed);
    const candidates = listFiles(root).filter((f) => TEXT.test(f));
    const inserts = new Map<string, { at: number; text: string; value: string; kind: PlantedKey['kind'] }[]>();
    for (let i = 0; i < count; i++) {
      const file = candidates[Math.floor(random() * candidates.length)];
      const list = inserts.get(file) ?? [];
      list.push({ at: random(), ...plantedLine(i, keys) });
      inserts.set(file, list);
    }
    const planted: PlantedKey[] = [];
    for (const [file, list] of inserts) {
      const p = path.join(root, file);
      const lines = fs.readFileSync(p, 'utf8').split('\n');
      const positions = list.map((x) => ({ ...x, index: Math.floor(x.at * (lines.length + 1)) })).sort((a, b) => a.index - b.index);
      positions.forEach((x, k) => {
        lines.splice(x.index + k, 0, x.text);
        planted.push({ file: file.split(path.sep).join('/'), line: x.index + k + 1, column: x.text.indexOf(x.value) + 1, value: x.value, kind: x.kind });
      });
      fs.writeFileSync(p, lines.join('\n'));
    }
    fs.writeFileSync(manifest, JSON.stringify(planted));
  }
  const planted: PlantedKey[] = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  const files = listFiles(root);
  const bytes = files.reduce((n, f) => n + fs.statSync(path.join(root, f)).size, 0);
  return { root, planted, files: files.length, bytes };
}
