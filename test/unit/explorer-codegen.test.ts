// Copy as Code, run for real: every generated curl, Python (requests) and JavaScript (fetch) program
// is executed against the emulator with only the environment variable holding the key, and must get
// the answer the API gives. The generated text never holds the key.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { CODE_LANGUAGES, toCode, type CodeLanguage } from '../../src/core/explorer/codegen';
import { fromValossaRecord, type ApiRequest } from '../../src/core/explorer/request';
import { ValossaClient } from '../../src/core/valossa/client';
import { HttpClient } from '../../src/core/http/client';
import { startEmulator, type Emulator } from '../../src/emulator/index';

const run = promisify(execFile);

async function execute(language: CodeLanguage, code: string, dir: string, env: Record<string, string>): Promise<string> {
  const opts = { env: { PATH: process.env.PATH ?? '', ...env }, cwd: dir, timeout: 20_000, maxBuffer: 8 * 1024 * 1024 };
  if (language === 'curl') return (await run('bash', ['-c', `${code} --silent --show-error --write-out '\\n%{http_code}\\n'`], opts)).stdout;
  const file = path.join(dir, language === 'python' ? 'main.py' : 'main.js');
  fs.writeFileSync(file, code);
  return (await run(language === 'python' ? 'python3' : process.execPath, [file], opts)).stdout;
}

describe('Copy as Code: generated programs run against the emulator', function () {
  this.timeout(120_000);
  let emu: Emulator;
  let dir: string;
  let env: Record<string, string>;
  let taskId: string;
  let jobId: string;

  before(async () => {
    emu = await startEmulator();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codegen-'));
    env = { VALOSSA_API_KEY: emu.keys.valossa, VURBO_API_KEY: emu.keys.vurbo };
    const tasks = (await (await fetch(`${emu.vurboBaseUrl}/api/v1/tasks?status=completed`, { headers: { 'X-API-Key': emu.keys.vurbo } })).json()) as {
      data: { tasks: { task_id: string }[] };
    };
    taskId = tasks.data.tasks[0].task_id;
    const client = new ValossaClient({ baseUrl: emu.valossaBaseUrl, key: emu.keys.valossa, http: new HttpClient({ provider: 'valossa' }) });
    jobId = (await client.listJobs())[0].job_id;
  });
  after(async () => {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const cases: { name: string; request: () => ApiRequest; expect: RegExp }[] = [
    {
      name: 'Vurbo GET /api/v1/tasks (X-API-Key)',
      request: () => ({
        provider: 'vurbo',
        method: 'GET',
        url: `${emu.vurboBaseUrl}/api/v1/tasks?status=all`,
        headers: {},
        auth: 'x-api-key',
        response: 'json',
      }),
      expect: /"tasks"/,
    },
    {
      name: 'Vurbo PUT pin (JSON body)',
      request: () => ({
        provider: 'vurbo',
        method: 'PUT',
        url: `${emu.vurboBaseUrl}/api/v1/tasks/${taskId}/pin`,
        headers: {},
        json: { is_pinned: true },
        auth: 'x-api-key',
        response: 'json',
      }),
      expect: /"is_pinned":\s*true/,
    },
    {
      name: 'Vurbo history SSE',
      request: () => ({
        provider: 'vurbo',
        method: 'GET',
        url: `${emu.vurboBaseUrl}/api/v1/sse/history/transcribe/${taskId}`,
        headers: { Accept: 'text/event-stream' },
        auth: 'x-api-key',
        response: 'sse',
      }),
      expect: /event: ?init_metadata/,
    },
    {
      name: 'Vurbo POST /api/v1/summary (Bearer)',
      request: () => ({
        provider: 'vurbo',
        method: 'POST',
        url: `${emu.vurboBaseUrl}/api/v1/summary`,
        headers: {},
        json: { content: 'We agreed to ship on Friday.', mode: 'builtin', template: 'meeting' },
        auth: 'bearer',
        response: 'sse',
      }),
      expect: /event: ?\w+/,
    },
    {
      name: 'Valossa GET job_status (key in the query)',
      request: () => ({
        provider: 'valossa',
        method: 'GET',
        url: `${emu.valossaBaseUrl}/job_status?job_id=${jobId}`,
        headers: {},
        auth: 'query',
        response: 'json',
      }),
      expect: /"status"/,
    },
    {
      name: 'Valossa POST new_job (key in the body)',
      request: () => ({
        provider: 'valossa',
        method: 'POST',
        url: `${emu.valossaBaseUrl}/new_job`,
        headers: {},
        json: { media: { video: { url: 'https://media.example.com/v.mp4' }, title: 'codegen' } },
        auth: 'body',
        response: 'json',
      }),
      expect: /"job_id"/,
    },
    {
      name: 'Valossa initialize_file_upload (key as a form field)',
      request: () => ({
        provider: 'valossa',
        method: 'POST',
        url: `${emu.valossaBaseUrl}/initialize_file_upload`,
        headers: {},
        form: { file_size_bytes: '1000' },
        auth: 'form',
        response: 'json',
      }),
      expect: /"upload_id"/,
    },
  ];

  for (const c of cases) {
    for (const language of CODE_LANGUAGES) {
      it(`${c.name} as ${language}`, async () => {
        const code = toCode(language, c.request());
        assert.ok(!code.includes(emu.keys.valossa) && !code.includes(emu.keys.vurbo), 'no key in the code');
        const out = await execute(language, code, dir, env);
        assert.match(out, /\b200\b/, `status 200 in:\n${out.slice(0, 400)}`);
        assert.match(out, c.expect);
        // Without the variable the same program is refused: the key really comes from it.
        const refused = await execute(language, code, dir, { VALOSSA_API_KEY: 'wrong', VURBO_API_KEY: 'vas_' + 'x'.repeat(32) }).catch(
          (e: { stdout?: string }) => e.stdout ?? '',
        );
        assert.match(refused, /\b40[013]\b/, `refused without the key:\n${refused.slice(0, 300)}`);
      });
    }
  }

  it('builds the Valossa query key from the variable, and a recorded client request loses its key', () => {
    const rec = fromValossaRecord({ method: 'GET', url: `${emu.valossaBaseUrl}/job_status?api_key=${emu.keys.valossa}&job_id=${jobId}` });
    assert.equal(rec.auth, 'query');
    assert.ok(!rec.url.includes(emu.keys.valossa));
    assert.match(toCode('python', rec), /params=\{"api_key": os\.environ\["VALOSSA_API_KEY"\]\}/);
    assert.match(toCode('javascript', rec), /url\.searchParams\.set\('api_key', process\.env\.VALOSSA_API_KEY\)/);
    assert.match(toCode('curl', rec), /api_key=\$\{VALOSSA_API_KEY\}/);
    const post = fromValossaRecord({ method: 'POST', url: `${emu.valossaBaseUrl}/delete_job`, json: { api_key: emu.keys.valossa, job_id: jobId } });
    assert.equal(post.auth, 'body');
    assert.deepEqual(post.json, { job_id: jobId });
  });
});
