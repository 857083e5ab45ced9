// "Copy as curl": a recorded request rendered as a shell command, with the key replaced by an
// environment-variable reference so the command can be pasted and shared safely.

export interface RecordedRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** JSON body, already an object. */
  json?: unknown;
  /** Multipart fields; a file field is written as `@path`. */
  form?: Record<string, string>;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Single-quoted, or double-quoted with `${VAR}` wherever the key stood so the shell expands it. */
function quote(s: string, key: string, variable: string): string {
  if (!key || !s.includes(key)) return shellQuote(s);
  const escape = (part: string) => part.replace(/(["\\$`])/g, '\\$1');
  return `"${s.split(key).map(escape).join(`\${${variable}}`)}"`;
}

export function toCurl(req: RecordedRequest, key: string, variable: string): string {
  const lines = [req.method === 'GET' ? 'curl' : `curl -X ${req.method}`, quote(req.url, key, variable)];
  for (const [name, value] of Object.entries(req.headers ?? {})) lines.push(`-H ${quote(`${name}: ${value}`, key, variable)}`);
  if (req.json !== undefined) {
    lines.push(`-H ${shellQuote('Content-Type: application/json')}`);
    lines.push(`--data ${quote(JSON.stringify(req.json), key, variable)}`);
  }
  for (const [name, value] of Object.entries(req.form ?? {})) lines.push(`-F ${quote(`${name}=${value}`, key, variable)}`);
  return lines.join(' \\\n  ');
}
