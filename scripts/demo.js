#!/usr/bin/env node
// `npm run demo [-- --desktop] [-- --port N]`: from a fresh clone, installs the dependencies if they
// are missing, builds the extension, and hands over to scripts/demo/main.ts, which starts real VS Code
// with the extension against the local sandbox. Ctrl-C stops everything.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
// Ctrl-C reaches the whole foreground group; main.ts does the stopping, this process just waits for it.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);

function step(title, cmd, args) {
  console.log(`[demo] ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[demo] ${title} failed`);
    process.exit(r.status || 1);
  }
}

if (!fs.existsSync(path.join(root, 'node_modules/.package-lock.json'))) step('installing dependencies (npm ci)', 'npm', ['ci', '--no-audit', '--no-fund']);
step('building the extension', process.execPath, [path.join(root, 'esbuild.js'), '--production']);
const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'demo/main.ts'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 0);
