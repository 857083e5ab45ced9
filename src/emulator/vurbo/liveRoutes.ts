// The HTTP side of the emulated live service: POST /api/v1/auth/ticket and the `/ws` upgrade with
// the `ticket.…` subprotocol.
//
// Ticket errors (EMULATOR CHOICE, the docs do not say how they arrive): by default the upgrade is
// refused with the table's HTTP status (401/500) and the unified error body. With
// `settings.ticketRejection = 'frame'` the upgrade succeeds, one error frame is sent and the socket
// closes with 1008. The client handles both.
import { randomAlphanumeric } from '../keys';
import type { ResolvedOptions } from '../options';
import { sendJson, vurboError, type EmulatorServer } from '../server';
import type { LiveService } from './liveService';
import { TICKET_MESSAGES } from './liveTickets';
import { authenticateVurbo } from './requests';

export function registerLiveRoutes(server: EmulatorServer, options: ResolvedOptions, live: LiveService): void {
  server.route('POST', '/api/v1/auth/ticket', (ctx) => {
    const apiKey = authenticateVurbo(ctx, options);
    if (!apiKey) return;
    const ticket = randomAlphanumeric(32);
    live.tickets.remember(ticket, apiKey, options.ticketTtlMs);
    // DOCUMENTED: top-level, not wrapped in `data`; expires_in is always 60.
    sendJson(ctx.res, 200, { ticket, expires_in: Math.ceil(options.ticketTtlMs / 1000) });
  });

  server.onUpgrade('/ws', (req, socket, head, _url, fault) => {
    const offered = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const ticket = offered.find((p) => p.startsWith('ticket.'))?.slice('ticket.'.length);
    const outcome = live.tickets.redeem(ticket);
    if ('code' in outcome && live.settings.ticketRejection === 'http') {
      const body = JSON.stringify(vurboError(outcome.code, TICKET_MESSAGES[outcome.code], 'fatal', { context: 'ticket' }));
      const reason = outcome.status === 500 ? 'Internal Server Error' : 'Unauthorized';
      socket.end(
        `HTTP/1.1 ${outcome.status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    live.upgrade(req, socket, head, outcome, fault);
  });
}
