import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ScanPool, scanForReport } from '../../src/core/scan/pool';
import { KeyFactory, tempDir, write } from './scan-corpus';

// The helper runs the built CLI (which becomes a helper when started by ScanPool), as in production.
const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

describe('scanner: helper threads for files with triggers', function () {
  this.timeout(60_000);
  const keys = new KeyFactory(77);

  function corpus(n: number): string[] {
    const dir = tempDir('pool');
    const files: Record<string, string> = {};
    for (let i = 0; i < n; i++) files[`f${i}.ts`] = i % 3 ? `export const token = "${keys.vurbo()}";\n` : `const VALOSSA_API_KEY = "${keys.hex()}"; // ${i}\n`;
    write(dir, files);
    return Object.keys(files).map((f) => path.join(dir, f));
  }

  async function waitFor(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  it('returns, for every deferred file, what scanning it on this thread returns', async () => {
    const files = corpus(60);
    const pool = new ScanPool(CLI, 2);
    files.forEach((f, i) => assert.equal(pool.defer(f), i));
    await waitFor(() => pool.takenByHelpers() === files.length); // the helper, not this thread, scans them
    const results = await pool.finish();
    assert.equal(results.size, files.length);
    files.forEach((f, i) => assert.deepEqual(results.get(i), scanForReport(f), f));
  });

  it('loses nothing when the helper cannot start', async () => {
    const broken = path.join(tempDir('pool-broken'), 'helper.js');
    fs.writeFileSync(broken, "throw new Error('no helper today');\n");
    const files = corpus(10);
    const pool = new ScanPool(broken, 2);
    files.forEach((f) => pool.defer(f));
    const results = await pool.finish();
    files.forEach((f, i) => assert.deepEqual(results.get(i), scanForReport(f)));
  });

  it('scans again a file whose helper died holding it', async () => {
    const dir = tempDir('pool-dying');
    const claimed = path.join(dir, 'claimed');
    const dying = path.join(dir, 'helper.js');
    // Claims the first file as a real helper would (pool.ts: state 0 → 1), says so, and dies.
    fs.writeFileSync(
      dying,
      `const { workerData, receiveMessageOnPort } = require('node:worker_threads');
const states = new Uint8Array(workerData.states);
const signal = new Int32Array(workerData.signal);
for (;;) {
  const posted = Atomics.load(signal, 0);
  const next = receiveMessageOnPort(workerData.files);
  if (next) { Atomics.compareExchange(states, next.message.item, 0, 1); require('node:fs').writeFileSync(${JSON.stringify(claimed)}, ''); process.exit(1); }
  Atomics.wait(signal, 0, posted);
}
`,
    );
    const files = corpus(5);
    const pool = new ScanPool(dying, 2);
    files.forEach((f) => pool.defer(f));
    await waitFor(() => fs.existsSync(claimed));
    const results = await pool.finish();
    assert.equal(results.size, files.length);
    files.forEach((f, i) => assert.deepEqual(results.get(i), scanForReport(f)));
  });

  it('scans everything on the calling thread when there is no helper', async () => {
    const files = corpus(4);
    const pool = new ScanPool(CLI, 1);
    assert.equal(pool.defer(files[0]), undefined, 'nothing to defer to: the caller scans it now');
    assert.equal((await pool.finish()).size, 0);
  });
});
