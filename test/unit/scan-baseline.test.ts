import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { applyBaseline, baselineOf, fingerprint, formatBaseline, keyDigest, readBaseline, scanProject } from '../../src/core/scan';
import { KeyFactory, git, tempDir, write } from './scan-corpus';
import { buildCli, cli } from './scan-cli-run';

describe('scanner: content fingerprints and baselines', function () {
  this.timeout(60_000);
  const keys = new KeyFactory(191);

  before(buildCli);

  it('fingerprints by rule, path and a salted HMAC of the key: no line, no key', () => {
    const key = keys.vurbo();
    const fp = fingerprint({ ruleId: 'vurbo-api-key', path: 'a/b.ts', keyDigest: keyDigest(key) });
    assert.match(fp, /^vurbo-api-key:a\/b\.ts:[0-9a-f]{20}$/);
    assert.ok(!fp.includes(key.slice(4, 10)));
    assert.ok(!keyDigest(key).startsWith(fp.slice(-20)), 'not a plain hash of the key');
    assert.notEqual(fingerprint({ ruleId: 'vurbo-api-key', path: 'a/b.ts', keyDigest: keyDigest(key) }, 'other salt'), fp);
    assert.notEqual(fingerprint({ ruleId: 'vurbo-api-key', path: 'a/c.ts', keyDigest: keyDigest(key) }), fp);
  });

  it('keeps a fingerprint when the key moves and lines around it change; the same key in two files gives two', async () => {
    const dir = tempDir('fp');
    const key = keys.vurbo();
    write(dir, { 'a.ts': `const k = "${key}";\n`, 'b.ts': `const k = "${key}";\n` });
    const before = await scanProject({ base: dir });
    assert.equal(new Set(before.findings.map((f) => f.fingerprint)).size, 2);
    write(dir, { 'a.ts': `// new\n// lines\nimport x from "y";\n  const other = "${key}"; // moved\n` });
    const after = await scanProject({ base: dir });
    assert.deepEqual(after.findings.map((f) => f.fingerprint).sort(), before.findings.map((f) => f.fingerprint).sort());
  });

  it('applies a baseline, reports stale entries and prunes them', () => {
    const f = (fp: string) => ({ fingerprint: fp, ruleId: 'vurbo-api-key' as const, fingerprintPath: fp.split(':')[1] });
    const baseline = baselineOf([f('vurbo-api-key:b.ts:2'), f('vurbo-api-key:a.ts:1'), f('vurbo-api-key:a.ts:1')]);
    assert.deepEqual(
      baseline.entries.map((e) => e.fingerprint),
      ['vurbo-api-key:a.ts:1', 'vurbo-api-key:b.ts:2'],
      'sorted, each once',
    );
    const out = applyBaseline([f('vurbo-api-key:a.ts:1'), f('vurbo-api-key:c.ts:3')], baseline);
    assert.deepEqual(
      out.kept.map((x) => x.fingerprint),
      ['vurbo-api-key:c.ts:3'],
    );
    assert.deepEqual(
      out.stale.map((x) => x.fingerprint),
      ['vurbo-api-key:b.ts:2'],
    );
    assert.deepEqual(
      applyBaseline([], baseline, (p) => p === 'a.ts').stale.map((x) => x.path),
      ['a.ts'],
      'out of scope is not stale',
    );
    const text = formatBaseline(baseline);
    assert.equal(text.split('\n').filter((l) => l.includes('"fingerprint"')).length, 2, 'one entry per line');
    const file = path.join(tempDir('bl'), 'b.json');
    fs.writeFileSync(file, text);
    assert.deepEqual(readBaseline(file), baseline);
    fs.writeFileSync(file, '{"version":9,"findings":[]}');
    assert.throws(() => readBaseline(file), /not a speech-api-scan baseline of version 1/);
  });

  it('CLI: a baselined key stays suppressed when moved three lines down with edits around it; a rename brings it back', () => {
    const dir = tempDir('bl-cli');
    git(dir, 'init', '-q');
    const key = keys.vurbo();
    write(dir, { 'src/app.ts': `import a from "a";\nconst key = "${key}";\nexport default a;\n` });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'x');
    assert.equal(cli(dir, 'scan').status, 1);
    const wrote = cli(dir, 'scan', '--write-baseline', '.speech-api-scan-baseline.json');
    assert.equal(wrote.status, 0, wrote.stderr);
    const baselineText = fs.readFileSync(path.join(dir, '.speech-api-scan-baseline.json'), 'utf8');
    assert.ok(!baselineText.includes(key.slice(4, 12)));
    assert.match(baselineText, /"version": 1/);
    write(dir, { 'src/app.ts': `import a from "a";\nimport b from "b";\n// a comment\n\nconst   key = "${key}"; // edited\nexport default [a, b];\n` });
    const moved = cli(dir, 'scan', '--baseline', '.speech-api-scan-baseline.json');
    assert.equal(moved.status, 0, moved.stdout);
    assert.match(moved.stdout, /1 baselined/);
    git(dir, 'mv', 'src/app.ts', 'src/main.ts');
    const renamed = cli(dir, 'scan', '--baseline', '.speech-api-scan-baseline.json', '--format', 'json');
    assert.equal(renamed.status, 1);
    const doc = JSON.parse(renamed.stdout);
    assert.equal(doc.findings[0].path, 'src/main.ts');
    assert.match(doc.findings[0].fingerprint, /^vurbo-api-key:src\/main\.ts:/);
    assert.equal(doc.summary.staleBaselineEntries, 1, 'the old path is stale');
    const pruned = cli(dir, 'scan', '--baseline', '.speech-api-scan-baseline.json', '--prune-baseline');
    assert.match(pruned.stderr, /1 stale baseline entry pruned/);
    assert.equal(readBaseline(path.join(dir, '.speech-api-scan-baseline.json')).entries.length, 0);
  });

  it('CLI: reads the baseline named in .speech-api-scan.json and reports stale entries in text', () => {
    const dir = tempDir('bl-config');
    git(dir, 'init', '-q');
    write(dir, { '.speech-api-scan.json': JSON.stringify({ baseline: 'ci/baseline.json' }), 'a.ts': `k = "${keys.vurbo()}"\n` });
    assert.equal(cli(dir, 'scan', '--write-baseline', 'ci/baseline.json').status, 0);
    assert.equal(cli(dir, 'scan').status, 0, 'suppressed through the config');
    fs.rmSync(path.join(dir, 'a.ts'));
    const r = cli(dir, 'scan');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Stale baseline entry \(matches nothing now; --prune-baseline removes it\): vurbo-api-key:a\.ts:/);
  });
});
