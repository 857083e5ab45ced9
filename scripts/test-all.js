#!/usr/bin/env node
// The whole suite, in the order a failure is cheapest to see: types, lint, build, unit, e2e in real VS Code.
// Prints one closing line "total: N passed, N failed" summed over the mocha suites.
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const only = process.argv.slice(2);
const summaries = [];

function run(name, cmd, args, env = {}, onDone = () => {}) {
  if (only.length && !only.includes(name)) return;
  console.log(`\n=== ${name}: ${[cmd, ...args].join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  console.log(`=== ${name}: exit ${r.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  onDone();
  if (r.status !== 0) {
    printTotal();
    console.error(`\n${name} failed`);
    process.exit(r.status || 1);
  }
}

function mochaSuite(name, script) {
  const summaryFile = path.join(os.tmpdir(), `speech-api-${name}-${process.pid}.json`);
  // The summary is read before a failing suite ends the run, so the closing total counts it too.
  run(name, 'npm', ['run', '--silent', script], { SPEECH_API_SUMMARY_FILE: summaryFile }, () => {
    if (!fs.existsSync(summaryFile)) return;
    summaries.push(JSON.parse(fs.readFileSync(summaryFile, 'utf8')));
    fs.rmSync(summaryFile);
  });
}

function printTotal() {
  if (!summaries.length) return;
  const sum = (k) => summaries.reduce((n, s) => n + s[k], 0);
  for (const s of summaries) console.log(`  ${s.label}: ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
  console.log(`total: ${sum('passes')} passed, ${sum('failures')} failed, ${sum('pending')} skipped`);
}

run('typecheck', 'npm', ['run', '--silent', 'typecheck']);
run('lint', 'npm', ['run', '--silent', 'lint']);
run('build', 'npm', ['run', '--silent', 'build']);
// Debian packages the unit tests use outside npm (pre-commit for the hook test); a no-op once installed.
if (!only.length || only.includes('unit')) run('unit', 'bash', ['scripts/setup-system.sh']);
mochaSuite('unit', 'test:unit');
mochaSuite('chaos', 'test:chaos');
if (fs.existsSync(path.join(root, 'test/e2e'))) {
  const hasE2e = fs.readdirSync(path.join(root, 'test/e2e')).some((f) => f.endsWith('.e2e.ts'));
  if (hasE2e) mochaSuite('e2e', 'test:e2e');
}
printTotal();
const failed = summaries.some((s) => s.failures > 0 || s.pending > 0);
process.exit(failed ? 1 : 0);
