// `npm run emulator` with the switches for the behaviours the docs leave open: anyone can try the
// other shapes a real server may send without writing code.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { once } from 'node:events';
import { HttpClient } from '../../src/core/http/client';
import { VurboClient } from '../../src/core/vurbo/client';
import { historyPath } from '../../src/core/vurbo/sse';

const main = path.resolve(__dirname, '../../src/emulator/main.ts');

interface Started {
  child: ChildProcess;
  info: { origin: string; keys: { vurbo: string }; failingKeys: { key: string; code: string }[] };
}

async function startCli(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', main, '--json', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  while (!out.includes('\n'))
    await Promise.race([
      once(child.stdout!, 'data'),
      once(child, 'exit').then(() => {
        throw new Error(`the emulator exited: ${out}`);
      }),
    ]);
  return { child, info: JSON.parse(out.split('\n')[0]) };
}

describe('emulator command line: switches for undocumented behaviours', function () {
  this.timeout(30_000);
  let started: Started | undefined;
  afterEach(() => started?.child.kill());

  it('--error-shape flat and --key-failure: a generated key refused with the documented code, status and a flat body', async () => {
    started = await startCli(['--error-shape', 'flat', '--key-failure', 'auth_user_disabled']);
    const [failing] = started.info.failingKeys;
    assert.equal(failing.code, 'auth_user_disabled');
    const res = await fetch(`${started.info.origin}/api/v1/tasks`, { headers: { 'x-api-key': failing.key } });
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), { error_code: 'auth_user_disabled', message: 'User disabled' });
  });

  it('--sse-no-ids --sse-end close: a history stream without ids that ends without its terminal event', async () => {
    started = await startCli(['--sse-no-ids', '--sse-end', 'close']);
    const headers = { 'x-api-key': started.info.keys.vurbo };
    const [task] = await new VurboClient({ baseUrl: started.info.origin, key: started.info.keys.vurbo, http: new HttpClient({ provider: 'vurbo' }) }).listTasks(
      'all',
    );
    const text = await (await fetch(`${started.info.origin}/api/v1${historyPath(task.taskId)}`, { headers })).text();
    assert.match(text, /^event: /m);
    assert.doesNotMatch(text, /^id: /m);
    assert.doesNotMatch(text, /^event: done$/m);
  });

  it('--batch-revoke-field broadcast_ids: batch revoke takes its ids only in that field', async () => {
    started = await startCli(['--batch-revoke-field', 'broadcast_ids']);
    const revoke = (body: unknown) =>
      fetch(`${started!.info.origin}/api/v1/broadcasts/batch`, {
        method: 'DELETE',
        headers: { 'x-api-key': started!.info.keys.vurbo, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const refused = await revoke({ ids: ['not-a-broadcast'] });
    assert.equal(refused.status, 400);
    assert.match(JSON.stringify(await refused.json()), /broadcast_ids must be a list/);
    const accepted = await revoke({ broadcast_ids: ['not-a-broadcast'] });
    assert.equal(accepted.status, 200);
    assert.deepEqual(await accepted.json(), { data: { revoked_count: 0, revoked_ids: [] } });
  });

  it('refuses a switch value it does not know, with the values it takes', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', main, '--sse-end', 'sometimes'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
    const [code] = await once(child, 'exit');
    assert.equal(code, 2);
    assert.match(err, /--sse-end takes close or unknownTerminal/);
  });
});
