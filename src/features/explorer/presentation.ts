// Pure: the explorer's labels, tooltips, problem sentences and the `.http` text "Try it" opens.
import * as vscode from 'vscode';
import { fillPath, type CatalogEndpoint, type DocStatus } from '../../core/catalog';
import { KEY_VARIABLES, type RequestProblem } from '../../core/explorer/prepare';
import type { OutgoingProblem } from '../../core/explorer/wsSnippets';
import { PROVIDERS } from '../../core/providers';

export function statusLabel(status: DocStatus): string {
  switch (status) {
    case 'documented':
      return vscode.l10n.t('DOCUMENTED');
    case 'inferred':
      return vscode.l10n.t('INFERRED');
    case 'not-documented':
      return vscode.l10n.t('NOT DOCUMENTED');
  }
}

export function authLabel(e: CatalogEndpoint): string {
  switch (e.auth) {
    case 'body':
      return vscode.l10n.t('api_key in the JSON body');
    case 'query':
      return vscode.l10n.t('api_key in the query');
    case 'form':
      return vscode.l10n.t('api_key as a form field');
    case 'x-api-key':
      return vscode.l10n.t('X-API-Key header');
    case 'bearer':
      return vscode.l10n.t('Authorization: Bearer');
    case 'ticket':
      return vscode.l10n.t('a one-time ticket (fetched for you)');
    case 'none':
      return vscode.l10n.t('no key');
  }
}

export function endpointTooltip(e: CatalogEndpoint): vscode.MarkdownString {
  const params = e.params.map((p) => `- \`${p.name}\` (${p.in}, ${p.type}${p.required ? `, ${vscode.l10n.t('required')}` : ''}): ${p.description}`).join('\n');
  const md = new vscode.MarkdownString(
    [
      `**${e.method} ${e.path}**`,
      '',
      e.summary,
      '',
      `${vscode.l10n.t('Docs status')}: **${statusLabel(e.status)}** (${e.section})`,
      `${vscode.l10n.t('Key')}: ${authLabel(e)}`,
      `${vscode.l10n.t('Response')}: ${e.response}`,
      '',
      params,
      '',
      `[${vscode.l10n.t('Documentation')}](${e.docsUrl})`,
    ].join('\n'),
  );
  md.isTrusted = false;
  return md;
}

/** A `.http` request for the endpoint against the configured base URL, the key a reference only. */
export function httpTemplate(e: CatalogEndpoint, baseUrl: string): string {
  const keyVar = KEY_VARIABLES[e.provider];
  const envVar = PROVIDERS[e.provider].keyEnvVar;
  const examples = Object.fromEntries(e.params.filter((p) => p.in === 'path' && p.example !== undefined).map((p) => [p.name, String(p.example)]));
  const path = fillPath(e, examples);
  const query = e.params
    .filter((p) => p.in === 'query' && (p.required || p.example !== undefined))
    .map((p) => `${p.name}=${encodeURIComponent(String(p.example ?? ''))}`);
  if (e.auth === 'query') query.unshift(`api_key={{${keyVar}}}`);
  const lines = [
    `# ${PROVIDERS[e.provider].label} · ${e.summary} — ${statusLabel(e.status)}`,
    `# ${e.docsUrl}`,
    `# {{${keyVar}}} is filled in when you send, from the key stored for this origin only.`,
    `# In REST Client or httpYac, define ${keyVar} in an environment as {{$processEnv ${envVar}}}.`,
    `@baseUrl = ${baseUrl}`,
    '',
    '###',
    `${e.method === 'WS' ? 'WS' : e.method} {{baseUrl}}${path}${query.length ? `?${query.join('&')}` : ''}`,
  ];
  if (e.auth === 'x-api-key') lines.push(`X-API-Key: {{${keyVar}}}`);
  if (e.auth === 'bearer') lines.push(`Authorization: Bearer {{${keyVar}}}`);
  const body = e.exampleBody ?? (e.params.some((p) => p.in === 'body') || e.auth === 'body' ? {} : undefined);
  if (body !== undefined) {
    lines.push('Content-Type: application/json', '', JSON.stringify(e.auth === 'body' ? { api_key: `{{${keyVar}}}`, ...(body as object) } : body, null, 2));
  }
  return lines.join('\n') + '\n';
}

/** A sentence per problem code; the mapped type keeps it exhaustive, as a switch would. */
type Wording<P extends { readonly code: string }> = { readonly [C in P['code']]: (p: Extract<P, { readonly code: C }>) => string };

function wordWith<P extends { readonly code: string }>(wording: Wording<P>, p: P): string {
  return (wording[p.code as P['code']] as (p: P) => string)(p);
}

const REQUEST_PROBLEMS: Wording<RequestProblem> = {
  not_a_request: (p) => vscode.l10n.t('"{0}" is not a request line (METHOD URL).', p.text),
  unresolved_variable: (p) => vscode.l10n.t('The variable {{{0}}} is not defined in this file.', p.name),
  invalid_url: (p) => vscode.l10n.t('"{0}" is not an absolute URL.', p.url),
  unknown_endpoint: (p) =>
    p.allowed.length
      ? vscode.l10n.t('{0} {1} is not an endpoint; that path takes {2}.', p.method, p.path, p.allowed.join(', '))
      : vscode.l10n.t('{0} {1} is not an endpoint of the API.', p.method, p.path),
  missing_parameter: (p) => vscode.l10n.t('The required {0} parameter "{1}" is missing.', p.location, p.name),
  invalid_json: (p) => vscode.l10n.t('The body is not valid JSON: {0}', p.message),
  literal_key: (p) => vscode.l10n.t('{0} holds a key written out. Use the variable instead, so the request can be shared.', p.where),
  key_misplaced: (p) => vscode.l10n.t('The key variable is in the wrong place: this endpoint takes {0}.', p.expected),
  missing_key: (p) => vscode.l10n.t('This endpoint needs the key: add {{{0}}} where it goes.', p.variable),
  multipart_unsupported: () => vscode.l10n.t('Multipart uploads cannot be sent from the explorer; copy the request as code instead.'),
};

const OUTGOING_PROBLEMS: Wording<OutgoingProblem> = {
  invalid_json: (p) => vscode.l10n.t('Not valid JSON: {0}', p.detail),
  not_an_object: () => vscode.l10n.t('A message is one JSON object.'),
  no_type: () => vscode.l10n.t('The envelope needs a string "type" ("voice-translation" or "health").'),
};

/** What is wrong with a `.http` request, in a sentence. */
export function problemText(p: RequestProblem): string {
  return wordWith(REQUEST_PROBLEMS, p);
}

/** What is wrong with a WebSocket console message, in a sentence. */
export function outgoingProblemText(p: OutgoingProblem): string {
  return wordWith(OUTGOING_PROBLEMS, p);
}

export function formatBytes(n: number): string {
  return n < 1024
    ? vscode.l10n.t('{0} B', n)
    : n < 1048576
      ? vscode.l10n.t('{0} KB', (n / 1024).toFixed(1))
      : vscode.l10n.t('{0} MB', (n / 1048576).toFixed(1));
}
