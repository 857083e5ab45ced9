// The local sandbox from a user's seat: "Use Local Sandbox" in the welcome view starts the bundled
// emulator, both providers work against it with its own keys, a key stored for another host never
// reaches it, a window reload brings it back the same, a cleared key comes back with "Use Local
// Sandbox", and stopping it restores the base URLs and that other key's use.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { generateVurboKey } from '../../src/emulator/keys';
import type { AccessLogEntry } from '../../src/emulator/server';
import { useVsCode } from './harness';
import { CONTAINER, setApiKey, testApiKey, VIEW, newValossaJobFromUrl } from './speechApi';
import { LIMITS } from './support/limits';

function machineSetting(userDataDir: string, name: string): unknown {
  return JSON.parse(fs.readFileSync(path.join(userDataDir, 'Machine/settings.json'), 'utf8'))[name];
}

function accepts(origin: string): Promise<boolean> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('sandbox: Use Local Sandbox, then stop', function () {
  // The in-process emulator stands for the "real" host here; this key belongs to it.
  const realKey = generateVurboKey();
  const vscode = useVsCode({ emulator: { keys: { vurbo: realKey } } });
  let sandboxOrigin = '';

  it('starts from the welcome view: status-bar item, keys stored for the sandbox, welcome views gone', async () => {
    const { workbench, page, emulator, userDataDir } = vscode;
    await setApiKey(workbench, 'vurbo', realKey);
    await workbench.clearNotifications();
    await workbench.openViewContainer(CONTAINER);
    await workbench.clickWelcomeButton(VIEW.valossa, 'Use Local Sandbox');
    const started = await workbench.waitForNotification(/^Speech API sandbox running at (http:\/\/127\.0\.0\.1:\d+)\./);
    sandboxOrigin = /(http:\/\/127\.0\.0\.1:\d+)/.exec(started.message)?.[1] ?? '';
    assert.notEqual(sandboxOrigin, emulator.origin);
    assert.ok(await accepts(sandboxOrigin), 'the sandbox listens');
    await page.locator('.part.statusbar').getByText('Speech API Sandbox').waitFor();

    assert.equal(machineSetting(userDataDir, 'speechApi.vurbo.baseUrl'), sandboxOrigin);
    assert.equal(machineSetting(userDataDir, 'speechApi.valossa.baseUrl'), `${sandboxOrigin}/core/1.0`);
    // Both providers have a key for the sandbox origin, so the welcome views give way.
    const setKeyButtons = page.locator('.part.sidebar .welcome-view-content .monaco-button', { hasText: 'Set API Key' });
    await workbench.poll(async () => (await setKeyButtons.count()) === 0, 'the welcome views to go');
    // Each view's title says it talks to the sandbox.
    const sandboxHost = new URL(sandboxOrigin).host;
    for (const view of [VIEW.valossa, VIEW.vurbo]) {
      const header = (await workbench.view(view)).locator('.pane-header').first();
      await workbench.poll(
        async () => (await header.innerText()).replace(/\s+/g, ' ').includes(`${sandboxHost} · sandbox`),
        `${view}'s title to name the sandbox`,
      );
    }
  });

  it("Test API Key succeeds for both providers against the sandbox; the other host's key never reaches it", async () => {
    const { workbench, emulator } = vscode;
    const before = emulator.server.accessLog.length;
    for (const provider of ['valossa', 'vurbo'] as const) {
      await workbench.clearNotifications();
      const result = await testApiKey(workbench, provider);
      assert.equal(result.severity, 'info', result.message);
      assert.match(result.message, new RegExp(`key for ${sandboxOrigin.replace(/[.]/g, '\\.')} works`));
    }
    assert.equal(emulator.server.accessLog.length, before, 'no request went to the other host');
    const res = await fetch(`${sandboxOrigin}/__emulator/access-log`);
    const log = (await res.json()) as AccessLogEntry[];
    assert.ok(
      log.some((e) => e.url.startsWith('/api/v1/tasks')),
      'the Vurbo probe reached the sandbox',
    );
    assert.ok(!JSON.stringify(log).includes(realKey), 'the key of the other host was never sent to the sandbox');
  });

  it('a window reload brings the sandbox back on the same origin, with the job created before it', async () => {
    const { workbench, page, userDataDir } = vscode;
    await workbench.clearNotifications();
    await newValossaJobFromUrl(workbench, 'https://media.example.com/videos/kept.mp4', 'Kept across the reload');
    await workbench.waitForTreeItem(VIEW.valossa, 'Kept across the reload', { timeoutMs: LIMITS.roundTrip });

    await vscode.reload();
    await workbench.openViewContainer(CONTAINER);
    await page.locator('.part.statusbar').getByText('Speech API Sandbox').waitFor({ timeout: LIMITS.roundTrip });
    await workbench.waitForTreeItem(VIEW.valossa, 'Kept across the reload', { timeoutMs: LIMITS.roundTrip });
    assert.ok(await accepts(sandboxOrigin), 'the sandbox listens on the same origin');
    assert.equal(machineSetting(userDataDir, 'speechApi.vurbo.baseUrl'), sandboxOrigin);
    const result = await testApiKey(workbench, 'vurbo');
    assert.match(result.message, new RegExp(`key for ${sandboxOrigin.replace(/[.]/g, '\\.')} works`), 'the same keys work');
    // What it keeps is under the extension's global storage.
    const stateFiles = fs
      .readdirSync(path.join(userDataDir, 'User/globalStorage'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(path.join('sandbox', 'state.json')));
    assert.equal(stateFiles.length, 1, 'one sandbox state file');
  });

  it('Clear API Key while it runs, then Use Local Sandbox puts the key back and says so', async () => {
    const { workbench, page } = vscode;
    await workbench.clearNotifications();
    await workbench.runCommand('Speech API: Clear API Key…');
    await workbench.pickQuickPickItem('Valossa Core');
    const modal = page.locator('.monaco-dialog-box', { hasText: 'Remove the Valossa Core key' });
    await modal.locator('.monaco-button', { hasText: /^\s*Remove\s*$/ }).click();
    await workbench.waitForNotification(/^Removed the Valossa Core key for/);
    await workbench.clearNotifications();
    await workbench.clickWelcomeButton(VIEW.valossa, 'Use Local Sandbox');
    const said = await workbench.waitForNotification(/^The Speech API sandbox is already running at/);
    assert.match(said.message, /Restored: Valossa Core key\./);
    await workbench.waitForTreeItem(VIEW.valossa, 'Kept across the reload', { timeoutMs: LIMITS.roundTrip });
  });

  it('Stop Local Sandbox restores the base URLs, ends the emulator, and the other key works again', async () => {
    const { workbench, page, emulator, userDataDir } = vscode;
    await workbench.clearNotifications();
    await workbench.runCommand('Speech API: Stop Local Sandbox');
    const stopped = await workbench.waitForNotification(/^Speech API sandbox stopped\. Base URLs restored/);
    assert.match(stopped.message, new RegExp(emulator.origin.replace(/[.]/g, '\\.')));
    assert.equal(machineSetting(userDataDir, 'speechApi.vurbo.baseUrl'), emulator.vurboBaseUrl);
    assert.equal(machineSetting(userDataDir, 'speechApi.valossa.baseUrl'), emulator.valossaBaseUrl);
    await page.locator('.part.statusbar').getByText('Speech API Sandbox').waitFor({ state: 'hidden' });
    await workbench.poll(async () => !(await accepts(sandboxOrigin)), 'the sandbox to stop listening');

    await workbench.clearNotifications();
    const result = await testApiKey(workbench, 'vurbo');
    assert.match(result.message, new RegExp(`^Vurbo\\.ai VAS key for ${emulator.origin.replace(/[.]/g, '\\.')} works`));
    // The Valossa welcome view is back: its sandbox key was for the sandbox origin only.
    const welcome = await workbench.welcomeView(VIEW.valossa);
    assert.ok(welcome.buttons.includes('Use Local Sandbox'));
  });
});
