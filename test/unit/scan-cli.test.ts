import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { RULE_IDS } from '../../src/core/scan';
import { version } from '../../package.json';
import { KeyFactory, git, plantedCorpus, tempDir, write } from './scan-corpus';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');

function cli(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The fixture corpus with keys planted, written into a directory; returns every planted value. */
function writeCorpus(dir: string, seed: number): { values: string[]; expected: { file: string; value: string }[] } {
  const values: string[] = [];
  const expected: { file: string; value: string }[] = [];
  for (const [name, { text, planted }] of plantedCorpus(seed)) {
    write(dir, { [name]: text });
    for (const p of planted) {
      values.push(p.value);
      if (p.rule) expected.push({ file: name, value: p.value });
    }
  }
  return { values, expected };
}

type Json = Record<string, unknown> & Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Structural checks of SARIF 2.1.0 as GitHub code scanning reads it (no schema download). */
function assertValidSarif(doc: Json, base: string): void {
  assert.equal(doc.version, '2.1.0');
  assert.match(doc.$schema, /sarif-2\.1\.0/);
  assert.equal(doc.runs.length, 1);
  const run = doc.runs[0];
  const driver = run.tool.driver;
  assert.equal(driver.name, 'speech-api-scan');
  assert.equal(driver.version, version);
  const ids = driver.rules.map((r: Json) => r.id);
  assert.deepEqual(ids, RULE_IDS);
  for (const r of driver.rules) {
    assert.ok(r.shortDescription.text && r.fullDescription.text && r.help.text && r.help.markdown, r.id);
    assert.ok(['error', 'warning', 'note'].includes(r.defaultConfiguration.level), r.id);
    assert.match(r.name, /^[A-Z][A-Za-z]+$/);
  }
  assert.equal(run.originalUriBaseIds.SRCROOT.uri, new URL(`file://${fs.realpathSync(base)}/`).href);
  assert.equal(run.columnKind, 'utf16CodeUnits');
  for (const res of run.results) {
    assert.ok(ids.includes(res.ruleId));
    assert.equal(ids[res.ruleIndex], res.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(res.level));
    assert.ok(res.message.text.length > 10);
    assert.equal(res.locations.length, 1);
    const { artifactLocation, region } = res.locations[0].physicalLocation;
    assert.equal(artifactLocation.uriBaseId, 'SRCROOT');
    assert.doesNotMatch(artifactLocation.uri, /^[a-z]+:|^\//, 'relative URI');
    for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) assert.ok(Number.isInteger(region[k]) && region[k] >= 1, k);
    assert.equal(region.endLine, region.startLine);
    assert.ok(region.endColumn > region.startColumn);
  }
}

describe('speech-api-scan CLI', function () {
  this.timeout(60_000);
  const keys = new KeyFactory(71);

  before(() => {
    const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });

  it('exits 2 with usage on bad usage, 0 on --help and --version', () => {
    const dir = tempDir('cli-usage');
    for (const args of [
      [],
      ['scna'],
      ['scan', '--format', 'xml'],
      ['scan', '--format'],
      ['scan', '--bogus'],
      ['scan', 'no/such/dir'],
      ['scan', '--max-file-size', '-1'],
      ['scan', '--staged=yes'],
    ]) {
      const r = cli(dir, ...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^speech-api-scan: .+/, args.join(' '));
    }
    assert.match(cli(dir).stderr, /Usage: speech-api-scan scan \[paths\.\.\.\]/);
    const help = cli(dir, '--help');
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--format text\|json\|sarif/);
    assert.deepEqual(cli(dir, '--version'), { status: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('exits 1 on committed keys, reports every one, and never prints a key', () => {
    const dir = tempDir('cli-committed');
    const { values, expected } = writeCorpus(dir, 1);
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'corpus');
    const r = cli(dir, 'scan');
    assert.equal(r.status, 1, r.stderr);
    for (const v of values) assert.ok(!r.stdout.includes(v) && !r.stderr.includes(v), 'a key was printed');
    const reported = r.stdout.split('\n').filter((l) => /^\S+:\d+:\d+: error: /.test(l));
    assert.equal(reported.length, expected.length);
    assert.match(r.stdout, new RegExp(`${expected.length} hard-coded keys \\(${expected.length} errors\\) in \\d+ files`));
    assert.match(r.stdout, /Committed key: git tracks this file\. \[vurbo-api-key\]/);
  });

  it('ends quietly when its reader closes the pipe early (| head), still exiting 1 on committed keys', () => {
    const dir = tempDir('cli-pipe');
    // A report far larger than a pipe's buffer, so writes are still going when the reader leaves.
    write(dir, { 'many.ts': Array.from({ length: 2000 }, () => `export const k = "${keys.vurbo()}";`).join('\n') });
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'corpus');
    // `head -c 1` reads one byte and exits: every later write meets a closed pipe (EPIPE).
    const piped = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${CLI}" scan --format json | head -c 1 >/dev/null`], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(piped.status, 1, piped.stderr);
    assert.equal(piped.stderr, '', 'no stack trace');
  });

  it('writes JSON whose positions point at the planted keys', () => {
    const dir = tempDir('cli-json');
    const { values, expected } = writeCorpus(dir, 2);
    const r = cli(dir, 'scan', '--format', 'json');
    assert.equal(r.status, 1, 'outside git every rule keeps its default severity, and most are errors');
    const doc = JSON.parse(r.stdout);
    assert.equal(doc.summary.findings, expected.length);
    const found = doc.findings.map((f: Json) => {
      const line = fs.readFileSync(path.join(dir, f.path), 'utf8').split('\n')[f.line - 1];
      return { file: f.path, value: line.slice(f.column - 1, f.endColumn - 1) };
    });
    const byKey = (a: { file: string; value: string }, b: { file: string; value: string }) => (a.file + a.value < b.file + b.value ? -1 : 1);
    assert.deepEqual(found.sort(byKey), [...expected].sort(byKey));
    assert.ok(doc.findings.every((f: Json) => f.gitStatus === 'none'));
    for (const v of values) assert.ok(!r.stdout.includes(v), 'a key was printed');
  });

  it('writes SARIF to --sarif beside any --format, from the same scan', () => {
    const dir = tempDir('cli-sarif-beside');
    write(dir, { 'a.ts': `const k = "${keys.vurbo()}";\n` });
    git(dir, 'init', '-q');
    git(dir, 'add', 'a.ts');
    const r = cli(dir, 'scan', '.', '--format', 'github', '--sarif', 'out/scan.sarif');
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^::error file=a\.ts,/m);
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'scan.sarif'), 'utf8'));
    assertValidSarif(doc, dir);
    assert.equal(doc.runs[0].results.length, 1);
  });

  it('writes valid SARIF 2.1.0 to --output, with URIs relative to the scan root', () => {
    const dir = tempDir('cli-sarif');
    write(dir, { 'sub dir/a.ts': `const k = "${keys.vurbo()}";\n`, 'b.py': `VALOSSA_API_KEY = "${keys.hex()}"\n`, 'clean.txt': 'nothing\n' });
    git(dir, 'init', '-q');
    git(dir, 'add', 'b.py');
    const r = cli(dir, 'scan', '.', '--format=sarif', '--output', 'out/report.sarif');
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /2 hard-coded keys \(1 error, 1 warning\) in 2 files/);
    assert.match(r.stderr, /Report written to out\/report\.sarif/);
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'report.sarif'), 'utf8'));
    assertValidSarif(doc, dir);
    const results = doc.runs[0].results.map((x: Json) => [
      x.ruleId,
      x.level,
      x.locations[0].physicalLocation.artifactLocation.uri,
      x.locations[0].physicalLocation.region.startLine,
      x.locations[0].physicalLocation.region.startColumn,
    ]);
    assert.deepEqual(results, [
      ['api-key-env-assignment', 'error', 'b.py', 1, 20],
      ['vurbo-api-key', 'warning', 'sub%20dir/a.ts', 1, 12],
    ]);
  });

  it('exits 0 when only untracked files hold keys, and leaves git-ignored files out unless asked', () => {
    const dir = tempDir('cli-untracked');
    write(dir, { '.gitignore': '.env\n', '.env': `VURBO_API_KEY=${keys.vurbo()}\n`, 'notes.md': `try ${keys.vurbo()}\n` });
    git(dir, 'init', '-q');
    git(dir, 'add', '.gitignore');
    const r = cli(dir, 'scan');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /notes\.md:1:5: warning: .*not tracked by git/);
    assert.ok(!r.stdout.includes('.env:'));
    const all = cli(dir, 'scan', '--include-ignored', '--format', 'json');
    assert.deepEqual(
      JSON.parse(all.stdout).findings.map((f: Json) => [f.path, f.gitStatus]),
      [
        ['.env', 'ignored'],
        ['notes.md', 'untracked'],
      ],
    );
    const pointed = cli(dir, 'scan', '.env');
    assert.match(pointed.stdout, /1 finding in git-ignored files not reported \(add --include-ignored/);
    assert.equal(cli(dir, 'scan', '--exclude', '*.md').status, 0);
    assert.match(cli(dir, 'scan', '--exclude', '*.md').stdout, /^No hard-coded API keys found/);
  });

  it('spreads a large scan over worker threads with the same report as one thread', () => {
    const dir = tempDir('cli-threads');
    const files: Record<string, string> = {};
    for (let i = 0; i < 400; i++)
      files[`d${i % 7}/f${i}.ts`] = i % 13 === 0 ? `// file ${i}\nexport const k = "${keys.vurbo()}";\n` : `export const v${i} = ${i};\n`;
    files['big.js'] = 'x'.repeat(300_000) + `\nconst VALOSSA_API_KEY = "${keys.hex()}";\n` + 'y\n'.repeat(50_000);
    write(dir, files);
    const run = (threads: string) => {
      const r = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, SPEECH_API_SCAN_THREADS: threads },
      });
      const doc = JSON.parse(r.stdout);
      return { status: r.status, findings: doc.findings, files: doc.summary.filesScanned };
    };
    const one = run('1');
    const two = run('2');
    assert.equal(one.findings.length, 32);
    assert.deepEqual(two, one);
    assert.equal(one.files, 401);
  });

  it('--staged scans what would be committed, and the README pre-commit hook blocks the commit', () => {
    const dir = tempDir('cli-staged');
    git(dir, 'init', '-q');
    write(dir, { 'a.ts': 'export const a = 1;\n' });
    git(dir, 'add', 'a.ts');
    git(dir, 'commit', '-q', '-m', 'init');
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const hook = /```sh\n(#!\/bin\/sh\n[^`]*speech-api-scan scan --staged[^`]*)```/.exec(readme);
    assert.ok(hook, 'README shows a pre-commit hook');
    write(dir, { '.git/hooks/pre-commit': hook[1].replace(/npx --no-install speech-api-scan/g, `"${process.execPath}" "${CLI}"`) });
    fs.chmodSync(path.join(dir, '.git/hooks/pre-commit'), 0o755);

    write(dir, { 'a.ts': `export const a = "${keys.vurbo()}";\n` });
    assert.equal(cli(dir, 'scan', '--staged').status, 0, 'unstaged changes are not scanned');
    git(dir, 'add', 'a.ts');
    const staged = cli(dir, 'scan', '--staged');
    assert.equal(staged.status, 1);
    assert.match(staged.stdout, /a\.ts:1:19: error: .*the file is staged/);
    assert.throws(() => git(dir, 'commit', '-q', '-m', 'leak'), /Command failed/);
    assert.equal(git(dir, 'rev-list', '--count', 'HEAD').trim(), '1', 'the commit was blocked');

    write(dir, { 'a.ts': 'export const a = process.env.VURBO_API_KEY;\n' });
    git(dir, 'add', 'a.ts');
    git(dir, 'commit', '-q', '-m', 'fixed');
    assert.equal(git(dir, 'rev-list', '--count', 'HEAD').trim(), '2');
  });
});
