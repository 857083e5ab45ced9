// Completion and hover for `.http` files, from the catalogue: endpoints after the method, query
// parameter names after `?` / `&`, body field names at the start of a body line, and what a request
// line or a parameter name is. Pure: the editor feature turns these into VS Code items.
import { catalog, matchEndpoint, type CatalogEndpoint, type CatalogParam, type EndpointMethod } from '../catalog';
import { PROVIDER_IDS } from '../providers';
import { HTTP_METHODS, parseHttpFile } from './httpFile';

export interface EndpointCompletion {
  readonly kind: 'endpoint';
  readonly endpoint: CatalogEndpoint;
  /** `{{baseUrl}}/api/v1/tasks` */
  readonly insert: string;
}

export interface ParamCompletion {
  readonly kind: 'param';
  readonly endpoint: CatalogEndpoint;
  readonly param: CatalogParam;
  readonly insert: string;
}

export interface Completions {
  readonly items: readonly (EndpointCompletion | ParamCompletion)[];
  /** Character where the replaced text starts on the cursor's line. */
  readonly from: number;
}

export interface HoverInfo {
  readonly endpoint: CatalogEndpoint;
  readonly param?: CatalogParam;
  /** The hovered word's start and end on the line. */
  readonly from: number;
  readonly to: number;
}

const REQUEST_START = new RegExp(`^(${HTTP_METHODS.join('|')})\\s+`, 'i');

/** The endpoint a request line's URL names, whichever provider's base it sits under. */
export function endpointOfUrl(method: string, url: string, variables: Readonly<Record<string, string>>): CatalogEndpoint | undefined {
  const resolved = url.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_, name: string) => variables[name] ?? '');
  let path: string;
  try {
    path = new URL(resolved, 'http://unresolved.invalid').pathname;
  } catch {
    return undefined;
  }
  // The base URL's own path (`/core/1.0`) comes first: try each suffix that starts at a `/`.
  for (let i = 0; i >= 0 && i < path.length; i = path.indexOf('/', i + 1)) {
    for (const provider of PROVIDER_IDS) {
      const m = matchEndpoint(provider, method.toUpperCase() as EndpointMethod, path.slice(i));
      if (m) return m.endpoint;
    }
  }
  return undefined;
}

/** The request line above `line` in the same block (no `###` between), and whether `line` is in its body. */
function requestAbove(lines: readonly string[], line: number): { index: number; method: string; url: string; inBody: boolean } | undefined {
  let blank = false;
  for (let i = line; i >= 0; i--) {
    const t = lines[i].trim();
    if (t.startsWith('###')) return undefined;
    if (i < line && t === '') blank = true;
    const m = REQUEST_START.exec(t);
    if (m) return { index: i, method: m[1].toUpperCase(), url: t.slice(m[0].length).split(/\s+/)[0], inBody: i < line && blank };
  }
  return undefined;
}

export function completionsAt(text: string, line: number, character: number): Completions | undefined {
  const lines = text.split(/\r?\n/);
  const before = (lines[line] ?? '').slice(0, character);
  const file = parseHttpFile(text);
  const onRequestLine = /^\s*([A-Za-z]+)\s+(\S*)$/.exec(before);
  if (onRequestLine && (HTTP_METHODS as readonly string[]).includes(onRequestLine[1].toUpperCase())) {
    const method = onRequestLine[1].toUpperCase();
    const url = onRequestLine[2];
    const q = url.indexOf('?');
    if (q >= 0) {
      const endpoint = endpointOfUrl(method, url.slice(0, q), file.variables);
      if (!endpoint) return undefined;
      const token = /[^?&]*$/.exec(url)![0];
      const present = new Set(
        url
          .slice(q + 1)
          .split('&')
          .map((p) => p.split('=')[0]),
      );
      const items = endpoint.params
        .filter((p) => p.in === 'query' && !present.has(p.name))
        .map((param): ParamCompletion => ({ kind: 'param', endpoint, param, insert: `${param.name}=` }));
      return { items, from: character - token.length };
    }
    const base = /^\{\{\s*[\w.-]+\s*\}\}/.exec(url)?.[0] ?? '{{baseUrl}}';
    const items = catalog()
      .filter((e) => e.method === method)
      .map((endpoint): EndpointCompletion => ({
        kind: 'endpoint',
        endpoint,
        insert: `${base}${endpoint.path}`,
      }));
    return { items, from: character - url.length };
  }
  const request = requestAbove(lines, line);
  const key = /^(\s*)("?)(\w*)$/.exec(before);
  if (!request?.inBody || !key) return undefined;
  const endpoint = endpointOfUrl(request.method, request.url, file.variables);
  if (!endpoint) return undefined;
  const block = lines.slice(request.index + 1, line).join('\n');
  const items = endpoint.params
    .filter((p) => p.in === 'body' && !block.includes(`"${p.name}"`))
    .map((param): ParamCompletion => ({ kind: 'param', endpoint, param, insert: `"${param.name}": ` }));
  return { items, from: key[1].length };
}

export function hoverAt(text: string, line: number, character: number): HoverInfo | undefined {
  const lines = text.split(/\r?\n/);
  const current = lines[line] ?? '';
  const request = requestAbove(lines, line);
  if (!request) return undefined;
  const endpoint = endpointOfUrl(request.method, request.url, parseHttpFile(text).variables);
  if (!endpoint) return undefined;
  const word = wordAt(current, character);
  if (request.index === line) {
    const q = current.indexOf('?');
    const param = word && q >= 0 && word.from > q ? endpoint.params.find((p) => p.in === 'query' && p.name === word.text) : undefined;
    if (param && word) return { endpoint, param, from: word.from, to: word.to };
    return { endpoint, from: current.search(/\S/), to: current.trimEnd().length };
  }
  if (!word) return undefined;
  const param = request.inBody
    ? endpoint.params.find((p) => (p.in === 'body' || p.in === 'form') && p.name === word.text && current.includes(`"${word.text}"`))
    : undefined;
  return param ? { endpoint, param, from: word.from, to: word.to } : undefined;
}

function wordAt(text: string, character: number): { text: string; from: number; to: number } | undefined {
  const re = /\w+/g;
  for (let m = re.exec(text); m; m = re.exec(text))
    if (m.index <= character && character <= m.index + m[0].length) return { text: m[0], from: m.index, to: m.index + m[0].length };
  return undefined;
}
