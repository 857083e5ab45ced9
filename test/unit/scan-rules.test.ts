import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { RULES, RULE_IDS, StoredKeyMatcher, scanText, type Finding } from '../../src/core/scan';
import { KeyFactory, corpusFiles, plantedCorpus } from './scan-corpus';

function describeFinding(text: string, f: Finding): string {
  return `${f.ruleId} at ${f.line}:${f.column} (${text.slice(f.start, f.end).slice(0, 6)}…)`;
}

describe('scanner: fixture corpus', () => {
  const corpus = plantedCorpus();

  it('covers many file types', () => {
    const names = corpusFiles();
    for (const ext of ['.ts', '.js', '.py', '.sh', '.env', '.yaml', '.http', '.json', '.md', '.go', '.txt']) {
      assert.ok(
        names.some((n) => n.endsWith(ext)),
        `no ${ext} fixture`,
      );
    }
    assert.ok(names.includes('Dockerfile'));
  });

  for (const name of corpusFiles()) {
    it(`finds exactly the planted keys in ${name}`, () => {
      const { text, planted } = corpus.get(name)!;
      const findings = scanText(text);
      const expected = planted.filter((p) => p.rule).map((p) => `${p.rule}@${p.start}-${p.end}`);
      const actual = findings.map((f) => `${f.ruleId}@${f.start}-${f.end}`);
      const missed = expected.filter((e) => !actual.includes(e));
      const extra = findings.filter((f) => !expected.includes(`${f.ruleId}@${f.start}-${f.end}`)).map((f) => describeFinding(text, f));
      assert.deepEqual({ missed, extra }, { missed: [], extra: [] });
      assert.ok(expected.length > 0 || name === 'lookalikes.txt', 'every fixture but the look-alikes plants a key');
    });
  }

  it('reports 1-based lines and columns that point at the key', () => {
    for (const { text } of corpus.values()) {
      const lines = text.split('\n');
      for (const f of scanText(text)) {
        assert.equal(lines[f.line - 1].slice(f.column - 1, f.endColumn - 1), text.slice(f.start, f.end));
        assert.equal(f.endLine, f.line);
      }
    }
  });
});

describe('scanner: Vurbo key format', () => {
  const keys = new KeyFactory(11);

  it('needs exactly 32 alphanumerics after vas_, on token boundaries', () => {
    const key = keys.vurbo();
    const body = key.slice(4);
    assert.equal(scanText(key).length, 1);
    assert.equal(scanText(`"${key}"`).length, 1);
    assert.equal(scanText(`x=${key}&y`).length, 1);
    assert.equal(scanText(`${key}_suffix`).length, 1, 'an underscore after the key still ends it');
    for (const near of [`canvas_${body}`, `${key}Z`, `${key}7`, `vas_${body.slice(1)}`, `my_${key}`, `xvas_${body}`, `VAS_${body}`]) {
      assert.deepEqual(scanText(near), [], near.replace(body, '<body>'));
    }
  });

  it('ignores placeholders, masks, documentation examples and low-entropy fillers', () => {
    // Built from their bodies so no committed line holds a key-shaped literal.
    const samples = [
      ...[
        'x'.repeat(32),
        'X'.repeat(32),
        '0'.repeat(32),
        'abcdefghijklmnopqrstuvwxyz012345',
        '0123456789abcdef'.repeat(2),
        'YOURAPIKEYGOESHEREYOURAPIKEY123',
        'exampleKey1234567890exampleKey1',
        'ab'.repeat(16),
      ].map((body) => `vas_${body}`),
      'vas_****',
      'vas_...',
      new KeyFactory().generate('docexample'),
    ];
    for (const s of samples) assert.deepEqual(scanText(`key = "${s}"`), [], s);
  });

  it('never flags a random key as a placeholder (1000 generated keys)', () => {
    for (let i = 0; i < 1000; i++) {
      const key = keys.vurbo();
      assert.equal(scanText(`k="${key}"`).length, 1, key.slice(0, 8));
    }
  });
});

describe('scanner: keys found by context', () => {
  const keys = new KeyFactory(12);
  const cases: [string, (k: string) => string, string | undefined][] = [
    ['TS const', (k) => `const VALOSSA_API_KEY = '${k}';`, 'api-key-env-assignment'],
    ['prefixed name', (k) => `REACT_APP_VURBO_API_KEY=${k}`, 'api-key-env-assignment'],
    ['lower-case name', (k) => `vurbo_api_key = "${k}"`, 'api-key-env-assignment'],
    ['Go :=', (k) => `VURBO_API_KEY := "${k}"`, 'api-key-env-assignment'],
    ['PowerShell', (k) => `$env:VALOSSA_API_KEY = "${k}"`, 'api-key-env-assignment'],
    ['shell default', (k) => `: "\${VALOSSA_API_KEY:-${k}}"`, 'api-key-env-assignment'],
    ['?? fallback', (k) => `const key = process.env.VALOSSA_API_KEY ?? "${k}";`, 'api-key-env-assignment'],
    ['python or', (k) => `key = os.environ.get("VALOSSA_API_KEY") or "${k}"`, 'api-key-env-assignment'],
    ['environ assignment', (k) => `os.environ["VALOSSA_API_KEY"] = "${k}"`, 'api-key-env-assignment'],
    ['compose list', (k) => `  - VALOSSA_API_KEY=${k}`, 'api-key-env-assignment'],
    ['.env with comment', (k) => `VALOSSA_API_KEY=${k} # prod`, 'api-key-env-assignment'],
    ['a read, not a literal', () => `const VALOSSA_API_KEY = process.env.VALOSSA_API_KEY;`, undefined],
    ['an identifier', () => `const VALOSSA_API_KEY = loadKeyFromVault;`, undefined],
    ['a comparison', (k) => `if (VALOSSA_API_KEY == "${k}") {}`, undefined],
    ['a longer name', (k) => `VALOSSA_API_KEY_PATH=${k}`, undefined],
    ['a type annotation', () => `VALOSSA_API_KEY: string;`, undefined],
    ['another service', (k) => `STRIPE_API_KEY=${k}`, undefined],
    ['Valossa URL', (k) => `GET https://api-eu.valossa.com/core/1.0/list_jobs?api_key=${k}`, 'api-key-in-url'],
    ['Valossa URL, later param', (k) => `"https://api-eu.valossa.com/core/1.0/job_status?job_id=1&api_key=${k}"`, 'api-key-in-url'],
    ['assembled Valossa path', (k) => 'url = `${base}/job_results?api_key=' + k + '&type=core`', 'api-key-in-url'],
    ['other host', (k) => `https://tiles.example.org/x?api_key=${k}`, undefined],
    ['curl header with Vurbo URL', (k) => `curl -H "X-API-Key: ${k}" https://vas-poc.vurbo.ai/api/v1/tasks`, 'api-key-header'],
    ['lower-case header', (k) => `curl -H 'x-api-key: ${k}' https://vas-poc.vurbo.ai/api/v1/tasks`, 'api-key-header'],
    ['header, no Vurbo nearby', (k) => `curl -H "X-API-Key: ${k}" https://api.example.com/v2/things`, undefined],
    ['header from a variable', () => `curl -H "X-API-Key: $KEY" https://vas-poc.vurbo.ai/api/v1/tasks`, undefined],
    ['Valossa body', (k) => `requests.post(VALOSSA + "/new_job", json={"api_key": "${k}"})`, 'valossa-api-key-field'],
    ['PHP array', (k) => `$body = ['api_key' => '${k}']; // new_job`, 'valossa-api-key-field'],
    ['form field', (k) => `curl -F api_key=${k} -F file=@a.mp4 https://api-eu.valossa.com/core/1.0/initialize_file_upload`, 'valossa-api-key-field'],
    ['body, no Valossa nearby', (k) => `{"api_key": "${k}"}`, undefined],
    ['placeholder in body', () => `{"api_key": "YOUR_API_KEY"} // new_job`, undefined],
  ];
  for (const [name, make, rule] of cases) {
    it(`${rule ? 'flags' : 'ignores'} ${name}`, () => {
      const key = name.includes('header') ? keys.b64() : keys.hex();
      const text = make(key);
      const found = scanText(text);
      if (!rule)
        return assert.deepEqual(
          found.map((f) => f.ruleId),
          [],
        );
      assert.deepEqual(
        found.map((f) => [f.ruleId, text.slice(f.start, f.end)]),
        [[rule, key]],
      );
    });
  }

  it('finds the provider named up to 10 lines away, not 11', () => {
    const key = keys.hex();
    const near = `# valossa\n${'\n'.repeat(9)}{"api_key": "${key}"}`;
    const far = `# valossa\n${'\n'.repeat(10)}{"api_key": "${key}"}`;
    assert.equal(scanText(near).length, 1);
    assert.equal(scanText(far).length, 0);
  });

  it('reports one finding, of the most specific rule, when rules overlap', () => {
    const key = keys.vurbo();
    const found = scanText(`export VURBO_API_KEY=${key} # https://vas-poc.vurbo.ai/api/v1/sse/x?api_key=${key}`);
    assert.deepEqual(
      found.map((f) => f.ruleId),
      ['vurbo-api-key', 'vurbo-api-key'],
    );
  });
});

describe('scanner: stored keys', () => {
  const keys = new KeyFactory(13);

  it('finds the exact stored keys of any format, says so, and never repeats the key', () => {
    const valossa = keys.hex();
    const vurbo = keys.vurbo();
    const matcher = new StoredKeyMatcher([
      { provider: 'valossa', origin: 'https://api-eu.valossa.com', key: valossa },
      { provider: 'vurbo', origin: 'https://vas-poc.vurbo.ai', key: vurbo },
    ]);
    const text = `token: ${valossa}\nother = "${vurbo}"\nnot this: x${valossa}`;
    const found = scanText(text, { storedKeys: matcher });
    assert.deepEqual(
      found.map((f) => [f.ruleId, f.provider, f.line, f.origin]),
      [
        ['stored-api-key', 'valossa', 1, 'https://api-eu.valossa.com'],
        ['stored-api-key', 'vurbo', 2, 'https://vas-poc.vurbo.ai'],
      ],
    );
    for (const f of found) {
      assert.match(f.message, /live .* API key stored in VS Code Secret Storage/);
      assert.ok(!f.message.includes(valossa) && !f.message.includes(vurbo));
    }
    assert.equal(RULES['stored-api-key'].defaultSeverity, 'error');
  });

  it('keeps the keys out of JSON, inspection and logs', () => {
    const key = keys.hex();
    const matcher = new StoredKeyMatcher([{ provider: 'valossa', origin: 'https://a.example', key }]);
    assert.ok(!JSON.stringify({ matcher }).includes(key));
    assert.ok(!inspect(matcher, { showHidden: true, depth: 5 }).includes(key));
    assert.ok(!String(matcher).includes(key));
  });

  it('ignores stored values too short to be keys', () => {
    const matcher = new StoredKeyMatcher([{ provider: 'valossa', origin: 'x', key: 'abc123' }]);
    assert.equal(matcher.size, 0);
    assert.deepEqual(scanText('abc123', { storedKeys: matcher }), []);
  });
});

describe('scanner: rules table', () => {
  it('gives every rule an id, a title, a message, help and a default severity', () => {
    for (const id of RULE_IDS) {
      const r = RULES[id];
      assert.equal(r.id, id);
      assert.match(id, /^[a-z]+(-[a-z]+)+$/);
      for (const text of [r.title, r.message, r.help]) assert.ok(text.length > 10, id);
      assert.ok(['error', 'warning', 'information', 'hint'].includes(r.defaultSeverity));
    }
  });
});

describe('scanner: large inputs', () => {
  const keys = new KeyFactory(14);

  it('scans a 10 MB file with keys spread through it', () => {
    const planted: string[] = [];
    const lines: string[] = [];
    for (let i = 0; i < 250_000; i++) {
      if (i % 25_000 === 7) {
        const k = keys.vurbo();
        planted.push(k);
        lines.push(`  const key${i} = "${k}"; // api_key and X-API-Key words nearby`);
      } else lines.push(`  const value${i} = compute(${i}, "some text here", api_key_${i % 7});`);
    }
    const text = lines.join('\n');
    assert.ok(text.length > 10_000_000);
    const found = scanText(text);
    assert.deepEqual(
      found.map((f) => text.slice(f.start, f.end)),
      planted,
    );
    assert.deepEqual(
      found.map((f) => f.line),
      planted.map((_k, j) => j * 25_000 + 8),
    );
  });

  it('scans a 1 MB single line full of triggers', () => {
    const k = keys.vurbo();
    const chunk = 'x api_key=1; X-API-Key: y; VURBO_API_KEY; vas_short; ';
    const line = chunk.repeat(Math.ceil(1_000_000 / chunk.length)) + `"${k}"` + chunk.repeat(100);
    assert.ok(line.length > 1_000_000);
    const found = scanText(line);
    assert.deepEqual(
      found.map((f) => [f.ruleId, f.line, line.slice(f.start, f.end)]),
      [['vurbo-api-key', 1, k]],
    );
  });

  it('scans a 1 MB single line holding thousands of keys', () => {
    const planted = Array.from({ length: 5000 }, () => keys.vurbo());
    const filler = ' '.repeat(160);
    const line = planted.map((k, i) => `${i % 2 ? 'X-API-Key' : 'VURBO_API_KEY'}="${k}",${filler}`).join('');
    assert.ok(line.length > 1_000_000);
    assert.deepEqual(
      scanText(line).map((f) => line.slice(f.start, f.end)),
      planted,
    );
  });
});
