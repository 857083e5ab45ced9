// `npm run demo` as a newcomer runs it: started through npm (so it inherits an outer npm's npm_*
// variables, which once broke the harness install), it prints the URL of real VS Code, and that page
// shows both providers' views filled from the sandbox the extension starts by itself.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium';
import { ARTIFACTS_DIR, REPO_ROOT } from './support/codeServer';
import { LIMITS, TEST_TIMEOUTS } from './support/limits';
import { spawnGroup, waitForOutput, type GroupProcess } from './support/processes';
import { CONTAINER, VIEW } from './speechApi';
import { Workbench } from './workbench';
describe('npm run demo', function () {
  let demo: GroupProcess | undefined;
  let browser: Browser | undefined;
  const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'speech-api-demo-e2e-')), 'demo.log');

  after(async function () {
    this.timeout(TEST_TIMEOUTS.tearDown);
    await browser?.close();
    await demo?.stop();
  });

  it('prints the URL of VS Code, whose Valossa Jobs and Vurbo Tasks views fill from the sandbox', async function () {
    this.timeout(TEST_TIMEOUTS.long);
    // Any free port, so a demo a developer has running on the default port is left alone.
    demo = spawnGroup('npm', ['run', 'demo', '--', '--port', '0'], { cwd: REPO_ROOT, logFile, env: process.env });
    const [, url] = await waitForOutput(demo, /running in VS Code at\s+(http:\/\/127\.0\.0\.1:\d+)\//, LIMITS.startup, logFile);

    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    page.setDefaultTimeout(LIMITS.ui);
    const workbench = new Workbench(page, ARTIFACTS_DIR);
    try {
      await workbench.open(url);
      await workbench.openViewContainer(CONTAINER);
      await page.locator('.part.statusbar').getByText('Speech API Sandbox').waitFor({ timeout: LIMITS.roundTrip });
      await workbench.waitForTreeItem(VIEW.valossa, /\S/, { timeoutMs: LIMITS.roundTrip });
      await workbench.waitForTreeItem(VIEW.vurbo, /\S/, { timeoutMs: LIMITS.roundTrip });
      for (const view of [VIEW.valossa, VIEW.vurbo]) {
        const rows = await workbench.treeItems(view);
        assert.ok(rows.length > 0, `${view} has rows`);
        assert.ok(!rows.some((r) => /No .* key|Set API Key/.test(r.label)), `${view} asks for no key: ${rows.map((r) => r.label).join(' | ')}`);
      }
    } catch (e) {
      const saved = await workbench.saveArtifacts('npm run demo').catch(() => undefined);
      throw new Error(`${e instanceof Error ? e.message : String(e)}\n  demo log: ${logFile}${saved ? `\n  screenshot: ${saved.screenshot}` : ''}`);
    }
  });
});
