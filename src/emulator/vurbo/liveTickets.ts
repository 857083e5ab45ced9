// One-time WebSocket tickets of the emulated live service (vurbo-vas.md §2.2): issued with a TTL,
// redeemed atomically on the upgrade (the first use wins, every later one is a replay).

export const TICKET_MESSAGES: Readonly<Record<string, string>> = {
  ticket_invalid: 'Invalid or expired ticket',
  ticket_expired: 'Ticket has expired',
  ticket_already_used: 'Ticket has already been used',
  ticket_validation_failed: 'Ticket validation service error',
};

export type Redemption = { apiKey: string } | { code: string; status: number };

export class LiveTickets {
  /** Every ticket issued, in order (tests: fresh ticket per connection). */
  readonly issued: string[] = [];
  /** Every ticket presented on an upgrade, in order. */
  readonly presented: string[] = [];
  private readonly grants = new Map<string, { apiKey: string; expiresAt: number }>();
  /** Used tickets, so a replay is told apart from an unknown ticket (bounded). */
  private readonly used = new Set<string>();
  private validationFailures = 0;

  remember(ticket: string, apiKey: string, ttlMs: number): void {
    this.grants.set(ticket, { apiKey, expiresAt: Date.now() + ttlMs });
    this.issued.push(ticket);
  }

  /** The next `times` redemptions fail with ticket_validation_failed (HTTP 500). */
  failValidation(times: number): void {
    this.validationFailures += times;
  }

  redeem(ticket: string | undefined): Redemption {
    if (this.validationFailures > 0) {
      this.validationFailures--;
      return { code: 'ticket_validation_failed', status: 500 };
    }
    if (!ticket) return { code: 'ticket_invalid', status: 401 };
    this.presented.push(ticket);
    if (this.used.has(ticket)) return { code: 'ticket_already_used', status: 401 };
    const grant = this.grants.get(ticket);
    if (!grant) return { code: 'ticket_invalid', status: 401 };
    this.grants.delete(ticket);
    this.used.add(ticket);
    if (this.used.size > 10_000) this.used.delete(this.used.values().next().value as string);
    if (grant.expiresAt < Date.now()) return { code: 'ticket_expired', status: 401 };
    return { apiKey: grant.apiKey };
  }
}
