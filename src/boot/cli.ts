// speech-api-scan's entry point (package.json `bin`): runs the real CLI (dist/cli-bundle.js, built from
// src/cli/main.ts) through V8's code cache, kept in the user's cache folder. The first run compiles
// and, when it exits, saves everything it compiled; later runs deserialize it (≈ 5 ms of a 120 MB
// scan's 215, npm run bench -- scan-throughput). A missing or unwritable cache costs only that speed-up.
import os from 'node:os';
import path from 'node:path';
import { loadWithCodeCache } from '../core/codeCache';

/** The platform's per-user cache folder (never a shared one: a code cache is trusted input to V8). */
function userCacheDir(): string {
  if (process.platform === 'win32') return path.join(process.env.LOCALAPPDATA || path.join(os.homedir(), 'AppData', 'Local'), 'speech-api-scan');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'speech-api-scan');
  return path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'speech-api-scan');
}

const loaded = loadWithCodeCache(path.join(__dirname, 'cli-bundle.js'), userCacheDir(), require);
if (!loaded.fromCache) process.once('exit', () => loaded.saveCache());
