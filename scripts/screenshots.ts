// Retakes the README screenshots in real VS Code (code-server) with the sandbox started at launch:
//   node --import tsx scripts/screenshots.ts      (after `npm run build:prod`)
// Writes media/screenshots/{sidebar,command-palette,output}.png.
import path from 'node:path';
import { startVsCode } from '../test/e2e/harness';
import { REPO_ROOT } from '../test/e2e/support/codeServer';
import { CONTAINER, testApiKey } from '../test/e2e/speechApi';
import { demoWorkspaceFiles } from './demo/workspace';

const OUT = path.join(REPO_ROOT, 'media/screenshots');

async function main(): Promise<void> {
  const session = await startVsCode({
    files: demoWorkspaceFiles(),
    git: true,
    viewport: { width: 1100, height: 660 },
    settings: { 'speechApi.sandbox.startOnLaunch': true, 'speechApi.trace': true },
  });
  const { workbench, page } = session;
  try {
    await page.locator('.part.statusbar').getByText('Speech API Sandbox').waitFor({ timeout: 30_000 });
    await workbench.openViewContainer(CONTAINER);
    await workbench.openFile('src/transcribe.js');
    await page.waitForTimeout(2500);
    await workbench.screenshot('sidebar', { path: path.join(OUT, 'sidebar.png') });

    await workbench.runCommand('Notifications: Clear All Notifications');
    await page.keyboard.press('F1');
    await page.keyboard.type('Speech API: ');
    await page.waitForTimeout(800);
    const palette = page.locator('.quick-input-widget');
    await workbench.screenshot('command-palette', { path: path.join(OUT, 'command-palette.png'), clip: palette });
    await workbench.closeQuickInput();

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
