// --verify against the sandbox: live, rejected (with the documented code) and unknown verdicts, each
// distinct key sent once, bounded concurrency, no key in any output, and no way for the workspace (its
// settings, the scan config, the scanned text) to change where a key goes. The sandbox is reached only
// through the test-only SPEECH_API_SCAN_VERIFY_ORIGIN_OVERRIDE environment variable.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { KeyVerifier, OFFICIAL_ORIGINS, VERIFY_ORIGIN_OVERRIDE_ENV, verifyOrigin } from '../../src/core/keyVerify';
import { generateValossaKey, generateVurboKey } from '../../src/emulator/keys';
import { startEmulator, type Emulator } from '../../src/emulator';
import { buildCli } from './scan-cli-run';
import { committedRepo, write } from './scan-corpus';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli.js');

/** Runs the CLI without blocking this process, whose event loop serves the sandbox. */
function scan(cwd: string, origin: string | undefined, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env[VERIFY_ORIGIN_OVERRIDE_ENV];
  if (origin) env[VERIFY_ORIGIN_OVERRIDE_ENV] = origin;
  const child = spawn(process.execPath, [CLI, 'scan', '.', ...args], { cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

/** A listener that answers 401 to everything and counts what reached it: the host a workspace names. */
async function trapServer(): Promise<{ origin: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server = http.createServer((_req, res) => {
    hits++;
    res.writeHead(401).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits: () => hits, close: () => new Promise((r) => server.close(() => r())) };
}

describe('scanner: --verify', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  const expired = generateVurboKey();
  const unknownValossa = generateValossaKey();

  before(async () => {
    buildCli();
    emulator = await startEmulator({ seed: false, vurboKeyFailures: { [expired]: 'auth_key_expired' } });
  });
  after(() => emulator.close());

  it('sends keys to the official origins unless the test-only override names a loopback sandbox', () => {
    assert.equal(verifyOrigin('vurbo', {}), 'https://vas-poc.vurbo.ai');
    assert.equal(verifyOrigin('valossa', {}), 'https://api-eu.valossa.com');
    assert.deepEqual(OFFICIAL_ORIGINS, { vurbo: 'https://vas-poc.vurbo.ai', valossa: 'https://api-eu.valossa.com' });
    assert.equal(verifyOrigin('vurbo', { [VERIFY_ORIGIN_OVERRIDE_ENV]: 'http://127.0.0.1:9/x' }), 'http://127.0.0.1:9');
    for (const bad of ['https://evil.example', 'http://10.0.0.1:80', 'not a url']) {
      assert.throws(() => verifyOrigin('vurbo', { [VERIFY_ORIGIN_OVERRIDE_ENV]: bad }), /local sandbox|not a URL/);
    }
  });

  it('reports live, rejected (documented code) and unknown, checks each distinct key once, and prints no key', async () => {
    const live = emulator.keys.vurbo;
    const liveValossa = emulator.keys.valossa;
    const dir = committedRepo('verify', {
      'a.env': `VURBO_API_KEY=${live}\nVALOSSA_API_KEY=${liveValossa}\n`,
      'b.ts': `const k = "${live}"; // the same key again\nconst old = "${expired}";\n`,
      'c.py': `VALOSSA_API_KEY = "${unknownValossa}"\n`,
    });
    const before = emulator.server.accessLog.length;
    const r = await scan(dir, emulator.origin, '--verify', '--format', 'json', '--summary');
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    const byFile = (file: string, line: number) => report.findings.find((f: { path: string; line: number }) => f.path === file && f.line === line);
    assert.deepEqual(byFile('a.env', 1).verification, { state: 'live' });
    assert.equal(byFile('a.env', 1).severity, 'error');
    assert.match(byFile('a.env', 1).message, /^Live: rotate now\./);
    assert.deepEqual(byFile('a.env', 2).verification, { state: 'live' });
    assert.deepEqual(byFile('b.ts', 2).verification, { state: 'rejected', code: 'auth_key_expired' });
    assert.equal(byFile('b.ts', 2).severity, 'warning', 'a rejected committed key drops one level');
    assert.match(byFile('b.ts', 2).message, /^Rejected by the provider \(auth_key_expired\)\./);
    assert.deepEqual(byFile('c.py', 1).verification, { state: 'rejected', code: 'valossa_invalid_api_key' });
    assert.equal(report.findings[0].verification.state, 'live', 'live keys come first');
    const sent = emulator.server.accessLog.slice(before);
    assert.equal(sent.length, 4, 'four distinct keys, one request each');
    assert.equal(sent.filter((e) => e.headers['x-api-key'] === live).length, 1);
    assert.match(r.stderr, /Verified 4 distinct keys with the providers' official hosts: 2 live, 2 rejected, 0 unknown/);
    assert.match(r.stderr, /verified findings: 3 live, 2 rejected/);
    const sarif = await scan(dir, emulator.origin, '--verify', '--format', 'sarif');
    const github = await scan(dir, emulator.origin, '--verify', '--format', 'github');
    const text = await scan(dir, emulator.origin, '--verify');
    assert.match(JSON.parse(sarif.stdout).runs[0].results[0].properties.verification.state, /live/);
    assert.match(github.stdout, /^::error file=/m);
    for (const out of [r, sarif, github, text]) {
      for (const key of [live, liveValossa, expired, unknownValossa]) {
        assert.ok(!out.stdout.includes(key) && !out.stderr.includes(key), 'a key was printed');
      }
    }
  });

  it('says unknown for an unreachable host, a 5xx and a 429, and leaves the severity as it was', async () => {
    const dir = committedRepo('verify', { 'k.env': `VURBO_API_KEY=${emulator.keys.vurbo}\n` });
    const closed = await trapServer();
    await closed.close();
    const unreachable = JSON.parse((await scan(dir, closed.origin, '--verify', '--format', 'json')).stdout).findings[0];
    assert.deepEqual(unreachable.verification, { state: 'unknown', code: 'network_error' });
    assert.equal(unreachable.severity, 'error');
    // The sandbox's 5xx body carries its own code (internal_error); a 429 is rate_limited.
    for (const [status, code] of [
      [503, 'internal_error'],
      [429, 'rate_limited'],
    ] as const) {
      emulator.addFault({ path: '/api/v1/tasks', status, times: 1 });
      const f = JSON.parse((await scan(dir, emulator.origin, '--verify', '--format', 'json')).stdout).findings[0];
      assert.equal(f.verification.state, 'unknown', `${status}`);
      assert.equal(f.verification.code, code);
    }
  });

  it('cannot be pointed elsewhere by the workspace: settings, base URLs in files and the scan config', async () => {
    const trap = await trapServer();
    try {
      const key = emulator.keys.vurbo;
      const dir = committedRepo('verify', {
        '.vscode/settings.json': JSON.stringify({ 'speechApi.vurbo.baseUrl': trap.origin, 'speechApi.valossa.baseUrl': `${trap.origin}/core/1.0` }),
        '.env': `VURBO_BASE_URL=${trap.origin}\nVURBO_API_KEY=${key}\n`,
        'client.ts': `fetch("${trap.origin}/api/v1/tasks", { headers: { "X-API-Key": "${key}" } });\n`,
        '.speech-api-scan.json': JSON.stringify({ rules: { 'api-key-header': 'on' } }),
      });
      const before = emulator.server.accessLog.length;
      const r = await scan(dir, emulator.origin, '--verify', '--format', 'json');
      assert.ok(
        JSON.parse(r.stdout).findings.every((f: { verification?: { state: string } }) => f.verification?.state === 'live'),
        r.stderr,
      );
      assert.equal(emulator.server.accessLog.length - before, 1);
      write(dir, { '.speech-api-scan.json': JSON.stringify({ verifyOrigin: trap.origin, verify: { vurbo: trap.origin } }) });
      const refused = await scan(dir, emulator.origin, '--verify');
      assert.equal(refused.status, 2, 'a config naming a verification host is an error, not a redirect');
      const official = await scan(dir, 'https://evil.example', '--verify');
      assert.equal(official.status, 2);
      assert.equal(trap.hits(), 0, 'nothing reached a host the workspace named');
    } finally {
      await trap.close();
    }
  });

  it('bounds concurrency', async () => {
    let inFlight = 0;
    let most = 0;
    const server = http.createServer((_req, res) => {
      most = Math.max(most, ++inFlight);
      setTimeout(() => {
        inFlight--;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"tasks":[]}}');
      }, 30);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const saved = process.env[VERIFY_ORIGIN_OVERRIDE_ENV];
    process.env[VERIFY_ORIGIN_OVERRIDE_ENV] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const verifier = new KeyVerifier({ concurrency: 3 });
      const keys = Array.from({ length: 10 }, () => generateVurboKey());
      const verdicts = await Promise.all([...keys, ...keys].map((k) => verifier.verify('vurbo', k)));
      assert.ok(verdicts.every((v) => v.state === 'live'));
      assert.equal(verifier.checked, 10);
      assert.equal(most, 3);
    } finally {
      if (saved === undefined) delete process.env[VERIFY_ORIGIN_OVERRIDE_ENV];
      else process.env[VERIFY_ORIGIN_OVERRIDE_ENV] = saved;
      await new Promise((r) => server.close(r));
    }
  });
});
