import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { GitClassifier, GitRepo, scanProject, scanStaged } from '../../src/core/scan';
import { KeyFactory, git, tempDir, write } from './scan-corpus';

describe('scanner: git classification', () => {
  const keys = new KeyFactory(51);

  function repo(): string {
    const root = tempDir('git');
    git(root, 'init', '-q');
    write(root, {
      '.gitignore': '.env\nlogs/\n',
      'committed.ts': 'a',
      'staged.ts': 'b',
      'modified.ts': 'c',
      'untracked.ts': 'd',
      '.env': 'e',
      'logs/x.txt': 'f',
      'sub/dir/file.ts': 'g',
    });
    git(root, 'add', '.gitignore', 'committed.ts', 'modified.ts', 'sub/dir/file.ts');
    git(root, 'commit', '-q', '-m', 'init');
    git(root, 'add', 'staged.ts');
    fs.writeFileSync(path.join(root, 'modified.ts'), 'changed, not staged');
    return root;
  }

  it('tells tracked, staged, untracked and ignored files apart, and files outside any repository', async () => {
    const root = repo();
    const outside = tempDir('no-git');
    write(outside, { 'x.ts': '' });
    const files = ['committed.ts', 'staged.ts', 'modified.ts', 'untracked.ts', '.env', 'logs/x.txt', 'sub/dir/file.ts'].map((f) => path.join(root, f));
    const statuses = await new GitClassifier().classify([...files, path.join(outside, 'x.ts')]);
    assert.deepEqual([...statuses.values()], ['tracked', 'staged', 'tracked', 'untracked', 'ignored', 'ignored', 'tracked', 'none']);
  });

  it('gives the same answers when asked to prefetch, and after an unused prefetch is released', async () => {
    const root = repo();
    const files = ['committed.ts', 'staged.ts', 'untracked.ts', '.env', 'logs/x.txt'].map((f) => path.join(root, f));
    const expected = ['tracked', 'staged', 'untracked', 'ignored', 'ignored'];
    const early = new GitClassifier();
    early.prefetch([root]);
    assert.deepEqual([...(await early.classify(files)).values()], expected);
    const released = new GitClassifier();
    released.prefetch([path.join(root, 'sub')]);
    released.release();
    assert.deepEqual([...(await released.classify(files)).values()], expected, 'asks git again once the early process is gone');
  });

  it('gives the same answers for files it was told of during the walk (sent to git before classify)', async () => {
    const root = repo();
    const files = ['committed.ts', 'staged.ts', 'untracked.ts', '.env', 'logs/x.txt', 'sub/dir/file.ts'].map((f) => path.join(root, f));
    const classifier = new GitClassifier();
    classifier.prefetch([root]);
    classifier.learnWalk(root, new Set([root]));
    for (const file of files) classifier.announce(file);
    assert.deepEqual([...(await classifier.classify(files)).values()], ['tracked', 'staged', 'untracked', 'ignored', 'ignored', 'tracked']);
  });

  it('classifies a file reached through a symbolic link by where it really is', async () => {
    const root = repo();
    const elsewhere = tempDir('git-link');
    fs.symlinkSync(path.join(root, 'sub'), path.join(elsewhere, 'linked-sub'));
    fs.symlinkSync(root, path.join(elsewhere, 'linked-repo'));
    const viaDir = path.join(elsewhere, 'linked-sub', 'dir', 'file.ts');
    const viaRepo = path.join(elsewhere, 'linked-repo', 'logs', 'x.txt');
    const statuses = await GitRepo.at(path.join(elsewhere, 'linked-repo')).classify([viaDir, viaRepo]);
    assert.deepEqual([...statuses.values()], ['tracked', 'ignored']);
  });

  it('places walked files in their repository without asking the disk again: nested repositories, a root reached through a link', async () => {
    const root = repo();
    const nested = path.join(root, 'vendor', 'lib');
    fs.mkdirSync(nested, { recursive: true });
    git(nested, 'init', '-q');
    const k = () => `key = "${keys.vurbo()}"\n`;
    write(nested, { 'inner.ts': k(), 'loose.ts': k(), '!first.ts': k() }); // `!` sorts before `.git`
    git(nested, 'add', 'inner.ts', '!first.ts');
    git(nested, 'commit', '-q', '-m', 'inner');
    write(root, { 'committed.ts': k(), 'sub/dir/file.ts': k() });
    const elsewhere = tempDir('git-walk-link');
    const linked = path.join(elsewhere, 'linked-repo');
    fs.symlinkSync(root, linked);
    const expected = [
      ['committed.ts', 'tracked'],
      ['sub/dir/file.ts', 'tracked'],
      ['vendor/lib/!first.ts', 'tracked'],
      ['vendor/lib/inner.ts', 'tracked'],
      ['vendor/lib/loose.ts', 'untracked'],
    ];
    for (const base of [root, linked]) {
      const report = await scanProject({ base });
      assert.deepEqual(
        report.findings.map((f) => [f.relPath, f.status]),
        expected,
        base,
      );
      assert.deepEqual(
        report.findings.map((f) => f.fingerprintPath),
        expected.map(([p]) => p),
        'fingerprints hold the real path from the config root',
      );
    }
  });

  it('sees a change in the index after invalidate()', async () => {
    const root = repo();
    const r = (await GitRepo.open(path.join(root, 'sub')))!;
    assert.equal(fs.realpathSync(r.root), fs.realpathSync(root));
    const file = path.join(root, 'untracked.ts');
    assert.equal((await r.classify([file])).get(file), 'untracked');
    git(root, 'add', 'untracked.ts');
    assert.equal((await r.classify([file])).get(file), 'untracked', 'cached until invalidated');
    r.invalidate();
    assert.equal((await r.classify([file])).get(file), 'staged');
  });

  it('treats a file removed from the index (git rm --cached) as untracked or ignored, not staged', async () => {
    const root = repo();
    write(root, { '.gitignore': '.env\nlogs/\ncommitted.ts\n' });
    git(root, 'rm', '-q', '--cached', 'committed.ts', 'modified.ts');
    const statuses = await new GitClassifier().classify([path.join(root, 'committed.ts'), path.join(root, 'modified.ts')]);
    assert.deepEqual([...statuses.values()], ['ignored', 'untracked']);
  });

  it('classifies staged files in a repository without commits', async () => {
    const root = tempDir('git-new');
    git(root, 'init', '-q');
    write(root, { 'a.ts': 'x', 'b.ts': 'y' });
    git(root, 'add', 'a.ts');
    const statuses = await new GitClassifier().classify([path.join(root, 'a.ts'), path.join(root, 'b.ts')]);
    assert.deepEqual([...statuses.values()], ['staged', 'untracked']);
  });

  it('reports keys by git status: committed and staged are errors, untracked warnings, ignored left out', async () => {
    const root = repo();
    const k = () => `key = "${keys.vurbo()}"\n`;
    write(root, { 'committed.ts': k(), 'staged.ts': k(), 'untracked.ts': k(), '.env': `VURBO_API_KEY=${keys.vurbo()}\n`, 'logs/x.txt': k() });
    const report = await scanProject({ base: root });
    assert.deepEqual(
      report.findings.map((f) => [f.relPath, f.status, f.severity]),
      [
        ['committed.ts', 'tracked', 'error'],
        ['staged.ts', 'staged', 'error'],
        ['untracked.ts', 'untracked', 'warning'],
      ],
    );
    assert.match(report.findings[0].detail, /Committed key/);
    assert.equal(report.notReported, 0, 'the walker does not even open git-ignored files');
    const all = await scanProject({ base: root, policy: { committed: 'error', untracked: 'warning', ignored: 'information', includeIgnored: true } });
    assert.deepEqual(
      all.findings.filter((f) => f.status === 'ignored').map((f) => [f.relPath, f.severity]),
      [
        ['.env', 'information'],
        ['logs/x.txt', 'information'],
      ],
    );
  });

  it('scans a file once when the paths asked for overlap, and once with a single path', async () => {
    const root = repo();
    write(root, { 'sub/dir/file.ts': `key = "${keys.vurbo()}"\n`, 'untracked.ts': `key = "${keys.vurbo()}"\n` });
    const expected = ['sub/dir/file.ts', 'untracked.ts'];
    assert.deepEqual(
      (await scanProject({ base: root, paths: ['.', 'sub', 'sub/dir/file.ts'] })).findings.map((f) => f.relPath),
      expected,
    );
    assert.deepEqual(
      (await scanProject({ base: root })).findings.map((f) => f.relPath),
      expected,
    );
  });

  it('counts findings in files git ignores but the walker was pointed at', async () => {
    const root = repo();
    write(root, { 'logs/x.txt': `key = "${keys.vurbo()}"\n` });
    const report = await scanProject({ base: root, paths: ['logs'] });
    assert.deepEqual(report.findings, []);
    assert.equal(report.notReported, 1);
  });

  it('scans the staged contents, not the working tree', async () => {
    const root = repo();
    const stagedKey = keys.vurbo();
    write(root, { 'staged.ts': `key = "${stagedKey}"\n` });
    git(root, 'add', 'staged.ts');
    write(root, { 'staged.ts': 'key = process.env.VURBO_API_KEY\n', 'untracked.ts': `key = "${keys.vurbo()}"\n` });
    write(root, { 'renamed me.ts': `k = "${keys.vurbo()}"\n` });
    git(root, 'add', 'renamed me.ts');
    git(root, 'rm', '-q', '--cached', 'committed.ts');
    const report = await scanStaged({ base: root });
    assert.deepEqual(
      report.findings.map((f) => [f.relPath, f.status, f.severity, f.line]),
      [
        ['renamed me.ts', 'staged', 'error', 1],
        ['staged.ts', 'staged', 'error', 1],
      ],
    );
    assert.ok(report.findings[1].excerpt.includes('key = "****"') && !report.findings[1].excerpt.includes(stagedKey));
    const onlySub = await scanStaged({ base: root, paths: ['sub'] });
    assert.deepEqual(onlySub.findings, []);
  });

  it('stops when cancelled and says so', async () => {
    const root = tempDir('cancel');
    write(root, Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`f${i}.ts`, `k = "${keys.vurbo()}"\n`])));
    const abort = new AbortController();
    abort.abort();
    const cancelled = await scanProject({ base: root, signal: abort.signal });
    assert.equal(cancelled.cancelled, true);
    assert.equal(cancelled.filesScanned, 0);
    const whole = await scanProject({ base: root });
    assert.equal(whole.cancelled, false);
    assert.equal(whole.findings.length, 50);
  });

  it('refuses --staged outside a repository', async () => {
    await assert.rejects(scanStaged({ base: tempDir('no-git') }), /not inside a git repository/);
  });
});
