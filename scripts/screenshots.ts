// Retakes the README screenshots in real VS Code (code-server) with the sandbox started at launch:
//   node --import tsx scripts/screenshots.ts      (after `npm run build:prod`)
// Writes media/screenshots/{sidebar,quick-fix,transcript,command-palette,output}.png. Translations
// in the transcript need CJK fonts in the browser: `apt-get install fonts-noto-cjk` first.
import path from 'node:path';
import { startVsCode } from '../test/e2e/harness';
import { REPO_ROOT } from '../test/e2e/support/codeServer';
import { CONTAINER, testApiKey, VIEW } from '../test/e2e/speechApi';
import { demoWorkspaceFiles } from './demo/workspace';

const OUT = path.join(REPO_ROOT, 'media/screenshots');

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

    // 1. The views and a hard-coded key flagged in the editor, its hover open.
    await workbench.openFile('src/transcribe.js');
    const squiggle = page.locator('.squiggly-error').first();
    await squiggle.waitFor({ timeout: 20_000 });
    // The squiggle is an overlay under the text layer: point at its middle rather than "hover" it.
    const box = (await squiggle.boundingBox())!;
    const keyPoint = { x: box.x + box.width / 2, y: box.y + box.height / 2 - 4 };
    await page.mouse.move(keyPoint.x, keyPoint.y);
    await page.locator('.monaco-hover').filter({ hasText: /key/i }).first().waitFor({ timeout: 10_000 }).catch(() => undefined);
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
    await workbench.clickTreeItem(VIEW.vurbo, 'Weekly product review');
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
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await session.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
