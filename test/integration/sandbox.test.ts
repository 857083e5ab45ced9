// The sandbox commands through the vscode API: start switches both base URLs to a live loopback
// emulator, stop puts back exactly what was there and ends the emulator.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

function baseUrls(): { valossa: unknown; vurbo: unknown } {
  const inspect = (name: string) => vscode.workspace.getConfiguration('speechApi').inspect<string>(name)?.globalValue;
  return { valossa: inspect('valossa.baseUrl'), vurbo: inspect('vurbo.baseUrl') };
}

async function answers(origin: string): Promise<boolean> {
  return fetch(`${origin}/__emulator/access-log`).then(
    (r) => r.ok,
    () => false,
  );
}

describe('sandbox commands', () => {
  it('start points both providers at a running emulator; stop restores the settings and ends it', async () => {
    const before = baseUrls();
    await vscode.commands.executeCommand('speechApi.sandbox.start');
    const during = baseUrls();
    assert.match(String(during.vurbo), /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(during.valossa, `${during.vurbo}/core/1.0`);
    assert.ok(await answers(String(during.vurbo)), 'the sandbox answers');

    await vscode.commands.executeCommand('speechApi.sandbox.stop');
    assert.deepEqual(baseUrls(), before);
    assert.equal(await answers(String(during.vurbo)), false, 'the sandbox is gone');
  });
});
