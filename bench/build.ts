// Benchmarks that run dist/ build it once per `npm run bench`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

let built = false;

export function buildOnce(): void {
  if (built) return;
  const r = spawnSync(process.execPath, ['esbuild.js', '--production'], { cwd: path.resolve(__dirname, '..'), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  built = true;
}
