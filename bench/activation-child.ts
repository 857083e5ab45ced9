// Run by bench/activation.ts in a fresh Node process (bundled by esbuild, so no TypeScript loader is
// involved): loads dist/extension.js against the fake `vscode` module, calls activate(), and prints
// the timings and the modules that were loaded as one JSON line.
import fs from 'node:fs';
import path from 'node:path';
import { fakeContext, installFakeVscode } from './fakeVscode';

export interface ActivationSample {
  requireMs: number;
  activateMs: number;
  /** CPU time of this process over the require and activate() (less sensitive to a busy machine). */
  cpuMs: number;
  /** Files loaded by the require and activate() and in the 200 ms after (async work it started). */
  loaded: string[];
  subscriptions: number;
  /** Node built-ins loaded by the require and activate() (not in the 200 ms after). */
  builtins: string[];
  /** Whether the loader ran V8's cached code (a cache an earlier start wrote). */
  fromCodeCache: boolean;
  errors: string[];
}

const file = process.argv[2];
/** The first start writes the code cache a few seconds after activation; this run waits for it. */
const waitForCodeCache = process.argv[3] === '--wait-for-code-cache';
installFakeVscode();
const errors: string[] = [];
process.on('unhandledRejection', (e) => errors.push(String(e)));
const before = new Set(Object.keys(require.cache));
// Node's own (undocumented but long-standing) list of the internal modules it has loaded.
const moduleLoadList = (): string[] => (process as unknown as { moduleLoadList: string[] }).moduleLoadList;
const builtinsBefore = new Set(moduleLoadList());
const cpu = process.cpuUsage();
const t0 = performance.now();
const extension = require(file) as { activate(context: unknown): unknown; startedFromCodeCache?: boolean };
const t1 = performance.now();
const context = fakeContext(path.dirname(path.dirname(file)));
try {
  extension.activate(context);
} catch (e) {
  errors.push(`activate threw: ${String(e)}`);
}
const t2 = performance.now();
const used = process.cpuUsage(cpu);
const builtins = moduleLoadList()
  .filter((m) => !builtinsBefore.has(m) && m.startsWith('NativeModule '))
  .map((m) => m.slice(13));
function cacheWritten(): boolean {
  const dir = path.join(path.dirname(path.dirname(file)), '.global-storage'); // fakeContext's globalStorageUri
  return fs.existsSync(dir) && fs.readdirSync(dir).some((f) => f.startsWith('code-cache-') && f.endsWith('.bin'));
}

async function report(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 200));
  if (waitForCodeCache) {
    const deadline = Date.now() + 20_000;
    while (!cacheWritten() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    if (!cacheWritten()) errors.push('the loader wrote no code cache within 20 s of activation');
  }
  const sample: ActivationSample = {
    requireMs: t1 - t0,
    activateMs: t2 - t1,
    cpuMs: (used.user + used.system) / 1000,
    loaded: Object.keys(require.cache).filter((k) => !before.has(k)),
    subscriptions: context.subscriptions.length,
    builtins,
    fromCodeCache: extension.startedFromCodeCache === true,
    errors,
  };
  process.stdout.write(JSON.stringify(sample));
  process.exit(0);
}
void report();
