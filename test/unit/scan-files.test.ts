import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { StoredKeyMatcher, compileGlob, scanBytes, scanFile, scanText, walkFiles } from '../../src/core/scan';
import { KeyFactory, git, seededRandom, tempDir, write } from './scan-corpus';

describe('scanner: globs', () => {
  const cases: [string, string[], string[]][] = [
    ['**/node_modules/**', ['node_modules', 'a/node_modules', 'a/node_modules/x/y.js'], ['node_modules_x', 'a/b']],
    ['**/.git', ['.git', 'a/.git'], ['.github']],
    ['*.log', ['x.log'], ['a/x.log']],
    ['**/*.{js,ts}', ['a.js', 'b/c.ts'], ['a.json', 'b/c.tsx']],
    ['src/**/fixtures/*', ['src/fixtures/a', 'src/x/y/fixtures/b'], ['src/fixtures/a/b', 'fixtures/a']],
    ['file?.txt', ['file1.txt'], ['file12.txt', 'file/.txt']],
    ['[ab]*.md', ['a.md', 'bee.md'], ['c.md']],
    ['[!ab]*.md', ['c.md'], ['a.md']],
    ['./docs/*.md', ['docs/a.md'], ['a.md']],
  ];
  for (const [glob, yes, no] of cases) {
    it(`compiles ${glob}`, () => {
      const re = compileGlob(glob);
      for (const p of yes) assert.ok(re.test(p), `${glob} should match ${p}`);
      for (const p of no) assert.ok(!re.test(p), `${glob} should not match ${p}`);
    });
  }
});

describe('scanner: file walker', () => {
  it('sees exactly the files git sees as not ignored (nested .gitignore, negation, anchors, **)', () => {
    const root = tempDir('walk');
    write(root, {
      '.gitignore': [
        '# comment',
        '*.log',
        '!keep.log',
        '/build/',
        'secret*',
        '!secret-ok.txt',
        'docs/**/draft.md',
        'tmp',
        'a/**/deep',
        '\\#hash',
        'trailing\\ ',
        'x[0-9].txt',
        '',
      ].join('\n'),
      'keep.log': '',
      'drop.log': '',
      'build/out.js': '',
      'src/build/kept.js': '',
      'secret.env': '',
      'secret-ok.txt': '',
      'docs/draft.md': '',
      'docs/x/y/draft.md': '',
      'docs/final.md': '',
      'tmp/a.txt': '',
      'src/tmp': '',
      'a/b/c/deep/f.txt': '',
      '#hash': '',
      'trailing ': '',
      'x1.txt': '',
      'xa.txt': '',
      'src/.gitignore': '*.gen.ts\n!keep.gen.ts\n/local.txt\n',
      'src/a.gen.ts': '',
      'src/keep.gen.ts': '',
      'src/local.txt': '',
      'src/sub/local.txt': '',
      'src/main.ts': '',
      'node_modules/pkg/index.js': '',
      '.git-not-a-dir.txt': '',
    });
    git(root, 'init', '-q');
    fs.appendFileSync(path.join(root, '.git', 'info', 'exclude'), 'excluded-by-info.txt\n');
    write(root, { 'excluded-by-info.txt': '' });
    const fromGit = git(root, 'ls-files', '--others', '--exclude-standard', '-z').split('\0').filter(Boolean).sort();
    const fromWalker = [...walkFiles(root)].map((e) => e.relPath).sort();
    assert.deepEqual(fromWalker, fromGit);
    assert.ok(fromWalker.includes('src/sub/local.txt') && !fromWalker.includes('src/local.txt'));
  });

  it('applies .gitignore files above a subdirectory root, and exclude globs relative to the base', () => {
    const root = tempDir('walk-sub');
    write(root, { '.gitignore': '*.tmp\n', 'pkg/a.ts': '', 'pkg/b.tmp': '', 'pkg/fixtures/c.ts': '' });
    git(root, 'init', '-q');
    const rel = [...walkFiles(path.join(root, 'pkg'), { base: root, exclude: ['**/fixtures/**'] })].map((e) => e.relPath);
    assert.deepEqual(rel, ['pkg/a.ts']);
    assert.deepEqual(
      [...walkFiles(path.join(root, 'pkg', 'b.tmp'), { base: root })].map((e) => e.relPath),
      ['pkg/b.tmp'],
      'a file named explicitly is visited',
    );
    assert.deepEqual([...walkFiles(root, { gitignore: false })].map((e) => e.relPath).sort(), ['.gitignore', 'pkg/a.ts', 'pkg/b.tmp', 'pkg/fixtures/c.ts']);
  });

  it('does not follow symbolic links or enter .git', () => {
    const root = tempDir('walk-links');
    write(root, { 'real/a.txt': 'x' });
    fs.symlinkSync(path.join(root, 'real'), path.join(root, 'link'));
    fs.symlinkSync(root, path.join(root, 'real', 'loop'));
    git(root, 'init', '-q');
    assert.deepEqual(
      [...walkFiles(root)].map((e) => e.relPath),
      ['real/a.txt'],
    );
  });
});

describe('scanner: file contents', () => {
  const keys = new KeyFactory(41);

  it('skips binaries (NUL bytes, known extensions) and files over the size limit', () => {
    const root = tempDir('bytes');
    const k = keys.vurbo();
    write(root, {
      'blob.dat': Buffer.concat([Buffer.from(`key=${k}\n`), Buffer.from([0, 1, 2, 3])]),
      'image.png': `key=${k}`,
      'big.txt': `key=${k}\n` + 'x'.repeat(2048),
      'ok.txt': `key=${k}\n`,
    });
    assert.deepEqual(scanFile(path.join(root, 'blob.dat')), { findings: [], skipped: 'binary' });
    assert.deepEqual(scanFile(path.join(root, 'image.png')), { findings: [], skipped: 'binary' });
    assert.deepEqual(scanFile(path.join(root, 'big.txt'), { maxBytes: 1024 }), { findings: [], skipped: 'too-large' });
    assert.equal(scanFile(path.join(root, 'ok.txt')).findings.length, 1);
    assert.deepEqual(scanFile(path.join(root, 'missing.txt')), { findings: [], skipped: 'unreadable' });
  });

  it("tells extensions as path.extname does: none for a dot file, the last one, any case, not a folder's", () => {
    const root = tempDir('names');
    const k = keys.vurbo();
    const names = ['IMAGE.PNG', 'a.b.png', '.png', 'png', 'dir.png/file.txt', 'x.png.txt', 'trailing.'];
    write(root, Object.fromEntries(names.map((n) => [n, `key=${k}\n`])));
    const binary = names.filter((n) => scanFile(path.join(root, n)).skipped === 'binary');
    assert.deepEqual(binary, ['IMAGE.PNG', 'a.b.png']);
    assert.deepEqual(
      binary,
      names.filter((n) => ['.png'].includes(path.extname(n).toLowerCase())),
    );
  });

  it('reads files larger than its read buffer whole, and skips them only past the size limit', () => {
    const root = tempDir('bytes-large');
    const [first, last] = [keys.vurbo(), keys.vurbo()];
    const filler = ('x'.repeat(99) + '\n').repeat(30_000); // 3 MB: more than the first read buffer
    write(root, { 'large.txt': `key=${first}\n${filler}key=${last}\n`, 'small.txt': `key=${first}\n` });
    const large = path.join(root, 'large.txt');
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(
        scanFile(large).findings.map((f) => [f.line, f.column]),
        [
          [1, 5],
          [30_002, 5],
        ],
      );
      assert.equal(scanFile(path.join(root, 'small.txt')).findings.length, 1, 'a grown buffer holds no stale bytes for the next file');
    }
    assert.deepEqual(scanFile(large, { maxBytes: 2 * 1024 * 1024 }), { findings: [], skipped: 'too-large' });
  });

  it('decodes UTF-16 (with BOM), UTF-8 with BOM, and legacy 8-bit text with the right columns', () => {
    const k = keys.vurbo();
    const text = `é = 1\nkey = "${k}"\n`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    const latin1 = Buffer.from(text, 'latin1'); // é is 0xE9: not valid UTF-8
    for (const [name, bytes] of [
      ['utf-16le', le],
      ['utf-16be', be],
      ['utf-8 bom', bom8],
      ['latin1', latin1],
    ] as const) {
      const r = scanBytes(bytes);
      assert.deepEqual(
        r.findings.map((f) => [f.line, f.column, text.split('\n')[f.line - 1].slice(f.column - 1, f.endColumn - 1)]),
        [[2, 8, k]],
        name,
      );
    }
  });

  it('does not decode a file without any trigger, and finds stored keys by bytes', () => {
    const r = scanBytes(Buffer.from('nothing here but text\n'.repeat(1000)));
    assert.deepEqual(r, { findings: [] });
    const stored = keys.hex();
    const matcher = new StoredKeyMatcher([{ provider: 'valossa', origin: 'https://x', key: stored }]);
    assert.equal(scanBytes(Buffer.from(`token ${stored}\n`), { storedKeys: matcher }).findings[0].ruleId, 'stored-api-key');
  });

  it('scans ASCII files of 4 KB and more by regions around their triggers with exactly the results of a full scan', () => {
    const random = seededRandom(5);
    const stored = keys.hex();
    const matcher = new StoredKeyMatcher([{ provider: 'valossa', origin: 'https://x', key: stored }]);
    const pieces = [
      () => `const k = "${keys.vurbo()}";`,
      () => `VALOSSA_API_KEY=${keys.hex()}`,
      () => `{"api_key": "${keys.hex()}"}`,
      () => '# valossa new_job',
      () => `X-API-Key: ${keys.b64()}`,
      () => 'https://vas-poc.vurbo.ai/api/v1/tasks',
      () => '// speech-api-allow-next-line',
      () => `token ${stored}`,
      () => 'api_key = process.env.X; vas_short; canvas_thing',
      () => `const apiKey = "${keys.hex()}";`, // a Valossa key by name only where valossa is named nearby
    ];
    // Twenty large documents, then twenty of 4–20 KB (source-file sizes) with keys closer together.
    for (let doc = 0; doc < 40; doc++) {
      const [target, density] = doc < 20 ? [200_000, 0.02] : [4096 + Math.floor(random() * 16_000), 0.08];
      const lines: string[] = [];
      for (let size = 0; size < target; size += lines[lines.length - 1].length + 1) {
        lines.push(random() < density ? pieces[Math.floor(random() * pieces.length)]() : 'x'.repeat(Math.floor(random() * 120)));
      }
      if (doc % 2) lines.push('y'.repeat(100_000) + ` "${keys.vurbo()}" ` + 'z'.repeat(100_000)); // one very long line
      const text = lines.join(doc % 3 ? '\n' : '\r\n');
      const full = scanText(text, { storedKeys: matcher });
      const r = scanBytes(Buffer.from(text), { storedKeys: matcher });
      assert.ok(full.length > (doc < 20 ? 3 : 0), 'the document holds keys');
      assert.deepEqual(r.findings, full, `document ${doc}`);
      assert.equal(r.excerpts?.length, full.length);
    }
  });

  it('prefilters every trigger spelling the scanner knows', () => {
    const h = keys.hex();
    for (const line of [
      `VALOSSA_API_KEY=${h}`,
      `valossa_api_key=${h}`,
      `Valossa_Api_Key=${h}`,
      `X-API-KEY: ${h} vurbo`,
      `x-api-key: ${h} vurbo`,
      `X-Api-Key: ${h} vurbo`,
    ]) {
      assert.equal(scanBytes(Buffer.from(line)).findings.length, 1, line.replace(h, '<key>'));
    }
  });

  it('reads a generic key name when the only Valossa mention is a /core/1.0/ endpoint, wherever it sits', () => {
    const h = keys.hex();
    const assignment = `const apiKey = "${h}";`;
    for (const text of [
      `/core/1.0/new_job\n${assignment}`,
      `${assignment}\nfetch("https://api.example/core/1.0/job_status?id=1")`,
      `// 1.0/ core/1.0 /core/1.0\n${assignment}\npost('/core/1.0/list_jobs')`,
    ]) {
      assert.equal(scanBytes(Buffer.from(text)).findings[0]?.ruleId, 'valossa-key-by-name', text.replace(h, '<key>'));
    }
    assert.equal(scanBytes(Buffer.from(`${assignment}\n// core/1.0/new_job 1.0/list_jobs`)).findings.length, 0, "no /core/1.0/: someone else's key");
  });

  it('finds the Valossa mention of a generic key name as far away as the scanner looks, in bytes of UTF-8', () => {
    const h = keys.hex();
    const padding = ('x'.repeat(79) + '\n').repeat(1000); // 80 KB: the prefilter looks near the name, not file-wide
    const near = `valossa ${'€'.repeat(4000)} apiKey = "${h}"\n`; // 4,000 units but 12,000 bytes away
    const far = `valossa ${'x'.repeat(5000)} apiKey = "${h}"\n`; // beyond the scanner's 4,096 characters
    assert.equal(scanBytes(Buffer.from(padding + near + padding)).findings[0]?.ruleId, 'valossa-key-by-name');
    assert.deepEqual(scanBytes(Buffer.from(padding + far + padding)).findings, []);
  });
});
