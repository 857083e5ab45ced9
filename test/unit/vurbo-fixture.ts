// The full emulator on a loopback port with fast timings, a Vurbo client for its key, and helpers
// shared by the vurbo-* and sse-* tests.
import assert from 'node:assert/strict';
import { ApiError } from '../../src/core/errors';
import { HttpClient } from '../../src/core/http/client';
import { VurboClient } from '../../src/core/vurbo/client';
import type { ApiEndpoint } from '../../src/core/endpoint';
import type { VurboTask } from '../../src/core/vurbo/types';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index';
import type { AccessLogEntry } from '../../src/emulator/server';

export interface VurboFixture {
  emulator: Emulator;
  key: string;
  endpoint: ApiEndpoint;
  client: VurboClient;
  /** Access-log entries from now on whose path starts with `prefix`. */
  requestsSince(mark: number, prefix?: string): AccessLogEntry[];
  mark(): number;
  task(title: string): Promise<VurboTask>;
  close(): Promise<void>;
}

export function fastHttp(): HttpClient {
  return new HttpClient({ provider: 'vurbo', retry: { baseDelayMs: 5, maxDelayMs: 20, maxRetries: 2 }, timeoutMs: 5000 });
}

export async function startVurboFixture(options: EmulatorOptions = {}): Promise<VurboFixture> {
  const emulator = await startEmulator(options);
  const s = emulator.vurbo.settings;
  s.importTickMs = 20;
  s.processingStepMs = 20;
  const key = emulator.keys.vurbo;
  const endpoint: ApiEndpoint = { baseUrl: emulator.vurboBaseUrl, key, http: fastHttp() };
  const client = new VurboClient(endpoint);
  const log = emulator.server.accessLog;
  return {
    emulator,
    key,
    endpoint,
    client,
    mark: () => log.length,
    requestsSince: (mark, prefix = '/api/v1') => log.slice(mark).filter((e) => e.url.startsWith(prefix)),
    task: async (title) => {
      const t = (await client.listTasks('all')).find((x) => x.title === title);
      if (!t) throw new Error(`no seeded task "${title}"`);
      return t;
    },
    close: () => emulator.close(),
  };
}

export { seededRandom } from './scan-corpus';

export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Awaits `p` and checks it failed with an ApiError of `code`; returns that error. */
export async function rejects(p: Promise<unknown>, code: string): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ApiError, `expected ApiError, got ${e}`);
    assert.equal(e.code, code, e.message);
    return e;
  }
  assert.fail(`expected ${code}`);
}
