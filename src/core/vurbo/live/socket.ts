// The live WebSocket (vurbo-vas.md §6): opened with the ticket as its only credential, its frames
// buffered until the session attaches, a refused upgrade turned into the catalogue's ApiError.
import type { IncomingMessage } from 'node:http';
import type WebSocketType from 'ws';
import { requireSibling } from '../../codeCache';
import { ApiError, catalogueEntry, parseErrorBody, transportError } from '../../errors';
import { joinUrl } from '../../providers';
import { TICKET_SUBPROTOCOL_PREFIX } from '../liveProtocol';

// ws is loaded on first use, like undici: activation does not pay for it.
let wsModule: typeof WebSocketType | undefined;
function loadWs(): typeof WebSocketType {
  return (wsModule ??= requireSibling('ws.js', () => require('ws') as typeof WebSocketType));
}

/** `wss://host/ws` for an https base URL, `ws://` for a loopback http one. */
export function liveSocketUrl(baseUrl: string): string {
  return joinUrl(baseUrl, '/ws').replace(/^http/i, 'ws');
}

export interface OpenSocketOptions {
  handshakeTimeoutMs?: number;
  userAgent?: string;
}

export interface LiveSocketHandlers {
  message(text: string, isBinary: boolean): void;
  /** A ping or pong frame: the server is there, whether or not it answers the JSON `health`. */
  alive?(): void;
  close(code: number, reason: string): void;
  error(error: unknown): void;
}

/**
 * An open live socket. Frames can arrive in the same packet as the handshake answer (a server that
 * refuses the ticket with an error frame does exactly that), so everything that happens before
 * `attach` is kept and replayed to the handlers.
 */
export class LiveSocket {
  private handlers: LiveSocketHandlers | undefined;
  private readonly backlog: ((h: LiveSocketHandlers) => void)[] = [];

  constructor(readonly ws: WebSocketType) {
    const deliver = (fn: (h: LiveSocketHandlers) => void) => (this.handlers ? fn(this.handlers) : this.backlog.push(fn));
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? `${(data as Buffer).length} bytes of binary data` : String(data);
      deliver((h) => h.message(text, isBinary));
    });
    ws.on('ping', () => deliver((h) => h.alive?.()));
    ws.on('pong', () => deliver((h) => h.alive?.()));
    ws.on('close', (code, reason) => deliver((h) => h.close(code, reason.toString('utf8'))));
    ws.on('error', (e) => deliver((h) => h.error(e)));
  }

  /** The subprotocol the server chose (the echoed `ticket.…`). */
  get protocol(): string {
    return this.ws.protocol;
  }

  get isOpen(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  attach(handlers: LiveSocketHandlers): void {
    this.handlers = handlers;
    for (const fn of this.backlog.splice(0)) fn(handlers);
  }

  send(text: string, done?: (err?: Error) => void): void {
    if (this.isOpen) this.ws.send(text, done ?? (() => undefined));
    else done?.(new Error('not open'));
  }

  /** A WebSocket ping frame; the answer arrives as `alive`. */
  ping(): void {
    if (this.isOpen) this.ws.ping();
  }

  close(code = 1000, reason?: string): void {
    if (this.isOpen) this.ws.close(code, reason);
    else this.ws.terminate();
  }

  terminate(): void {
    this.ws.terminate();
  }
}

/**
 * Opens the socket with the ticket as its only credential: no key in the URL or any header. A
 * rejected upgrade (HTTP 401/500 with the unified error body) becomes the catalogue's ApiError.
 */
export function openLiveSocket(baseUrl: string, ticket: string, options: OpenSocketOptions = {}): Promise<LiveSocket> {
  const WebSocket = loadWs();
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    const ws = new WebSocket(liveSocketUrl(baseUrl), [`${TICKET_SUBPROTOCOL_PREFIX}${ticket}`], {
      handshakeTimeout: options.handshakeTimeoutMs ?? 15_000,
      perMessageDeflate: false,
      followRedirects: false,
      headers: { 'user-agent': options.userAgent ?? 'speech-api-explorer' },
    });
    // Registered before the handshake so no early frame is lost.
    const socket = new LiveSocket(ws);
    ws.on('unexpected-response', (_req, res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if ((size += c.length) <= 64 * 1024) chunks.push(c);
      });
      const fail = () => {
        const status = res.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8');
        settle(() => reject(upgradeError(status, parseErrorBody('vurbo', status, text, { contentType: String(res.headers['content-type'] ?? '') }))));
        ws.terminate();
      };
      res.on('end', fail);
      res.on('error', fail);
    });
    ws.once('open', () => settle(() => resolve(socket)));
    ws.once('error', (e) => settle(() => reject(transportError('vurbo', e))));
    ws.once('close', () =>
      settle(() => reject(new ApiError({ provider: 'vurbo', code: 'network_error', serverMessage: 'The connection closed during the WebSocket handshake.' }))),
    );
  });
}

/**
 * The upgrade presents only the ticket, and the key was accepted for it a moment ago: a 401 that
 * names no documented code (a bare status, say) is about the ticket, so a fresh ticket is tried.
 */
function upgradeError(status: number, parsed: ApiError): ApiError {
  if (status !== 401 || catalogueEntry(parsed.code)?.source === 'documented') return parsed;
  return new ApiError({
    provider: 'vurbo',
    code: 'ticket_invalid',
    status,
    serverMessage: parsed.serverMessage ?? 'The WebSocket upgrade was refused with HTTP 401.',
  });
}
