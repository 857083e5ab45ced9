#!/usr/bin/env node
// `npm run test:electron`: the test/integration suites in desktop VS Code through @vscode/test-electron,
// for machines that can download VS Code. (Where that is impossible, `npm run test:e2e` runs the same
// suites inside code-server: test/e2e/integration.e2e.ts.)
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { runTests } = require('@vscode/test-electron');

const root = path.resolve(__dirname, '..');

async function main() {
  execFileSync(process.execPath, [path.join(root, 'esbuild.js')], { cwd: root, stdio: 'inherit' });
  const bundle = execFileSync(process.execPath, [path.join(__dirname, 'build-integration.js')], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'speech-api-electron-'));
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace);
  try {
    await runTests({
      version: process.env.VSCODE_TEST_VERSION || 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: bundle,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', path.join(scratch, 'user-data')],
    });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`test:electron failed: ${e instanceof Error ? e.message : e}`);
  process.exit(1);
});
