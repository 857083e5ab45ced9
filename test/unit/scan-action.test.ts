// The composite GitHub Action (action.yml), run as a runner would in scratch repositories: each `run:`
// step with its `env:` block filled from the inputs (defaults from action.yml, overridden per case),
// GITHUB_ACTION_PATH at this checkout and GITHUB_OUTPUT collected between steps. No workflow runs here,
// so these are the same commands, in the same order, with the same variables.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { formatGithub } from '../../src/cli/ciOutput';
import type { ScanReport } from '../../src/core/scan';
import { committedRepo, git, KeyFactory, tempDir, write } from './scan-corpus';

const ROOT = path.resolve(__dirname, '..', '..');
const ACTION = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8');

interface Step {
  readonly id?: string;
  readonly if?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly env: Record<string, string>;
  readonly with: Record<string, string>;
}

/** The few shapes action.yml uses: `inputs:` with defaults and `runs.steps` with env/with maps. */
function parseAction(text: string): { defaults: Record<string, string>; steps: Step[] } {
  const defaults: Record<string, string> = {};
  const inputs = text.slice(text.indexOf('\ninputs:'), text.indexOf('\noutputs:'));
  for (const m of inputs.matchAll(/^ {2}([\w-]+):\n(?: {4}.*\n)*? {4}default: (.*)$/gm)) defaults[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
  const steps: Step[] = [];
  for (const block of text
    .slice(text.indexOf('  steps:'))
    .split(/\n {4}- /)
    .slice(1)) {
    const field = (name: string) => new RegExp(`^(?: {6})?${name}: (.*)$`, 'm').exec(block)?.[1];
    const map = (name: string) => {
      const m = new RegExp(` {6}${name}:\\n((?: {8}.*\\n?)*)`).exec(block);
      return Object.fromEntries([...(m?.[1] ?? '').matchAll(/^ {8}([\w-]+): (.*)$/gm)].map((e) => [e[1], e[2]]));
    };
    steps.push({ id: field('id'), if: field('if'), uses: field('uses'), run: field('run'), env: map('env'), with: map('with') });
  }
  return { defaults, steps };
}

interface ActionRun {
  readonly outputs: Record<string, string>;
  readonly log: string;
  /** Exit status of the job: the first failing step's, else 0. */
  readonly status: number;
  readonly uploaded?: string;
}

function runAction(workspace: string, inputs: Record<string, string> = {}): ActionRun {
  const { defaults, steps } = parseAction(ACTION);
  const values = { ...defaults, ...inputs };
  const outputFile = path.join(tempDir('gh-output'), 'output');
  const outputs: Record<string, string> = {};
  const expand = (s: string) =>
    s
      .replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_m, k: string) => values[k] ?? '')
      .replace(/\$\{\{\s*steps\.scan\.outputs\.([\w-]+)\s*\}\}/g, (_m, k: string) => outputs[k] ?? '');
  let log = '';
  let status = 0;
  let uploaded: string | undefined;
  for (const step of steps) {
    if (step.uses) {
      assert.match(step.uses, /^github\/codeql-action\/upload-sarif@v\d+$/);
      assert.match(step.if ?? '', /always\(\) && inputs\.upload-sarif == 'true'/);
      if (values['upload-sarif'] === 'true' && outputs['sarif-file']) uploaded = expand(step.with.sarif_file);
      continue;
    }
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GITHUB_ACTION_PATH: ROOT,
      GITHUB_OUTPUT: outputFile,
      GITHUB_WORKSPACE: workspace,
      PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`,
    };
    for (const [k, v] of Object.entries(step.env)) env[k] = expand(v);
    fs.writeFileSync(outputFile, '');
    const r = spawnSync('bash', ['-c', step.run!], { cwd: workspace, env, encoding: 'utf8' });
    log += r.stdout + r.stderr;
    for (const line of fs.readFileSync(outputFile, 'utf8').split('\n'))
      if (line.includes('=')) outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    if (r.status !== 0 && status === 0) status = r.status ?? 1;
  }
  return { outputs, log, status, uploaded };
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function readSarif(workspace: string, run: ActionRun): Json {
  const doc = JSON.parse(fs.readFileSync(path.resolve(workspace, run.outputs['sarif-file']), 'utf8')) as Json;
  assert.equal(doc.version, '2.1.0');
  assert.match(doc.$schema, /sarif-2\.1\.0/);
  assert.equal(doc.runs[0].tool.driver.name, 'speech-api-scan');
  for (const res of doc.runs[0].results) {
    const loc = res.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uriBaseId, 'SRCROOT');
    assert.doesNotMatch(loc.artifactLocation.uri, /^[a-z]+:|^\//);
    assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    assert.ok(res.partialFingerprints['speechApiScanFingerprint/v1']);
  }
  return doc;
}

describe('GitHub Action (action.yml)', function () {
  this.timeout(60_000);
  const keys = new KeyFactory(1908);

  it('passes a clean checkout with valid, empty SARIF', () => {
    const dir = committedRepo('action', { 'README.md': 'nothing here\n' });
    const run = runAction(dir, { 'upload-sarif': 'true' });
    assert.equal(run.status, 0, run.log);
    assert.equal(run.outputs['exit-code'], '0');
    assert.deepEqual(readSarif(dir, run).runs[0].results, []);
    assert.equal(run.uploaded, 'speech-api-scan.sarif', 'the upload step gets the SARIF');
  });

  it('fails on a committed key: SARIF result, an ::error annotation, the summary, and no key in the log', () => {
    const key = keys.vurbo();
    const dir = committedRepo('action', { 'config.env': `VURBO_API_KEY=${key}\n`, 'docs/notes.md': 'x\n' });
    const run = runAction(dir);
    assert.equal(run.outputs['exit-code'], '1');
    assert.equal(run.status, 1, 'the job fails');
    const results = readSarif(dir, run).runs[0].results;
    assert.equal(results.length, 1);
    assert.equal(results[0].level, 'error');
    assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, 'config.env');
    assert.match(run.log, /^::error file=config\.env,line=1,endLine=1,col=\d+,endColumn=\d+,title=speech-api-scan vurbo-api-key::/m);
    assert.match(run.log, /^all rules\s+1\s+0\s+0\s+0\s+1$/m);
    assert.match(run.log, /::error::Hard-coded API keys found/);
    assert.ok(!run.log.includes(key) && !fs.readFileSync(path.join(dir, 'speech-api-scan.sarif'), 'utf8').includes(key));
    assert.equal(runAction(dir, { 'fail-on-error': 'false' }).status, 0);
  });

  it('scans history, honours paths, baseline and config, and fails when the scan cannot run', () => {
    const key = keys.vurbo();
    const dir = committedRepo('action', { 'old.env': `VURBO_API_KEY=${key}\n`, 'src/app.ts': 'export {};\n' });
    git(dir, 'rm', '-q', 'old.env');
    git(dir, 'commit', '-q', '-m', 'removed, still leaked');
    assert.equal(runAction(dir).outputs['exit-code'], '0', 'the working tree is clean');
    const history = runAction(dir, { history: 'true' });
    assert.equal(history.outputs['exit-code'], '1');
    const [result] = readSarif(dir, history).runs[0].results;
    assert.match(result.properties.commit, /^[0-9a-f]{40}$/);
    assert.equal(runAction(dir, { history: 'true', paths: 'src' }).outputs['exit-code'], '1', 'history covers the whole repository');
    const base = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'speech-api-scan.js'), 'scan', '--history', '--write-baseline', 'accepted.json'], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(base.status, 0, base.stderr);
    assert.equal(runAction(dir, { history: 'true', baseline: 'accepted.json' }).status, 0);
    write(dir, { 'ci/scan.json': JSON.stringify({ rules: { 'vurbo-api-key': 'off', 'api-key-env-assignment': 'off' } }) });
    assert.equal(runAction(dir, { history: 'true', config: 'ci/scan.json' }).outputs['exit-code'], '0');
    const broken = runAction(dir, { history: 'yes' });
    assert.equal(broken.outputs['exit-code'], '2');
    assert.equal(broken.status, 2);
  });

  it('escapes workflow-command data and properties', () => {
    const finding = {
      relPath: 'dir,a:b/x%.env',
      line: 3,
      endLine: 3,
      column: 2,
      endColumn: 9,
      severity: 'warning',
      ruleId: 'api-key-header',
      detail: 'two\nlines 100%',
      fingerprint: 'f',
    };
    const out = formatGithub({
      findings: [finding],
      filesScanned: 1,
      skipped: [],
      durationMs: 1,
      notReported: 0,
      notices: [],
      cancelled: false,
      base: '/',
    } as unknown as ScanReport);
    assert.match(
      out,
      /^::warning file=dir%2Ca%3Ab\/x%25\.env,line=3,endLine=3,col=2,endColumn=9,title=speech-api-scan api-key-header::two%0Alines 100%25 \(id f\)$/m,
    );
  });
});
