// activation: the production bundles (the loader dist/extension.js and dist/extension-bundle.js,
// built by the project's own esbuild.js with --production into a temporary folder) — their size, and
// the time to require the loader and run activate() against a fake `vscode` module in a fresh Node
// process, with what it loads before first use: on a first start (no code cache yet) and on every
// later start (the code cache the first one wrote). Not VS Code's own activation timing: the
// extension host adds its own work around the same calls.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import esbuild from 'esbuild';
import { median, percentile, type Benchmark, type Figure } from './lib';
import type { ActivationSample } from './activation-child';

const ROOT = path.join(__dirname, '..');
const RUNS = 25;
const FIRST_START_RUNS = 9;
const SIZE_LIMIT_KB = 500;
const TIME_LIMIT_MS = 15;
/** Built-ins only scans, captures, the sandbox and uploads need (≈ 3–4 ms to load together). */
const HEAVY_BUILTINS = ['crypto', 'child_process', 'worker_threads', 'net', 'stream'];

/** Builds with the project's esbuild.js, run in a scratch folder that links to src, scripts and node_modules. */
function buildProduction(dir: string): string {
  fs.symlinkSync(path.join(ROOT, 'src'), path.join(dir, 'src'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  fs.symlinkSync(path.join(ROOT, 'scripts'), path.join(dir, 'scripts'));
  fs.copyFileSync(path.join(ROOT, 'esbuild.js'), path.join(dir, 'esbuild.js'));
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  execFileSync(process.execPath, ['esbuild.js', '--production'], { cwd: dir, stdio: 'pipe' });
  return path.join(dir, 'dist', 'extension.js');
}

const benchmark: Benchmark = {
  title: 'production bundle size; require + activate() against a fake vscode module, fresh process each run',
  async run(): Promise<Figure[]> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'speech-api-activation-'));
    try {
      const bundle = buildProduction(dir);
      const runner = path.join(dir, 'activation-child.js');
      await esbuild.build({
        entryPoints: [path.join(__dirname, 'activation-child.ts')],
        outfile: runner,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        logLevel: 'silent',
      });
      const activationBundles = ['extension.js', 'extension-bundle.js'];
      const sizeKb = activationBundles.reduce((n, f) => n + fs.statSync(path.join(path.dirname(bundle), f)).size / 1024, 0);
      const siblings = fs.readdirSync(path.dirname(bundle)).filter((f) => !activationBundles.includes(f) && f.endsWith('.js'));
      const codeCacheDir = path.join(dir, '.global-storage'); // fakeContext's globalStorageUri
      const start = (...args: string[]): ActivationSample =>
        JSON.parse(execFileSync(process.execPath, [runner, bundle, ...args], { encoding: 'utf8' })) as ActivationSample;

      start(); // warms the disk cache
      const firstStarts: ActivationSample[] = [];
      for (let i = 0; i < FIRST_START_RUNS; i++) {
        fs.rmSync(codeCacheDir, { recursive: true, force: true });
        firstStarts.push(start());
      }
      start('--wait-for-code-cache'); // a first start that lives long enough to write the code cache
      const samples: ActivationSample[] = [];
      for (let i = 0; i < RUNS; i++) samples.push(start());
      if (firstStarts.some((s) => s.fromCodeCache)) throw new Error('a first start (no code cache on disk) claims to have used the code cache');
      if (!samples.every((s) => s.fromCodeCache)) throw new Error('a later start did not use the code cache the first start wrote');
      const firstStartMs = median(firstStarts.map((s) => s.requireMs + s.activateMs));
      const errors = [...new Set([...firstStarts, ...samples].flatMap((s) => s.errors))];
      if (errors.length) throw new Error(`activation failed against the fake vscode module: ${errors.slice(0, 3).join('; ')}`);
      const total = samples.map((s) => s.requireMs + s.activateMs);
      const totalMs = median(total);
      const requireMs = median(samples.map((s) => s.requireMs));
      const activateMs = median(samples.map((s) => s.activateMs));
      const loadedSiblings = [...new Set(samples.flatMap((s) => s.loaded.map((f) => path.basename(f))))].filter((f) => siblings.includes(f));
      const loadedBuiltins = [...new Set(samples.flatMap((s) => s.builtins))].filter((m) => HEAVY_BUILTINS.includes(m));
      const lazyKb = siblings.reduce((n, f) => n + fs.statSync(path.join(path.dirname(bundle), f)).size / 1024, 0);
      return [
        {
          name: 'activation-bundle-size',
          value: sizeKb,
          unit: 'KB',
          peer: 'limit',
          peerValue: SIZE_LIMIT_KB,
          ratio: sizeKb / SIZE_LIMIT_KB,
          target: `dist/extension.js + extension-bundle.js ≤ ${SIZE_LIMIT_KB} KB minified (ratio = size ÷ limit)`,
          met: sizeKb <= SIZE_LIMIT_KB,
          note: `esbuild --production; the other bundles next to it, loaded only on use: ${siblings.join(', ')} (${lazyKb.toFixed(0)} KB)`,
        },
        {
          name: 'activation-time',
          value: totalMs,
          unit: 'ms',
          peer: 'limit',
          peerValue: TIME_LIMIT_MS,
          ratio: totalMs / TIME_LIMIT_MS,
          target: `require + activate() < ${TIME_LIMIT_MS} ms (ratio = time ÷ limit)`,
          met: totalMs < TIME_LIMIT_MS,
          note: `every start after the first (V8 code cache); median of ${RUNS} fresh processes: require ${requireMs.toFixed(1)} ms + activate ${activateMs.toFixed(1)} ms, p90 ${percentile(total, 90).toFixed(1)} ms, CPU ${median(samples.map((s) => s.cpuMs)).toFixed(1)} ms; ${samples[0].subscriptions} disposables registered; fake vscode module, not the extension host`,
        },
        {
          name: 'activation-time-first-start',
          value: firstStartMs,
          unit: 'ms',
          note: `the first start after an install or update, before the code cache exists: median of ${FIRST_START_RUNS} fresh processes, require ${median(firstStarts.map((s) => s.requireMs)).toFixed(1)} ms + activate ${median(firstStarts.map((s) => s.activateMs)).toFixed(1)} ms`,
        },
        {
          name: 'activation-lazy-loads',
          value: loadedSiblings.length + loadedBuiltins.length,
          unit: 'heavy modules loaded',
          target: 'nothing heavy loaded before first use (0)',
          met: loadedSiblings.length + loadedBuiltins.length === 0,
          note:
            loadedSiblings.length + loadedBuiltins.length
              ? `loaded during activation: ${[...loadedSiblings, ...loadedBuiltins.map((m) => `node:${m}`)].join(', ')}`
              : `none of ${siblings.join(', ')} loaded by activation or in the 200 ms after, nor node:${HEAVY_BUILTINS.join(', node:')} by activation`,
        },
      ];
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default benchmark;
