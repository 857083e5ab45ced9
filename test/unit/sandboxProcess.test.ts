// The sandbox's emulator child process: started from the real bundle, read, stopped, and watched.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmulatorProcess, type SandboxProcess } from '../../src/features/sandbox/emulatorProcess';
import { VURBO_KEY_PATTERN } from '../../src/core/providers';

const root = path.resolve(__dirname, '../..');
const bundle = path.join(root, 'dist/emulator.js');

async function reachable(origin: string): Promise<boolean> {
  return fetch(`${origin}/__emulator/access-log`).then(
    (r) => r.ok,
    () => false,
  );
}

describe('sandbox emulator process', function () {
  this.timeout(30_000);
  const started: SandboxProcess[] = [];
  let tmp = '';

  before(() => {
    if (!fs.existsSync(bundle)) execFileSync(process.execPath, [path.join(root, 'esbuild.js')], { cwd: root, stdio: 'ignore' });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-process-'));
  });
  after(async () => {
    await Promise.all(started.map((p) => p.stop()));
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('starts the bundled emulator on loopback with fresh keys and stops it', async () => {
    const proc = await startEmulatorProcess(bundle, () => undefined);
    started.push(proc);
    assert.match(proc.info.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(proc.info.vurboBaseUrl, proc.info.origin);
    assert.equal(proc.info.valossaBaseUrl, `${proc.info.origin}/core/1.0`);
    assert.match(proc.info.keys.vurbo, VURBO_KEY_PATTERN);
    assert.ok(proc.info.keys.valossa.length >= 16);
    // The seeded jobs' titles, which the API's job list does not carry.
    assert.ok(Object.values(proc.info.valossaJobTitles ?? {}).includes('Product review'), JSON.stringify(proc.info.valossaJobTitles));
    assert.ok(await reachable(proc.info.origin));

    const other = await startEmulatorProcess(bundle, () => undefined);
    started.push(other);
    assert.notEqual(other.info.keys.vurbo, proc.info.keys.vurbo, 'each sandbox gets its own keys');
    await other.stop();

    let crashed = false;
    proc.onUnexpectedExit(() => (crashed = true));
    await proc.stop();
    await proc.stop();
    assert.equal(await reachable(proc.info.origin), false);
    assert.equal(crashed, false, 'a requested stop is not a crash');
  });

  it('with a state file comes back on the same origin with the same keys and jobs after a stop', async () => {
    const stateFile = path.join(tmp, 'kept', 'state.json');
    const first = await startEmulatorProcess(bundle, () => undefined, { stateFile });
    started.push(first);
    const res = await fetch(`${first.info.valossaBaseUrl}/new_job`, {
      method: 'POST',
      body: JSON.stringify({ api_key: first.info.keys.valossa, media: { video: { url: 'https://media.example.com/kept.mp4' } } }),
    });
    const { job_id: jobId } = (await res.json()) as { job_id: string };
    await first.stop();
    const second = await startEmulatorProcess(bundle, () => undefined, { stateFile });
    started.push(second);
    assert.equal(second.info.origin, first.info.origin);
    assert.deepEqual(second.info.keys, first.info.keys);
    const list = (await (await fetch(`${second.info.valossaBaseUrl}/list_jobs?api_key=${second.info.keys.valossa}`)).json()) as { jobs: { job_id: string }[] };
    assert.ok(
      list.jobs.some((j) => j.job_id === jobId),
      'the job created before the stop is listed',
    );
    await second.stop();
  });

  it('reports an emulator that dies on its own', async () => {
    const proc = await startEmulatorProcess(bundle, () => undefined);
    started.push(proc);
    const exit = new Promise<string>((resolve) => proc.onUnexpectedExit((code, signal) => resolve(`${code}/${signal}`)));
    process.kill(proc.pid as number, 'SIGKILL');
    assert.equal(await exit, 'null/SIGKILL');
  });

  it("explains a start-up failure with the process's last output", async () => {
    const script = path.join(tmp, 'dies.js');
    fs.writeFileSync(script, "process.stderr.write('port already taken\\n'); process.exit(3);\n");
    const lines: string[] = [];
    await assert.rejects(
      startEmulatorProcess(script, (l) => lines.push(l)),
      /did not start: it exited with code 3\. Its last output: port already taken/,
    );
    assert.deepEqual(lines, ['port already taken']);
  });

  it("refuses a start-up line that is not the emulator's", async () => {
    const script = path.join(tmp, 'garbage.js');
    fs.writeFileSync(script, "console.log(JSON.stringify({ hello: 'world' })); setInterval(() => {}, 1000);\n");
    await assert.rejects(
      startEmulatorProcess(script, () => undefined),
      /unexpected start-up line/,
    );
  });
});
