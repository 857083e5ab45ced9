// The pre-commit framework hooks, for real: Debian's `pre-commit` (scripts/setup-system.sh installs it)
// runs .pre-commit-hooks.yaml from a local clone of this repository in a scratch repository. A commit
// that adds a key is refused and one without passes; a push whose commits add a key is refused.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { git, KeyFactory, tempDir, TEST_GIT_ENV, write } from './scan-corpus';

const ROOT = path.resolve(__dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'bin', 'speech-api-scan.js');
const { hookBundle } = require('../../scripts/hook-bundle.js') as { hookBundle: () => Promise<string> };

function preCommitBinary(): string {
  const r = spawnSync('sh', ['-c', 'command -v pre-commit'], { encoding: 'utf8' });
  assert.equal(r.status, 0, 'pre-commit is not installed: run scripts/setup-system.sh (apt-get install pre-commit), as .ci/run does');
  return r.stdout.trim();
}

/** git with the hooks pre-commit installed: the hooks' environment is this one, Node on PATH. */
function hooked(cwd: string, home: string, ...args: string[]) {
  const env = { ...process.env, ...TEST_GIT_ENV, PRE_COMMIT_HOME: home, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` };
  return spawnSync('git', args, { cwd, encoding: 'utf8', env });
}

describe('pre-commit hooks (.pre-commit-hooks.yaml)', function () {
  this.timeout(120_000);

  it('runs a bundle that is up to date with src/cli and executable in git', async () => {
    assert.equal(fs.readFileSync(BUNDLE, 'utf8'), await hookBundle(), 'bin/speech-api-scan.js is stale: run node scripts/hook-bundle.js');
    assert.match(execFileSync('git', ['ls-files', '-s', 'bin/speech-api-scan.js'], { cwd: ROOT, encoding: 'utf8' }), /^100755 /);
  });

  it('refuses a commit that adds a key, accepts one without, and refuses a push that sends a key', () => {
    const preCommit = preCommitBinary();
    const keys = new KeyFactory(1907);
    // The hook repository: a local clone of this one, with the working copy of the two files it serves.
    const hookRepo = tempDir('hook-repo');
    git(hookRepo, 'clone', '-q', '--no-hardlinks', ROOT, '.');
    for (const rel of ['.pre-commit-hooks.yaml', 'bin/speech-api-scan.js']) {
      fs.mkdirSync(path.dirname(path.join(hookRepo, rel)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, rel), path.join(hookRepo, rel));
    }
    git(hookRepo, 'add', '.pre-commit-hooks.yaml', 'bin/speech-api-scan.js');
    git(hookRepo, 'update-index', '--chmod=+x', 'bin/speech-api-scan.js');
    if (git(hookRepo, 'status', '--porcelain', '--untracked-files=no').trim()) git(hookRepo, 'commit', '-q', '-m', 'working copy of the hooks');
    const rev = git(hookRepo, 'rev-parse', 'HEAD').trim();

    const home = tempDir('pre-commit-home');
    const remote = tempDir('remote');
    git(remote, 'init', '-q', '--bare');
    const work = tempDir('uses-hook');
    git(work, 'init', '-q', '-b', 'main');
    git(work, 'remote', 'add', 'origin', remote);
    write(work, {
      '.pre-commit-config.yaml': `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: speech-api-scan\n      - id: speech-api-scan-push\n`,
      'README.md': 'hello\n',
    });
    const install = spawnSync(preCommit, ['install', '--hook-type', 'pre-commit', '--hook-type', 'pre-push'], {
      cwd: work,
      encoding: 'utf8',
      env: { ...process.env, ...TEST_GIT_ENV, PRE_COMMIT_HOME: home },
    });
    assert.equal(install.status, 0, install.stderr);

    git(work, 'add', '-A');
    const clean = hooked(work, home, 'commit', '-m', 'no key');
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout + clean.stderr, /Hard-coded Valossa \/ Vurbo\.ai API keys \(staged\)\.+Passed/);

    const key = keys.vurbo();
    write(work, { 'config.env': `VURBO_API_KEY=${key}\n` });
    git(work, 'add', 'config.env');
    const refused = hooked(work, home, 'commit', '-m', 'adds a key');
    const out = refused.stdout + refused.stderr;
    assert.notEqual(refused.status, 0, out);
    assert.match(out, /Failed/);
    assert.match(out, /config\.env:1:\d+: error: .*\[vurbo-api-key\]/);
    assert.ok(!out.includes(key), 'the hook printed the key');
    assert.equal(git(work, 'rev-list', '--count', 'HEAD').trim(), '1', 'the commit with the key was refused');

    const pushed = hooked(work, home, 'push', '-q', 'origin', 'main');
    assert.equal(pushed.status, 0, pushed.stdout + pushed.stderr);
    git(work, 'commit', '-q', '--no-verify', '-m', 'a key, past the commit hook');
    const refusedPush = hooked(work, home, 'push', 'origin', 'main');
    assert.notEqual(refusedPush.status, 0, refusedPush.stdout + refusedPush.stderr);
    assert.match(refusedPush.stdout + refusedPush.stderr, /\(push\)\.+Failed/);
    assert.ok(!(refusedPush.stdout + refusedPush.stderr).includes(key));
    assert.equal(git(remote, 'rev-list', '--count', 'main').trim(), '1', 'the remote did not get the commit with the key');
  });
});
