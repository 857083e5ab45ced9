// "Check whether this key is live" (src/features/diagnostics/liveCheck.ts) against bench/fakeVscode:
// the verdicts in words, and a workspace whose settings name another host still sends the key only to
// the verifier's origin (the sandbox, through the test-only environment override).
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { VERIFY_ORIGIN_OVERRIDE_ENV } from '../../src/core/keyVerify';
import { scanText } from '../../src/core/scan';
import { startEmulator, type Emulator } from '../../src/emulator/index';
import { generateVurboKey } from '../../src/emulator/keys';
import { fakeVscode, replace } from './featureHarness';

describe('features/diagnostics: Check whether this key is live', () => {
  let fake: ReturnType<typeof fakeVscode>;
  let liveCheck: typeof import('../../src/features/diagnostics/liveCheck');
  let emulator: Emulator;
  let trap: http.Server;
  let trapHits = 0;
  const revoked = generateVurboKey();
  const restore: (() => void)[] = [];
  const shown: string[] = [];
  const logged: string[] = [];
  let savedOverride: string | undefined;

  before(async () => {
    fake = fakeVscode();
    liveCheck = require('../../src/features/diagnostics/liveCheck');
    emulator = await startEmulator({ seed: false, vurboKeyFailures: { [revoked]: 'auth_key_disabled' } });
    trap = http.createServer((_req, res) => {
      trapHits++;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"tasks":[]}}');
    });
    await new Promise<void>((resolve) => trap.listen(0, '127.0.0.1', resolve));
    savedOverride = process.env[VERIFY_ORIGIN_OVERRIDE_ENV];
    process.env[VERIFY_ORIGIN_OVERRIDE_ENV] = emulator.origin;
  });
  after(async () => {
    if (savedOverride === undefined) delete process.env[VERIFY_ORIGIN_OVERRIDE_ENV];
    else process.env[VERIFY_ORIGIN_OVERRIDE_ENV] = savedOverride;
    await emulator.close();
    await new Promise((r) => trap.close(r));
  });
  beforeEach(() => {
    shown.length = 0;
    const trapOrigin = `http://127.0.0.1:${(trap.address() as AddressInfo).port}`;
    const workspace = fake.workspace as Record<string, unknown>;
    const window = fake.window as Record<string, unknown>;
    // The workspace names the trap as both providers' base URL: the check must not go there.
    restore.push(replace(workspace, 'getConfiguration', () => ({ get: (key: string, fallback?: unknown) => (/baseUrl/i.test(key) ? trapOrigin : fallback) })));
    restore.push(
      replace(window, 'withProgress', (_o: unknown, task: (p: unknown, t: unknown) => unknown) =>
        task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) }),
      ),
    );
    for (const name of ['showWarningMessage', 'showInformationMessage']) restore.push(replace(window, name, async (m: string) => void shown.push(m)));
  });
  afterEach(() => {
    for (const r of restore.splice(0).reverse()) r();
  });

  function checkIn(text: string) {
    const doc = { uri: fake.Uri && (fake.Uri as { parse(s: string): unknown }).parse('file:///w/keys.env'), getText: () => text };
    restore.push(replace(fake.workspace as Record<string, unknown>, 'openTextDocument', async () => doc));
    const [f] = scanText(text);
    const check = new liveCheck.LiveKeyCheck(() => scanText(text), { info: (m: string) => void logged.push(m), trace: () => undefined });
    return check.check({ uri: 'file:///w/keys.env', line: f.line - 1, start: f.column - 1, end: f.endColumn - 1, provider: f.provider });
  }

  it('says live for a working key and rejected with the documented code for a disabled one, only asking the verifier origin', async () => {
    const before = emulator.server.accessLog.length;
    const live = await checkIn(`VURBO_API_KEY=${emulator.keys.vurbo}\n`);
    assert.deepEqual(live, { state: 'live' });
    assert.match(shown[0], /^Live: Vurbo\.ai VAS accepts this key\. Rotate it now/);
    const rejected = await checkIn(`VURBO_API_KEY=${revoked}\n`);
    assert.deepEqual(rejected, { state: 'rejected', code: 'auth_key_disabled', status: 401 });
    assert.match(shown[1], /^Rejected: .*\(auth_key_disabled\)/);
    assert.equal(emulator.server.accessLog.length - before, 2);
    assert.equal(trapHits, 0, 'the configured base URL was never used');
    assert.ok(logged.every((l) => !l.includes(emulator.keys.vurbo) && !l.includes(revoked)));
  });

  it('offers "Rotate This Key…" on a live key, and choosing it opens that provider\'s dashboard', async () => {
    const buttons: string[][] = [];
    restore.push(replace(fake.window, 'showWarningMessage', async (_m: string, ...labels: string[]) => (buttons.push(labels), labels[0])));
    const opened = new Promise<string>((resolve) =>
      restore.push(replace(fake.env as Record<string, unknown>, 'openExternal', async (uri: { toString(): string }) => (resolve(uri.toString()), true))),
    );
    assert.deepEqual(await checkIn(`VURBO_API_KEY=${emulator.keys.vurbo}\n`), { state: 'live' });
    assert.deepEqual(buttons, [['Rotate This Key…']]);
    assert.equal(await opened, 'https://vas-poc.vurbo.ai/dashboard');
  });

  it('warns when the file changed and the finding is gone', async () => {
    restore.push(replace(fake.workspace as Record<string, unknown>, 'openTextDocument', async () => ({ getText: () => 'nothing\n' })));
    const check = new liveCheck.LiveKeyCheck(() => [], { info: () => undefined, trace: () => undefined });
    assert.equal(await check.check({ uri: 'file:///w/x', line: 0, start: 0, end: 4, provider: 'vurbo' }), undefined);
    assert.match(shown[0], /no longer there/);
  });
});
