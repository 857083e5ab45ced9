// The emulator's state file: what a sandbox had (keys, port, jobs, tasks) is there again when it is
// started with the same file, and the seeded jobs that run at start finish on their own.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { HttpClient } from '../../src/core/http/client';
import { ValossaClient } from '../../src/core/valossa/client';
import { isTerminal } from '../../src/core/valossa/types';
import { VurboClient } from '../../src/core/vurbo/client';
import { encodeWav, toneSamples } from '../../src/core/vurbo/wav';
import { startEmulator, type Emulator } from '../../src/emulator/index';

const valossaOf = (emu: Emulator) => new ValossaClient({ baseUrl: emu.valossaBaseUrl, key: emu.keys.valossa, http: new HttpClient({ provider: 'valossa' }) });
const vurboOf = (emu: Emulator) => new VurboClient({ baseUrl: emu.vurboBaseUrl, key: emu.keys.vurbo, http: new HttpClient({ provider: 'vurbo' }) });

async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('emulator state file', function () {
  this.timeout(20_000);
  let dir = '';
  const open: Emulator[] = [];
  const start = async (options: Parameters<typeof startEmulator>[0]) => {
    const emu = await startEmulator({ jobStepMs: 100, ...options });
    open.push(emu);
    return emu;
  };

  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'emulator-state-'))));
  afterEach(async () => {
    await Promise.all(open.splice(0).map((e) => e.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('brings back port, keys, a created job, an imported task and the edits after a restart', async () => {
    const stateFile = path.join(dir, 'nested', 'state.json');
    const first = await start({ stateFile });
    const jobId = await valossaOf(first).newJob({ videoUrl: 'https://media.example.com/kept.mp4', title: 'Kept job' });
    const vurbo = vurboOf(first);
    const seeded = await vurbo.listTasks('all');
    const [renamed, deleted] = seeded;
    await vurbo.renameTask(renamed.taskId, 'Renamed before the restart');
    await vurbo.deleteTask(deleted.taskId);
    const wav = path.join(dir, 'kept.wav');
    fs.writeFileSync(wav, encodeWav(toneSamples(2, 8000), 8000));
    const imported = await vurbo.uploadImport({ path: wav, transcriptionLanguages: ['en-US'] });
    // Written a moment after the changes, without waiting for close.
    await eventually(
      () => fs.existsSync(stateFile) && fs.readFileSync(stateFile, 'utf8').includes('Renamed before the restart'),
      'the state file to be written',
    );
    await first.close();

    const second = await start({ stateFile });
    assert.equal(second.port, first.port, 'the same port');
    assert.deepEqual(second.keys, first.keys, 'the same keys');
    assert.ok(second.valossa.jobIds(second.keys.valossa).includes(jobId), 'the created job is listed');
    await eventually(async () => (await valossaOf(second).jobStatus(jobId)).status === 'finished', 'the kept job to finish');
    const tasks = await vurboOf(second).listTasks('all');
    const titles = tasks.map((t) => t.title);
    assert.ok(titles.includes('Renamed before the restart'), titles.join(', '));
    assert.ok(!tasks.some((t) => t.taskId === deleted.taskId), 'the deleted task stays deleted');
    assert.equal(tasks.length, seeded.length, 'the seed is not added again: one deleted, one imported');
    const importedTask = tasks.find((t) => t.taskId === imported.taskId);
    assert.ok(importedTask, 'the imported task is there');
    // An import cut off by the restart goes on to completed.
    await eventually(
      async () => (await vurboOf(second).listTasks('all')).find((t) => t.taskId === imported.taskId)?.processingStatus === 'completed',
      'the imported task to complete',
    );
  });

  it('takes another port when the saved one stays taken, keeping keys and data', async () => {
    const stateFile = path.join(dir, 'state.json');
    const first = await start({ stateFile });
    const jobId = await valossaOf(first).newJob({ videoUrl: 'https://media.example.com/moved.mp4' });
    await first.close();
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(first.port, '127.0.0.1', resolve));
    try {
      const second = await start({ stateFile, portWaitMs: 200 });
      assert.notEqual(second.port, first.port);
      assert.deepEqual(second.keys, first.keys);
      assert.ok(second.valossa.jobIds(second.keys.valossa).includes(jobId));
    } finally {
      squatter.close();
    }
  });

  it('an explicit port and explicit keys win over the file', async () => {
    const stateFile = path.join(dir, 'state.json');
    const first = await start({ stateFile });
    await first.close();
    const second = await start({ stateFile, port: 0, keys: { vurbo: first.keys.vurbo } });
    assert.equal(second.keys.vurbo, first.keys.vurbo);
    assert.equal(second.keys.valossa, first.keys.valossa, 'the key not given comes from the file');
    assert.ok(second.port > 0);
  });

  it('moves an unreadable file aside, says so and starts afresh', async () => {
    const stateFile = path.join(dir, 'state.json');
    fs.writeFileSync(stateFile, '{"version": 1, "keys": ');
    const lines: string[] = [];
    const emu = await start({ stateFile, log: (l) => lines.push(l) });
    assert.equal(fs.readFileSync(`${stateFile}.unreadable`, 'utf8'), '{"version": 1, "keys": ');
    assert.ok(
      lines.some((l) => l.includes('unreadable')),
      lines.join('\n'),
    );
    assert.ok(emu.valossa.jobIds(emu.keys.valossa).length >= 5, 'seeded afresh');
  });

  it('without a state file writes nothing and seeds every start', async () => {
    const emu = await start({});
    await emu.close();
    assert.deepEqual(fs.readdirSync(dir), []);
  });
});

describe('emulator seeded jobs', function () {
  this.timeout(10_000);

  it('the queued and processing seeded jobs walk on and finish, at the seed pace', async () => {
    const emu = await startEmulator({ seedJobStepMs: 80 });
    try {
      const client = valossaOf(emu);
      const listed = await client.listJobs();
      const running = listed.filter((j) => !isTerminal(j.status));
      assert.deepEqual(running.map((j) => j.status).sort(), ['processing', 'queued'], 'one processing, one queued at start');
      await eventually(async () => (await client.listJobs()).every((j) => isTerminal(j.status)), 'every seeded job to end');
      const finished = (await client.listJobs()).filter((j) => j.status === 'finished').map((j) => j.job_id);
      for (const j of running) assert.ok(finished.includes(j.job_id), `${j.job_id} finished`);
    } finally {
      await emu.close();
    }
  });

  it('by default they stay running for a while (a minute a stage)', async () => {
    const emu = await startEmulator();
    try {
      const running = (await valossaOf(emu).listJobs()).filter((j) => !isTerminal(j.status));
      assert.equal(running.length, 2);
    } finally {
      await emu.close();
    }
  });
});
