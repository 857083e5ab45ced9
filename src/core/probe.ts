// The cheapest authenticated call per provider, used by "Test API Key".
import type { HttpClient } from './http/client';
import { joinUrl, type ProviderId } from './providers';

export interface ProbeResult {
  /** A short, key-free description of what the call returned. */
  summary: string;
}

/** `maxRetries` 0 makes a 429 or 5xx an answer at once (the key verifier's "unknown"). */
export async function probeKey(
  provider: ProviderId,
  http: HttpClient,
  baseUrl: string,
  key: string,
  signal?: AbortSignal,
  maxRetries = 1,
): Promise<ProbeResult> {
  if (provider === 'valossa') {
    const res = await http.json<{ jobs?: unknown[] }>({ url: joinUrl(baseUrl, 'list_jobs'), query: { api_key: key }, signal, maxRetries });
    const n = Array.isArray(res.body.jobs) ? res.body.jobs.length : 0;
    return { summary: `${n} job${n === 1 ? '' : 's'} visible` };
  }
  const res = await http.json<{ data?: { tasks?: unknown[] }; tasks?: unknown[] }>({
    url: joinUrl(baseUrl, 'api/v1/tasks'),
    query: { status: 'all' },
    headers: { 'x-api-key': key },
    signal,
    maxRetries,
  });
  const tasks = res.body.data?.tasks ?? res.body.tasks;
  const n = Array.isArray(tasks) ? tasks.length : 0;
  return { summary: `${n} task${n === 1 ? '' : 's'} visible` };
}
