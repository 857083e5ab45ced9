// Copy as Code: one request as curl, Python (requests) or JavaScript (fetch). The key is always read
// from the provider's environment variable (VALOSSA_API_KEY, VURBO_API_KEY), never written out;
// Valossa GETs build the `api_key` query from it, as the API requires.
import { toCurl } from '../http/curl';
import { PROVIDERS } from '../providers';
import type { ApiRequest } from './request';

export type CodeLanguage = 'curl' | 'python' | 'javascript';
export const CODE_LANGUAGES: readonly CodeLanguage[] = ['curl', 'python', 'javascript'];

export function keyVariable(req: Pick<ApiRequest, 'provider'>): string {
  return PROVIDERS[req.provider].keyEnvVar;
}

export function toCode(language: CodeLanguage, req: ApiRequest): string {
  switch (language) {
    case 'curl':
      return curlCode(req);
    case 'python':
      return pythonCode(req);
    case 'javascript':
      return javascriptCode(req);
  }
}

// Stands where the key goes so toCurl swaps it for `${VAR}`; survives JSON and URL encoding.
const SLOT = '__SPEECH_API_KEY_SLOT__';

function curlCode(req: ApiRequest): string {
  const url = new URL(req.url);
  const headers: Record<string, string> = {};
  let json = req.json;
  let form = req.form;
  if (req.auth === 'query') url.searchParams.set('api_key', SLOT);
  if (req.auth === 'x-api-key') headers['X-API-Key'] = SLOT;
  if (req.auth === 'bearer') headers.Authorization = `Bearer ${SLOT}`;
  if (req.auth === 'body') json = { api_key: SLOT, ...((req.json as object | undefined) ?? {}) };
  if (req.auth === 'form') form = { api_key: SLOT, ...req.form };
  const text = toCurl({ method: req.method, url: url.toString(), headers: { ...headers, ...req.headers }, json, form }, SLOT, keyVariable(req));
  const withBody = req.body !== undefined && json === undefined ? `${text} \\\n  --data-binary ${shellQuote(req.body)}` : text;
  // -N: print each SSE event as it arrives instead of buffering.
  return req.response === 'sse' ? withBody.replace(/^curl/, 'curl -N') : withBody;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** JSON as a Python literal (true → True, null → None). */
function py(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number' || typeof value === 'string') return JSON.stringify(value);
  const inner = `${indent}    `;
  if (Array.isArray(value)) return value.length ? `[\n${value.map((v) => `${inner}${py(v, inner)},`).join('\n')}\n${indent}]` : '[]';
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length ? `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${py(v, inner)},`).join('\n')}\n${indent}}` : '{}';
}

function pythonCode(req: ApiRequest): string {
  const key = `os.environ[${JSON.stringify(keyVariable(req))}]`;
  const args = [JSON.stringify(req.url)];
  const headers = Object.entries(req.headers).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  if (req.auth === 'x-api-key') headers.unshift(`"X-API-Key": ${key}`);
  if (req.auth === 'bearer') headers.unshift(`"Authorization": "Bearer " + ${key}`);
  if (headers.length) args.push(`headers={${headers.join(', ')}}`);
  if (req.auth === 'query') args.push(`params={"api_key": ${key}}`);
  if (req.json !== undefined || req.auth === 'body') {
    const body = py(req.json ?? {});
    args.push(req.auth === 'body' ? `json={"api_key": ${key}, **${body}}` : `json=${body}`);
  } else if (req.body !== undefined) {
    args.push(`data=${JSON.stringify(req.body)}`);
  }
  if (req.form || req.auth === 'form') {
    // Every field as a part of its own, so requests sends multipart/form-data even without a file.
    const parts = Object.entries(req.form ?? {}).map(
      ([k, v]) => `${JSON.stringify(k)}: ${v.startsWith('@') ? `open(${JSON.stringify(v.slice(1))}, "rb")` : `(None, ${JSON.stringify(v)})`}`,
    );
    if (req.auth === 'form') parts.unshift(`"api_key": (None, ${key})`);
    args.push(`files={${parts.join(', ')}}`);
  }
  if (req.response === 'sse') args.push('stream=True');
  args.push('timeout=60');
  const call = `response = requests.request(${JSON.stringify(req.method)}, ${args.join(', ')})`;
  const read =
    req.response === 'sse'
      ? ['print(response.status_code)', 'for line in response.iter_lines(decode_unicode=True):', '    print(line)']
      : req.response === 'binary'
        ? [
            'print(response.status_code)',
            'with open("response.bin", "wb") as out:',
            '    out.write(response.content)',
            'print(len(response.content), "bytes written to response.bin")',
          ]
        : ['print(response.status_code)', 'print(response.text)'];
  return ['import os', '', 'import requests', '', call, ...read, ''].join('\n');
}

function javascriptCode(req: ApiRequest): string {
  const key = `process.env.${keyVariable(req)}`;
  const lines: string[] = [];
  const usesFs = Object.values(req.form ?? {}).some((v) => v.startsWith('@'));
  if (usesFs) lines.push("const fs = require('node:fs');", "const path = require('node:path');", '');
  lines.push('(async () => {', `  const url = new URL(${JSON.stringify(req.url)});`);
  if (req.auth === 'query') lines.push(`  url.searchParams.set('api_key', ${key});`);
  const headers = Object.entries(req.headers).map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  if (req.auth === 'x-api-key') headers.unshift(`'X-API-Key': ${key}`);
  if (req.auth === 'bearer') headers.unshift(`Authorization: \`Bearer \${${key}}\``);
  let body: string | undefined;
  if (req.json !== undefined || req.auth === 'body') {
    headers.push(`'Content-Type': 'application/json'`);
    const json = JSON.stringify(req.json ?? {}, null, 2).replace(/\n/g, '\n  ');
    body = req.auth === 'body' ? `JSON.stringify({ api_key: ${key}, ...${json} })` : `JSON.stringify(${json})`;
  } else if (req.body !== undefined) {
    body = JSON.stringify(req.body);
  } else if (req.form || req.auth === 'form') {
    lines.push('  const form = new FormData();');
    if (req.auth === 'form') lines.push(`  form.append('api_key', ${key});`);
    for (const [k, v] of Object.entries(req.form ?? {})) {
      if (v.startsWith('@'))
        lines.push(
          `  form.append(${JSON.stringify(k)}, new Blob([fs.readFileSync(${JSON.stringify(v.slice(1))})]), path.basename(${JSON.stringify(v.slice(1))}));`,
        );
      else lines.push(`  form.append(${JSON.stringify(k)}, ${JSON.stringify(v)});`);
    }
    body = 'form';
  }
  const options = [`method: ${JSON.stringify(req.method)}`, `headers: { ${headers.join(', ')} }`, ...(body ? [`body: ${body}`] : [])];
  lines.push(`  const response = await fetch(url, { ${options.join(', ')} });`, '  console.log(response.status);');
  if (req.response === 'sse') {
    lines.push(
      '  const decoder = new TextDecoder();',
      '  for await (const chunk of response.body) process.stdout.write(decoder.decode(chunk, { stream: true }));',
    );
  } else if (req.response === 'binary') {
    lines.push(
      '  const bytes = Buffer.from(await response.arrayBuffer());',
      "  require('node:fs').writeFileSync('response.bin', bytes);",
      "  console.log(bytes.length, 'bytes written to response.bin');",
    );
  } else {
    lines.push('  console.log(await response.text());');
  }
  lines.push('})().catch((e) => {', '  console.error(e);', '  process.exit(1);', '});', '');
  return lines.join('\n');
}
