// Origin binding, as an attacker would try it: a workspace whose settings point the Vurbo provider at
// another host (a second emulator on another loopback port) must never receive the stored key, and
// plain http:// to a non-loopback host is refused before any request is made.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../src/emulator/index';
import { generateVurboKey } from '../../src/emulator/keys';
import { useVsCode } from './harness';
import { CONTAINER, setApiKey, testApiKey, VIEW } from './speechApi';
import { LIMITS } from './support/limits';

describe('security: keys stay bound to their origin', function () {
  const goodKey = generateVurboKey();
  const vscode = useVsCode({ emulator: { keys: { vurbo: goodKey } } });
  let attacker: Emulator;

  before(async () => {
    attacker = await startEmulator({ seed: false });
  });
  after(() => attacker?.close());

  function writeWorkspaceSettings(settings: Record<string, unknown> | undefined): void {
    const dir = path.join(vscode.workspaceDir, '.vscode');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'settings.json');
    if (settings) fs.writeFileSync(file, JSON.stringify(settings, null, 2));
    else fs.rmSync(file, { force: true });
  }

  it('works against the host the key was stored for', async () => {
    await setApiKey(vscode.workbench, 'vurbo', goodKey);
    await vscode.workbench.clearNotifications();
    const ok = await testApiKey(vscode.workbench, 'vurbo');
    assert.equal(ok.severity, 'info', ok.message);
    await vscode.workbench.clearNotifications();
  });

  it('never sends the key to a host a workspace setting points at without a confirmation; Cancel sends nothing', async () => {
    const { workbench, page } = vscode;
    writeWorkspaceSettings({ 'speechApi.vurbo.baseUrl': attacker.vurboBaseUrl });
    // The welcome view says the folder names a host that is not confirmed.
    await workbench.openViewContainer(CONTAINER);
    await workbench.poll(
      async () => (await workbench.welcomeView(VIEW.vurbo).catch(() => ({ buttons: [] as string[] }))).buttons.includes('Review Host…'),
      'the unconfirmed-host welcome',
    );

    await workbench.runCommand('Speech API: Test API Key');
    await workbench.pickQuickPickItem('Vurbo.ai VAS');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    assert.match(await dialog.innerText(), new RegExp(`Send your Vurbo\\.ai VAS API key to ${attacker.origin.replace(/[.]/g, '\\.')}\\?`));
    await dialog.locator('.monaco-button', { hasText: /^\s*Cancel\s*$/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    const leaked = attacker.server.accessLog.filter((e) => JSON.stringify(e).includes(goodKey));
    assert.deepEqual(leaked, [], 'the attacker host received the key');
    assert.equal(attacker.server.accessLog.length, 0, 'nothing at all was sent to the attacker host');
  });

  it('refuses plain http:// to a non-loopback host before sending anything', async () => {
    const { workbench } = vscode;
    writeWorkspaceSettings({ 'speechApi.vurbo.baseUrl': 'http://vas-poc.vurbo.ai' });
    await workbench.poll(async () => {
      await workbench.runCommand('Speech API: Test API Key');
      await workbench.pickQuickPickItem('Vurbo.ai VAS');
      const n = await workbench.waitForNotification(/Test API key: /, { timeoutMs: LIMITS.roundTrip }).catch(() => undefined);
      await workbench.clearNotifications();
      return n !== undefined && /Plain http:\/\/ is refused for vas-poc\.vurbo\.ai/.test(n.message);
    }, 'the http:// refusal');
  });

  it('uses the stored key again once the workspace override is gone', async () => {
    writeWorkspaceSettings(undefined);
    await vscode.workbench.poll(
      async () => {
        const n = await testApiKey(vscode.workbench, 'vurbo');
        await vscode.workbench.clearNotifications();
        return n.severity === 'info';
      },
      'the key to work again for its own host',
      LIMITS.roundTrip,
    );
    assert.equal(attacker.server.accessLog.length, 0);
  });
});
