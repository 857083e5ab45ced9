#!/usr/bin/env node
// The e2e suite in real VS Code: installs or finds the harness (Node 24, code-server, chromium —
// scripts/setup-vscode.sh, cached), builds the production bundles the VSIX ships, then runs mocha
// over test/e2e/**/*.e2e.ts, or over the files given: `npm run test:e2e -- test/e2e/basics.e2e.ts`.
const { spawnSync } = require('child_process');
const path = require('path');

const root = path.resolve(__dirname, '..');
function step(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (r.status !== 0) process.exit(r.status || 1);
}

step('bash', [path.join(__dirname, 'setup-vscode.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
step(process.execPath, [path.join(root, 'esbuild.js'), '--production'], { stdio: ['ignore', 'ignore', 'inherit'] });
const files = process.argv.slice(2);
step(process.execPath, [path.join(__dirname, 'run-mocha.js'), 'e2e', ...(files.length ? files : ['test/e2e/**/*.e2e.ts'])], {
  env: { ...process.env, MOCHA_TIMEOUT: process.env.MOCHA_TIMEOUT || '60000' },
});
