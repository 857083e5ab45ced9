// The loader runs the bundle through V8's code cache: a first start writes it, later starts use it,
// and a rebuilt bundle, a broken cache file or an unwritable folder only cost the speed-up. Each
// start is a fresh Node process, as each extension host is (V8 skips the cache file when its own
// in-memory cache already holds the script).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import esbuild from 'esbuild';
import { cacheSiblings, requireSibling } from '../../src/core/codeCache';

interface Start {
  fromCache: boolean;
  answer: number;
  file: string;
}

describe('loadWithCodeCache', function () {
  this.timeout(30_000);
  let dir: string;
  let bundle: string;
  let cacheDir: string;
  let starter: string;
  const cacheFiles = (): string[] => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).filter((f) => f.endsWith('.bin')) : []);
  let builds = 0;
  const writeBundle = (body: string): void => {
    fs.writeFileSync(bundle, body);
    // A distinct mtime per build, as a rebuild or an update has.
    const mtime = new Date(Date.UTC(2026, 0, 1) + ++builds * 1000);
    fs.utimesSync(bundle, mtime, mtime);
  };
  const start = (save = true): Start =>
    JSON.parse(execFileSync(process.execPath, [starter, bundle, cacheDir, save ? 'save' : ''], { encoding: 'utf8' })) as Start;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
    starter = path.join(dir, 'starter.js');
    fs.writeFileSync(
      path.join(dir, 'starter.ts'),
      `import { createRequire } from 'node:module';
       import { loadWithCodeCache } from ${JSON.stringify(path.resolve('src/core/codeCache'))};
       const [bundle, cacheDir, save] = process.argv.slice(2);
       const loaded = loadWithCodeCache(bundle, cacheDir, createRequire(bundle));
       if (save) loaded.saveCache();
       const exports = loaded.exports as { answer(): number; file: string };
       process.stdout.write(JSON.stringify({ fromCache: loaded.fromCache, answer: exports.answer(), file: exports.file }));`,
    );
    await esbuild.build({ entryPoints: [path.join(dir, 'starter.ts')], outfile: starter, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent' });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  beforeEach(() => {
    bundle = path.join(dir, 'bundle.js');
    cacheDir = fs.mkdtempSync(path.join(dir, 'storage-'));
    fs.writeFileSync(path.join(dir, 'sibling.js'), 'module.exports = 41;');
    writeBundle("const sibling = require('./sibling.js'); exports.answer = () => sibling + 1; exports.file = __filename;");
  });

  it('runs the bundle as a CommonJS module with the given require, then uses the cache it saved', () => {
    assert.deepEqual(start(false), { fromCache: false, answer: 42, file: bundle });
    assert.deepEqual(cacheFiles(), [], 'nothing is written until saveCache()');
    assert.equal(start().fromCache, false);
    assert.equal(cacheFiles().length, 1);
    const [written] = cacheFiles();
    const mtime = fs.statSync(path.join(cacheDir, written)).mtimeMs;
    assert.deepEqual(start(), { fromCache: true, answer: 42, file: bundle });
    assert.equal(fs.statSync(path.join(cacheDir, written)).mtimeMs, mtime, 'a start that used the cache writes nothing');
  });

  it('never runs an old cache for a rebuilt bundle of the same length, and keeps only the newest cache', () => {
    start();
    const [old] = cacheFiles();
    // Same length as before: V8 itself would take the old cache for this source.
    writeBundle("const sibling = require('./sibling.js'); exports.answer = () => sibling + 2; exports.file = __filename;");
    assert.deepEqual(start(), { fromCache: false, answer: 43, file: bundle });
    assert.equal(cacheFiles().length, 1);
    assert.notEqual(cacheFiles()[0], old);
    assert.deepEqual(start(), { fromCache: true, answer: 43, file: bundle });
  });

  it('compiles from source when the cache file is garbage, and replaces it', () => {
    start();
    const [name] = cacheFiles();
    fs.writeFileSync(path.join(cacheDir, name), Buffer.from('not V8 code cache data'));
    assert.deepEqual(start(), { fromCache: false, answer: 42, file: bundle });
    assert.equal(start().fromCache, true);
  });

  it('still starts when the cache folder cannot be created', () => {
    cacheDir = path.join(dir, 'a-file');
    fs.writeFileSync(cacheDir, 'in the way');
    assert.deepEqual(start(), { fromCache: false, answer: 42, file: bundle });
    assert.equal(start().fromCache, false);
  });

  it('keeps the cache of another bundle in the same folder (the extension and its siblings share one)', () => {
    start();
    const other = path.join(dir, 'other.js');
    fs.writeFileSync(other, 'exports.answer = () => 7; exports.file = __filename;');
    execFileSync(process.execPath, [starter, other, cacheDir, 'save']);
    assert.equal(cacheFiles().length, 2);
    assert.equal(start().fromCache, true);
  });
});

describe('requireSibling', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-siblings-'));
    fs.writeFileSync(path.join(dir, 'lib.js'), "exports.where = 'beside the bundle'; exports.file = __filename;");
  });
  after(() => {
    cacheSiblings(undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads a sibling bundle once the folders are set, and the plain require otherwise', () => {
    const plain = { where: 'plain require' };
    cacheSiblings(undefined);
    assert.equal(
      requireSibling('lib.js', () => plain),
      plain,
      'before activation sets the folders (the CLI, tests)',
    );
    cacheSiblings({ bundleDir: dir, cacheDir: path.join(dir, 'storage') });
    const loaded = requireSibling('lib.js', () => plain);
    assert.deepEqual(loaded, { where: 'beside the bundle', file: path.join(dir, 'lib.js') });
    assert.equal(
      requireSibling('missing.js', () => plain),
      plain,
      'not built next to the bundle (running from source)',
    );
  });
});
