// Sends one request of a `.http` document: checks it against the catalogue, fills the key in only
// when the request goes to the origin the key is stored for, and shows the answer (a read-only
// editor, or the event table for SSE). Every send lands in the history without its key.
import * as vscode from 'vscode';
import { parseHttpFile, type HttpFileRequest } from '../../core/explorer/httpFile';
import { prepareRequest, type PreparedRequest } from '../../core/explorer/prepare';
import { sendApiRequest } from '../../core/explorer/send';
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '../../core/providers';
import type { ConnectionSource } from '../shared/connection';
import { createHttpClient } from '../shared/settings';
import type { StreamRegistry } from '../shared/streams';
import type { Log } from '../shared/log';
import { EventTable } from './eventTable';
import type { RequestHistory } from './history';
import { problemText } from './presentation';
import type { ResponseDocuments } from './responses';

/** A refusal the user can act on; its message is already in words. */
export class RequestRefused extends Error {}

export interface SenderDeps {
  readonly connections: ConnectionSource;
  readonly history: RequestHistory;
  readonly responses: ResponseDocuments;
  readonly streams: StreamRegistry;
  readonly log: Log;
  /** The WebSocket console, for a `WS …/ws` request. */
  openWebSocket(): Promise<unknown>;
}

export interface SendOutcome {
  readonly status: number;
  readonly text?: string;
  readonly events?: number;
}

export function configuredBases(connections: ConnectionSource): Record<ProviderId, string> {
  const out = {} as Record<ProviderId, string>;
  for (const p of PROVIDER_IDS) {
    const base = connections.hosts.current(p).base;
    out[p] = base.ok ? base.baseUrl : PROVIDERS[p].defaultBaseUrl;
  }
  return out;
}

/** The request of `document` at `line` (the one whose block holds it), prepared. */
export function requestAt(
  document: vscode.TextDocument,
  line: number,
  connections: ConnectionSource,
): { source: HttpFileRequest; prepared: PreparedRequest; text: string } {
  const file = parseHttpFile(document.getText());
  const source = [...file.requests].reverse().find((r) => r.line <= line) ?? file.requests[0];
  if (!source) throw new RequestRefused(vscode.l10n.t('This file holds no request.'));
  const lines = document.getText().split(/\r?\n/);
  const next = file.requests.find((r) => r.line > source.line)?.line ?? lines.length;
  const header = lines.filter((l) => /^@\w/.test(l.trim()));
  const text = [...header, '', ...lines.slice(source.line, next).filter((l) => !l.startsWith('###'))].join('\n').trim() + '\n';
  return { source, prepared: prepareRequest(file, source, configuredBases(connections), (name) => process.env[name]), text };
}

export async function sendPrepared(deps: SenderDeps, prepared: PreparedRequest, requestText: string): Promise<SendOutcome> {
  if (prepared.problems.length) throw new RequestRefused(prepared.problems.map(problemText).join(' '));
  const { request, provider } = prepared;
  if (request.method === 'WS') {
    await deps.openWebSocket();
    return { status: 101 };
  }
  let key: string | undefined;
  let http = createHttpClient(provider, deps.log);
  if (request.auth !== 'none') {
    const conn = await deps.connections.connect(provider);
    const origin = new URL(request.url).origin;
    // Origin binding: the key goes only to the origin it was stored for, whatever the file says.
    if (origin !== conn.origin) {
      throw new RequestRefused(
        vscode.l10n.t(
          'No key was sent: this request goes to {0}, but your {1} key is stored for {2}. Point the request at {2}, or set a key for that host.',
          origin,
          PROVIDERS[provider].label,
          conn.origin,
        ),
      );
    }
    key = conn.key;
    http = conn.http;
  }
  const time = Date.now();
  if (request.response === 'sse') {
    const table = new EventTable(vscode.l10n.t('Events · {0} {1}', request.method, new URL(request.url).pathname));
    const abort = new AbortController();
    table.onDidStop(() => abort.abort());
    const streamId = `explorer:${time}`;
    const running = deps.streams.add({
      id: streamId,
      label: vscode.l10n.t('Explorer · {0}', new URL(request.url).pathname),
      kind: 'sse',
      stop: () => abort.abort(),
    });
    try {
      const res = await sendApiRequest(http, request, key, { signal: abort.signal, onEvent: (e) => (table.add(e), deps.streams.recordRaw(streamId, e)) });
      table.end(abort.signal.aborted ? vscode.l10n.t('stopped') : vscode.l10n.t('ended · HTTP {0}', res.status));
      await deps.history.add({ method: request.method, url: request.url, status: res.status, time, durationMs: res.durationMs, request: requestText });
      if (res.status >= 300) await deps.responses.show(request.method, res);
      return { status: res.status, events: res.events };
    } finally {
      running.dispose();
    }
  }
  const res = await sendApiRequest(http, request, key);
  await deps.history.add({ method: request.method, url: request.url, status: res.status, time, durationMs: res.durationMs, request: requestText });
  return { status: res.status, text: await deps.responses.show(request.method, res) };
}
