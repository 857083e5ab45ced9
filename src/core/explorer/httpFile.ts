// The `.http` format REST Client and httpYac read: requests separated by `###`, file variables
// `@name = value`, `{{name}}` references, a request line, headers, a blank line and a body. Parsing
// keeps line numbers so the editor can put a "Send" lens on each request line.

export interface HttpFileRequest {
  /** 0-based line of the request line. */
  readonly line: number;
  /** `# @name x` above the request, when given. */
  readonly name?: string;
  readonly method: string;
  /** The URL as written, `{{…}}` unresolved, query continuation lines joined. */
  readonly url: string;
  readonly headers: readonly (readonly [string, string])[];
  /** The body as written, or undefined when there is none. */
  readonly body?: string;
}

export interface HttpFile {
  readonly variables: Readonly<Record<string, string>>;
  /** 0-based line of each variable definition, for hover and diagnostics. */
  readonly variableLines: Readonly<Record<string, number>>;
  readonly requests: readonly HttpFileRequest[];
}

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'WS'] as const;
const REQUEST_LINE = new RegExp(`^(${HTTP_METHODS.join('|')})\\s+(\\S+)(?:\\s+HTTP/[\\d.]+)?\\s*$`, 'i');
const BARE_URL = /^(https?|wss?):\/\/\S+$|^\{\{[^}]+\}\}\S*$/i;
const VARIABLE = /^@([A-Za-z_][\w.-]*)\s*=\s*(.*?)\s*$/;
const COMMENT = /^\s*(#|\/\/)/;
const NAME = /^\s*(?:#|\/\/)\s*@name\s+(\S+)/;

export function parseHttpFile(text: string): HttpFile {
  const lines = text.split(/\r?\n/);
  const variables: Record<string, string> = {};
  const variableLines: Record<string, number> = {};
  const requests: HttpFileRequest[] = [];
  let i = 0;
  while (i < lines.length) {
    // Before a request line: comments, variables and blank lines.
    let name: string | undefined;
    for (; i < lines.length; i++) {
      const line = lines[i];
      const v = VARIABLE.exec(line.trim());
      if (v) {
        variables[v[1]] = v[2];
        variableLines[v[1]] = i;
        continue;
      }
      const n = NAME.exec(line);
      if (n) name = n[1];
      if (line.trim() === '' || COMMENT.test(line)) continue;
      break;
    }
    if (i >= lines.length) break;
    const start = i;
    const requestLine = lines[i].trim();
    const m = REQUEST_LINE.exec(requestLine);
    const method = m ? m[1].toUpperCase() : 'GET';
    let url = m ? m[2] : requestLine;
    if (!m && !BARE_URL.test(requestLine)) {
      // Not a request: skip to the next separator so one stray line does not hide the rest.
      while (i < lines.length && !lines[i].startsWith('###')) i++;
      requests.push({ line: start, name, method: '', url: requestLine, headers: [] });
      continue;
    }
    i++;
    for (; i < lines.length && /^\s*[?&]/.test(lines[i]); i++) url += lines[i].trim();
    const headers: [string, string][] = [];
    for (; i < lines.length && lines[i].trim() !== '' && !lines[i].startsWith('###'); i++) {
      if (COMMENT.test(lines[i])) continue;
      const colon = lines[i].indexOf(':');
      if (colon > 0) headers.push([lines[i].slice(0, colon).trim(), lines[i].slice(colon + 1).trim()]);
    }
    const bodyLines: string[] = [];
    for (; i < lines.length && !lines[i].startsWith('###'); i++) bodyLines.push(lines[i]);
    while (bodyLines.length && bodyLines[bodyLines.length - 1].trim() === '') bodyLines.pop();
    while (bodyLines.length && bodyLines[0].trim() === '') bodyLines.shift();
    requests.push({ line: start, name, method, url, headers, body: bodyLines.length ? bodyLines.join('\n') : undefined });
  }
  return { variables, variableLines, requests };
}

/**
 * Replaces `{{name}}` by file variables (which may refer to each other) and `lookup` for the rest.
 * Unresolved names are left as they are and listed.
 */
export function substitute(
  text: string,
  variables: Readonly<Record<string, string>>,
  lookup: (name: string) => string | undefined = () => undefined,
): { text: string; unresolved: string[] } {
  const unresolved = new Set<string>();
  const resolve = (s: string, depth: number): string =>
    s.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (whole, name: string) => {
      const own = variables[name];
      if (own !== undefined && depth < 10) return resolve(own, depth + 1);
      const found = lookup(name);
      if (found !== undefined) return found;
      unresolved.add(name);
      return whole;
    });
  return { text: resolve(text, 0), unresolved: [...unresolved] };
}
