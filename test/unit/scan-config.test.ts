import assert from 'node:assert/strict';
import path from 'node:path';
import {
  ConfigError,
  ContentRules,
  loadScanConfig,
  parseScanConfig,
  regexProblem,
  scanHistory,
  scanProject,
  scanText,
  type ScanConfig,
} from '../../src/core/scan';
import { KeyFactory, git, tempDir, write } from './scan-corpus';

function configIn(dir: string, config: object): ScanConfig {
  write(dir, { '.speech-api-scan.json': JSON.stringify(config) });
  return loadScanConfig(dir);
}

describe('scanner: .speech-api-scan.json', function () {
  this.timeout(30_000);
  const keys = new KeyFactory(201);

  it('is found by walking up from the scanned path to the git root, and not above it', () => {
    const outer = tempDir('cfg');
    write(outer, { '.speech-api-scan.json': '{"exclude":["outer"]}' });
    const repo = path.join(outer, 'repo');
    write(repo, { 'sub/dir/x.ts': '' });
    git(repo, 'init', '-q');
    assert.deepEqual(loadScanConfig(path.join(repo, 'sub/dir')).exclude, [], 'stops at the git root');
    write(repo, { '.speech-api-scan.json': '{"exclude":["inner"]}' });
    const config = loadScanConfig(path.join(repo, 'sub/dir/x.ts'));
    assert.deepEqual(config.exclude, ['inner']);
    assert.equal(config.root, repo);
  });

  it('refuses bad settings with a clear message', () => {
    const bad: [object, RegExp][] = [
      [{ rule: {} }, /unknown setting "rule"/],
      [{ rules: { 'no-such-rule': 'off' } }, /unknown rule "no-such-rule"/],
      [{ rules: { 'vurbo-api-key': 'loud' } }, /rules\.vurbo-api-key must be/],
      [{ exclude: 'x' }, /"exclude" must be an array/],
      [{ customRules: [{ id: 'acme', message: 'm' }] }, /"customRules "acme".regex" must be a non-empty string/],
      [{ customRules: [{ id: 'acme', message: 'm', regex: '(a+)+$' }] }, /custom rule "acme" is refused: it nests a repeated quantifier/],
      [{ allowlist: { patterns: ['(x|x)*'] } }, /allowlist pattern "\(x\|x\)\*" is refused/],
    ];
    for (const [config, message] of bad)
      assert.throws(
        () => parseScanConfig(JSON.stringify(config), '/r/.speech-api-scan.json'),
        (e: Error) => e instanceof ConfigError && message.test(e.message),
        JSON.stringify(config),
      );
    assert.throws(() => parseScanConfig('{', '/r/c.json'), /not valid JSON/);
  });

  it('rejects regexes that can backtrack catastrophically, accepts ordinary key formats', () => {
    for (const evil of [
      '(a+)+',
      '(a*)*b',
      '(?:\\w+x)*',
      '(a|a)*',
      '(a|ab)+',
      '(\\d|1)+',
      '(.*a){3,}',
      '(a{1,10})+',
      '(x)\\1',
      '((ab)*c)+',
      '.*.*=',
      '\\w+\\s*=\\s*\\w+',
    ])
      assert.ok(regexProblem(evil), evil);
    for (const ok of ['acme_[A-Za-z0-9]{32}', 'sk-(?:live|test)_[a-z0-9]{24}', '\\bAKIA[0-9A-Z]{16}\\b', '(?:ab)+c', '(foo|bar)+', 'x{2}'])
      assert.equal(regexProblem(ok), undefined, ok);
  });

  it('turns rules off, sets severity, excludes paths and allowlists values and patterns', async () => {
    const dir = tempDir('cfg-rules');
    git(dir, 'init', '-q');
    const [a, b, c, d] = [keys.vurbo(), keys.vurbo(), keys.vurbo(), keys.vurbo()];
    write(dir, {
      'a.ts': `const k = "${a}";\n`,
      'env.sh': `export VURBO_API_KEY=${keys.hex()}\n`,
      'fixtures/x.ts': `const k = "${b}";\n`,
      'allowed.ts': `const k = "${c}";\nconst t = "${d}";\n`,
    });
    git(dir, 'add', '.');
    git(dir, 'commit', '-q', '-m', 'x');
    const plain = await scanProject({ base: dir, config: loadScanConfig(dir) });
    assert.equal(plain.findings.length, 5);
    const config = configIn(dir, {
      rules: { 'api-key-env-assignment': 'off', 'vurbo-api-key': { severity: 'warning' } },
      exclude: ['fixtures/**'],
      allowlist: { values: [c], patterns: [`${d.slice(0, 10)}.*`] },
    });
    const tuned = await scanProject({ base: dir, config });
    assert.deepEqual(
      tuned.findings.map((f) => [f.relPath, f.severity]),
      [['a.ts', 'warning']],
    );
    const history = await scanHistory({ base: dir, config });
    assert.deepEqual(
      history.findings.map((f) => [f.relPath, f.severity]),
      [['a.ts', 'warning']],
      'the history scan honours the same config',
    );
  });

  it('runs custom rules (skipped when untrusted, and says so) on every line, bounded per line', async () => {
    const dir = tempDir('cfg-custom');
    const secret = 'acme_' + keys.chars('abcdefghijklmnopqrstuvwxyz0123456789', 24);
    write(dir, { 'a.txt': `nothing here\ntoken: ${secret}\n`, 'long.min.js': 'x'.repeat(20_000) + secret + '\n' });
    const config = configIn(dir, { customRules: [{ id: 'acme-token', message: 'An ACME token.', regex: 'acme_[a-z0-9]{24}', severity: 'warning' }] });
    const trusted = await scanProject({ base: dir, config });
    assert.deepEqual(
      trusted.findings.map((f) => [f.relPath, f.ruleId, f.line, f.severity, f.message]),
      [
        ['a.txt', 'custom/acme-token', 2, 'warning', 'An ACME token.'],
        ['long.min.js', 'custom/acme-token', 1, 'warning', 'An ACME token.'],
      ],
    );
    assert.equal(trusted.findings[1].column, 20_001);
    assert.ok(!trusted.findings[0].excerpt.includes(secret));
    const untrusted = await scanProject({ base: dir, config, trusted: false });
    assert.equal(untrusted.findings.length, 0);
    assert.deepEqual(untrusted.notices, ['1 custom rule from .speech-api-scan.json not run: the workspace is not trusted.']);
  });

  it('custom rules stop at the time budget instead of stalling', () => {
    // Quadratic per window (the most the safety check lets through); long lines are windowed.
    const rules = new ContentRules({ customRules: [{ id: 'slow', message: 'm', regex: '[a-z]+y' }], allowValues: [], allowPatterns: [] });
    const text = ('x'.repeat(5000) + '\n').repeat(2000);
    const started = performance.now();
    const r = rules.find(text);
    assert.ok(performance.now() - started < 1000, `${performance.now() - started} ms`);
    assert.equal(r.findings.length, 0);
    assert.equal(r.budgetExceeded, true);
    assert.equal(rules.find('short\nlines\n').budgetExceeded, false);
    assert.deepEqual(scanText('nothing'), []);
    assert.match(regexProblem('x*x*y')!, /variable-length quantifiers/);
  });
});
