// A cloned folder whose .vscode/settings.json points both providers at another host (a
// request-logging emulator on another loopback port), opened with workspace trust ON, as a cautious
// user has it. In restricted mode the setting is ignored, and the extension says so. Once trusted,
// no key reaches the folder's host until the user confirms it in a modal that names host and file:
// Cancel and "Use the default host instead" send nothing there, under every key-storing command.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator, type Emulator } from '../../src/emulator/index';
import type { ProviderId } from '../../src/core/providers';
import { generateValossaKey, generateVurboKey } from '../../src/emulator/keys';
import { useVsCode } from './harness';
import { answerHostModal as answerHost, CONTAINER, providerLabel, setApiKey, testApiKey, VIEW } from './speechApi';
import { LIMITS } from './support/limits';

describe('workspace-named hosts: a key goes there only after a confirmation that names the host', function () {
  const userKey = generateVurboKey(); // stored for the user's own host (the harness emulator)
  const envKey = generateVurboKey(); // VURBO_API_KEY in the environment VS Code started from
  const valossaEnvKey = generateValossaKey();
  let listener: Emulator;
  const vscode = useVsCode({
    workspaceTrust: true,
    emulator: { keys: { vurbo: userKey } },
    env: { VURBO_API_KEY: envKey, VALOSSA_API_KEY: valossaEnvKey },
    files: { 'README.md': '# a cloned project\n' },
  });
  const folderSettings = () => path.join(vscode.workspaceDir, '.vscode', 'settings.json');

  before(async () => {
    listener = await startEmulator({ seed: false });
  });
  after(() => listener?.close());

  /** What reached the folder's host so far. */
  const received = () => listener.server.accessLog.length;
  const leaked = () => listener.server.accessLog.filter((e) => [envKey, userKey, valossaEnvKey].some((k) => JSON.stringify(e).includes(k)));

  /** Answers the host modal after checking that it names the provider, the folder's host and its settings file. */
  async function answerHostModal(provider: ProviderId, answer: 'Use this host' | 'Use the default host instead' | 'Cancel'): Promise<void> {
    const text = await answerHost(vscode.workbench, provider, answer);
    assert.ok(text.includes(`Send your ${providerLabel(provider)} API key to ${listener.origin}?`), text);
    assert.ok(text.includes(folderSettings()), `the modal names the settings file: ${text}`);
  }

  async function paneTitle(view: string): Promise<string> {
    const pane = await vscode.workbench.view(view);
    return (await pane.locator('.pane-header').first().innerText()).replace(/\s+/g, ' ').trim();
  }

  it("in restricted mode ignores the folder's base URLs and says so once, with Manage Workspace Trust and Show Setting", async () => {
    const { workbench } = vscode;
    // The folder's settings arrive as part of the clone, before the window opens them.
    fs.mkdirSync(path.dirname(folderSettings()), { recursive: true });
    fs.writeFileSync(
      folderSettings(),
      JSON.stringify({ 'speechApi.vurbo.baseUrl': listener.vurboBaseUrl, 'speechApi.valossa.baseUrl': listener.valossaBaseUrl }, null, 2),
    );
    await vscode.reload();
    // The extension activates with its views (it loads lazily), and says it then.
    await workbench.openViewContainer(CONTAINER);
    const notice = await workbench.waitForNotification(
      /This folder sets speechApi\.valossa\.baseUrl and speechApi\.vurbo\.baseUrl, which VS Code ignores until you trust the folder/,
    );
    assert.deepEqual(notice.buttons, ['Manage Workspace Trust', 'Show Setting']);
    await notice.click('Show Setting');
    await vscode.page.locator('.part.editor .tab.active', { hasText: 'settings.json' }).waitFor();
    await setApiKey(workbench, 'vurbo', userKey);
    await workbench.clearNotifications();
    const ok = await testApiKey(workbench, 'vurbo');
    assert.match(ok.message, new RegExp(`works`), ok.message);
    await workbench.clearNotifications();
    assert.equal(received(), 0, "nothing reached the folder's host in restricted mode");
  });

  it("after the folder is trusted, the views name the folder's host as not confirmed and contact nothing", async () => {
    const { workbench, page } = vscode;
    await workbench.runCommand('Workspaces: Manage Workspace Trust');
    await page
      .locator('.workspace-trust-editor .monaco-button', { hasText: /^Trust/ })
      .first()
      .click();
    await page.locator('.workspace-trust-editor', { hasText: 'You trust this folder' }).waitFor();
    // The trust editor opens as a modal editor over the workbench: close it with its close button.
    const modal = page.locator('.monaco-modal-editor-block');
    await modal.locator('.action-label.codicon-close, .action-label[aria-label^="Close"]').first().click();
    await modal.waitFor({ state: 'detached' });
    await workbench.openViewContainer(CONTAINER);
    const host = new URL(listener.origin).host;
    await workbench.poll(
      async () => (await paneTitle(VIEW.vurbo)).includes(`${host} · folder setting, not confirmed`),
      'the Tasks view to name the folder host',
      LIMITS.roundTrip,
      () => '',
    );
    await workbench.poll(
      async () => (await paneTitle(VIEW.valossa)).includes(`${host} · folder setting, not confirmed`),
      'the Jobs view to name the folder host',
      LIMITS.roundTrip,
    );
    const welcome = await workbench.welcomeView(VIEW.vurbo);
    assert.match(welcome.text, /This folder's settings point Vurbo\.ai VAS at the host in this view's title bar/);
    assert.ok(welcome.buttons.includes('Review Host…'), welcome.buttons.join(' | '));
    assert.equal(received(), 0);
  });

  it('Import from Environment asks first; Cancel stores and sends nothing', async () => {
    const { workbench } = vscode;
    await workbench.runCommand('Speech API: Import API Key from Environment Variable');
    // Both variables are set: each provider's host is asked about in turn.
    await answerHostModal('valossa', 'Cancel');
    await answerHostModal('vurbo', 'Cancel');
    assert.equal(received(), 0);
    assert.ok(!(await workbench.notifications()).some((n) => /^Imported/.test(n.message)));
  });

  it('Set API Key and Test API Key ask first; Cancel opens no key box and sends nothing', async () => {
    const { workbench } = vscode;
    await workbench.runCommand('Speech API: Set API Key…');
    await workbench.pickQuickPickItem(providerLabel('vurbo'));
    await answerHostModal('vurbo', 'Cancel');
    await workbench.runCommand('Speech API: Test API Key');
    await workbench.pickQuickPickItem(providerLabel('vurbo'));
    await answerHostModal('vurbo', 'Cancel');
    assert.equal(received(), 0);
  });

  it('the quick fix that stores a found key asks first; Cancel stores nothing, edits nothing and sends nothing', async () => {
    const { workbench } = vscode;
    const file = path.join(vscode.workspaceDir, 'src', 'client.ts');
    const content = `export const key = "${generateVurboKey()}";\n`;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    await workbench.openFile('src/client.ts');
    await workbench.goToLineColumn(1, 24);
    await workbench.applyQuickFix(/Read the key from the environment variable VURBO_API_KEY and store the key in Secret Storage/);
    await answerHostModal('vurbo', 'Cancel');
    assert.ok(!(await workbench.notifications()).some((n) => /Secret Storage/.test(n.message)), 'nothing was stored');
    assert.equal(fs.readFileSync(file, 'utf8'), content, 'the file is unchanged');
    assert.ok(!(await vscode.page.locator('.part.editor .tab.active.dirty').count()), 'the editor holds no edit');
    assert.equal(received(), 0);
  });

  it('"Use the default host instead" stores the imported key for the user\'s host and never contacts the folder\'s', async () => {
    const { workbench, emulator } = vscode;
    await workbench.runCommand('Speech API: Import API Key from Environment Variable');
    await answerHostModal('valossa', 'Cancel');
    await answerHostModal('vurbo', 'Use the default host instead');
    const done = await workbench.waitForNotification(/^Imported VURBO_API_KEY → Vurbo\.ai VAS, /);
    assert.ok(done.message.includes(emulator.origin), done.message);
    assert.match(done.message, /your user settings/);
    await workbench.clearNotifications();
    const host = new URL(emulator.origin).host;
    await workbench.poll(async () => (await paneTitle(VIEW.vurbo)).includes(`${host} · user setting`), 'the Tasks view back on the user host');
    assert.equal(received(), 0);
  });

  it('Forget Answers brings the question back; "Use this host" is the only way a key reaches the folder\'s host', async () => {
    const { workbench } = vscode;
    await workbench.runCommand('Speech API: Forget Answers about Workspace-Named Hosts…');
    await workbench.waitForQuickInput({ title: 'Forget Host Answers' });
    await vscode.page.keyboard.press('Enter');
    await workbench.waitForNotification('Forgot 1 host answer.');
    await workbench.clearNotifications();
    const host = new URL(listener.origin).host;
    await workbench.poll(async () => (await paneTitle(VIEW.vurbo)).includes(`${host} · folder setting, not confirmed`), 'the question back');
    assert.equal(received(), 0, 'nothing reached the folder host before "Use this host"');

    await workbench.runCommand('Speech API: Set API Key…');
    await workbench.pickQuickPickItem(providerLabel('vurbo'));
    await answerHostModal('vurbo', 'Use this host');
    await workbench.waitForQuickInput({ title: new RegExp(`^Vurbo\\.ai VAS API key for ${listener.origin.replace(/[.]/g, '\\.')}$`) });
    await workbench.typeInQuickInput(generateVurboKey(), { submit: true });
    await workbench.waitForNotification('Vurbo.ai VAS key saved for');
    await workbench.clearNotifications();
    // Now, and only now, the folder's host is used (its view lists from it).
    await workbench.poll(async () => received() > 0, 'the confirmed host to be contacted');
    assert.deepEqual(leaked(), [], 'neither the environment key nor the user key reached the folder host');
  });
});
