import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { scanHistory, toSarif } from '../../src/core/scan';
import { KeyFactory, git, tempDir, write } from './scan-corpus';
import { buildCli, cli } from './scan-cli-run';

function commit(root: string, files: Record<string, string>, message: string): string {
  write(root, files);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '--allow-empty', '-m', message);
  return git(root, 'rev-parse', 'HEAD').trim();
}

function repo(): string {
  const root = tempDir('history');
  git(root, 'init', '-q', '-b', 'main');
  return root;
}

describe('scanner: git history', function () {
  this.timeout(60_000);
  const keys = new KeyFactory(181);

  before(buildCli);

  it('finds a key committed then deleted, with its commit, date, author, path and line, as an error', async () => {
    const root = repo();
    const key = keys.vurbo();
    commit(root, { 'README.md': 'hello\n' }, 'init');
    const added = commit(root, { 'src/old.ts': `// a\n// b\nconst k = "${key}";\n` }, 'add key');
    fs.rmSync(path.join(root, 'src/old.ts'));
    commit(root, {}, 'remove key');
    const report = await scanHistory({ base: root });
    assert.equal(report.commitsScanned, 3);
    assert.equal(report.findings.length, 1);
    const [f] = report.findings;
    assert.equal(f.relPath, 'src/old.ts');
    assert.equal(f.line, 3);
    assert.equal(f.column, 12);
    assert.equal(f.severity, 'error');
    assert.match(f.detail, /Leaked in history: rotate this key/);
    assert.deepEqual({ ...f.history!.first, date: '' }, { commit: added, date: '', author: 't' });
    assert.match(f.history!.first.date, /^\d{4}-\d\d-\d\dT/);
    assert.equal(f.history!.inWorkingTree, false);
    assert.ok(!JSON.stringify(report).includes(key.slice(4)), 'the key is never in the report');
  });

  it('reports a key re-added in many commits once, with its first and last commit and the count', async () => {
    const root = repo();
    const key = keys.vurbo();
    const shas: string[] = [];
    for (let i = 0; i < 12; i++) shas.push(commit(root, { 'config.js': `// version ${i}\nmodule.exports = { key: "${key}", n: ${i} };\n` }, `v${i}`));
    const report = await scanHistory({ base: root });
    assert.equal(report.findings.length, 1);
    const h = report.findings[0].history!;
    assert.equal(h.commits, 12);
    assert.equal(h.first.commit, shas[0]);
    assert.equal(h.last.commit, shas[11]);
    assert.equal(h.inWorkingTree, true);
    assert.match(report.findings[0].detail, /still in the file/);
  });

  it('gives line numbers from the hunk header, for a key added in the middle of a file', async () => {
    const root = repo();
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`);
    commit(root, { 'a.txt': lines.join('\n') + '\n' }, 'init');
    lines.splice(30, 0, `VURBO_API_KEY=${keys.vurbo()}`);
    commit(root, { 'a.txt': lines.join('\n') + '\n' }, 'key');
    const [f] = (await scanHistory({ base: root })).findings;
    assert.equal(f.line, 31);
    assert.equal(f.ruleId, 'vurbo-api-key');
  });

  it('scans one branch, every ref with --all, and only new commits with --since', async () => {
    const root = repo();
    const [k1, k2, k3] = [keys.vurbo(), keys.vurbo(), keys.vurbo()];
    const base = commit(root, { 'a.ts': `x = "${k1}"\n` }, 'one');
    git(root, 'checkout', '-q', '-b', 'side');
    commit(root, { 'b.ts': `x = "${k2}"\n` }, 'side');
    git(root, 'checkout', '-q', 'main');
    commit(root, { 'c.ts': `x = "${k3}"\n` }, 'main');
    const paths = async (range: object) => (await scanHistory({ base: root, range })).findings.map((f) => f.relPath).sort();
    assert.deepEqual(await paths({}), ['a.ts', 'c.ts']);
    assert.deepEqual(await paths({ all: true }), ['a.ts', 'b.ts', 'c.ts']);
    assert.deepEqual(await paths({ branch: 'side' }), ['a.ts', 'b.ts']);
    assert.deepEqual(await paths({ since: base }), ['c.ts']);
    await assert.rejects(scanHistory({ base: root, range: { branch: 'nope' } }), /git log failed/);
  });

  it('CLI: fails --history on a removed key, passes once baselined; SARIF carries fingerprints and the commit', () => {
    const root = repo();
    const key = keys.vurbo();
    commit(root, { 'app.py': `KEY = "${key}"\n` }, 'oops');
    const fixed = commit(root, { 'app.py': 'import os\nKEY = os.environ["VURBO_API_KEY"]\n' }, 'fix');
    assert.equal(cli(root, 'scan').status, 0, 'the working tree is clean');
    const failed = cli(root, 'scan', '--history');
    assert.equal(failed.status, 1, failed.stderr);
    assert.match(failed.stdout, /^app\.py:1:8: error: .*Leaked in history: rotate this key/m);
    assert.match(failed.stdout, /id vurbo-api-key:app\.py:[0-9a-f]{20}/);
    assert.ok(!failed.stdout.includes(key));
    const sarif = JSON.parse(cli(root, 'scan', '--history', '--format', 'sarif').stdout);
    const result = sarif.runs[0].results[0];
    assert.match(result.partialFingerprints['speechApiScanFingerprint/v1'], /^vurbo-api-key:app\.py:[0-9a-f]{20}$/);
    assert.equal(result.properties.commit, git(root, 'rev-parse', 'HEAD~1').trim());
    assert.equal(result.properties.gitStatus, 'history');
    assert.notEqual(result.properties.commit, fixed);
    assert.equal(cli(root, 'scan', '--history', '--write-baseline', 'baseline.json').status, 0);
    const baseline = fs.readFileSync(path.join(root, 'baseline.json'), 'utf8');
    assert.ok(!baseline.includes(key.slice(4, 12)), 'no part of the key in the baseline');
    const passed = cli(root, 'scan', '--history', '--baseline', 'baseline.json');
    assert.equal(passed.status, 0, passed.stdout);
    assert.match(passed.stdout, /1 baselined/);
  });

  it('streams a large history without one git process per commit, and can be cancelled', async () => {
    const root = repo();
    for (let i = 0; i < 30; i++) commit(root, { [`f${i % 5}.txt`]: `v${i}\n`.repeat(200) }, `c${i}`);
    const abort = new AbortController();
    abort.abort();
    const cancelled = await scanHistory({ base: root, signal: abort.signal });
    assert.equal(cancelled.cancelled, true);
    const full = await scanHistory({ base: root });
    assert.equal(full.commitsScanned, 30);
    assert.equal(full.findings.length, 0);
    assert.ok(toSarif(full, '0'));
  });
});
