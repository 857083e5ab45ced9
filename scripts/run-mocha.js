#!/usr/bin/env node
// Runs one mocha suite straight from TypeScript (tsx loader, no type-check: `npm run typecheck` does that).
// Usage: node scripts/run-mocha.js <label> <glob...> [-- extra mocha args]
const { spawnSync } = require('child_process');
const path = require('path');

const [label, ...rest] = process.argv.slice(2);
if (!label || rest.length === 0) {
  console.error('usage: run-mocha.js <label> <glob...> [mocha args]');
  process.exit(2);
}
const mocha = require.resolve('mocha/bin/mocha.js');
const args = [
  '--import',
  'tsx',
  mocha,
  '--reporter',
  path.join(__dirname, 'mocha-summary-reporter.js'),
  '--timeout',
  process.env.MOCHA_TIMEOUT || '20000',
  '--exit',
  ...rest,
];
const result = spawnSync(process.execPath, args, {
  stdio: 'inherit',
  env: { ...process.env, SPEECH_API_SUITE: label },
});
process.exit(result.status ?? 1);
