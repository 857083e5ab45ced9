// "Copy as curl" for Vurbo: the copied command holds no key, and pasted into a shell with
// $VURBO_API_KEY set it does what the client did — run here with the real curl against the emulator.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { vurboCurl } from '../../src/core/vurbo/curl';
import { historyPath } from '../../src/core/vurbo/sse';
import { startVurboFixture, type VurboFixture } from './vurbo-fixture';

const run = promisify(execFile);

describe('Vurbo copy as curl', () => {
  let f: VurboFixture;
  beforeEach(async () => {
    f = await startVurboFixture();
  });
  afterEach(() => f.close());

  it('renders a rename with the key as ${VURBO_API_KEY} in the header, and the command works in a shell', async () => {
    const task = await f.task('Weekly product review');
    const name = `It's "quoted" $HOME \`x\``; // shell metacharacters must reach the server literally
    await f.client.renameTask(task.taskId, name);
    const curl = vurboCurl(f.client.lastRequest!);
    assert.ok(!curl.includes(f.key) && !curl.includes(f.key.slice(4)), 'no key in the command');
    assert.match(curl, /^curl -X PATCH /);
    assert.match(curl, /-H "X-API-Key: \$\{VURBO_API_KEY\}"/);

    await f.client.renameTask(task.taskId, 'Renamed back');
    const { stdout } = await run('sh', ['-c', `${curl} --silent --show-error --fail`], { env: { PATH: process.env.PATH, VURBO_API_KEY: f.key } });
    assert.ok(stdout.length > 0);
    assert.equal((await f.task(name)).taskId, task.taskId, 'the pasted command renamed the task again');
  });

  it('renders a GET history stream that authenticates and streams with the variable set, and is refused without it', async () => {
    const task = await f.task('Weekly product review');
    const curl = vurboCurl({ method: 'GET', url: f.client.url(historyPath(task.taskId)), headers: { Accept: 'text/event-stream' }, keyHeader: 'x-api-key' });
    const ok = await run('sh', ['-c', `${curl} --silent --fail`], { env: { PATH: process.env.PATH, VURBO_API_KEY: f.key } });
    assert.match(ok.stdout, /^event: /m);
    await assert.rejects(run('sh', ['-c', `${curl} --silent --fail`], { env: { PATH: process.env.PATH, VURBO_API_KEY: 'vas_wrong' } }));
  });
});
