// The emulator's HTTP/WebSocket server: routing, JSON helpers, the access log and the fault knobs.
// Provider routes live in their own modules and register themselves through `EmulatorServer.route`.
// It listens on 127.0.0.1 only.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo, Socket } from 'node:net';
import { randomBytes } from 'node:crypto';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  /** Faults that apply to this request (already consumed from the plan). */
  fault: Fault | undefined;
  /** Reads the whole body (bounded) as a Buffer. */
  body(): Promise<Buffer>;
}

type RouteHandler = (ctx: RouteContext) => void | Promise<void>;
type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, url: URL, fault: Fault | undefined) => void;

/** One fault to inject into the next `times` matching requests. */
export interface FaultSpec {
  /** Substring or RegExp source matched against the request path (query excluded). */
  path: string;
  method?: Method;
  /** How many matching requests it applies to (default 1). */
  times?: number;
  /** Wait before answering (WebSocket: before the upgrade is looked at, so a ticket can expire meanwhile). */
  delayMs?: number;
  /** Answer with this status instead of the route (e.g. 429, 500, 502); a WebSocket upgrade is refused with it, with no body unless `body` is given. */
  status?: number;
  /** Retry-After header value in seconds (with status 429/503). */
  retryAfterSeconds?: number;
  /** Raw body for the status answer (e.g. an HTML proxy page); default is a provider-shaped JSON error. */
  body?: string;
  contentType?: string;
  /** Streams: destroy the socket after this many body bytes. */
  dropAfterBytes?: number;
  /** SSE: destroy the socket after this many events. */
  dropAfterEvents?: number;
  /** SSE: stop sending (without closing) after this many events. */
  stallAfterEvents?: number;
  /** SSE: replace event number N (0-based) with a malformed one. */
  malformedEventAt?: number;
  /** WebSocket: close the connection after this many server messages. */
  closeAfterMessages?: number;
}

export interface Fault extends FaultSpec {
  id: number;
  /** How many times the fault actually cut a stream (a byte cut past the end of a short response never fires). */
  fired?: number;
}

export interface AccessLogEntry {
  time: number;
  method: string;
  /** Path and query exactly as received. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  status?: number;
}

interface Route {
  method: Method;
  pattern: RegExp;
  keys: string[];
  handler: RouteHandler;
}

const MAX_BODY = 600 * 1024 * 1024;

export class EmulatorServer {
  readonly accessLog: AccessLogEntry[] = [];
  private readonly routes: Route[] = [];
  private readonly upgrades: { prefix: string; handler: UpgradeHandler }[] = [];
  private readonly faults: Fault[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly server: http.Server;
  private nextFaultId = 1;
  private port = 0;
  /** Bounded so a long chaos run cannot grow memory without limit. */
  accessLogLimit = 20_000;
  /** Runs after each request that may have changed something (not GET/HEAD), and when a WebSocket closes. */
  onMutation: (() => void) | undefined;

  constructor(private readonly shape: { flatVurboErrors?: boolean } = {}) {
    this.server = http.createServer((req, res) => {
      if (this.shape.flatVurboErrors) (res as FlatErrorsResponse)[FLAT_ERRORS] = true;
      void this.dispatch(req, res);
    });
    this.server.on('upgrade', (req, socket, head) => this.dispatchUpgrade(req, socket, head));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.keepAliveTimeout = 5_000;
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.server.once('error', onError);
      this.server.listen(port, '127.0.0.1', () => (this.server.off('error', onError), resolve()));
    });
    this.port = (this.server.address() as AddressInfo).port;
    return this.port;
  }

  /**
   * Listens on `port` if it becomes free within `waitMs` (a sandbox that is going away may still
   * hold it for a moment), else on any free port.
   */
  async listenPreferring(port: number, waitMs: number): Promise<number> {
    const until = Date.now() + waitMs;
    for (;;) {
      try {
        return await this.listen(port);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
        if (Date.now() >= until) return this.listen(0);
        await delay(100);
      }
    }
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Registers a route; `:name` segments become params. */
  route(method: Method, path: string, handler: RouteHandler): void {
    const keys: string[] = [];
    const source = path
      .split('/')
      .map((part) => {
        if (part.startsWith(':')) {
          keys.push(part.slice(1));
          return '([^/]+)';
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), keys, handler });
  }

  onUpgrade(prefix: string, handler: UpgradeHandler): void {
    this.upgrades.push({ prefix, handler });
  }

  addFault(spec: FaultSpec): Fault {
    const fault = { ...spec, times: spec.times ?? 1, id: this.nextFaultId++ };
    this.faults.push(fault);
    return fault;
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  /** Takes the first fault matching this request, decrementing its count. */
  takeFault(method: string, path: string): Fault | undefined {
    const i = this.faults.findIndex((f) => (!f.method || f.method === method) && matches(f.path, path));
    if (i < 0) return undefined;
    const f = this.faults[i];
    f.times = (f.times ?? 1) - 1;
    if (f.times <= 0) this.faults.splice(i, 1);
    return f;
  }

  private log(req: IncomingMessage): AccessLogEntry {
    const entry: AccessLogEntry = { time: Date.now(), method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers } };
    this.accessLog.push(entry);
    if (this.accessLog.length > this.accessLogLimit) this.accessLog.splice(0, this.accessLog.length - this.accessLogLimit);
    return entry;
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const entry = this.log(req);
    res.on('finish', () => {
      entry.status = res.statusCode;
      if (req.method !== 'GET' && req.method !== 'HEAD') this.onMutation?.();
    });
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    try {
      const fault = this.takeFault(method, url.pathname);
      if (fault?.delayMs) await delay(fault.delayMs);
      if (fault?.status) {
        sendFault(res, fault, url.pathname);
        return;
      }
      for (const route of this.routes) {
        if (route.method !== method) continue;
        const m = route.pattern.exec(url.pathname);
        if (!m) continue;
        const params: Record<string, string> = {};
        route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])));
        if (fault?.dropAfterBytes !== undefined) applyByteDrop(res, fault);
        await route.handler({ req, res, url, params, fault, body: () => readBody(req) });
        return;
      }
      notFound(res, url.pathname);
    } catch (e) {
      if (!res.headersSent) {
        sendJson(res, 500, { type: 'error', data: { error_code: 'internal_error', severity: 'error', message: String((e as Error).message ?? e) } });
      } else {
        res.destroy();
      }
    }
  }

  private dispatchUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.log(req);
    socket.once('close', () => this.onMutation?.());
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const up = this.upgrades.find((u) => url.pathname === u.prefix || url.pathname.startsWith(u.prefix + '/'));
    if (!up) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const fault = this.takeFault('GET', url.pathname);
    if (fault?.status !== undefined) {
      // A refused upgrade: a bare status unless the fault gives a body (a server may send no JSON here).
      const body = fault.body ?? '';
      socket.end(
        `HTTP/1.1 ${fault.status} Refused\r\nContent-Type: ${fault.contentType ?? 'text/plain'}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    // A delayed upgrade: what was valid when the client asked (a ticket) may have expired by now.
    if (fault?.delayMs) setTimeout(() => (socket.destroyed ? undefined : up.handler(req, socket, head, url, fault)), fault.delayMs);
    else up.handler(req, socket, head, url, fault);
  }
}

function matches(pattern: string, path: string): boolean {
  if (path.includes(pattern)) return true;
  try {
    return new RegExp(pattern).test(path);
  } catch {
    return false;
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify((res as FlatErrorsResponse)[FLAT_ERRORS] ? flattened(body) : body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Marks a response of an emulator started with `vurboErrorShape: 'flat'` (on the response, so emulators share nothing). */
const FLAT_ERRORS = Symbol('flatVurboErrors');
type FlatErrorsResponse = ServerResponse & { [FLAT_ERRORS]?: true };

/** `{type: 'error', data: {error_code, message, …}}` as the flat `{error_code, message}` (§9). */
function flattened(body: unknown): unknown {
  const b = body as { type?: unknown; data?: { error_code?: unknown; message?: unknown } } | undefined;
  if (b?.type !== 'error' || typeof b.data?.error_code !== 'string') return body;
  return { error_code: b.data.error_code, message: b.data.message };
}

export function sendText(res: ServerResponse, status: number, text: string | Buffer, contentType: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Provider-shaped error for an injected status: Valossa paths get `{errors}`, the rest Vurbo's unified envelope. */
function sendFault(res: ServerResponse, fault: Fault, path: string): void {
  const status = fault.status!;
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
  if (fault.body !== undefined) {
    sendText(res, status, fault.body, fault.contentType ?? 'text/html; charset=utf-8', headers);
    return;
  }
  const message = status === 429 ? 'Too many requests' : status === 402 ? 'Monthly budget exceeded' : `Injected ${status}`;
  if (path.startsWith('/core/')) {
    sendJson(res, status, { errors: [{ message }] }, headers);
  } else {
    const code = status === 429 ? 'rate_limited' : status === 402 ? 'auth_budget_exceeded' : status >= 500 ? 'internal_error' : 'injected_error';
    sendJson(res, status, vurboError(code, message), headers);
  }
}

export function vurboError(code: string, message: string, severity: 'fatal' | 'error' | 'warning' = 'error', extra: Record<string, unknown> = {}): unknown {
  return {
    type: 'error',
    data: {
      error_code: code,
      severity,
      message,
      context: code.split('_')[0],
      request_id: `req_${randomBytes(6).toString('hex')}`,
      timestamp: new Date().toISOString(),
      details: null,
      ...extra,
    },
  };
}

function notFound(res: ServerResponse, path: string): void {
  if (path.startsWith('/core/')) sendJson(res, 404, { errors: [{ message: 'Not found' }] });
  else sendJson(res, 404, vurboError('not_found', `No route for ${path}`));
}

function applyByteDrop(res: ServerResponse, fault: Fault): void {
  const limit = fault.dropAfterBytes ?? 0;
  let sent = 0;
  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const cut = (chunk: unknown): boolean => {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk ?? ''));
    const room = limit - sent;
    if (room <= 0) return true;
    if (buf.length >= room) {
      write(buf.subarray(0, room));
      sent = limit;
      fault.fired = (fault.fired ?? 0) + 1;
      // Let the partial bytes leave before the reset, so the client sees a torn stream.
      setImmediate(() => res.socket?.destroy());
      return true;
    }
    sent += buf.length;
    return false;
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => (cut(chunk) ? true : write(chunk, ...rest))) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (chunk !== undefined && typeof chunk !== 'function' && cut(chunk)) return res;
    return end(chunk, ...rest);
  }) as typeof res.end;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
