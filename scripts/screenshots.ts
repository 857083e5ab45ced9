// Retakes the README screenshots in real VS Code (code-server) with the sandbox started at launch:
//   node --import tsx scripts/screenshots.ts          (after `npm run build:prod`)
//   node --import tsx scripts/screenshots.ts views    (only the job report and transcript viewer)
// Writes media/screenshots/{sidebar,quick-fix,transcript,command-palette,output}.png and
// {report,transcript-viewer}-{light,dark}.png (the webviews in a light and a dark theme). Translations
// in the transcript need CJK fonts in the browser: `apt-get install fonts-noto-cjk` first.
import path from 'node:path';
import { startVsCode } from '../test/e2e/harness';
import { REPO_ROOT } from '../test/e2e/support/codeServer';
import { CONTAINER, testApiKey, VIEW } from '../test/e2e/speechApi';
import type { VsCodeSession } from '../test/e2e/harness';
import { Webview } from '../test/e2e/webview';
import { demoWorkspaceFiles } from './demo/workspace';

const OUT = path.join(REPO_ROOT, 'media/screenshots');
// As the theme picker labels them.
const THEMES = { light: 'Light Modern', dark: 'Dark Modern' } as const;

/** The job report and the transcript viewer of the sandbox's data, once per theme. */
async function webviewShots(session: VsCodeSession): Promise<void> {
  const { workbench, page } = session;
  const webview = new Webview(workbench);
  const job = (await workbench.treeItems(VIEW.valossa)).find((r) => /^Finished/.test(r.description));
  if (!job) throw new Error('the sandbox has no finished Valossa job');
  for (const [name, theme] of Object.entries(THEMES)) {
    // Through the theme picker: rewriting settings.json would drop the sandbox's base URLs.
    await workbench.runCommand('Preferences: Color Theme');
    await workbench.typeInQuickInput(theme);
    await workbench.pickQuickPickItem(theme);
    await page.locator(`.monaco-workbench.${name === 'dark' ? 'vs-dark' : 'vs'}`).waitFor({ timeout: 15_000 });
    await workbench.runCommand('Notifications: Clear All Notifications');

    await workbench.treeItemContextMenu(VIEW.valossa, job.label, 'Open Valossa Job Report');
    await webview.waitForReady();
    await webview.locator('#speech li').nth(2).click();
    await webview.locator('.lane[data-id] .occ').first().hover();
    await page.waitForTimeout(800); // the hover tooltip
    await workbench.screenshot(`report-${name}`, { path: path.join(OUT, `report-${name}.png`) });
    await workbench.runCommand('View: Close All Editors');

    await workbench.treeItemContextMenu(VIEW.vurbo, 'Weekly product review', 'Open Task in Transcript Viewer');
    await webview.waitForReady();
    await webview.locator('#player').waitFor({ state: 'attached', timeout: 30_000 });
    await webview.locator('#search').fill('release');
    await webview.locator('li.sentence').nth(2).locator('.text').click();
    await webview.locator('li.sentence[aria-current]').waitFor({ timeout: 10_000 });
    await page.waitForTimeout(400);
    await workbench.screenshot(`transcript-viewer-${name}`, { path: path.join(OUT, `transcript-viewer-${name}.png`) });
    await workbench.runCommand('View: Close All Editors');
  }
}

async function main(): Promise<void> {
  const session = await startVsCode({
    files: demoWorkspaceFiles(),
    git: true,
    viewport: { width: 1280, height: 760 },
    settings: { 'speechApi.sandbox.startOnLaunch': true, 'speechApi.trace': true },
  });
  const { workbench, page } = session;
  try {
    await page.locator('.part.statusbar').getByText('Speech API Sandbox').waitFor({ timeout: 30_000 });
    await workbench.openViewContainer(CONTAINER);
    await workbench.waitForTreeItem(VIEW.vurbo, 'Weekly product review');
    await workbench.waitForTreeItem(VIEW.valossa, /./);
    if (process.argv.includes('views')) {
      await webviewShots(session).catch(async (e) => {
        console.error(`artifacts: ${(await session.saveArtifacts('screenshots-views')).screenshot}`);
        throw e;
      });
      return;
    }

    // 1. The views and a hard-coded key flagged in the editor, its hover open.
    await workbench.openFile('src/transcribe.js');
    const squiggle = page.locator('.squiggly-error').first();
    await squiggle.waitFor({ timeout: 20_000 });
    // The squiggle is an overlay under the text layer: point at its middle rather than "hover" it.
    const box = (await squiggle.boundingBox())!;
    const keyPoint = { x: box.x + box.width / 2, y: box.y + box.height / 2 - 4 };
    await page.mouse.move(keyPoint.x, keyPoint.y);
    await page
      .locator('.monaco-hover')
      .filter({ hasText: /key/i })
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(() => undefined);
    await page.waitForTimeout(600);
    await workbench.screenshot('sidebar', { path: path.join(OUT, 'sidebar.png') });
    await page.mouse.move(5, 400);

    // 2. The quick fixes on that key, with the Problems panel.
    await page.keyboard.press('Escape');
    await workbench.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await workbench.runCommand('Go to Line/Column...');
    await workbench.typeInQuickInput(':5:20', { submit: true }); // inside the planted key
    await page.waitForTimeout(400);
    await page.locator('.lightBulbWidget').first().click();
    await page.locator('.action-widget .monaco-list-row.action').first().waitFor({ timeout: 10_000 });
    await page.waitForTimeout(400);
    await workbench.screenshot('quick-fix', { path: path.join(OUT, 'quick-fix.png') });
    await page.keyboard.press('Escape');

    // 3. A Vurbo transcript streamed into its output channel.
    await workbench.runCommand('View: Close All Editors');
    // A single click only selects a task; a double click opens its transcript.
    await (await workbench.waitForTreeItem(VIEW.vurbo, 'Weekly product review')).dblclick();
    await workbench.poll(async () => (await workbench.outputChannelText('Vurbo: Weekly product review')).includes('— Finished.'), 'the history stream', 30_000);
    await page.keyboard.press('ControlOrMeta+Home');
    await workbench.runCommand('View: Toggle Maximized Panel');
    await workbench.runCommand('Notifications: Clear All Notifications');
    await page.waitForTimeout(500);
    await workbench.screenshot('transcript', { path: path.join(OUT, 'transcript.png') });
    await workbench.runCommand('View: Toggle Maximized Panel');

    // 4. The command palette.
    await page.keyboard.press('F1');
    await page.keyboard.type('Speech API: ');
    await page.waitForTimeout(800);
    const palette = page.locator('.quick-input-widget');
    await workbench.screenshot('command-palette', { path: path.join(OUT, 'command-palette.png'), clip: palette });
    await workbench.closeQuickInput();

    // 5. The log with request tracing: keys masked.
    for (const provider of ['valossa', 'vurbo'] as const) await testApiKey(workbench, provider);
    await workbench.outputChannelText('Speech API');
    await page.keyboard.press('End'); // drop the select-all highlight left by the copy
    await workbench.runCommand('Notifications: Clear All Notifications');
    await page.waitForTimeout(500);
    await workbench.screenshot('output', { path: path.join(OUT, 'output.png'), clip: page.locator('.part.panel') });
    await webviewShots(session);
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await session.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
