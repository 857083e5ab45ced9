// The one-time ticket a live connection presents instead of the key (vurbo-vas.md §2.2).
import type { ApiEndpoint } from '../../endpoint';
import { ApiError } from '../../errors';
import { redactor } from '../../redact';
import { VurboClient } from '../client';

export interface TicketGrant {
  readonly ticket: string;
  readonly expiresInSeconds: number;
}

/**
 * `POST /api/v1/auth/ticket` with the key header, through the one Vurbo call path (a 200 carrying the
 * error envelope is that error); the ticket is registered with the redactor at once.
 */
export async function fetchTicket(endpoint: ApiEndpoint, signal?: AbortSignal): Promise<TicketGrant> {
  const res = await new VurboClient(endpoint).call<Record<string, unknown>>('POST', '/auth/ticket', { signal });
  // DOCUMENTED top-level `{ticket, expires_in}`; a `data` wrapper is tolerated.
  const body = res.body;
  const d = (typeof body.data === 'object' && body.data !== null ? body.data : body) as Record<string, unknown>;
  if (typeof d.ticket !== 'string' || d.ticket.length < 8) {
    throw new ApiError({ provider: 'vurbo', code: 'unexpected_response', status: res.status, serverMessage: 'The ticket response has no ticket.' });
  }
  redactor.addSecret(d.ticket);
  return { ticket: d.ticket, expiresInSeconds: typeof d.expires_in === 'number' ? d.expires_in : 60 };
}
