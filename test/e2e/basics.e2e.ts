// First contact with the extension, as a user has it: the activity-bar icon, the welcome views, and
// a Vurbo key typed into the password box — refused when malformed, rejected by the server when
// unknown, working when right, and never shown in clear.
import assert from 'node:assert/strict';
import { generateVurboKey } from '../../src/emulator/keys';
import { useVsCode } from './harness';
import { CONTAINER, setApiKey, testApiKey, VIEW } from './speechApi';
import { LIMITS } from './support/limits';

describe('basics: sidebar, welcome views and a Vurbo key', function () {
  // Generated now, never committed: the emulator accepts exactly this key.
  const goodKey = generateVurboKey();
  const vscode = useVsCode({ emulator: { keys: { vurbo: goodKey } } });

  /** Fails when the key, or its 32-character body, is readable anywhere in the window. */
  async function assertKeyNotOnScreen(key: string, where: string): Promise<void> {
    const text = await vscode.workbench.text();
    assert.ok(!text.includes(key) && !text.includes(key.slice(4)), `the key is readable on screen ${where}`);
  }

  it('opens the Speech API view from its activity-bar icon', async () => {
    const { workbench, page } = vscode;
    await workbench.activityBarItem(CONTAINER).click();
    await page.locator('.part.sidebar .composite.title h2', { hasText: /Speech API/i }).waitFor();
    const headers = await page.locator('.part.sidebar .pane-header h3.title').allInnerTexts();
    assert.deepEqual(
      headers.map((h) => h.trim().toLowerCase()),
      [VIEW.valossa, VIEW.vurbo, 'Vurbo Broadcasts', 'API Explorer'].map((v) => v.toLowerCase()),
    );
    // Broadcasts start collapsed: most users never host one.
    const broadcastsExpanded = await page.locator('.part.sidebar .pane-header', { hasText: 'Vurbo Broadcasts' }).getAttribute('aria-expanded');
    assert.equal(broadcastsExpanded, 'false');
  });

  it('welcome views offer "Set API Key" and "Use Local Sandbox" while no key is stored', async () => {
    await vscode.workbench.openViewContainer(CONTAINER);
    for (const view of [VIEW.valossa, VIEW.vurbo]) {
      const welcome = await vscode.workbench.welcomeView(view);
      // "Use Local Sandbox" sets up both APIs, so it is offered once, in the first pane.
      const buttons = view === VIEW.valossa ? ['Set API Key', 'Use Local Sandbox', 'Import from Environment'] : ['Set API Key', 'Import from Environment'];
      for (const button of buttons) assert.ok(welcome.buttons.includes(button), `${view}: ${welcome.buttons.join(', ')}`);
      if (view === VIEW.vurbo) {
        assert.ok(!welcome.buttons.includes('Use Local Sandbox'), `the sandbox button shows once: ${welcome.buttons.join(', ')}`);
        assert.match(welcome.text, /"Use Local Sandbox" above sets up both APIs/);
      }
      assert.match(welcome.text, /No .* API key is stored for the host in this view's title bar \(from your settings, or the default\)/);
      // The title bar names that host and where the setting comes from (the harness sets it as a user setting).
      // The extension sets it once it has activated: wait for it.
      const header = (await vscode.workbench.view(view)).locator('.pane-header').first();
      const want = `${new URL(vscode.emulator.origin).host} · user setting`;
      let seen = '';
      await vscode.workbench.poll(
        async () => (seen = (await header.innerText()).replace(/\s+/g, ' ')).includes(want),
        `${view}'s title to name its host`,
        LIMITS.roundTrip,
        () => `it reads "${seen}"`,
      );
    }
  });

  it('refuses a malformed Vurbo key as it is typed, and Enter does not store it', async () => {
    const { workbench } = vscode;
    await workbench.openViewContainer(CONTAINER);
    await workbench.clickWelcomeButton(VIEW.vurbo, 'Set API Key');
    const box = await workbench.waitForQuickInput({ title: /^Vurbo\.ai VAS API key for http:\/\/127\.0\.0\.1:\d+$/ });
    assert.equal(box.inputType, 'password');

    await workbench.typeInQuickInput('sk-1234');
    assert.equal((await workbench.waitForQuickInputMessage('starts with "vas_"')).invalid, true);
    await workbench.typeInQuickInput('vas_tooShort7');
    const tooShort = await workbench.waitForQuickInputMessage('exactly 32 letters and digits (this one has 9)');
    assert.equal(tooShort.invalid, true);
    await workbench.typeInQuickInput(`vas_${'x'.repeat(31)}-`);
    await workbench.waitForQuickInputMessage('only letters and digits');

    await vscode.page.keyboard.press('Enter');
    // The box handles keys in order: when it shows the next value's error, it has dealt with Enter.
    await workbench.typeInQuickInput('sk-1234');
    assert.equal((await workbench.waitForQuickInputMessage('starts with "vas_"')).invalid, true, 'the box stays open with the error');
    await workbench.closeQuickInput();
    assert.ok(!(await workbench.notifications()).some((n) => /key saved/.test(n.message)), 'nothing was saved');
    const welcome = await workbench.welcomeView(VIEW.vurbo);
    assert.ok(welcome.buttons.includes('Set API Key'), 'still no key stored');
  });

  it('reports a well-formed but unknown Vurbo key as rejected, with "Set API Key" to fix it', async () => {
    const { workbench } = vscode;
    const wrongKey = generateVurboKey();
    await setApiKey(workbench, 'vurbo', wrongKey);
    await workbench.clearNotifications();
    const result = await testApiKey(workbench, 'vurbo');
    assert.equal(result.severity, 'error');
    assert.match(result.message, /The Vurbo API key was rejected/);
    assert.ok(result.buttons.includes('Set API Key'), `buttons: ${result.buttons.join(', ')}`);
    await assertKeyNotOnScreen(wrongKey, 'after the rejection');
    await workbench.clearNotifications();
  });

  it('stores a Vurbo key typed into the password box: Test API Key succeeds and the key never shows', async () => {
    const { workbench, emulator } = vscode;
    await workbench.runCommand('Speech API: Set API Key…');
    await workbench.pickQuickPickItem('Vurbo.ai VAS');
    const box = await workbench.waitForQuickInput({ title: /^Vurbo\.ai VAS API key for / });
    assert.equal(box.inputType, 'password', 'the key is typed into a password box');
    await workbench.typeInQuickInput(goodKey);
    assert.equal((await workbench.quickInputState()).invalid, false);
    await assertKeyNotOnScreen(goodKey, 'while it is typed');
    await vscode.page.keyboard.press('Enter');
    // The rejected key of the test before is still stored for this origin: replacing it is asked first.
    const dialog = vscode.page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible', timeout: LIMITS.ui });
    assert.match(await dialog.innerText(), /A Vurbo\.ai VAS key is already stored for http:\/\/127\.0\.0\.1:\d+\. Replace it\?/);
    await assertKeyNotOnScreen(goodKey, 'while replacing is asked');
    await dialog.locator('.monaco-button', { hasText: /^\s*Replace Key\s*$/ }).click();
    const saved = await workbench.waitForNotification(/^Vurbo\.ai VAS key saved for http:\/\/127\.0\.0\.1:\d+\.$/);
    await assertKeyNotOnScreen(goodKey, 'after it was saved');

    const since = emulator.server.accessLog.length;
    await saved.click('Test Key');
    const works = await workbench.waitForNotification(/^Vurbo\.ai VAS key for http:\/\/127\.0\.0\.1:\d+ works \(\d+ tasks? visible\)\.$/, {
      timeoutMs: LIMITS.roundTrip,
    });
    assert.equal(works.severity, 'info');
    await assertKeyNotOnScreen(goodKey, 'after the test');

    // The key went in the X-API-Key header of the probe, never into its URL.
    const probes = emulator.server.accessLog.slice(since).filter((e) => e.url.startsWith('/api/v1/tasks'));
    assert.ok(probes.length >= 1, 'Test API Key called the emulator');
    for (const p of probes) {
      assert.equal(p.headers['x-api-key'], goodKey);
      assert.ok(!p.url.includes(goodKey), 'no key in the URL');
    }

    const log = await workbench.outputChannelText('Speech API');
    assert.match(log, /Stored a Vurbo\.ai VAS key for http:\/\/127\.0\.0\.1:\d+/);
    assert.ok(!log.includes(goodKey), 'the log does not contain the key');
    await assertKeyNotOnScreen(goodKey, 'with the log open');
  });
});

describe('basics: the walkthrough', function () {
  const vscode = useVsCode();

  it('lists its four steps, and a step is ticked once its button was used', async () => {
    const { workbench, page } = vscode;
    await workbench.runCommand('Welcome: Open Walkthrough...');
    await workbench.pickQuickPickItem('Get Started with Speech API Explorer');
    const steps = page.locator('.getting-started-step');
    await steps.first().waitFor();
    const titles = (await steps.allInnerTexts()).map((t) =>
      t
        .split('\n')
        .find((l) => l.trim())!
        .trim(),
    );
    assert.deepEqual(titles, [
      'Choose a provider',
      'Set or import a key — or start the sandbox',
      'Create a job or stream a task',
      'See a hard-coded key flagged',
    ]);
    await page.getByText('Open the Speech API View').click();
    await page.locator('.part.sidebar .composite.title h2', { hasText: /Speech API/i }).waitFor();
    await page.locator('.getting-started-step .codicon-getting-started-step-checked').first().waitFor();
    const ticked = await page
      .locator('.getting-started-step')
      .evaluateAll((els) =>
        els.map(
          (e) =>
            (e as unknown as { getAttribute(n: string): string | null }).getAttribute('data-step-id')?.split('#').pop() +
            ':' +
            String((e as unknown as { querySelector(s: string): unknown }).querySelector('.codicon-getting-started-step-checked') !== null),
        ),
      );
    assert.deepEqual(ticked, ['provider:true', 'key:false', 'explore:false', 'scan:false']);
  });
});
