import assert from 'node:assert/strict';
import path from 'node:path';
import { addToGitignore, allowCommentLine, envReadFix, scanText } from '../../src/core/scan';
import { KeyFactory, git, tempDir, write } from './scan-corpus';

describe('scanner: quick-fix edits', () => {
  const keys = new KeyFactory(61);

  function fix(line: string, languageId: string, fileName: string, provider: 'vurbo' | 'valossa' = 'vurbo', doc?: string) {
    const [finding] = scanText(line);
    assert.ok(finding, `no finding in ${line}`);
    const f = envReadFix(line, finding.column - 1, finding.endColumn - 1, provider, languageId, fileName, doc);
    if (!f) return undefined;
    const after = line.slice(0, f.start) + f.newText + line.slice(f.end);
    assert.deepEqual(scanText(after), [], `the fix removes the finding: ${after}`);
    return { after, fix: f };
  }

  const cases: [string, string, string, (k: string) => string, string][] = [
    ['TS literal', 'typescript', 'a.ts', (k) => `const key = '${k}';`, 'const key = process.env.VURBO_API_KEY;'],
    ['JS object', 'javascript', 'a.js', (k) => `  headers: { 'X-API-Key': "${k}" },`, "  headers: { 'X-API-Key': process.env.VURBO_API_KEY },"],
    [
      'TS template',
      'typescript',
      'a.ts',
      (k) => 'const u = `https://vas-poc.vurbo.ai/x?api_key=' + k + '`;',
      'const u = `https://vas-poc.vurbo.ai/x?api_key=${process.env.VURBO_API_KEY}`;',
    ],
    ['TS inside a string', 'typescript', 'a.ts', (k) => `const h = "X-API-Key: ${k}";`, 'const h = "X-API-Key: " + process.env.VURBO_API_KEY;'],
    ['TS mid-string', 'typescript', 'a.ts', (k) => `const h = 'k=${k}&a=1';`, "const h = 'k=' + process.env.VURBO_API_KEY + '&a=1';"],
    ['Python', 'python', 'a.py', (k) => `KEY = "${k}"`, 'KEY = os.environ["VURBO_API_KEY"]'],
    [
      'Python f-string',
      'python',
      'a.py',
      (k) => `url = f"https://vas-poc.vurbo.ai/x?api_key=${k}&id={i}"`,
      `url = f"https://vas-poc.vurbo.ai/x?api_key={os.environ['VURBO_API_KEY']}&id={i}"`,
    ],
    [
      'shell, double quotes',
      'shellscript',
      'a.sh',
      (k) => `curl -H "X-API-Key: ${k}" https://vas-poc.vurbo.ai`,
      'curl -H "X-API-Key: ${VURBO_API_KEY}" https://vas-poc.vurbo.ai',
    ],
    [
      'shell, single quotes',
      'shellscript',
      'a.sh',
      (k) => `curl -H 'X-API-Key: ${k}' https://vas-poc.vurbo.ai`,
      `curl -H 'X-API-Key: '"\${VURBO_API_KEY}"'' https://vas-poc.vurbo.ai`,
    ],
    ['shell, bare', 'shellscript', 'a.sh', (k) => `export VURBO_API_KEY=${k}`, 'export VURBO_API_KEY=$VURBO_API_KEY'],
    ['YAML', 'yaml', 'compose.yaml', (k) => `      VURBO_API_KEY: ${k}`, '      VURBO_API_KEY: ${VURBO_API_KEY}'],
    ['Dockerfile', 'dockerfile', 'Dockerfile', (k) => `ENV VURBO_API_KEY=${k}`, 'ENV VURBO_API_KEY=${VURBO_API_KEY}'],
    ['REST Client', 'http', 'api.http', (k) => `X-API-Key: ${k}`, 'X-API-Key: {{$processEnv VURBO_API_KEY}}'],
    ['Go', 'go', 'main.go', (k) => `const key = "${k}"`, 'const key = os.Getenv("VURBO_API_KEY")'],
    ['Java', 'java', 'A.java', (k) => `String key = "${k}";`, 'String key = System.getenv("VURBO_API_KEY");'],
    ['C#', 'csharp', 'A.cs', (k) => `var key = "${k}";`, 'var key = Environment.GetEnvironmentVariable("VURBO_API_KEY");'],
    ['Ruby', 'ruby', 'a.rb', (k) => `key = "${k}"`, 'key = ENV.fetch("VURBO_API_KEY")'],
    ['PHP', 'php', 'a.php', (k) => `$key = '${k}';`, "$key = getenv('VURBO_API_KEY');"],
    ['PowerShell', 'powershell', 'a.ps1', (k) => `$key = "${k}"`, '$key = $env:VURBO_API_KEY'],
    ['Markdown', 'markdown', 'README.md', (k) => `Use ${k} to call it.`, 'Use YOUR_VURBO_API_KEY to call it.'],
    ['JSON', 'json', 'config.json', (k) => `  "key": "${k}"`, '  "key": "YOUR_VURBO_API_KEY"'],
  ];
  for (const [name, languageId, fileName, make, expected] of cases) {
    it(`replaces the key with an environment read: ${name}`, () => {
      const r = fix(make(keys.vurbo()), languageId, fileName);
      assert.ok(r);
      assert.equal(r.after, expected);
    });
  }

  it("uses the provider's variable", () => {
    const h = keys.hex();
    const r = fix(`VALOSSA_API_KEY = "${h}"`, 'python', 'a.py', 'valossa');
    assert.equal(r?.after, 'VALOSSA_API_KEY = os.environ["VALOSSA_API_KEY"]');
    assert.match(r!.fix.title, /VALOSSA_API_KEY/);
  });

  it('adds `import os` to a Python file that lacks it, after a shebang and __future__ imports', () => {
    const line = `KEY = "${keys.vurbo()}"`;
    const doc = `#!/usr/bin/env python3\nfrom __future__ import annotations\nimport sys\n${line}\n`;
    assert.deepEqual(fix(line, 'python', 'a.py', 'vurbo', doc)?.fix.addImport, { line: 2, text: 'import os' });
    assert.equal(fix(line, 'python', 'a.py', 'vurbo', `import os, sys\n${line}\n`)?.fix.addImport, undefined);
    assert.equal(fix(line, 'python', 'a.py', 'vurbo', `from os import environ\n${line}\n`)?.fix.addImport, undefined);
  });

  it('offers no replacement in .env files or languages it cannot read variables in', () => {
    assert.equal(fix(`VURBO_API_KEY=${keys.vurbo()}`, 'dotenv', '.env'), undefined);
    assert.equal(fix(`VURBO_API_KEY=${keys.vurbo()}`, 'plaintext', 'prod.env'), undefined);
    assert.equal(fix(`set KEY=${keys.vurbo()}`, 'bat', 'a.bat'), undefined);
  });

  const comments: [string, string, string][] = [
    ['typescript', 'a.ts', '    // speech-api-allow-next-line'],
    ['python', 'a.py', '    # speech-api-allow-next-line'],
    ['plaintext', 'prod.env', '    # speech-api-allow-next-line'],
    ['plaintext', 'Dockerfile', '    # speech-api-allow-next-line'],
    ['sql', 'a.sql', '    -- speech-api-allow-next-line'],
    ['ini', 'a.ini', '    ; speech-api-allow-next-line'],
    ['html', 'a.html', '    <!-- speech-api-allow-next-line -->'],
    ['css', 'a.css', '    /* speech-api-allow-next-line */'],
  ];
  for (const [languageId, fileName, expected] of comments) {
    it(`inserts an allow comment that the scanner honours: ${languageId} ${fileName}`, () => {
      const line = `    key = "${keys.vurbo()}"`;
      const comment = allowCommentLine(line, 'previous', languageId, fileName);
      assert.equal(comment, expected);
      assert.deepEqual(scanText(`previous\n${comment}\n${line}\n`), []);
    });
  }

  it('inserts no second allow comment, and none where the language has no comments', () => {
    assert.equal(allowCommentLine('x', '// speech-api-allow-next-line', 'typescript', 'a.ts'), undefined);
    assert.equal(allowCommentLine('x', undefined, 'json', 'a.json'), undefined);
  });

  it('adds a file to .gitignore once, creating it if needed, and git agrees it is ignored', () => {
    assert.equal(addToGitignore(undefined, '.env'), '/.env\n');
    assert.equal(addToGitignore('node_modules/', 'config/.env'), 'node_modules/\n/config/.env\n');
    assert.equal(addToGitignore('a\r\n', 'b'), 'a\r\n/b\r\n');
    assert.equal(addToGitignore('/.env\n', '.env'), undefined, 'no duplicate');
    assert.equal(addToGitignore('*.env\n', 'prod.env'), undefined, 'already ignored by a pattern');
    const root = tempDir('gitignore');
    const names = ['#notes.env', '!bang.env', 'star*.env', 'sp ace.env', 'dir/[x].env'];
    let content: string | undefined;
    for (const n of names) content = addToGitignore(content, n) ?? content;
    write(root, { '.gitignore': content!, ...Object.fromEntries(names.map((n) => [n, 'x'])), 'starX.env': 'x' });
    git(root, 'init', '-q');
    const ignored = git(root, 'check-ignore', '--no-index', ...names, 'starX.env')
      .split('\n')
      .filter(Boolean)
      .map((p) => p.split(path.sep).join('/'));
    assert.deepEqual(ignored.sort(), [...names].sort(), 'each entry matches only its own file');
  });
});
