// Runs the test/integration suites (mocha on the `vscode` API) inside code-server's extension host:
// the extension is loaded as a development extension and the bundled suites as extensionTestsPath,
// both handed to the workbench in its `payload` query — which a built VS Code honours only with the
// smoke-test driver enabled. The suites write their outcome to a file; the extension host has no
// terminal to print to.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { IntegrationResult } from '../../integration/index';
import { ARTIFACTS_DIR, QUIET_SETTINGS, REPO_ROOT, startCodeServer } from './codeServer';
import { LIMITS, TEST_TIMEOUTS } from './limits';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

export type { IntegrationResult } from '../../integration/index';

export async function runIntegrationSuites(timeoutMs = TEST_TIMEOUTS.long): Promise<IntegrationResult & { logFile: string }> {
  const bundle =
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build-integration.js')], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .pop() ?? '';
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'speech-api-integration-'));
  const workspace = path.join(root, 'workspace');
  fs.mkdirSync(workspace);
  const resultFile = path.join(root, 'result.json');
  const server = await startCodeServer({
    folder: workspace,
    settings: QUIET_SETTINGS,
    dir: root,
    installVsix: false,
    extraArgs: ['--vscode-option', 'enable-smoke-test-driver'],
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS }).catch(async (e) => {
    await server.stop();
    throw e;
  });
  try {
    const remote = `vscode-remote://${new URL(server.url).host}`;
    const payload = [
      ['extensionDevelopmentPath', `${remote}${REPO_ROOT}`],
      ['extensionTestsPath', `${remote}${bundle}`],
      ['extensionEnvironment', JSON.stringify({ SPEECH_API_INTEGRATION_RESULT: resultFile })],
    ];
    const page = await browser.newPage();
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const deadline = Date.now() + timeoutMs;
    while (!fs.existsSync(resultFile)) {
      if (Date.now() > deadline) throw new Error(`the integration suites wrote no result within ${timeoutMs} ms; see ${server.logFile}`);
      await page.waitForTimeout(LIMITS.pollInterval);
    }
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as IntegrationResult;
    const logFile = path.join(ARTIFACTS_DIR, 'integration.code-server.log');
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    fs.copyFileSync(server.logFile, logFile);
    return { ...result, logFile };
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
